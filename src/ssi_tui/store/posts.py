"""The post log: published posts with their format and metrics."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ssi_tui.core.domain import POST_METRICS, as_post_format
from ssi_tui.core.limits import check_metric
from ssi_tui.core.post_stats import engagement_of
from ssi_tui.store.post_identity import names_of, record_names
from ssi_tui.store.transactions import writing

if TYPE_CHECKING:
    from sqlite_utils import Database

    from ssi_tui.store.reader import Readable

METRIC_COLUMNS = POST_METRICS


@dataclass(frozen=True)
class Post:
    """A published post; metrics are None where unknown."""

    id: str
    published_at: datetime | None
    format: str
    text: str | None
    url: str | None
    impressions: int | None
    reactions: int | None
    comments: int | None
    reposts: int | None
    engagements: int | None
    format_source: str = "unknown"
    """How the format is known (see importers/formats.py): `user`, `upload`, `inferred`…"""
    found_in: tuple[str, ...] = ()
    """The kinds of file the post was read from (`shares`, `creator_analytics`, …)."""
    metrics: tuple[tuple[str, int | None], ...] = ()
    """Every metric the post log keeps, by name, for the post's detail."""
    time_source: str | None = None

    @property
    def engagement(self) -> int | None:
        """Reactions + comments + reposts, or LinkedIn's own total where the split is unknown."""
        return engagement_of(
            {
                "reactions": self.reactions,
                "comments": self.comments,
                "reposts": self.reposts,
                "engagements": self.engagements,
            }
        )

    @property
    def engagement_rate(self) -> float | None:
        """Engagement per impression, where both are known."""
        if not self.impressions or self.engagement is None:
            return None
        return self.engagement / self.impressions

    @property
    def first_line(self) -> str:
        text = (self.text or "").strip()
        return text.splitlines()[0] if text else ""


def upsert_posts(db: Database, rows: Iterable[dict[str, Any]]) -> int:
    """Insert or update posts by id (idempotent)."""
    stamp = datetime.now().isoformat(timespec="seconds")
    records = [{**row, "updated_at": stamp} for row in rows]
    with writing(db):
        db.table("posts").upsert_all(records, pk="id")
        for record in records:
            record_names(db, record["id"], names_of(record["id"], record.get("url")))
    return len(records)


def _row_to_post(row: dict[str, Any]) -> Post:
    published = row["published_at"]
    return Post(
        id=row["id"],
        published_at=datetime.fromisoformat(published) if published else None,
        format=row["format"],
        text=row["text"],
        url=row["url"],
        impressions=row["impressions"],
        reactions=row["reactions"],
        comments=row["comments"],
        reposts=row["reposts"],
        engagements=row["engagements"],
        format_source=row.get("format_source") or "unknown",
        found_in=tuple((row.get("found_in") or "").split(",")) if row.get("found_in") else (),
        metrics=tuple((name, row.get(name)) for name in METRIC_COLUMNS),
        time_source=row.get("time_source"),
    )


def list_posts(db: Readable) -> list[Post]:
    """Every post, newest first."""
    return [_row_to_post(row) for row in db.query("SELECT * FROM posts ORDER BY published_at DESC")]


def post_rows(db: Readable) -> list[dict[str, Any]]:
    """Every post as a plain row with all columns, newest first (for JSON and export)."""
    return list(db.query("SELECT * FROM posts ORDER BY published_at DESC"))


EDITABLE_METRICS: tuple[str, ...] = ("impressions", "reactions", "comments", "reposts")


def update_post(
    db: Database, post_id: str, post_format: str, metrics: dict[str, int | None]
) -> None:
    """The user's correction: their format tag wins over any evidence, and their numbers stand."""
    unknown = set(metrics) - set(METRIC_COLUMNS)
    if unknown:
        raise ValueError(f"Not post metrics: {', '.join(sorted(unknown))}.")
    for name, value in metrics.items():
        if value is not None:
            check_metric(value, f"The post's {name}")
    changes = {
        "format": post_format,
        "format_source": "user",
        **metrics,
        "updated_at": datetime.now().isoformat(timespec="seconds"),
    }
    with writing(db):
        if not db.execute("SELECT 1 FROM posts WHERE id = ?", [post_id]).fetchone():
            raise ValueError("That post is no longer in your post log; nothing was changed.")
        db.table("posts").update(post_id, changes)


def find_post_id(db: Readable, given: str) -> str | None:
    """The stored post that `given` names: its id, any other id it is known by, or a URL
    holding one of them (as a member copies it from LinkedIn)."""
    from ssi_tui.importers.links import post_urn

    for name in dict.fromkeys([given.strip(), post_urn(given) or ""]):
        if not name:
            continue
        row = db.execute(
            "SELECT id FROM posts WHERE id = ? UNION SELECT post_id FROM post_names WHERE name = ?",
            [name, name],
        ).fetchone()
        if row is not None:
            return str(row[0])
    return None


def post_names_of(db: Readable, post_id: str) -> list[str]:
    """Every id the post is known by, its own first."""
    names = [
        str(row[0])
        for row in db.execute(
            "SELECT name FROM post_names WHERE post_id = ? ORDER BY name", [post_id]
        )
    ]
    return [post_id, *(name for name in names if name != post_id)]


def tag_post(db: Database, post_id: str, post_format: str) -> None:
    """The member's word on a post's format: it wins over any evidence, now and later.

    `post_format` may be any text (the TUI's message, a command line's word): it is checked
    here."""
    chosen = as_post_format(post_format)
    with writing(db):
        if not db.execute("SELECT 1 FROM posts WHERE id = ?", [post_id]).fetchone():
            raise ValueError("That post is no longer in your post log; nothing was changed.")
        db.table("posts").update(
            post_id,
            {
                "format": chosen,
                "format_source": "user",
                "updated_at": datetime.now().isoformat(timespec="seconds"),
            },
        )


def posts_fingerprint(db: Readable) -> str:
    """Changes whenever a post, its format or its numbers change (the model retrains then)."""
    import hashlib

    row = db.execute(
        "SELECT count(*), max(updated_at), sum(coalesce(reactions, 0) + coalesce(comments, 0)"
        " + coalesce(reposts, 0) + coalesce(engagements, 0)), group_concat(format) FROM posts"
    ).fetchone()
    return hashlib.sha256(repr(row).encode()).hexdigest()[:16]
