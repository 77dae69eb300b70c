"""Fit the estimate's weights to the member's own official SSI readings.

The default weights are documented guesses; LinkedIn's formula and each member's network differ.
Once there are `MIN_READINGS` readings, each pillar is refitted on its own:

    reading_p − profile points_p ≈ base_p · 1 + Σ_{a in p} W_a · x_a(reading day)

minimising Σ residual² + ALPHA · Σ (w − w_default)² subject to w ≥ 0, where:

- w ≥ 0 keeps the estimate monotone (logging more never lowers it) and readable;
- the penalty pulls towards the *default* weights, not towards zero, so activities the member
  never logs, or that always move together, keep their documented weights instead of collapsing;
- the base is the weight of a constant feature (no free intercept), so it is ≥ 0 by construction
  and shrinks towards the default base like every other weight;
- the scales s_a and the profile weights stay as they are: fitting scales is non-linear, and
  profile facts are the same at every reading, so the base absorbs any offset.

Solving: the penalty becomes k extra rows, and the normal equations G = XᵀX + ALPHA·I are folded
by Cholesky into a k×k non-negative least-squares problem with the same optimum, which
`scipy.optimize.nnls` solves: for the weights the app keeps and for each leave-one-out refit.
(scikit-learn's `LinearRegression(positive=True)` calls the same solver; going to it directly
keeps `ssi-tui estimate` and `plan` free of scikit-learn's imports.) scipy and numpy are
imported inside `calibrate` only, so the app starts without them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, Final, NamedTuple

from ssi_tui.core.calibration import MIN_READINGS, Calibration
from ssi_tui.core.domain import PILLAR_KEYS, PILLAR_MAX, PillarKey
from ssi_tui.core.estimate import (
    DEFAULT_PILLARS,
    DEFAULT_WEIGHTS,
    WINDOW_DAYS,
    EstimateWeights,
    Journal,
    ProfileFigures,
    features_at,
    profile_by_pillar,
)
from ssi_tui.store import estimates
from ssi_tui.store.transactions import writing

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray
    from sqlite_utils import Database

    _Array = NDArray[np.floating[Any]]

Readings = Sequence[tuple[date, Mapping[PillarKey, float]]]
"""Each official reading: its day and its four pillar values."""

ALPHA: Final = 0.1
"""Ridge strength towards the defaults, in squared points. Small, because the defaults are
guesses: on the demo, 5 to 20 readings predict best with 0.1 (stronger pulls keep the defaults'
bias). It still pins what the readings cannot tell apart (activities never logged, or logged in
lockstep) to the defaults."""


class _PillarFit(NamedTuple):
    """One pillar's final weights and its out-of-sample and default predictions."""

    base: float
    weights: dict[str, float]
    loo_predictions: list[float]
    default_predictions: list[float]


def calibrate(
    journal: Journal,
    readings: Readings,
    base: EstimateWeights = DEFAULT_WEIGHTS,
    *,
    profile: ProfileFigures | None = None,
    activity_pillars: Mapping[str, PillarKey] = DEFAULT_PILLARS,
) -> Calibration:
    """Fit `base`'s pillar bases and activity weights to `readings` (day, pillar → value)."""
    if len(readings) < MIN_READINGS:
        return Calibration(
            weights=None,
            n_readings=len(readings),
            reason=(
                f"Calibration needs at least {MIN_READINGS} official readings; "
                f"you have {len(readings)}."
            ),
        )
    features = [
        features_at(journal, day, WINDOW_DAYS, base.scale, base.user_scale) for day, _ in readings
    ]
    offsets = profile_by_pillar(profile, base)
    known = sorted({*activity_pillars, *base.weight})
    fits = {
        pillar: _fit_pillar(
            pillar,
            [activity for activity in known if activity_pillars.get(activity) == pillar],
            features,
            [reading[pillar] - offsets[pillar] for _, reading in readings],
            base,
            offsets[pillar],
        )
        for pillar in PILLAR_KEYS
    }
    actual = {pillar: [float(reading[pillar]) for _, reading in readings] for pillar in PILLAR_KEYS}

    def mae(predictions: Mapping[PillarKey, list[float]], keys: Sequence[PillarKey]) -> float:
        errors = [
            abs(sum(predictions[key][i] - actual[key][i] for key in keys))
            for i in range(len(readings))
        ]
        return round(sum(errors) / len(errors), 3)

    loo = {pillar: fit.loo_predictions for pillar, fit in fits.items()}
    default = {pillar: fit.default_predictions for pillar, fit in fits.items()}
    weights = base.with_fit(
        {pillar: fit.base for pillar, fit in fits.items()},
        {activity: w for fit in fits.values() for activity, w in fit.weights.items()},
    )
    return Calibration(
        weights=weights,
        n_readings=len(readings),
        loo_mae_total=mae(loo, PILLAR_KEYS),
        loo_mae_default_total=mae(default, PILLAR_KEYS),
        loo_mae_pillars={pillar: mae(loo, [pillar]) for pillar in PILLAR_KEYS},
        default_mae_pillars={pillar: mae(default, [pillar]) for pillar in PILLAR_KEYS},
    )


