"""While SQLite has a database open, nothing else in the process may open its files.

Closing any descriptor of a file drops every POSIX lock the process holds on it, SQLite's
included; the guard in store/connections.py makes that mistake impossible.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from ssi_tui.cli import cli
from ssi_tui.store.connections import FileInUse, is_open_here
from ssi_tui.store.database import IntegrityCheck, open_connection, open_database


@pytest.mark.opens_database_outside_sqlite
def test_an_open_database_cannot_be_opened_behind_sqlite(db_path: Path) -> None:
    db = open_database(db_path)
    db.execute("CREATE TABLE IF NOT EXISTS t (x)")
    for name in (db_path, Path(f"{db_path}-wal"), Path(f"{db_path}-shm")):
        with pytest.raises(FileInUse) as refused:
            name.open("rb")
        assert refused.value.strerror == (
            "it is a database file that ssi-tui has open, and only SQLite may open it"
        )
    with pytest.raises(FileInUse):
        os.open(db_path, os.O_RDONLY)
    with pytest.raises(FileInUse):
        (db_path.parent / "." / db_path.name).read_bytes()  # another spelling of the file
    db.close()
    assert not is_open_here(db_path)
    assert db_path.read_bytes().startswith(b"SQLite format 3\x00")


@pytest.mark.opens_database_outside_sqlite
def test_the_guard_lasts_while_any_connection_is_open(db_path: Path) -> None:
    first, second = open_connection(db_path), open_connection(db_path)
    first.close()
    with pytest.raises(FileInUse):
        db_path.open("rb")
    second.close()
    db_path.open("rb").close()


def test_opening_again_while_open_reads_no_header(db_path: Path) -> None:
    """The app's background work opens the file while the app's connection is open."""
    app_connection = open_connection(db_path)
    check = IntegrityCheck(db_path)
    worker = open_database(db_path)
    check.confirm()
    worker.close()
    app_connection.close()


def test_other_files_are_not_guarded(db_path: Path, tmp_path: Path) -> None:
    db = open_database(db_path)
    other = tmp_path / "notes.txt"
    other.write_text("pipeline review")
    assert other.read_text() == "pipeline review"
    db.close()


@pytest.mark.opens_database_outside_sqlite
def test_a_database_named_like_a_companion_is_guarded_too(tmp_path: Path) -> None:
    path = tmp_path / "notes-journal"
    db = open_database(path)
    with pytest.raises(FileInUse):
        path.open("rb")
    db.close()


def test_a_restore_from_the_database_itself_is_refused(db_path: Path) -> None:
    open_database(db_path).close()
    result = CliRunner().invoke(cli, ["--db", str(db_path), "restore", str(db_path)])
    assert result.exit_code == 2
    assert result.output.strip() == (
        f"ssi-tui: {db_path} is the database itself; name a backup file to restore."
    )
