"""Finding, creating, validating and opening the ssi-tui database file."""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from ssi_tui.store.connections import (
    BUSY_TIMEOUT_MS,
    connect,
)
from ssi_tui.store.errors import DatabaseError
from ssi_tui.store.file_format import (
    APPLICATION_ID,
    MIGRATION_NAMES,
    MIGRATION_SET,
    check_existing_file,
    is_read_only,
    read_only_connection,
    refuse_if_foreign,
)
from ssi_tui.store.files import create_private_file
from ssi_tui.store.transactions import DISK_FULL, DatabaseBusy, is_busy, is_disk_full, writing

if TYPE_CHECKING:
    from sqlite_utils import Database

DB_ENV = "SSI_TUI_DB"
"""Environment variable that overrides the database location."""

FULL_CHECK_MAX_BYTES = 1024 * 1024
"""A file up to this size gets SQLite's full `integrity_check` when opened, a larger one the
`quick_check`, which skips the check that each index matches its table (and so missed a
damaged index page); the app then checks a larger file in full after its first frame. On a
ten-year history the full check before the first frame took start-up past its benchmark,
although it runs in a thread beside Textual's loading (figures in the README)."""


def checked_in_full(path: Path) -> bool:
    """True when opening `path` runs the full check (see FULL_CHECK_MAX_BYTES)."""
    try:
        size = path.stat().st_size
    except OSError:
        size = 0
    return size <= FULL_CHECK_MAX_BYTES


def integrity_pragma(path: Path) -> str:
    return "integrity_check" if checked_in_full(path) else "quick_check"


def full_check(path: Path) -> str | None:
    """The full check of a file opened with the quick one: None when sound, else one sentence."""
    conn = read_only_connection(path) if is_read_only(path) else connect(path)
    try:
        verdict = str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    except sqlite3.Error as error:
        verdict = str(error)
    finally:
        conn.close()
    if verdict == "ok":
        return None
    return (
        f"{path} is damaged (SQLite says: {verdict}); nothing more is written to it: "
        "quit, and restore a backup with 'ssi-tui restore PATH'."
    )


def default_db_path() -> Path:
    """The database in the user's data directory (e.g. ~/.local/share/ssi-tui on Linux)."""
    from platformdirs import user_data_path

    return user_data_path("ssi-tui", appauthor=False) / "ssi.db"


def resolve_db_path(option: str | os.PathLike[str] | None) -> Path:
    """`--db` wins over `SSI_TUI_DB`, which wins over the default location."""
    if option is not None:
        if not str(option).strip():
            raise DatabaseError("--db is empty; name the database file (or leave --db out).")
        return Path(option).expanduser()
    from_env = os.environ.get(DB_ENV, "").strip()
    if from_env:
        return Path(from_env).expanduser()
    return default_db_path()


def open_connection(path: Path) -> sqlite3.Connection:
    """Open (creating and migrating if needed) the database at `path`, with sqlite3 alone.

    A file that is not an SQLite database, an SQLite database of another program, or a
    damaged one is refused with `DatabaseError` and left byte for byte as it was.
    sqlite-utils is imported only when the schema has to change.
    """
    conn, _ = _connect(path, check_aside=False)
    return conn


def open_connection_checking_aside(
    path: Path, check: IntegrityCheck | None = None
) -> tuple[sqlite3.Connection, IntegrityCheck]:
    """`open_connection`, with the integrity check running in a thread beside the caller.

    `check` is one the caller started earlier (`ssi-tui` starts it before loading Textual);
    otherwise one starts here. The caller must `confirm()` it before its first read. Nothing
    is written to the file before the check passed: a migration, or a switch to WAL, waits.
    """
    conn, started = _connect(path, check_aside=True, check=check)
    assert started is not None
    return conn, started


def _connect(
    path: Path, *, check_aside: bool, check: IntegrityCheck | None = None
) -> tuple[sqlite3.Connection, IntegrityCheck | None]:
    if path.exists():
        check_existing_file(path)
    else:
        create_private_file(path)
    read_only = is_read_only(path)
    try:
        conn = read_only_connection(path) if read_only else connect(path)
    except sqlite3.Error as error:
        raise DatabaseError(f"Cannot open {path}: {error}.") from error
    try:
        refuse_if_foreign(conn, path)
        if check_aside:
            check = check or IntegrityCheck(path)
        if read_only:
            _refuse_migrating_read_only(conn, path, check)
            return conn, check
        if not check_aside:
            verdict = conn.execute(f"PRAGMA {integrity_pragma(path)}").fetchone()[0]
            _refuse_if_damaged(verdict, path)
        if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            if check is not None:
                check.confirm()
            conn.execute("PRAGMA journal_mode=WAL")
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys=ON")
        if _needs_migrating(conn):
            if check is not None:
                check.confirm()
            _migrate_once(as_database(conn), path)
    except DatabaseError:
        conn.close()
        raise
    except sqlite3.DatabaseError as error:
        conn.close()
        if is_busy(error):  # another program is migrating or writing the file right now
            raise DatabaseBusy(BUSY_TIMEOUT_MS / 1000) from error
        if is_disk_full(error, path):
            raise DatabaseError(DISK_FULL) from error
        raise DatabaseError(f"{path} cannot be used as a database: {error}.") from error
    return conn, check


