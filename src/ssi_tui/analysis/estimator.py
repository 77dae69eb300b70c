"""A fitted format model: per-format offsets plus an optional scikit-learn estimator.

Every model predicts a log ratio to the member's typical post as
    offset[format] + estimator(features)
where `offset` is the (recency-weighted) median log ratio of that format and the estimator,
when there is one, learns what text and timing add on top. The per-format median alone is
the baseline every estimator must beat.

Light to import: NumPy loads only when `log_ratios` runs (the analyzer reads a model without
an estimator through `offsets` alone).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

if TYPE_CHECKING:
    from ssi_tui.analysis.dataset import FloatArray

ModelKind: TypeAlias = Literal[
    "format-median", "level-format", "ridge", "gradient-boosting", "published"
]
"""How a format model predicts: the per-format median alone, the member's level with one
multiplier per format, a scikit-learn estimator on top of the medians, or the published
multipliers (no data at all)."""


@dataclass(frozen=True)
class ModelMetadata:
    """What a saved model says about itself (written beside it as JSON)."""

    kind: ModelKind
    sklearn_version: str
    data_hash: str
    created: str
    n_posts: int
    cv_mae: float | None = None
    """Mean absolute error of the log ratio in time-ordered cross-validation."""
    cv_spearman: float | None = None
    baseline_mae: float | None = None
    """The same scores for the per-format median, the baseline to beat."""
    baseline_spearman: float | None = None
    candidates: Mapping[str, Mapping[str, float]] = field(default_factory=dict)
    evaluation: Mapping[str, Any] = field(default_factory=dict)
    """Extra evaluation numbers (the prior's per-author Spearman, …)."""


@dataclass(frozen=True)
class FormatModel:
    """Predicts how a draft would do in each format, relative to a typical post."""

    kind: ModelKind
    """"format-median", "level-format", "ridge", "gradient-boosting", or "published" (no data
    at all)."""
    estimator: Any
    """A fitted scikit-learn regressor over `feature_names`, or None."""
    feature_names: tuple[str, ...]
    format_offsets: Mapping[str, float]
    format_counts: Mapping[str, int]
    residual_low: float
    """10th percentile of cross-validated residuals (log ratio): the low end of a range."""
    residual_high: float
    metadata: ModelMetadata
    scale: float | None = None
    """The member's typical engagement; None for the prior, which speaks in ratios only."""
    typical_weekday: int | None = None
    typical_hour: int | None = None
    latest_followers: float | None = None
    typical_features: Mapping[str, float] = field(default_factory=dict)
    """Median feature values of the training posts: the "usual post" reasons compare with."""

    @property
    def n_posts(self) -> int:
        return self.metadata.n_posts

    def offsets(self, formats: Sequence[str]) -> list[float]:
        """Each format's offset: the whole prediction of a model without an estimator."""
        return [self.format_offsets.get(name, 0.0) for name in formats]

    def log_ratios(self, rows: Sequence[Mapping[str, float]], formats: Sequence[str]) -> FloatArray:
        """Predicted log ratio for each (feature row, format) pair (as a NumPy array)."""
        import numpy as np

        from ssi_tui.analysis.dataset import matrix
        from ssi_tui.analysis.feature_rows import format_values

        offsets = np.array(self.offsets(formats))
        if self.estimator is None or not len(rows):
            return offsets
        pairs = zip(rows, formats, strict=True)
        x = matrix([{**row, **format_values(name)} for row, name in pairs], self.feature_names)
        return offsets + np.asarray(self.estimator.predict(x), dtype=np.float64)
