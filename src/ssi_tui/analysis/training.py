"""Fitting the member's format model, chosen by time-ordered cross-validation (heavy).

Candidates go from simple to less simple: the per-format median (the baseline), a ridge
regression, then gradient-boosted trees. Folds are an expanding window (train on the past,
test on the next posts), as the model will be used. A less simple candidate is kept only when
its cross-validated error of the log ratio is at least `IMPROVEMENT` lower than the one kept so
far, so a model that merely matches the baseline never replaces it.
"""

from __future__ import annotations

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
from ssi_tui.analysis.estimator import FormatModel, ModelMetadata
from ssi_tui.core.domain import POST_FORMATS

CANDIDATES: Final = ("format-median", "ridge", "gradient-boosting")
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


def weighted_median(values: FloatArray, weights: FloatArray) -> float:
    order = np.argsort(values)
    cumulative = np.cumsum(weights[order])
    return float(values[order][np.searchsorted(cumulative, cumulative[-1] / 2)])


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


def fit_estimator(kind: str, x: FloatArray, residual: FloatArray, weights: FloatArray) -> Any:
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


def cross_validate(
    kind: str, data: TrainingSet, x: FloatArray, folds: Sequence[tuple[IntArray, IntArray]]
) -> CvScore:
    errors, rhos = [], []
    for train, test in folds:
        train_formats = [data.formats[i] for i in train]
        offsets = format_offsets(train_formats, data.target[train], data.weights[train])
        residual = data.target[train] - predict_with(None, offsets, train_formats, x[train])
        estimator = fit_estimator(kind, x[train], residual, data.weights[train])
        predicted = predict_with(estimator, offsets, [data.formats[i] for i in test], x[test])
        errors.append(data.target[test] - predicted)
        rhos.append(spearman(predicted, data.target[test]))
    residuals = np.concatenate(errors)
    return CvScore(float(np.abs(residuals).mean()), float(np.mean(rhos)), residuals)


def train_user_model(
    rows: Iterable[Mapping[str, Any]], *, created: datetime | None = None
) -> FormatModel | None:
    """The member's model from their posts; None when no post has a date and an engagement."""
    import sklearn

    data = build_training_set(rows)
    if data is None:
        return None
    x = data.matrix(USER_FEATURES)
    scores: dict[str, CvScore] = {}
    kind = "format-median"
    if data.size >= MIN_POSTS_FOR_CV:
        folds = time_folds(data.size)
        allowed = CANDIDATES if data.size >= MIN_POSTS_FOR_BOOSTING else CANDIDATES[:2]
        for candidate in allowed:
            scores[candidate] = cross_validate(candidate, data, x, folds)
            if scores[candidate].mae < scores[kind].mae * (1 - IMPROVEMENT):
                kind = candidate
    offsets = format_offsets(data.formats, data.target, data.weights)
    residual = data.target - predict_with(None, offsets, data.formats, x)
    estimator = fit_estimator(kind, x, residual, data.weights)
    low, high = _residual_range(scores[kind].residuals if kind in scores else residual, data.size)
    chosen, baseline = scores.get(kind), scores.get("format-median")
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
    )
    typical = {name: float(np.median(x[:, USER_FEATURES.index(name)])) for name in TEXT_FEATURES}
    typical |= timing_values(datetime(2024, 1, 1 + data.typical_weekday, data.typical_hour))
    return FormatModel(
        kind=kind,
        estimator=estimator,
        feature_names=USER_FEATURES,
        format_offsets=offsets,
        format_counts=dict(Counter(data.formats)),
        residual_low=low,
        residual_high=high,
        metadata=metadata,
        scale=data.scale,
        typical_weekday=data.typical_weekday,
        typical_hour=data.typical_hour,
        latest_followers=data.latest_followers,
        typical_features=typical,
    )


def _residual_range(residuals: FloatArray, size: int) -> tuple[float, float]:
    if size < 5:
        return DEFAULT_RESIDUALS
    low, high = np.quantile(residuals, [0.1, 0.9])
    return round(float(min(low, -0.1)), 4), round(float(max(high, 0.1)), 4)
