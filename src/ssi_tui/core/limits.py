"""The range of every number and date ssi-tui stores.

A value outside its range is a typing slip, a damaged file or an attack, never data: it is
refused at every door (the command line, the app's forms, the importers, a paste) with one
sentence, and the schema's CHECK constraints (migration m005) keep any other program from
storing it. The bounds are generous: nobody logs 100,000 comments in a day, and no LinkedIn
post has been seen by ten billion people.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Final

FIRST_DAY: Final = date(2003, 5, 5)
"""The day LinkedIn opened: nothing in its history (or its exports) is older."""

MAX_DAILY_COUNT: Final = 100_000
"""The most of one activity on one day (journal counts, also a weekly target's ceiling)."""

MAX_METRIC: Final = 10_000_000_000
"""The largest post or profile figure (impressions, reactions, followers…)."""


class OutOfRange(ValueError):
    """A value outside its domain; the message is one sentence for the user."""


def check_day(day: date, today: date, what: str = "The date") -> date:
    """`day` when LinkedIn existed and it is not in the future."""
    if day > today:
        raise OutOfRange(f"{what} {day.isoformat()} is in the future.")
    if day < FIRST_DAY:
        raise OutOfRange(
            f"{what} {day.isoformat()} is before LinkedIn existed ({FIRST_DAY.isoformat()})."
        )
    return day


def check_count(count: int, what: str = "A count") -> int:
    """A day's count of one activity: 0 to MAX_DAILY_COUNT."""
    if not 0 <= count <= MAX_DAILY_COUNT:
        raise OutOfRange(f"{what} must be between 0 and {MAX_DAILY_COUNT:,}, not {count:,}.")
    return count


def check_metric(value: int, what: str = "A post figure") -> int:
    if not 0 <= value <= MAX_METRIC:
        raise OutOfRange(f"{what} must be between 0 and {MAX_METRIC:,}, not {value:,}.")
    return value


def check_score(value: float, high: float, what: str) -> float:
    """A finite SSI figure from 0 to `high` (NaN and infinities are refused, not compared)."""
    if not math.isfinite(value) or not 0 <= value <= high:
        raise OutOfRange(f"{what} must be between 0 and {high:g}, not {value:g}.")
    return value
