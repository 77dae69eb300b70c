"""Fitting the member's format model, chosen by time-ordered cross-validation (heavy).

The product ranks formats, so candidates are judged on ranking: in expanding-window folds
(train on the past, test on the next posts, as the model will be used) each one's Spearman
correlation with what the test posts got, and whether its top format was the format that did
best there. The per-format median is the default; another candidate is kept only when it wins
clearly against it on the same folds: its mean Spearman higher by more than
`CLEAR_WIN_STANDARD_ERRORS` paired standard errors, and its hit rate not lower. Candidates:
the joint level-and-format model (`level_model.py`, shrunk toward the prior's multipliers), a
ridge regression and gradient-boosted trees over the draft's text and timing.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from ssi_tui.analysis.dataset import (
    TEXT_FEATURES,
    USER_FEATURES,
    FloatArray,
    TrainingSet,
    build_training_set,
    timing_values,
)
from ssi_tui.analysis.estimator import FormatModel, ModelKind, ModelMetadata
from ssi_tui.analysis.level_model import LevelFormatModel, fit_level_model
from ssi_tui.core.domain import POST_FORMATS

CANDIDATES: Final[tuple[ModelKind, ...]] = (
    "format-median",
    "level-format",
    "ridge",
    "gradient-boosting",
)
BASELINE: Final[ModelKind] = "format-median"
CLEAR_WIN_STANDARD_ERRORS: Final = 2.0
"""How many paired standard errors a candidate's Spearman must beat the median's by."""
MIN_POSTS_FOR_CV: Final = 20
MIN_POSTS_FOR_BOOSTING: Final = 60
MAX_FOLDS: Final = 5
IMPROVEMENT: Final = 0.02
DEFAULT_RESIDUALS: Final = (-0.7, 0.7)
"""A range of ½× to 2× when there is too little data to measure one."""
IntArray = npt.NDArray[np.intp]


@dataclass(frozen=True)
class CvScore:
    mae: float
    spearman: float
    residuals: FloatArray
    fold_spearman: tuple[float, ...] = ()
    fold_hits: tuple[float, ...] = ()
    """1 where the candidate's top format was the one that did best in the fold, else 0."""

    @property
    def hit_rate(self) -> float:
        return float(np.mean(self.fold_hits)) if self.fold_hits else 0.0


@dataclass(frozen=True)
class Comparison:
    """A candidate against the per-format median on the same folds (paired)."""

    delta_spearman: float
    se_spearman: float
    delta_hit: float
    better: int
    worse: int

    @property
    def clear_win(self) -> bool:
        margin = CLEAR_WIN_STANDARD_ERRORS * self.se_spearman
        return self.delta_spearman > margin and self.delta_spearman > 0 and self.delta_hit >= 0


def compare(candidate: CvScore, baseline: CvScore) -> Comparison:
    deltas = np.array(candidate.fold_spearman) - np.array(baseline.fold_spearman)
    hits = np.array(candidate.fold_hits) - np.array(baseline.fold_hits)
    se = float(np.std(deltas, ddof=1) / math.sqrt(len(deltas))) if len(deltas) > 1 else 0.0
    return Comparison(
        delta_spearman=float(deltas.mean()) if len(deltas) else 0.0,
        se_spearman=se,
        delta_hit=float(hits.mean()) if len(hits) else 0.0,
        better=int((deltas > 1e-9).sum()),
        worse=int((deltas < -1e-9).sum()),
    )


def weighted_median(values: FloatArray, weights: FloatArray) -> float:
    """The weighted median; between the two middle values when the weights split evenly
    (the lower middle alone made an even group's median too low)."""
    from ssi_tui.analysis.level_model import weighted_median as true_median

    return float(true_median(values, weights))


def ranks(values: FloatArray) -> FloatArray:
    """Ranks with ties sharing their average rank (as Spearman's rho needs)."""
    _, inverse, counts = np.unique(values, return_inverse=True, return_counts=True)
    starts = np.cumsum(counts) - counts
    return np.asarray((starts + (counts - 1) / 2)[inverse], dtype=np.float64)


def spearman(predicted: FloatArray, actual: FloatArray) -> float:
    """Spearman's rho; 0 when either side is constant (no ranking information)."""
    if len(actual) < 2:
        return 0.0
    a, b = (
        ranks(np.asarray(predicted, dtype=np.float64)),
        ranks(np.asarray(actual, dtype=np.float64)),
    )
    if a.std() == 0 or b.std() == 0:
        return 0.0
    return float(np.corrcoef(a, b)[0, 1])


