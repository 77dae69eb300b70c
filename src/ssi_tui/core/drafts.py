"""Cheap measurements of a draft that need no language model (instant while typing)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, TypeAlias

CHARACTER_LIMIT = 3000
"""LinkedIn cuts a post at 3,000 characters."""
DESKTOP_FOLD = 210
"""Roughly where "…see more" cuts a post on desktop (about three lines)."""
FOLD_LINES = 3

_HASHTAG = re.compile(r"(?<!\w)#\w+")
_LINK = re.compile(r"https?://\S+|www\.\S+", re.IGNORECASE)
URL = re.compile(r"""https?://[^\s<>"]+|(?<![\w@/.])www\.[^\s<>"]+""", re.IGNORECASE)
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
"""A word: letters or digits, with inner apostrophes ("don't"); links are not words."""
MIN_WORDS_FOR_A_SUGGESTION = 5
"""A draft of fewer words gives the format model nothing to weigh: no suggestion is made."""
EngagementUnit: TypeAlias = Literal["engagements", "× typical post"]
"""What a predicted figure counts: engagements on the member's own scale, or a multiple of the
typical post when no post of theirs has numbers."""


def count_words(text: str) -> int:
    """The one word count of a draft, for the pane's instant figures and the analysis alike."""
    return len(WORD.findall(URL.sub(" ", text)))


@dataclass(frozen=True)
class DraftBasics:
    characters: int
    words: int
    lines: int
    hashtags: int
    links: int
    hook: str
    """The text LinkedIn shows before "…see more"."""
    folded: bool
    """True when the draft is longer than what shows before the fold."""


def hook_of(text: str, limit: int = DESKTOP_FOLD, max_lines: int = FOLD_LINES) -> str:
    """What shows before "…see more": at most `max_lines` lines and `limit` characters."""
    shown = "\n".join(text.strip().split("\n")[:max_lines])
    if len(shown) > limit:
        cut = shown[:limit]
        space = cut.rfind(" ")
        shown = cut[:space] if space > limit * 0.6 else cut
    return shown.rstrip()


def measure(text: str) -> DraftBasics:
    hook = hook_of(text)
    stripped = text.strip()
    return DraftBasics(
        characters=len(text),
        words=count_words(text),
        lines=len(stripped.splitlines()) if stripped else 0,
        hashtags=len(_HASHTAG.findall(text)),
        links=len(_LINK.findall(text)),
        hook=hook,
        folded=len(hook) < len(stripped),
    )


def engagement_text(value: float, unit: EngagementUnit) -> str:
    """One way to write a predicted figure, for the app and the command line alike: whole
    engagements from 10 up, one decimal below (and for ratios to the typical post)."""
    if unit != "engagements" or value < 10:
        return f"{value:,.1f}"
    return f"{value:,.0f}"
