"""Read LinkedIn's CSV files whatever year wrote them, one record at a time.

The quirks handled here: UTF-16LE with BOM and TAB separators (2018), UTF-8 with or without
BOM, CRLF or LF (also inside quoted fields), a preamble before the header (Connections.csv),
`\\"`-escaped quotes (Comments.csv 2025) and unquoted multi-line messages (Comments.csv 2021 and
2024), where a record starts only at a line that begins with a timestamp.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Final

from ssi_tui.importers.values import clean_cell, normalise_label

SAMPLE_BYTES: Final = 64 * 1024
"""Enough to see the header (after any preamble) and a few dozen records."""
HEADER_SEARCH_RECORDS: Final = 30
"""The header is never further down than this; a preamble is a few lines."""
DELIMITERS: Final = (",", "\t", ";")
"""LinkedIn writes commas (TABs in 2018); day-first spreadsheet re-saves write semicolons."""

HeaderTest = Callable[[set[str]], bool]
"""Says whether a record's normalised cells are the header a reader expects."""

_LEADING_DATE: Final = (
    r'"?(?:\d{4}[-/]\d{1,2}[-/]\d{1,2}|\d{1,2}/\d{1,2}/\d{2,4}|\d{1,2}[- ][A-Za-z]{3}[- ]\d{2,4})'
    r'(?:[ T,]+\d{1,2}:\d{2}(?::\d{2})?(?: ?[AaPp][Mm])?)?(?: ?UTC)?"?'
)


class HeaderNotFound(ValueError):
    """The file has records but none of the first ones is the expected header."""


@dataclass(frozen=True)
class CsvLayout:
    """How one file is written, sniffed from its first bytes."""

    encoding: str
    delimiter: str
    backslash_escapes: bool

    def reader(self, lines: Iterable[str]) -> Iterator[list[str]]:
        return csv.reader(
            lines,
            delimiter=self.delimiter,
            escapechar="\\" if self.backslash_escapes else None,
            doublequote=True,
            strict=False,
        )


@dataclass(frozen=True)
class CsvRow:
    """One record under its header: cells by normalised column name, and the raw cells."""

    line: int
    cells: dict[str, str]
    raw: tuple[str, ...]

    def get(self, *columns: str) -> str:
        """The first non-blank cell among `columns` (normalised names), or ''."""
        for column in columns:
            value = self.cells.get(column, "")
            if value:
                return value
        return ""

    @property
    def blank(self) -> bool:
        return not any(self.cells.values())


def _encoding(sample: bytes) -> str:
    if sample.startswith(codecs.BOM_UTF16_LE) or sample.startswith(codecs.BOM_UTF16_BE):
        return "utf-16"
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if len(sample) >= 4 and sample.count(0) > len(sample) // 4:
        return "utf-16-le" if sample[1::2].count(0) > sample[0::2].count(0) else "utf-16-be"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


def _records(text: str, delimiter: str, backslash: bool) -> list[list[str]]:
    layout = CsvLayout("utf-8", delimiter, backslash)
    records: list[list[str]] = []
    try:
        for record in layout.reader(io.StringIO(text, newline="")):
            records.append(record)
            if len(records) >= HEADER_SEARCH_RECORDS * 2:
                break
    except csv.Error:
        pass
    return records


def _header_index(records: list[list[str]], is_header: HeaderTest) -> int | None:
    for index, record in enumerate(records[:HEADER_SEARCH_RECORDS]):
        if record and is_header({normalise_label(cell) for cell in record}):
            return index
    return None


def sniff_layout(sample: bytes, is_header: HeaderTest) -> CsvLayout:
    """Encoding, delimiter and quote escaping, judged on the file's first bytes."""
    encoding = _encoding(sample)
    text = sample.decode(encoding, errors="ignore").lstrip("\ufeff")
    if "\n" in text[:-1]:
        text = text[: text.rindex("\n") + 1]  # drop the last, probably cut, line
    delimiter = max(DELIMITERS, key=text.count)
    header: list[str] = []
    for candidate in DELIMITERS:
        records = _records(text, candidate, backslash=False)
        found = _header_index(records, is_header)
        if found is not None:
            delimiter, header = candidate, records[found]
            break
    backslash = False
    if header and '\\"' in text:
        width = len(header)

        def fitting(records: list[list[str]]) -> int:
            return sum(len(record) == width for record in records)

        plain = fitting(_records(text, delimiter, backslash=False))
        backslash = fitting(_records(text, delimiter, backslash=True)) > plain
    return CsvLayout(encoding, delimiter, backslash)


