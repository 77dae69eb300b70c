"""Predicting a draft's engagement per format, blending the member's model with the prior.

For each format the member's model counts `blend.user_weight(...)` and the prior the rest. Log
ratios and their residual ranges are blended with that weight, then turned into engagements on
the member's scale: (typical + 1) · exp(log ratio) − 1.

Where every format's weight is 1 (the member's model alone speaks) the prior counts for
nothing, so it is not even loaded: `predict` takes it as a model or as a function that loads
it, called only when some format leans on it. A model without an estimator predicts in plain
Python; NumPy and scikit-learn load only for one that has an estimator.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeAlias

from ssi_tui.analysis.blend import MIN_POSTS, Basis, basis_for, user_weight
from ssi_tui.analysis.estimator import FormatModel
from ssi_tui.analysis.feature_rows import TEXT_FEATURES, text_values, timing_values
from ssi_tui.analysis.features import DraftFeatures, analyze_text, features_json
from ssi_tui.analysis.prior import published_prior
from ssi_tui.analysis.reasons import explain
from ssi_tui.core.domain import POST_FORMATS, SUGGESTED_FORMATS, PostFormat
from ssi_tui.core.drafts import MIN_WORDS_FOR_A_SUGGESTION, EngagementUnit

PriorSource: TypeAlias = FormatModel | Callable[[], FormatModel] | None
"""The prior as `predict` takes it: a model, a function that loads one (called only when a
format leans on the prior), or None for the published multipliers."""


@dataclass(frozen=True)
class FormatPrediction:
    format: PostFormat
    engagement: float
    low: float
    high: float
    user_weight: float
    n_format_posts: int

    def figures(self) -> tuple[float, float, float]:
        """Engagement, low and high as every output shows them (`analyze --json`, the human
        output and the Drafts pane round from these, so they never disagree)."""
        return round(self.engagement, 1), round(self.low, 1), round(self.high, 1)


@dataclass(frozen=True)
class Prediction:
    """Engagement per format for one draft, the suggestion, and what it stands on."""

    features: DraftFeatures
    predictions: tuple[FormatPrediction, ...]
    suggestion: PostFormat | None
    """None for a draft of fewer than `MIN_WORDS_FOR_A_SUGGESTION` words: nothing to weigh."""
    reasons: tuple[str, ...]
    basis: Basis
    """"prior" (under 10 posts), "blend", or "user" (30+ posts, 5+ of the suggested format)."""
    n_posts: int
    unit: EngagementUnit
    """"engagements", or "× typical post" when the member has no measured post at all."""
    text_weighed: bool = True
    """False when the draft's text cannot move the ranking (a per-format model, fully
    trusted): the ranking is then the member's format history alone, and says so."""

    def to_json(self) -> dict[str, Any]:
        """The `analyze --json` object."""
        return {
            "features": features_json(self.features),
            "predictions": [
                {
                    "format": p.format,
                    "engagement": p.figures()[0],
                    "low": p.figures()[1],
                    "high": p.figures()[2],
                    "user_weight": round(p.user_weight, 2),
                    "n_format_posts": p.n_format_posts,
                }
                for p in self.predictions
            ],
            "suggestion": self.suggestion,
            "reasons": list(self.reasons),
            "basis": self.basis,
            "n_posts": self.n_posts,
            "unit": self.unit,
            "text_weighed": self.text_weighed,
        }


