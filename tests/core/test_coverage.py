"""How much of the estimate's window the journal covers, and what the estimate, the plan and
the streaks make of a journal that began recently or rests at the weekend."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ssi_tui.core.estimate import (
    MIN_JOURNAL_DAYS,
    WINDOW_DAYS,
    journal_coverage,
    weekly_rates,
)
from ssi_tui.core.journal import DEFAULT_WEEKEND_RULE, current_streak, week_end, week_start
from ssi_tui.core.planner import held_back_message, plan, provisional_note, rate_days

TODAY = date(2026, 6, 1)  # a Monday
FRIDAY = date(2026, 5, 29)

days_back = st.integers(min_value=-5, max_value=400)
some_day = st.dates(min_value=date(2024, 1, 1), max_value=date(2027, 12, 31))


def test_the_threshold_is_half_the_window() -> None:
    assert WINDOW_DAYS == 28 and MIN_JOURNAL_DAYS == WINDOW_DAYS // 2


def test_coverage_counts_from_the_first_logged_day_to_today_inclusive() -> None:
    assert journal_coverage(None, TODAY).days == 0
    assert journal_coverage(TODAY, TODAY).days == 1
    assert journal_coverage(TODAY - timedelta(days=1), TODAY).days == 2
    assert journal_coverage(TODAY - timedelta(days=27), TODAY).days == 28
    assert journal_coverage(TODAY - timedelta(days=365), TODAY).days == 28, "capped at 28"
    assert journal_coverage(TODAY + timedelta(days=1), TODAY).days == 0, "nothing yet by then"


@pytest.mark.parametrize(
    ("days", "state"),
    [
        (0, "held_back"),
        (2, "held_back"),
        (13, "held_back"),
        (14, "partial"),
        (27, "partial"),
        (28, "full"),
    ],
)
def test_below_half_the_window_the_estimate_is_held_back(days: int, state: str) -> None:
    first = TODAY - timedelta(days=days - 1) if days else None
    coverage = journal_coverage(first, TODAY)
    assert coverage.days == days and coverage.state == state
    assert coverage.held_back == (state == "held_back")


def test_the_held_back_sentence_says_how_many_days_and_how_many_more() -> None:
    two = journal_coverage(TODAY - timedelta(days=1), TODAY)
    assert two.held_back_reason() == (
        "it covers 2 of the 28 days it needs (about 12 more days of logging)"
    )
    thirteen = journal_coverage(TODAY - timedelta(days=12), TODAY)
    assert thirteen.held_back_reason().endswith("(about 1 more day of logging)")
    assert journal_coverage(None, TODAY).held_back_reason() == (
        "nothing is logged yet (it needs 14 days of logging)"
    )
    assert journal_coverage(TODAY - timedelta(days=19), TODAY).partial_note() == (
        "covers 20 of its 28 days"
    )


@given(days_back, some_day)
def test_coverage_stays_within_the_window(back: int, as_of: date) -> None:
    coverage = journal_coverage(as_of - timedelta(days=back), as_of)
    assert 0 <= coverage.days <= WINDOW_DAYS
    assert coverage.days_to_go == max(MIN_JOURNAL_DAYS - coverage.days, 0)
    assert coverage.held_back == (coverage.days < MIN_JOURNAL_DAYS)
    assert coverage.state == "full" or coverage.days < WINDOW_DAYS


@given(st.integers(min_value=0, max_value=60), some_day)
def test_coverage_grows_one_day_a_day_until_the_window_is_covered(back: int, first: date) -> None:
    today = journal_coverage(first, first + timedelta(days=back)).days
    tomorrow = journal_coverage(first, first + timedelta(days=back + 1)).days
    assert tomorrow == min(today + 1, WINDOW_DAYS)


# Weekends in streaks.


def test_sellers_who_work_monday_to_friday_keep_their_streak_over_the_weekend() -> None:
    assert DEFAULT_WEEKEND_RULE == "skip"
    week = {FRIDAY - timedelta(days=back) for back in range(5)}  # Monday 25 to Friday 29 May
    assert current_streak(week, TODAY) == 0, "counted: the empty weekend broke it"
    assert current_streak(week, TODAY, skip_weekends=True) == 5
    assert current_streak(week | {TODAY}, TODAY, skip_weekends=True) == 6
    saturday = FRIDAY + timedelta(days=1)
    assert current_streak(week | {saturday}, TODAY, skip_weekends=True) == 6, "a worked Saturday"
    assert current_streak(week - {FRIDAY}, TODAY, skip_weekends=True) == 0, "a weekday breaks"
    sunday = FRIDAY + timedelta(days=2)
    assert current_streak(week, sunday, skip_weekends=True) == 5, "on Sunday itself"
    assert current_streak(set(), TODAY, skip_weekends=True) == 0


active_days = st.sets(st.integers(min_value=0, max_value=40)).map(
    lambda backs: {TODAY - timedelta(days=back) for back in backs}
)
todays = st.integers(min_value=0, max_value=6).map(lambda back: TODAY + timedelta(days=back))


@given(active_days, todays)
def test_skipping_weekends_never_shortens_a_streak(days: set[date], today: date) -> None:
    counted = current_streak(days, today)
    skipped = current_streak(days, today, skip_weekends=True)
    assert skipped >= counted
    assert skipped <= len(days)


@given(active_days, todays)
def test_without_weekend_activity_a_skipped_streak_counts_working_days(
    days: set[date], today: date
) -> None:
    """Skipping quiet weekends is filling them in and then not counting them."""
    weekdays = {day for day in days if day.weekday() < 5}
    filled = weekdays | _weekends_between(weekdays, today)
    length = current_streak(filled, today)
    end = today if today in filled else today - timedelta(days=1)
    run = {end - timedelta(days=back) for back in range(length)}
    assert current_streak(weekdays, today, skip_weekends=True) == len(run & weekdays)


def _weekends_between(days: set[date], today: date) -> set[date]:
    """Every Saturday and Sunday from the earliest day to today: filling them in is what
    skipping them means."""
    if not days:
        return set()
    start = min(days)
    span = (today - start).days + 1
    return {
        start + timedelta(days=offset)
        for offset in range(span)
        if (start + timedelta(days=offset)).weekday() >= 5
    }


def test_the_week_runs_monday_to_sunday() -> None:
    assert week_start(FRIDAY) == date(2026, 5, 25) and week_end(FRIDAY) == date(2026, 5, 31)


# The plan from a journal that began less than a window ago.


def _daily(days: int, counts: dict[str, int]) -> dict[date, dict[str, int]]:
    return {TODAY - timedelta(days=back): dict(counts) for back in range(days)}


def test_a_partial_journal_plans_on_the_rhythm_it_shows_not_on_zeros_before_it() -> None:
    journal = _daily(20, {"comment": 3, "message": 2})  # 21 comments and 14 messages a week
    reading = {"brand": 15.0, "people": 14.0, "insights": 16.0, "relationships": 15.0}
    as_zeros = plan(journal, TODAY, target_total=65, latest_reading=reading)
    covered = plan(journal, TODAY, target_total=65, latest_reading=reading, journal_days=20)
    assert as_zeros.weekly_counts["comment"] == 15, "20 days of 3 a day spread over 4 weeks"
    assert covered.weekly_counts["comment"] >= 21, "the 21 a week the member really does"
    assert covered.weekly_counts["message"] >= 14
    full = plan(journal, TODAY, target_total=65, latest_reading=reading, journal_days=28)
    assert full == as_zeros, "a covered window changes nothing"


@given(st.integers(min_value=-3, max_value=60))
def test_the_rates_are_taken_over_one_to_28_days(days: int) -> None:
    assert 1 <= rate_days(days) <= WINDOW_DAYS
    assert rate_days(None) == WINDOW_DAYS


@given(st.integers(min_value=1, max_value=28), st.integers(min_value=0, max_value=20))
def test_rates_over_the_covered_days_are_never_below_the_windows(days: int, count: int) -> None:
    journal = _daily(days, {"comment": count})
    window = weekly_rates(journal, TODAY)["comment"] if count else 0.0
    covered = weekly_rates(journal, TODAY, rate_days(days))["comment"] if count else 0.0
    assert covered >= window - 1e-9
    assert covered == pytest.approx(7 * count)


def test_the_planner_says_why_it_waits_and_what_a_partial_plan_stands_on() -> None:
    two = journal_coverage(TODAY - timedelta(days=1), TODAY)
    assert held_back_message(two).startswith(
        "Plan held back: your journal covers 2 of the 28 days the estimate needs "
        "(about 12 more days of logging)."
    )
    assert provisional_note(two) == "", "a held-back plan is not shown at all"
    twenty = journal_coverage(TODAY - timedelta(days=19), TODAY)
    assert provisional_note(twenty).startswith(
        "Provisional: your journal covers 20 of the estimate's 28 days"
    )
    assert provisional_note(journal_coverage(TODAY - timedelta(days=40), TODAY)) == ""
