"""The plain posts CSV a member keeps by hand: their own format tags and metrics.

Columns by header name in any order; only `published_at` and `format` are required. The format
is the member's word (`format_source="user"`), read through the synonyms (`document` →
`carousel`); a blank or unknown word leaves the post `unknown` (an unknown word is reported).
This file feeds the post log only, not the journal: a member who also imports Shares.csv would
otherwise get every post counted twice.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Final

from ssi_tui.importers.csv_reading import CsvRow
from ssi_tui.importers.formats import format_from_tag
from ssi_tui.importers.links import post_id
from ssi_tui.importers.model import UNKNOWN_FORMAT, PostRow, with_metrics
from ssi_tui.importers.sink import Sink
from ssi_tui.importers.values import parse_count

METRIC_COLUMNS: Final[dict[str, tuple[str, ...]]] = {
    "impressions": ("impressions", "views"),
    "members_reached": ("membersreached", "reach"),
    "reactions": ("reactions", "likes"),
    "comments": ("comments",),
    "reposts": ("reposts", "shares"),
    "saves": ("saves",),
    "sends": ("sends",),
    "link_clicks": ("linkclicks", "clicks"),
    "followers_gained": ("followersgained",),
    "engagements": ("engagements",),
    "followers": ("followers",),
}
"""PostRow field → accepted header names (normalised)."""


def _metric(row: CsvRow, field_name: str, sink: Sink) -> int | None:
    for column in METRIC_COLUMNS[field_name]:
        text = row.cells.get(column, "")
        if not text:
            continue
        value = parse_count(text)
        if value is None:
            sink.warn(row.line, f"{column} {text!r} is not a count (left empty)")
        return value
    return None


def transform_posts_csv(rows: Iterable[CsvRow], sink: Sink) -> None:
    """One post per row; rows without a readable `published_at` are reported and left out.

    A row without a post URL is named by its time and text. Two such rows that differ in
    anything else (two posts of one minute with no text, say) are two posts, told apart by
    their order in the file; a row repeated verbatim is one post.
    """
    seen: dict[str, list[PostRow]] = {}
    for row in rows:
        moment = sink.moment(row.line, row.get("publishedat"))
        if moment is None:
            continue
        tag = row.get("format")
        post_format = format_from_tag(tag) if tag else None
        if tag and post_format is None:
            sink.warn(row.line, f"unknown format {tag!r} (kept as unknown)")
        text = row.get("text")
        url = row.get("url")
        metrics = {name: _metric(row, name, sink) for name in METRIC_COLUMNS}
        post = PostRow(
            id=post_id(url, moment, text),
            published_at=moment,
            text=text or None,
            url=url or None,
            format=post_format or UNKNOWN_FORMAT,
            format_source="user" if post_format else "unknown",
        )
        sink.add_post(_told_apart(with_metrics(post, metrics), seen))
        sink.used()


def _told_apart(post: PostRow, seen: dict[str, list[PostRow]]) -> PostRow:
    """`post`, with an id of its own when an earlier row had the same hashed id but is
    another post; the id of that earlier row when it is the very same post again."""
    if not post.id.startswith("post:"):
        return post
    before = seen.setdefault(post.id, [])
    for earlier in before:
        if replace(earlier, id=post.id) == post:
            return earlier
    told = post if not before else replace(post, id=f"{post.id}-{len(before) + 1}")
    before.append(told)
    return told
