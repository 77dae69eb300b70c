"""Read-only access to the database with the standard library alone.

The app draws its first screen from these reads: importing sqlite-utils (and the numpy it
pulls in when installed) costs more than everything else the first paint needs, so it loads
only when the first write or the background work asks for it. Every function that only reads
takes a `Readable`: sqlite-utils' `Database` is one, and so is `Reader`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from typing import Any, Protocol

Params = Sequence[Any] | dict[str, Any] | None


class Readable(Protocol):
    """What the store's read functions use: rows as dicts, or a cursor."""

    def query(self, sql: str, params: Params = None, /) -> Iterator[dict[str, Any]]: ...

    def execute(self, sql: str, params: Params = None, /) -> sqlite3.Cursor: ...


class Reader:
    """Rows as dicts from a plain `sqlite3.Connection`, as sqlite-utils would return them."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def query(self, sql: str, params: Params = None, /) -> Iterator[dict[str, Any]]:
        cursor = self.conn.execute(sql, () if params is None else params)
        keys = [column[0] for column in cursor.description or ()]
        return (dict(zip(keys, row, strict=True)) for row in cursor)

    def execute(self, sql: str, params: Params = None, /) -> sqlite3.Cursor:
        return self.conn.execute(sql, () if params is None else params)
