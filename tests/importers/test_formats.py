"""Post formats: the user's tag first, then evidence, never a guess presented as fact."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any, get_args

import pytest

from ssi_tui.core.domain import POST_FORMATS
from ssi_tui.importers import EVIDENCE_WINDOW, FormatHint, PostRow, resolve_post_formats
from ssi_tui.importers.formats import (
    FILE_SOURCES,
    FORMAT_SYNONYMS,
    format_from_tag,
    format_from_upload,
)
from ssi_tui.importers.model import FormatSource

NOON = datetime(2025, 3, 4, 12, 0)


def _post(number: int, at: datetime | None = NOON, **extra: Any) -> PostRow:
    post = PostRow(
        id=f"urn:li:share:{number}",
        published_at=at,
        text=f"post {number}",
        url=f"https://www.linkedin.com/feed/update/urn:li:share:{number}",
    )
    return replace(post, **extra)


def _formats(posts: list[PostRow]) -> list[tuple[str, str]]:
    return [(post.format, post.format_source) for post in posts]


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("document", "carousel"),
        ("PDF", "carousel"),
        ("Carousel", "carousel"),
        ("photo", "image"),
        ("Picture", "image"),
        ("multi-image", "image"),
        ("text only", "text"),
        ("Video", "video"),
        ("poll", "poll"),
        ("newsletter", "article"),
        ("re-share", "repost"),
        ("link", "link"),
        ("interpretive dance", None),
    ],
)
def test_format_synonyms(word: str, expected: str | None) -> None:
    assert format_from_tag(word) == expected


def test_every_synonym_names_a_catalogue_format() -> None:
    assert set(FORMAT_SYNONYMS.values()) == set(POST_FORMATS)


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("video", "video"),
        ("feed video", "video"),
        ("document", "carousel"),
        ("feed document", "carousel"),
        ("feed photo", "image"),
        ("photo", "image"),
        ("profile photo", None),
        ("background photo", None),
        ("sticker", None),
    ],
)
def test_upload_kinds(kind: str, expected: str | None) -> None:
    assert format_from_upload(kind) == expected


def test_the_users_tag_wins_over_any_evidence() -> None:
    tagged = _post(1, format="image", format_source="user")
    hints = [FormatHint(NOON, "video")]
    assert _formats(resolve_post_formats([tagged], hints, {tagged.id})) == [("image", "user")]


def test_an_upload_within_the_window_gives_the_format() -> None:
    posts = [_post(1), _post(2, NOON + timedelta(hours=3))]
    hints = [FormatHint(NOON - EVIDENCE_WINDOW + timedelta(seconds=1), "carousel")]
    assert _formats(resolve_post_formats(posts, hints, set())) == [
        ("carousel", "upload"),
        ("unknown", "unknown"),
    ]


def test_an_upload_outside_the_window_is_no_evidence() -> None:
    hints = [FormatHint(NOON - EVIDENCE_WINDOW - timedelta(seconds=1), "video")]
    assert _formats(resolve_post_formats([_post(1)], hints, set())) == [("unknown", "unknown")]


def test_each_upload_goes_to_the_nearest_post_once() -> None:
    posts = [_post(1, NOON), _post(2, NOON + timedelta(minutes=4))]
    hints = [FormatHint(NOON + timedelta(minutes=3), "video")]
    assert _formats(resolve_post_formats(posts, hints, set())) == [
        ("unknown", "unknown"),
        ("video", "upload"),
    ]


def test_date_only_posts_get_no_upload_evidence() -> None:
    midnight = datetime(2025, 3, 4)
    hints = [FormatHint(midnight + timedelta(minutes=2), "video")]
    assert _formats(resolve_post_formats([_post(1, midnight)], hints, set())) == [
        ("unknown", "unknown")
    ]


def test_votes_mark_a_poll_by_urn_or_by_url() -> None:
    posts = [_post(1), _post(2)]
    votes = {
        "urn:li:share:1",
        "https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A2/",
    }
    assert _formats(resolve_post_formats(posts, [], votes)) == [("poll", "poll")] * 2


def test_link_only_text_and_external_shared_urls_are_link_posts() -> None:
    posts = [
        _post(1, text="https://example.org/guide"),
        _post(2, shared_url="https://example.org/report"),
        _post(3, shared_url="https://www.linkedin.com/feed/update/urn:li:activity:9"),
        _post(4, text="Read this: https://example.org/guide and tell me"),
    ]
    assert _formats(resolve_post_formats(posts, [], set())) == [
        ("link", "link"),
        ("link", "link"),
        ("unknown", "unknown"),
        ("unknown", "unknown"),
    ]


def test_an_article_urn_is_an_article() -> None:
    article = PostRow(id="urn:li:linkedInArticle:77", published_at=NOON)
    assert _formats(resolve_post_formats([article], [], set())) == [("article", "article")]


def test_evidence_from_the_share_row_is_kept() -> None:
    repost = _post(1, format="repost", format_source="repost")
    hints = [FormatHint(NOON, "image")]
    assert _formats(resolve_post_formats([repost], hints, set())) == [("repost", "repost")]


def test_with_the_uploads_read_a_post_none_of_them_matches_is_text() -> None:
    """Rich_Media.csv lists every upload: a timed post without one, a link or a vote is text."""
    posts = [
        _post(1, NOON),
        _post(2, NOON + timedelta(hours=5)),
        _post(3, text="https://example.org/guide"),
        _post(4, datetime(2025, 3, 4)),  # a date alone: nothing is inferred
    ]
    hints = [FormatHint(NOON + timedelta(minutes=1), "image")]
    assert _formats(resolve_post_formats(posts, hints, set(), uploads_read=True)) == [
        ("image", "upload"),
        ("text", "inferred"),
        ("link", "link"),
        ("unknown", "unknown"),
    ]
    assert _formats(resolve_post_formats(posts, hints, set()))[1] == ("unknown", "unknown")


def test_order_and_everything_else_are_preserved() -> None:
    posts = [
        _post(number, NOON + timedelta(days=number), impressions=number) for number in range(5)
    ]
    resolved = resolve_post_formats(posts, [], set())
    assert [post.id for post in resolved] == [post.id for post in posts]
    assert [post.impressions for post in resolved] == list(range(5))


def test_the_format_sources_are_the_users_the_files_elimination_and_unknown() -> None:
    assert set(get_args(FormatSource)) == {*FILE_SOURCES, "user", "inferred", "unknown"}
    assert len(set(FILE_SOURCES)) == len(FILE_SOURCES)
