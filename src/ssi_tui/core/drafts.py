"""Cheap measurements of a draft that need no language model (instant while typing)."""

from __future__ import annotations

import re
from dataclasses import dataclass

CHARACTER_LIMIT = 3000
"""LinkedIn cuts a post at 3,000 characters."""
DESKTOP_FOLD = 210
"""Roughly where "…see more" cuts a post on desktop (about three lines)."""
FOLD_LINES = 3

_HASHTAG = re.compile(r"(?<!\w)#\w+")
_LINK = re.compile(r"https?://\S+|www\.\S+", re.IGNORECASE)


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
        words=len(stripped.split()),
        lines=len(stripped.splitlines()) if stripped else 0,
        hashtags=len(_HASHTAG.findall(text)),
        links=len(_LINK.findall(text)),
        hook=hook,
        folded=len(hook) < len(stripped),
    )
