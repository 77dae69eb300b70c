"""An import killed at any moment leaves every file fully imported or not at all."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

from sqlite_utils import Database
from tests.importers.export_builders import csv_bytes, zip_bytes

ROWS_PER_FILE = 40_000


def big_archive(path: Path) -> None:
    """An invented export whose files are large enough to be killed in the middle of."""
    start = datetime(2024, 1, 1, 8, 0, 0)
    stamps = [
        (start + timedelta(minutes=7 * i)).strftime("%Y-%m-%d %H:%M:%S")
        for i in range(ROWS_PER_FILE)
    ]
    link = "https://www.linkedin.com/feed/update/urn:li:activity:{0}"
    files = {
        "Comments.csv": csv_bytes(
            [["Date", "Link", "Message"]]
            + [[s, link.format(i), f"Note {i}"] for i, s in enumerate(stamps)]
        ),
        "Reactions.csv": csv_bytes(
            [["Date", "Type", "Link"]] + [[s, "LIKE", link.format(i)] for i, s in enumerate(stamps)]
        ),
        "Votes.csv": csv_bytes(
            [["Date", "Link", "OptionText"]]
            + [[s, link.format(i), "Yes"] for i, s in enumerate(stamps)]
        ),
        "SearchQueries.csv": csv_bytes(
            [["Time", "Search Query"]] + [[s, f"vp sales {i}"] for i, s in enumerate(stamps)]
        ),
    }
    path.write_bytes(zip_bytes(files))


def totals(path: Path) -> dict[str, int]:
    database = Database(path)
    try:
        rows = database.query("SELECT source, sum(count) AS n FROM journal GROUP BY source")
        return {row["source"]: row["n"] for row in rows}
    finally:
        database.close()


def run_import(archive: Path, db: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "SSI_TUI_DB": str(db)}
    command = [sys.executable, "-m", "ssi_tui", "import", str(archive)]
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def test_sigkill_during_an_import_never_leaves_half_a_file(tmp_path: Path) -> None:
    archive = tmp_path / "Complete_LinkedInDataExport_01-01-2025.zip"
    big_archive(archive)
    reference = tmp_path / "reference.db"
    started = time.perf_counter()
    assert run_import(archive, reference).wait(timeout=300) == 0
    duration = time.perf_counter() - started
    complete = totals(reference)
    assert set(complete) == {
        "import:comments",
        "import:reactions",
        "import:votes",
        "import:search_queries",
    }
    for fraction in (0.35, 0.55, 0.75, 0.9):
        db = tmp_path / f"killed-{fraction}.db"
        process = run_import(archive, db)
        time.sleep(duration * fraction)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        if not db.exists():
            continue
        database = Database(db)
        assert database.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        database.close()
        for source, count in totals(db).items():
            assert count == complete[source], f"{source} half imported after a kill at {fraction}"
        assert run_import(archive, db).wait(timeout=300) == 0, "the import can simply be run again"
        assert totals(db) == complete


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
        await pilot.pause()
        os.kill(os.getpid(), signal.SIGKILL)

asyncio.run(main())
"""


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
