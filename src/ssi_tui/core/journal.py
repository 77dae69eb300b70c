"""Journal arithmetic: streaks and week boundaries."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta


def week_start(day: date) -> date:
    """The Monday of the week containing `day` (targets run Monday to Sunday)."""
    return day - timedelta(days=day.weekday())


def current_streak(active_days: Iterable[date], today: date) -> int:
    """Days in a row with any activity, ending today (or yesterday, if today is still empty)."""
    days = set(active_days)
    cursor = today if today in days else today - timedelta(days=1)
    streak = 0
    while cursor in days:
        streak += 1
        cursor -= timedelta(days=1)
    return streak
