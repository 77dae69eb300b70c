"""Posts → the numbers the format model learns from (heavy: imports NumPy).

Target: how a post did against the member's typical post at the time, as a log ratio
log((engagement + 1) / (reference + 1)), where the reference is the median engagement of the
`ROLLING_WINDOW` posts before it (the overall median for the first `MIN_PREVIOUS` posts).
Comparing a post to the same account's recent median removes audience size and growth, which
explain most raw engagement. The feature names and a draft's values are `feature_rows` (plain
Python, re-exported here).
"""

from __future__ import annotations

import hashlib
import json
import math
import statistics
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from ssi_tui.analysis.feature_rows import (
    FORMAT_FEATURES,
    PRIOR_FEATURES,
    TEXT_FEATURES,
    TIMING_FEATURES,
    USER_FEATURES,
    WEEKDAY_FEATURES,
    format_values,
    text_values,
    timing_values,
)
from ssi_tui.analysis.features import analyze_text
from ssi_tui.analysis.history import parse_published
from ssi_tui.core.post_stats import engagement_of

__all__ = [
    "FORMAT_FEATURES",
    "MIN_PREVIOUS",
    "MIN_WEIGHT",
    "PRIOR_FEATURES",
    "RECENCY_HALF_LIFE_YEARS",
    "ROLLING_WINDOW",
    "TEXT_FEATURES",
    "TIMING_FEATURES",
    "USER_FEATURES",
    "WEEKDAY_FEATURES",
    "FloatArray",
    "TrainingSet",
    "build_training_set",
    "format_values",
    "log_ratio",
    "matrix",
    "text_values",
    "timing_values",
]

FloatArray = npt.NDArray[np.float64]

ROLLING_WINDOW: Final = 20
MIN_PREVIOUS: Final = 3
RECENCY_HALF_LIFE_YEARS: Final = 1.0
"""Format effects drift by year, so a post a year old counts half as much as today's."""
MIN_WEIGHT: Final = 0.05


def log_ratio(engagement: float, reference: float) -> float:
    """How a post did against a reference engagement (+1 keeps zero-engagement posts finite)."""
    return math.log((max(engagement, 0.0) + 1.0) / (max(reference, 0.0) + 1.0))


def matrix(rows: Sequence[Mapping[str, float]], names: Sequence[str]) -> FloatArray:
    """Rows of named values → a float matrix in `names` order (missing names are 0)."""
    return np.array([[row.get(name, 0.0) for name in names] for row in rows], dtype=np.float64)


@dataclass(frozen=True)
class TrainingSet:
    """The member's measured posts, oldest first, ready for cross-validation."""

    features: tuple[dict[str, float], ...]
    formats: tuple[str, ...]
    target: FloatArray
    weights: FloatArray
    scale: float
    """The member's typical engagement now: median of the last `ROLLING_WINDOW` posts."""
    typical_weekday: int
    typical_hour: int
    latest_followers: float | None
    data_hash: str
    times: tuple[datetime, ...] = ()
    """When each post was published (the level-and-format model follows the level in time)."""
    engagement: tuple[float, ...] = ()
    """Each post's engagement as measured."""

    @property
    def size(self) -> int:
        return len(self.formats)

    def matrix(self, names: Sequence[str]) -> FloatArray:
        return matrix(self.features, names)


def build_training_set(rows: Iterable[Mapping[str, Any]]) -> TrainingSet | None:
    """Posts with a date and an engagement → a training set; None when there are none."""
    posts = []
    for row in rows:
        published, measured = parse_published(row.get("published_at")), engagement_of(row)
        if published is not None and measured is not None:
            posts.append((published, row, float(measured)))
    if not posts:
        return None
    posts.sort(key=lambda item: item[0])
    engagement = [item[2] for item in posts]
    reference = _rolling_reference(engagement)
    latest = posts[-1][0]
    followers = _filled_followers([item[1].get("followers") for item in posts])
    text_cache: dict[str, dict[str, float]] = {}
    features, formats = [], []
    for (published, row, _), follower_count in zip(posts, followers, strict=True):
        raw_text = row.get("text")
        text = raw_text if isinstance(raw_text, str) else ""
        if text not in text_cache:
            text_cache[text] = text_values(analyze_text(text))
        post_format = str(row.get("format") or "unknown")
        formats.append(post_format)
        age = min(max((latest - published).days / 365.25, 0.0), 10.0)
        features.append(
            text_cache[text]
            | format_values(post_format)
            | timing_values(published)
            | {"log_followers": math.log1p(follower_count or 0), "age_years": age}
        )
    ages = np.array([row["age_years"] for row in features])
    recent = posts[-50:]
    return TrainingSet(
        features=tuple(features),
        formats=tuple(formats),
        target=np.array([log_ratio(e, r) for e, r in zip(engagement, reference, strict=True)]),
        weights=np.maximum(0.5 ** (ages / RECENCY_HALF_LIFE_YEARS), MIN_WEIGHT),
        scale=float(statistics.median(engagement[-ROLLING_WINDOW:])),
        typical_weekday=Counter(item[0].weekday() for item in recent).most_common(1)[0][0],
        typical_hour=round(statistics.median(item[0].hour for item in recent)),
        latest_followers=followers[-1],
        data_hash=_data_hash(posts),
        times=tuple(item[0] for item in posts),
        engagement=tuple(engagement),
    )


def _rolling_reference(engagement: Sequence[float]) -> list[float]:
    overall = statistics.median(engagement)
    return [
        statistics.median(engagement[max(0, i - ROLLING_WINDOW) : i])
        if i >= MIN_PREVIOUS
        else overall
        for i in range(len(engagement))
    ]


def _filled_followers(values: Sequence[Any]) -> list[float | None]:
    """Follower counts carried forward (then backward) over posts where they are unknown."""
    known: list[float | None] = []
    for value in values:
        try:
            number = float(value) if value not in (None, "") else None
        except (TypeError, ValueError):
            number = None
        known.append(number if number is not None and math.isfinite(number) else None)
    filled, last = [], None
    for number in known:
        last = number if number is not None else last
        filled.append(last)
    first = next((number for number in known if number is not None), None)
    return [first if number is None else number for number in filled]


def _data_hash(posts: Sequence[tuple[datetime, Mapping[str, Any], float]]) -> str:
    """Identifies the training data without storing it (texts enter as their own hashes)."""
    summary = [
        [
            published.isoformat(),
            str(row.get("format")),
            engagement,
            hashlib.sha256(str(row.get("text") or "").encode("utf-8", "replace")).hexdigest()[:16],
        ]
        for published, row, engagement in posts
    ]
    return hashlib.sha256(json.dumps(summary).encode()).hexdigest()
