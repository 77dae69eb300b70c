"""Short, specific advice on a draft, each line tied to a measurement and to its evidence.

Evidence is a published number (docs/format-benchmarks.md, cited in `source`) or, once the
member has `MIN_HISTORY` posts with metrics, their own posts compared to their own median.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from ssi_tui.analysis import benchmarks as bench
from ssi_tui.analysis.features import (
    MOBILE_FOLD,
    DraftFeatures,
    count_external_links,
    ends_with_question,
)
from ssi_tui.analysis.history import HistoryPost, PostHistory
from ssi_tui.core.drafts import CHARACTER_LIMIT
from ssi_tui.core.post_stats import MIN_TRUSTED_POSTS

MIN_HISTORY: Final = 10
"""Below this many posts with metrics, the member's own numbers are too noisy to quote."""
MIN_GROUP: Final = 4
"""Posts needed on the draft's side of a comparison before it is quoted."""
TRUSTED_GROUP: Final = MIN_TRUSTED_POSTS
"""From this many posts a comparison of the member's own is trusted over a published number
(the Posts pane dims smaller groups as too few to trust)."""
LENGTH_SPLIT: Final = 1200
READABILITY_HARD: Final = 50.0
WALL_OF_TEXT: Final = 600


@dataclass(frozen=True)
class Advice:
    """One line of advice."""

    text: str
    feature: str
    """The `DraftFeatures` field it is about."""
    source: str
    """Where the number comes from: a study, LinkedIn, or the member's own posts."""


def advise(features: DraftFeatures, history: PostHistory | None = None) -> list[Advice]:
    """Advice on a draft, most important first; empty for an empty draft."""
    if not features.words:
        return []
    own = _OwnPosts(history) if history and len(history.measured) >= MIN_HISTORY else None
    lines: list[Advice] = []
    if features.over_limit:
        lines.append(
            Advice(
                f"{features.characters_over:,} characters over the {CHARACTER_LIMIT:,} limit: "
                "LinkedIn will cut the end.",
                "characters",
                bench.LIMIT_SOURCE,
            )
        )
    lines += _length(features, own)
    first_line = features.hook.split("\n", 1)[0]
    if features.folded and len(first_line) > MOBILE_FOLD:
        lines.append(
            Advice(
                f"The first line runs {len(first_line)} characters, past the mobile fold "
                f"({MOBILE_FOLD}): land the point before “…see more”.",
                "hook",
                bench.FOLD_SOURCE,
            )
        )
    if features.avg_sentence_words > bench.SHORT_SENTENCE_WORDS:
        lines.append(
            Advice(
                f"Sentences average {features.avg_sentence_words:.0f} words; "
                f"aim under {bench.SHORT_SENTENCE_WORDS}.",
                "avg_sentence_words",
                bench.SHORT_SENTENCE_SOURCE,
            )
        )
    lines += _question(features, own)
    lines += _links(features, own)
    if features.hashtags > bench.HASHTAG_MOST:
        lines.append(
            Advice(
                f"{features.hashtags:,} hashtags: keep {bench.HASHTAG_MOST} or fewer.",
                "hashtags",
                bench.HASHTAG_SOURCE,
            )
        )
    if features.unicode_bold:
        lines.append(
            Advice(
                f"{features.unicode_bold:,} Unicode “bold/italic” letters: screen readers spell "
                "them out or skip them.",
                "unicode_bold",
                bench.UNICODE_BOLD_SOURCE,
            )
        )
    lines += _readability(features)
    return lines


class _OwnPosts:
    """The member's posts with the few measurements advice compares (cached per text)."""

    def __init__(self, history: PostHistory) -> None:
        self.history = history
        self.count = len(history.measured)

    def figures(self, matches: Callable[[HistoryPost], bool]) -> tuple[float, int] | None:
        """The matching posts' median as a multiple of the member's, and how many they are;
        None when too few match, or when every post does (a comparison with nothing)."""
        found = self.history.relative_median(matches, min_group=MIN_GROUP)
        return None if found is None or found[1] >= self.count else found

    def says(self, ratio: float, size: int, label: str) -> str:
        """`Your posts … got 1.5× your median (n=12)`, marked when the group is small."""
        few = "" if size >= TRUSTED_GROUP else ", too few to trust"
        return f"Your posts {label} got {ratio:.1f}× your median (n={size}{few})"

    def compare(self, matches: Callable[[HistoryPost], bool], label: str, feature: str) -> Advice:
        ratio, size = self.figures(matches) or (0.0, 0)
        return Advice(f"{self.says(ratio, size, label)}.", feature, self.source)

    @property
    def source(self) -> str:
        return f"your {self.count} posts"

    def has_group(self, matches: Callable[[HistoryPost], bool]) -> bool:
        return self.figures(matches) is not None


