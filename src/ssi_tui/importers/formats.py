"""Post formats: the words people and files use for them, and the evidence that tells them.

Shares.csv never says a post's format. The rule, strongest first, with the `format_source`
each one stores:
1. the member's own tag (posts CSV, the Posts pane, `posts tag`) — `user`;
2. evidence from the files: the member voted on the post (Votes.csv lists the poll) — `poll`;
   what the share row itself shows (an empty commentary pointing at a LinkedIn post) —
   `repost`, or the 2018 `Type` column — `file`; a Rich_Media.csv upload within
   `EVIDENCE_WINDOW` of the post's time, nearest first, each upload used once — `upload` (video
   → `video`, document → `carousel`, photo → `image`); a text that is only a link, or a share
   pointing at a page outside LinkedIn — `link`; a `linkedInArticle` URN — `article`;
3. by elimination — `inferred`: when Rich_Media.csv was read with the posts and no upload, link
   or vote matches a post with a time, it is a text post (every upload is in that file);
4. otherwise `unknown`. A guess is never stored as the member's word.
Posts whose time is exactly midnight carry a date only (TOP POSTS): no upload is matched to
them, and nothing is inferred.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime, time, timedelta
from typing import Final

from ssi_tui.core.domain import POST_FORMATS, PostFormat
from ssi_tui.importers.links import is_linkedin_post, is_only_a_link, post_urn, urn_type
from ssi_tui.importers.model import UNKNOWN_FORMAT, FormatHint, FormatSource, PostRow
from ssi_tui.importers.values import normalise_label

EVIDENCE_WINDOW: Final = timedelta(minutes=10)
"""An upload this close to a post's time is taken as that post's media."""

_SYNONYMS: Final[dict[PostFormat, tuple[str, ...]]] = {
    "text": ("text", "textonly", "plaintext", "status", "textpost", "written"),
    "image": ("image", "images", "photo", "photos", "picture", "pictures", "pic", "img", "jpg",
              "png", "gif", "multiimage", "multiphoto", "feedphoto", "infographic", "imagepost"),
    "carousel": ("carousel", "document", "documents", "doc", "pdf", "slides", "slideshow",
                 "slidedeck", "feeddocument", "documentpost", "swipe"),
    "video": ("video", "videos", "clip", "reel", "live", "linkedinlive", "feedvideo", "movie"),
    "poll": ("poll", "polls", "survey", "vote", "voting"),
    "article": ("article", "articles", "newsletter", "blog", "blogpost", "pulse",
                "linkedinarticle"),
    "link": ("link", "links", "url", "linkshare", "externallink", "sharedlink", "weblink"),
    "repost": ("repost", "reposts", "reshare", "reshared", "quoterepost", "repostwiththoughts"),
}  # fmt: skip

FORMAT_SYNONYMS: Final[dict[str, PostFormat]] = {
    word: post_format for post_format, words in _SYNONYMS.items() for word in words
}
"""Normalised word → one of POST_FORMATS."""


def format_from_tag(tag: str) -> PostFormat | None:
    """The post format a word names (`Document` → `carousel`), or None for an unknown word."""
    return FORMAT_SYNONYMS.get(normalise_label(tag))


def format_from_upload(kind: str) -> PostFormat | None:
    """The post format an upload implies (`feed document` → `carousel`); None if it implies none."""
    words = kind.casefold()
    if any(word in words for word in ("profile", "background", "cover", "banner", "logo")):
        return None
    if "video" in words:
        return "video"
    if "document" in words or "pdf" in words:
        return "carousel"
    if any(word in words for word in ("photo", "image", "picture")):
        return "image"
    return None


FILE_SOURCES: Final[tuple[FormatSource, ...]] = (
    "poll",
    "repost",
    "file",
    "upload",
    "link",
    "article",
)
"""The `format_source` of formats the export's files prove (see the module docstring)."""


def _with(post: PostRow, post_format: PostFormat, source: FormatSource) -> PostRow:
    return replace(post, format=post_format, format_source=source)


def _has_time(moment: datetime | None) -> bool:
    return moment is not None and moment.time() != time(0)


def _upload_matches(posts: list[PostRow], hints: Iterable[FormatHint]) -> dict[int, PostFormat]:
    """Post index → upload format; the nearest pairs first, each upload used once."""
    ordered = sorted(hints, key=lambda hint: hint.uploaded_at)
    times = [hint.uploaded_at for hint in ordered]
    pairs: list[tuple[timedelta, int, int]] = []
    for post_index, post in enumerate(posts):
        if post.published_at is None or not _has_time(post.published_at):
            continue
        low = bisect.bisect_left(times, post.published_at - EVIDENCE_WINDOW)
        high = bisect.bisect_right(times, post.published_at + EVIDENCE_WINDOW)
        for hint_index in range(low, high):
            pairs.append((abs(times[hint_index] - post.published_at), post_index, hint_index))
    matches: dict[int, PostFormat] = {}
    used: set[int] = set()
    for _, post_index, hint_index in sorted(pairs):
        if post_index not in matches and hint_index not in used:
            matches[post_index] = ordered[hint_index].format
            used.add(hint_index)
    return matches


def _poll_keys(votes_links: Iterable[str]) -> set[str]:
    keys: set[str] = set()
    for link in votes_links:
        keys.add(link.strip())
        urn = post_urn(link)
        if urn:
            keys.add(urn)
    return keys


def resolve_post_formats(
    posts: list[PostRow], hints: list[FormatHint], votes_links: set[str], uploads_read: bool = False
) -> list[PostRow]:
    """Each post with the best-founded format (see the module docstring), in the same order.

    `uploads_read` says that Rich_Media.csv came with the posts, so that a post none of its
    uploads matches is a text post.
    """
    polls = _poll_keys(votes_links)
    uploads = _upload_matches(posts, hints)
    resolved: list[PostRow] = []
    for index, post in enumerate(posts):
        if post.format_source == "user" and post.format in POST_FORMATS:
            resolved.append(post)
            continue
        keys = {post.id, post_urn(post.url or "") or "", (post.url or "").strip()} - {""}
        shared = post.shared_url or ""
        if keys & polls:
            resolved.append(_with(post, "poll", "poll"))
        elif post.format_source in FILE_SOURCES and post.format in POST_FORMATS:
            resolved.append(post)
        elif index in uploads:
            resolved.append(_with(post, uploads[index], "upload"))
        elif is_only_a_link(post.text) or (shared and not is_linkedin_post(shared)):
            resolved.append(_with(post, "link", "link"))
        elif urn_type(post.id) == "linkedInArticle":
            resolved.append(_with(post, "article", "article"))
        elif uploads_read and _has_time(post.published_at) and urn_type(post.id) != "activity":
            resolved.append(_with(post, "text", "inferred"))
        else:
            resolved.append(replace(post, format=UNKNOWN_FORMAT, format_source="unknown"))
    return resolved
