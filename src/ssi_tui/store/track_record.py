"""The format suggestion keeps score of itself: saved drafts against the posts they became.

When a draft is saved, the Drafts pane keeps what it predicted for that very text. When the
draft is published and its post imported, the two are matched by their text, and the member
can see how often the real engagement fell inside the predicted range and how often the
suggested format was, in the weeks that followed, their best one. Few tools show their own
record; it is what makes a suggestion worth believing, or not.
"""

from __future__ import annotations

import json
import statistics
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Final

from ssi_tui.core.post_stats import engagement_of
from ssi_tui.core.text import folded
from ssi_tui.store.transactions import writing

if TYPE_CHECKING:
    from sqlite_utils import Database

    from ssi_tui.store.reader import Readable

SAME_TEXT_SHARE: Final = 0.8
"""A post holding the draft's text (or held by it) within 20% of its length is that draft:
people fix a typo or add a hashtag between saving and publishing."""
PUBLISHED_BEFORE_SAVED: Final = timedelta(days=1)
"""A post published more than a day before the draft was saved is not that draft."""
BEST_FORMAT_DAYS: Final = 90
"""The member's best format is judged over the posts of the 90 days after publishing."""
MIN_FORMAT_POSTS: Final = 3
"""A format needs this many posts in those days to count as a candidate for the best."""


@dataclass(frozen=True)
class TrackedDraft:
    draft_id: int
    post_id: str
    published_at: str | None
    suggestion: str | None
    format: str
    predicted: dict[str, float] | None
    """engagement, low and high predicted for the format the post was published as."""
    actual: int | None
    best_format: str | None
    """The format with the best median engagement in the days after, where it can be told."""

    @property
    def inside(self) -> bool | None:
        if self.predicted is None or self.actual is None:
            return None
        return self.predicted["low"] <= self.actual <= self.predicted["high"]

    @property
    def suggestion_was_best(self) -> bool | None:
        if self.suggestion is None or self.best_format is None:
            return None
        return self.suggestion == self.best_format


@dataclass(frozen=True)
class TrackRecord:
    drafts: tuple[TrackedDraft, ...]

    @property
    def scored(self) -> list[TrackedDraft]:
        return [draft for draft in self.drafts if draft.inside is not None]

    @property
    def judged(self) -> list[TrackedDraft]:
        return [draft for draft in self.drafts if draft.suggestion_was_best is not None]

    def sentence(self) -> str:
        if not self.drafts:
            return (
                "Track record: none yet. Save a draft before you publish it; once its post is "
                "imported, the prediction is scored against what it got."
            )
        scored, judged = self.scored, self.judged
        inside = sum(bool(draft.inside) for draft in scored)
        parts = [f"Track record: {len(self.drafts)} published draft(s)"]
        if scored:
            parts.append(f"{inside} of {len(scored)} landed inside the predicted range")
        else:
            parts.append("none has numbers yet")
        if judged:
            hits = sum(bool(draft.suggestion_was_best) for draft in judged)
            parts.append(f"the suggested format was your best {hits} of {len(judged)} times")
        return "; ".join(parts) + "."

    def to_json(self) -> dict[str, Any]:
        scored, judged = self.scored, self.judged
        return {
            "published_drafts": len(self.drafts),
            "scored": len(scored),
            "inside_range": sum(bool(draft.inside) for draft in scored),
            "judged": len(judged),
            "suggestion_was_best": sum(bool(draft.suggestion_was_best) for draft in judged),
            "drafts": [
                {
                    "draft_id": draft.draft_id,
                    "post_id": draft.post_id,
                    "published_at": draft.published_at,
                    "suggestion": draft.suggestion,
                    "format": draft.format,
                    "predicted": draft.predicted,
                    "actual": draft.actual,
                    "inside": draft.inside,
                    "best_format": draft.best_format,
                }
                for draft in self.drafts
            ],
        }


