"""Importing what was imported before says so, instead of counting the same rows once more.

A member downloads a new export every month or so and imports it whole: the report must tell
the files that brought something new from those that changed nothing, in lines that fit an
80-column terminal, and `import --json` must keep the contract's keys while adding the counts.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli import run
from tests.importers.export_builders import ACTIVITY, complete_export, csv_bytes, zip_bytes

from ssi_tui.commands.output import cells

ALREADY_IMPORTED = "already imported: nothing changed"
NOTHING_CHANGED = "Nothing changed: every file was imported before."
CONTRACT_KEYS = ("name", "kind", "imported", "skipped", "errors")


def archive(tmp_path: Path) -> Path:
    path = tmp_path / "Complete_LinkedInDataExport_07-20-2025.zip"
    folder = "Complete_LinkedInDataExport_07-20-2025"
    path.write_bytes(zip_bytes({f"{folder}/{k}": v for k, v in complete_export().items()}))
    return path


def comments(path: Path, count: int) -> Path:
    """A Comments.csv of `count` comments, three a day from 2026-04-01 (so one that grows may
    add a comment to a day it already had)."""
    rows: list[list[object]] = [["Date", "Link", "Message"]]
    rows += [
        [f"2026-04-{1 + n // 3:02d} 09:{10 + n % 3}:00", ACTIVITY.format(9000 + n), f"Yes, {n}"]
        for n in range(count)
    ]
    path.write_bytes(csv_bytes(rows))
    return path


def posts_csv(path: Path, impressions: int) -> Path:
    path.write_text(
        "published_at,format,text,impressions,reactions,comments,reposts\n"
        f"2026-03-02T09:30:00,carousel,Three lessons,{impressions},40,6,2\n"
        "2026-03-09T08:00:00,poll,Which one?,800,10,1,0\n",
        encoding="utf-8",
    )
    return path


def report(db: Path, path: Path) -> list[dict[str, object]]:
    code, out = run(db, "import", str(path), "--json")
    assert code == 0, out
    files: list[dict[str, object]] = json.loads(out)["files"]
    return files


def human(db: Path, path: Path) -> list[str]:
    code, out = run(db, "import", str(path))
    assert code == 0, out
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 80, out
    return lines


def test_an_archive_imported_again_says_every_file_was_imported_before(tmp_path: Path) -> None:
    db, path = tmp_path / "ssi.db", archive(tmp_path)
    first = human(db, path)
    assert first[0].split() == ["File", "Result"]
    assert not any(ALREADY_IMPORTED in line for line in first)
    assert NOTHING_CHANGED not in first
    assert "3 imported, 0 skipped, 0 errors, of 3 rows read" in " ".join(first)

    again = human(db, path)
    used = [line for line in again[1:-1] if line[:1] != " " and "skipped (" not in line]
    assert len(used) == 18 and all(line.endswith(f"  {ALREADY_IMPORTED}") for line in used)
    assert not any(" imported," in line for line in again), "the same counts are not repeated"
    assert again[-1] == NOTHING_CHANGED
    assert [line for line in again if line.startswith("Education.csv")] == [
        "Education.csv                  skipped (not a file ssi-tui reads)"
    ]


def test_an_archive_with_one_file_grown_names_that_file_and_counts_the_rest(
    tmp_path: Path,
) -> None:
    db, path = tmp_path / "ssi.db", archive(tmp_path)
    human(db, path)
    files = complete_export()
    files["Comments.csv"] += csv_bytes([["2025-07-15 08:00:00", ACTIVITY.format(14), "Yes"]])
    path.write_bytes(zip_bytes(files))
    lines = human(db, path)
    [grown] = [line for line in lines if line.startswith("Comments.csv")]
    assert ALREADY_IMPORTED not in grown
    assert "1 new, 3 already there" in " ".join(" ".join(lines).split())
    assert lines[-1] == "Imported before, nothing changed: 17 of 18 files."


def test_import_json_keeps_the_contract_and_adds_what_changed(tmp_path: Path) -> None:
    db, path = tmp_path / "ssi.db", archive(tmp_path)
    first = {str(file["name"]): file for file in report(db, path)}
    again = {str(file["name"]): file for file in report(db, path)}
    for name, file in again.items():
        assert {key: file[key] for key in CONTRACT_KEYS} == {
            key: first[name][key] for key in CONTRACT_KEYS
        }, "imported still counts the file's rows"
    comments_file = first["Comments.csv"]
    assert (comments_file["rows_new"], comments_file["rows_unchanged"]) == (3, 0)
    assert comments_file["already_imported"] is False
    assert again["Comments.csv"]["already_imported"] is True
    assert (again["Comments.csv"]["rows_new"], again["Comments.csv"]["rows_unchanged"]) == (0, 3)
    assert again["Shares.csv"]["rows_unchanged"] == 5, "a share counts as its post, once"
    assert first["Skills.csv"]["already_imported"] is False, "its facts went in with Profile.csv"
    assert again["Skills.csv"]["already_imported"] is True
    assert again["Education.csv"]["already_imported"] is False, "a file not used is not imported"
    assert all(file["rows_updated"] == 0 for file in again.values())


def test_a_file_that_grew_says_what_is_new_and_what_was_already_there(tmp_path: Path) -> None:
    db = tmp_path / "ssi.db"
    path = comments(tmp_path / "Comments.csv", 38)
    assert report(db, path)[0]["rows_new"] == 38
    comments(path, 50)  # the next month's export: 12 more, one of them on a day already there
    lines = human(db, path)
    said = " ".join(" ".join(lines).split())
    assert "50 imported, 0 skipped, 0 errors, of 50 rows read; 12 new, 38 already there" in said
    assert ALREADY_IMPORTED not in said and NOTHING_CHANGED not in said
    _, out = run(db, "journal", "--since", "2026-04-01", "--json")
    assert sum(row["count"] for row in json.loads(out)) == 50


def test_a_file_with_larger_numbers_says_which_rows_it_updated(tmp_path: Path) -> None:
    db = tmp_path / "ssi.db"
    report(db, posts_csv(tmp_path / "posts.csv", 1200))
    [file] = report(db, posts_csv(tmp_path / "posts.csv", 1500))
    assert (file["rows_new"], file["rows_updated"], file["rows_unchanged"]) == (0, 1, 1)
    assert file["already_imported"] is False
    said = " ".join(" ".join(human(db, posts_csv(tmp_path / "posts.csv", 1900))).split())
    assert "of 2 rows read; 1 updated, 1 already there" in said
    [file] = report(db, posts_csv(tmp_path / "posts.csv", 1000))  # smaller numbers never win
    assert file["already_imported"] is True


def test_a_file_with_nothing_to_import_is_not_called_imported_before(tmp_path: Path) -> None:
    db = tmp_path / "ssi.db"
    path = tmp_path / "Comments.csv"
    path.write_bytes(csv_bytes([["Date", "Link", "Message"], ["soon", ACTIVITY.format(1), "x"]]))
    for _ in range(2):
        lines = human(db, path)
        assert "0 imported, 0 skipped, 1 error, of 1 row read" in lines[1]
        assert NOTHING_CHANGED not in lines


def test_long_names_and_reasons_stay_within_80_columns(tmp_path: Path) -> None:
    export = complete_export()
    long_name = "Notes about " + "a very long subject " * 6 + ".csv"
    wide_name = "日本語のファイル名" * 3 + ".csv"
    path = tmp_path / "export.zip"
    path.write_bytes(
        zip_bytes({**export, long_name: b"x", wide_name: b"x", "X" * 120 + ".csv": b"x"})
    )
    db = tmp_path / "ssi.db"
    for _ in range(2):
        code, out = run(db, "import", str(path))
        assert code == 0
        assert max(cells(line) for line in out.splitlines()) <= 80, out
        assert wide_name in out and "X" * 80 in out


def test_the_app_import_report_says_so_too(tmp_path: Path) -> None:
    from ssi_tui.importers import read_path
    from ssi_tui.screens.import_file import report_text
    from ssi_tui.store.database import open_database
    from ssi_tui.store.imports import write_results

    path = archive(tmp_path)
    db = open_database(tmp_path / "ssi.db")
    try:
        first = report_text(write_results(db, path, read_path(path))).plain
        again = report_text(write_results(db, path, read_path(path))).plain
    finally:
        db.close()
    assert "Comments.csv: comments, 3 imported, 0 skipped" in first
    assert "Education.csv: skipped (not a file ssi-tui reads)" in first  # the CLI's words
    assert ALREADY_IMPORTED not in first
    assert f"Comments.csv: {ALREADY_IMPORTED}" in again
    assert again.splitlines()[-1] == NOTHING_CHANGED