def predict(
    draft_text: str,
    at: datetime | None,
    formats: Sequence[PostFormat],
    user_model: FormatModel | None,
    prior_model: PriorSource,
    n_user_posts: int,
) -> Prediction:
    """Engagement of `draft_text` as each suggested format plus any requested one."""
    unknown = [name for name in formats if name not in POST_FORMATS]
    if unknown:
        raise ValueError(
            f"Unknown format {unknown[0]!r}: expected one of {', '.join(POST_FORMATS)}."
        )
    wanted = list(dict.fromkeys([*SUGGESTED_FORMATS, *formats]))
    features = analyze_text(draft_text)
    rows = _rows(features, at, user_model)
    counts = dict(user_model.format_counts) if user_model else {}
    weights = [
        user_weight(n_user_posts, counts.get(name, 0)) if user_model else 0.0 for name in wanted
    ]
    if user_model is not None and user_model.kind == "level-format":
        # Its fit already leaned each format with few posts on the prior's multiplier: from
        # MIN_POSTS on, it speaks for every format (blending again would count the prior twice).
        weights = [1.0 if n_user_posts >= MIN_POSTS else 0.0 for _ in wanted]
    prior = _prior(prior_model) if any(w < 1 for w in weights) else None
    if prior is not None:
        centre = _mix_centre(prior, counts)
        prior_lr = [value - centre for value in _log_ratios(prior, rows[0], wanted)]
        prior_low, prior_high = prior.residual_low, prior.residual_high
    else:  # every weight is 1: the prior's share, (1 − w) of it, is nothing
        prior_lr, prior_low, prior_high = [0.0] * len(wanted), 0.0, 0.0
    user_lr = _log_ratios(user_model, rows[1], wanted) if user_model else prior_lr
    scale = user_model.scale if user_model else None
    own_low, own_high = (
        (user_model.residual_low, user_model.residual_high) if user_model else (0, 0)
    )
    predictions = []
    for index, name in enumerate(wanted):
        w = weights[index]
        center = w * user_lr[index] + (1 - w) * prior_lr[index]
        low = center + w * own_low + (1 - w) * prior_low
        high = center + w * own_high + (1 - w) * prior_high
        predictions.append(
            FormatPrediction(
                name,
                _scaled(center, scale),
                _scaled(low, scale),
                _scaled(high, scale),
                w,
                counts.get(name, 0),
            )
        )
    best = max(predictions, key=lambda p: p.engagement)
    basis = basis_for(n_user_posts, weights, best.user_weight)
    moment = at or _typical_moment(user_model)
    text_weighed = any(
        (w > 0 and _reads_text(user_model)) or (w < 1 and _reads_text(prior)) for w in weights
    )
    if features.words < MIN_WORDS_FOR_A_SUGGESTION:
        reasons = [
            f"A draft of {features.words} word{'s' if features.words != 1 else ''} gives "
            f"nothing to weigh: write at least {MIN_WORDS_FOR_A_SUGGESTION} for a suggestion."
        ]
    else:
        reasons = explain(
            features, moment, rows, best, predictions, basis, n_user_posts, user_model, prior
        )
        if not text_weighed:
            reasons.insert(
                0,
                "The text does not change this ranking: it comes from your format history alone.",
            )
    return Prediction(
        features=features,
        predictions=tuple(predictions),
        suggestion=best.format if features.words >= MIN_WORDS_FOR_A_SUGGESTION else None,
        reasons=tuple(reasons),
        basis=basis,
        n_posts=n_user_posts,
        unit="engagements" if scale is not None else "× typical post",
        text_weighed=text_weighed,
    )


def _prior(source: PriorSource) -> FormatModel:
    """The prior itself: loaded now when `source` is the function that loads it."""
    if source is None:
        return published_prior()
    return source if isinstance(source, FormatModel) else source()


def _log_ratios(
    model: FormatModel, row: Mapping[str, float], formats: Sequence[str]
) -> list[float]:
    """The model's log ratio for `row` as each format: its offsets alone, in plain Python,
    when it has no estimator (the same numbers NumPy would add up)."""
    if model.estimator is None:
        return model.offsets(formats)
    return [float(value) for value in model.log_ratios([row] * len(formats), formats)]


def _mix_centre(prior: FormatModel, counts: Mapping[str, int]) -> float:
    """The prior's multiplier of the member's own format mix: subtracted from the prior's
    figures, so that a format the member rarely uses is judged against the member's usual
    post, not against a generic mix of formats (which let one rare format jump over the
    member's proven ones)."""
    known = {name: n for name, n in counts.items() if name in prior.format_offsets and n > 0}
    total = sum(known.values())
    if not total:
        return 0.0
    return sum(n * prior.format_offsets[name] for name, n in known.items()) / total


def _reads_text(model: FormatModel | None) -> bool:
    """Whether a model's estimate moves with the draft's text (a per-format median does not)."""
    return (
        model is not None
        and model.estimator is not None
        and any(name in TEXT_FEATURES for name in model.feature_names)
    )


def _rows(
    features: DraftFeatures, at: datetime | None, user_model: FormatModel | None
) -> tuple[dict[str, float], dict[str, float]]:
    """Feature rows for the prior (text only) and for the member's model (text, timing, account)."""
    text = text_values(features)
    user = dict(text)
    if at is not None:
        user |= timing_values(at)
    elif (
        user_model
        and user_model.typical_weekday is not None
        and user_model.typical_hour is not None
    ):
        # 1 January 2024 was a Monday: this picks the member's usual weekday and hour.
        user |= timing_values(
            datetime(2024, 1, 1 + user_model.typical_weekday, user_model.typical_hour)
        )
    followers = user_model.latest_followers if user_model else None
    user |= {"log_followers": math.log1p(followers or 0), "age_years": 0.0}
    return text, user


def _scaled(log_ratio: float, scale: float | None) -> float:
    if scale is None:
        return math.exp(log_ratio)
    return max(0.0, (scale + 1) * math.exp(log_ratio) - 1)


def _typical_moment(user_model: FormatModel | None) -> datetime | None:
    """The member's usual weekday and hour (1 January 2024 was a Monday), for undated drafts."""
    if user_model is None or user_model.typical_weekday is None or user_model.typical_hour is None:
        return None
    return datetime(2024, 1, 1 + user_model.typical_weekday, user_model.typical_hour)
