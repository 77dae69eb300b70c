"""Per-format summaries of the post log, honest about small groups."""

from __future__ import annotations

import math
from collections import Counter
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


UNKNOWN_FORMAT = "unknown"
YEAR_WORTH_IMPORTING = 5
"""A year with this many posts and no numbers is worth that year's creator analytics."""


@dataclass(frozen=True)
class ModelFooting:
    """What the format model stands on, and the one step that would help it most."""

    with_numbers: int
    """Posts whose engagement is known (what the model learns from)."""
    known_format: int
    """Of those, the ones whose format is known: what tells one format from another."""
    by_format: dict[str, int]
    next_step: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "with_numbers": self.with_numbers,
            "known_format": self.known_format,
            "by_format": dict(self.by_format),
            "next_step": self.next_step,
        }

    def sentence(self) -> str:
        """One line for the Drafts pane and the command line."""
        if self.with_numbers == 0:
            stands = "No post of yours has numbers yet: the suggestion comes from the prior"
        elif self.known_format == 0:
            stands = (
                f"{self.with_numbers} of your posts have numbers, none of them a known format: "
                "the choice between formats comes from the prior"
            )
        else:
            formats = ", ".join(f"{name} {count}" for name, count in self.by_format.items())
            stands = (
                f"{self.with_numbers} of your posts have numbers, {self.known_format} of them "
                f"a known format ({formats})"
            )
        return f"{stands}." + (f" Next: {self.next_step}." if self.next_step else "")


def model_footing(posts: Iterable[Mapping[str, Any]]) -> ModelFooting:
    """Count what the model can learn from `posts` (rows of the post log) and name the most
    useful next step: posts first, then their numbers, then their formats."""
    total = 0
    measured: list[str] = []
    years_without_numbers: dict[int, int] = {}
    for post in posts:
        total += 1
        post_format = str(post.get("format") or UNKNOWN_FORMAT)
        if engagement_of(post) is not None:
            measured.append(post_format)
            continue
        published = str(post.get("published_at") or "")
        if published[:4].isdigit():
            year = int(published[:4])
            years_without_numbers[year] = years_without_numbers.get(year, 0) + 1
    known = [name for name in measured if name != UNKNOWN_FORMAT]
    counts = Counter(known)  # most posts first, then by name
    by_format = dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))
    untagged = len(measured) - len(known)
    busiest = max(years_without_numbers.items(), key=lambda item: (item[1], item[0]), default=None)
    if total == 0:
        step: str | None = "import your LinkedIn data export and your creator analytics"
    elif not measured:
        step = "import your creator analytics (Content_….xlsx) for the years you posted"
    elif untagged:
        step = (
            f"tag the format of {untagged} post{'s' if untagged != 1 else ''} with numbers "
            "(u on the Posts pane, or 'ssi-tui posts tag')"
        )
    elif busiest is not None and busiest[1] >= YEAR_WORTH_IMPORTING:
        step = (
            f"import your creator analytics for {busiest[0]} ({busiest[1]} posts of that year "
            "have no numbers)"
        )
    else:
        step = None
    return ModelFooting(len(measured), len(known), by_format, step)
