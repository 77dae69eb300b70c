"""The SSI domain: pillars, bands and the activity catalogue.

Pure data, no I/O: everything else (storage, TUI, CLI) speaks in these terms.
"""

from __future__ import annotations

from typing import Final, Literal, NamedTuple, TypeAlias, TypeGuard, get_args

PILLAR_MAX: Final = 25.0
"""Each pillar is scored out of 25 by LinkedIn."""

TOTAL_MAX: Final = 100.0
"""The SSI total is the sum of the four pillars."""

DEFAULT_TARGET: Final = 75
"""LinkedIn calls 75 and above the aim (ideally 80 to 100)."""


PillarKey: TypeAlias = Literal["brand", "people", "insights", "relationships"]
"""The stable key of a pillar, used in the database and the JSON contract (LinkedIn's order)."""

PILLAR_KEYS: Final[tuple[PillarKey, ...]] = get_args(PillarKey)


def is_pillar_key(value: object) -> TypeGuard[PillarKey]:
    """Whether `value` is one of the four pillar keys."""
    return value in PILLAR_KEYS


def as_pillar_key(text: str) -> PillarKey:
    """`text` from outside (a command line, a file) as a pillar key; ValueError in one sentence
    when it names none."""
    if not is_pillar_key(text):
        raise ValueError(f"The pillar must be one of {', '.join(PILLAR_KEYS)}, not {text!r}.")
    return text


class Pillar(NamedTuple):
    """One of the four components of the SSI."""

    key: PillarKey
    """Stable key used in the database and the JSON contract."""
    label: str
    """LinkedIn's own English label, as shown on the SSI page."""
    short: str
    """A short name for narrow columns."""
    moved_by: str
    """What LinkedIn says feeds this pillar."""


PILLARS: Final[tuple[Pillar, ...]] = (
    Pillar(
        "brand",
        "Establish your professional brand",
        "Brand",
        "a complete profile, posts and the engagement they get, endorsements, "
        "recommendations and followers",
    ),
    Pillar(
        "people",
        "Find the right people",
        "People",
        "people searches, prospect profile views, connection requests and their "
        "acceptance, days active",
    ),
    Pillar(
        "insights",
        "Engage with insights",
        "Insights",
        "comments, reactions, reposts, following people and companies, groups",
    ),
    Pillar(
        "relationships",
        "Build relationships",
        "Relationships",
        "decision-maker connections, messages and their replies, endorsements and "
        "recommendations given",
    ),
)

PILLARS_BY_KEY: Final[dict[PillarKey, Pillar]] = {pillar.key: pillar for pillar in PILLARS}


class Band(NamedTuple):
    """A range of the SSI total and what it says about the member."""

    low: int
    high: int
    name: str
    meaning: str

    def contains(self, total: float) -> bool:
        return self.low <= round(total) <= self.high


BANDS: Final[tuple[Band, ...]] = (
    Band(0, 24, "Limited", "Limited activity and engagement: build a stronger presence."),
    Band(
        25,
        49,
        "Developing",
        "A developing presence, not yet optimised: focus on your brand and connections.",
    ),
    Band(
        50,
        74,
        "Solid",
        "A solid presence with consistent engagement; some areas to fine-tune.",
    ),
    Band(
        75,
        100,
        "Highly effective",
        "A well-rounded, optimised profile with strong engagement and connections.",
    ),
)


def band_for(total: float) -> Band:
    """The band a total falls in (totals are compared as LinkedIn rounds them)."""
    clamped = min(max(total, 0.0), TOTAL_MAX)
    for band in BANDS:
        if band.contains(clamped):
            return band
    raise AssertionError(f"no band for {total}")  # pragma: no cover - bands cover 0..100


class ActivityType(NamedTuple):
    """Something the member does on LinkedIn that feeds one pillar."""

    key: str
    pillar: PillarKey
    label: str
    user_defined: bool = False


ACTIVITY_CATALOGUE: Final[tuple[ActivityType, ...]] = (
    ActivityType("post", "brand", "Post published"),
    ActivityType("article", "brand", "Article published"),
    ActivityType("profile_update", "brand", "Profile update"),
    ActivityType("endorsement_received", "brand", "Endorsement received"),
    ActivityType("recommendation_received", "brand", "Recommendation received"),
    ActivityType("search", "people", "People search"),
    ActivityType("profile_view", "people", "Prospect profile viewed"),
    ActivityType("connection_request", "people", "Connection request sent"),
    ActivityType("connection_accepted", "people", "Connection accepted"),
    ActivityType("group_joined", "people", "Group joined"),
    ActivityType("comment", "insights", "Comment"),
    ActivityType("reaction", "insights", "Reaction"),
    ActivityType("repost", "insights", "Repost"),
    ActivityType("follow", "insights", "Follow (person or company)"),
    ActivityType("message", "relationships", "Message sent"),
    ActivityType("reply_received", "relationships", "Reply received"),
    ActivityType("inmail", "relationships", "InMail sent"),
    ActivityType("endorsement_given", "relationships", "Endorsement given"),
    ActivityType("recommendation_given", "relationships", "Recommendation given"),
    ActivityType("meeting_booked", "relationships", "Meeting booked"),
)

PostFormat: TypeAlias = Literal[
    "text", "image", "carousel", "video", "poll", "article", "link", "repost"
]
"""A format a post can have."""

POST_FORMATS: Final[tuple[PostFormat, ...]] = get_args(PostFormat)
"""Formats a post can have; `unknown` is stored when there is no evidence."""

PostFormatOrUnknown: TypeAlias = PostFormat | Literal["unknown"]
"""A post's format as the importers give it: `unknown` when no tag and no evidence tell."""


def is_post_format(value: object) -> TypeGuard[PostFormat]:
    """Whether `value` is one of POST_FORMATS (`unknown` is not)."""
    return value in POST_FORMATS


def as_post_format(text: str) -> PostFormat:
    """`text` from outside (a command line, a file) as a post format; ValueError in one
    sentence when it names none."""
    if not is_post_format(text):
        raise ValueError(f"The format must be one of {', '.join(POST_FORMATS)}, not {text!r}.")
    return text


POST_METRICS: Final[tuple[str, ...]] = (
    "impressions",
    "members_reached",
    "reactions",
    "comments",
    "reposts",
    "saves",
    "sends",
    "link_clicks",
    "followers_gained",
    "engagements",
    "followers",
)
"""The counts a post can carry (LinkedIn's post analytics, plus the account size)."""

SUGGESTED_FORMATS: Final[tuple[PostFormat, ...]] = ("text", "image", "carousel", "video", "poll")
"""The formats the draft analyzer ranks for every draft."""
