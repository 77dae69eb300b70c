"""Mangled input never crashes the importers: only ImportRefused, and never a negative count.

The readers are called below read_path's safety net, so a bug shows as the exception it is.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import datetime

import pytest
from export_builders import complete_export, xlsx_bytes
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from ssi_tui.importers import FileResult, ImportRefused
from ssi_tui.importers.analytics import read_creator_analytics
from ssi_tui.importers.archive import Source, file_key
from ssi_tui.importers.dates import DateReader
from ssi_tui.importers.export_files import CSV_KINDS, KINDS_BY_FILE_NAME, CsvKind
from ssi_tui.importers.post_analytics import read_post_analytics
from ssi_tui.importers.reading import read_csv, read_workbook
from ssi_tui.importers.sink import Sink
from ssi_tui.importers.values import parse_count

QUICK = settings(
    database=None,
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
EXPORT = {
    name: data for name, data in complete_export().items() if file_key(name) in KINDS_BY_FILE_NAME
}
NAMES = sorted(EXPORT)


@pytest.fixture(autouse=True, scope="module")
def _hypothesis_storage_in_a_temporary_folder(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[None]:
    """Hypothesis caches (constants, Unicode tables) go to a temporary folder, not the repo."""
    set_hypothesis_home_dir(tmp_path_factory.mktemp("hypothesis"))
    yield
    set_hypothesis_home_dir(None)


def _source(name: str, data: bytes) -> Source:
    return Source(name, len(data), lambda: io.BytesIO(data))


def _read(name: str, data: bytes) -> FileResult | None:
    """The file read as its kind; None when refused (the only exception allowed)."""
    kind = KINDS_BY_FILE_NAME[file_key(name)]
    try:
        result = read_csv([_source(name, data)], kind)
    except ImportRefused as refusal:
        assert str(refusal).strip()
        return None
    _assert_sane(result)
    return result


def _assert_sane(result: FileResult) -> None:
    assert result.imported >= 0 and result.skipped >= 0 and result.error_rows >= 0
    assert result.rows_read == result.imported + result.skipped + result.error_rows
    assert sum(result.skipped_reasons.values()) == result.skipped
    assert not any("ssi-tui bug" in error for error in result.errors), result.errors
    assert all(row.count > 0 for row in result.journal)
    metrics = ("impressions", "reactions", "comments", "reposts", "engagements", "followers")
    for post in result.posts:
        assert all((getattr(post, name) or 0) >= 0 for name in metrics)
    for day in result.daily_metrics:
        assert (day.impressions or 0) >= 0 and (day.engagements or 0) >= 0
    for count in result.followers:
        assert (count.new_followers or 0) >= 0 and (count.total or 0) >= 0


@QUICK
@given(name=st.sampled_from(NAMES), data=st.binary(max_size=400))
def test_random_bytes_under_any_export_name(name: str, data: bytes) -> None:
    _read(name, data)


@QUICK
@given(name=st.sampled_from(NAMES), cut=st.floats(min_value=0, max_value=1))
def test_truncated_export_files(name: str, cut: float) -> None:
    data = EXPORT[name]
    _read(name, data[: int(len(data) * cut)])


@QUICK
@given(
    name=st.sampled_from(NAMES),
    position=st.floats(min_value=0, max_value=1),
    junk=st.binary(min_size=1, max_size=12),
)
def test_bytes_spliced_into_export_files(name: str, position: float, junk: bytes) -> None:
    data = EXPORT[name]
    at = int(len(data) * position)
    _read(name, data[:at] + junk + data[at:])


def _permuted(data: bytes, order: list[int]) -> bytes | None:
    rows = list(csv.reader(io.StringIO(data.decode(), newline="")))
    width = len(rows[0])
    if len(order) != width or any(len(row) != width for row in rows):
        return None
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows([[row[i] for i in order] for row in rows])
    return buffer.getvalue().encode()


@QUICK
@given(name=st.sampled_from([n for n in NAMES if n != "Connections.csv"]), data=st.data())
def test_column_order_does_not_change_what_is_read(name: str, data: st.DataObject) -> None:
    original = EXPORT[name]
    width = len(next(csv.reader(io.StringIO(original.decode()))))
    order = data.draw(st.permutations(list(range(width))))
    permuted = _permuted(original, order)
    if permuted is None:
        return
    before, after = _read(name, original), _read(name, permuted)
    assert before is not None and after is not None
    assert (after.journal, after.imported, after.skipped) == (
        before.journal,
        before.imported,
        before.skipped,
    )
    assert [post.text for post in after.posts] == [post.text for post in before.posts]


@QUICK
@given(
    kind=st.sampled_from(CSV_KINDS),
    header=st.lists(st.sampled_from(["Date", "Link", "Type", "FROM", "x", "Sent At", "Name"])),
    cells=st.lists(st.lists(st.text(max_size=12), max_size=6), max_size=6),
)
def test_random_headers_and_cells_for_every_kind(
    kind: CsvKind, header: list[str], cells: list[list[str]]
) -> None:
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows([header, *cells])
    name = (kind.file_names or ("posts",))[0] + ".csv"
    try:
        result = read_csv([_source(name, buffer.getvalue().encode())], kind)
    except ImportRefused:
        return
    _assert_sane(result)


@QUICK
@given(st.text(max_size=70))
def test_dates_never_raise(text: str) -> None:
    moment = DateReader().parse(text)
    assert moment is None or isinstance(moment, datetime)


@QUICK
@given(st.one_of(st.text(max_size=20), st.integers(), st.floats(), st.none(), st.booleans()))
def test_counts_are_never_negative(value: object) -> None:
    count = parse_count(value)
    assert count is None or count >= 0


CELLS = st.one_of(
    st.none(),
    st.text(max_size=15),
    st.integers(min_value=-(10**6), max_value=10**9),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.sampled_from(
        [
            "4/24/2022",
            "< 1%",
            "5,537",
            "'46969",
            "Total followers on 4/23/2023:",
            "https://www.linkedin.com/feed/update/urn:li:activity:123",
            "Post URL",
        ]
    ),
)
SHEET_ROWS = st.lists(st.lists(CELLS, max_size=8).map(tuple), max_size=12)


@QUICK
@given(
    names=st.lists(
        st.sampled_from(["DISCOVERY", "ENGAGEMENT", "TOP POSTS", "FOLLOWERS", "DEMOGRAPHICS", "X"]),
        min_size=1,
        max_size=5,
        unique=True,
    ),
    data=st.data(),
)
def test_random_cells_in_analytics_sheets(names: list[str], data: st.DataObject) -> None:
    sheets = {name: data.draw(SHEET_ROWS) for name in names}
    creator = Sink("Content_x.xlsx", "creator_analytics")
    read_creator_analytics(sheets, creator)
    _assert_sane(creator.finish())
    single = Sink("PostAnalytics_x.xlsx", "post_analytics")
    read_post_analytics(sheets, single)
    _assert_sane(single.finish())


@pytest.fixture(scope="module")
def workbook() -> bytes:
    return xlsx_bytes({"ENGAGEMENT": [["Date", "Impressions", "Engagements"], ["4/24/2022", 1, 2]]})


@QUICK
@given(cut=st.floats(min_value=0, max_value=1), junk=st.binary(max_size=8))
def test_damaged_workbooks_are_refused_or_read(workbook: bytes, cut: float, junk: bytes) -> None:
    at = int(len(workbook) * cut)
    data = workbook[:at] + junk + workbook[at + len(junk) :]
    try:
        result = read_workbook(_source("Content_x.xlsx", data), alone=True)
    except ImportRefused:
        return
    _assert_sane(result)
