"""Property tests: whatever a file holds, every row read is imported, skipped or an error.

Files are built in the documented shapes (export_builders.py) and varied: rows with dates
LinkedIn never writes, blank rows, verbatim repeats, a quote left open, CRLF or LF, archive
entries with any name. The expected outcome of each row is worked out beside the file.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime, timedelta

import pytest
from export_builders import (
    ACTIVITY,
    DATED_FILES,
    UNREADABLE_DATES,
    DatedFile,
    comments_2024,
    complete_export,
    csv_bytes,
    csv_line,
    open_a_quote,
    zip_bytes,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from ssi_tui.importers import FileResult, read_path
from ssi_tui.importers.archive import OUTSIDE, SYSTEM_FILE, Source, file_key, skip_reason
from ssi_tui.importers.csv_reading import CsvTable, sniff_layout
from ssi_tui.importers.export_files import KINDS_BY_FILE_NAME
from ssi_tui.importers.reading import read_csv
from ssi_tui.importers.values import clean_cell

QUICK = settings(
    database=None,
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
FIRST = datetime(2024, 2, 1, 8, 5)


@pytest.fixture(autouse=True, scope="module")
def _hypothesis_storage_in_a_temporary_folder(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[None]:
    set_hypothesis_home_dir(tmp_path_factory.mktemp("hypothesis"))
    yield
    set_hypothesis_home_dir(None)


def _day(number: int) -> datetime:
    return FIRST + timedelta(days=number, minutes=13 * number)


def _read(name: str, data: bytes) -> FileResult:
    kind = KINDS_BY_FILE_NAME[file_key(name)]
    return read_csv([Source(name, len(data), lambda: io.BytesIO(data))], kind)


def assert_accounted(result: FileResult) -> None:
    """The report adds up, and no row was caught by the safety net (which would be a bug)."""
    assert result.unaccounted == 0
    assert result.rows_read == result.imported + result.skipped + result.error_rows
    assert sum(result.skipped_reasons.values()) == result.skipped
    assert all(count > 0 for count in result.skipped_reasons.values())
    assert not any("ssi-tui bug" in error for error in result.errors)


ROW_KINDS = st.sampled_from(["good", "good", "good", "bad", "blank", "repeat"])


@QUICK
@given(
    name=st.sampled_from(sorted(DATED_FILES)),
    kinds=st.lists(ROW_KINDS, min_size=1, max_size=25),
    bad_dates=st.lists(st.sampled_from(UNREADABLE_DATES), min_size=25, max_size=25),
    damage=st.one_of(st.none(), st.floats(min_value=0, max_value=0.999)),
    newline=st.sampled_from(["\r\n", "\n"]),
    final_newline=st.booleans(),
)
def test_every_row_of_a_dated_file_is_imported_skipped_or_an_error(
    name: str,
    kinds: list[str],
    bad_dates: list[str],
    damage: float | None,
    newline: str,
    final_newline: bool,
) -> None:
    file: DatedFile = DATED_FILES[name]
    lines: list[str] = []
    for number, kind in enumerate(kinds):
        if kind == "repeat" and lines:
            lines.append(lines[number // 2])
            continue
        row = file.row(_day(number), number)
        if kind == "bad":
            row[file.date_column] = bad_dates[number]
        elif kind == "blank":
            row = [""] * len(row)
        lines.append(csv_line(row))
    broken = None if damage is None else int(damage * len(lines))
    if broken is not None:
        lines[broken] = open_a_quote(lines[broken])
    text = newline.join([csv_line(file.header), *lines]) + (newline if final_newline else "")
    result = _read(name, text.encode())

    expected_days: Counter[date] = Counter()
    reasons: Counter[str] = Counter()
    errors = 0
    seen: set[str] = set()
    for number, line in enumerate(lines[:broken]):
        if line.strip(",") == "":
            reasons["empty"] += 1
        elif line in seen:
            reasons["duplicate"] += 1
        else:
            seen.add(line)
            if (reason := file.skips(number)) is not None:
                reasons[reason] += 1  # a row the member did not make: its date does not matter
            elif kinds[number] == "bad":
                errors += 1
            else:
                expected_days[_day(number).date()] += 1
    if broken is not None:
        errors += len(lines) - broken
    assert_accounted(result)
    assert result.skipped_reasons == dict(reasons)
    assert (result.rows_read, result.error_rows) == (len(lines), errors)
    assert result.imported == sum(expected_days.values())
    assert {row.date: row.count for row in result.journal} == dict(expected_days)
    damage_notes = [error for error in result.errors if "quote" in error]
    if broken is None:
        assert damage_notes == []
    else:
        after = len(lines) - broken - 1
        assert damage_notes == [
            f"{name}: a quote opened on line {broken + 2} is never closed, so that row"
            + (f" and the {after} lines after it were" if after > 1 else "")
            + (" and the line after it were" if after == 1 else "")
            + (" was" if after == 0 else "")
            + " not read."
        ]


MESSAGE_LINE = st.text(alphabet="abcdefghij klmnop", max_size=12)


@QUICK
@given(
    messages=st.lists(
        st.tuples(
            st.one_of(st.none(), st.sampled_from(UNREADABLE_DATES)),
            st.lists(MESSAGE_LINE, min_size=1, max_size=4),
        ),
        min_size=1,
        max_size=12,
    )
)
def test_unquoted_multi_line_comments_keep_their_rows_apart_whatever_the_dates(
    messages: list[tuple[str | None, list[str]]],
) -> None:
    records = [
        (f"{_day(n):%Y-%m-%d %H:%M:%S}" if bad is None else bad, ACTIVITY.format(n), text)
        for n, (bad, text) in enumerate(messages)
    ]
    data = comments_2024(records)
    result = _read("Comments.csv", data)
    assert_accounted(result)
    assert result.rows_read == len(messages)
    assert result.error_rows == sum(bad is not None for bad, _ in messages)
    assert result.imported == sum(bad is None for bad, _ in messages)

    def is_header(columns: set[str]) -> bool:
        return {"date", "message"} <= columns

    table = CsvTable(io.BytesIO(data), sniff_layout(data, is_header), is_header, date_led=True)
    read = [row.cells["message"] for row in table]
    assert read == [clean_cell("\n".join(text)) for _, text in messages]


SEGMENTS = st.sampled_from(
    ["..", ".", "Jobs", "__MACOSX", ".hidden", "Export", "a b", "ünï", "x\x1b[31m", "C:", "[b]"]
)
LEAVES = st.sampled_from(["Comments.csv", "Reactions.csv", "notes.txt", "Skills.csv", "._x.csv"])


@st.composite
def entry_names(draw: st.DrawFn) -> str:
    segments = draw(st.lists(SEGMENTS, max_size=3))
    separator = draw(st.sampled_from(["/", "\\"]))
    name = separator.join([*segments, draw(LEAVES)])
    return ("/" + name) if draw(st.booleans()) else name


CONTENT = {
    "Comments.csv": csv_bytes([["Date", "Link", "Message"], ["2020-02-02 10:00:00", "x", "hi"]]),
    "Reactions.csv": csv_bytes([["Date", "Type", "Link"], ["2020-02-02 10:00:00", "LIKE", "x"]]),
    "Skills.csv": csv_bytes([["Name"], ["Negotiation"]]),
}


@QUICK
@given(names=st.lists(entry_names(), min_size=1, max_size=8, unique=True))
def test_every_archive_entry_is_listed_by_its_literal_name(
    names: list[str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    files = {name: CONTENT.get(name.replace("\\", "/").split("/")[-1], b"x") for name in names}
    files["Votes.csv"] = complete_export()["Votes.csv"]
    path = tmp_path_factory.mktemp("zip") / "LinkedInDataExport.zip"
    path.write_bytes(zip_bytes(files))
    results = read_path(path)
    listed = Counter(part for result in results for part in result.name.split(" + "))
    assert listed == Counter(list(files))
    by_part = {part: result for result in results for part in result.name.split(" + ")}
    for name in files:
        reason = skip_reason(name)
        segments = name.replace("\\", "/").split("/")
        if name.startswith(("/", "C:")) or ".." in segments:
            assert reason == OUTSIDE
        elif "__MACOSX" in segments or any(s.startswith(".") and s != "." for s in segments):
            assert reason == SYSTEM_FILE
        else:
            assert reason is None
        if reason is not None:
            assert (by_part[name].kind, by_part[name].reason) == ("skipped", reason)
    for result in results:
        assert_accounted(result)
        assert result.kind != "skipped" or result.reason
