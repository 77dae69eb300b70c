"""Per-format summaries of the post log, honest about small groups."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from statistics import median

MIN_TRUSTED_POSTS = 5
"""Below this many posts a format's median says more about luck than about the format."""


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
