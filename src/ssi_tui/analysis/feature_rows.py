"""The numbers a format model reads: feature names and a draft's values, in plain Python.

Predicting with a model that holds no estimator (the per-format median, the level-and-format
model) needs these and nothing heavier, so `ssi-tui analyze` loads no NumPy for them; the
training set (`dataset.py`, NumPy) builds its rows from the same functions.
"""

from __future__ import annotations

import math
from datetime import datetime
from typing import Final

from ssi_tui.analysis.features import DraftFeatures
from ssi_tui.core.domain import POST_FORMATS

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
