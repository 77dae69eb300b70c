"""Official SSI readings: the record, its validation, and changes over time."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, NamedTuple

from ssi_tui.core.domain import PILLAR_KEYS, PILLAR_MAX, PILLARS_BY_KEY, TOTAL_MAX, PillarKey
from ssi_tui.core.limits import OutOfRange, check_day, check_score

if TYPE_CHECKING:
    from ssi_tui.core.ssi_paste import ParsedSsi

TOTAL_TOLERANCE = 0.5
"""LinkedIn rounds the total to an integer while pillars keep decimals."""


class ReadingError(ValueError):
    """A reading that cannot be saved; the message is one sentence for the user."""


class Reading(NamedTuple):
    """What LinkedIn's SSI page said on one day (years of them are read at every start)."""

    date: date
    total: float
    pillars: Mapping[PillarKey, float]
    industry_rank: int | None = None
    network_rank: int | None = None
    industry_average: float | None = None
    network_average: float | None = None
    industry_pillars: Mapping[PillarKey, float] | None = None
    network_pillars: Mapping[PillarKey, float] | None = None
    weekly_change: str | None = None
    source: str = "form"

    @property
    def pillar_sum(self) -> float:
        return round(sum(self.pillars[key] for key in PILLAR_KEYS), 3)

    def weakest_pillar(self) -> PillarKey:
        """The pillar with the lowest score (ties go to the first in LinkedIn's order)."""
        return min(PILLAR_KEYS, key=lambda key: self.pillars[key])


def _check_rank(name: str, rank: int | None) -> None:
    if rank is not None and not 1 <= rank <= 100:
        raise ReadingError(f"The {name} rank must be a Top N% between 1 and 100, not {rank}.")


def validate_reading(
    *,
    day: date,
    pillars: Mapping[PillarKey, float],
    total: float | None,
    today: date,
    industry_rank: int | None = None,
    network_rank: int | None = None,
) -> float:
    """Check a reading's numbers and return its total (derived from the pillars if absent)."""
    missing = [PILLARS_BY_KEY[key].label for key in PILLAR_KEYS if key not in pillars]
    if missing:
        raise ReadingError(f"The reading lacks {', '.join(missing)}.")
    try:
        for key in PILLAR_KEYS:
            check_score(pillars[key], PILLAR_MAX, PILLARS_BY_KEY[key].label)
        if total is not None:
            check_score(total, TOTAL_MAX, "The total")
        check_day(day, today, "The date")
    except OutOfRange as error:
        raise ReadingError(str(error)) from None
    pillar_sum = round(sum(pillars[key] for key in PILLAR_KEYS), 3)
    if total is None:
        total = pillar_sum
    elif abs(total - pillar_sum) > TOTAL_TOLERANCE:
        raise ReadingError(
            f"The total {total:g} does not match the pillars, which add up to {pillar_sum:g}."
        )
    _check_rank("industry", industry_rank)
    _check_rank("network", network_rank)
    return total


def build_reading(
    *,
    day: date,
    pillars: Mapping[PillarKey, float],
    total: float | None,
    today: date,
    industry_rank: int | None = None,
    network_rank: int | None = None,
    industry_average: float | None = None,
    network_average: float | None = None,
    industry_pillars: Mapping[PillarKey, float] | None = None,
    network_pillars: Mapping[PillarKey, float] | None = None,
    weekly_change: str | None = None,
    source: str = "form",
) -> Reading:
    """A validated reading: the one way in for the form, `ssi add` and a paste."""
    checked_total = validate_reading(
        day=day,
        pillars=pillars,
        total=total,
        today=today,
        industry_rank=industry_rank,
        network_rank=network_rank,
    )
    try:
        for name, average in (("industry", industry_average), ("network", network_average)):
            if average is not None:
                check_score(average, TOTAL_MAX, f"The {name} average")
        for name, peers in (("industry", industry_pillars), ("network", network_pillars)):
            for key in PILLAR_KEYS:
                if peers and key in peers:
                    check_score(peers[key], PILLAR_MAX, f"The {name}'s {PILLARS_BY_KEY[key].short}")
    except OutOfRange as error:
        raise ReadingError(str(error)) from None
    return Reading(
        date=day,
        total=checked_total,
        pillars={key: float(pillars[key]) for key in PILLAR_KEYS},
        industry_rank=industry_rank,
        network_rank=network_rank,
        industry_average=industry_average,
        network_average=network_average,
        industry_pillars=industry_pillars,
        network_pillars=network_pillars,
        weekly_change=weekly_change,
        source=source,
    )


def reading_from_parsed(parsed: ParsedSsi, day: date, today: date) -> Reading:
    """The reading a parsed SSI page describes, dated `day`."""
    return build_reading(
        day=day,
        pillars=parsed.pillars,
        total=parsed.total,
        today=today,
        industry_rank=parsed.industry_rank,
        network_rank=parsed.network_rank,
        industry_average=parsed.industry_average,
        network_average=parsed.network_average,
        industry_pillars=parsed.industry_pillars,
        network_pillars=parsed.network_pillars,
        weekly_change=parsed.weekly_change,
        source=f"paste-{parsed.source}",
    )


def reading_as_json(reading: Reading) -> dict[str, object]:
    """The JSON shape scripts rely on (see the README's command-line section)."""
    return {
        "date": reading.date.isoformat(),
        "total": reading.total,
        "pillars": {key: reading.pillars[key] for key in PILLAR_KEYS},
        "industry_rank": reading.industry_rank,
        "network_rank": reading.network_rank,
        "industry_average": reading.industry_average,
        "network_average": reading.network_average,
        "industry_pillars": dict(reading.industry_pillars) if reading.industry_pillars else None,
        "network_pillars": dict(reading.network_pillars) if reading.network_pillars else None,
        "weekly_change": reading.weekly_change,
        "source": reading.source,
    }


class Change(NamedTuple):
    """How a number moved between two readings."""

    delta: float
    since: date

    @property
    def arrow(self) -> str:
        if self.delta > 0.05:
            return "▲"
        if self.delta < -0.05:
            return "▼"
        return "="


def _reading_date(reading: Reading) -> date:
    return reading.date


def change_over(
    history: Sequence[Reading], days: int | None, key: PillarKey | None = None
) -> Change | None:
    """Change of the total (or one pillar) from the reading `days` before the latest.

    `history` is sorted oldest first. With `days=None` it compares with the previous reading.
    The reference is the latest reading on or before the cut-off day; None when there is none.
    """
    if len(history) < 2:
        return None
    latest = history[-1]
    if days is None:
        reference = history[-2]
    else:
        cutoff = latest.date - timedelta(days=days)
        after_cutoff = bisect_right(history, cutoff, hi=len(history) - 1, key=_reading_date)
        if after_cutoff == 0:
            return None
        reference = history[after_cutoff - 1]

    def value(reading: Reading) -> float:
        return reading.total if key is None else reading.pillars[key]

    return Change(round(value(latest) - value(reference), 3), reference.date)
