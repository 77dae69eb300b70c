"""The member's engagement level over time, fitted jointly with one multiplier per format
(heavy: imports NumPy and SciPy).

Why: a member's engagement drifts (followers grow, a topic lands, the feed changes), and the
formats they use drift too. A per-format median over the whole history then credits a format
with the level of the months it was used in: the member who moved from images to video while
their audience doubled sees "video ×2" although video did nothing. Estimating each format
relative to the level *at the time of each post* removes that confusion.

The model, for post i published at time t_i in format f_i, with y_i = log(1 + engagement):

    y_i = L_i + b[f_i] + e_i

- L_i, the level, is a random walk in post order: its steps cost `λ / g_i`, where g_i is the gap
  to the previous post in units of the member's typical gap (clipped to `GAP_RANGE`), so the
  level may move further over a long pause. λ comes from `LevelSettings.window`, the number of
  posts an exponentially weighted average of the same steadiness would span.
- b[f] is the format's log multiplier, pulled toward a target by `shrink_posts` pseudo-posts:
  toward 0 (the member's own level) by default, or toward `shrink_toward[f]` (pooled or
  published multipliers, re-centred on the member's format mix). With the default 5, a format
  with 2 posts moves about 2/7 of the way its posts suggest, so two lucky posts do not outrank
  a format proven by dozens unless they beat it by far (2 posts at 1.8× stay below 36 at 1.5×).
- e_i is noise; with `robust` the fit is repeated with Huber weights, so one viral post moves
  neither the level nor its format much.

All of it is one penalised least-squares problem, solved exactly: the level is eliminated
through a banded (tridiagonal) Cholesky solve with one right-hand side per format, leaving a
small system for the multipliers. After the fit the multipliers are shifted so that their
post-weighted mean is 0 (the level takes the shift; predictions do not change): the level is
"the member's usual post", and b[f] is how much better or worse format f does than that.

Prediction for a draft at time t: L(t) + b[f], where L(t) is interpolated between posts and
flat after the last one (a random walk's best forecast is where it stands). Pure NumPy/SciPy.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any, Final

import numpy as np
import numpy.typing as npt
from scipy.linalg import solveh_banded

FloatArray = npt.NDArray[np.float64]

GAP_RANGE: Final = (0.25, 10.0)
"""Steps after a pause may be up to 10× as large as usual; same-day posts still move a little."""
HUBER_K: Final = 1.345
"""Huber's constant: 95% efficiency when the noise really is normal."""
ROBUST_ROUNDS: Final = 6
"""Huber re-weighting rounds at most: on the influencers' histories, 4–6 rounds, and running to
convergence moves no multiplier or level by more than 0.01 (log)."""
EPOCH: Final = datetime(1970, 1, 1)


@dataclass(frozen=True)
class LevelSettings:
    """How steady the level is and how hard small formats lean on their target."""

    window: float | None = 20.0
    """Posts an equally steady moving average would span; None holds the level constant."""
    shrink_posts: float = 5.0
    """Pseudo-posts at the shrink target that each format's multiplier starts from."""
    robust: bool = True
    """Down-weight outliers (Huber) so one viral post does not move the level."""


@dataclass(frozen=True)
class FormatEffect:
    """One format's multiplier on the member's level."""

    format: str
    log_multiplier: float
    n_posts: int
    standard_error: float
    """Of `log_multiplier`, from the penalised fit (shrinkage narrows it)."""

    @property
    def multiplier(self) -> float:
        return math.exp(self.log_multiplier)


