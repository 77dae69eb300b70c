"""Reading and writing official SSI readings (one per day)."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from ssi_tui.core.domain import PILLAR_KEYS
from ssi_tui.core.readings import Reading, ReadingError

if TYPE_CHECKING:
    from sqlite_utils import Database

    from ssi_tui.store.reader import Readable


class ReadingExists(ReadingError):
    """A reading for that day is already saved; replacing it needs the user's consent."""


def _peer_columns(prefix: str, pillars: dict[str, float] | None) -> dict[str, float | None]:
    return {f"{prefix}_{key}": (pillars or {}).get(key) for key in PILLAR_KEYS}


def reading_to_row(reading: Reading) -> dict[str, Any]:
    """The `readings` row for a reading."""
    return {
        "date": reading.date.isoformat(),
        "total": reading.total,
        **{key: reading.pillars[key] for key in PILLAR_KEYS},
        "industry_rank": reading.industry_rank,
        "network_rank": reading.network_rank,
        "industry_average": reading.industry_average,
        "network_average": reading.network_average,
        **_peer_columns("industry", dict(reading.industry_pillars or {}) or None),
        **_peer_columns("network", dict(reading.network_pillars or {}) or None),
        "weekly_change": reading.weekly_change,
        "source": reading.source,
        "recorded_at": datetime.now().isoformat(timespec="seconds"),
    }


def _peer_pillars(row: dict[str, Any], prefix: str) -> dict[str, float] | None:
    values = {key: row[f"{prefix}_{key}"] for key in PILLAR_KEYS}
    if any(value is None for value in values.values()):
        return None
    return values


def row_to_reading(row: dict[str, Any]) -> Reading:
    return Reading(
        date=date.fromisoformat(row["date"]),
        total=row["total"],
        pillars={key: row[key] for key in PILLAR_KEYS},
        industry_rank=row["industry_rank"],
        network_rank=row["network_rank"],
        industry_average=row["industry_average"],
        network_average=row["network_average"],
        industry_pillars=_peer_pillars(row, "industry"),
        network_pillars=_peer_pillars(row, "network"),
        weekly_change=row["weekly_change"],
        source=row["source"],
    )


def reading_exists(db: Readable, day: date) -> bool:
    return (
        db.execute("SELECT 1 FROM readings WHERE date = ?", [day.isoformat()]).fetchone()
        is not None
    )


def save_reading(db: Database, reading: Reading, *, replace: bool = False) -> None:
    """Save a reading; a second one for the same day needs `replace=True`."""
    with db.atomic():
        if not replace and reading_exists(db, reading.date):
            raise ReadingExists(
                f"A reading for {reading.date.isoformat()} is already saved; "
                "replace it to save this one."
            )
        db.table("readings").upsert(reading_to_row(reading), pk="date")


def list_readings(db: Readable) -> list[Reading]:
    """Every reading, oldest first."""
    return [row_to_reading(row) for row in db.query("SELECT * FROM readings ORDER BY date")]


def delete_reading(db: Database, day: date) -> bool:
    """Delete the reading of `day`; False when there was none."""
    cursor = db.execute("DELETE FROM readings WHERE date = ?", [day.isoformat()])
    return cursor.rowcount > 0
