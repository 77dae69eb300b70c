"""Every `--date`, `--since` and `ssi delete DAY` takes days as people say them."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from tests.cli import run

PILLARS = ["--brand", "15", "--people", "14", "--insights", "13", "--relationships", "17"]
ACCEPTED = (
    "give today, yesterday, -N (N days ago), a weekday like fri or friday, "
    "or a date like 2026-06-01"
)


def logged_days(db: Path) -> list[str]:
    status, output = run(db, "journal", "--json", "--since", "2000-01-01")
    assert status == 0
    return [row["date"] for row in json.loads(output)]


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("yesterday", "2026-05-31"),
        ("Today", "2026-06-01"),
        ("-1", "2026-05-31"),
        ("-10", "2026-05-22"),
        ("fri", "2026-05-29"),
        ("Friday", "2026-05-29"),
        ("monday", "2026-06-01"),  # the pinned today is a Monday
        ("2026-05-20", "2026-05-20"),
    ],
)
def test_log_takes_date_words(db_path: Path, typed: str, day: str) -> None:
    status, output = run(db_path, "log", "comments", "3", "--date", typed)
    assert status == 0, output
    assert f" on {date.fromisoformat(day):%a} {day}" in output  # the day it took, in words
    assert logged_days(db_path) == [day]


def test_an_option_value_like_minus_two_is_a_day_not_an_option(db_path: Path) -> None:
    assert run(db_path, "log", "comment", "--date", "-2")[0] == 0
    assert run(db_path, "log", "comment", "2", "--date=-3", "--set")[0] == 0
    assert logged_days(db_path) == ["2026-05-29", "2026-05-30"]


def test_journal_since_takes_date_words(db_path: Path) -> None:
    for day in ("2026-05-27", "2026-05-29", "2026-05-31"):
        run(db_path, "log", "comment", "--date", day)
    for since, days in {
        "fri": ["2026-05-29", "2026-05-31"],
        "yesterday": ["2026-05-31"],
        "-5": ["2026-05-27", "2026-05-29", "2026-05-31"],
        "today": [],
    }.items():
        status, output = run(db_path, "journal", "--json", "--since", since)
        assert status == 0
        assert [row["date"] for row in json.loads(output)] == days, since
    status, output = run(db_path, "journal", "--since", "fri")
    assert status == 0 and "Fri 2026-05-29" in output and "Wed 2026-05-27" not in output


def test_readings_are_added_pasted_and_deleted_by_date_words(db_path: Path) -> None:
    assert run(db_path, "ssi", "add", *PILLARS, "--date", "yesterday")[0] == 0
    assert run(db_path, "ssi", "add", *PILLARS, "--date", "-7")[0] == 0
    page = db_path.parent / "page.txt"
    page.write_text(
        "61 out of 100\n16.5  Establish your professional brand\n14.25  Find the right people\n"
        "13  Engage with insights\n17.1  Build relationships\n",
        encoding="utf-8",
    )
    status, output = run(db_path, "ssi", "paste", str(page), "--date", "wed", "--dry-run", "--json")
    assert status == 0 and json.loads(output)["date"] == "2026-05-27"
    readings = json.loads(run(db_path, "ssi", "list", "--json")[1])
    assert [reading["date"] for reading in readings] == ["2026-05-25", "2026-05-31"]
    assert run(db_path, "ssi", "delete", "-7") == (0, "Deleted the reading of 2026-05-25.\n")
    assert run(db_path, "ssi", "delete", "Sunday") == (0, "Deleted the reading of 2026-05-31.\n")
    assert json.loads(run(db_path, "ssi", "list", "--json")[1]) == []


@pytest.mark.parametrize(
    "arguments",
    [
        ["log", "comment", "--date", "someday"],
        ["log", "comment", "--date", "tomorrow"],
        ["journal", "--since", "last week"],
        ["ssi", "add", *PILLARS, "--date", "June"],
        ["ssi", "delete", "mo"],
    ],
)
def test_a_word_not_understood_is_one_sentence_naming_what_is_accepted(
    db_path: Path, arguments: list[str]
) -> None:
    status, output = run(db_path, *arguments)
    assert status == 2
    assert len(output.strip().splitlines()) == 1
    assert "is not a day; " + ACCEPTED in output and output.startswith("ssi-tui: ")
    assert output.rstrip().endswith(".")


def test_future_days_are_still_refused(db_path: Path) -> None:
    for arguments in (
        ["log", "comment", "--date", "2026-06-02"],
        ["ssi", "add", *PILLARS, "--date", "2026-06-02"],
    ):
        status, output = run(db_path, *arguments)
        assert (status, output) == (2, "ssi-tui: The date 2026-06-02 is in the future.\n")


def test_the_help_says_which_days_are_understood(db_path: Path) -> None:
    for arguments in (["log"], ["journal"], ["ssi", "add"], ["ssi", "paste"]):
        status, output = run(db_path, *arguments, "--help")
        flat = " ".join(output.split())
        assert status == 0
        assert "DAY" in flat and "today, yesterday, -N (N days ago), a weekday like mon or " in flat
        assert "(the most recent one, today if it is that day)" in flat, arguments
    status, output = run(db_path, "ssi", "delete", "--help")
    assert "DAY" in output and "yesterday" in output
