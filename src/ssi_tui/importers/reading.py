"""Turn one file (or one set of split parts) into a `FileResult`.

CSV files are streamed through their kind's transformer; workbooks are read whole (they are
small). Verbatim repeats of a row — real exports have them — are counted once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Final

from ssi_tui.importers.analytics import creator_roles, read_creator_analytics
from ssi_tui.importers.archive import MAX_FILE_BYTES, Source, file_key
from ssi_tui.importers.csv_reading import (
    SAMPLE_BYTES,
    CsvRow,
    CsvTable,
    HeaderNotFound,
    sniff_layout,
)
from ssi_tui.importers.export_files import (
    KINDS_BY_FILE_NAME,
    CsvKind,
    any_known_header,
    kind_for_header,
)
from ssi_tui.importers.model import FileResult, ImportRefused, skipped_file
from ssi_tui.importers.post_analytics import looks_like_post_analytics, read_post_analytics
from ssi_tui.importers.sink import Sink
from ssi_tui.importers.values import normalise_label
from ssi_tui.importers.workbooks import read_sheets

_CREATOR_NAME: Final = re.compile(r"^(?:content|aggregateanalytics)[_ -]", re.IGNORECASE)
_POST_NAME: Final = re.compile(r"^(?:single)?postanalytics[_ -]", re.IGNORECASE)
_COMPANY_SHEETS: Final = frozenset({"metrics", "allposts"})


def _check_size(source: Source) -> None:
    if source.size > MAX_FILE_BYTES:
        raise ImportRefused(f"{source.name} is larger than the 200 MB an import may read.")


def _sample(source: Source) -> bytes:
    with source.open() as stream:
        return stream.read(SAMPLE_BYTES)


def _unique_rows(rows: Iterable[CsvRow], sink: Sink, seen: set[int]) -> Iterator[CsvRow]:
    """Rows worth reading: blank rows and verbatim repeats are counted as skipped."""
    for row in rows:
        sink.read()
        if row.blank:
            sink.skip("empty")
            continue
        fingerprint = hash(row.raw)
        if fingerprint in seen:
            sink.skip("duplicate")
            continue
        seen.add(fingerprint)
        yield row


def _rows(parts: list[Source], kind: CsvKind, sink: Sink) -> Iterator[CsvRow]:
    seen: set[int] = set()
    for source in parts:
        _check_size(source)
        sink.part = source.base_name if len(parts) > 1 else ""
        layout = sniff_layout(_sample(source), kind.is_header)
        with source.open() as stream:
            try:
                table = CsvTable(stream, layout, kind.is_header, date_led=kind.date_led)
            except HeaderNotFound:
                raise ImportRefused(
                    f"{source.name} does not have the header LinkedIn writes for this file "
                    f"(expected the columns {kind.describe_header()})."
                ) from None
            yield from _unique_rows(table, sink, seen)
            if table.damage is not None:
                sink.read(table.damage.rows)
                sink.lost(table.damage.rows, table.damage.sentence(source.name))
    sink.part = ""


def read_csv(parts: list[Source], kind: CsvKind) -> FileResult:
    """One kind's file (all its split parts) through its transformer."""
    sink = Sink(" + ".join(part.name for part in parts), kind.kind)
    kind.transform(_rows(parts, kind, sink), sink)
    return sink.finish()


def csv_kind(source: Source) -> CsvKind | None:
    """The kind of a CSV: by its name when LinkedIn's, else by its header."""
    named = KINDS_BY_FILE_NAME.get(file_key(source.name))
    if named is not None:
        return named
    _check_size(source)
    layout = sniff_layout(_sample(source), any_known_header)
    with source.open() as stream:
        try:
            table = CsvTable(stream, layout, any_known_header, date_led=False)
        except HeaderNotFound:
            return None
    return kind_for_header(set(table.header))


def read_workbook(source: Source, *, alone: bool) -> FileResult:
    """A creator- or post-analytics workbook; a company-page export is listed as skipped."""
    sheets = read_sheets(source)
    stem = source.base_name
    named_creator = _CREATOR_NAME.match(stem) is not None
    if {normalise_label(name) for name in sheets} >= _COMPANY_SHEETS:
        return skipped_file(source.name, "a company page's export, not the member's")
    looks_creator = named_creator or len(creator_roles(sheets)) >= 2
    if _POST_NAME.match(stem) or (not looks_creator and looks_like_post_analytics(sheets)):
        if not looks_like_post_analytics(sheets):
            raise ImportRefused(f"{source.name} is not a LinkedIn post-analytics export.")
        sink = Sink(source.name, "post_analytics")
        read_post_analytics(sheets, sink)
        return sink.finish()
    sink = Sink(source.name, "creator_analytics")
    roles = read_creator_analytics(sheets, sink)
    alone_top_posts = roles == {"topposts"} and sink.posts_read > 0
    if len(roles) < (1 if named_creator or alone_top_posts else 2):
        if alone or named_creator:
            raise ImportRefused(f"{source.name} is not a LinkedIn analytics export.")
        return skipped_file(source.name, "not a LinkedIn analytics workbook")
    return sink.finish()
