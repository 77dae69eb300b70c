"""Backups and restores through SQLite's own backup API: consistent even while the app runs."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from ssi_tui.store.connections import connect, file_identity
from ssi_tui.store.database import (
    APPLICATION_ID,
    SQLITE_MAGIC,
    DatabaseError,
    create_private_file,
)
from ssi_tui.store.transactions import QUIET_WAIT_SECONDS, WRITE_PATIENCE_SECONDS, DatabaseBusy

Waiting = Callable[[], None] | None
"""Called once when a copy has to wait for another program's write (to say so)."""


def stamp() -> str:
    return datetime.now().strftime("%Y%m%d-%H%M%S")


def copy_pages(
    source: sqlite3.Connection, destination: sqlite3.Connection, on_wait: Waiting = None
) -> None:
    """SQLite's backup of `source` into `destination`, in one step.

    Python's backup retries a locked file for ever; this one says it waits, as the writers
    do, and gives up with `DatabaseBusy` after the same patience.
    """
    started = time.monotonic()
    said = False

    def progress(status: int, remaining: int, total: int) -> None:
        nonlocal said
        if status not in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
            return
        waited = time.monotonic() - started
        if waited > WRITE_PATIENCE_SECONDS:
            raise DatabaseBusy(WRITE_PATIENCE_SECONDS)
        if not said and waited > QUIET_WAIT_SECONDS and on_wait is not None:
            on_wait()
            said = True

    source.backup(destination, progress=progress, sleep=0.05)


def copy_database(source: sqlite3.Connection, target: Path, on_wait: Waiting = None) -> None:
    """Write a consistent copy of `source` to `target` (a new file, readable by its owner only),
    checked in full; a copy that fails (a full disk, a busy file, damage) is removed, so that
    trying again is not refused as "already exists"."""
    create_private_file(target)
    try:
        destination = connect(target)
        try:
            copy_pages(source, destination, on_wait)
            verdict = destination.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            destination.close()
        if verdict != "ok":
            raise DatabaseError(f"The copy failed SQLite's check ({verdict}); nothing was kept.")
        target.chmod(0o600)
    except BaseException:
        for leftover in (target, *(Path(f"{target}{end}") for end in ("-wal", "-shm"))):
            leftover.unlink(missing_ok=True)
        raise


def backup_to(db_path: Path, target: Path, on_wait: Waiting = None) -> None:
    """`ssi-tui backup`: copy the database to a new file."""
    if target.exists():
        raise DatabaseError(f"{target} already exists; choose a new file name for the backup.")
    source = connect(db_path)
    try:
        copy_database(source, target, on_wait)
    finally:
        source.close()


def check_backup_file(path: Path) -> None:
    """Refuse anything that is not a healthy ssi-tui database, without changing it."""
    if not path.is_file():
        raise DatabaseError(f"There is no backup file at {path}.")
    with path.open("rb") as handle:  # before SQLite opens it (see store/connections.py)
        if handle.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
            raise DatabaseError(f"{path} is not an SQLite database.")
    conn = connect(path, read_only=True)
    try:
        if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            raise DatabaseError(f"{path} is not an ssi-tui database.")
        verdict = conn.execute("PRAGMA integrity_check").fetchone()[0]
        if verdict != "ok":
            raise DatabaseError(f"{path} is damaged (SQLite says: {verdict}).")
    except sqlite3.DatabaseError as error:
        raise DatabaseError(f"{path} cannot be read as a database: {error}.") from error
    finally:
        conn.close()


def restore_from(db_path: Path, backup: Path, on_wait: Waiting = None) -> Path | None:
    """`ssi-tui restore`: check the backup, keep the current file, then copy the backup in.

    Returns where the previous database was kept (None when there was none).
    """
    identity = file_identity(backup)
    if identity is not None and identity == file_identity(db_path):
        raise DatabaseError(f"{backup} is the database itself; name a backup file to restore.")
    check_backup_file(backup)
    kept = None
    if db_path.exists() and db_path.stat().st_size > 0:
        kept = db_path.with_name(f"{db_path.name}.before-restore-{stamp()}")
        current = connect(db_path)
        try:
            copy_database(current, kept, on_wait)
        finally:
            current.close()
    else:
        create_private_file(db_path)
    source = connect(backup, read_only=True)
    target = connect(db_path)
    try:
        copy_pages(source, target, on_wait)
    finally:
        source.close()
        target.close()
    return kept
