"""The activity journal: daily counts per activity, from the user or from imports."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from ssi_tui.core import clock
from ssi_tui.core.domain import ActivityType, PillarKey, as_pillar_key
from ssi_tui.core.limits import check_count, check_day
from ssi_tui.core.text import strip_control
from ssi_tui.store.transactions import writing

if TYPE_CHECKING:
    from sqlite_utils import Database

    from ssi_tui.store.reader import Readable


@dataclass(slots=True)
class JournalEntry:
    """One day's count of one activity (summed over sources)."""

    date: date
    activity: str
    count: int
    note: str | None = None


def activity_types(db: Readable) -> list[ActivityType]:
    """The catalogue plus the user's own types, in catalogue order then by key (the table's
    CHECK keeps each pillar one of the four)."""
    return [
        ActivityType(row["key"], row["pillar"], row["label"], bool(row["user_defined"]))
        for row in db.query("SELECT * FROM activity_types ORDER BY user_defined, rowid")
    ]


def add_activity_type(db: Database, key: str, pillar: str, label: str) -> ActivityType:
    """Add the user's own activity type, feeding one pillar (`pillar` is checked here)."""
    cleaned = "_".join(key.strip().lower().replace("-", " ").split())
    if not cleaned.replace("_", "").isalnum():
        raise ValueError(f"An activity key uses letters, digits and underscores, not {key!r}.")
    fed = as_pillar_key(pillar)
    shown = " ".join(strip_control(label).split())
    activity = ActivityType(cleaned, fed, shown or cleaned.replace("_", " "), True)
    with writing(db):
        known = [row[0] for row in db.execute("SELECT key FROM activity_types")]
        if cleaned in known:
            raise ValueError(f"The activity {cleaned!r} already exists.")
        taken = _meaning_of(cleaned, known)
        if taken is not None:
            raise ValueError(
                f"{cleaned!r} already means the activity {taken!r} when you log; "
                "choose another name."
            )
        db.table("activity_types").insert(
            {"key": activity.key, "pillar": fed, "label": activity.label, "user_defined": 1}
        )
    return activity


def _meaning_of(name: str, known: list[str]) -> str | None:
    """The existing activity `log NAME` would reach (a plural or an everyday word), if any:
    a new activity by that name would shadow it or never be reachable itself."""
    from ssi_tui.core.activities import UnknownActivity, resolve_activity

    try:
        return resolve_activity(name, known)
    except UnknownActivity:
        return None


def upsert_entries(db: Database, rows: Iterable[dict[str, Any]], source: str) -> int:
    """Write journal rows (date, activity, count[, note]) for one source, replacing counts.

    Re-running with the same rows changes nothing, which keeps imports idempotent.
    """
    stamp = datetime.now().isoformat(timespec="seconds")
    records = [{**row, "source": source, "updated_at": stamp} for row in rows]
    with writing(db):
        db.table("journal").upsert_all(records, pk=("date", "activity", "source"))
    return len(records)


MANUAL = "manual"
"""The source of what the user logs by hand; imports write under their own source."""


def manual_count(db: Readable, day: date, activity: str) -> int:
    row = db.execute(
        "SELECT count FROM journal WHERE date = ? AND activity = ? AND source = ?",
        [day.isoformat(), activity, MANUAL],
    ).fetchone()
    return int(row[0]) if row else 0


@dataclass(frozen=True, slots=True)
class ManualEntry:
    """What the user logged by hand for one activity on one day."""

    count: int = 0
    note: str | None = None


def manual_entry(db: Readable, day: date, activity: str) -> ManualEntry:
    row = db.execute(
        "SELECT count, note FROM journal WHERE date = ? AND activity = ? AND source = ?",
        [day.isoformat(), activity, MANUAL],
    ).fetchone()
    return ManualEntry(int(row[0]), row[1]) if row else ManualEntry()


@dataclass(frozen=True, slots=True)
class JournalChange:
    """One change the user made by hand, kept so that it can be undone."""

    day: date
    activity: str
    before: ManualEntry
    after: ManualEntry


def undo_change(db: Database, change: JournalChange) -> ManualEntry:
    """Put back the count and note from before `change`; returns the entry as it now is.

    The count moves back by the change's difference rather than to the old number, so what
    another terminal logged since is kept.
    """
    day, activity = change.day, change.activity
    with writing(db):
        if change.before.count != change.after.count:
            add_manual(db, day, activity, change.before.count - change.after.count)
        if change.before.note != change.after.note:
            set_manual(db, day, activity, manual_count(db, day, activity), change.before.note or "")
        return manual_entry(db, day, activity)