@dataclass(frozen=True)
class LevelFormatModel:
    """A fitted level path and format multipliers; see the module docstring."""

    times: FloatArray
    """Post times in days since 1970, oldest first."""
    levels: FloatArray
    """log(1 + engagement) of the member's usual post at each of `times`."""
    effects: Mapping[str, FormatEffect]
    unseen_targets: Mapping[str, float]
    """Log multipliers for formats absent from the history (their shrink target)."""
    residual_scale: float
    """Robust spread (1.4826 × MAD) of log(1 + engagement) around level + multiplier."""
    settings: LevelSettings

    @property
    def current_level(self) -> float:
        """log(1 + engagement) of the member's usual post at the last post."""
        return float(self.levels[-1])

    @property
    def current_engagement(self) -> float:
        return math.expm1(self.current_level)

    def level_at(self, when: float | datetime | None = None) -> float:
        """The level at `when` (days or datetime); the current level when None or later."""
        if when is None:
            return self.current_level
        return float(np.interp(as_days(when), self.times, self.levels))

    def log_multiplier(self, post_format: str) -> float:
        effect = self.effects.get(post_format)
        if effect is not None:
            return effect.log_multiplier
        return self.unseen_targets.get(post_format, 0.0)

    def predict_log(
        self, formats: Sequence[str], when: float | datetime | None = None
    ) -> list[float]:
        """log(1 + engagement) expected for each format at `when`."""
        level = self.level_at(when)
        return [level + self.log_multiplier(name) for name in formats]

    def predict_engagement(
        self, formats: Sequence[str], when: float | datetime | None = None
    ) -> list[float]:
        return [math.expm1(value) for value in self.predict_log(formats, when)]

    def ranking(self, formats: Sequence[str]) -> list[str]:
        """`formats` best first (the level cancels: only multipliers order them)."""
        return sorted(formats, key=lambda name: -self.log_multiplier(name))

    def summary(self) -> dict[str, Any]:
        """What a saved model needs to predict now: JSON-safe, no post-level data."""
        return {
            "kind": "level-format",
            "current_level": round(self.current_level, 6),
            "current_engagement": round(self.current_engagement, 3),
            "last_post_day": round(float(self.times[-1]), 4),
            "log_multipliers": {
                name: round(e.log_multiplier, 6) for name, e in sorted(self.effects.items())
            },
            "standard_errors": {
                name: round(e.standard_error, 6) for name, e in sorted(self.effects.items())
            },
            "format_counts": {name: e.n_posts for name, e in sorted(self.effects.items())},
            "unseen_targets": {k: round(v, 6) for k, v in sorted(self.unseen_targets.items())},
            "residual_scale": round(self.residual_scale, 6),
            "settings": asdict(self.settings),
        }


def weighted_median(
    values: Sequence[float] | FloatArray, weights: Sequence[float] | FloatArray | None = None
) -> float:
    """The true (weighted) median: where the weight splits exactly in half, the mean of the two
    values either side, so an even group of equal weights gets the mean of its middle pair
    (`training.weighted_median` takes the lower one)."""
    ordered_index = np.argsort(np.asarray(values, dtype=np.float64), kind="stable")
    ordered = np.asarray(values, dtype=np.float64)[ordered_index]
    if not len(ordered):
        raise ValueError("the median of no values is undefined")
    mass = np.ones(len(ordered)) if weights is None else np.asarray(weights, dtype=np.float64)
    cumulative = np.cumsum(mass[ordered_index])
    half, tolerance = cumulative[-1] / 2, 1e-12 * cumulative[-1]
    index = int(np.searchsorted(cumulative, half - tolerance))
    if abs(cumulative[index] - half) <= tolerance and index + 1 < len(ordered):
        return float((ordered[index] + ordered[index + 1]) / 2)
    return float(ordered[index])


def as_days(when: float | datetime) -> float:
    """Days since 1970 from a number of days or a (naive or aware) datetime."""
    if isinstance(when, datetime):
        return (when.replace(tzinfo=None) - EPOCH).total_seconds() / 86_400
    return float(when)


def smoothness(window: float) -> float:
    """λ for a random-walk level whose steady Kalman gain equals an EWMA's over `window` posts.

    An EWMA of span w has gain K = 2 / (w + 1); a local-level model with signal-to-noise ratio
    q reaches the gain K = P / (P + 1) with P² = q (P + 1). The penalty is λ = 1 / q.
    """
    gain = 2.0 / (max(window, 1.0) + 1.0)
    predicted = gain / (1.0 - gain) if gain < 1.0 else 1e6
    return (predicted + 1.0) / predicted**2


def fit_level_model(
    times: Sequence[float | datetime],
    formats: Sequence[str],
    engagements: Sequence[float],
    *,
    shrink_toward: Mapping[str, float] | None = None,
    settings: LevelSettings | None = None,
) -> LevelFormatModel:
    """Fit the level path and the format multipliers to one member's posts (any order).

    `shrink_toward` maps formats to log multipliers on any common scale (only differences
    count); formats it leaves out, and every format when it is None, shrink toward the
    member's own level.
    """
    chosen = settings or LevelSettings()
    if not (len(times) == len(formats) == len(engagements)) or not len(times):
        raise ValueError("times, formats and engagements must be equally long and not empty")
    days = np.array([as_days(t) for t in times], dtype=np.float64)
    order = np.argsort(days, kind="stable")
    days = days[order]
    y = np.log1p(np.maximum(np.asarray(engagements, dtype=np.float64)[order], 0.0))
    names = sorted(set(formats))
    index = {name: i for i, name in enumerate(names)}
    column = np.array([index[formats[i]] for i in order], dtype=np.intp)
    counts = np.bincount(column, minlength=len(names))
    targets = _centred_targets(names, counts, shrink_toward)
    edges = _edge_penalties(days, chosen.window)
    shrink = max(chosen.shrink_posts, 1e-6)
    weights = np.ones_like(y)
    for _ in range(ROBUST_ROUNDS if chosen.robust else 1):
        levels, effects, precision = _solve(y, column, len(names), weights, edges, shrink, targets)
        residuals = y - levels - effects[column]
        scale = _robust_scale(residuals)
        updated = np.minimum(1.0, HUBER_K * scale / np.maximum(np.abs(residuals), 1e-12))
        if not chosen.robust or np.max(np.abs(updated - weights)) < 1e-3:
            break
        weights = updated
    shift = float(counts @ effects) / len(y)
    covariance = np.linalg.inv(precision)
    return LevelFormatModel(
        times=days,
        levels=levels + shift,
        effects={
            name: FormatEffect(
                name,
                float(effects[i] - shift),
                int(counts[i]),
                float(scale * math.sqrt(max(covariance[i, i], 0.0))),
            )
            for name, i in index.items()
        },
        unseen_targets={
            name: value - shift
            for name, value in _unseen_targets(names, counts, shrink_toward).items()
        },
        residual_scale=scale,
        settings=chosen,
    )


