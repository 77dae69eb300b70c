"""Coaching that does not mislead a new user: an estimate and a plan that wait for enough of
the journal, "What's left this week" about this week, and streaks that rest at the weekend."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from tests.tui.settle import opened, widget_text
from textual.widgets import Static

from ssi_tui.core.readings import Reading
from ssi_tui.panes.journal import JournalPane
from ssi_tui.panes.score import ScorePane
from ssi_tui.screens.planner import PlannerScreen
from ssi_tui.store import journal, readings, settings
from ssi_tui.store.database import open_database

TODAY = date(2026, 6, 1)  # a Monday
OFFICIAL_67 = Reading(
    TODAY,
    67,
    {"brand": 18.4, "people": 16.1, "insights": 15.5, "relationships": 17.0},
)


def write(path: Path, days_logged: int, *, official: bool = True) -> None:
    """An official 67 today, and a journal of `days_logged` days ending today."""
    database = open_database(path)
    try:
        if official:
            readings.save_reading(database, OFFICIAL_67)
        for back in range(days_logged):
            day = TODAY - timedelta(days=back)
            journal.set_manual(database, day, "comment", 3)
            journal.set_manual(database, day, "reaction", 8)
            journal.set_manual(database, day, "message", 2)
    finally:
        database.close()


async def test_two_days_of_journal_hold_back_the_estimate_beside_an_official_67(
    db_path: Path,
) -> None:
    write(db_path, days_logged=2)
    async with opened(db_path, today=TODAY, size=(100, 30)) as pilot:
        pane = pilot.app.query_one(ScorePane)
        assert pane.view is not None and pane.view.estimate is not None
        bare = f"{pane.view.estimate.total:.1f}"  # what the pane used to show beside the 67
        shown = widget_text(pilot.app.query_one("#score-summary"))
        assert "Estimate from your journal: held back — it covers 2 of the 28 days it needs " in (
            shown
        )
        assert "(about 12 more days of logging)" in shown
        assert bare not in shown
        for value in pane.view.estimate.pillars.values():
            assert f" {value:.1f} " not in f" {shown} ", "no bare pillar estimate either"


async def test_twenty_days_show_the_estimate_with_the_days_it_covers(db_path: Path) -> None:
    write(db_path, days_logged=20)
    async with opened(db_path, today=TODAY, size=(100, 30)) as pilot:
        pane = pilot.app.query_one(ScorePane)
        assert pane.view is not None and pane.view.estimate is not None
        shown = widget_text(pilot.app.query_one("#score-summary"))
        assert (
            f"Estimate from your journal: {pane.view.estimate.total:.1f} "
            "(so far it covers 20 of its 28 days; column Est.)"
        ) in shown


async def open_planner(pilot: Any) -> PlannerScreen:
    await pilot.press("w")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, PlannerScreen)
    return screen


async def test_the_planner_holds_back_a_plan_from_two_days(db_path: Path) -> None:
    write(db_path, days_logged=2)
    async with opened(db_path, today=TODAY, size=(160, 45)) as pilot:
        screen = await open_planner(pilot)
        message = widget_text(screen.query_one("#planner-message", Static))
        assert message.startswith(
            "Plan held back: your journal covers 2 of the 28 days the estimate needs "
            "(about 12 more days of logging)."
        )
        assert "Reach" not in message and "a week" not in message
        assert widget_text(screen.query_one("#planner-counts", Static)) == ""


async def test_the_planner_qualifies_a_plan_from_twenty_days(db_path: Path) -> None:
    write(db_path, days_logged=20)
    async with opened(db_path, today=TODAY, size=(160, 45)) as pilot:
        screen = await open_planner(pilot)
        message = widget_text(screen.query_one("#planner-message", Static))
        assert "Provisional: your journal covers 20 of the estimate's 28 days" in message
        counts = widget_text(screen.query_one("#planner-counts", Static))
        assert "Comment 21" in counts, "three comments a day are 21 a week, not 15"


def side_and_day(pilot: object) -> tuple[str, date]:
    app = pilot.app  # type: ignore[attr-defined]
    pane = app.query_one(JournalPane)
    assert pane.view is not None
    return str(app.query_one("#journal-side", Static).render()), pane.view.day


async def test_browsing_to_last_thursday_leaves_whats_left_this_week_alone(
    db_path: Path,
) -> None:
    database = open_database(db_path)
    settings.set_weekly_target(database, "comment", 10)
    journal.set_manual(database, date(2026, 5, 26), "comment", 7)  # last Tuesday
    journal.set_manual(database, TODAY, "comment", 4)
    database.close()
    async with opened(db_path, today=TODAY, size=(100, 30)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        this_week, day = side_and_day(pilot)
        assert day == TODAY
        assert "• 6 × Comment" in this_week, "10 a week, 4 done this Monday"
        for _ in range(4):
            await pilot.press("left_square_bracket")
        await pilot.pause()
        browsed, day = side_and_day(pilot)
        assert day == date(2026, 5, 28) and day.strftime("%A") == "Thursday"
        assert browsed == this_week, "not last week's 3 left (7 done by Thursday)"
        assert browsed.startswith("What's left this week\nMon 1 Jun – Sun 7 Jun\n")


async def test_a_friday_to_monday_streak_survives_a_quiet_weekend(db_path: Path) -> None:
    database = open_database(db_path)
    for back in range(3, 8):  # Monday 25 to Friday 29 May, then a weekend off
        journal.set_manual(database, TODAY - timedelta(days=back), "comment", 2)
    journal.set_manual(database, TODAY, "comment", 1)
    database.close()
    async with opened(db_path, today=TODAY, size=(100, 30)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        head = str(pilot.app.query_one("#journal-head", Static).render())
        assert "Streak 6 days" in head
        assert "Insights 6" in head
        side, _ = side_and_day(pilot)
        assert "Streaks skip quiet weekends." in side


async def test_weekends_count_when_the_user_says_so(db_path: Path) -> None:
    database = open_database(db_path)
    for back in range(3, 8):
        journal.set_manual(database, TODAY - timedelta(days=back), "comment", 2)
    journal.set_manual(database, TODAY, "comment", 1)
    settings.set_streak_weekends(database, "count")
    database.close()
    async with opened(db_path, today=TODAY, size=(100, 30)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        head = str(pilot.app.query_one("#journal-head", Static).render())
        assert "Streak 1 day " in head
