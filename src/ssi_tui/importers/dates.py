"""The dates LinkedIn writes, across files and years, and the ones spreadsheets turn them into.

Each file gets its own `DateReader`: it remembers the layout that worked last, so a file is
read consistently (a `3/4/24` stays month-first once the file has shown month-first dates) and
fast. Times are kept as written: LinkedIn writes UTC; explicit offsets are converted to UTC.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Final

MONTHS: Final[dict[str, int]] = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}

_TIME = r"(?:[t ,]+(?:at )?(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)? ?([ap]\.?m\.?)?)?"
_ZONE = r" ?\(?(?:utc|gmt|z|[a-z]{2,4}t)?\)? ?([+-]\d{2}:?\d{2})?"
_MONTH = r"([a-z]{3,9})\.?"
_WEEKDAY = r"(?:[a-z]{3,9},? )?"

_Parts = tuple[int, int, int, tuple[str | None, ...]]
"""year, month, day, (hour, minute, second, am/pm, offset) as matched."""


@dataclass(frozen=True)
class _Layout:
    name: str
    pattern: re.Pattern[str]
    parts: Callable[[re.Match[str]], _Parts | None]


def _month(name: str) -> int:
    return MONTHS.get(name, 0)


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        return 2000 + year if year < 70 else 1900 + year
    return year


def _layout(name: str, date_part: str, parts: Callable[[re.Match[str]], _Parts | None]) -> _Layout:
    return _Layout(name, re.compile(date_part + _TIME + _ZONE), parts)


def _tail(match: re.Match[str], first: int) -> tuple[str | None, ...]:
    return tuple(match.group(index) for index in range(first, first + 5))


LAYOUTS: Final[tuple[_Layout, ...]] = (
    # 2025-07-01 14:33:22, 2025-07-01T09:00:00+01:00, 2024-12-16 18:24:37 UTC, 2025-07-01
    _layout(
        "iso",
        r"(\d{4})-(\d{1,2})-(\d{1,2})",
        lambda m: (int(m[1]), int(m[2]), int(m[3]), _tail(m, 4)),
    ),
    # 2017/06/08 08:15:44 UTC
    _layout(
        "ymd-slash",
        r"(\d{4})/(\d{1,2})/(\d{1,2})",
        lambda m: (int(m[1]), int(m[2]), int(m[3]), _tail(m, 4)),
    ),
    # 1/8/18, 6:14 PM ; 12/24/23, 05:28 AM ; 4/24/2022 (LinkedIn is month-first)
    _layout(
        "mdy",
        r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})",
        lambda m: (_year(m[3]), int(m[1]), int(m[2]), _tail(m, 4)),
    ),
    # 24/04/2022 from a re-save in a day-first locale
    _layout(
        "dmy",
        r"(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})",
        lambda m: (_year(m[3]), int(m[2]), int(m[1]), _tail(m, 4)),
    ),
    # 16 Dec 2024 ; 18-Jun-24 (spreadsheet re-save)
    _layout(
        "d-mon-y",
        r"(\d{1,2})[ -]" + _MONTH + r"[ -](\d{4}|\d{2})",
        lambda m: (_year(m[3]), _month(m[2]), int(m[1]), _tail(m, 4)),
    ),
    # November 12, 2024 at 2:56 AM (GMT) ; Jun 16, 2024
    _layout(
        "mon-d-y",
        _WEEKDAY + _MONTH + r" (\d{1,2}),? (\d{4})",
        lambda m: (int(m[3]), _month(m[1]), int(m[2]), _tail(m, 4)),
    ),
    # Jan 2024 (Positions)
    _layout("mon-y", _MONTH + r" (\d{4})", lambda m: (int(m[2]), _month(m[1]), 1, _tail(m, 3))),
    # 2018 (a year alone, Positions)
    _layout("year", r"(\d{4})", lambda m: (int(m[1]), 1, 1, _tail(m, 2))),
)

# Java's Date.toString: Wed Jun 16 06:56:05 UTC 2021 (the zone sits before the year)
_JAVA: Final = re.compile(
    r"(?:[a-z]{3} )?([a-z]{3}) (\d{1,2}) (\d{1,2}):(\d{2}):(\d{2}) (?:[a-z]{2,5} )?(\d{4})"
)

MIN_YEAR: Final = 1950
MAX_YEAR: Final = 2100


def _build(parts: _Parts) -> datetime | None:
    year, month, day, (hour, minute, second, meridiem, offset) = parts
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    hours = int(hour) if hour else 0
    if meridiem:
        if not 1 <= hours <= 12:
            return None
        hours = hours % 12 + (12 if meridiem.startswith("p") else 0)
    try:
        moment = datetime(year, month, day, hours, int(minute or 0), int(second or 0))
    except ValueError:
        return None
    if offset:
        sign = -1 if offset.startswith("-") else 1
        digits = offset[1:].replace(":", "")
        delta = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
        moment = (moment.replace(tzinfo=UTC) - sign * delta).replace(tzinfo=None)
    return moment


def _parse_java(text: str) -> datetime | None:
    match = _JAVA.fullmatch(text)
    if not match:
        return None
    month, day, hour, minute, second, year = match.groups()
    return _build((int(year), _month(month), int(day), (hour, minute, second, None, None)))


class DateReader:
    """Reads one file's dates; remembers the layout that worked so the file stays consistent."""

    def __init__(self) -> None:
        self._order: list[_Layout] = list(LAYOUTS)

    def parse(self, text: str) -> datetime | None:
        """The moment `text` names, or None when no known layout reads it."""
        value = " ".join(text.casefold().split())
        if not value or len(value) > 60:
            return None
        for index, layout in enumerate(self._order):
            match = layout.pattern.fullmatch(value)
            if match is None:
                continue
            parts = layout.parts(match)
            moment = _build(parts) if parts else None
            if moment is not None:
                if index:
                    self._order.insert(0, self._order.pop(index))
                return moment
        return _parse_java(value)


def parse_datetime(text: str) -> datetime | None:
    """A one-off parse, for cells that are not part of a file's run of dates."""
    return DateReader().parse(text)
