"""Days as people say them on a command line: `today`, `yesterday`, `-3`, `fri`, `2026-06-01`.

Pure: "today" is given by the caller (the app's clock), so every answer is reproducible.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Final

WEEKDAYS: Final = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
"""In `date.weekday()` order; a word of three letters or more that starts one names it."""

DAY_WORDS: Final = ("today", "yesterday", *WEEKDAYS)
"""The words offered when a shell completes a date."""

ACCEPTED: Final = (
    "today, yesterday, -N (N days ago), a weekday like fri or friday, or a date like 2026-06-01"
)
"""What a day may be, in the words of a refusal."""

_DAYS_AGO = re.compile(r"-(\d+)")


class NotADay(ValueError):
    """Text that names no day; the message is one sentence listing what is accepted."""


def parse_day(text: str, today: date) -> date:
    """The day `text` names, seen from `today` (case and surrounding spaces aside).

    A weekday is the most recent one: `monday` on a Monday is today, never a week ahead. A
    future ISO date is returned as it is; refusing it is the caller's rule, not the grammar's.
    """
    word = text.strip().lower()
    if word == "today":
        return today
    if word == "yesterday":
        return _days_before(today, 1, text)
    ago = _DAYS_AGO.fullmatch(word)
    if ago is not None:
        return _days_before(today, int(ago.group(1)), text)
    weekday = weekday_named(word)
    if weekday is not None:
        return _days_before(today, (today.weekday() - weekday) % 7, text)
    try:
        return date.fromisoformat(word)
    except ValueError:
        raise NotADay(f"{text.strip()!r} is not a day; give {ACCEPTED}.") from None


def weekday_named(word: str) -> int | None:
    """`date.weekday()` of the day `word` names (`mon`, `tues`, `Friday`), or None."""
    word = word.strip().lower()
    if len(word) < 3:
        return None
    for number, name in enumerate(WEEKDAYS):
        if name.startswith(word):
            return number
    return None


def _days_before(today: date, days: int, text: str) -> date:
    if days > (today - date.min).days:
        raise NotADay(f"{text.strip()!r} is further back than any calendar date.")
    return today - timedelta(days=days)


def describe_day(day: date, today: date) -> str:
    """`Mon 2026-06-01 (today)`: a day with its weekday, and its name when it has one."""
    shown = f"{WEEKDAYS[day.weekday()][:3].title()} {day.isoformat()}"
    name = {0: "today", 1: "yesterday"}.get((today - day).days)
    return f"{shown} ({name})" if name else shown