def _centred_targets(
    names: Sequence[str], counts: npt.NDArray[np.intp], shrink_toward: Mapping[str, float] | None
) -> FloatArray:
    """Shrink targets shifted so the member's own mix of targeted formats averages 0."""
    if not shrink_toward:
        return np.zeros(len(names))
    known = np.array([name in shrink_toward for name in names])
    raw = np.array([shrink_toward.get(name, 0.0) for name in names], dtype=np.float64)
    if not known.any():
        return np.zeros(len(names))
    centre = float(counts[known] @ raw[known]) / float(counts[known].sum())
    return np.where(known, raw - centre, 0.0)


def _unseen_targets(
    names: Sequence[str], counts: npt.NDArray[np.intp], shrink_toward: Mapping[str, float] | None
) -> dict[str, float]:
    """Targets of the formats never posted, on the same centring as `_centred_targets`."""
    if not shrink_toward:
        return {}
    seen = [i for i, name in enumerate(names) if name in shrink_toward]
    if not seen:
        return {}
    weight = float(sum(counts[i] for i in seen))
    centre = sum(counts[i] * shrink_toward[names[i]] for i in seen) / weight
    return {name: value - centre for name, value in shrink_toward.items() if name not in names}


def _edge_penalties(days: FloatArray, window: float | None) -> FloatArray | None:
    """λ / g for each step between consecutive posts; None for a constant level (or one post)."""
    if window is None or len(days) < 2:
        return None
    gaps = np.diff(days)
    positive = gaps[gaps > 0]
    typical = float(np.median(positive)) if positive.size else 1.0
    scaled = np.clip(gaps / typical, *GAP_RANGE) if positive.size else np.ones_like(gaps)
    return smoothness(window) / scaled


def _solve(
    y: FloatArray,
    column: npt.NDArray[np.intp],
    n_formats: int,
    weights: FloatArray,
    edges: FloatArray | None,
    shrink: float,
    targets: FloatArray,
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Levels, multipliers and the multipliers' precision (the level integrated out).

    Minimises Σ w (y − L − b[f])² + Σ edges · (ΔL)² + shrink · Σ (b − target)².
    """
    n = len(y)
    weighted_design = np.zeros((n, n_formats))
    weighted_design[np.arange(n), column] = weights
    right = np.column_stack([weights * y, weighted_design])
    if edges is None:  # one constant level: A = w'·1, so A⁻¹ spreads the sums evenly
        solved = np.broadcast_to(right.sum(axis=0) / weights.sum(), right.shape)
    else:
        banded = np.zeros((2, n))
        banded[1] = weights
        banded[1, 1:] += edges
        banded[1, :-1] += edges
        banded[0, 1:] = -edges
        solved = solveh_banded(banded, right, check_finite=False)
    per_format = np.bincount(column, weights=weights, minlength=n_formats)
    precision = np.diag(per_format + shrink) - weighted_design.T @ solved[:, 1:]
    precision = (precision + precision.T) / 2
    rhs = np.bincount(column, weights=weights * y, minlength=n_formats) + shrink * targets
    rhs -= weighted_design.T @ solved[:, 0]
    effects = np.linalg.solve(precision, rhs)
    levels = solved[:, 0] - solved[:, 1:] @ effects
    return levels, effects, precision


def _robust_scale(residuals: FloatArray) -> float:
    mad = float(np.median(np.abs(residuals - np.median(residuals))))
    if mad > 1e-9:
        return 1.4826 * mad
    spread = float(np.std(residuals))
    return spread if spread > 1e-9 else 1e-6
