"""Journal arithmetic: streaks and week boundaries."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Final, Literal, TypeGuard, get_args

WeekendRule = Literal["skip", "count"]
"""How a streak treats Saturday and Sunday: "skip" lets a weekend without activity pass
without breaking the streak (a weekend with activity still adds its days); "count" treats
them as any other day."""
WEEKEND_RULES: Final[tuple[WeekendRule, ...]] = get_args(WeekendRule)
DEFAULT_WEEKEND_RULE: Final[WeekendRule] = "skip"
"""Most people who sell on LinkedIn work Monday to Friday, and LinkedIn itself is quiet at the
weekend: a streak that every quiet weekend breaks could never pass five days, and would punish
rest rather than reward the working-day habit the SSI follows. Those who work weekends can
choose "count"."""

WEEKEND: Final = frozenset({5, 6})
"""`date.weekday()` of Saturday and Sunday."""


def is_weekend_rule(value: object) -> TypeGuard[WeekendRule]:
    return value in WEEKEND_RULES


def week_start(day: date) -> date:
    """The Monday of the week containing `day` (targets run Monday to Sunday)."""
    return day - timedelta(days=day.weekday())


def week_end(day: date) -> date:
    """The Sunday of the week containing `day`."""
    return week_start(day) + timedelta(days=6)


def current_streak(active_days: Iterable[date], today: date, *, skip_weekends: bool = False) -> int:
    """Days with any activity in a row, ending today (or the day before, if today is still
    empty).

    With `skip_weekends`, a Saturday or Sunday without activity neither breaks the streak nor
    adds to it, so Friday and Monday are "in a row"; a weekend day with activity still counts.
    """
    days = set(active_days)
    cursor = today if today in days else today - timedelta(days=1)
    streak = 0
    while True:
        if cursor in days:
            streak += 1
        elif not (skip_weekends and cursor.weekday() in WEEKEND):
            return streak
        cursor -= timedelta(days=1)


def left_to_target(counts: Mapping[str, int], targets: Mapping[str, int]) -> dict[str, int]:
    """Activity → how many more reach its weekly target, in the targets' order (targets
    already met are left out): the Journal pane's side panel and `ssi-tui today` list these."""
    return {
        key: target - counts.get(key, 0)
        for key, target in targets.items()
        if counts.get(key, 0) < target
    }
