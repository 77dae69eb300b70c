"""The one door through which ssi-tui opens a database file: SQLite's own.

POSIX file locks belong to the process, not to the descriptor: closing *any* descriptor of a
file drops every lock the process holds on it. SQLite keeps its descriptors open until its
locks are released, but a plain `open()` and `close()` of the same file elsewhere in the
process (to read its header, hash it, import it by mistake) silently lets go of them. Another
process then believes it holds the last connection, checkpoints and deletes the write-ahead
log while this one goes on writing through its stale index: entries vanish and page 1 can be
overwritten.

So every connection is made here and counted per file, and while one is open an audit hook
refuses, with `FileInUse`, any open of that file or its `-wal`, `-shm` and `-journal`
companions that does not come from SQLite.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import sys
import threading
import weakref
from pathlib import Path
from typing import Any

BUSY_TIMEOUT_MS = 5000
"""How long one statement waits for another process before SQLite says the file is busy."""

COMPANION_SUFFIXES = ("-wal", "-shm", "-journal")
"""The files SQLite keeps beside a database while it is in use."""

FileIdentity = tuple[int, int]
"""(device, inode): the file itself, whatever path, link or spelling names it."""


class _OpenFiles:
    """How many connections this process holds per file, and the hook that guards them."""

    def __init__(self) -> None:
        self.counts: dict[FileIdentity, int] = {}
        self.lock = threading.Lock()
        self.guarded = False

    def count(self, identity: FileIdentity, change: int) -> None:
        with self.lock:
            if not self.guarded:
                sys.addaudithook(_refuse_opens_outside_sqlite)
                self.guarded = True
            remaining = self.counts.get(identity, 0) + change
            if remaining > 0:
                self.counts[identity] = remaining
            else:
                self.counts.pop(identity, None)


_open_files = _OpenFiles()


class FileInUse(PermissionError):
    """An open of a database file that this process has open through SQLite."""


class SharedFileConnection(sqlite3.Connection):
    """An `sqlite3.Connection` that keeps its file out of reach of plain `open()` while open.

    `on_wait`, when set, is called once when a writer has to wait for another program.
    """

    on_wait: Any = None
    read_only: bool = False
    """True when opened for reading only (the file or its folder cannot be written)."""

    def close(self) -> None:
        super().close()  # if this fails the file is still open: the guard stays
        release = getattr(self, "_release", None)
        if release is not None:
            release()


def file_identity(path: Path | str) -> FileIdentity | None:
    try:
        status = Path(path).stat()
    except (OSError, ValueError):
        return None
    return status.st_dev, status.st_ino


def is_open_here(path: Path) -> bool:
    """True while this process holds a connection to the file at `path`."""
    identity = file_identity(path)
    return identity is not None and identity in _open_files.counts


def connect(
    path: Path,
    *,
    read_only: bool = False,
    immutable: bool = False,
    any_thread: bool = False,
    timeout_ms: int = BUSY_TIMEOUT_MS,
) -> SharedFileConnection:
    """A connection to the existing file at `path`, counted until it is closed.

    `read_only` opens it as SQLite's `mode=ro` (nothing can be written); `immutable` also
    tells SQLite that nobody can change the file, so that it reads a WAL-mode file without
    creating the `-wal` and `-shm` files a read-only folder cannot hold. `any_thread` lets
    another thread than the caller's use it (one at a time).
    """
    target: str | Path = path
    if read_only or immutable:
        target = f"{path.resolve().as_uri()}?mode=ro" + ("&immutable=1" if immutable else "")
    conn = sqlite3.connect(
        target,
        timeout=timeout_ms / 1000,
        factory=SharedFileConnection,
        uri=read_only or immutable,
        check_same_thread=not any_thread,
    )
    assert isinstance(conn, SharedFileConnection)
    conn.read_only = read_only or immutable
    identity = file_identity(path)
    if identity is not None:
        _open_files.count(identity, +1)
        finalizer = weakref.finalize(conn, _open_files.count, identity, -1)
        conn._release = finalizer  # type: ignore[attr-defined]
    return conn


def names_an_open_database(target: object) -> bool:
    """True when `target`, as given to `open()`, is a file SQLite has open in this process
    (the database or one of its companions)."""
    if not _open_files.counts or target is None or isinstance(target, int):
        return False  # nothing open, or a descriptor already open rather than a new one
    try:
        name = os.fsdecode(target)  # type: ignore[arg-type]
    except TypeError:
        return False
    if file_identity(name) in _open_files.counts:
        return True
    companion_of = next(
        (name.removesuffix(suffix) for suffix in COMPANION_SUFFIXES if name.endswith(suffix)),
        None,
    )
    return companion_of is not None and file_identity(companion_of) in _open_files.counts


def _refuse_opens_outside_sqlite(event: str, arguments: tuple[Any, ...]) -> None:
    """Audit hook: `open()` and `os.open()` of a database file that SQLite has open here."""
    if event == "open" and names_an_open_database(arguments[0]):
        raise FileInUse(
            errno.EACCES,
            "it is a database file that ssi-tui has open, and only SQLite may open it",
            os.fsdecode(arguments[0]),
        )
