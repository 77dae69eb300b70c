"""Per-format summaries of the post log, honest about small groups."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from statistics import median
from typing import Any

MIN_TRUSTED_POSTS = 5
"""Below this many posts a format's median says more about luck than about the format."""


def count_or_none(value: Any) -> int | None:
    """A whole count ≥ 0 from a stored or imported value; None when unknown or unreadable."""
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) or math.isinf(number) else max(0, round(number))


def engagement_of(post: Mapping[str, Any]) -> int | None:
    """Reactions + comments + reposts, or LinkedIn's own `engagements` when the split is unknown.

    The one definition of engagement, for the post log, the JSON and the format model.
    """
    parts = [count_or_none(post.get(key)) for key in ("reactions", "comments", "reposts")]
    if all(part is None for part in parts):
        return count_or_none(post.get("engagements"))
    return sum(part or 0 for part in parts)


@dataclass(frozen=True)
class PostFigures:
    """The numbers of one post that summaries need."""

    format: str
    engagement: int | None
    impressions: int | None

    @property
    def rate(self) -> float | None:
        if not self.impressions or self.engagement is None:
            return None
        return self.engagement / self.impressions


@dataclass(frozen=True)
class FormatSummary:
    format: str
    count: int
    median_engagement: float | None
    median_rate: float | None

    @property
    def trusted(self) -> bool:
        return self.count >= MIN_TRUSTED_POSTS


def summarise_by_format(posts: Iterable[PostFigures]) -> list[FormatSummary]:
    """One summary per format, the most used first."""
    groups: dict[str, list[PostFigures]] = {}
    for post in posts:
        groups.setdefault(post.format, []).append(post)
    summaries = []
    for name, group in groups.items():
        engagements = [p.engagement for p in group if p.engagement is not None]
        rates = [rate for p in group if (rate := p.rate) is not None]
        summaries.append(
            FormatSummary(
                name,
                len(group),
                median(engagements) if engagements else None,
                median(rates) if rates else None,
            )
        )
    return sorted(summaries, key=lambda s: (-s.count, s.format))
