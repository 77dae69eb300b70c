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

from collections.abc import Mapping, Sequence
from datetime import date
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final, NamedTuple

from ssi_tui.core.domain import PILLAR_KEYS, PILLAR_MAX
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

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    _Array = NDArray[np.floating[Any]]

MIN_READINGS: Final = 5
"""Fewer readings than this cannot tell a pillar's base from its activity weights."""

ALPHA: Final = 0.1
"""Ridge strength towards the defaults, in squared points. Small, because the defaults are
guesses: on the demo, 5 to 20 readings predict best with 0.1 (stronger pulls keep the defaults'
bias). It still pins what the readings cannot tell apart (activities never logged, or logged in
lockstep) to the defaults."""

Readings = Sequence[tuple[date, Mapping[str, float]]]


class Calibration(NamedTuple):
    """A fit of the weights to official readings, with its honest leave-one-out error."""

    weights: EstimateWeights | None
    n_readings: int
    loo_mae_total: float | None = None
    """Mean absolute error of the total when each reading is predicted by a fit without it."""
    loo_mae_default_total: float | None = None
    """The same error for the weights the fit started from, on the same readings."""
    loo_mae_pillars: Mapping[str, float] = MappingProxyType({})
    default_mae_pillars: Mapping[str, float] = MappingProxyType({})
    reason: str | None = None
    """Why there are no weights, in one sentence; `None` when the fit succeeded."""

    @property
    def beats_default(self) -> bool:
        """Whether the fit predicts unseen pillars better than the weights it started from.

        Judged on the summed pillar errors: opposite biases of the defaults (say brand too low,
        insights too high) can cancel in the total and flatter them there.
        """
        if not self.loo_mae_pillars or not self.default_mae_pillars:
            return False
        return sum(self.loo_mae_pillars.values()) < sum(self.default_mae_pillars.values())

    def to_json(self) -> dict[str, Any]:
        return {
            "weights": None if self.weights is None else self.weights.to_json(),
            "n_readings": self.n_readings,
            "loo_mae_total": self.loo_mae_total,
            "loo_mae_default_total": self.loo_mae_default_total,
            "loo_mae_pillars": dict(self.loo_mae_pillars),
            "default_mae_pillars": dict(self.default_mae_pillars),
            "reason": self.reason,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Calibration:
        def optional(key: str) -> float | None:
            return None if data.get(key) is None else float(data[key])

        weights = data.get("weights")
        return cls(
            weights=None if weights is None else EstimateWeights.from_json(weights),
            n_readings=int(data["n_readings"]),
            loo_mae_total=optional("loo_mae_total"),
            loo_mae_default_total=optional("loo_mae_default_total"),
            loo_mae_pillars={k: float(v) for k, v in data.get("loo_mae_pillars", {}).items()},
            default_mae_pillars={
                k: float(v) for k, v in data.get("default_mae_pillars", {}).items()
            },
            reason=data.get("reason"),
        )


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
    activity_pillars: Mapping[str, str] = DEFAULT_PILLARS,
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

    def mae(predictions: Mapping[str, list[float]], keys: Sequence[str]) -> float:
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
    pillar: str,
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
