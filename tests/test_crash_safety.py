"""An import killed at any moment leaves every file fully imported or not at all."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlite_utils import Database
from tests.importers.export_builders import csv_bytes, zip_bytes

ROWS_PER_FILE = 40_000
POSTS = 6_000


def big_archive(path: Path) -> None:
    """An invented export whose files take long enough to write to be killed in the middle."""
    start = datetime(2024, 1, 1, 8, 0, 0)
    stamps = [
        (start + timedelta(minutes=7 * i)).strftime("%Y-%m-%d %H:%M:%S")
        for i in range(ROWS_PER_FILE)
    ]
    link = "https://www.linkedin.com/feed/update/urn:li:activity:{0}"
    share = "https://www.linkedin.com/feed/update/urn:li:share:{0}"
    shares = [["Date", "ShareLink", "ShareCommentary", "SharedUrl", "MediaUrl", "Visibility"]]
    shares += [
        [s, share.format(i), f"Post {i} about pipeline reviews", "", "", "MEMBER_NETWORK"]
        for i, s in enumerate(stamps[:POSTS])
    ]
    files = {
        "Shares.csv": csv_bytes(shares),
        "Comments.csv": csv_bytes(
            [["Date", "Link", "Message"]]
            + [[s, link.format(i), f"Note {i}"] for i, s in enumerate(stamps)]
        ),
        "Reactions.csv": csv_bytes(
            [["Date", "Type", "Link"]] + [[s, "LIKE", link.format(i)] for i, s in enumerate(stamps)]
        ),
        "SearchQueries.csv": csv_bytes(
            [["Time", "Search Query"]] + [[s, f"vp sales {i}"] for i, s in enumerate(stamps)]
        ),
    }
    path.write_bytes(zip_bytes(files))


def state(path: Path) -> tuple[dict[str, int], int, int]:
    """Journal totals per source, posts, and files in the import log."""
    database = Database(path)
    try:
        if "imports" not in database.table_names():
            return {}, 0, 0  # killed before the schema was created: nothing was written
        rows = database.query("SELECT source, sum(count) AS n FROM journal GROUP BY source")
        journal = {row["source"]: row["n"] for row in rows}
        posts = database.execute("SELECT count(*) FROM posts").fetchone()[0]
        logged = database.execute("SELECT count(*) FROM imports").fetchone()[0]
        return journal, posts, logged
    finally:
        database.close()


def run_import(archive: Path, db: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "SSI_TUI_DB": str(db)}
    command = [sys.executable, "-m", "ssi_tui", "import", str(archive)]
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def kill_while_writing(archive: Path, db: Path, delay: float) -> None:
    """Start an import and kill it `delay` seconds after it starts writing the database."""
    process = run_import(archive, db)
    deadline = time.monotonic() + 120
    while not db.exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.002)
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)


@pytest.mark.slow  # imports killed with SIGKILL, then finished
def test_sigkill_during_an_import_never_leaves_half_a_file(tmp_path: Path) -> None:
    archive = tmp_path / "Complete_LinkedInDataExport_01-01-2025.zip"
    big_archive(archive)
    reference = tmp_path / "reference.db"
    assert run_import(archive, reference).wait(timeout=300) == 0
    complete_journal, complete_posts, files = state(reference)
    assert complete_posts == POSTS and files == 4
    interrupted = 0
    for delay in (0.0, 0.05, 0.15, 0.3, 0.6, 1.0):
        db = tmp_path / f"killed-{delay}.db"
        kill_while_writing(archive, db, delay)
        assert Database(db).execute("PRAGMA quick_check").fetchone()[0] == "ok"
        journal, posts, logged = state(db)
        for source, count in journal.items():
            assert count == complete_journal[source], f"{source} half imported ({delay} s)"
        assert posts in (0, complete_posts), f"half the posts imported ({delay} s)"
        done = len(journal) + (posts == complete_posts) - ("import:shares" in journal)
        assert done == logged, "the import log says exactly what went in"
        interrupted += logged < files
        assert run_import(archive, db).wait(timeout=300) == 0, "running it again finishes the job"
        assert state(db)[:2] == (complete_journal, complete_posts)
    assert interrupted >= 2, "the kills landed while the import was writing"


KILLED_AFTER_CONFIRMING = """
import asyncio, os, signal, sys
from datetime import date
from pathlib import Path
from ssi_tui.app import make_app

async def main():
    app = make_app(Path(sys.argv[1]), today=date(2026, 6, 1))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("down", "down", "plus", "plus", "plus")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("#note-input").value = "typed, then the machine died"
        await pilot.press("enter")
        pane = app.query_one("#journal-pane")
        while "typed, then the machine died" not in pane.view.day_notes.values():
            await pilot.pause(0.01)  # killed as soon as the card shows the note, not later
        os.kill(os.getpid(), signal.SIGKILL)

asyncio.run(main())
"""


@pytest.mark.slow  # an app process killed with SIGKILL
def test_a_crash_in_the_app_keeps_every_confirmed_entry(tmp_path: Path) -> None:
    db = tmp_path / "crash.db"
    result = subprocess.run(
        [sys.executable, "-c", KILLED_AFTER_CONFIRMING, str(db)],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == -signal.SIGKILL
    database = Database(db)
    rows = list(database.query("SELECT activity, count, note FROM journal"))
    database.close()
    assert rows == [
        {"activity": "profile_update", "count": 3, "note": "typed, then the machine died"}
    ]
