"""Exporting every table to CSV or JSON files: your data, out again, in open formats."""

from __future__ import annotations

import csv
import json
import os
import tempfile
from pathlib import Path

from sqlite_utils import Database

from ssi_tui.store.files import make_private_folders

EXPORT_FORMATS = ("csv", "json")


def exported_tables(db: Database) -> list[str]:
    """Every table of ours (not SQLite's or the migration bookkeeping)."""
    return [name for name in db.table_names() if not name.startswith(("_", "sqlite_"))]


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a cell as a formula: a post or a note that begins so
(`=HYPERLINK(...)`, `@SUM(...)`) would run when the CSV is opened."""


def spreadsheet_safe(value: object) -> object:
    """Text that a spreadsheet would run as a formula, kept as text by a leading apostrophe
    (the convention spreadsheets themselves use); numbers and other text are unchanged.
    JSON exports keep every value exactly."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _write_atomically(path: Path, write: object) -> None:
    """Write through a temporary file renamed into place: no half-written export file."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", text=True)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            write(stream)  # type: ignore[operator]
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def export_all(db: Database, folder: Path, file_format: str) -> list[Path]:
    """Write one file per table into `folder` (created if needed); returns the files."""
    if file_format not in EXPORT_FORMATS:
        raise ValueError(f"The format must be csv or json, not {file_format!r}.")
    make_private_folders(folder)
    written = []
    for table in exported_tables(db):
        rows = list(db.query(f"SELECT * FROM [{table}]"))
        columns = [column.name for column in db.table(table).columns]
        path = folder / f"{table}.{file_format}"
        if file_format == "json":

            def write_json(stream: object, rows: list[dict[str, object]] = rows) -> None:
                json.dump(rows, stream, ensure_ascii=False, indent=2)  # type: ignore[arg-type]

            _write_atomically(path, write_json)
        else:

            def write_csv(
                stream: object, rows: list[dict[str, object]] = rows, columns: list[str] = columns
            ) -> None:
                writer = csv.DictWriter(stream, fieldnames=columns)  # type: ignore[arg-type]
                writer.writeheader()
                writer.writerows(
                    {key: spreadsheet_safe(value) for key, value in row.items()} for row in rows
                )

            _write_atomically(path, write_csv)
        written.append(path)
    return written
