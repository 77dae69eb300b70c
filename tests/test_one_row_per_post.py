"""One row per post, whichever of LinkedIn's files name it and in whichever order they come.

A data-export archive names a member's posts by share id with their text; the creator
analytics workbook names some of them by activity id with their numbers. They used to stay two
rows each, so no post had both text and numbers and the format model never stood on the
member's own posts. Group posts were cut at the hyphen (one row per group), and two posts of one
minute without a URL or text became one.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.cli import run
from tests.importers.export_builders import csv_bytes
from tests.importers.post_history import (
    MEMBER_OFFSET,
    InventedPost,
    archive,
    creator_workbook,
    invented_history,
    measured_posts,
    top_posts_only_workbook,
)

HISTORY = invented_history(198, groups=3)
MEASURED = measured_posts(HISTORY, 53)


def imported(db: Path, path: Path) -> list[dict[str, Any]]:
    status, output = run(db, "import", str(path), "--json")
    assert status == 0, output
    files: list[dict[str, Any]] = json.loads(output)["files"]
    return files


def stored_posts(db: Path) -> list[dict[str, Any]]:
    """What `posts --json` shows, without the moment each row was last written."""
    status, output = run(db, "posts", "--json")
    assert status == 0, output
    posts = json.loads(output)
    for post in posts:
        post.pop("updated_at", None)
    return sorted(posts, key=lambda post: post["id"])


def with_text_and_numbers(posts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    numbers = ("engagements", "impressions")
    return [post for post in posts if post["text"] and any(post[n] is not None for n in numbers)]


def in_top_50(by: str) -> set[str]:
    """The posts a TOP POSTS table lists: 50 at most, by engagements or by impressions."""
    ranked = sorted(MEASURED, key=lambda post: -getattr(post, by))[:50]
    return {post.share_urn for post in ranked}


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    paths = {
        "archive": tmp_path / "Basic_LinkedInDataExport_01-05-2026.zip",
        "workbook": tmp_path / "Content_2025-01-01_2025-12-31_RowanTess.xlsx",
    }
    paths["archive"].write_bytes(archive(HISTORY))
    paths["workbook"].write_bytes(creator_workbook(MEASURED))
    return paths


@pytest.mark.parametrize("order", [("archive", "workbook"), ("workbook", "archive")])
def test_the_archive_and_the_workbook_meet_in_one_row_per_post(
    files: dict[str, Path], tmp_path: Path, order: tuple[str, str]
) -> None:
    db = tmp_path / "ssi.db"
    first, second = (imported(db, files[name]) for name in order)
    posts = stored_posts(db)
    assert len(posts) == 198
    joined = with_text_and_numbers(posts)
    assert len(joined) == 53
    truth = {post.share_urn: post for post in MEASURED}
    assert {post["id"] for post in joined} == set(truth)
    listed = {by: in_top_50(by) for by in ("engagements", "impressions")}
    for post in joined:
        expected: InventedPost = truth[post["id"]]
        assert (post["text"], post["engagements"], post["impressions"]) == (
            expected.text,
            expected.engagements if post["id"] in listed["engagements"] else None,
            expected.impressions if post["id"] in listed["impressions"] else None,
        )
        assert post["published_at"] == expected.published.isoformat()
    assert [report["joined"] for report in second if report["kind"] != "skipped"] == [53]
    assert all(report.get("joined", 0) == 0 for report in first)


def test_either_order_gives_the_same_posts_and_a_second_import_changes_nothing(
    files: dict[str, Path], tmp_path: Path
) -> None:
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    imported(one, files["archive"])
    imported(one, files["workbook"])
    imported(two, files["workbook"])
    imported(two, files["archive"])
    assert stored_posts(one) == stored_posts(two)
    before = stored_posts(one)
    for name in ("archive", "workbook"):
        reports = imported(one, files[name])
        assert all(report.get("joined", 0) == 0 for report in reports)
        assert stored_posts(one) == before


def test_the_human_report_says_how_many_posts_joined(
    files: dict[str, Path], tmp_path: Path
) -> None:
    db = tmp_path / "ssi.db"
    imported(db, files["archive"])
    status, output = run(db, "import", str(files["workbook"]))
    assert status == 0
    assert "; 53 of them joined posts already stored" in output


def test_three_posts_in_one_group_stay_three(tmp_path: Path) -> None:
    db = tmp_path / "ssi.db"
    path = tmp_path / "export.zip"
    path.write_bytes(archive(HISTORY))
    imported(db, path)
    groups = [post for post in stored_posts(db) if post["id"].startswith("urn:li:groupPost:")]
    assert sorted(post["id"] for post in groups) == sorted(
        post.share_urn for post in HISTORY if post.kind == "groupPost"
    )
    assert len(groups) == 3


def test_two_posts_of_one_minute_without_url_or_text_stay_two(tmp_path: Path) -> None:
    db = tmp_path / "ssi.db"
    path = tmp_path / "my-posts.csv"
    header = ["published_at", "format", "text", "url", "impressions", "reactions"]
    rows = [
        header,
        ["2025-03-04 09:15", "image", "", "", "1200", "30"],
        ["2025-03-04 09:15", "poll", "", "", "800", "12"],
        ["2025-03-04 09:15", "poll", "", "", "800", "12"],  # the same row again: one post
    ]
    path.write_bytes(csv_bytes(rows))
    imported(db, path)
    imported(db, path)
    posts = stored_posts(db)
    assert sorted((post["format"], post["impressions"]) for post in posts) == [
        ("image", 1200),
        ("poll", 800),
    ]


@pytest.mark.parametrize("sheet", ["TOP POSTS", "Sheet1"])
def test_a_workbook_holding_only_the_top_posts_sheet_imports(tmp_path: Path, sheet: str) -> None:
    db = tmp_path / "ssi.db"
    path = tmp_path / "best posts.xlsx"
    path.write_bytes(top_posts_only_workbook(MEASURED, sheet))
    [report] = imported(db, path)
    assert report["kind"] == "creator_analytics"
    assert len(stored_posts(db)) == 53
    archived = tmp_path / "export.zip"
    archived.write_bytes(archive(HISTORY))
    imported(db, archived)
    assert len(with_text_and_numbers(stored_posts(db))) == 53


def test_a_post_without_a_time_takes_the_time_in_its_id(tmp_path: Path) -> None:
    """TOP POSTS gives a date; the activity id gives the minute, which the model uses."""
    db = tmp_path / "ssi.db"
    path = tmp_path / "best posts.xlsx"
    path.write_bytes(top_posts_only_workbook(MEASURED))
    imported(db, path)
    times = sorted(post["published_at"] for post in stored_posts(db))
    expected = sorted(post.published for post in MEASURED)
    assert len(times) == len(expected)
    for stored, published in zip(times, expected, strict=True):
        gap = abs(published - datetime.fromisoformat(stored))
        assert gap.total_seconds() < 3  # the activity id is made within a second or two


def test_the_uploads_file_tells_text_posts_from_the_rest(tmp_path: Path) -> None:
    db = tmp_path / "ssi.db"
    path = tmp_path / "export.zip"
    uploads = {0: "photo", 1: "video", 2: "document"}
    path.write_bytes(archive(HISTORY[:10], uploads))
    imported(db, path)
    by_id = {post["id"]: post for post in stored_posts(db)}
    formats = [
        (by_id[post.share_urn]["format"], by_id[post.share_urn]["format_source"])
        for post in HISTORY[:10]
    ]
    assert formats[:3] == [("image", "upload"), ("video", "upload"), ("carousel", "upload")]
    assert formats[3:] == [("text", "inferred")] * 7


def test_a_database_with_the_old_duplicates_is_repaired_on_first_open(
    files: dict[str, Path], tmp_path: Path
) -> None:
    """As the previous version left it: each measured post twice, the member's format tag on
    the row with the numbers; the upgrade merges them, keeping the tag and the larger numbers."""
    from sqlite_utils import Database

    from ssi_tui.store.database import APPLICATION_ID
    from ssi_tui.store.schema import migrations

    db_path = tmp_path / "old.db"
    old = Database(db_path)
    migrations.apply(old, stop_before="m006_post_names")
    old.execute(f"PRAGMA application_id={APPLICATION_ID}")
    stamp = "2026-01-05T10:00:00"
    for post in HISTORY:
        old["posts"].insert(
            {
                "id": post.share_urn,
                "published_at": post.published.isoformat(),
                "text": post.text,
                "url": post.share_link,
                "format": "unknown",
                "format_source": "unknown",
                "source": "import",
                "updated_at": stamp,
            }
        )
    for index, post in enumerate(MEASURED):
        old["posts"].insert(
            {
                "id": f"urn:li:activity:{post.activity_number}",
                "published_at": f"{(post.published).date().isoformat()}T00:00:00",
                "url": post.activity_link(index),
                "engagements": post.engagements,
                "impressions": post.impressions,
                "format": "carousel" if index == 0 else "unknown",
                "format_source": "user" if index == 0 else "unknown",
                "source": "import",
                "updated_at": stamp,
            }
        )
    old.conn.commit()
    old.close()
    posts = stored_posts(db_path)  # the first open migrates
    assert len(posts) == 198
    joined = with_text_and_numbers(posts)
    assert len(joined) == 53
    tagged = next(post for post in posts if post["id"] == MEASURED[0].share_urn)
    assert (tagged["format"], tagged["format_source"]) == ("carousel", "user")
    assert tagged["impressions"] == MEASURED[0].impressions
    assert list(tmp_path.glob("old.db.backup-*-before-m006_post_names")) != []
    names = sqlite3.connect(db_path).execute("SELECT count(*) FROM post_names").fetchone()[0]
    assert names == 198 + 53
    imported(db_path, files["workbook"])  # and later files still join
    assert len(stored_posts(db_path)) == 198


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(order=st.permutations(["archive", "workbook", "top posts", "posts csv"]))
def test_any_order_of_the_same_files_gives_the_same_posts(
    tmp_path_factory: pytest.TempPathFactory, order: list[str]
) -> None:
    folder = tmp_path_factory.mktemp("order")
    history = invented_history(30, seed=11, groups=2)
    measured = measured_posts(history, 12)
    paths = {
        "archive": folder / "export.zip",
        "workbook": folder / "Content_2025.xlsx",
        "top posts": folder / "top.xlsx",
        "posts csv": folder / "mine.csv",
    }
    paths["archive"].write_bytes(archive(history, {0: "photo"}))
    paths["workbook"].write_bytes(creator_workbook(measured[:8]))
    paths["top posts"].write_bytes(top_posts_only_workbook(measured[4:]))
    tagged = [["published_at", "format", "text", "url", "reactions"]] + [
        [post.published.isoformat(" ")[:16], "carousel", post.text, "", "9"]
        for post in history[5:9]
    ]
    paths["posts csv"].write_bytes(csv_bytes(tagged))
    reference = folder / "reference.db"
    for name in ["archive", "workbook", "top posts", "posts csv"]:
        imported(reference, paths[name])
    db = folder / "ordered.db"
    for name in order:
        imported(db, paths[name])
    assert stored_posts(db) == stored_posts(reference)
    assert len(stored_posts(db)) == 30


def test_posts_tag_settles_a_format_by_any_name_the_post_has(
    files: dict[str, Path], tmp_path: Path
) -> None:
    db = tmp_path / "ssi.db"
    imported(db, files["archive"])
    imported(db, files["workbook"])
    post = MEASURED[0]
    by_activity_url = post.activity_link(1)
    assert run(db, "posts", "tag", by_activity_url, "document") == (
        0,
        f"{post.share_urn} is now a carousel post (your tag).\n",
    )
    assert run(db, "posts", "tag", post.share_urn, "image") == (
        0,
        f"{post.share_urn} is now an image post (your tag).\n",
    )
    stored = next(row for row in stored_posts(db) if row["id"] == post.share_urn)
    assert (stored["format"], stored["format_source"]) == ("image", "user")
    assert run(db, "posts", "tag", "urn:li:share:1", "text") == (
        2,
        "ssi-tui: No post in your post log is named 'urn:li:share:1'; "
        "'ssi-tui posts --json' lists them.\n",
    )
    assert run(db, "posts", "tag", post.share_urn, "dance")[0] == 2
    imported(db, files["workbook"])  # a later import never overrides the member's tag
    stored = next(row for row in stored_posts(db) if row["id"] == post.share_urn)
    assert (stored["format"], stored["format_source"]) == ("image", "user")


def test_the_model_says_what_it_stands_on_and_keeps_a_model_of_unknown_formats(
    files: dict[str, Path], tmp_path: Path
) -> None:
    """A model trained on posts of unknown format was refused at every load ("format_counts
    holds unknown names") and retrained; and it was presented as a per-format model."""
    db = tmp_path / "ssi.db"
    imported(db, files["archive"])
    imported(db, files["workbook"])
    draft = tmp_path / "draft.txt"
    draft.write_text("Three lessons from a year of cold outreach. What would you add?\n")
    status, output = run(db, "model", "train", "--json")
    assert status == 0
    assert json.loads(output)["stands_on"] == {
        "with_numbers": 50,  # the model learns from engagement; 3 posts have impressions only
        "known_format": 0,
        "by_format": {},
        "next_step": "tag the format of 50 posts with numbers "
        "(u on the Posts pane, or 'ssi-tui posts tag')",
    }
    first = json.loads(run(db, "analyze", str(draft), "--json")[1])
    assert "note" not in first  # the saved model loads as it was saved
    assert first["basis"] == "prior"
    assert first["stands_on"]["known_format"] == 0
    tagged = next(post for post in MEASURED if post.share_urn in in_top_50("engagements"))
    run(db, "posts", "tag", tagged.share_urn, "video")
    status, output = run(db, "analyze", str(draft))
    assert status == 0
    assert output.rstrip().endswith(
        "50 of your posts have numbers, 1 of them a known format (video 1). Next: tag the "
        "format of 49 posts with numbers (u on the Posts pane, or 'ssi-tui posts tag')."
    )


def test_a_post_analytics_workbook_joins_its_post(files: dict[str, Path], tmp_path: Path) -> None:
    """`PostAnalytics_….xlsx` names the post by a /posts/ link holding its activity id."""
    from tests.importers.export_builders import xlsx_bytes

    db = tmp_path / "ssi.db"
    imported(db, files["archive"])
    post = HISTORY[10]
    local = post.published + MEMBER_OFFSET
    rows = [
        ["Post URL", post.activity_link(0)],
        ["Post Date", f"{local:%b} {local.day}, {local.year}"],
        ["Post Publish Time", f"{local:%I:%M %p}"],
        ["Impressions", "12,345"],
        ["Reactions", "40"],
        ["Comments", "5"],
        ["Reposts", "2"],
    ]
    path = tmp_path / f"PostAnalytics_RowanTess_{post.activity_number}.xlsx"
    path.write_bytes(xlsx_bytes({"PERFORMANCE": rows}))
    [report] = imported(db, path)
    assert report["joined"] == 1
    posts = stored_posts(db)
    assert len(posts) == 198
    stored = next(row for row in posts if row["id"] == post.share_urn)
    assert (stored["text"], stored["impressions"], stored["engagement"]) == (post.text, 12345, 47)
    assert stored["published_at"] == post.published.isoformat()  # Shares.csv's, to the second


def test_two_posts_a_second_apart_each_meet_their_own_numbers(tmp_path: Path) -> None:
    """The nearest id wins, and a post that has its activity already takes no other: two
    posts published 1.2 s apart (a scheduled post and a manual one) stay two."""
    import random
    from dataclasses import replace
    from datetime import timedelta

    from tests.importers.post_history import timed_id

    rng = random.Random(3)
    first = HISTORY[0]
    moment = first.published
    second = replace(
        first,
        published=moment + timedelta(seconds=1),
        share_number=str(timed_id(moment + timedelta(milliseconds=1_200), rng)),
        activity_number=timed_id(moment + timedelta(milliseconds=1_300), rng),
        text="A second post, published a moment later",
        engagements=7,
        impressions=70,
    )
    first = replace(
        first,
        share_number=str(timed_id(moment, rng)),
        activity_number=timed_id(moment + timedelta(milliseconds=200), rng),
    )
    pair = [first, second]
    db = tmp_path / "ssi.db"
    workbook, export = tmp_path / "Content_2025.xlsx", tmp_path / "export.zip"
    workbook.write_bytes(creator_workbook(pair))
    export.write_bytes(archive(pair))
    imported(db, workbook)
    imported(db, export)
    posts = {post["id"]: post for post in stored_posts(db)}
    assert len(posts) == 2
    assert posts[first.share_urn]["engagements"] == first.engagements
    assert posts[second.share_urn]["engagements"] == 7
