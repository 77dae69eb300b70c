"""Commands wait for another program's write, say so, and past their patience refuse cleanly.

Another process holds a real write transaction on the file (as `sqlite3`, Datasette or a
second ssi-tui would) while the commands people type run in processes of their own.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.conftest import DEMO_END
from tests.importers.export_builders import comments_csv
from tests.processes import hold_write_lock, ssi_tui, start_ssi_tui

pytestmark = pytest.mark.slow  # processes wait out locks held for 2 to 20 s

WAITING = "Waiting for the database: another program is writing to it…"


def value(db: Path, sql: str) -> object:
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        row = conn.execute(sql).fetchone()
        return row[0] if row else None
    finally:
        conn.close()


def integrity(db: Path) -> str:
    return str(value(db, "PRAGMA integrity_check"))


Written = Callable[[Path], bool]

DAY = DEMO_END.isoformat()
COMMANDS: dict[str, tuple[list[str], Written]] = {
    "log --set": (
        ["log", "message", "42", "--set"],
        lambda db: (
            value(
                db,
                f"SELECT count FROM journal WHERE date = '{DAY}' "
                "AND activity = 'message' AND source = 'manual'",
            )
            == 42
        ),
    ),
    "log": (
        ["log", "comment", "3"],
        lambda db: (
            value(
                db,
                f"SELECT count FROM journal WHERE date = '{DAY}' "
                "AND activity = 'comment' AND source = 'manual'",
            )
            == 3
        ),
    ),
    "ssi add": (
        [
            "ssi",
            "add",
            "--brand",
            "20",
            "--people",
            "15",
            "--insights",
            "12",
            "--relationships",
            "18",
            "--date",
            "2026-05-30",
        ],
        lambda db: value(db, "SELECT total FROM readings WHERE date = '2026-05-30'") == 65,
    ),
    "import": (
        ["import", "{csv}"],
        lambda db: value(db, "SELECT count(*) FROM imports") == 1,
    ),
    "targets": (
        ["targets", "comment", "15"],
        lambda db: value(db, "SELECT target FROM weekly_targets WHERE activity = 'comment'") == 15,
    ),
    "ssi target": (
        ["ssi", "target", "82"],
        lambda db: value(db, "SELECT value FROM settings WHERE key = 'target_ssi'") == "82",
    ),
    "activity add": (
        ["activity", "add", "webinar", "--pillar", "brand"],
        lambda db: value(db, "SELECT pillar FROM activity_types WHERE key = 'webinar'") == "brand",
    ),
}


def arguments(name: str, tmp_path: Path) -> list[str]:
    csv = tmp_path / "Comments.csv"
    if not csv.exists():
        comments_csv(csv, 20)
    return [part.replace("{csv}", str(csv)) for part in COMMANDS[name][0]]


@pytest.fixture
def shared_db(db_path: Path) -> Path:
    done = ssi_tui(db_path, "targets")  # creates and migrates the file, as a first use would
    assert done.returncode == 0, done.stderr
    return db_path


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_a_command_waits_out_a_two_second_lock(name: str, shared_db: Path, tmp_path: Path) -> None:
    lock = hold_write_lock(shared_db, 60.0)
    command = start_ssi_tui(shared_db, *arguments(name, tmp_path))
    assert command.stderr is not None
    said = command.stderr.readline()  # the command is waiting for the lock
    lock.release(after_seconds=2.0)
    _, errors = command.communicate(timeout=60)
    assert (said + errors).strip() == WAITING
    assert command.returncode == 0
    assert COMMANDS[name][1](shared_db)
    assert integrity(shared_db) == "ok"


def test_commands_refuse_a_lock_held_past_their_patience(shared_db: Path, tmp_path: Path) -> None:
    lock = hold_write_lock(shared_db, 60.0)
    started = {name: start_ssi_tui(shared_db, *arguments(name, tmp_path)) for name in COMMANDS}
    outcomes = {name: process.communicate(timeout=60) for name, process in started.items()}
    for name, process in started.items():
        _, errors = outcomes[name]
        assert process.returncode == 2, (name, errors)
        lines = errors.strip().splitlines()
        assert lines[0] == WAITING, (name, errors)
        assert lines[1:] == [
            "ssi-tui: The database stayed busy for 10 s (another program was writing to it); "
            "nothing was saved: try again when it is done."
        ], (name, errors)
        assert not COMMANDS[name][1](shared_db), name
    lock.release(after_seconds=20.0)
    assert integrity(shared_db) == "ok"


def test_two_identical_imports_at_once_both_succeed(shared_db: Path, tmp_path: Path) -> None:
    csv = comments_csv(tmp_path / "Comments.csv", 25)
    imports = [start_ssi_tui(shared_db, "import", str(csv)) for _ in range(2)]
    for process in imports:
        _, errors = process.communicate(timeout=120)
        assert process.returncode == 0, errors
        assert "Traceback" not in errors
    once = tmp_path / "once.db"
    assert ssi_tui(once, "import", str(csv)).returncode == 0
    total = "SELECT sum(count) FROM journal WHERE activity = 'comment'"
    assert value(shared_db, total) == value(once, total) == 25
    assert value(shared_db, "SELECT count(*) FROM imports") == 2
    assert integrity(shared_db) == "ok"


@pytest.mark.parametrize("held", [2.0, 20.0])
def test_a_restore_waits_for_the_lock_like_a_write(
    held: float, shared_db: Path, tmp_path: Path
) -> None:
    """SQLite's backup into a locked file would retry for ever, silently."""
    backup = tmp_path / "before.db"
    assert ssi_tui(shared_db, "backup", str(backup)).returncode == 0
    assert ssi_tui(shared_db, "ssi", "target", "90").returncode == 0
    lock = hold_write_lock(shared_db, 60.0)
    restore = start_ssi_tui(shared_db, "restore", str(backup))
    assert restore.stderr is not None
    said = restore.stderr.readline()
    lock.release(after_seconds=held)
    _, errors = restore.communicate(timeout=60)
    target = value(shared_db, "SELECT value FROM settings WHERE key = 'target_ssi'")
    if held < 10:
        assert (restore.returncode, (said + errors).strip(), target) == (0, WAITING, "75")
    else:
        assert restore.returncode == 2
        assert (said + errors).strip().splitlines() == [
            WAITING,
            "ssi-tui: The database stayed busy for 10 s (another program was writing to it); "
            "nothing was saved: try again when it is done.",
        ]
        assert target == "90"
    assert integrity(shared_db) == "ok"
