"""Backups and restores through SQLite's own backup API: consistent even while the app runs."""

from __future__ import annotations

import shutil
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from ssi_tui.store.connections import connect, file_identity
from ssi_tui.store.errors import DatabaseError
from ssi_tui.store.file_format import (
    APPLICATION_ID,
    SQLITE_MAGIC,
    check_existing_file,
    is_read_only,
    read_only_connection,
    refuse_if_foreign,
)
from ssi_tui.store.files import PRIVATE_FILE_MODE, create_new_private_file, create_private_file
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
    trying again is not refused as "already exists".

    The copy is a rollback-journal file, not WAL: reading it later (a restore, a check)
    then leaves no `-wal` and `-shm` files beside it.
    """
    create_new_private_file(target)
    try:
        destination = connect(target)
        try:
            copy_pages(source, destination, on_wait)
            verdict = destination.execute("PRAGMA integrity_check").fetchone()[0]
            if verdict == "ok":
                destination.execute("PRAGMA journal_mode=DELETE")
        finally:
            destination.close()
        if verdict != "ok":
            raise DatabaseError(f"The copy failed SQLite's check ({verdict}); nothing was kept.")
    except BaseException:
        for leftover in (target, *_companions(target)):
            leftover.unlink(missing_ok=True)
        raise


def _companions(path: Path) -> tuple[Path, Path]:
    """The write-ahead log and shared-memory files SQLite may keep beside `path`."""
    return Path(f"{path}-wal"), Path(f"{path}-shm")


def backup_to(db_path: Path, target: Path, on_wait: Waiting = None) -> None:
    """`ssi-tui backup`: copy the database to a new file (a read-only one too)."""
    source = read_only_connection(db_path) if is_read_only(db_path) else connect(db_path)
    try:
        copy_database(source, target, on_wait)
    finally:
        source.close()


@contextmanager
def reading_backup(path: Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection to a backup, leaving nothing beside it afterwards.

    Reading a WAL-mode file (an older backup, or a copy of a live database) makes SQLite
    create `-wal` and `-shm` files that a read-only connection cannot remove; those this
    reading created are removed when it ends, when the log holds nothing.
    """
    existed = {companion for companion in _companions(path) if companion.exists()}
    conn = connect(path, read_only=True)
    try:
        yield conn
    finally:
        conn.close()
        wal, shm = _companions(path)
        if wal not in existed and (not wal.exists() or wal.stat().st_size == 0):
            for created in (wal, shm):
                if created not in existed:
                    created.unlink(missing_ok=True)


def check_backup_file(path: Path) -> None:
    """Refuse anything that is not a healthy ssi-tui database, without changing it."""
    if not path.is_file():
        raise DatabaseError(f"There is no backup file at {path}.")
    with path.open("rb") as handle:  # before SQLite opens it (see store/connections.py)
        if handle.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
            raise DatabaseError(f"{path} is not an SQLite database.")
    try:
        with reading_backup(path) as conn:
            if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
                raise DatabaseError(f"{path} is not an ssi-tui database.")
            verdict = conn.execute("PRAGMA integrity_check").fetchone()[0]
            if verdict != "ok":
                raise DatabaseError(f"{path} is damaged (SQLite says: {verdict}).")
    except sqlite3.DatabaseError as error:
        raise DatabaseError(f"{path} cannot be read as a database: {error}.") from error


def _check_restore_target(db_path: Path) -> bool:
    """Refuse to restore over anything but an ssi-tui database (or nothing); True when the
    current database is damaged, which is when a restore is most wanted."""
    if not db_path.exists() and not db_path.is_symlink():
        return False
    check_existing_file(db_path)  # a folder, a FIFO, a text file: refused, left untouched
    if is_read_only(db_path):
        raise DatabaseError(f"{db_path} is read-only (or its folder is); nothing was restored.")
    if db_path.stat().st_size == 0:
        return False
    try:
        conn = connect(db_path)
    except sqlite3.Error as error:
        raise DatabaseError(f"Cannot open {db_path}: {error}.") from error
    try:
        refuse_if_foreign(conn, db_path)
        return bool(conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok")
    except sqlite3.DatabaseError:
        return True
    finally:
        conn.close()


def _keep_damaged(db_path: Path, kept: Path) -> None:
    """Keep a damaged database byte for byte (SQLite cannot copy what it cannot read),
    with its write-ahead log, so that nothing in it is lost to the restore."""
    copies = [(db_path, kept)]
    wal, kept_wal = _companions(db_path)[0], _companions(kept)[0]
    if wal.exists():
        copies.append((wal, kept_wal))
    made: list[Path] = []
    try:
        for source, target in copies:
            create_new_private_file(target)
            made.append(target)
            shutil.copyfile(source, target)
    except BaseException:
        for target in made:
            target.unlink(missing_ok=True)
        raise


def restore_from(db_path: Path, backup: Path, on_wait: Waiting = None) -> Path | None:
    """`ssi-tui restore`: check the backup and the file it replaces, keep the current
    database aside, then copy the backup in.

    Returns where the previous database was kept (None when there was none).
    """
    identity = file_identity(backup)
    if identity is not None and identity == file_identity(db_path):
        raise DatabaseError(f"{backup} is the database itself; name a backup file to restore.")
    check_backup_file(backup)
    damaged = _check_restore_target(db_path)
    kept = None
    if db_path.exists() and db_path.stat().st_size > 0:
        kept = db_path.with_name(f"{db_path.name}.before-restore-{stamp()}")
        if damaged:
            _keep_damaged(db_path, kept)
        else:
            current = connect(db_path)
            try:
                copy_database(current, kept, on_wait)
            finally:
                current.close()
    else:
        create_private_file(db_path)
    with reading_backup(backup) as source:
        target = connect(db_path)
        try:
            copy_pages(source, target, on_wait)
        finally:
            target.close()
    db_path.chmod(PRIVATE_FILE_MODE)
    return kept
