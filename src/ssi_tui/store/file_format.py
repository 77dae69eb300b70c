"""What makes a file an ssi-tui database, and the checks made before SQLite may write to it.

Shared by opening (`database.py`), backups and restores (`backup.py`) and the schema
(`schema.py`), which import it and not each other.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from ssi_tui.store.connections import SharedFileConnection, connect, is_open_here
from ssi_tui.store.errors import DatabaseError

MIGRATION_SET = "ssi_tui"
"""The name under which sqlite-utils records our migrations in `_sqlite_migrations`."""
MIGRATION_NAMES = (
    "m001_initial",
    "m002_analytics",
    "m003_drafts",
    "m004_journal_revision",
    "m005_value_ranges",
    "m006_post_names",
    "m007_draft_track_record",
)
"""Every migration in `schema.py`, in order (a test keeps the two lists equal): knowing them
here lets an up-to-date file open without importing sqlite-utils."""

APPLICATION_ID = 0x53534954
"""`PRAGMA application_id` stamped on our files ("SSIT"), so foreign databases are refused."""

SQLITE_MAGIC = b"SQLite format 3\x00"


def check_existing_file(path: Path) -> None:
    """Refuse anything that is not an SQLite file, before SQLite can touch it.

    A file this process already has open through SQLite was checked when it was opened, and
    reading it with `open()` now would drop SQLite's locks on it (see `connections`).
    """
    if path.is_dir():
        raise DatabaseError(f"{path} is a directory, not a database file.")
    if path.exists() and not path.is_file():  # a FIFO or a device would block or never end
        raise DatabaseError(f"{path} is not a regular file, so it cannot be a database.")
    if is_open_here(path):
        return
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_MAGIC))
    except OSError as error:
        raise DatabaseError(f"Cannot read {path}: {error.strerror or error}.") from error
    if header and header != SQLITE_MAGIC:
        raise DatabaseError(f"{path} is not an SQLite database; it was left untouched.")


def refuse_if_foreign(conn: sqlite3.Connection, path: Path) -> None:
    if is_foreign(conn):
        raise DatabaseError(
            f"{path} is an SQLite database of another program; it was left untouched."
        )


def is_foreign(conn: sqlite3.Connection) -> bool:
    """True for a database with tables that ssi-tui did not create."""
    application_id = conn.execute("PRAGMA application_id").fetchone()[0]
    if application_id == APPLICATION_ID:
        return False
    has_tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
    return bool(has_tables)


def is_read_only(path: Path) -> bool:
    """True for an existing file that this process cannot write, or whose folder it cannot
    write (SQLite keeps its `-wal` and `-shm` files there): a mounted backup, a file of
    another user, a read-only share."""
    try:
        return path.is_file() and not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK))
    except OSError:
        return False


def read_only_connection(path: Path, *, any_thread: bool = False) -> SharedFileConnection:
    """A connection that only reads `path` and leaves nothing beside it.

    In a folder that cannot be written, a WAL-mode file is read as immutable: SQLite could not
    create its shared-memory file there, and nobody can be writing it. A `-wal` file already
    there (left by a crash) holds saved changes, so it is read the ordinary way instead.
    """
    immutable = not os.access(path.parent, os.W_OK) and not Path(f"{path}-wal").exists()
    return connect(path, read_only=True, immutable=immutable, any_thread=any_thread)