def _refuse_migrating_read_only(
    conn: sqlite3.Connection, path: Path, check: IntegrityCheck | None
) -> None:
    """A read-only file is checked as any other and must need no migration: it is read as it
    is, and every write is refused (see `transactions.writing`)."""
    if check is None:
        _refuse_if_damaged(conn.execute(f"PRAGMA {integrity_pragma(path)}").fetchone()[0], path)
    if _needs_migrating(conn):
        raise DatabaseError(
            f"{path} is read-only, and this version of ssi-tui must update its tables before "
            "using it; make it writable once (or open a copy)."
        )


class IntegrityCheck:
    """SQLite's integrity check of the file (`integrity_pragma`), in a thread.

    SQLite lets go of the GIL while it reads the file, so on a ten-year history the check's
    few milliseconds run beside the app's start-up instead of before it. The file's header is
    read and its connection made here, in the caller's thread: after that, nothing in this
    process may open the file outside SQLite.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._verdict = "ok"
        self._thread = threading.Thread(
            target=self._run, name="ssi-tui integrity check", daemon=True
        )
        if not path.is_file():
            return  # a file yet to be created has nothing to check
        try:
            check_existing_file(path)
            self._conn = (
                read_only_connection(path, any_thread=True)
                if is_read_only(path)
                else connect(path, any_thread=True)
            )
        except (DatabaseError, sqlite3.Error):
            return  # opening the database says why, in one sentence
        self._thread.start()

    def _run(self) -> None:
        try:
            pragma = integrity_pragma(self.path)
            self._verdict = self._conn.execute(f"PRAGMA {pragma}").fetchone()[0]
        except sqlite3.Error as error:
            self._verdict = str(error)
        finally:
            self._conn.close()

    def confirm(self) -> None:
        """Wait for the verdict; `DatabaseError` when the file is damaged."""
        if self._thread.is_alive():
            self._thread.join()
        _refuse_if_damaged(self._verdict, self.path)


def open_database(path: Path) -> Database:
    """`open_connection`, wrapped in sqlite-utils for the commands and the writers."""
    return as_database(open_connection(path))


def as_database(conn: sqlite3.Connection) -> Database:
    """A connection from `open_connection`, wrapped in sqlite-utils for writing.

    The commands that mostly read open with sqlite3 alone and wrap only when they must write.
    """
    from sqlite_utils import Database

    return Database(conn, execute_plugins=False)


def _applied_migrations(conn: sqlite3.Connection) -> set[str]:
    has_log = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlite_migrations'"
    ).fetchone()
    if not has_log:
        return set()
    rows = conn.execute(
        "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [MIGRATION_SET]
    )
    return {name for (name,) in rows}


def _needs_migrating(conn: sqlite3.Connection) -> bool:
    """True when a migration is pending or the file is not yet stamped as ours."""
    stamped = conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    return not stamped or not set(MIGRATION_NAMES) <= _applied_migrations(conn)


def _refuse_if_damaged(verdict: str, path: Path) -> None:
    if verdict != "ok":
        raise DatabaseError(
            f"{path} is damaged (SQLite says: {verdict}); it was left untouched: "
            "restore a backup with 'ssi-tui restore PATH'."
        )


def _migrate_once(db: Database, path: Path) -> None:
    """Migrate under the write lock: two processes opening a new or old file at once must
    not both create its tables."""
    _backup_before_migrating(db, path)
    with writing(db):
        if _needs_migrating(db.conn):
            migrate(db)


def _backup_before_migrating(db: Database, path: Path) -> None:
    """Copy an existing database aside before its schema changes, in case a migration fails."""
    from ssi_tui.store.schema import migrations

    pending = migrations.pending(db)
    if not pending or not migrations.applied(db):
        return
    from ssi_tui.store.backup import copy_database, stamp

    target = path.with_name(f"{path.name}.backup-{stamp()}-before-{pending[0].name}")
    copy_database(db.conn, target)


def migrate(db: Database) -> None:
    """Bring the schema up to date and stamp the file as ours."""
    from ssi_tui.store.schema import migrations

    if migrations.pending(db):
        migrations.apply(db)
    if db.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
        db.execute(f"PRAGMA application_id={APPLICATION_ID}")


def open_memory_database() -> Database:
    """A migrated in-memory database, for tests and throw-away work."""
    from sqlite_utils import Database

    db = Database(memory=True, execute_plugins=False)
    db.execute("PRAGMA foreign_keys=ON")
    migrate(db)
    return db


__all__ = [
    "DB_ENV",
    "MIGRATION_NAMES",
    "MIGRATION_SET",
    "DatabaseError",
    "default_db_path",
    "open_connection",
    "open_database",
    "open_memory_database",
    "resolve_db_path",
]
