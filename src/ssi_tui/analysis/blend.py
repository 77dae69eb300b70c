"""How far a prediction trusts the member's own posts rather than the prior.

Published advice (docs/format-benchmarks.md) refuses strong conclusions under about 10 posts
overall and 3–5 per format, so for one format the member's model counts

    user_weight = 0                                   under 10 posts or under 3 of the format
                = min(1, n / 30) · min(1, c / 5)      otherwise

(n posts with metrics, c of them in that format): a third at 10 posts, all of it from 30 posts
with 5 of the format. The prior counts the rest.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final, Literal, TypeAlias

MIN_POSTS: Final = 10
FULL_TRUST_POSTS: Final = 30
MIN_FORMAT_POSTS: Final = 3
FULL_TRUST_FORMAT_POSTS: Final = 5

Basis: TypeAlias = Literal["prior", "blend", "user"]
"""What a prediction stands on: the prior alone, a blend, or the member's own posts."""


def user_weight(n_posts: int, n_format_posts: int) -> float:
    """The member's model's share of one format's prediction (0 to 1)."""
    if n_posts < MIN_POSTS or n_format_posts < MIN_FORMAT_POSTS:
        return 0.0
    overall = min(1.0, n_posts / FULL_TRUST_POSTS)
    return overall * min(1.0, n_format_posts / FULL_TRUST_FORMAT_POSTS)


def basis_for(n_posts: int, weights: Sequence[float], suggestion_weight: float) -> Basis:
    """ "prior" when no format uses the member's data, "user" when the suggestion rests on it
    entirely (30+ posts, 5+ of that format), "blend" in between."""
    if not any(weights):
        return "prior"
    if n_posts >= FULL_TRUST_POSTS and suggestion_weight >= 1.0:
        return "user"
    return "blend"
