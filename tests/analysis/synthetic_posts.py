"""Post histories whose best format (or best text habit) is known by construction."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any

FORMATS = ("text", "image", "carousel", "video", "poll")
TEXTS = (
    "Three lessons from a lost deal.\n\nWe listened more than we talked.",
    "Stop sending the same follow-up email.\n1. Ask about cost\n2. Name the decision maker",
    "Pipeline reviews used to take two hours. Now they take thirty minutes.",
    "Unpopular opinion: cold outreach is not dead. It is lazy outreach that is dead.",
    "What nobody tells you about referrals: you have to ask, and ask early.",
)


def synthetic_posts(
    count: int,
    *,
    multipliers: dict[str, float] | None = None,
    question_bonus: float = 1.0,
    question_share: float = 0.5,
    base: float = 40.0,
    noise: float = 0.25,
    seed: int = 7,
    formats: tuple[str, ...] = FORMATS,
    start: datetime = datetime(2025, 1, 6, 8, 30),
) -> list[dict[str, Any]]:
    """`count` posts, every 2 days, cycling through `formats`; engagement is
    base × multiplier[format] × (question_bonus if the text ends with a question) × noise."""
    rng = random.Random(seed)
    rows = []
    for index in range(count):
        post_format = formats[index % len(formats)]
        text = TEXTS[rng.randrange(len(TEXTS))]
        asks = rng.random() < question_share
        if asks:
            text += "\n\nWhat would you add?"
        engagement = base * (multipliers or {}).get(post_format, 1.0)
        engagement *= (question_bonus if asks else 1.0) * rng.lognormvariate(0, noise)
        reactions = round(engagement * 0.85)
        rows.append(
            {
                "id": f"post-{index}",
                "published_at": (start + timedelta(days=2 * index)).isoformat(),
                "format": post_format,
                "text": text,
                "impressions": round(engagement * 20),
                "reactions": reactions,
                "comments": round(engagement) - reactions,
                "reposts": 0,
                "engagements": None,
                "followers": 1500 + index,
            }
        )
    return rows
