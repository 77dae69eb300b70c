"""Write transactions that wait their turn, visibly and for a bounded time.

A transaction that reads and then writes, begun the default (deferred) way, cannot be saved
by SQLite's busy handler: if another process wrote in between, its snapshot is stale and it
fails at once with "database is locked". Every write here begins IMMEDIATE instead, taking
the write lock first: it waits quietly for a moment, then tells the user it is waiting (the
connection's `on_wait`), and past `WRITE_PATIENCE_SECONDS` gives up with `DatabaseBusy` and
nothing written.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import count
from pathlib import Path
from typing import TYPE_CHECKING

from ssi_tui.store.connections import BUSY_TIMEOUT_MS
from ssi_tui.store.errors import DatabaseError

if TYPE_CHECKING:
    from sqlite_utils import Database

WRITE_PATIENCE_SECONDS = 10.0
"""How long a writer waits for another program's write to end before it gives up."""
QUIET_WAIT_SECONDS = 0.25
"""A wait this short goes unannounced: another terminal's quick log takes about that long."""

_savepoints = count()


class DatabaseBusy(DatabaseError):
    """Another program kept the database locked past our patience; nothing was written."""

    def __init__(self, seconds: float) -> None:
        super().__init__(
            f"The database stayed busy for {seconds:g} s (another program was writing to it); "
            "nothing was saved: try again when it is done."
        )


class ReadOnlyDatabase(DatabaseError):
    """The database was opened for reading only: its file or its folder cannot be written."""

    def __init__(self) -> None:
        super().__init__(
            "The database is read-only (its file or its folder cannot be written); "
            "nothing was saved."
        )


@contextmanager
def writing(db: Database | sqlite3.Connection, patience: float | None = None) -> Iterator[None]:
    """One write transaction, begun IMMEDIATE; inside another, a savepoint of it.

    Commits when the block ends, rolls back if it raises.
    """
    conn = db if isinstance(db, sqlite3.Connection) else db.conn
    if getattr(conn, "read_only", False):
        raise ReadOnlyDatabase()
    if conn.in_transaction:
        name = f"ssi_tui_{next(_savepoints)}"
        conn.execute(f"SAVEPOINT {name}")
        try:
            yield
        except BaseException:
            if conn.in_transaction:
                conn.execute(f"ROLLBACK TO {name}")
                conn.execute(f"RELEASE {name}")
            raise
        conn.execute(f"RELEASE {name}")
        return
    begin_immediate(conn, WRITE_PATIENCE_SECONDS if patience is None else patience)
    try:
        yield
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    try:
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def begin_immediate(conn: sqlite3.Connection, patience: float) -> None:
    """Take the write lock, waiting up to `patience` seconds; `DatabaseBusy` past it."""
    quiet = min(QUIET_WAIT_SECONDS, patience)
    try:
        if _try_begin(conn, quiet):
            return
        if patience > quiet:
            on_wait = getattr(conn, "on_wait", None)
            if on_wait is not None:
                on_wait()
            if _try_begin(conn, patience - quiet):
                return
        raise DatabaseBusy(patience)
    finally:
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")


def _try_begin(conn: sqlite3.Connection, seconds: float) -> bool:
    conn.execute(f"PRAGMA busy_timeout={round(seconds * 1000)}")
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as error:
        if is_busy(error):
            return False
        raise
    return True


def why_it_stopped(error: BaseException) -> str:
    """What kept a write from the file, as a phrase to put in a sentence."""
    if is_busy(error):
        return f"another program kept the database busy for {WRITE_PATIENCE_SECONDS:g} s"
    if is_disk_full(error):
        return "the disk is full"
    return str(error).rstrip(".")


DISK_FULL = "The disk is full, so nothing was saved: free some space and try again."
NEARLY_FULL_BYTES = 1024 * 1024
"""Below this much free space, SQLite's "disk I/O error" is taken for a full disk: a
shared-memory file that cannot grow fails that way rather than as "disk is full"."""


def is_disk_full(error: BaseException, path: Path | None = None) -> bool:
    """True for SQLite's SQLITE_FULL, or an I/O error on a disk with hardly any room left."""
    if not isinstance(error, sqlite3.Error):
        return isinstance(error, OSError) and error.errno == errno.ENOSPC
    code: int | None = getattr(error, "sqlite_errorcode", None)
    primary = code & 0xFF if code is not None else None
    if primary == sqlite3.SQLITE_FULL or "disk is full" in str(error):
        return True
    if primary != sqlite3.SQLITE_IOERR or path is None:
        return False
    try:
        status = os.statvfs(path.parent)
    except OSError:
        return False
    return status.f_bavail * status.f_frsize < NEARLY_FULL_BYTES


def is_busy(error: BaseException) -> bool:
    """True when another program holds the lock: `DatabaseBusy`, or SQLite's "database is
    locked" (SQLITE_BUSY and its extended codes)."""
    if isinstance(error, DatabaseBusy):
        return True
    if not isinstance(error, sqlite3.Error):
        return False
    code: int | None = getattr(error, "sqlite_errorcode", None)
    if code is not None:
        return (code & 0xFF) == sqlite3.SQLITE_BUSY
    return "locked" in str(error)
