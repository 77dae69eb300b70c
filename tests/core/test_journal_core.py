from __future__ import annotations

from datetime import date, timedelta

from ssi_tui.core.journal import current_streak, week_start

MONDAY = date(2026, 6, 1)


def test_weeks_run_monday_to_sunday() -> None:
    assert week_start(MONDAY) == MONDAY
    assert week_start(MONDAY + timedelta(days=6)) == MONDAY
    assert week_start(MONDAY - timedelta(days=1)) == MONDAY - timedelta(days=7)


def test_streak_counts_days_in_a_row_ending_today_or_yesterday() -> None:
    days = {MONDAY - timedelta(days=offset) for offset in (0, 1, 2, 4)}
    assert current_streak(days, MONDAY) == 3
    assert current_streak(days - {MONDAY}, MONDAY) == 2, "today not logged yet keeps the streak"
    assert current_streak(days, MONDAY + timedelta(days=2)) == 0
    assert current_streak(set(), MONDAY) == 0
