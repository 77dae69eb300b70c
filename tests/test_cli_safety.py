"""Backups, restores, damaged files and the guarantees of "Your data"."""

from __future__ import annotations

import json
import sqlite3
import stat
from pathlib import Path

from click.testing import CliRunner
from sqlite_utils import Database
from tests.processes import run_bare_ssi_tui

from ssi_tui.cli import cli
from ssi_tui.store.database import open_database


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def comments(path: Path) -> int:
    database = Database(path)
    try:
        return int(database.execute("SELECT coalesce(sum(count), 0) FROM journal").fetchone()[0])
    finally:
        database.close()


def test_backup_then_restore_keeps_the_previous_file(tmp_path: Path) -> None:
    run("log", "comments", "3")
    copy = tmp_path / "backup.db"
    code, out, _ = run("backup", str(copy))
    assert code == 0 and out.strip() == f"Backed up to {copy}."
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    code, _, err = run("backup", str(copy))
    assert code == 2 and "already exists" in err
    run("log", "comments", "4")
    assert comments(tmp_path / "default.db") == 7
    code, out, _ = run("restore", str(copy))
    assert code == 0 and "the previous database is kept as" in out
    assert comments(tmp_path / "default.db") == 3
    kept = next(tmp_path.glob("default.db.before-restore-*"))
    assert comments(kept) == 7
    assert json.loads(run("journal", "--json")[1])[0]["count"] == 3


def test_restore_refuses_what_is_not_a_healthy_ssi_tui_database(tmp_path: Path) -> None:
    run("log", "comments", "2")
    notes = tmp_path / "notes.txt"
    notes.write_text("not a database")
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE invoices (id INTEGER)")
    conn.commit()
    conn.close()
    for source, message in (
        (notes, "is not an SQLite database"),
        (other, "is not an ssi-tui database"),
        (tmp_path / "missing.db", "There is no backup file"),
    ):
        code, out, err = run("restore", str(source))
        assert code == 2 and message in err and out == ""
    assert comments(tmp_path / "default.db") == 2


def damaged_database(path: Path) -> bytes:
    """Write an ssi-tui database with a page overwritten by junk; return its bytes."""
    database = open_database(path)
    database.table("posts").insert_all(
        {"id": f"p{i}", "text": "x" * 400, "updated_at": "2026-01-01"} for i in range(300)
    )
    database.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    database.close()
    data = bytearray(path.read_bytes())
    page = 4096
    data[page * 5 : page * 5 + 200] = b"\xff" * 200
    path.write_bytes(bytes(data))
    return bytes(data)


def test_a_damaged_database_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "damaged.db"
    before = damaged_database(path)
    code, out, err = run("--db", str(path), "journal")
    assert code == 2 and out == ""
    assert "is damaged" in err or "cannot be used" in err
    assert path.read_bytes() == before


def test_a_migration_is_preceded_by_an_automatic_backup(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    database = open_database(path)
    database.execute("DROP TABLE drafts")
    database.execute("DELETE FROM _sqlite_migrations WHERE name = 'm003_drafts'")
    database.close()
    assert run("--db", str(path), "journal")[0] == 0
    backups = list(tmp_path.glob("old.db.backup-*-before-m003_drafts"))
    assert len(backups) == 1
    assert "drafts" not in Database(backups[0]).table_names()
    assert "drafts" in Database(path).table_names()


def test_the_app_refuses_a_damaged_database_in_one_sentence_and_leaves_it(tmp_path: Path) -> None:
    """`ssi-tui` alone checks the file beside its start-up, and still reads nothing damaged."""
    path = tmp_path / "damaged.db"
    before = damaged_database(path)
    result = run_bare_ssi_tui(path)
    assert result.returncode == 2
    assert result.stderr.startswith(f"ssi-tui: {path} is damaged (SQLite says:")
    assert "Traceback" not in result.stderr + result.stdout
    assert path.read_bytes() == before
