"""The journal estimate and its calibration, as read from the database.

The fit itself (numpy and scipy) is `analysis.calibration_fit.calibrate_and_cache`, which the
app runs in a thread after the first paint; it caches the fit in `settings` under a
fingerprint of the data it used, which `cached_calibration` reads back.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from ssi_tui.core.calibration import Calibration
from ssi_tui.core.domain import PillarKey
from ssi_tui.core.estimate import (
    DEFAULT_WEIGHTS,
    WINDOW_DAYS,
    Estimate,
    EstimateWeights,
    ProfileFigures,
    estimate,
)

if TYPE_CHECKING:
    from ssi_tui.store.reader import Readable

CALIBRATION_KEY = "calibration"
PROFILE_KEY = "profile_facts"


def activity_pillars(db: Readable) -> dict[str, PillarKey]:
    """Activity → the pillar it feeds (the table's CHECK keeps the pillar one of the four)."""
    return {row["key"]: row["pillar"] for row in db.query("SELECT key, pillar FROM activity_types")}


def journal_map(db: Readable, start: date | None, end: date) -> dict[date, dict[str, int]]:
    """Day → activity → count (all sources) between `start` (or the beginning) and `end`."""
    sql = "SELECT date, activity, SUM(count) AS count FROM journal WHERE date <= ?"
    params: list[Any] = [end.isoformat()]
    if start is not None:
        sql += " AND date >= ?"
        params.append(start.isoformat())
    journal: dict[date, dict[str, int]] = {}
    for row in db.query(sql + " GROUP BY date, activity", params):
        journal.setdefault(date.fromisoformat(row["date"]), {})[row["activity"]] = row["count"]
    return journal


def profile_facts(db: Readable) -> ProfileFigures | None:
    """What imports learnt about the profile (None until an archive is imported)."""
    row = db.execute("SELECT value FROM settings WHERE key = ?", [PROFILE_KEY]).fetchone()
    if row is None:
        return None
    try:
        data = json.loads(row[0])
        return ProfileFigures(**{key: data.get(key) for key in ProfileFigures._fields})
    except (ValueError, TypeError):
        return None


def fingerprint(db: Readable) -> str:
    """Changes whenever a reading, a journal entry or an activity type changes.

    The journal's part is its revision, which a trigger raises at every row written or
    deleted (schema m004): one row to read, where summing the journal meant a scan of years
    of entries before the first frame. Kept as text rather than hashed: a few hundred
    characters in the settings table cost less than loading hashlib there.
    """
    parts = [
        db.execute("SELECT count(*), max(recorded_at), sum(total) FROM readings").fetchone(),
        db.execute("SELECT number FROM _revisions WHERE name = 'journal'").fetchone(),
        db.execute("SELECT count(*), group_concat(key || pillar) FROM activity_types").fetchone(),
        db.execute("SELECT value FROM settings WHERE key = ?", [PROFILE_KEY]).fetchone(),
    ]
    return repr(parts)


def cached_calibration(db: Readable) -> tuple[Calibration | None, bool]:
    """The last fit, and whether it was made on exactly the data now in the database.

    A slightly stale fit is still the best weights there are while a new one is computed.
    """
    row = db.execute("SELECT value FROM settings WHERE key = ?", [CALIBRATION_KEY]).fetchone()
    if row is None:
        return None, False
    try:
        data = json.loads(row[0])
        calibration = Calibration.from_json(data["calibration"])
    except (ValueError, KeyError, TypeError):
        return None, False
    return calibration, data.get("fingerprint") == fingerprint(db)


def readings_count(db: Readable) -> int:
    return int(db.execute("SELECT count(*) FROM readings").fetchone()[0])


def weights_from(calibration: Calibration | None) -> EstimateWeights:
    if calibration is not None and calibration.weights is not None:
        return calibration.weights
    return DEFAULT_WEIGHTS


def current_estimate(db: Readable, as_of: date, calibration: Calibration | None) -> Estimate:
    """The estimate for `as_of` from the last four weeks of the journal."""
    window = journal_map(db, as_of - timedelta(days=WINDOW_DAYS), as_of)
    return estimate(
        window,
        as_of,
        profile=profile_facts(db),
        activity_pillars=activity_pillars(db),
        weights=weights_from(calibration),
    )
