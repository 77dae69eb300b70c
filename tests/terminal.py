"""The real app in a real terminal (tmux), driven by keys as a person would drive it.

Each `TerminalApp` has a tmux server of its own, so tests never see each other's screens, and
the shell around the app stays open after the app exits so that whatever it printed last
(a traceback, say) can still be read.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

PATIENCE_SECONDS = 60.0
"""The most any wait for the screen may take; a slow CI machine stays well inside it."""


class TerminalApp:
    """`ssi-tui` running in a 120×40 tmux window."""

    def __init__(self, workdir: Path, arguments: list[str], env: dict[str, str]) -> None:
        self.exit_file = workdir / "app.exit"
        self.socket = f"ssi-test-{os.getpid()}-{time.monotonic_ns()}"
        exports = " ".join(f"{key}={shlex.quote(value)}" for key, value in env.items())
        command = " ".join(shlex.quote(part) for part in [sys.executable, "-m", "ssi_tui"])
        command += " " + " ".join(shlex.quote(part) for part in arguments)
        # COLUMNS and LINES (set in the test process by the snapshot plugin's console) would
        # override the terminal's real size.
        script = (
            f"env -u COLUMNS -u LINES {exports} {command}; "
            f"echo $? > {shlex.quote(str(self.exit_file))}; sleep 600"
        )
        self._tmux("new-session", "-d", "-s", "app", "-x", "120", "-y", "40", script)
        self._tmux("set-option", "-t", "app", "history-limit", "5000")

    def _tmux(self, *arguments: str) -> str:
        done = subprocess.run(
            ["tmux", "-L", self.socket, *arguments],
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        )
        return done.stdout

    def screen(self) -> str:
        """What the terminal shows now."""
        return self._tmux("capture-pane", "-p", "-t", "app")

    def scrollback(self) -> str:
        """Everything the terminal printed, the screen included."""
        return self._tmux("capture-pane", "-p", "-S", "-", "-t", "app")

    def press(self, *keys: str) -> None:
        for key in keys:
            self._tmux("send-keys", "-t", "app", key)

    def type(self, text: str) -> None:
        self._tmux("send-keys", "-t", "app", "-l", text)

    def wait_for(self, condition: str | Callable[[str], bool], what: str = "") -> str:
        """The screen, once it shows `condition` (a regular expression, or a test of the text)."""
        test = condition if callable(condition) else re.compile(condition).search
        deadline = time.monotonic() + PATIENCE_SECONDS
        while True:
            shown = self.screen()
            if test(shown):
                return shown
            if self.exit_file.exists() or time.monotonic() > deadline:
                pytest.fail(f"the app never showed {what or condition!r}:\n{self.scrollback()}")
            time.sleep(0.05)

    def exit_status(self) -> int:
        """Wait for the app to end; its exit status."""
        deadline = time.monotonic() + PATIENCE_SECONDS
        while not self.exit_file.exists() or not self.exit_file.read_text().strip():
            if time.monotonic() > deadline:
                pytest.fail(f"the app did not end:\n{self.scrollback()}")
            time.sleep(0.05)
        return int(self.exit_file.read_text())

    def quit(self) -> int:
        self.press("q")
        return self.exit_status()

    def pid(self) -> int:
        """The app's process (the shell's child in the tmux pane)."""
        shell = int(self._tmux("display-message", "-p", "-t", "app", "#{pane_pid}").strip())
        children = subprocess.run(
            ["pgrep", "-P", str(shell)], capture_output=True, text=True, check=False
        ).stdout.split()
        apps = [int(child) for child in children if "ssi_tui" in _command_line(int(child))]
        assert len(apps) == 1, children
        return apps[0]

    def kill(self, signal_number: int) -> None:
        """Send the app a signal and wait for it to end."""
        pid = self.pid()
        os.kill(pid, signal_number)
        _wait_until_gone(pid)

    def close_terminal(self) -> None:
        """Close the terminal under the running app (as closing its window does)."""
        pid = self.pid()
        self.close()
        _wait_until_gone(pid)

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True, check=False)


def _wait_until_gone(pid: int) -> None:
    deadline = time.monotonic() + PATIENCE_SECONDS
    while Path(f"/proc/{pid}").exists() and "ssi_tui" in _command_line(pid):
        if time.monotonic() > deadline:
            pytest.fail(f"process {pid} did not end")
        time.sleep(0.05)


def _command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


@contextmanager
def app_in_terminal(
    workdir: Path, db: Path, env: dict[str, str] | None = None
) -> Iterator[TerminalApp]:
    """`ssi-tui --db DB` in a terminal of its own, closed (and killed if need be) afterwards."""
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    app = TerminalApp(workdir, ["--db", str(db)], env or {})
    try:
        yield app
    finally:
        app.close()


def count_on_journal_card(screen: str, label: str) -> int:
    """The day's count of one activity as the Journal card shows it ('·' is none)."""
    match = re.search(rf"^\s*{re.escape(label)}\s+\w+\s+(\S+)", screen, re.MULTILINE)
    assert match, f"{label!r} is not on the screen:\n{screen}"
    return 0 if match.group(1) == "·" else int(match.group(1))
