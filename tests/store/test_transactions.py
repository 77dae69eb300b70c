"""Write transactions: IMMEDIATE, nested as savepoints, and waiting with a bound."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from sqlite_utils import Database
from tests.processes import hold_write_lock

from ssi_tui.store import settings
from ssi_tui.store.database import open_database
from ssi_tui.store.transactions import DatabaseBusy, writing


def target_in_file(db: Database) -> int:
    return settings.get_target(db)


def test_a_block_commits_and_a_failing_block_writes_nothing(db: Database) -> None:
    with writing(db):
        settings.set_target(db, 80)
    assert target_in_file(db) == 80
    with pytest.raises(RuntimeError), writing(db):
        settings.set_target(db, 90)
        raise RuntimeError("the user's change was refused")
    assert target_in_file(db) == 80
    assert not db.conn.in_transaction


def test_a_failing_inner_block_leaves_the_outer_one_whole(db: Database) -> None:
    with writing(db):
        settings.set_target(db, 70)
        with pytest.raises(ValueError):
            settings.set_target(db, 0)  # refused inside its own savepoint
        settings.set_weekly_target(db, "comment", 12)
    assert target_in_file(db) == 70
    assert settings.weekly_targets(db)["comment"] == 12


def test_a_writer_says_it_waits_then_gives_up_past_its_patience(db_path: Path) -> None:
    db = open_database(db_path)
    said: list[str] = []
    db.conn.on_wait = lambda: said.append("waiting")  # type: ignore[attr-defined]
    lock = hold_write_lock(db_path, 60.0)
    began = time.monotonic()
    with pytest.raises(DatabaseBusy) as busy, writing(db, patience=1.0):
        settings.set_target(db, 60)
    waited = time.monotonic() - began
    lock.release()
    assert said == ["waiting"]
    assert 1.0 <= waited < 5.0
    assert str(busy.value) == (
        "The database stayed busy for 1 s (another program was writing to it); "
        "nothing was saved: try again when it is done."
    )
    with writing(db, patience=1.0):
        settings.set_target(db, 60)
    assert target_in_file(db) == 60
    db.close()


def test_a_blink_of_patience_does_not_announce_a_wait(db_path: Path) -> None:
    db = open_database(db_path)
    said: list[str] = []
    db.conn.on_wait = lambda: said.append("waiting")  # type: ignore[attr-defined]
    lock = hold_write_lock(db_path, 60.0)
    with pytest.raises(DatabaseBusy), writing(db, patience=0.1):
        settings.set_target(db, 60)
    lock.release()
    db.close()
    assert said == []
