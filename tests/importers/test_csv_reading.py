"""The CSV quirks of real exports: encodings, separators, preambles, escapes, broken records."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from export_builders import ACTIVITY, CONNECTIONS_TEXT, SHARE, csv_bytes

from ssi_tui.importers import ImportRefused, read_path
from ssi_tui.importers.csv_reading import CsvTable, HeaderNotFound, sniff_layout
from ssi_tui.importers.values import clean_cell, normalise_label, parse_count

Write = Callable[[str, bytes], Path]

SHARES_2018_HEADER = [
    "Date",
    "Share Title",
    "Share Description",
    "Share Link",
    "Share Commentary",
    "Shared URL",
    "Media URL",
    "Type",
    "Visibility",
]


def _table(data: bytes, required: set[str], *, date_led: bool = False) -> CsvTable:
    def is_header(columns: set[str]) -> bool:
        return required <= columns

    layout = sniff_layout(data[:65536], is_header)
    return CsvTable(io.BytesIO(data), layout, is_header, date_led=date_led)


def test_2018_shares_in_utf16_with_tabs_and_every_field_quoted(write: Write) -> None:
    rows = [
        SHARES_2018_HEADER,
        [
            "2017/06/08 08:15:44 UTC",
            "",
            "",
            SHARE.format(6001),
            "Première ligne\r\nzweite",
            "",
            "",
            "",
            "PUBLIC",
        ],
        ["2017/06/09 10:00:00 UTC", "", "", SHARE.format(6002), "Olá 👋", "", "", "VIDEO", ""],
    ]
    data = csv_bytes(rows, delimiter="\t", quote_all=True, encoding="utf-16-le-bom")
    assert data[:2] == b"\xff\xfe"
    [result] = read_path(write("Shares.csv", data))
    assert result.kind == "shares"
    assert [post.text for post in result.posts] == ["Première ligne\nzweite", "Olá 👋"]
    assert result.posts[1].format == "video"  # the 2018 Type column is evidence
    assert result.posts[1].format_source == "file"
    assert [row.count for row in result.journal] == [1, 1]


@pytest.mark.parametrize("newline", ["\r\n", "\n"])
def test_line_endings_inside_and_between_records(write: Write, newline: str) -> None:
    rows = [
        ["Date", "ShareLink", "ShareCommentary", "SharedURL", "MediaURL", "Visibility"],
        ["2023-01-02 10:00:00", SHARE.format(1), f"a{newline}b", "", "", ""],
    ]
    [result] = read_path(write("Shares.csv", csv_bytes(rows, newline=newline)))
    assert result.posts[0].text == "a\nb"


def test_utf8_with_bom_and_header_case_drift(write: Write) -> None:
    rows = [
        ["DATE", "sharelink", "Share_Commentary", "SHAREDURL"],
        ["2024-05-01 08:00:00", "", "x", ""],
    ]
    data = b"\xef\xbb\xbf" + csv_bytes(rows)
    [result] = read_path(write("shares.csv", data))
    assert result.imported == 1
    assert result.posts[0].id.startswith("post:")  # no link: a stable hash of date and text


def test_a_windows_resave_in_cp1252_still_reads(write: Write) -> None:
    text = (
        "Date,ShareLink,ShareCommentary\r\n2024-05-01 08:00:00,,Caf\u00e9 na esta\u00e7\u00e3o\r\n"
    )
    [result] = read_path(write("Shares.csv", text.encode("cp1252")))
    assert result.posts[0].text == "Café na estação"


def test_utf16_without_bom_is_recognised(write: Write) -> None:
    text = "Date,Type,Link\r\n2025-07-01 10:00:00,LIKE,x\r\n"
    [result] = read_path(write("Reactions.csv", text.encode("utf-16-le")))
    assert result.imported == 1


def test_shares_quote_wrapped_multi_line_text_is_restored(write: Write) -> None:
    artefact = 'line one"\n""\n"line three'
    rows = [["Date", "ShareLink", "ShareCommentary"], ["2024-05-01 08:00:00", "", artefact]]
    [result] = read_path(write("Shares.csv", csv_bytes(rows)))
    assert result.posts[0].text == "line one\n\nline three"


def test_connections_preamble_is_scanned_past(write: Write) -> None:
    [result] = read_path(write("Connections.csv", CONNECTIONS_TEXT.encode()))
    assert result.imported == 4
    assert result.errors == []


def test_connections_2018_without_url_column(write: Write) -> None:
    rows = [
        ["First Name", "Last Name", "Email Address", "Company", "Position", "Connected On"],
        ["Ada", "Quill", "", "Northwind", "Director of Sales", "1/8/18, 6:14 PM"],
    ]
    [result] = read_path(write("Connections.csv", csv_bytes(rows)))
    assert [(row.date.isoformat(), row.count) for row in result.journal] == [("2018-01-08", 1)]
    assert result.profile is not None
    assert result.profile.decision_maker_connections == 1


def test_comments_2025_backslash_escaped_quotes(write: Write) -> None:
    text = (
        "Date,Link,Message\n"
        f'2025-07-13 08:15:21,{ACTIVITY.format(1)},"Loved the \\"pipeline\\" point, thanks"\n'
        f'2025-07-13 09:00:00,{ACTIVITY.format(2)},"Plain one"\n'
    )
    [result] = read_path(write("Comments.csv", text.encode()))
    assert result.imported == 2
    assert result.errors == []
    assert [(row.date.isoformat(), row.count) for row in result.journal] == [("2025-07-13", 2)]


def test_backslash_escapes_are_read_as_such() -> None:
    text = (
        "Date,Link,Message\n"
        f'2025-07-13 08:15:21,{ACTIVITY.format(1)},"Loved the \\"pipeline\\" point, thanks"\n'
    )
    rows = list(_table(text.encode(), {"date", "message"}))
    assert rows[0].cells["message"] == 'Loved the "pipeline" point, thanks'


def test_doubled_quotes_still_read_when_a_backslash_appears() -> None:
    text = 'Date,Link,Message\n2025-07-13 08:15:21,x,"C:\\temp and ""quoted"", ok"\n'
    rows = list(_table(text.encode(), {"date", "message"}))
    assert rows[0].cells["message"] == 'C:\\temp and "quoted", ok'


def test_comments_unquoted_multi_line_messages_glue_back(write: Write) -> None:
    text = (
        "Date,Link,Message\r\n"
        f"2024-03-02 09:00:01,{ACTIVITY.format(1)},First line of my comment\r\n"
        "second line without comma\r\n"
        "\r\n"
        "fourth line\r\n"
        f'2024-03-02 10:11:12,{ACTIVITY.format(2)},"Quoted, with comma\r\n'
        '2024-01-01 looks like a date but is inside quotes"\r\n'
        f"2024-03-03 07:00:00,{ACTIVITY.format(3)},Plain\r\n"
    )
    path = write("Comments.csv", text.encode())
    [result] = read_path(path)
    assert result.imported == 3
    assert [(row.date.isoformat(), row.count) for row in result.journal] == [
        ("2024-03-02", 2),
        ("2024-03-03", 1),
    ]
    rows = list(_table(text.encode(), {"date", "message"}, date_led=True))
    assert (
        rows[0].cells["message"]
        == "First line of my comment\nsecond line without comma\n\nfourth line"
    )
    assert rows[1].cells["message"].endswith("inside quotes")
    assert [row.line for row in rows] == [2, 6, 8]


def test_semicolon_resave_with_na_blanks_and_spreadsheet_dates(write: Write) -> None:
    text = "Date;Type;Link\n18-Jun-24;LIKE;NA\n19-Jun-24;NA;x\nNA;LIKE;y\n"
    [result] = read_path(write("Reactions.csv", text.encode()))
    assert [(row.date.isoformat(), row.count) for row in result.journal] == [
        ("2024-06-18", 1),
        ("2024-06-19", 1),
    ]
    assert result.errors == ["line 4: no date"]


def test_unreadable_dates_are_reported_with_their_line(write: Write) -> None:
    text = "Time,Search Query\n2023/04/22 09:54:59 UTC,a\n31/02/2024,b\n"
    [result] = read_path(write("SearchQueries.csv", text.encode()))
    assert result.imported == 1
    assert result.errors == ["line 3: unreadable date '31/02/2024'"]


def test_control_characters_are_removed_but_text_kept() -> None:
    assert clean_cell("\x1b[31mred\x1b[0m\tand\x07 new\nline ") == "red\tand new\nline"


def test_wrong_header_is_refused_in_one_sentence(write: Write) -> None:
    with pytest.raises(ImportRefused, match=r"^Comments\.csv does not have the header") as caught:
        read_path(write("Comments.csv", b"When,What\n2024-01-01,x\n"))
    assert str(caught.value).count(".") >= 1 and "\n" not in str(caught.value)


def test_header_search_gives_up_on_a_file_of_prose() -> None:
    text = "\n".join(f"line {index}, of prose" for index in range(100)).encode()
    with pytest.raises(HeaderNotFound):
        _table(text, {"date", "message"})


def test_an_empty_known_file_imports_nothing_without_error(write: Write) -> None:
    [result] = read_path(write("Votes.csv", b""))
    assert (result.kind, result.imported, result.errors) == ("votes", 0, [])


def test_an_overlong_field_stops_the_file_with_an_error_not_a_crash(write: Write) -> None:
    text = 'Date,Link,Message\n2025-01-01 10:00:00,x,ok\n2025-01-02 10:00:00,y,"' + "z" * 200_000
    [result] = read_path(write("Comments.csv", text.encode()))
    assert (result.rows_read, result.imported, result.error_rows) == (2, 1, 1)
    assert result.errors == [
        "Comments.csv: a quote opened on line 3 is never closed, so that row was not read."
    ]


def test_an_overlong_field_in_a_file_read_row_by_row_stops_it_where_it_starts(
    write: Write,
) -> None:
    text = (
        "Date,Type,Link\n2025-01-01 10:00:00,LIKE,x\n2025-01-02 10:00:00,LIKE,y"
        + "z" * 200_000
        + "\n2025-01-03 10:00:00,LIKE,w\n"
    )
    [result] = read_path(write("Reactions.csv", text.encode()))
    assert (result.rows_read, result.imported, result.error_rows) == (3, 1, 2)
    [sentence] = result.errors
    assert sentence.startswith("Reactions.csv: reading stopped on line 3 (field larger than")
    assert sentence.endswith("so that row and the line after it were not read.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("46969", 46969),
        ("'46969", 46969),
        ("5,537", 5537),
        ("1 234", 1234),
        ("12.0", 12),
        (" ", None),
        ("NA", None),
        ("-3", None),
        ("3.5", None),
        ("abc", None),
        (7.0, 7),
        (-1, None),
        (True, None),
        (float("nan"), None),
    ],
)
def test_counts_stored_as_text_are_coerced(text: object, expected: int | None) -> None:
    assert parse_count(text) == expected


def test_labels_compare_without_case_spaces_or_underscores() -> None:
    assert normalise_label("Shared_URL") == normalise_label("SharedUrl") == "sharedurl"
    assert normalise_label("Date/Time") == "datetime"


def test_a_damaged_tail_is_told_even_after_many_row_errors(write: Write) -> None:
    rows = ["Date,Type,Link"] + [f"someday {n},LIKE,x{n}" for n in range(60)]
    rows += ['2025-01-02 10:00:00,LIKE,"open', "2025-01-03 10:00:00,LIKE,z"]
    [result] = read_path(write("Reactions.csv", "\n".join(rows).encode()))
    assert (result.rows_read, result.error_rows, result.imported) == (62, 62, 0)
    assert result.errors[-2:] == [
        "Reactions.csv: a quote opened on line 62 is never closed, "
        "so that row and the line after it were not read.",
        "… and 10 more errors",
    ]
