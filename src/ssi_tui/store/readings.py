"""Reading and writing official SSI readings (one per day)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from ssi_tui.core.domain import PILLAR_KEYS, PillarKey
from ssi_tui.core.readings import Reading, ReadingError
from ssi_tui.store.transactions import writing

if TYPE_CHECKING:
    from sqlite_utils import Database

    from ssi_tui.store.reader import Readable


class ReadingExists(ReadingError):
    """A reading for that day is already saved; replacing it needs the user's consent."""


def _peer_columns(prefix: str, pillars: dict[PillarKey, float] | None) -> dict[str, float | None]:
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


READING_COLUMNS = (
    "date",
    "total",
    *PILLAR_KEYS,
    "industry_rank",
    "network_rank",
    "industry_average",
    "network_average",
    *(f"industry_{key}" for key in PILLAR_KEYS),
    *(f"network_{key}" for key in PILLAR_KEYS),
    "weekly_change",
    "source",
)
"""The columns a Reading is built from, in the order `reading_from_values` takes them."""
# Each slice below is as long as PILLAR_KEYS by construction, so the zips need no strict check.
_PILLARS = slice(2, 2 + len(PILLAR_KEYS))
_RANKS_AND_AVERAGES = slice(_PILLARS.stop, _PILLARS.stop + 4)
_INDUSTRY = slice(_RANKS_AND_AVERAGES.stop, _RANKS_AND_AVERAGES.stop + len(PILLAR_KEYS))
_NETWORK = slice(_INDUSTRY.stop, _INDUSTRY.stop + len(PILLAR_KEYS))


def _pillars_or_none(values: Sequence[float | None]) -> dict[PillarKey, float] | None:
    """The peers' pillars, or None unless all four are known."""
    return None if None in values else dict(zip(PILLAR_KEYS, values, strict=False))  # type: ignore[return-value]


def reading_from_values(values: Sequence[Any]) -> Reading:
    """A Reading from one row of READING_COLUMNS, as a tuple.

    Tuples and Reading's fields in order, rather than dicts and keywords: every start reads
    years of weekly readings, and this halves the time that takes.
    """
    return Reading._make(
        (
            date.fromisoformat(values[0]),
            values[1],
            dict(zip(PILLAR_KEYS, values[_PILLARS], strict=False)),
            *values[_RANKS_AND_AVERAGES],  # industry and network rank, then their averages
            _pillars_or_none(values[_INDUSTRY]),
            _pillars_or_none(values[_NETWORK]),
            values[-2],  # weekly_change
            values[-1],  # source
        )
    )


def reading_exists(db: Readable, day: date) -> bool:
    return (
        db.execute("SELECT 1 FROM readings WHERE date = ?", [day.isoformat()]).fetchone()
        is not None
    )


def save_reading(db: Database, reading: Reading, *, replace: bool = False) -> None:
    """Save a reading; a second one for the same day needs `replace=True`."""
    with writing(db):
        if not replace and reading_exists(db, reading.date):
            raise ReadingExists(
                f"A reading for {reading.date.isoformat()} is already saved; "
                "replace it to save this one."
            )
        db.table("readings").upsert(reading_to_row(reading), pk="date")


def list_readings(db: Readable) -> list[Reading]:
    """Every reading, oldest first."""
    sql = f"SELECT {', '.join(READING_COLUMNS)} FROM readings ORDER BY date"
    return [reading_from_values(values) for values in db.execute(sql)]


def delete_reading(db: Database, day: date) -> bool:
    """Delete the reading of `day`; False when there was none."""
    with writing(db):
        cursor = db.execute("DELETE FROM readings WHERE date = ?", [day.isoformat()])
        return cursor.rowcount > 0
