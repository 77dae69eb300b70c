"""Days as people type them: `today`, `yesterday`, `-N`, weekday names and ISO dates."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ssi_tui.core.dates import WEEKDAYS, NotADay, describe_day, parse_day, weekday_named

MONDAY = date(2026, 6, 1)
"""The tests' pinned today is a Monday."""


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("today", MONDAY),
        ("TODAY", MONDAY),
        (" Yesterday ", date(2026, 5, 31)),
        ("-0", MONDAY),
        ("-1", date(2026, 5, 31)),
        ("-30", date(2026, 5, 2)),
        ("monday", MONDAY),  # today is a Monday: today, not a week ago
        ("Mon", MONDAY),
        ("sunday", date(2026, 5, 31)),
        ("sat", date(2026, 5, 30)),
        ("FRI", date(2026, 5, 29)),
        ("thurs", date(2026, 5, 28)),
        ("Wednes", date(2026, 5, 27)),
        ("tues", date(2026, 5, 26)),
        ("tue", date(2026, 5, 26)),
        ("2026-05-20", date(2026, 5, 20)),
        ("2026-06-02", date(2026, 6, 2)),  # the future is the caller's to refuse
    ],
)
def test_the_words_people_use(typed: str, day: date) -> None:
    assert parse_day(typed, MONDAY) == day


@pytest.mark.parametrize(
    "typed", ["", "June", "tomorrow", "+1", "-1.5", "- 1", "mo", "2026-13-01", "1 day ago"]
)
def test_anything_else_is_one_sentence_naming_what_is_accepted(typed: str) -> None:
    with pytest.raises(NotADay) as refused:
        parse_day(typed, MONDAY)
    message = str(refused.value)
    assert message == (
        f"{typed.strip()!r} is not a day; give today, yesterday, -N (N days ago), "
        "a weekday like fri or friday, or a date like 2026-06-01."
    )


def test_more_days_back_than_the_calendar_holds_is_refused() -> None:
    with pytest.raises(NotADay, match="further back than any calendar date"):
        parse_day("-99999999", MONDAY)


def test_weekday_names_need_three_letters() -> None:
    assert [weekday_named(word) for word in ("t", "tu", "tue", "th", "thu", "sunday")] == [
        None,
        None,
        1,
        None,
        3,
        6,
    ]
    assert weekday_named("mondays") is None


def test_a_day_is_described_with_its_weekday_and_name() -> None:
    assert describe_day(MONDAY, MONDAY) == "Mon 2026-06-01 (today)"
    assert describe_day(date(2026, 5, 31), MONDAY) == "Sun 2026-05-31 (yesterday)"
    assert describe_day(date(2026, 5, 29), MONDAY) == "Fri 2026-05-29"


days = st.dates(min_value=date(1, 1, 8), max_value=date(9999, 12, 31))


@given(day=st.dates(), today=days)
def test_every_iso_date_round_trips(day: date, today: date) -> None:
    assert parse_day(day.isoformat(), today) == day


@given(today=days, data=st.data())
def test_minus_n_is_n_days_before_today(today: date, data: st.DataObject) -> None:
    back = data.draw(st.integers(min_value=0, max_value=(today - date.min).days))
    assert parse_day(f"-{back}", today) == today - timedelta(days=back)


@given(today=days, weekday=st.integers(0, 6), length=st.integers(3, 9), data=st.data())
def test_a_weekday_is_the_most_recent_one_in_any_case(
    today: date, weekday: int, length: int, data: st.DataObject
) -> None:
    word = WEEKDAYS[weekday][:length]
    upper = data.draw(st.lists(st.booleans(), min_size=len(word), max_size=len(word)))
    typed = "".join(c.upper() if up else c for c, up in zip(word, upper, strict=True))
    day = parse_day(typed, today)
    assert day.weekday() == weekday
    assert 0 <= (today - day).days <= 6
