"""User settings: the target SSI, weekly activity targets, and how streaks treat weekends."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ssi_tui.core.domain import DEFAULT_TARGET
from ssi_tui.core.journal import (
    DEFAULT_WEEKEND_RULE,
    WEEKEND_RULES,
    WeekendRule,
    is_weekend_rule,
)
from ssi_tui.core.limits import check_count
from ssi_tui.store.transactions import writing

if TYPE_CHECKING:
    from sqlite_utils import Database

    from ssi_tui.store.reader import Readable


def get_target(db: Readable) -> int:
    """The SSI the user aims for (75 unless they changed it)."""
    row = db.execute("SELECT value FROM settings WHERE key = 'target_ssi'").fetchone()
    try:
        target = int(row[0]) if row else DEFAULT_TARGET
    except (ValueError, TypeError, OverflowError):
        return DEFAULT_TARGET  # another program's odd value: the default, not a crash
    return target if 1 <= target <= 100 else DEFAULT_TARGET


def set_target(db: Database, target: int) -> None:
    if not 1 <= target <= 100:
        raise ValueError(f"The target must be between 1 and 100, not {target}.")
    with writing(db):
        db.table("settings").upsert({"key": "target_ssi", "value": str(target)}, pk="key")


def weekly_targets(db: Readable) -> dict[str, int]:
    """Weekly target per activity key (activities without a target are absent)."""
    return {
        row["activity"]: row["target"]
        for row in db.query("SELECT activity, target FROM weekly_targets WHERE target > 0")
    }


def set_weekly_target(db: Database, activity: str, target: int) -> None:
    """Set how many of an activity the user aims for each week (0 removes the target)."""
    check_count(target, "A weekly target")
    with writing(db):
        db.table("weekly_targets").upsert({"activity": activity, "target": target}, pk="activity")


STREAK_WEEKENDS_KEY = "streak_weekends"


def streak_weekends(db: Readable) -> WeekendRule:
    """Whether streaks skip Saturdays and Sundays without activity ("skip", the default: most
    sellers work Monday to Friday) or count them as any other day ("count")."""
    row = db.execute("SELECT value FROM settings WHERE key = ?", [STREAK_WEEKENDS_KEY]).fetchone()
    value = row[0] if row else None
    return value if is_weekend_rule(value) else DEFAULT_WEEKEND_RULE  # odd value: the default


def set_streak_weekends(db: Database, rule: str) -> None:
    if not is_weekend_rule(rule):
        choices = " or ".join(repr(choice) for choice in WEEKEND_RULES)
        raise ValueError(f"Weekends in streaks are {choices}, not {rule!r}.")
    with writing(db):
        db.table("settings").upsert({"key": STREAK_WEEKENDS_KEY, "value": rule}, pk="key")


THEME_KEY = "theme"
MAX_THEME_NAME = 64


def get_theme(db: Readable) -> str | None:
    """The theme chosen in the app last time (None: Textual's default); the app checks that
    the name is one of its themes."""
    row = db.execute(
        "SELECT substr(value, 1, ?) FROM settings WHERE key = ?", [MAX_THEME_NAME + 1, THEME_KEY]
    ).fetchone()
    value = row[0] if row else None
    return value if isinstance(value, str) and len(value) <= MAX_THEME_NAME else None


def set_theme(db: Database, name: str) -> None:
    with writing(db):
        db.table("settings").upsert({"key": THEME_KEY, "value": name[:MAX_THEME_NAME]}, pk="key")
