"""`restore` replaces only an ssi-tui database, and `backup` writes only a new file.

Each case was found in the wild: `restore` replaced another program's SQLite file (exit 0);
`--db notes.txt restore` or a folder gave a traceback and left a 0-byte `*.before-restore-*`
file; the restored file kept mode 0644; reading the backup left `-wal` and `-shm` files beside
it; `backup` wrote through a dangling symbolic link; and a damaged database, the very reason
to restore, could not be replaced.
"""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

from tests.cli import run


def journal_counts(db: Path) -> list[tuple[str, int]]:
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT activity, count FROM journal ORDER BY activity").fetchall()
    finally:
        conn.close()


def a_backup(folder: Path) -> Path:
    """A database with one comment logged, and a backup of it."""
    source = folder / "source.db"
    assert run(source, "log", "comment", "4")[0] == 0
    backup = folder / "backup.db"
    assert run(source, "backup", str(backup))[0] == 0
    return backup


def other_programs_database(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (body TEXT)")
    conn.execute("INSERT INTO notes VALUES ('shopping list')")
    conn.commit()
    conn.close()


def names_in(folder: Path) -> set[str]:
    return {path.name for path in folder.iterdir()}


def test_restore_leaves_another_programs_database_alone(tmp_path: Path) -> None:
    backup = a_backup(tmp_path)
    target = tmp_path / "notes.sqlite"
    other_programs_database(target)
    before, listed = target.read_bytes(), names_in(tmp_path)
    assert run(target, "restore", str(backup)) == (
        2,
        f"ssi-tui: {target} is an SQLite database of another program; it was left untouched.\n",
    )
    assert target.read_bytes() == before
    assert names_in(tmp_path) == listed


def test_restore_over_a_text_file_or_a_folder_is_refused_with_nothing_left(
    tmp_path: Path,
) -> None:
    backup = a_backup(tmp_path)
    text = tmp_path / "notes.txt"
    text.write_text("my notes\n")
    folder = tmp_path / "a-folder"
    folder.mkdir()
    listed = names_in(tmp_path)
    assert run(text, "restore", str(backup)) == (
        2,
        f"ssi-tui: {text} is not an SQLite database; it was left untouched.\n",
    )
    assert run(folder, "restore", str(backup)) == (
        2,
        f"ssi-tui: {folder} is a directory, not a database file.\n",
    )
    assert text.read_text() == "my notes\n"
    assert names_in(tmp_path) == listed  # no 0-byte .before-restore file


def test_the_restored_file_is_private_and_the_backup_is_left_as_it_was(tmp_path: Path) -> None:
    backup = a_backup(tmp_path)
    db = tmp_path / "ssi.db"
    assert run(db, "log", "reaction", "9")[0] == 0
    db.chmod(0o644)  # as an older version, or a copy made with cp, left it
    backup_bytes = backup.read_bytes()
    status, output = run(db, "restore", str(backup))
    assert status == 0 and output.startswith(f"Restored {backup}; the previous database is kept")
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
    assert journal_counts(db) == [("comment", 4)]
    assert backup.read_bytes() == backup_bytes
    assert not (tmp_path / "backup.db-wal").exists()
    assert not (tmp_path / "backup.db-shm").exists()


def test_reading_an_older_wal_mode_backup_leaves_nothing_beside_it(tmp_path: Path) -> None:
    backup = a_backup(tmp_path)
    conn = sqlite3.connect(backup)  # backups of earlier versions were in WAL mode
    conn.execute("PRAGMA journal_mode=WAL")
    conn.close()
    db = tmp_path / "ssi.db"
    assert run(db, "restore", str(backup))[0] == 0
    assert journal_counts(db) == [("comment", 4)]
    assert sorted(name for name in names_in(tmp_path) if name.startswith("backup.db")) == [
        "backup.db"
    ]


def test_backup_does_not_write_through_a_dangling_link(tmp_path: Path) -> None:
    db = tmp_path / "ssi.db"
    assert run(db, "log", "comment", "1")[0] == 0
    link = tmp_path / "backup.db"
    elsewhere = tmp_path / "elsewhere.db"
    link.symlink_to(elsewhere)
    assert run(db, "backup", str(link)) == (
        2,
        f"ssi-tui: {link} is a symbolic link; name a new file.\n",
    )
    assert not elsewhere.exists()
    assert link.is_symlink()


def test_a_damaged_database_is_kept_byte_for_byte_and_replaced(
    demo_db_path: Path, tmp_path: Path
) -> None:
    """Restoring is the remedy for damage: it used to fail copying the damaged file aside."""
    backup = a_backup(tmp_path)
    conn = sqlite3.connect(demo_db_path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    (root,) = conn.execute(
        "SELECT rootpage FROM sqlite_master WHERE name = 'journal_by_activity'"
    ).fetchone()
    conn.close()
    damaged = bytearray(demo_db_path.read_bytes())
    damaged[root * page_size - 40] ^= 0x10  # a key inside the index's cells
    demo_db_path.write_bytes(bytes(damaged))
    conn = sqlite3.connect(demo_db_path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok"
    conn.close()
    status, output = run(demo_db_path, "restore", str(backup))
    assert status == 0, output
    kept = next(tmp_path.glob("demo.db.before-restore-*"))
    assert kept.read_bytes() == bytes(damaged)
    assert journal_counts(demo_db_path) == [("comment", 4)]
