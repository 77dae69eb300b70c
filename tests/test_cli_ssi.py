from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from sqlite_utils import Database

from ssi_tui.cli import cli

PAGE = """Your Social Selling Index
Industry SSI rank
Top 12%
Network SSI rank
Top 20%
Current Social Selling Index
61 out of 100
Four components of your score
16.5  Establish your professional brand
14.25  Find the right people
13  Engage with insights
17.1  Build relationships
People in your industry
Sales professionals in the Software Development industry have an average SSI of 31.
"""


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def readings_in(path: Path) -> list[dict[str, object]]:
    """The saved readings (none when a refused command never even created the file)."""
    if not path.exists():
        return []
    database = Database(path)
    try:
        return list(database.query("SELECT * FROM readings ORDER BY date"))
    finally:
        database.close()


def test_paste_dry_run_json_shows_what_was_understood_and_saves_nothing(tmp_path: Path) -> None:
    code, out, _ = run("ssi", "paste", "-", "--dry-run", "--json", stdin=PAGE)
    assert code == 0
    understood = json.loads(out)
    assert understood["date"] == "2026-06-01"
    assert understood["total"] == 61
    assert understood["pillars"] == {
        "brand": 16.5,
        "people": 14.25,
        "insights": 13.0,
        "relationships": 17.1,
    }
    assert (understood["industry_rank"], understood["network_rank"]) == (12, 20)
    assert understood["industry_average"] == 31
    assert understood["network_average"] is None
    assert understood["saved"] is False
    assert readings_in(tmp_path / "default.db") == []


def test_paste_from_a_file_saves_once_and_replaces_only_when_asked(tmp_path: Path) -> None:
    page = tmp_path / "ssi.txt"
    page.write_text(PAGE, encoding="utf-8")
    code, out, _ = run("ssi", "paste", str(page), "--date", "2026-05-30")
    assert code == 0
    assert "61 of 100 (Solid)" in out and "Saved the reading of 2026-05-30." in out
    code, _, err = run("ssi", "paste", str(page), "--date", "2026-05-30")
    assert code == 2
    assert err.strip() == (
        "ssi-tui: A reading for 2026-05-30 is already saved; add --replace to replace it."
    )
    changed = PAGE.replace("61 out of 100", "62 out of 100").replace("17.1 ", "18.1 ")
    page.write_text(changed, encoding="utf-8")
    assert run("ssi", "paste", str(page), "--date", "2026-05-30", "--replace")[0] == 0
    saved = readings_in(tmp_path / "default.db")
    assert [(row["date"], row["total"], row["relationships"]) for row in saved] == [
        ("2026-05-30", 62.0, 18.1)
    ]


def test_garbage_is_refused_with_a_sentence_and_nothing_saved(tmp_path: Path) -> None:
    code, out, err = run("ssi", "paste", "-", stdin="hello\n")
    assert code == 2 and out == ""
    assert err.startswith("ssi-tui: Could not find Establish your professional brand")
    assert len(err.strip().splitlines()) == 1
    assert readings_in(tmp_path / "default.db") == []


def test_binary_and_missing_files_are_refused(tmp_path: Path) -> None:
    binary = tmp_path / "photo.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe\x00\x00" * 10)
    code, _, err = run("ssi", "paste", str(binary))
    assert code == 2 and "is not UTF-8 text" in err
    code, _, err = run("ssi", "paste", str(tmp_path / "nope.txt"))
    assert code == 2 and "Cannot read" in err


def test_add_derives_the_total_and_accepts_decimal_commas(tmp_path: Path) -> None:
    code, out, _ = run(
        "ssi",
        "add",
        "--brand",
        "16,5",
        "--people",
        "14.25",
        "--insights",
        "13",
        "--relationships",
        "17.1",
        "--industry-rank",
        "12",
        "--date",
        "2026-05-01",
        "--json",
    )
    assert code == 0
    saved = json.loads(out)
    assert saved["total"] == 60.85 and saved["pillars"]["brand"] == 16.5
    assert saved["industry_rank"] == 12


