"""A deterministic, believable history for `--demo`, the tests and the benchmarks.

A salesperson who starts the habit a year ago: activity grows and becomes steadier, SSI
readings rise from the 30s to the 60s with noise and a summer dip, and a few dozen posts of
mixed formats carry metrics that follow the published format multipliers.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from ssi_tui.core.domain import PILLAR_KEYS

START_PILLARS = {"brand": 11.2, "people": 9.1, "insights": 5.8, "relationships": 7.4}
END_PILLARS = {"brand": 18.3, "people": 15.6, "insights": 12.9, "relationships": 16.4}

DAILY_MEANS: dict[str, float] = {
    "comment": 3.0,
    "reaction": 8.0,
    "repost": 0.3,
    "follow": 0.4,
    "search": 2.0,
    "profile_view": 5.0,
    "connection_request": 4.0,
    "connection_accepted": 2.5,
    "group_joined": 0.03,
    "message": 3.0,
    "reply_received": 1.5,
    "inmail": 0.3,
    "endorsement_given": 0.2,
    "recommendation_given": 0.02,
    "meeting_booked": 0.15,
    "profile_update": 0.03,
    "endorsement_received": 0.2,
    "recommendation_received": 0.01,
    "article": 0.01,
}
"""Mean count per active day once the habit is established."""

FORMAT_SHARES = {
    "text": 0.34,
    "image": 0.24,
    "carousel": 0.16,
    "video": 0.1,
    "poll": 0.08,
    "article": 0.04,
    "link": 0.04,
}
REACH_MULTIPLIER = {
    "poll": 1.99,
    "carousel": 1.6,
    "image": 1.26,
    "video": 1.21,
    "text": 1.17,
    "article": 0.8,
    "link": 0.6,
}
"""Reach as a multiple of the median post (van der Blom 2024; article and link assumed)."""
ENGAGEMENT_RATE = {
    "carousel": 0.070,
    "image": 0.053,
    "video": 0.059,
    "text": 0.044,
    "poll": 0.042,
    "link": 0.0325,
    "article": 0.035,
}
"""Engagement per impression by format (Socialinsider 2026; article assumed)."""

HOOKS = (
    "I lost a {deal} deal last quarter. Here is what I changed.",
    "Most {role}s skip this step in discovery calls.",
    "3 questions I ask before every {meeting}:",
    "Stop sending the same follow-up email.",
    "What nobody tells you about {topic}.",
    "We cut our sales cycle by {number} days. No new tools.",
    "Unpopular opinion: cold outreach is not dead.",
    "The best {role} I ever worked with did one thing differently.",
    "Why I stopped pitching in the first {meeting}.",
    "The follow-up that got a reply from a silent {role}.",
)
"""Ten openings: the history's random stream draws from a tuple of this length (see
`post_text`), so changing their number would change every figure after the first post."""
FORMAT_HOOKS = {
    "image": (
        "This one chart changed how we run {meeting}s.",
        "Our whiteboard after a {meeting} that went sideways (photo below).",
    ),
    "carousel": (
        "{number} lessons from {number2} {meeting}s this year. Swipe through.",
        "A {meeting} checklist in {number} slides.",
    ),
    "video": (
        "Two minutes on {topic}, and why it beats another cold email (video).",
        "I recorded my {meeting} prep routine. Watch the first minute.",
    ),
    "article": (
        "I wrote down everything I know about {topic}. A long read.",
        "The {deal} deal that taught me {topic}: the full story.",
    ),
    "link": (
        "Worth a read on {topic}, with one point I disagree with.",
        "This piece on {meeting}s is the best I have read this year.",
    ),
}
"""Openings that fit each format; text posts use HOOKS."""
POLL_QUESTIONS = (
    "Quick poll: how do you prepare for a {meeting}?",
    "Poll: where do your best {deal} deals start?",
    "Poll for {role}s: what moves a {meeting} forward most?",
    "Which matters more in {topic}? Vote below.",
)
POLL_ENDINGS = ("Vote and tell me why.", "Results on Friday.", "Comment if your answer is missing.")
POLL_OPTIONS = (
    "○ Their last three posts\n○ The CRM notes\n○ A call with the champion\n○ I don't",
    "○ A referral\n○ An inbound lead\n○ Cold outreach\n○ An event",
)
BODIES = (
    "We listened more than we talked.\nWe wrote down the customer's words, not ours.\n"
    "We sent a recap within the hour.",
    "1. Ask about the cost of doing nothing\n2. Name the decision maker early\n"
    "3. Agree on the next step before you hang up",
    "It is not about volume. It is about relevance.\nTen thoughtful messages beat a hundred "
    "templates.",
    "Preparation is the whole game.\nRead their last three posts. Check who else is involved.\n"
    "Write down what a good outcome looks like for them.",
    "Pipeline reviews used to take two hours.\nNow they take thirty minutes, because every "
    "deal has a dated next step.",
)
ENDINGS = (
    "What would you add?",
    "How do you handle it in your team?",
    "Agree or disagree?",
    "#sales #b2b #socialselling",
    "Save this for your next {meeting}.",
    "",
)
WORDS = {
    "deal": ("six-figure", "enterprise", "mid-market", "renewal"),
    "role": ("account executive", "founder", "SDR", "sales manager"),
    "meeting": ("discovery call", "demo", "QBR", "negotiation"),
    "topic": ("social selling", "referrals", "pricing conversations", "multi-threading"),
}


@dataclass
class DemoHistory:
    """Rows ready for the `readings`, `journal` and `posts` tables."""

    readings: list[dict[str, Any]] = field(default_factory=list)
    journal: list[dict[str, Any]] = field(default_factory=list)
    posts: list[dict[str, Any]] = field(default_factory=list)


def _poisson(rng: random.Random, mean: float) -> int:
    """A Poisson draw (Knuth) — small means only, which is all a day's activity needs."""
    if mean <= 0:
        return 0
    limit, k, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        k += 1
        product *= rng.random()
    return k