def other_sources_count(db: Readable, day: date, activity: str) -> int:
    """What imports recorded for that day and activity (the user cannot lower it by hand)."""
    row = db.execute(
        "SELECT COALESCE(SUM(count), 0) FROM journal "
        "WHERE date = ? AND activity = ? AND source != ?",
        [day.isoformat(), activity, MANUAL],
    ).fetchone()
    return int(row[0])


def set_manual(db: Database, day: date, activity: str, count: int, note: str | None = None) -> None:
    """Set the hand-logged count of one activity on one day, and its note unless `note` is
    None (an empty note clears it)."""
    check_count(count, "A day's count")
    check_day(day, clock.today())
    with writing(db):
        existing = db.execute(
            "SELECT note FROM journal WHERE date = ? AND activity = ? AND source = ?",
            [day.isoformat(), activity, MANUAL],
        ).fetchone()
        kept_note = (note or None) if note is not None else (existing[0] if existing else None)
        record = {"date": day.isoformat(), "activity": activity, "count": count, "note": kept_note}
        upsert_entries(db, [record], MANUAL)


def add_manual(db: Database, day: date, activity: str, delta: int, note: str | None = None) -> int:
    """Add `delta` (may be negative) to the hand-logged count, never below zero; returns it.

    One statement does the read and the write, so quick logs from several terminals at once
    can never overwrite each other's counts.
    """
    check_count(abs(delta), "The count")
    check_day(day, clock.today())
    stamp = datetime.now().isoformat(timespec="seconds")
    with writing(db):  # the write lock is held from here: the check below stays true
        check_count(max(0, manual_count(db, day, activity) + delta), f"The day's {activity}")
        cursor = db.execute(
            """
        INSERT INTO journal (date, activity, count, note, source, updated_at)
        VALUES (:date, :activity, max(0, :delta), :note, :source, :stamp)
        ON CONFLICT (date, activity, source) DO UPDATE SET
            count = max(0, journal.count + :delta),
            note = coalesce(:note, journal.note),
            updated_at = :stamp
        RETURNING count
        """,
            {
                "date": day.isoformat(),
                "activity": activity,
                "delta": delta,
                "note": note,
                "source": MANUAL,
                "stamp": stamp,
            },
        )
        return int(cursor.fetchone()[0])


def entries(db: Readable, since: date | None = None) -> list[JournalEntry]:
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


def counts_between(db: Readable, start: date, end: date) -> dict[str, int]:
    """Total count per activity from `start` to `end` inclusive."""
    sql = """
        SELECT activity, SUM(count) AS count FROM journal
        WHERE date BETWEEN ? AND ? GROUP BY activity HAVING SUM(count) > 0
    """
    return {
        row["activity"]: row["count"] for row in db.query(sql, [start.isoformat(), end.isoformat()])
    }


def daily_totals(db: Readable, start: date, end: date) -> dict[date, int]:
    """All activity per day from `start` to `end` inclusive (days without any are absent)."""
    sql = """
        SELECT date, SUM(count) AS count FROM journal
        WHERE date BETWEEN ? AND ? GROUP BY date HAVING SUM(count) > 0
    """
    return {
        date.fromisoformat(row["date"]): row["count"]
        for row in db.query(sql, [start.isoformat(), end.isoformat()])
    }


def active_pillars_by_day(db: Readable, start: date, end: date) -> dict[date, set[PillarKey]]:
    """Which pillars saw any activity on each day (for per-pillar streaks)."""
    sql = """
        SELECT j.date AS date, t.pillar AS pillar FROM journal j
        JOIN activity_types t ON t.key = j.activity
        WHERE j.date BETWEEN ? AND ? GROUP BY j.date, t.pillar HAVING SUM(j.count) > 0
    """
    days: dict[date, set[PillarKey]] = {}
    for row in db.query(sql, [start.isoformat(), end.isoformat()]):
        days.setdefault(date.fromisoformat(row["date"]), set()).add(row["pillar"])
    return days


def notes_on(db: Readable, day: date) -> dict[str, str]:
    """The user's note per activity on one day."""
    sql = "SELECT activity, note FROM journal WHERE date = ? AND source = ? AND note IS NOT NULL"
    return {row["activity"]: row["note"] for row in db.query(sql, [day.isoformat(), MANUAL])}
