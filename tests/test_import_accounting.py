"""Every row an import reads is imported, skipped for a reason, or an error, and the counts add up.

Built from the documented export shapes (tests/importers/export_builders.py): rows with dates
LinkedIn never writes, a quote that is never closed, archive entries whose names lead outside
the export. Each checks what the member sees (`import --json`, the journal) and what was stored.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.importers.export_builders import (
    ACTIVITY,
    DATED_FILES,
    comments_2024,
    complete_export,
    csv_bytes,
    csv_line,
    open_a_quote,
    zip_bytes,
)

from ssi_tui.cli import cli
from ssi_tui.importers import FileResult, read_path

FIRST = datetime(2024, 3, 1, 9, 30)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def import_json(path: Path) -> list[dict[str, object]]:
    code, out, err = run("import", str(path), "--json")
    assert code == 0, err
    files: list[dict[str, object]] = json.loads(out)["files"]
    return files


def journal(activity: str) -> dict[str, int]:
    code, out, _ = run("journal", "--since", "2003-05-05", "--json")
    assert code == 0
    return {row["date"]: row["count"] for row in json.loads(out) if row["activity"] == activity}


def adds_up(result: FileResult) -> bool:
    return (
        result.rows_read == result.imported + result.skipped + result.error_rows
        and sum(result.skipped_reasons.values()) == result.skipped
    )


def day(number: int) -> datetime:
    return FIRST + timedelta(days=number, minutes=7 * number)


def test_comments_with_unreadable_dates_are_errors_not_glued_onto_the_comment_above(
    tmp_path: Path,
) -> None:
    bad = ["yesterday", "2024-13-45 08:00:00", "soon", "31/02/2024", "2024.07.13", "Jul 13th"]
    rows: list[list[object]] = [["Date", "Link", "Message"]]
    for number in range(12):
        when = f"{day(number):%Y-%m-%d %H:%M:%S}" if number % 2 == 0 else bad[number // 2]
        rows.append([when, ACTIVITY.format(number), f"Comment {number}"])
    path = tmp_path / "Comments.csv"
    path.write_bytes(csv_bytes(rows))
    [report] = import_json(path)
    assert report["imported"] == 6
    assert report["errors"] == [
        f"line {line}: unreadable date {bad[index]!r}" for index, line in enumerate(range(3, 14, 2))
    ]
    assert journal("comment") == {f"{day(number):%Y-%m-%d}": 1 for number in range(0, 12, 2)}
    [result] = read_path(path)
    assert (result.rows_read, result.imported, result.skipped, result.error_rows) == (12, 6, 0, 6)


def test_unreadable_dates_in_a_2024_comments_file_with_unquoted_multi_line_messages(
    tmp_path: Path,
) -> None:
    records = [
        (f"{day(0):%Y-%m-%d %H:%M:%S}", ACTIVITY.format(1), ["First line", "second line"]),
        ("tomorrow-ish", ACTIVITY.format(2), ["A comment whose date is gone"]),
        (f"{day(1):%Y-%m-%d %H:%M:%S}", ACTIVITY.format(3), ["One", "", "three"]),
        ("", ACTIVITY.format(4), ["No date", "and a second line"]),
        (f"{day(2):%Y-%m-%d %H:%M:%S}", ACTIVITY.format(5), ["Last"]),
    ]
    path = tmp_path / "Comments.csv"
    path.write_bytes(comments_2024(records))
    [report] = import_json(path)
    assert (report["imported"], report["errors"]) == (
        3,
        ["line 4: unreadable date 'tomorrow-ish'", "line 8: no date"],
    )
    assert journal("comment") == {f"{day(number):%Y-%m-%d}": 1 for number in range(3)}
    [result] = read_path(path)
    assert (result.rows_read, result.error_rows) == (5, 2)


@pytest.mark.parametrize("name", sorted(DATED_FILES))
def test_an_unclosed_quote_is_reported_where_it_opens_and_the_rest_counted_as_errors(
    tmp_path: Path, name: str
) -> None:
    file = DATED_FILES[name]
    lines = [csv_line(file.header)] + [csv_line(file.row(day(n), n)) for n in range(50)]
    lines[13] = open_a_quote(lines[13])  # line 14
    path = tmp_path / name
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode())
    kept = [n for n in range(12) if file.skips(n) is None]
    [report] = import_json(path)
    assert report["errors"] == [
        f"{name}: a quote opened on line 14 is never closed, "
        "so that row and the 37 lines after it were not read."
    ]
    assert (report["imported"], report["skipped"]) == (len(kept), 12 - len(kept))
    assert journal(file.activity) == {f"{day(n):%Y-%m-%d}": 1 for n in kept}
    [result] = read_path(path)
    assert (result.rows_read, result.error_rows) == (50, 38)
    assert adds_up(result)


def test_an_unclosed_quote_in_a_2018_utf16_tab_separated_file(tmp_path: Path) -> None:
    header = ["Date", "Share Title", "Share Description", "Share Link", "Share Commentary"]
    rows = [header] + [
        [f"{day(n):%Y/%m/%d %H:%M:%S} UTC", "", "", f"https://lnkd.in/{n}", f"Post {n}"]
        for n in range(6)
    ]
    text = csv_bytes(rows, delimiter="\t", quote_all=True).decode()
    lines = text.split("\r\n")
    lines[3] = lines[3][:-1]  # the last field's closing quote is missing on line 4
    data = b"\xff\xfe" + "\r\n".join(lines).encode("utf-16-le")
    path = tmp_path / "Shares.csv"
    path.write_bytes(data)
    [report] = import_json(path)
    assert report["imported"] == 2
    assert report["errors"] == [
        "Shares.csv: a quote opened on line 4 is never closed, "
        "so that row and the 3 lines after it were not read."
    ]


def test_a_quote_left_open_on_the_last_line_loses_only_that_row(tmp_path: Path) -> None:
    text = 'Date,Type,Link\n2024-03-01 10:00:00,LIKE,x\n2024-03-02 10:00:00,LIKE,"y'
    path = tmp_path / "Reactions.csv"
    path.write_text(text)
    [report] = import_json(path)
    assert (report["imported"], report["errors"]) == (
        1,
        ["Reactions.csv: a quote opened on line 3 is never closed, so that row was not read."],
    )


UNSAFE_NAMES = [
    "../Reactions.csv",
    "../../home/member/Votes.csv",
    "/tmp/SearchQueries.csv",
    "Jobs/../../Shares.csv",
    "..\\Invitations.csv",
    "C:/Users/member/Skills.csv",
]


def test_entries_leading_outside_the_export_are_listed_as_skipped_by_their_literal_names(
    tmp_path: Path,
) -> None:
    export = complete_export()
    files = {"Comments.csv": export["Comments.csv"]}
    files |= {name: export[name.replace("\\", "/").rsplit("/", 1)[-1]] for name in UNSAFE_NAMES}
    files["__MACOSX/._Comments.csv"] = b"\x00\x05\x16\x07"
    path = tmp_path / "Complete_LinkedInDataExport_07-20-2025.zip"
    path.write_bytes(zip_bytes(files))
    reports = {str(report["name"]): report for report in import_json(path)}
    assert sorted(reports) == sorted(files)
    for name in [*UNSAFE_NAMES, "__MACOSX/._Comments.csv"]:
        assert (reports[name]["kind"], reports[name]["imported"]) == ("skipped", 0), name
    assert reports["Comments.csv"]["imported"] == 3
    for activity in ("reaction", "search", "post", "connection_request"):
        assert journal(activity) == {}, f"{activity} came in through a name leading outside"
    code, out, _ = run("import", str(path))
    assert code == 0
    for name in UNSAFE_NAMES:
        [line] = [line for line in out.splitlines() if line.startswith(name + " ")]
        assert "skipped" in line
    [result] = [result for result in read_path(path) if result.name == "../Reactions.csv"]
    assert result.reason == "its name leads outside the export"


def test_every_file_of_a_complete_export_adds_up_and_names_its_skip_reasons(
    tmp_path: Path,
) -> None:
    files = complete_export()
    lines = files["Reactions.csv"].decode().split("\r\n")
    files["Reactions.csv"] = "\r\n".join([*lines[:3], ",,", lines[2], *lines[3:]]).encode()
    path = tmp_path / "export.zip"
    path.write_bytes(zip_bytes(files))
    results = {result.name: result for result in read_path(path)}
    assert all(adds_up(result) for result in results.values())
    assert all(result.reason for result in results.values() if result.kind == "skipped")
    assert results["Reactions.csv"].skipped_reasons == {"duplicate": 2, "empty": 1}
    assert results["Invitations.csv"].skipped_reasons == {"not sent by the member": 1}
    assert results["messages.csv"].skipped_reasons == {
        "draft or spam": 1,
        "from someone else and not a reply": 4,
    }
    assert results["Education.csv"].reason == "not a file ssi-tui reads"


def test_the_report_text_shows_counts_that_add_up_and_inert_names() -> None:
    from ssi_tui.importers.report import counts_text, visible

    assert counts_text(12, 6, {"empty": 1, "duplicate": 2}, 3) == (
        "6 imported, 3 skipped (2 duplicate, 1 empty), 3 errors, of 12 rows read"
    )
    assert counts_text(1, 1, {}, 0) == "1 imported, 0 skipped, 0 errors, of 1 row read"
    assert visible("../x\n.csv\x1b[31m\u202e[bold]") == "../x\\n.csv\\x1b[31m\\u202e[bold]"


def test_import_json_gives_the_counts_that_add_up(tmp_path: Path) -> None:
    lines = [csv_line(["Date", "Type", "Link"])]
    lines += [
        csv_line([f"{day(n):%Y-%m-%d %H:%M:%S}", "LIKE", ACTIVITY.format(n)]) for n in range(5)
    ]
    lines += [lines[1], ",,", csv_line(["someday", "LIKE", "x"]), open_a_quote(lines[2]), "a,b,c"]
    path = tmp_path / "Reactions.csv"
    path.write_text("\n".join(lines) + "\n")
    code, out, _ = run("import", str(path))
    assert code == 0
    assert "5 imported, 2 skipped (1 duplicate, 1 empty), 3 errors, of 10 rows read" in " ".join(
        out.split()
    )
    [report] = import_json(path)
    assert {key: report[key] for key in ("rows_read", "imported", "skipped", "error_rows")} == {
        "rows_read": 10,
        "imported": 5,
        "skipped": 2,
        "error_rows": 3,
    }
    assert report["skipped_reasons"] == {"duplicate": 1, "empty": 1}


def test_names_in_the_human_report_cannot_act_on_the_terminal(tmp_path: Path) -> None:
    name = "Notes\x1b[2J\n[bold]fake.csv"
    path = tmp_path / "e.zip"
    path.write_bytes(zip_bytes({"Comments.csv": complete_export()["Comments.csv"], name: b"x"}))
    reports = import_json(path)
    assert name in [report["name"] for report in reports]
    code, out, _ = run("import", str(path))
    assert code == 0
    assert "\x1b" not in out
    assert "Notes\\x1b[2J\\n[bold]fake.csv  skipped (not a file ssi-tui reads)" in out