def format_offsets(
    formats: Sequence[str], target: FloatArray, weights: FloatArray
) -> dict[str, float]:
    """Recency-weighted median log ratio of each format present."""
    names = np.array(formats)
    return {
        name: weighted_median(target[names == name], weights[names == name])
        for name in POST_FORMATS
        if (names == name).any()
    }


def fit_estimator(kind: ModelKind, x: FloatArray, residual: FloatArray, weights: FloatArray) -> Any:
    """The candidate's regressor fitted on what the per-format offsets leave unexplained."""
    if kind == "format-median":
        return None
    if kind == "ridge":
        from sklearn.linear_model import RidgeCV
        from sklearn.pipeline import Pipeline
        from sklearn.preprocessing import StandardScaler

        ridge = Pipeline(
            [("scale", StandardScaler()), ("ridge", RidgeCV(alphas=(1.0, 10.0, 100.0, 1000.0)))]
        )
        return ridge.fit(x, residual, ridge__sample_weight=weights)
    from sklearn.ensemble import HistGradientBoostingRegressor

    boosting = HistGradientBoostingRegressor(
        max_iter=80,
        learning_rate=0.05,
        max_leaf_nodes=8,
        min_samples_leaf=20,
        l2_regularization=1.0,
        random_state=0,
    )
    return boosting.fit(x, residual, sample_weight=weights)