@lru_cache(maxsize=4096)
def _light(text: str) -> tuple[int, bool, int]:
    """Characters, question at the end, external links: no NLTK, so history stays cheap."""
    return len(text), ends_with_question(text), count_external_links(text)


def _text(post: HistoryPost) -> str | None:
    return post.text if post.text and post.text.strip() else None


def _length(features: DraftFeatures, own: _OwnPosts | None) -> list[Advice]:
    """Length against the published best range, or against the member's own posts once
    those are enough to trust: one line, which says which evidence it follows."""
    low, high = bench.LENGTH_BEST
    characters = features.characters
    published = None
    if characters < low:
        published = f"At {characters:,} characters this is short of the {low:,}–{high:,} range"
    elif high < characters <= CHARACTER_LIMIT:
        published = (
            f"At {characters:,} characters this runs past the {low:,}–{high:,} range "
            f"(cut about {characters - high:,})"
        )
    short = characters <= LENGTH_SPLIT

    def same_side(post: HistoryPost) -> bool:
        text = _text(post)
        return text is not None and (_light(text)[0] <= LENGTH_SPLIT) == short

    side = f"{'under' if short else 'over'} {LENGTH_SPLIT:,} characters"
    figures = own.figures(same_side) if own else None
    if own and figures and figures[1] >= TRUSTED_GROUP:
        line = own.says(*figures, side)
        if published:
            line += (
                f"; published studies favour {low:,}–{high:,}, but this advice follows "
                "your own posts"
            )
        return [Advice(f"{line}.", "characters", own.source)]
    lines = []
    if published:
        lines.append(
            Advice(
                f"{published} that did best in published studies.",
                "characters",
                bench.LENGTH_SOURCE,
            )
        )
    if own and figures:
        lines.append(Advice(f"{own.says(*figures, side)}.", "characters", own.source))
    return lines


def _question(features: DraftFeatures, own: _OwnPosts | None) -> list[Advice]:
    """A closing question: published studies favour one; once the member's own posts are
    enough to trust, they decide, and the line says so when the two disagree."""

    def asks(post: HistoryPost) -> bool:
        text = _text(post)
        return text is not None and _light(text)[1]

    figures = own.figures(asks) if own else None
    if own and figures and figures[1] >= TRUSTED_GROUP:
        ratio, size = figures
        said = own.says(ratio, size, "ending with a question")
        if features.ends_with_question or ratio >= 1:
            ask = "" if features.ends_with_question else "End with a question: "
            return [Advice(f"{ask}{said}.", "questions", own.source)]
        return [
            Advice(
                f"{said}: published studies favour a closing question, but your own posts do "
                "not, so none is needed.",
                "questions",
                own.source,
            )
        ]
    lines = []
    if not features.ends_with_question:
        lines.append(
            Advice("End with a question to invite comments.", "questions", bench.QUESTION_SOURCE)
        )
    if own and figures:
        lines.append(own.compare(asks, "ending with a question", "questions"))
    return lines


def _links(features: DraftFeatures, own: _OwnPosts | None) -> list[Advice]:
    if not features.links:
        return []
    plural = "s" if features.links > 1 else ""
    lines = [
        Advice(
            f"{features.links:,} external link{plural}: the studies disagree on their cost; "
            "try the link in the first comment.",
            "links",
            bench.LINK_SOURCE,
        )
    ]

    def linked(post: HistoryPost) -> bool:
        text = _text(post)
        return text is not None and _light(text)[2] > 0

    if own and own.has_group(linked):
        lines.append(own.compare(linked, "with a link", "links"))
    return lines


def _readability(features: DraftFeatures) -> list[Advice]:
    if features.readability is not None and features.readability < READABILITY_HARD:
        return [
            Advice(
                f"Readability {features.readability:.0f} (Flesch): hard going; shorter words "
                "and sentences help.",
                "readability",
                "Flesch reading ease: 60–70 is plain English",
            )
        ]
    if features.characters > WALL_OF_TEXT and not features.blank_lines:
        return [
            Advice(
                f"{features.characters:,} characters without a blank line: short paragraphs "
                "read better on a phone.",
                "blank_lines",
                "draft layout (no published number)",
            )
        ]
    return []
