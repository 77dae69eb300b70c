"""`ssi-tui serve` for real: a server process, headless Chromium, and the shell beside it."""

from __future__ import annotations

import os
import sqlite3
import time
import urllib.error
import urllib.request
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from served import browser_or_skip, descendants, running, serving, tab_on, tabs_on

from processes import ssi_tui

pytestmark = pytest.mark.slow
SCREENSHOT_TO = "SSI_TUI_SERVE_SCREENSHOT"
"""A path to keep the tab's screenshot at (docs/images/serve.png is made so)."""


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code


def _count(db: Path, day: date, activity: str) -> int:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        row = conn.execute(
            "SELECT coalesce(sum(count), 0) FROM journal WHERE date = ? AND activity = ?",
            [day.isoformat(), activity],
        ).fetchone()
    finally:
        conn.close()
    return int(row[0])


def test_a_tab_logs_and_drafts_beside_the_shell_and_asks_nothing_of_other_hosts(
    tmp_path: Path,
) -> None:
    browser_or_skip()
    day = date.fromisoformat(os.environ["SSI_TUI_TODAY"])
    with serving("--demo") as server, tab_on(server.url) as tab:
        tab.wait_for("Target 75: 12 to go", "1 Score")  # the Score pane, as in the terminal
        tab.page.click("#terminal")

        tab.press("2")
        tab.wait_for("Streak", "What's left this week")
        before = _count(server.data, day, "post")
        tab.press("c")
        tab.wait_for("Count: Post published on Monday 01 June")
        tab.page.keyboard.type("7")
        tab.press("Enter")
        tab.wait_for("Post published on Mon 01 Jun: 7. u undoes it.")
        assert (before, _count(server.data, day, "post")) == (0, 7)

        # The shell writes to the same file while the tab is open: both entries are kept,
        # and the tab shows the shell's without being asked.
        comments = _count(server.data, day, "comment")
        logged = ssi_tui(server.data, "log", "comment", "3")
        assert logged.returncode == 0, logged.stderr
        assert _count(server.data, day, "comment") == comments + 3
        assert _count(server.data, day, "post") == 7
        tab.wait_until(
            lambda text: any(
                line.split()[:1] == ["Comment"] and str(comments + 3) in line.split()
                for line in text.splitlines()
            ),
            what=f"Comment at {comments + 3}",
        )

        tab.press("Control+p")
        tab.wait_for("Search for commands", "Export as CSV")  # the palette, with ours
        tab.page.keyboard.type("screensh")
        palette = tab.wait_until(
            lambda text: "screensh" in text and ("No matches" in text or "Screenshot" in text),
            what="the palette's answer to 'screensh'",
        )
        assert "Screenshot" not in palette  # a download, which the tab cannot take
        tab.press("Escape")
        tab.wait_until(lambda text: "screensh" not in text, what="the palette closed")

        tab.press("4")
        tab.page.keyboard.type("Three lessons from a year of cold outreach. What would you add?")
        tab.wait_until(
            lambda text: (
                "Characters 63 / 3,000" in text
                and "short of the 900–1,200" in text  # the advice on this draft, not on none
                and "u undoes it." not in text
            ),  # the count's toast has gone
            what="the draft's analysis",
        )
        tab.drawn()
        screenshot = tab.page.screenshot(path=str(tmp_path / "served.png"))
        if os.environ.get(SCREENSHOT_TO):
            Path(os.environ[SCREENSHOT_TO]).write_bytes(screenshot)

        origin = urlsplit(server.url)
        hosts = {urlsplit(url).hostname for url in tab.requests}
        assert hosts == {origin.hostname} == {"127.0.0.1"}, tab.requests
        assert any("/static/fonts/" in url for url in tab.requests)  # the font is the server's

        # Ctrl+C with the tab still open: the tab's app ends with the server, none is left
        # behind holding the file, and the page says the session ended.
        sessions = descendants(server.process.pid)
        assert sessions, "each tab runs the app in a process of the server's"
        assert server.stop() == 0
        assert [pid for pid in sessions if running(pid)] == []
        said = "".join(server.lines)
        assert "Traceback" not in said and "Exception ignored" not in said, said
        tab.page.wait_for_selector("body.-closed", state="attached")
        assert "session has ended" in tab.page.inner_text("body")

    assert screenshot[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(screenshot) > 20_000  # a drawn page, not a blank one
    assert not server.data.exists()  # the demo history went with the server


def test_without_the_token_every_path_is_refused() -> None:
    """No browser needed: what another user on this machine could try with curl."""
    with serving("--demo") as server:
        token = urlsplit(server.url).path.strip("/")
        assert _status(server.url) == 200
        for path in ("/", "/ws", "/static/js/textual.js", f"/{token[:-1]}/", "/favicon.ico"):
            assert _status(server.origin + path) == 403, path
        wrong_host = urllib.request.Request(
            server.url, headers={"Host": f"example.com:{urlsplit(server.url).port}"}
        )
        try:
            urllib.request.urlopen(wrong_host, timeout=10)
            refused = 200
        except urllib.error.HTTPError as error:
            refused = error.code
        assert refused == 403
        assert server.stop() == 0


def test_the_browser_is_given_a_private_file_not_the_link(tmp_path: Path) -> None:
    """A browser's command line is visible to every user of the machine: the token must not
    be on it. The browser gets a file only this user can read, which leads to the link."""
    opened = tmp_path / "opened.txt"
    browser = tmp_path / "browser"
    browser.write_text(f'#!/bin/sh\nprintf "%s" "$1" > "{opened}"\n')
    browser.chmod(0o755)
    with serving("--demo", browser=True, env={"BROWSER": str(browser)}) as server:
        token = urlsplit(server.url).path.strip("/")
        for _ in range(300):
            if opened.exists():
                break
            time.sleep(0.1)  # the server opens the browser after it started listening
        argument = opened.read_text()
        assert argument.startswith("file:///") and token not in argument
        page = Path(urlsplit(argument).path)
        assert page.stat().st_mode & 0o777 == 0o600
        assert server.url in page.read_text()
        assert server.stop() == 0
    assert not page.exists()  # gone with the server


def test_each_tab_is_a_session_of_its_own() -> None:
    """Two tabs, two apps: a pane changed in one is not changed in the other, and closing a
    tab ends its app alone."""
    browser_or_skip()
    with serving("--demo") as server, tabs_on(server.url, 2) as (first, second):
        for tab in (first, second):
            tab.wait_for("Target 75: 12 to go")
        apps = [pid for pid in descendants(server.process.pid) if running(pid)]
        assert len(apps) == 2
        first.page.click("#terminal")
        first.press("3")
        first.wait_for("47 posts · your median engagement")
        assert "Target 75: 12 to go" in second.text()  # still on its Score pane
        first.page.close()
        second.wait_until(
            lambda _: [pid for pid in apps if running(pid)] != apps, what="the first app ended"
        )
        assert sum(running(pid) for pid in apps) == 1
        assert "Target 75: 12 to go" in second.text()
