"""The activity journal: daily counts per activity, from the user or from imports."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlite_utils import Database

from ssi_tui.core.domain import ActivityType


@dataclass(frozen=True)
class JournalEntry:
    """One day's count of one activity (summed over sources)."""

    date: date
    activity: str
    count: int
    note: str | None = None


def activity_types(db: Database) -> list[ActivityType]:
    """The catalogue plus the user's own types, in catalogue order then by key."""
    return [
        ActivityType(row["key"], row["pillar"], row["label"], bool(row["user_defined"]))
        for row in db.query("SELECT * FROM activity_types ORDER BY user_defined, rowid")
    ]


def upsert_entries(db: Database, rows: Iterable[dict[str, Any]], source: str) -> int:
    """Write journal rows (date, activity, count[, note]) for one source, replacing counts.

    Re-running with the same rows changes nothing, which keeps imports idempotent.
    """
    stamp = datetime.now().isoformat(timespec="seconds")
    records = [{**row, "source": source, "updated_at": stamp} for row in rows]
    with db.atomic():
        db.table("journal").upsert_all(records, pk=("date", "activity", "source"))
    return len(records)


def entries(db: Database, since: date | None = None) -> list[JournalEntry]:
    """Entries per day and activity, all sources summed, oldest first."""
    where, params = ("WHERE date >= ?", [since.isoformat()]) if since else ("", [])
    sql = f"""
        SELECT date, activity, SUM(count) AS count,
               GROUP_CONCAT(note, ' / ') AS note
        FROM journal {where}
        GROUP BY date, activity
        HAVING SUM(count) > 0 OR GROUP_CONCAT(note) IS NOT NULL
        ORDER BY date, activity
    """
    return [
        JournalEntry(date.fromisoformat(row["date"]), row["activity"], row["count"], row["note"])
        for row in db.query(sql, params)
    ]


def counts_between(db: Database, start: date, end: date) -> dict[str, int]:
    """Total count per activity from `start` to `end` inclusive."""
    sql = """
        SELECT activity, SUM(count) AS count FROM journal
        WHERE date BETWEEN ? AND ? GROUP BY activity
    """
    return {
        row["activity"]: row["count"] for row in db.query(sql, [start.isoformat(), end.isoformat()])
    }


def daily_totals(db: Database, start: date, end: date) -> dict[date, int]:
    """All activity per day from `start` to `end` inclusive (days without any are absent)."""
    sql = """
        SELECT date, SUM(count) AS count FROM journal
        WHERE date BETWEEN ? AND ? GROUP BY date HAVING SUM(count) > 0
    """
    return {
        date.fromisoformat(row["date"]): row["count"]
        for row in db.query(sql, [start.isoformat(), end.isoformat()])
    }
