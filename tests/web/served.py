"""`ssi-tui serve` in a process of its own, and a headless Chromium tab on it.

What the tab shows is read the way the page draws it: every byte the page's websocket
receives goes through a terminal emulator (pyte) of the size the page asked for, so the
assertions are on the screen's text, not on the app's internals.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

CHROMIUM = os.environ.get("SSI_TUI_CHROMIUM", "/usr/bin/chromium")
REQUIRE_BROWSER = "SSI_TUI_REQUIRE_BROWSER"
"""Set by .ci/run: there, a missing browser fails the test instead of skipping it."""
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
]
"""Headless Chromium that makes no requests of its own (updates, sync, field trials)."""
START_TIMEOUT_S = 60.0


def browser_or_skip() -> None:
    """Skip when Chromium or Playwright is missing, unless CI requires them."""
    missing = []
    if not (Path(CHROMIUM).is_file() or shutil.which(CHROMIUM)):
        missing.append(f"Chromium at {CHROMIUM}")
    try:
        import playwright.sync_api  # noqa: F401
        import pyte  # noqa: F401
    except ImportError:
        missing.append("playwright and pyte (the test extra)")
    if not missing:
        return
    message = "needs " + " and ".join(missing) + " (apt-get install chromium)"
    if os.environ.get(REQUIRE_BROWSER):
        pytest.fail(message)
    pytest.skip(message)


def descendants(pid: int) -> list[int]:
    """Every process started by `pid`, and by those, from /proc (Linux)."""
    found: list[int] = []
    children = Path(f"/proc/{pid}/task/{pid}/children")
    for child in children.read_text().split() if children.exists() else []:
        found += [int(child), *descendants(int(child))]
    return found


def running(pid: int) -> bool:
    """Alive and not a zombie waiting to be reaped."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state != "Z"


@dataclass
class Server:
    """A running `ssi-tui serve` and what it printed."""

    process: subprocess.Popen[str]
    url: str
    data: Path
    lines: list[str]

    @property
    def origin(self) -> str:
        parts = urlsplit(self.url)
        return f"{parts.scheme}://{parts.netloc}"

    def stop(self) -> int:
        """Ctrl+C, as a user stops it; its exit status (what it printed since is in `lines`)."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        try:
            status = self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise
        assert self.process.stdout is not None
        self.lines += self.process.stdout.readlines()
        return status


@contextmanager
def serving(
    *arguments: str, env: dict[str, str] | None = None, browser: bool = False
) -> Iterator[Server]:
    """`ssi-tui serve --no-browser ARGUMENTS` (without --no-browser if `browser`), until the
    block ends."""
    options = [] if browser else ["--no-browser"]
    process = subprocess.Popen(
        [sys.executable, "-m", "ssi_tui", "serve", *options, *arguments],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, **(env or {})},
    )
    assert process.stdout is not None
    lines: list[str] = []
    url = data = None
    while url is None:
        line = process.stdout.readline()
        if not line:
            raise AssertionError(f"ssi-tui serve ended before serving: {''.join(lines)}")
        lines.append(line)
        if line.startswith("Data: "):
            data = line.removeprefix("Data: ").split(" (")[0].strip()
        if line.startswith("ssi-tui is open at "):
            url = line.removeprefix("ssi-tui is open at ").strip()
    assert data is not None, lines
    server = Server(process, url, Path(data), lines)
    try:
        yield server
    finally:
        if process.poll() is None:
            server.stop()


@dataclass
class Tab:
    """A Chromium tab on the served page: its requests, and the screen its terminal shows."""

    page: Any
    requests: list[str] = field(default_factory=list)
    _screen: Any = None
    _stream: Any = None

    def attach(self) -> None:
        import pyte

        self._screen = pyte.Screen(80, 24)
        self._stream = pyte.ByteStream(self._screen)
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("websocket", self._watch)

    def _watch(self, websocket: Any) -> None:
        self.requests.append(websocket.url)
        size = parse_qs(urlsplit(websocket.url).query)
        self._resize(int(size["width"][0]), int(size["height"][0]))
        websocket.on("framereceived", self._received)
        websocket.on("framesent", self._sent)

    def _resize(self, columns: int, lines: int) -> None:
        self._screen.resize(lines=lines, columns=columns)

    def _received(self, payload: bytes | str) -> None:
        if isinstance(payload, bytes):  # terminal output; text frames are the page's own
            self._stream.feed(payload)

    def _sent(self, payload: bytes | str) -> None:
        if isinstance(payload, str):
            message = json.loads(payload)
            if message[0] == "resize":
                self._resize(message[1]["width"], message[1]["height"])

    def text(self) -> str:
        return "\n".join(line.rstrip() for line in self._screen.display)

    def wait_for(self, *shown: str, timeout: float = START_TIMEOUT_S) -> str:
        """The screen once it shows every one of `shown` (the page's events are pumped)."""
        return self.wait_until(lambda text: all(part in text for part in shown), timeout, shown)

    def wait_until(
        self, condition: Callable[[str], bool], timeout: float = 30.0, what: Any = None
    ) -> str:
        deadline = time.monotonic() + timeout
        while True:
            text = self.text()
            if condition(text):
                return text
            if time.monotonic() > deadline:
                raise AssertionError(f"the tab never showed {what!r}; it shows:\n{text}")
            self.page.wait_for_timeout(100)  # lets Playwright deliver the frames meanwhile

    def drawn(self) -> None:
        """Wait two animation frames: what the screen text shows is then on the canvas."""
        self.page.evaluate(
            "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
        )

    def press(self, *keys: str) -> None:
        for key in keys:
            self.page.keyboard.press(key)


@contextmanager
def tab_on(url: str, *, width: int = 1280, height: int = 800) -> Iterator[Tab]:
    """A fresh headless Chromium (no profile, no network of its own) showing `url`."""
    with tabs_on(url, 1, width=width, height=height) as (tab,):
        yield tab


@contextmanager
def tabs_on(url: str, count: int, *, width: int = 1280, height: int = 800) -> Iterator[list[Tab]]:
    """`count` tabs of one headless Chromium, each showing `url`."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            context = browser.new_context(viewport={"width": width, "height": height})
            tabs = [Tab(context.new_page()) for _ in range(count)]
            for tab in tabs:
                tab.attach()
                tab.page.goto(url)
            yield tabs
        finally:
            browser.close()
