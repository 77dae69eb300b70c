"""User settings: the target SSI and weekly activity targets."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ssi_tui.core.domain import DEFAULT_TARGET
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
