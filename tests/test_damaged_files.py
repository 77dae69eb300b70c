"""A damaged database is refused before anything is written into it, or read without a crash.

A byte changed in an index page passes SQLite's quick check; the full check finds it. The
sweep flips bytes across every page of a small history and runs what people run next.
"""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest
from tests.cli import run
from tests.conftest import DEMO_END
from tests.tui.settle import until
from textual.widgets import Static

READERS = [["journal", "--json"], ["estimate", "--json"], ["plan"], ["ssi", "list"], ["posts"]]


def page_layout(db: Path) -> tuple[int, int, int]:
    """Page size, page count, and the first page of the journal's index."""
    conn = sqlite3.connect(db)
    try:
        size = conn.execute("PRAGMA page_size").fetchone()[0]
        count = conn.execute("PRAGMA page_count").fetchone()[0]
        (root,) = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'journal_by_activity'"
        ).fetchone()
        return size, count, root
    finally:
        conn.close()


def flip(db: Path, offset: int, mask: int = 0x01) -> None:
    data = bytearray(db.read_bytes())
    data[offset] ^= mask
    db.write_bytes(bytes(data))


def pragma(db: Path, name: str) -> str:
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return str(conn.execute(f"PRAGMA {name}").fetchone()[0])
    finally:
        conn.close()


def test_a_damaged_index_is_refused_before_a_write(demo_db_path: Path) -> None:
    size, _, root = page_layout(demo_db_path)
    flip(demo_db_path, (root - 1) * size + size - 40, 0x10)  # a key inside the index's cells
    assert pragma(demo_db_path, "quick_check") == "ok"
    assert pragma(demo_db_path, "integrity_check") != "ok"
    before = demo_db_path.read_bytes()
    status, output = run(demo_db_path, "log", "comment", "1")
    assert status == 2
    assert output.startswith(f"ssi-tui: {demo_db_path} is damaged (SQLite says: ")
    assert output.endswith("restore a backup with 'ssi-tui restore PATH'.\n")
    assert demo_db_path.read_bytes() == before


def test_a_damaged_backup_is_not_restored(demo_db_path: Path, tmp_path: Path) -> None:
    backup = tmp_path / "backup.db"
    assert run(demo_db_path, "backup", str(backup))[0] == 0
    size, _, root = page_layout(backup)
    flip(backup, (root - 1) * size + size - 40, 0x10)
    before = demo_db_path.read_bytes()
    status, output = run(demo_db_path, "restore", str(backup))
    assert status == 2
    assert output.startswith(f"ssi-tui: {backup} is damaged (SQLite says: ")
    assert demo_db_path.read_bytes() == before


@pytest.mark.slow  # a process per flipped byte
def test_byte_flips_across_every_page_are_refused_or_read_never_written_into(
    demo_db_path: Path, tmp_path: Path
) -> None:
    pristine = demo_db_path.read_bytes()
    size, pages, _ = page_layout(demo_db_path)
    chance = random.Random(DEMO_END.toordinal())
    damaged = tmp_path / "damaged.db"
    refused = accepted = 0
    for page in range(1, pages):  # page 0 holds the header, refused by its own check
        for where in (8, chance.randrange(size), size - 1 - chance.randrange(64)):
            for companion in (Path(f"{damaged}-wal"), Path(f"{damaged}-shm")):
                companion.unlink(missing_ok=True)
            data = bytearray(pristine)
            data[page * size + where] ^= 1 << chance.randrange(8)
            damaged.write_bytes(bytes(data))
            status, output = run(damaged, "log", "comment", "1")
            if status == 2:
                refused += 1
                assert damaged.read_bytes() == bytes(data), (page, where, output)
                continue
            assert status == 0, (page, where, output)
            accepted += 1
            for reader in READERS:
                status, output = run(damaged, *reader)
                assert status in (0, 2), (page, where, reader, output)
    assert refused > 0 and accepted > 0  # both happen: some bytes are free space


async def test_the_app_checks_a_large_file_in_full_after_its_first_frame(
    demo_db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A large file gets the quick check at start-up (the full one would delay the first
    frame); the full one follows, and a damaged file is written no more."""
    from ssi_tui.app import make_app
    from ssi_tui.store import database

    monkeypatch.setattr(database, "FULL_CHECK_MAX_BYTES", 0)  # as if it held decades
    conn = sqlite3.connect(demo_db_path)
    conn.execute("PRAGMA journal_mode=WAL")  # as the app leaves its files (the copy is not)
    conn.close()
    size, _, root = page_layout(demo_db_path)
    flip(demo_db_path, (root - 1) * size + size - 40, 0x10)
    before = demo_db_path.read_bytes()
    app = make_app(demo_db_path, today=DEMO_END)
    async with app.run_test(size=(100, 30)) as pilot:
        # Not `settle`: it waits for a paint that a damaged file never completes.
        status = app.query_one("#database-status", Static)
        await until(pilot, lambda: status.display)
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = str(status.render())
        assert text.startswith(f"{demo_db_path} is damaged (SQLite says: ")
        assert text.endswith("quit, and restore a backup with 'ssi-tui restore PATH'.")
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("plus")
        await pilot.pause()
        assert [n.message for n in app._notifications][-1] == text
    assert demo_db_path.read_bytes() == before


def test_a_backup_that_fails_leaves_no_file_behind(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk once left a 0-byte backup, and the retry was refused as "already exists"."""
    from ssi_tui.store import backup

    assert run(db_path, "log", "comment", "1")[0] == 0

    def disk_full(*_: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    working = backup.copy_pages
    monkeypatch.setattr(backup, "copy_pages", disk_full)
    target = tmp_path / "backup.db"
    status, output = run(db_path, "backup", str(target))
    assert (status, output) == (
        2,
        "ssi-tui: The disk is full, so nothing was saved: free some space and try again.\n",
    )
    assert sorted(tmp_path.glob("backup.db*")) == []
    monkeypatch.setattr(backup, "copy_pages", working)
    assert run(db_path, "backup", str(target))[0] == 0  # the retry is not refused