def _fit_pillar(
    pillar: PillarKey,
    activities: list[str],
    features: list[dict[str, float]],
    targets: list[float],
    base: EstimateWeights,
    offset: float,
) -> _PillarFit:
    """Fit one pillar: the constant and its activities, shrunk towards `base`'s values."""
    import numpy as np
    from scipy.optimize import nnls

    design = np.array([[1.0] + [row.get(a, 0.0) for a in activities] for row in features])
    target = np.array(targets)
    prior = np.array([base.base.get(pillar, 0.0)] + [base.weight_of(a) for a in activities])
    gram = design.T @ design + ALPHA * np.eye(len(prior))
    moment = design.T @ target + ALPHA * prior

    fitted, _ = nnls(*_folded(gram, moment))
    coefficients = np.maximum(fitted, 0.0)

    loo: list[float] = []
    for row, value in zip(design, target, strict=True):
        fold, _ = nnls(*_folded(gram - np.outer(row, row), moment - row * value))
        loo.append(_clip(float(row @ fold) + offset))
    default = [_clip(float(row @ prior) + offset) for row in design]
    return _PillarFit(
        base=float(coefficients[0]),
        weights={a: float(w) for a, w in zip(activities, coefficients[1:], strict=True)},
        loo_predictions=loo,
        default_predictions=default,
    )


def _folded(gram: _Array, moment: _Array) -> tuple[_Array, _Array]:
    """(A, b) with ‖Aw − b‖² = wᵀ·gram·w − 2·momentᵀw + constant, via gram = L·Lᵀ."""
    import numpy as np

    lower = np.linalg.cholesky(gram)
    return lower.T, np.linalg.solve(lower, moment)


def _clip(value: float) -> float:
    return min(max(value, 0.0), PILLAR_MAX)


def calibrate_and_cache(db: Database) -> Calibration:
    """Fit the weights to every official reading and cache the fit (unless the file is
    read-only: the fit is then made again when next needed)."""
    from ssi_tui.store.readings import list_readings

    stamp = estimates.fingerprint(db)  # first: a write meanwhile must leave the cache stale
    readings = [(reading.date, reading.pillars) for reading in list_readings(db)]
    first = readings[0][0] - timedelta(days=WINDOW_DAYS) if readings else None
    last = readings[-1][0] if readings else date.today()
    calibration = calibrate(
        estimates.journal_map(db, first, last),
        readings,
        profile=estimates.profile_facts(db),
        activity_pillars=estimates.activity_pillars(db),
    )
    if getattr(db.conn, "read_only", False):
        return calibration
    value = json.dumps({"fingerprint": stamp, "calibration": calibration.to_json()})
    with writing(db):
        db.table("settings").upsert({"key": estimates.CALIBRATION_KEY, "value": value}, pk="key")
    return calibration
