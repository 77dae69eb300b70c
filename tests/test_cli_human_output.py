"""What a person reads at the terminal: a header row over aligned columns, the labels the app
shows rather than internal keys, words rather than symbols, and no line past 80 columns, on a
year of demo history as on the longest names a user can give."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from tests.cli import run

from ssi_tui.core.activities import ALIASES, plural
from ssi_tui.core.domain import ACTIVITY_CATALOGUE, PILLARS_BY_KEY

KEYS_WITH_UNDERSCORES = [a.key for a in ACTIVITY_CATALOGUE if "_" in a.key]
LONG_LABEL = "Webinar hosted for the regional partner network, with a recorded Q&A session"
LONG_KEY = "quarterly_partner_enablement_webinar_with_recorded_questions"


def shown(db: Path, *arguments: str) -> list[str]:
    status, output = run(db, *arguments)
    assert status == 0, output
    lines = output.splitlines()
    assert lines, arguments
    assert max(len(line) for line in lines) <= 80, "\n".join(lines)  # one column a character
    return lines


def no_internal_keys(lines: list[str]) -> None:
    text = "\n".join(lines)
    assert [key for key in KEYS_WITH_UNDERSCORES if re.search(rf"\b{key}\b", text)] == []


def aligned(lines: list[str]) -> None:
    """Right-aligned last column: every row ends where the header ends."""
    assert {len(line) for line in lines} == {len(lines[0])}, "\n".join(lines)


def test_ssi_list_names_every_pillar_in_full(demo_db_path: Path) -> None:
    lines = shown(demo_db_path, "ssi", "list")
    assert lines[0].split() == [
        "Date",
        "Total",
        "Brand",
        "People",
        "Insights",
        "Relationships",
        "Industry",
        "Network",
    ]
    assert len(lines) == 1 + 53
    aligned(lines)
    assert lines[-1].split()[0] == "2026-06-01" and lines[-1].split()[-1].endswith("%")


def test_the_journal_is_a_table_of_labels_with_pillars(demo_db_path: Path) -> None:
    lines = shown(demo_db_path, "journal")
    assert lines[0] == "Since Sat 2026-05-02 (--since DAY shows more):"
    assert lines[1].split() == ["Date", "Activity", "Pillar", "Count"]
    today = lines.index(next(line for line in lines if line.startswith("Mon 2026-06-01")))
    assert lines[today].split() == ["Mon", "2026-06-01", "Endorsement", "received", "Brand", "1"]
    assert lines[today + 2].split() == ["Prospect", "profile", "viewed", "People", "4"]
    aligned(lines[1:])
    no_internal_keys(lines)
    day_rows = [line for line in lines[2:] if line[:3] in ("Mon", "Tue", "Wed", "Thu", "Fri")]
    assert len(day_rows) == len({line[:14] for line in day_rows}), "each day named once"


def test_a_long_note_is_kept_whole_under_its_activity(demo_db_path: Path) -> None:
    note = (
        "Called back the head of sales at the logistics firm we met at the fair; "
        "she wants a demo for her whole team next Thursday"
    )
    assert run(demo_db_path, "log", "meeting", "--note", note)[0] == 0
    lines = shown(demo_db_path, "journal", "--since", "today")
    at = lines.index("                Meeting booked           Relationships      2")
    assert lines[at + 1].startswith("                Note: Called back")
    under = [line for line in lines[at + 2 :] if line.startswith(" " * 22)]
    assert under and lines[at + 2 : at + 2 + len(under)] == under
    assert " ".join(" ".join(lines[at + 1 : at + 2 + len(under)]).split()) == f"Note: {note}"


def test_activity_list_has_keys_labels_pillars_and_targets(demo_db_path: Path) -> None:
    lines = shown(demo_db_path, "activity", "list")
    assert lines[0].split() == ["Key", "Activity", "Pillar", "Per", "week"]
    assert lines[1].split() == ["post", "Post", "published", "Brand", "2"]
    assert "follow                   Follow (person or company)  Insights" in lines
    assert lines[-1].endswith("'ssi-tui activity add KEY --pillar PILLAR'.")


def test_targets_name_activities_and_what_is_left(demo_db_path: Path) -> None:
    lines = shown(demo_db_path, "targets")
    assert lines[0] == "This week, Monday 2026-06-01 to Sunday 2026-06-07:"
    assert lines[1].split() == ["Activity", "Key", "Done", "Target", "Left"]
    assert "Prospect profile viewed  profile_view           4      15    11" in lines
    aligned(lines[1:-2])
    assert run(demo_db_path, "targets", "searches", "3")[0] == 0
    lines = shown(demo_db_path, "targets")
    assert "People search            search                 3       3     ✓" in lines
    assert lines[-2:] == [
        "Streaks skip Saturdays and Sundays without activity",
        "('ssi-tui targets --weekends count' counts them).",
    ]


def test_setting_a_target_says_so_in_words(demo_db_path: Path) -> None:
    lines = shown(demo_db_path, "targets", "invites", "20")
    assert lines[0] == "Connection request sent: 20 a week from now on."
    lines = shown(demo_db_path, "targets", "invites", "0")
    assert lines[0] == "Connection request sent has no weekly target now."


def test_the_estimate_is_a_table_beside_the_official_reading(demo_db_path: Path) -> None:
    lines = shown(demo_db_path, "estimate")
    assert (
        lines[0]
        == "Estimate from your journal: 28 days to 2026-06-01, calibrated on your readings."
    )
    assert lines[1].split() == ["Pillar", "Estimate", "Official"]
    assert lines[2].startswith("Establish your professional brand") and lines[6].startswith("Total")
    aligned(lines[1:7])
    assert lines[7] == "Official is your latest reading, of 2026-06-01."
    text = " ".join(lines)
    assert "Most points come from Message sent (5.2), Endorsement received (4.4)," in text
    no_internal_keys(lines)


@pytest.mark.parametrize(
    "arguments",
    [
        ["plan", "--target", "75"],
        ["plan", "--pillar", "insights", "--pillar-target", "20"],
        ["plan", "--target", "95", "--weeks", "52"],
    ],
)
def test_the_plan_says_more_than_now_in_words(demo_db_path: Path, arguments: list[str]) -> None:
    lines = shown(demo_db_path, *arguments)
    text = "\n".join(lines)
    assert "on now" not in text and "(+" not in text and "w0:" not in text
    head = next(i for i, line in enumerate(lines) if line.startswith("Activity "))
    assert lines[head].split() == ["Activity", "Each", "week", "More", "than", "now"]
    assert "Reaction" in lines[head + 1]
    assert "Projected, week by week:" in lines
    assert any(line.startswith("Week ") and " now " in line for line in lines)
    assert any(line.startswith("Total ") for line in lines)
    if "--pillar" in arguments:
        assert any(line.startswith("Insights ") for line in lines)
    no_internal_keys(lines)
    assert lines[head - 1].endswith("."), "the plan's sentence, wrapped above its table"


def test_log_confirms_with_the_label_in_a_sentence(db_path: Path) -> None:
    lines = shown(db_path, "log", "invites", "2", "--date", "yesterday")
    assert lines == [
        "Logged connection request sent ×2 on Sun 2026-05-31 (yesterday): 2 that day, 2",
        "of 15 that week.",
    ]
    assert shown(db_path, "log", "inmails", "16") == [
        "Logged InMail sent ×16 on Mon 2026-06-01 (today): 16 that day, 16 this week."
    ]
    met = " ".join(shown(db_path, "log", "comment", "12"))
    assert met.endswith("12 that day, 12 of 10 this week, target met ✓.")


def test_sentences_end_with_a_period(db_path: Path) -> None:
    assert shown(db_path, "ssi", "target") == ["Your target SSI is 75."]
    assert shown(db_path, "ssi", "list")[-1].endswith(".")
    assert shown(db_path, "journal")[-1].endswith(".")


def test_long_names_are_cut_with_an_ellipsis_never_past_80_columns(demo_db_path: Path) -> None:
    add = ["activity", "add", LONG_KEY, "--pillar", "brand", "--label", LONG_LABEL]
    assert run(demo_db_path, *add)[0] == 0
    assert run(demo_db_path, "log", LONG_KEY, "3", "--note", "x" * 200)[0] == 0
    assert run(demo_db_path, "targets", LONG_KEY, "5")[0] == 0
    for arguments in (["activity", "list"], ["journal"], ["targets"]):
        lines = shown(demo_db_path, *arguments)
        assert any("…" in line for line in lines), arguments
    for arguments in (["estimate"], ["plan"], ["log", LONG_KEY]):
        shown(demo_db_path, *arguments)
    listed = shown(demo_db_path, "activity", "list")
    assert listed[-4].split() == [
        "quarterly_partner_enablement_webinar…",
        "Webinar",
        "hosted…",
        "Brand",
        "5",
    ]
    assert listed[-5].split()[:3] == ["meeting_booked", "Meeting", "booked"], "short ones whole"


def test_labels_from_another_program_cannot_move_the_terminal_or_break_a_row(
    demo_db_path: Path,
) -> None:
    conn = sqlite3.connect(demo_db_path)
    conn.execute(
        "UPDATE activity_types SET label = ? WHERE key = 'comment'", ["Com\x1b[2Jment\nline two"]
    )
    conn.commit()
    conn.close()
    for arguments in (["activity", "list"], ["journal"], ["targets"]):
        lines = shown(demo_db_path, *arguments)
        assert not any("\x1b" in line for line in lines)
        assert any("Comment line two" in line for line in lines), arguments


def test_the_table_helper_measures_columns_not_characters() -> None:
    from ssi_tui.commands.output import Column, cells, fit, table

    wide = "研讨会" * 20  # each character takes two columns
    assert cells(wide) == 120 and cells(fit(wide, 11)) <= 11 and fit(wide, 11).endswith("…")
    assert cells("e\u0301") == 1
    lines = table([Column("Name", shrinks=2), Column("n", right=True)], [(wide, "1")])
    assert max(cells(line) for line in lines) <= 80
    lines = table([Column("A"), Column("B", right=True)], [("x", "10"), ("long", "2")])
    assert lines == ["A      B", "x     10", "long   2"]


def test_log_help_lists_every_activity_and_the_everyday_words(db_path: Path) -> None:
    lines = shown(db_path, "log", "--help")
    help_text = "\n".join(lines)
    assert "  Key                      Activity                    Pillar" in lines
    for activity in ACTIVITY_CATALOGUE:
        pillar = PILLARS_BY_KEY[activity.pillar].short
        row = rf"^  {activity.key} +{re.escape(activity.label)} +{pillar}$"
        assert re.search(row, help_text, re.MULTILINE), activity.key
    assert "  likes, reacts         Reaction (reaction)" in lines
    assert all(re.search(rf"\b{plural(word)}\b", help_text, re.I) for word in ALIASES)
    assert "    ssi-tui activity list" in lines, "where the user's own activities are"
    assert "  --date DAY" in help_text
    assert not db_path.exists(), "help opens no database"


def test_activity_add_help_explains_key_pillar_label_and_the_naming_rule(db_path: Path) -> None:
    lines = shown(db_path, "activity", "add", "--help")
    flat = " ".join(" ".join(lines).split())
    assert "KEY is the name you log it by: letters, digits and underscores" in flat
    assert "A name that `ssi-tui log` already understands as another activity is refused" in flat
    for pillar in PILLARS_BY_KEY.values():
        assert re.search(rf"^    {pillar.key} +{pillar.label}$", "\n".join(lines), re.MULTILINE)
    assert "--label is how the app and the journal show it" in flat
    assert "--pillar [brand|people|insights|relationships]" in flat
