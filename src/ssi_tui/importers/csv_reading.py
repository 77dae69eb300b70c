"""Read LinkedIn's CSV files whatever year wrote them, one record at a time.

The quirks handled here: UTF-16LE with BOM and TAB separators (2018), UTF-8 with or without
BOM, CRLF or LF (also inside quoted fields), a preamble before the header (Connections.csv),
`\\"`-escaped quotes (Comments.csv 2025) and unquoted multi-line messages (Comments.csv 2021 and
2024), where a record starts at a line that begins with a timestamp or holds several fields.
A quote that is never closed is reported where it opens (`Damage`), never read as one long row.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import uuid
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

    def reader(self, lines: Iterable[str], *, strict: bool = False) -> Iterator[list[str]]:
        """Lenient by default: LinkedIn's loose quoting still reads (see `CsvTable`)."""
        return csv.reader(
            lines,
            delimiter=self.delimiter,
            escapechar="\\" if self.backslash_escapes else None,
            doublequote=True,
            strict=strict,
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


@dataclass(frozen=True)
class Damage:
    """Where a file stops being readable: the rows before it are good, none after it are read.

    A stray quote swallows the lines after it into one field, up to the end of the file or to
    the next field's opening quote. The csv module (lenient, so LinkedIn's loose quoting still
    reads) says nothing, and the swallowed rows would vanish inside one message. Where the field
    really ends cannot be known, so the file is damaged from that row on: the rows before it are
    imported, the row and every line after it are counted as errors, and one sentence names the
    line. Refusing the file instead would refuse the whole import (all or nothing), holding back
    every other file of the archive for one quote; this way the member gets the rest at once and
    knows which line to mend, and importing the mended file again changes only what was missing.
    """

    line: int
    """The line the unclosed quote opened on, or the line of the row that broke the reading."""
    lines_after: int
    """Lines with text after `line` that were not read. Where the rows there begin cannot be
    known, so each counts as one row."""
    unclosed_quote: bool
    detail: str = ""
    """The csv module's own words, when it raised."""

    @property
    def rows(self) -> int:
        """Rows lost: the damaged row itself, and one per line after it."""
        return 1 + self.lines_after

    def sentence(self, name: str) -> str:
        """One sentence for the report, naming the file (or split part) and the line."""
        if self.lines_after == 0:
            lost = "so that row was not read"
        elif self.lines_after == 1:
            lost = "so that row and the line after it were not read"
        else:
            lost = f"so that row and the {self.lines_after:,} lines after it were not read"
        if self.unclosed_quote:
            return f"{name}: a quote opened on line {self.line} is never closed, {lost}."
        detail = f" ({self.detail})" if self.detail else ""
        return f"{name}: reading stopped on line {self.line}{detail}, {lost}."


Position = tuple[int, int]
"""A line number, and how many lines with text (rows to be) were read up to and including it."""
_LINE_ENDS: Final = frozenset({"", "\n", "\r", "\r\n"})
"""Lines that hold nothing: the csv module makes no record of them, so they are no row."""


class _CountedLines:
    """Hands lines to the csv module, counting them and following quotes, then one `end` line.

    The csv module only shows a quote left open at the end of the file by the `end` line turning
    up inside a field; the quote count per line tells where that quote opened.
    """

    def __init__(self, lines: Iterable[str], end: str, *, backslash_escapes: bool) -> None:
        self._lines = iter(lines)
        self._end = end
        self._backslash = backslash_escapes
        self.count = 0
        """Lines read so far (line numbers for messages)."""
        self.filled = 0
        """Lines with text read so far."""
        self.ended = False
        """True once the file's last line has been handed out (and `end` after it)."""
        self.in_quotes = False
        """An odd number of quotes since the record began: a quote is open."""
        self.last_opened: Position = (0, 0)
        """Where the quote that is open now opened."""
        self.first_opened: Position | None = None
        """Where the first quote of the record being read opened."""
        self.record_at: Position = (0, 0)
        self.record_lines: list[str] = []
        """The lines of the record the csv module is reading (kept only for that reader)."""
        self.keep_lines = True
        self._starting = False

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        if self.ended:
            raise StopIteration
        line = next(self._lines, None)
        if line is None:
            self.ended = True
            return self._end
        self.count += 1
        if line not in _LINE_ENDS:
            self.filled += 1
        if self._starting:
            self._starting = False
            self.record_at = self.position
        if self.keep_lines:
            self.record_lines.append(line)
        if '"' not in line:
            return line
        quotes = line.count('"') - (line.count('\\"') if self._backslash else 0)
        if quotes % 2:
            self.in_quotes = not self.in_quotes
            if self.in_quotes:
                self.last_opened = self.position
                self.first_opened = self.first_opened or self.position
        return line

    @property
    def position(self) -> Position:
        """Where the line just read is."""
        return self.count, self.filled

    def next_record(self) -> None:
        """The csv module starts a record with the next line: quotes are counted afresh."""
        self.in_quotes = False
        self.first_opened = None
        self.record_lines = []
        self._starting = True

    def damage(self, at: Position, *, unclosed_quote: bool, detail: str = "") -> Damage:
        """Reading stops at `at`: the lines with text after it are counted, never read."""
        line, filled = at
        for _ in self:
            pass
        return Damage(line, self.filled - filled, unclosed_quote, detail)


class CsvTable:
    """The records of one CSV under its header, read lazily (a big file is never held twice).

    A record that the csv module reads only by bending its rules across lines — a quote left
    open to the end of the file, or closed in the middle of a field lines later — is where the
    file is damaged (see `Damage`): the rows before it are yielded, `damage` says the rest.
    """

    def __init__(
        self, stream: IO[bytes], layout: CsvLayout, is_header: HeaderTest, *, date_led: bool
    ) -> None:
        text = io.TextIOWrapper(stream, encoding=layout.encoding, errors="replace", newline="")
        self._end = f"\ue000end of file {uuid.uuid4().hex}\ue000"
        self._lines = _CountedLines(text, self._end, backslash_escapes=layout.backslash_escapes)
        self._layout = layout
        self._reader = layout.reader(self._lines)
        self._date_led = date_led
        self.damage: Damage | None = None
        """Set when reading had to stop early (see `Damage`); rows before it are good."""
        self.header: list[str] = []
        self.empty = False
        self._find_header(is_header)

    def _well_formed(self, lines: list[str]) -> bool:
        """True unless a quoted field spanning these lines closes in the middle of a field.

        That is a stray quote that swallowed the lines up to the next field's opening quote; the
        lenient reader hides it, the strict one does not. Only records of several lines are
        checked: there is nothing to swallow on one line.
        """
        text = "".join(lines)
        if '"' not in text:
            return True
        try:
            for _ in self._layout.reader(io.StringIO(text, newline=""), strict=True):
                pass
        except csv.Error:
            return False
        return True

    def _next_record(self) -> list[str] | None:
        """The csv module's next record; None at the end, or at a damaged record."""
        lines = self._lines
        lines.next_record()
        record = next(self._reader, None)
        if record is None:
            return None
        if lines.ended and any(self._end in cell for cell in record):
            if record != [self._end]:  # the end of the file came inside a quoted field
                at = lines.last_opened if lines.in_quotes else lines.record_at
                self.damage = lines.damage(at, unclosed_quote=lines.in_quotes)
            return None
        if len(lines.record_lines) > 1 and not self._well_formed(lines.record_lines):
            at = lines.first_opened or lines.record_at
            self.damage = lines.damage(at, unclosed_quote=True)
            return None
        return record

    def _find_header(self, is_header: HeaderTest) -> None:
        seen_content = False
        for _ in range(HEADER_SEARCH_RECORDS):
            try:
                record = self._next_record()
            except csv.Error as error:
                raise HeaderNotFound(str(error)) from None
            if self.damage is not None:
                raise HeaderNotFound("a quote is never closed before the header")
            if record is None:
                break
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
                record = self._next_record()
            except csv.Error as error:  # a field over the csv module's limit, most likely
                lines = self._lines
                at = lines.last_opened if lines.in_quotes else lines.record_at
                self.damage = lines.damage(at, unclosed_quote=lines.in_quotes, detail=str(error))
                return
            if record is None:
                return
            yield start, record

    def _starts_record(self, line: str, leading_date: re.Pattern[str]) -> bool:
        """A line outside quotes that begins with a timestamp, or that holds several fields.

        LinkedIn leaves a message unquoted only when it has no delimiter and no quote, so its
        continuation lines are single fields; a line with fields is a row, even when its date
        cannot be read (it is then reported, not glued onto the message above it).
        """
        if leading_date.match(line):
            return True
        return len(next(self._layout.reader([line]), [])) > 1

    def _date_led_records(self) -> Iterator[tuple[int, list[str]]]:
        """Glue a record's continuation lines (those not starting a row) back on."""
        leading_date = re.compile(_LEADING_DATE + re.escape(self._layout.delimiter))
        lines = self._lines
        lines.keep_lines = False  # the group below holds them
        group: list[str] = []
        start: Position = (0, 0)
        opened: Position | None = None
        in_quotes = False
        for line in lines:
            if line is self._end:
                break
            if group and not in_quotes and self._starts_record(line, leading_date):
                record = self._parse_group(group, start, opened)
                if record is None:
                    return
                yield start[0], record
                group = []
            if not group:
                start, opened = lines.position, None
            group.append(line)
            if lines.in_quotes and not in_quotes:
                opened = opened or lines.position
            in_quotes = lines.in_quotes
        if group and in_quotes:  # the last record opened a quote that the file never closes
            self.damage = lines.damage(lines.last_opened, unclosed_quote=True)
        elif group and (record := self._parse_group(group, start, opened)) is not None:
            yield start[0], record

    def _parse_group(
        self, group: list[str], start: Position, opened: Position | None
    ) -> list[str] | None:
        """One record from its lines; None (and the damage noted) when they do not make one."""
        if len(group) > 1 and not self._well_formed(group):
            self.damage = self._lines.damage(opened or start, unclosed_quote=True)
            return None
        try:
            records = list(self._layout.reader(io.StringIO("".join(group), newline="")))
        except csv.Error as error:  # a field over the csv module's limit
            self.damage = self._lines.damage(start, unclosed_quote=False, detail=str(error))
            return None
        if not records:
            return []
        first = records[0] or [""]
        for extra in records[1:]:
            first[-1] += "\n" + self._layout.delimiter.join(extra)
        return first

    def __iter__(self) -> Iterator[CsvRow]:
        if self.empty or self.damage is not None:
            return
        # continuation lines can only be told apart when each record starts with its timestamp
        date_first = self.header[:1] in (["date"], ["time"], ["datetime"])
        records = self._date_led_records() if self._date_led and date_first else self._raw_records()
        for line, record in records:
            if not record:
                continue  # an empty line between records is not a row
            cells = {
                name: clean_cell(record[index]) if index < len(record) else ""
                for index, name in enumerate(self.header)
                if name
            }
            yield CsvRow(line, cells, tuple(record))