def test_add_refusals_are_one_sentence_with_exit_2(tmp_path: Path) -> None:
    pillars = ["--people", "14", "--insights", "13", "--relationships", "17"]
    cases = {
        (
            "--brand",
            "30",
            "--total",
            "74",
        ): "Establish your professional brand must be between 0 and 25, not 30.",
        ("--brand", "16", "--total", "90"): "does not match the pillars, which add up to 60",
        ("--brand", "16", "--date", "2026-06-02"): "The date 2026-06-02 is in the future.",
        ("--brand", "16", "--network-rank", "0"): "network rank must be a Top N% between 1 and 100",
        ("--brand", "x"): "'x' is not a number",
        ("--brand", "16", "--date", "June"): "'June' is not a day; give today, yesterday",
    }
    for arguments, message in cases.items():
        code, out, err = run("ssi", "add", *arguments, *pillars)
        assert code == 2, arguments
        assert message in err, err
        assert len(err.strip().splitlines()) == 1 and out == ""
    assert readings_in(tmp_path / "default.db") == []


def test_list_json_and_text(tmp_path: Path) -> None:
    for day, brand in (("2026-05-01", "15"), ("2026-05-08", "16")):
        run(
            "ssi",
            "add",
            "--brand",
            brand,
            "--people",
            "14",
            "--insights",
            "13",
            "--relationships",
            "17",
            "--date",
            day,
        )
    code, out, _ = run("ssi", "list", "--json")
    listed = json.loads(out)
    assert code == 0 and [(r["date"], r["total"]) for r in listed] == [
        ("2026-05-01", 59.0),
        ("2026-05-08", 60.0),
    ]
    assert set(listed[0]) >= {
        "date",
        "total",
        "pillars",
        "industry_rank",
        "network_rank",
        "industry_average",
        "network_average",
    }
    text = run("ssi", "list")[1].splitlines()
    assert text[0].split() == [
        "Date",
        "Total",
        "Brand",
        "People",
        "Insights",
        "Relationships",
        "Industry",
        "Network",
    ]
    assert text[2].split() == ["2026-05-08", "60", "16.00", "14.00", "13.00", "17.00", "—", "—"]


def test_delete_and_target(tmp_path: Path) -> None:
    run(
        "ssi",
        "add",
        "--brand",
        "15",
        "--people",
        "14",
        "--insights",
        "13",
        "--relationships",
        "17",
        "--date",
        "2026-05-01",
    )
    assert run("ssi", "delete", "2026-05-01")[0] == 0
    code, _, err = run("ssi", "delete", "2026-05-01")
    assert code == 2 and "There is no reading for 2026-05-01." in err
    assert run("ssi", "target")[1].strip() == "Your target SSI is 75."
    assert run("ssi", "target", "80")[1].strip() == "Your target SSI is 80."
    code, _, err = run("ssi", "target", "120")
    assert code == 2 and "between 1 and 100" in err


def test_the_pages_json_is_accepted(tmp_path: Path) -> None:
    page = {
        "memberScore": {
            "overall": 19.705751,
            "subScores": [
                {"score": 13.118002, "pillar": "PROFESSIONAL_BRAND"},
                {"score": 3.68, "pillar": "FIND_RIGHT_PEOPLE"},
                {"score": 0.29999998, "pillar": "INSIGHT_ENGAGEMENT"},
                {"score": 2.6077502, "pillar": "STRONG_RELATIONSHIP"},
            ],
        },
        "groupScore": [
            {"groupType": "INDUSTRY", "rank": 75, "score": {"overall": 30.99, "subScores": []}},
            {"groupType": "NETWORK", "rank": 81, "score": {"overall": 32.72, "subScores": []}},
        ],
    }
    code, out, _ = run("ssi", "paste", "-", "--json", stdin=json.dumps(page))
    assert code == 0
    saved = json.loads(out)
    assert saved["pillars"]["insights"] == 0.3 and saved["industry_rank"] == 75
    assert saved["network_average"] == 32.72
    assert readings_in(tmp_path / "default.db")[0]["source"] == "paste-json"
