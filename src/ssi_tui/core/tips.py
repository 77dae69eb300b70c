"""Concrete actions per pillar, after the article's advice, ranked by what the user neglects."""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from ssi_tui.core.domain import PillarKey


class Tip(NamedTuple):
    pillar: PillarKey
    text: str
    activities: tuple[str, ...]
    """Journal activities that carry out this tip; a tip whose activities are missing from
    the recent journal is the one the user most needs to hear."""


TIPS: tuple[Tip, ...] = (
    Tip("brand", "Publish one post this week that shares a lesson from your own deals.", ("post",)),
    Tip(
        "brand",
        "Rewrite your headline to say who you help and how, not just your job title.",
        ("profile_update",),
    ),
    Tip(
        "brand",
        "Complete your summary and list the skills your buyers search for.",
        ("profile_update",),
    ),
    Tip("brand", "Ask two happy customers for a recommendation.", ("recommendation_received",)),
    Tip(
        "people",
        "Send 3 personalised connection requests a day to people in your niche.",
        ("connection_request",),
    ),
    Tip(
        "people",
        "Run a saved people search for your ideal buyer and view five profiles.",
        ("search", "profile_view"),
    ),
    Tip("people", "Join one active group where your buyers talk shop.", ("group_joined",)),
    Tip(
        "insights",
        "Leave two thoughtful comments a day on posts from your prospects.",
        ("comment",),
    ),
    Tip(
        "insights", "React to and reshare content your network cares about.", ("reaction", "repost")
    ),
    Tip(
        "insights",
        "Follow the companies on your account list and the people who post there.",
        ("follow",),
    ),
    Tip(
        "relationships",
        "Send five personal messages that continue a conversation, not a pitch.",
        ("message",),
    ),
    Tip(
        "relationships",
        "Endorse or recommend a colleague or customer for a skill you have seen.",
        ("endorsement_given", "recommendation_given"),
    ),
    Tip(
        "relationships",
        "Turn one warm conversation into a booked meeting this week.",
        ("meeting_booked",),
    ),
)


def tips_for(pillar: PillarKey, recent_counts: Mapping[str, int], limit: int = 3) -> list[Tip]:
    """The `limit` most useful tips for a pillar: untried activities first, then the rest."""
    candidates = [tip for tip in TIPS if tip.pillar == pillar]

    def neglect(tip: Tip) -> int:
        return sum(recent_counts.get(activity, 0) for activity in tip.activities)

    return sorted(candidates, key=neglect)[:limit]
