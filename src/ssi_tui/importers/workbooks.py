"""Open an XLSX safely and hand back its sheets as plain rows.

openpyxl is imported here, lazily: it costs start-up time and only imports need it. A workbook
is itself a ZIP, so the same expansion bound applies before openpyxl sees it.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime, time
from typing import Final

from ssi_tui.core import clock
from ssi_tui.core.limits import FIRST_DAY
from ssi_tui.importers.archive import MAX_EXPANDED_BYTES, MAX_FILE_BYTES, ZIP_ERRORS, Source
from ssi_tui.importers.dates import DateReader
from ssi_tui.importers.model import ImportRefused

MAX_ROWS_PER_SHEET: Final = 50_000
"""A year of daily rows is 366; analytics sheets are small."""
MAX_COLUMNS: Final = 40

Cell = object
Row = tuple[Cell, ...]


def _trimmed(row: tuple[object, ...]) -> Row:
    cells = list(row[:MAX_COLUMNS])
    while cells and (cells[-1] is None or (isinstance(cells[-1], str) and not cells[-1].strip())):
        cells.pop()
    return tuple(cells)


def read_sheets(source: Source) -> dict[str, list[Row]]:
    """Sheet name → its rows (values only, trailing blanks trimmed), in workbook order."""
    with source.open() as stream:
        data = stream.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise ImportRefused(f"{source.name} is larger than the 200 MB an import may read.")
    unreadable = ImportRefused(f"{source.name} is not a readable Excel workbook.")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            expanded = sum(info.file_size for info in package.infolist())
    except ZIP_ERRORS:
        raise unreadable from None
    if expanded > MAX_EXPANDED_BYTES:
        raise ImportRefused(f"{source.name} would expand beyond the 1 GB an import may read.")
    import openpyxl  # deferred: ~0.2 s, needed only when a workbook is imported

    sheets: dict[str, list[Row]] = {}
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            for sheet in workbook.worksheets:
                rows: list[Row] = []
                for row in sheet.iter_rows(values_only=True):
                    rows.append(_trimmed(row))
                    if len(rows) >= MAX_ROWS_PER_SHEET:
                        break
                sheets[str(sheet.title)] = rows
        finally:
            workbook.close()
    except ImportRefused:
        raise
    except Exception:  # openpyxl raises many types (XML, zip, key, value) for a damaged file
        raise unreadable from None
    return sheets


def cell_text(cell: Cell) -> str:
    """A cell as trimmed text ('' for empty)."""
    if cell is None:
        return ""
    return str(cell).strip()


def cell_moment(cell: Cell, dates: DateReader) -> datetime | None:
    """A date cell, whether Excel stored a date or the text `4/24/2022`; None for a day
    before LinkedIn or in the future (as `Sink.moment` refuses them in CSV files)."""
    moment: datetime | None = None
    if isinstance(cell, datetime):
        moment = cell
    elif isinstance(cell, date):
        moment = datetime.combine(cell, time())
    elif isinstance(cell, str):
        moment = dates.parse(cell)
    if moment is None or not FIRST_DAY <= moment.date() <= clock.today():
        return None
    return moment
