"""Importing LinkedIn's downloads, the post log and export, through the command line."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlite_utils import Database
from tests.importers.export_builders import complete_export, xlsx_bytes, zip_bytes

from ssi_tui.cli import cli


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def table_counts(path: Path) -> dict[str, int]:
    database = Database(path)
    try:
        return {
            name: database.table(name).count
            for name in ("journal", "posts", "daily_metrics", "follower_counts")
        }
    finally:
        database.close()


def test_an_archive_imports_once_however_often_it_is_imported(tmp_path: Path) -> None:
    archive = tmp_path / "Complete_LinkedInDataExport_07-20-2025.zip"
    archive.write_bytes(
        zip_bytes(
            {f"Complete_LinkedInDataExport_07-20-2025/{k}": v for k, v in complete_export().items()}
        )
    )
    code, out, _ = run("import", str(archive), "--json")
    assert code == 0
    files = json.loads(out)["files"]
    report = {row["kind"]: row for row in files}
    assert any(row["kind"] == "skipped" for row in files), "unused files are listed, not errors"
    assert report["comments"]["imported"] == 3 and report["comments"]["errors"] == []
    assert report["reactions"]["imported"] == 3, "a row LinkedIn repeats verbatim counts once"
    journal = json.loads(run("journal", "--since", "2025-07-01", "--json")[1])
    comments = {row["date"]: row["count"] for row in journal if row["activity"] == "comment"}
    assert comments == {"2025-07-13": 2, "2025-07-14": 1}
    before = table_counts(tmp_path / "default.db")
    posts_before = json.loads(run("posts", "--json")[1])
    assert run("import", str(archive))[0] == 0
    assert table_counts(tmp_path / "default.db") == before
    assert json.loads(run("posts", "--json")[1]) == posts_before
    log = Database(tmp_path / "default.db")
    assert log.table("imports").count == 2 * len(files)
    log.close()


def test_damaged_unknown_and_missing_inputs_are_refused_and_write_nothing(tmp_path: Path) -> None:
    damaged = tmp_path / "Basic_LinkedInDataExport_01-02-2025.zip"
    damaged.write_bytes(zip_bytes(complete_export())[:300])
    notes = tmp_path / "notes.pdf"
    notes.write_bytes(b"%PDF-1.4 not an export")
    wrong = tmp_path / "Comments.csv"
    wrong.write_text("When,What\n2025-01-01,hello\n")
    for path in (damaged, notes, wrong, tmp_path / "nope.zip"):
        code, out, err = run("import", str(path))
        assert code == 2, path
        assert out == "" and len(err.strip().splitlines()) == 1, err
        assert "Traceback" not in err
    assert not (tmp_path / "default.db").exists()


def test_posts_csv_then_posts_json_with_the_contracts_keys(tmp_path: Path) -> None:
    posts = tmp_path / "posts.csv"
    with posts.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            ["published_at", "format", "text", "impressions", "reactions", "comments", "reposts"]
        )
        writer.writerow(
            [
                "2025-03-04T09:30:00",
                "document",
                "Three lessons 🚀\nfrom **100** calls",
                1200,
                40,
                6,
                2,
            ]
        )
        writer.writerow(["2025-03-11T08:00:00", "photo", "", 800, 10, 1, 0])
    code, out, _ = run("import", str(posts), "--json")
    assert code == 0 and json.loads(out)["files"][0]["imported"] == 2
    rows = json.loads(run("posts", "--json")[1])
    assert [row["format"] for row in rows] == ["image", "carousel"], "synonyms mapped, newest first"
    carousel = rows[1]
    assert carousel["text"] == "Three lessons 🚀\nfrom **100** calls"
    assert (carousel["reactions"], carousel["comments"], carousel["reposts"]) == (40, 6, 2)
    assert carousel["engagements"] == 48 and carousel["url"] is None
    assert carousel["format_source"] == "user"
    assert run("import", str(posts))[0] == 0
    assert len(json.loads(run("posts", "--json")[1])) == 2


def test_overlapping_analytics_exports_keep_the_larger_day(tmp_path: Path) -> None:
    def workbook(day_value: int) -> bytes:
        return xlsx_bytes(
            {
                "DISCOVERY": [
                    ["Overall Performance", "1/1/2025 - 1/2/2025"],
                    ["Impressions", "10"],
                ],
                "ENGAGEMENT": [
                    ["Date", "Impressions", "Engagements"],
                    ["1/1/2025", str(day_value), "3"],
                    ["1/2/2025", "50", "1"],
                ],
                "TOP POSTS": [["Maximum of 50 posts available to include in this list"], []],
                "FOLLOWERS": [
                    ["Total followers on 1/2/2025:", "1234"],
                    [],
                    ["Date", "New followers"],
                ],
                "DEMOGRAPHICS": [["Top Demographics", "Value", "Percentage"]],
            }
        )

    first = tmp_path / "Content_2025-01-01_2025-01-02_Rowan.xlsx"
    first.write_bytes(workbook(100))
    second = tmp_path / "AggregateAnalytics_Rowan_2025-01-01_2025-01-02.xlsx"
    second.write_bytes(workbook(70))
    assert run("import", str(first))[0] == 0
    assert run("import", str(second))[0] == 0
    database = Database(tmp_path / "default.db")
    days = {
        row["date"]: row["impressions"] for row in database.query("SELECT * FROM daily_metrics")
    }
    profile = json.loads(
        database.execute("SELECT value FROM settings WHERE key='profile_facts'").fetchone()[0]
    )
    database.close()
    assert days == {"2025-01-01": 100, "2025-01-02": 50}
    assert profile["followers"] == 1234


def test_export_writes_every_table_and_reimports_its_posts(tmp_path: Path) -> None:
    run("log", "comments", "3")
    run(
        "ssi", "add", "--brand", "15", "--people", "14", "--insights", "13", "--relationships", "17"
    )
    out_dir = tmp_path / "out"
    assert run("export", str(out_dir), "--format", "json")[0] == 0
    readings = json.loads((out_dir / "readings.json").read_text(encoding="utf-8"))
    assert [row["total"] for row in readings] == [59.0]
    journal = json.loads((out_dir / "journal.json").read_text(encoding="utf-8"))
    assert [(row["activity"], row["count"]) for row in journal] == [("comment", 3)]
    assert run("export", str(out_dir), "--format", "csv")[0] == 0
    with (out_dir / "readings.csv").open(encoding="utf-8") as handle:
        assert next(csv.DictReader(handle))["brand"] == "15.0"
    names = sorted(path.name for path in out_dir.iterdir())
    assert (
        "posts.csv" in names
        and "settings.json" in names
        and not any(n.startswith(".") for n in names)
    )
    blocker = tmp_path / "file.txt"
    blocker.write_text("x")
    code, _, err = run("export", str(blocker))
    assert code == 2 and "is a file" in err


def test_exported_posts_import_again_into_a_fresh_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    posts = tmp_path / "posts.csv"
    posts.write_text(
        "published_at,format,text,url,impressions,reactions,comments,reposts\n"
        '2025-03-04T09:30:00,carousel,"Line one\nLine two 🚀",https://www.linkedin.com/feed/update/'
        "urn:li:activity:7100000000000000001/,1200,40,6,2\n"
        "2025-03-11T08:00:00,poll,Which one?,,800,10,1,0\n",
        encoding="utf-8",
    )
    assert run("import", str(posts))[0] == 0
    first = json.loads(run("posts", "--json")[1])
    out_dir = tmp_path / "out"
    assert run("export", str(out_dir), "--format", "csv")[0] == 0
    monkeypatch.setenv("SSI_TUI_DB", str(tmp_path / "fresh.db"))
    code, out, _ = run("import", str(out_dir / "posts.csv"), "--json")
    assert code == 0 and json.loads(out)["files"][0]["imported"] == 2
    again = json.loads(run("posts", "--json")[1])
    keys = ("published_at", "format", "text", "url", "impressions", "reactions", "comments")
    assert [{k: p[k] for k in keys} for p in again] == [{k: p[k] for k in keys} for p in first]


def test_posts_prints_the_panes_columns_under_a_header_within_80_columns(tmp_path: Path) -> None:
    posts = tmp_path / "posts.csv"
    long_hook = "Worth a read: " + "why discovery calls fail when nobody listens " * 3
    posts.write_text(
        "published_at,format,text,impressions,reactions,comments,reposts\n"
        f'2026-04-26T12:00:00,link,"{long_hook}\nsecond line",12000,500,90,10\n'
        '2026-04-20T08:05:00,carousel,"\n\nThree lessons 🚀",800,30,6,4\n'
        "2026-04-13T07:30:00,poll,,,,,\n",
        encoding="utf-8",
    )
    assert run("import", str(posts))[0] == 0
    code, out, _ = run("posts")
    assert code == 0
    header, *lines = out.splitlines()
    assert header.split() == ["Published", "Format", "Impr.", "Eng.", "Rate", "First", "line"]
    assert all(len(line) <= 80 for line in [header, *lines])
    assert len(lines) == 3
    newest, carousel, poll = lines
    assert newest.startswith("2026-04-26 12:00  link ")
    assert newest.endswith("…") and "Worth a read: why discovery" in newest
    assert "second line" not in out, "only the first line that says something"
    assert carousel.endswith("Three lessons 🚀")
    assert poll.split() == ["2026-04-13", "07:30", "poll", "—", "—", "—"]
    for name in ("Format", "First line"):  # left-aligned under their header
        start = header.index(name)
        assert all(line[start - 2 : start] == "  " and line[start] != " " for line in lines[:2])
    for name in ("Impr.", "Eng.", "Rate"):  # right-aligned under their header
        end = header.index(name) + len(name)
        assert all(line[end - 1] != " " and line[end : end + 1] in ("", " ") for line in lines)
    assert newest.split()[3:6] == ["12,000", "600", "5.0%"]
    assert carousel.split()[3:6] == ["800", "40", "5.0%"]


def test_posts_with_nothing_imported_says_how_to_import(tmp_path: Path) -> None:
    code, out, _ = run("posts")
    assert code == 0
    assert out == "No posts yet: 'ssi-tui import' your LinkedIn data export or a posts CSV.\n"
