"""The member's own posts CSV: columns in any order, format synonyms, counts checked."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from export_builders import csv_bytes

from ssi_tui.importers import ImportRefused, read_path

Write = Callable[[str, bytes], Path]


def test_columns_in_any_order_with_synonyms_and_metrics(write: Write) -> None:
    rows = [
        [
            "reactions",
            "text",
            "format",
            "published_at",
            "impressions",
            "url",
            "comments",
            "reposts",
            "followers",
        ],
        [
            "20",
            "Post one\nWhat do you think? 🤔",
            "Document",
            "2025-01-05T09:00:00",
            "1,000",
            "https://www.linkedin.com/feed/update/urn:li:activity:7300000000000000001",
            "3",
            "1",
            "5",
        ],
        ["", "Post two", "photo", "2025-01-06 10:30", "", "", "", "", ""],
        ["4", "Post three", "", "1/7/25, 8:00 AM", "50", "", "0", "0", ""],
    ]
    [result] = read_path(write("my posts.csv", csv_bytes(rows)))
    assert result.kind == "posts_csv"
    assert (result.imported, result.errors) == (3, [])
    assert result.journal == []  # the post log only: Shares.csv journals posts
    first, second, third = result.posts
    assert first.id == "urn:li:activity:7300000000000000001"
    assert (first.format, first.format_source) == ("carousel", "user")
    assert first.text == "Post one\nWhat do you think? 🤔"
    assert (first.impressions, first.reactions, first.comments, first.reposts) == (1000, 20, 3, 1)
    assert first.followers == 5
    assert (second.format, second.reactions, second.published_at) == (
        "image",
        None,
        datetime(2025, 1, 6, 10, 30),
    )
    assert second.id.startswith("post:")
    assert (third.format, third.format_source) == ("unknown", "unknown")


def test_ids_are_stable_across_imports(write: Write) -> None:
    rows = [["published_at", "format", "text"], ["2025-01-05T09:00:00", "text", "Same post"]]
    first = read_path(write("a.csv", csv_bytes(rows)))[0].posts[0].id
    second = read_path(write("b.csv", csv_bytes(rows)))[0].posts[0].id
    assert first == second


def test_only_published_at_and_format_are_required(write: Write) -> None:
    rows = [["format", "published_at"], ["video", "2025-01-05"]]
    [result] = read_path(write("posts.csv", csv_bytes(rows)))
    assert [(post.format, post.text) for post in result.posts] == [("video", None)]


def test_a_posts_csv_without_format_is_refused(write: Write) -> None:
    rows = [["published_at", "text"], ["2025-01-05", "hello"]]
    with pytest.raises(ImportRefused):
        read_path(write("posts.csv", csv_bytes(rows)))


def test_bad_cells_are_reported_by_line_and_never_invented(write: Write) -> None:
    rows = [
        ["published_at", "format", "impressions", "reactions"],
        ["2025-01-05", "meme", "-5", "lots"],
        ["not a date", "text", "1", "1"],
        ["2025-01-06", "text", "NA", "2"],
    ]
    [result] = read_path(write("posts.csv", csv_bytes(rows)))
    assert result.imported == 2
    assert result.errors == [
        "line 2: unknown format 'meme' (kept as unknown)",
        "line 2: impressions '-5' is not a count (left empty)",
        "line 2: reactions 'lots' is not a count (left empty)",
        "line 3: unreadable date 'not a date'",
    ]
    first, second = result.posts
    assert (first.format, first.impressions, first.reactions) == ("unknown", None, None)
    assert (second.impressions, second.reactions) == (None, 2)


def test_the_same_post_twice_is_one_post(write: Write) -> None:
    row = ["2025-01-05T09:00:00", "poll", "Which?", "12"]
    rows = [["published_at", "format", "text", "impressions"], row, row]
    [result] = read_path(write("posts.csv", csv_bytes(rows)))
    assert (len(result.posts), result.imported, result.skipped) == (1, 1, 1)
