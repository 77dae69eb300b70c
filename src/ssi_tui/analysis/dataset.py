"""Posts → the numbers the format model learns from (heavy: imports NumPy).

Target: how a post did against the member's typical post at the time, as a log ratio
log((engagement + 1) / (reference + 1)), where the reference is the median engagement of the
`ROLLING_WINDOW` posts before it (the overall median for the first `MIN_PREVIOUS` posts).
Comparing a post to the same account's recent median removes audience size and growth, which
explain most raw engagement.
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

from ssi_tui.analysis.features import DraftFeatures, analyze_text
from ssi_tui.analysis.history import parse_published
from ssi_tui.core.domain import POST_FORMATS
from ssi_tui.core.post_stats import engagement_of

FloatArray = npt.NDArray[np.float64]

TEXT_FEATURES: Final = (
    "has_text",
    "log_characters",
    "length_sweet_spot",
    "words_per_sentence",
    "readability",
    "questions",
    "ends_with_question",
    "call_to_action",
    "hashtags",
    "mentions",
    "links",
    "emoji",
    "unicode_bold",
    "line_breaks",
    "list_items",
    "sentiment",
)
FORMAT_FEATURES: Final = tuple(f"format_{name}" for name in POST_FORMATS)
WEEKDAY_FEATURES: Final = tuple(f"weekday_{day}" for day in range(7))
TIMING_FEATURES: Final = (*WEEKDAY_FEATURES, "hour_sin", "hour_cos")
USER_FEATURES: Final = (
    *TEXT_FEATURES,
    *FORMAT_FEATURES,
    *TIMING_FEATURES,
    "log_followers",
    "age_years",
)
"""What the member's own model sees: text, format, timing, account size, recency."""
PRIOR_FEATURES: Final = TEXT_FEATURES
"""The public posts carry no timing, and audience size cancels out in the target."""

ROLLING_WINDOW: Final = 20
MIN_PREVIOUS: Final = 3
RECENCY_HALF_LIFE_YEARS: Final = 1.0
"""Format effects drift by year, so a post a year old counts half as much as today's."""
MIN_WEIGHT: Final = 0.05


def log_ratio(engagement: float, reference: float) -> float:
    """How a post did against a reference engagement (+1 keeps zero-engagement posts finite)."""
    return math.log((max(engagement, 0.0) + 1.0) / (max(reference, 0.0) + 1.0))


def text_values(features: DraftFeatures) -> dict[str, float]:
    """The text measurements as bounded numbers (empty text gives zeros)."""
    readability = features.readability
    return {
        "has_text": float(features.words > 0),
        "log_characters": math.log1p(features.characters),
        "length_sweet_spot": float(800 <= features.characters <= 1200),
        "words_per_sentence": min(features.avg_sentence_words, 40.0) / 10,
        "readability": 0.0 if readability is None else (min(max(readability, 0), 100) - 60) / 40,
        "questions": float(min(features.questions, 5)),
        "ends_with_question": float(features.ends_with_question),
        "call_to_action": float(features.call_to_action),
        "hashtags": float(min(features.hashtags, 10)),
        "mentions": float(min(features.mentions, 10)),
        "links": float(min(features.links, 5)),
        "emoji": math.log1p(features.emoji),
        "unicode_bold": float(features.unicode_bold > 0),
        "line_breaks": math.log1p(features.line_breaks),
        "list_items": math.log1p(features.list_items),
        "sentiment": features.sentiment,
    }


def format_values(post_format: str) -> dict[str, float]:
    return {f"format_{name}": float(name == post_format) for name in POST_FORMATS}


def timing_values(moment: datetime) -> dict[str, float]:
    angle = 2 * math.pi * (moment.hour + moment.minute / 60) / 24
    values = {name: float(day == moment.weekday()) for day, name in enumerate(WEEKDAY_FEATURES)}
    return values | {"hour_sin": math.sin(angle), "hour_cos": math.cos(angle)}


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
