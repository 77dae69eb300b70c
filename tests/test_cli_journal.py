from __future__ import annotations

import json

from click.testing import CliRunner

from ssi_tui.cli import cli


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_log_adds_accepts_plurals_and_reports_the_week() -> None:
    assert run("log", "comments", "3")[1].strip() == (
        "Logged comment ×3 on Mon 2026-06-01 (today): 3 that day, 3 of 10 this week."
    )
    assert run("log", "Connection-Requests", "--note", "after the webinar")[0] == 0
    assert run("log", "replies")[0] == 0
    assert run("log", "searches", "2", "--date", "2026-05-31")[0] == 0
    code, out, _ = run("journal", "--json")
    assert code == 0
    assert json.loads(out) == [
        {"date": "2026-05-31", "activity": "search", "count": 2},
        {"date": "2026-06-01", "activity": "comment", "count": 3},
        {
            "date": "2026-06-01",
            "activity": "connection_request",
            "count": 1,
            "note": "after the webinar",
        },
        {"date": "2026-06-01", "activity": "reply_received", "count": 1},
    ]
    code, out, _ = run("journal", "--since", "2026-06-01", "--json")
    assert [row["activity"] for row in json.loads(out)] == [
        "comment",
        "connection_request",
        "reply_received",
    ]


def test_set_corrects_a_day_down_to_zero() -> None:
    run("log", "comment", "5")
    assert run("log", "comment", "2", "--set")[1].startswith("Set comment to 2 on Mon 2026-06-01")
    run("log", "comment", "0", "--set")
    assert json.loads(run("journal", "--json")[1]) == []


def test_refusals_are_one_sentence_with_exit_2() -> None:
    cases = {
        ("log", "juggling"): "Unknown activity 'juggling'; known activities: article, comment",
        ("log", "comment", "-1"): "The count must be 0 or more, not -1",
        ("log", "comment", "2.5"): "The count must be a whole number, not '2.5'.",
        ("log", "comment", "--date", "2026-06-02"): "The date 2026-06-02 is in the future.",
        ("log", "comment", "--date", "June"): "'June' is not a day; give today, yesterday",
        ("journal", "--since", "x"): "'x' is not a day; give today, yesterday",
        ("targets", "comment"): "Give the weekly target after the activity",
        ("activity", "add", "webinar", "--pillar", "fun"): "Invalid value for '--pillar'",
    }
    for arguments, message in cases.items():
        code, out, err = run(*arguments)
        assert code == 2, arguments
        assert message in err, err
        assert len(err.strip().splitlines()) == 1 and out == ""
    assert json.loads(run("journal", "--json")[1]) == []


def test_own_activity_types_and_targets() -> None:
    assert (
        run("activity", "add", "webinar", "--pillar", "brand", "--label", "Webinar hosted")[
            1
        ].strip()
        == "Added webinar (Webinar hosted), which feeds Establish your professional brand:\n"
        "log it with 'ssi-tui log webinar'."
    )
    code, _, err = run("activity", "add", "webinar", "--pillar", "brand")
    assert code == 2 and "already exists" in err
    assert run("log", "webinars")[0] == 0
    listed = run("activity", "list")[1]
    assert "webinar" in listed and "Webinar hosted (yours)" in listed
    assert run("targets", "webinar", "2")[0] == 0
    assert "Webinar hosted           webinar                1       2     1" in run("targets")[1]


def test_a_new_activity_cannot_take_a_name_that_already_means_another() -> None:
    """`activity add comments` once shadowed the built-in `comment` in another pillar, and
    `activity add likes` made an activity that `log likes` could never reach."""
    refusals = {
        "comments": "'comments' already means the activity 'comment' when you log",
        "likes": "'likes' already means the activity 'reaction' when you log",
        "Connection-Requests": "'connection_requests' already means the activity "
        "'connection_request' when you log",
    }
    for name, sentence in refusals.items():
        code, _, err = run("activity", "add", name, "--pillar", "relationships")
        assert (code, err) == (2, f"ssi-tui: {sentence}; choose another name.\n")
    assert run("log", "comments", "2")[1].startswith("Logged comment ×2")
    assert run("log", "likes")[1].startswith("Logged reaction ×1")
    assert run("activity", "add", "webinar", "--pillar", "brand")[0] == 0
    code, _, err = run("activity", "add", "webinars", "--pillar", "people")
    assert code == 2 and "'webinars' already means the activity 'webinar'" in err
    keys = [line.split()[0] for line in run("activity", "list")[1].splitlines()[1:]]
    assert "comments" not in keys and "likes" not in keys and "webinars" not in keys