def _ease(progress: float) -> float:
    """Fast early gains that flatten out, as habits and scores do."""
    return float(1 - (1 - progress) ** 1.6)


def _is_holiday(day: date) -> bool:
    """Two weeks off in August, when activity stops and the score sags."""
    return day.month == 8 and 4 <= day.day <= 17


class _Generator:
    def __init__(self, end: date, days: int, seed: int) -> None:
        self.end = end
        self.start = end - timedelta(days=days - 1)
        self.days = days
        self.rng = random.Random(seed)
        self.text_rng = random.Random(seed + 1)
        self.history = DemoHistory()
        self.idle_streak = 0

    def progress(self, day: date) -> float:
        return (day - self.start).days / max(self.days - 1, 1)

    def run(self) -> DemoHistory:
        post_number = 0
        for offset in range(self.days):
            day = self.start + timedelta(days=offset)
            self.journal_day(day)
            if self.posts_today(day):
                post_number += 1
                self.add_post(day, post_number)
            if day.weekday() == 0 or day == self.end:
                self.add_reading(day)
        return self.history

    def journal_day(self, day: date) -> None:
        progress = self.progress(day)
        weekday = day.weekday() < 5
        chance = (0.45 + 0.45 * _ease(progress)) if weekday else 0.12
        if _is_holiday(day) or self.rng.random() > chance:
            self.idle_streak += 1
            return
        self.idle_streak = 0
        intensity = 0.35 + 0.75 * _ease(progress)
        for activity, mean in DAILY_MEANS.items():
            count = _poisson(self.rng, mean * intensity)
            if count:
                self.history.journal.append(
                    {"date": day.isoformat(), "activity": activity, "count": count, "note": None}
                )

    def posts_today(self, day: date) -> bool:
        if day.weekday() >= 5 or _is_holiday(day):
            return False
        return self.rng.random() < 0.09 + 0.12 * _ease(self.progress(day))

    def add_reading(self, day: date) -> None:
        progress = _ease(self.progress(day))
        sag = 0.9 if day.month == 8 and day.day > 10 else 1.0
        pillars: dict[str, float] = {}  # columns of the readings row
        for key in PILLAR_KEYS:
            base = START_PILLARS[key] + (END_PILLARS[key] - START_PILLARS[key]) * progress
            pillars[key] = round(min(25.0, max(0.0, base * sag + self.rng.gauss(0, 0.45))), 2)
        total = round(sum(pillars.values()))
        previous = self.history.readings[-1]["total"] if self.history.readings else total
        industry_average = round(31 + 2 * self.progress(day) + self.rng.gauss(0, 0.3), 1)
        network_average = round(36 + 3 * self.progress(day) + self.rng.gauss(0, 0.3), 1)
        self.history.readings.append(
            {
                "date": day.isoformat(),
                "total": float(total),
                **pillars,
                "industry_rank": max(1, min(100, round(100 - (total - 18) * 1.9))),
                "network_rank": max(1, min(100, round(100 - (total - 22) * 1.7))),
                "industry_average": industry_average,
                "network_average": network_average,
                **self.peer_split("industry", industry_average),
                **self.peer_split("network", network_average),
                "weekly_change": _weekly_change(previous, total),
                "source": "demo",
                "recorded_at": f"{day.isoformat()}T08:30:00",
            }
        )

    def peer_split(self, prefix: str, average: float) -> dict[str, float]:
        shares = {"brand": 0.31, "people": 0.27, "insights": 0.19, "relationships": 0.23}
        return {f"{prefix}_{key}": round(average * share, 2) for key, share in shares.items()}

    def add_post(self, day: date, number: int) -> None:
        rng = self.rng
        progress = self.progress(day)
        post_format = rng.choices(list(FORMAT_SHARES), weights=list(FORMAT_SHARES.values()))[0]
        published = datetime.combine(day, time(rng.choice((7, 8, 8, 9, 12, 17)), rng.randrange(60)))
        followers = round(1400 + 900 * progress + rng.gauss(0, 15))
        impressions = round(
            followers
            * rng.uniform(0.45, 1.5)
            * REACH_MULTIPLIER[post_format]
            * (1 + 0.5 * progress)
        )
        engagement = max(
            1, round(impressions * ENGAGEMENT_RATE[post_format] * rng.lognormvariate(0, 0.35))
        )
        comments = round(engagement * rng.uniform(0.08, 0.2))
        reposts = round(engagement * rng.uniform(0.0, 0.06))
        reactions = engagement - comments - reposts
        activity_id = 7_100_000_000_000_000_000 + number * 7_919_113 + day.toordinal()
        self.history.posts.append(
            {
                "id": f"urn:li:activity:{activity_id}",
                "published_at": published.isoformat(timespec="seconds"),
                "format": post_format,
                "format_source": "user",
                "text": self.post_text(post_format),
                "url": f"https://www.linkedin.com/feed/update/urn:li:activity:{activity_id}/",
                "impressions": impressions,
                "members_reached": round(impressions * rng.uniform(0.6, 0.8)),
                "reactions": reactions,
                "comments": comments,
                "reposts": reposts,
                "saves": round(engagement * rng.uniform(0.0, 0.1)),
                "sends": round(engagement * rng.uniform(0.0, 0.05)),
                "link_clicks": round(impressions * 0.004) if post_format == "link" else 0,
                "followers_gained": _poisson(rng, 1.5),
                "engagements": engagement,
                "followers": followers,
                "source": "demo",
            }
        )
        kind = "article" if post_format == "article" else "post"
        self.history.journal.append(
            {"date": day.isoformat(), "activity": kind, "count": 1, "note": None}
        )

    def post_text(self, post_format: str) -> str:
        """A post that reads like its format: a poll asks and lists its options, a carousel
        has slides, and so on (drawn from its own generator, so the numbers stay the same)."""
        for options in (*WORDS.values(), (3, 5, 7, 12, 14), (40, 100, 150, 200)):
            self.rng.choice(options)  # the draws the history made before texts fit formats
        for options in (HOOKS, BODIES, ENDINGS):
            self.rng.choice(options)
        rng = self.text_rng
        fill = {key: rng.choice(options) for key, options in WORDS.items()}
        fill["number"] = str(rng.choice((3, 5, 7, 12, 14)))
        fill["number2"] = str(rng.choice((40, 100, 150, 200)))
        if post_format == "poll":
            parts = [rng.choice(POLL_QUESTIONS), rng.choice(POLL_OPTIONS), rng.choice(POLL_ENDINGS)]
        else:
            hook = rng.choice(FORMAT_HOOKS.get(post_format, HOOKS))
            parts = [hook, rng.choice(BODIES), rng.choice(ENDINGS)]
        return "\n\n".join(part.format(**fill) for part in parts if part)


def _weekly_change(previous: float, total: float) -> str:
    if not previous or round(total) == round(previous):
        return "No change since last week"
    percent = round(abs(total - previous) / previous * 100)
    direction = "Up" if total > previous else "Down"
    return f"{direction} {max(percent, 1)}% since last week"


def generate_history(end: date, *, years: float = 1.0, seed: int = 2026) -> DemoHistory:
    """A history of `years` ending on `end`; the same arguments give the same history."""
    days = max(14, round(365 * years))
    history = _Generator(end, days, seed).run()
    # Merge duplicate journal keys (a post and an organic entry on the same day).
    merged: dict[tuple[str, str], dict[str, Any]] = {}
    for row in history.journal:
        key = (row["date"], row["activity"])
        if key in merged:
            merged[key]["count"] += row["count"]
        else:
            merged[key] = dict(row)
    history.journal = list(merged.values())
    return history
