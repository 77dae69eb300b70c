"""Post identity: the URN inside LinkedIn's many URL shapes, or a stable hash when there is none.

A post must keep one id however often and from whichever file it is imported, so the store's
upsert leaves one row per post.
"""

from __future__ import annotations

import hashlib
import re
from datetime import datetime
from typing import Final

URN_TYPES: Final[dict[str, str]] = {
    "activity": "activity",
    "share": "share",
    "ugcpost": "ugcPost",
    "grouppost": "groupPost",
    "linkedinarticle": "linkedInArticle",
}
"""The URN types a member's own content comes under, lower-cased to LinkedIn's spelling."""

_URN: Final = re.compile(
    r"urn(?::|%3a)li(?::|%3a)(activity|share|ugcpost|grouppost|linkedinarticle)(?::|%3a)"
    r"(\d{1,25}(?:-\d{1,25})?)",
    re.IGNORECASE,
)
"""A group post's id is `<group id>-<post id>`: the post is the part after the hyphen, and
every post in one group shares the part before it."""
_SLUG: Final = re.compile(r"[-_](activity|share|ugcpost)-(\d{6,25})(?=$|[-/?#])", re.IGNORECASE)
_LONE_URL: Final = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)


def post_urn(url: str) -> str | None:
    """`urn:li:<type>:<id>` from a feed URL, a URL-encoded URN or a `/posts/…-share-<id>-x` slug."""
    match = _URN.search(url) or _SLUG.search(url)
    if match is None:
        return None
    return f"urn:li:{URN_TYPES[match[1].casefold()]}:{match[2]}"


SHARE_FAMILY: Final = frozenset({"share", "ugcPost", "groupPost"})
"""The names Shares.csv gives a post; analytics files name the same post by its `activity`."""
ID_TIME_TYPES: Final = SHARE_FAMILY | {"activity"}
"""URN types whose number carries its creation time: `id >> 22` is milliseconds since 1970."""
FIRST_POST_MS: Final = 1_041_379_200_000
"""2003-01-01 UTC: a time before LinkedIn existed means the number is not a timed id."""
LAST_POST_MS: Final = 4_102_444_800_000
"""2100-01-01 UTC."""


def urn_family(urn: str) -> str:
    """`share` for the names Shares.csv uses, `activity` for the analytics files' name, else
    the URN's own type: one post has at most one name of each family."""
    kind = urn_type(urn)
    return "share" if kind in SHARE_FAMILY else kind


def id_time_ms(urn: str) -> int | None:
    """When LinkedIn made the id, in milliseconds since 1970 UTC; None for ids without one
    (articles, hashes, numbers too small to be timed ids)."""
    if urn_type(urn) not in ID_TIME_TYPES:
        return None
    number = urn.rsplit(":", 1)[1].rsplit("-", 1)[-1]
    moment = int(number) >> 22
    return moment if FIRST_POST_MS <= moment <= LAST_POST_MS else None


def urn_type(urn: str) -> str:
    """`share`, `ugcPost`, `activity`… of a URN made by `post_urn`."""
    return urn.split(":")[2] if urn.count(":") == 3 else ""


def post_id(url: str | None, published_at: datetime | None, text: str | None) -> str:
    """The post's URN when its URL names one, else a hash of its time and text."""
    urn = post_urn(url) if url else None
    if urn:
        return urn
    stamp = published_at.isoformat() if published_at else ""
    digest = hashlib.sha256(f"{stamp}\n{text or ''}".encode()).hexdigest()
    return f"post:{digest[:24]}"


def is_linkedin_post(url: str) -> bool:
    """True for a link to a post on LinkedIn (what a repost points at)."""
    lowered = url.casefold()
    return "linkedin.com" in lowered and (
        post_urn(url) is not None or "/posts/" in lowered or "/feed/update/" in lowered
    )


def is_only_a_link(text: str | None) -> bool:
    """True when a post's whole text is one URL: LinkedIn shows it as a link post."""
    return bool(text) and _LONE_URL.fullmatch((text or "").strip()) is not None