def _same_text(draft: str, post: str) -> bool:
    if not draft or not post:
        return False
    if draft == post:
        return True
    shorter, longer = sorted((draft, post), key=len)
    return shorter in longer and len(shorter) >= SAME_TEXT_SHARE * len(longer)


def match_published_drafts(db: Database) -> int:
    """Link each saved draft that has a prediction to the post it became; returns how many
    were linked now. A post is linked to one draft at most."""
    if getattr(db.conn, "read_only", False):
        return 0
    linked = 0
    with writing(db):
        taken = {
            str(row[0])
            for row in db.execute("SELECT post_id FROM drafts WHERE post_id IS NOT NULL")
        }
        waiting = list(
            db.query(
                "SELECT id, text, created_at FROM drafts "
                "WHERE post_id IS NULL AND prediction IS NOT NULL ORDER BY created_at"
            )
        )
        for draft in waiting:
            since = datetime.fromisoformat(draft["created_at"]) - PUBLISHED_BEFORE_SAVED
            text = folded(draft["text"])
            for post in db.query(
                "SELECT id, text FROM posts WHERE text IS NOT NULL AND published_at >= ? "
                "ORDER BY published_at",
                [since.isoformat(timespec="seconds")],
            ):
                if post["id"] not in taken and _same_text(text, folded(post["text"])):
                    db.execute(
                        "UPDATE drafts SET post_id = ? WHERE id = ?", [post["id"], draft["id"]]
                    )
                    taken.add(post["id"])
                    linked += 1
                    break
    return linked


def track_record(db: Readable) -> TrackRecord:
    """Every published draft with what was predicted and what its post got."""
    rows = list(
        db.query(
            "SELECT drafts.id AS draft_id, drafts.prediction, posts.* FROM drafts "
            "JOIN posts ON posts.id = drafts.post_id ORDER BY posts.published_at"
        )
    )
    every_post = list(
        db.query(
            "SELECT published_at, format, reactions, comments, reposts, engagements FROM posts "
            "WHERE published_at IS NOT NULL"
        )
    )
    tracked = []
    for row in rows:
        kept = _prediction(row["prediction"])
        predicted = next(
            (
                {key: float(entry[key]) for key in ("engagement", "low", "high")}
                for entry in kept.get("predictions", [])
                if isinstance(entry, dict) and entry.get("format") == row["format"]
            ),
            None,
        )
        tracked.append(
            TrackedDraft(
                draft_id=int(row["draft_id"]),
                post_id=str(row["id"]),
                published_at=row["published_at"],
                suggestion=kept.get("suggestion")
                if isinstance(kept.get("suggestion"), str)
                else None,
                format=str(row["format"]),
                predicted=predicted,
                actual=engagement_of(row),
                best_format=_best_format_after(row["published_at"], every_post),
            )
        )
    return TrackRecord(tuple(tracked))


def _prediction(raw: object) -> dict[str, Any]:
    """The kept prediction, or nothing when another program left something else there."""
    try:
        kept = json.loads(raw) if isinstance(raw, str) else None
    except ValueError:
        return {}
    return kept if isinstance(kept, dict) else {}


def _best_format_after(published_at: str | None, posts: list[dict[str, Any]]) -> str | None:
    """The format whose posts did best in the days after `published_at`, when at least two
    formats have enough posts there to compare."""
    if not published_at:
        return None
    start = datetime.fromisoformat(published_at)
    end = start + timedelta(days=BEST_FORMAT_DAYS)
    by_format: dict[str, list[int]] = {}
    for post in posts:
        moment = datetime.fromisoformat(post["published_at"])
        engagement = engagement_of(post)
        if start <= moment <= end and engagement is not None and post["format"] != "unknown":
            by_format.setdefault(str(post["format"]), []).append(engagement)
    medians = {
        name: statistics.median(values)
        for name, values in by_format.items()
        if len(values) >= MIN_FORMAT_POSTS
    }
    if len(medians) < 2:
        return None
    return max(medians, key=lambda name: (medians[name], name))