class _CountedLines:
    """Hands lines to the csv module while counting them, for error messages with line numbers."""

    def __init__(self, lines: Iterable[str]) -> None:
        self._lines = iter(lines)
        self.count = 0

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        self.count += 1
        return line


class CsvTable:
    """The records of one CSV under its header, read lazily (a big file is never held twice)."""

    def __init__(
        self, stream: IO[bytes], layout: CsvLayout, is_header: HeaderTest, *, date_led: bool
    ) -> None:
        text = io.TextIOWrapper(stream, encoding=layout.encoding, errors="replace", newline="")
        self._lines = _CountedLines(text)
        self._layout = layout
        self._reader = layout.reader(self._lines)
        self._date_led = date_led
        self.failure: str | None = None
        """Set when reading had to stop early (a broken record); rows before it are good."""
        self.header: list[str] = []
        self.empty = False
        self._find_header(is_header)

    def _find_header(self, is_header: HeaderTest) -> None:
        seen_content = False
        for _ in range(HEADER_SEARCH_RECORDS):
            try:
                record = next(self._reader)
            except StopIteration:
                break
            except csv.Error as error:
                raise HeaderNotFound(str(error)) from None
            if record and record[0].startswith("\ufeff"):
                record[0] = record[0].lstrip("\ufeff")
            names = [normalise_label(cell) for cell in record]
            if any(names):
                seen_content = True
            if is_header(set(names)):
                self.header = names
                return
        if seen_content:
            raise HeaderNotFound("no header")
        self.empty = True

    def _raw_records(self) -> Iterator[tuple[int, list[str]]]:
        while True:
            start = self._lines.count + 1
            try:
                record = next(self._reader)
            except StopIteration:
                return
            yield start, record

    def _date_led_records(self) -> Iterator[tuple[int, list[str]]]:
        """Glue a record's continuation lines (those not starting with a timestamp) back on."""
        delimiter = re.escape(self._layout.delimiter)
        starts = re.compile(_LEADING_DATE + delimiter)
        group: list[str] = []
        start = 0
        inside_quotes = False
        for line in self._lines:
            if group and not inside_quotes and starts.match(line):
                yield start, self._parse_group(group)
                group = []
            if not group:
                start = self._lines.count
            group.append(line)
            quotes = line.count('"') - (line.count('\\"') if self._layout.backslash_escapes else 0)
            inside_quotes ^= quotes % 2 == 1
        if group:
            yield start, self._parse_group(group)

    def _parse_group(self, lines: list[str]) -> list[str]:
        records = list(self._layout.reader(io.StringIO("".join(lines), newline="")))
        if not records:
            return []
        first = records[0] or [""]
        for extra in records[1:]:
            first[-1] += "\n" + self._layout.delimiter.join(extra)
        return first

    def __iter__(self) -> Iterator[CsvRow]:
        if self.empty:
            return
        # continuation lines can only be told apart when each record starts with its timestamp
        date_first = self.header[:1] in (["date"], ["time"], ["datetime"])
        records = self._date_led_records() if self._date_led and date_first else self._raw_records()
        try:
            for line, record in records:
                if not record:
                    continue  # an empty line between records is not a row
                cells = {
                    name: clean_cell(record[index]) if index < len(record) else ""
                    for index, name in enumerate(self.header)
                    if name
                }
                yield CsvRow(line, cells, tuple(record))
        except csv.Error as error:
            self.failure = (
                f"line {self._lines.count}: stopped reading, the file is damaged ({error})"
            )
        except UnicodeError as error:  # pragma: no cover - errors="replace" makes this rare
            self.failure = f"line {self._lines.count}: stopped reading ({error})"
