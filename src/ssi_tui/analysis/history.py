"""The member's own posts, as the analyzer and the format model read them.

Rows come shaped like the `posts` table (or `posts --json`); only what the analysis needs is
kept, and engagement follows the product's definition.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ssi_tui.core.post_stats import count_or_none as _count
from ssi_tui.core.post_stats import engagement_of


def parse_published(value: Any) -> datetime | None:
    """A naive local datetime from an ISO string or datetime; None when absent or unreadable."""
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, str) and value.strip():
        try:
            moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            return None
    else:
        return None
    return moment.replace(tzinfo=None)


@dataclass(frozen=True)
class HistoryPost:
    """One published post with what the analysis needs."""

    published_at: datetime | None
    format: str
    text: str | None
    engagement: int | None
    impressions: int | None
    followers: int | None = None

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> HistoryPost:
        text = row.get("text")
        return cls(
            published_at=parse_published(row.get("published_at")),
            format=str(row.get("format") or "unknown"),
            text=text if isinstance(text, str) else None,
            engagement=engagement_of(row),
            impressions=_count(row.get("impressions")),
            followers=_count(row.get("followers")),
        )


@dataclass(frozen=True)
class PostHistory:
    """The member's posts, oldest first."""

    posts: tuple[HistoryPost, ...]

    @classmethod
    def from_rows(cls, rows: Iterable[Mapping[str, Any]]) -> PostHistory:
        posts = [HistoryPost.from_row(row) for row in rows]
        posts.sort(key=lambda post: post.published_at or datetime.min)
        return cls(tuple(posts))

    @property
    def measured(self) -> tuple[HistoryPost, ...]:
        """Posts whose engagement is known."""
        return tuple(post for post in self.posts if post.engagement is not None)

    def median_engagement(self) -> float | None:
        values = [post.engagement for post in self.measured if post.engagement is not None]
        return float(statistics.median(values)) if values else None

    def relative_median(
        self, matches: Callable[[HistoryPost], bool], *, min_group: int = 3
    ) -> tuple[float, int] | None:
        """Median engagement of the matching posts as a multiple of the overall median.

        None when fewer than `min_group` posts match, or the overall median is zero.
        """
        overall = self.median_engagement()
        group = [p.engagement for p in self.measured if p.engagement is not None and matches(p)]
        if not overall or len(group) < min_group:
            return None
        return float(statistics.median(group)) / overall, len(group)