def time_folds(size: int) -> list[tuple[IntArray, IntArray]]:
    """Expanding-window folds over posts sorted by time."""
    from sklearn.model_selection import TimeSeriesSplit

    splits = min(MAX_FOLDS, size // 10)
    return [(train, test) for train, test in TimeSeriesSplit(n_splits=splits).split(np.zeros(size))]


def predict_with(
    estimator: Any, offsets: Mapping[str, float], formats: Sequence[str], x: FloatArray
) -> FloatArray:
    """Per-format offsets plus what the estimator (if any) adds."""
    base = np.array([offsets.get(name, 0.0) for name in formats])
    return base if estimator is None else base + np.asarray(estimator.predict(x), dtype=np.float64)


def _fold_hit(formats: Sequence[str], predicted: FloatArray, actual: FloatArray) -> float:
    """1 when the format predicted best among those in the fold is the one that did best."""
    names = sorted(set(formats))
    if len(names) < 2:
        return 0.0
    chosen = np.array(formats)
    best_predicted = max(names, key=lambda n: float(predicted[chosen == n].mean()))
    best_actual = max(names, key=lambda n: float(np.median(actual[chosen == n])))
    return 1.0 if best_predicted == best_actual else 0.0


def cross_validate(
    kind: ModelKind,
    data: TrainingSet,
    x: FloatArray,
    folds: Sequence[tuple[IntArray, IntArray]],
    shrink_toward: Mapping[str, float] | None = None,
) -> CvScore:
    errors, rhos, hits = [], [], []
    for train, test in folds:
        test_formats = [data.formats[i] for i in test]
        if kind == "level-format":
            fitted = fit_level(data, train, shrink_toward)
            predicted = np.array([fitted.log_multiplier(name) for name in test_formats])
            actual = np.log1p(np.array([data.engagement[i] for i in test]))
            errors.append(actual - (fitted.current_level + predicted))
        else:
            train_formats = [data.formats[i] for i in train]
            offsets = format_offsets(train_formats, data.target[train], data.weights[train])
            residual = data.target[train] - predict_with(None, offsets, train_formats, x[train])
            estimator = fit_estimator(kind, x[train], residual, data.weights[train])
            predicted = predict_with(estimator, offsets, test_formats, x[test])
            errors.append(data.target[test] - predicted)
        rhos.append(spearman(predicted, data.target[test]))
        hits.append(_fold_hit(test_formats, predicted, data.target[test]))
    residuals = np.concatenate(errors)
    return CvScore(
        float(np.abs(residuals).mean()),
        float(np.mean(rhos)),
        residuals,
        tuple(rhos),
        tuple(hits),
    )


def fit_level(
    data: TrainingSet, rows: IntArray | None, shrink_toward: Mapping[str, float] | None
) -> LevelFormatModel:
    """The level-and-format model on the posts `rows` (all when None)."""
    chosen = range(data.size) if rows is None else rows
    return fit_level_model(
        [data.times[i] for i in chosen],
        [data.formats[i] for i in chosen],
        [data.engagement[i] for i in chosen],
        shrink_toward=shrink_toward,
    )


def train_user_model(
    rows: Iterable[Mapping[str, Any]],
    *,
    created: datetime | None = None,
    shrink_toward: Mapping[str, float] | None = None,
) -> FormatModel | None:
    """The member's model from their posts; None when no post has a date and an engagement.

    `shrink_toward` (format → log multiplier, the prior's by default) is where the
    level-and-format model leans a format with few posts.
    """
    import sklearn

    data = build_training_set(rows)
    if data is None:
        return None
    if shrink_toward is None:
        from ssi_tui.analysis.prior import shipped_prior

        shrink_toward = dict(shipped_prior().format_offsets)
    x = data.matrix(USER_FEATURES)
    scores: dict[ModelKind, CvScore] = {}
    comparisons: dict[ModelKind, Comparison] = {}
    kind = BASELINE
    if data.size >= MIN_POSTS_FOR_CV:
        folds = time_folds(data.size)
        allowed = [
            name
            for name in CANDIDATES
            if name != "gradient-boosting" or data.size >= MIN_POSTS_FOR_BOOSTING
        ]
        for candidate in allowed:
            scores[candidate] = cross_validate(candidate, data, x, folds, shrink_toward)
        for candidate in allowed[1:]:
            comparisons[candidate] = compare(scores[candidate], scores[BASELINE])
        winners = [name for name, c in comparisons.items() if c.clear_win]
        if winners:
            kind = max(winners, key=lambda name: comparisons[name].delta_spearman)
    weights = np.ones(data.size)  # recency weighting cost more than it brought (issue 16)
    offsets = format_offsets(data.formats, data.target, weights)
    counts = dict(Counter(data.formats))
    scale = data.scale
    estimator = None
    if kind == "level-format":
        fitted = fit_level(data, None, shrink_toward)
        offsets = {
            **fitted.unseen_targets,
            **{name: effect.log_multiplier for name, effect in fitted.effects.items()},
        }
        scale = fitted.current_engagement
    else:
        residual = data.target - predict_with(None, offsets, data.formats, x)
        estimator = fit_estimator(kind, x, residual, weights)
    in_sample = data.target - predict_with(None, offsets, data.formats, x)
    low, high = _residual_range(scores[kind].residuals if kind in scores else in_sample, data.size)
    chosen, baseline = scores.get(kind), scores.get(BASELINE)
    metadata = ModelMetadata(
        kind=kind,
        sklearn_version=sklearn.__version__,
        data_hash=data.data_hash,
        created=(created or datetime.now()).isoformat(timespec="seconds"),
        n_posts=data.size,
        cv_mae=round(chosen.mae, 4) if chosen else None,
        cv_spearman=round(chosen.spearman, 4) if chosen else None,
        baseline_mae=round(baseline.mae, 4) if baseline else None,
        baseline_spearman=round(baseline.spearman, 4) if baseline else None,
        candidates={
            name: {"mae": round(s.mae, 4), "spearman": round(s.spearman, 4)}
            for name, s in scores.items()
        },
        evaluation={"selection": selection_table(scores, comparisons, kind)} if scores else {},
    )
    typical = {name: float(np.median(x[:, USER_FEATURES.index(name)])) for name in TEXT_FEATURES}
    typical |= timing_values(datetime(2024, 1, 1 + data.typical_weekday, data.typical_hour))
    return FormatModel(
        kind=kind,
        estimator=estimator,
        feature_names=USER_FEATURES,
        format_offsets=offsets,
        format_counts=counts,
        residual_low=low,
        residual_high=high,
        metadata=metadata,
        scale=scale,
        typical_weekday=data.typical_weekday,
        typical_hour=data.typical_hour,
        latest_followers=data.latest_followers,
        typical_features=typical,
    )


def selection_table(
    scores: Mapping[ModelKind, CvScore],
    comparisons: Mapping[ModelKind, Comparison],
    kept: ModelKind,
) -> dict[str, dict[str, float]]:
    """Each candidate's ranking scores and its paired comparison with the median, as
    `model train --json` and the saved model show them (numbers only)."""
    table: dict[str, dict[str, float]] = {}
    for name, score in scores.items():
        row = {
            "spearman": round(score.spearman, 4),
            "hit_rate": round(score.hit_rate, 4),
            "folds": float(len(score.fold_spearman)),
            "kept": 1.0 if name == kept else 0.0,
        }
        if name in comparisons:
            c = comparisons[name]
            row |= {
                "delta_spearman": round(c.delta_spearman, 4),
                "paired_se": round(c.se_spearman, 4),
                "delta_hit_rate": round(c.delta_hit, 4),
                "better_folds": float(c.better),
                "worse_folds": float(c.worse),
            }
        table[name] = row
    return table


def _residual_range(residuals: FloatArray, size: int) -> tuple[float, float]:
    if size < 5:
        return DEFAULT_RESIDUALS
    low, high = np.quantile(residuals, [0.1, 0.9])
    return round(float(min(low, -0.1)), 4), round(float(max(high, 0.1)), 4)
