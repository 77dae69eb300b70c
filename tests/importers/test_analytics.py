"""Creator- and post-analytics workbooks: every sheet, translated names, numbers stored as text."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pytest
from export_builders import Rows, complete_export, xlsx_bytes, zip_bytes

from ssi_tui.importers import DailyMetric, FollowerCount, ImportRefused, read_path

Write = Callable[[str, bytes], Path]

POST_A = "https://www.linkedin.com/feed/update/urn:li:activity:7200000000000000001"
POST_B = "https://www.linkedin.com/posts/rowan-tess_pipeline-activity-7200000000000000002-AbCd"
POST_C = "https://www.linkedin.com/posts/rowan-tess_hiring-share-7200000000000000003-XyZ1"


def _creator_sheets(names: tuple[str, str, str, str, str] | None = None) -> dict[str, Rows]:
    discovery, engagement, top, followers, demographics = names or (
        "DISCOVERY",
        "ENGAGEMENT",
        "TOP POSTS",
        "FOLLOWERS",
        "DEMOGRAPHICS",
    )
    return {
        discovery: [
            ["Overall Performance", "4/24/2022 - 4/23/2023"],
            ["Impressions", "46969"],
            ["Members reached", "5,537"],
        ],
        engagement: [
            ["Date", "Impressions", "Engagements"],
            ["4/24/2022", "1,204", "31"],
            ["4/25/2022", 800, 12],
            [datetime(2022, 4, 26), "'97", ""],
            ["4/25/2022", 790, 15],  # the same day again: the larger value wins
        ],
        top: [
            ["Maximum of 50 posts available to include in this list"],
            [],
            [
                "Post URL",
                "Post publish date",
                "Engagements",
                None,
                "Post URL",
                "Post publish date",
                "Impressions",
            ],
            [POST_A, "4/24/2022", "120", None, POST_B, "4/30/2022", "9,001"],
            [POST_B, "4/30/2022", 80, None, POST_A, "4/24/2022", "5,000"],
            [POST_C, "5/02/2022", "7", None, None, None, None],
        ],
        followers: [
            ["Total followers on 4/23/2023:", "54448"],
            [],
            ["Date", "New followers"],
            ["4/24/2022", "12"],
            ["4/25/2022", 0],
        ],
        demographics: [
            ["Top Demographics", "Value", "Percentage"],
            ["Job titles", "Account Executive", 0.139],
            ["Locations", "Lisbon", "< 1%"],
            ["Industries", "Software Development", "21.5%"],
        ],
    }


def _check_creator_result(path: Path) -> None:
    [result] = read_path(path)
    assert result.kind == "creator_analytics"
    assert result.errors == []
    assert result.daily_metrics == [
        DailyMetric(date(2022, 4, 24), 1204, 31),
        DailyMetric(date(2022, 4, 25), 800, 15),
        DailyMetric(date(2022, 4, 26), 97, None),
    ]
    posts = {post.id: post for post in result.posts}
    assert set(posts) == {
        "urn:li:activity:7200000000000000001",
        "urn:li:activity:7200000000000000002",
        "urn:li:share:7200000000000000003",
    }
    first = posts["urn:li:activity:7200000000000000001"]
    assert (first.engagements, first.impressions) == (120, 5000)
    assert first.published_at == datetime(2022, 4, 24)
    assert first.format == "unknown" and first.format_source == "unknown"
    assert (posts["urn:li:share:7200000000000000003"].impressions, len(result.posts)) == (None, 3)
    assert result.followers == [
        FollowerCount(date(2022, 4, 24), 12, None),
        FollowerCount(date(2022, 4, 25), 0, None),
        FollowerCount(date(2023, 4, 23), None, 54448),
    ]
    shares = [(item.value, item.share, item.below) for item in result.demographics]
    assert shares == [
        ("Account Executive", 0.139, False),
        ("Lisbon", 0.01, True),
        ("Software Development", 0.215, False),
    ]


@pytest.mark.parametrize(
    "name",
    ["Content_2022-04-24_2023-04-23_RowanTess.xlsx", "AggregateAnalytics_RowanTess_2022_2023.xlsx"],
)
def test_creator_analytics_all_five_sheets(write: Write, name: str) -> None:
    _check_creator_result(write(name, xlsx_bytes(_creator_sheets())))


def test_translated_sheet_names_are_found_by_content(write: Write) -> None:
    german = ("ENTDECKUNG", "INTERAKTIONEN", "TOP-BEITRÄGE", "FOLLOWER_INNEN", "DEMOGRAFIE")
    sheets = _creator_sheets(german)
    sheets["INTERAKTIONEN"] = [
        ["Datum", "Impressionen", "Interaktionen"],
        *sheets["INTERAKTIONEN"][1:],
    ]
    _check_creator_result(write("Content_2022_2023_RowanTess.xlsx", xlsx_bytes(sheets)))


def test_an_unnamed_workbook_with_creator_sheets_is_recognised(write: Write) -> None:
    _check_creator_result(write("analytics (1).xlsx", xlsx_bytes(_creator_sheets())))


def test_top_posts_header_case_and_table_order_are_read_from_the_header(write: Write) -> None:
    sheets: dict[str, Rows] = {
        "TOP POSTS": [
            ["Maximum of 50 posts available to include in this list"],
            [],
            [
                "POST URL",
                "POST PUBLISH DATE",
                "IMPRESSIONS",
                None,
                "post url",
                "post publish date",
                "engagements",
            ],
            [POST_A, "4/24/2022", "5,000", None, POST_A, "4/24/2022", "120"],
        ],
        "ENGAGEMENT": [["Date", "Impressions", "Engagements"], ["4/24/2022", "1", "2"]],
    }
    [result] = read_path(write("Content_x.xlsx", xlsx_bytes(sheets)))
    [post] = result.posts
    assert (post.impressions, post.engagements) == (5000, 120)


def test_per_post_analytics_rows_in_any_order(write: Write) -> None:
    rows: list[list[object]] = [
        ["Post URL", POST_A],
        ["Post Date", "Jun 16, 2024"],
        ["Post Publish Time", "10:32 AM"],
        ["Impressions", "12,345"],
        ["Members reached", "8,001"],
        ["Profile viewers from this post", "40"],
        ["Followers gained from this post", "7"],
        ["Reactions", "230"],
        ["Comments", 41],
        ["Reposts", "9"],
        ["Saves", "12"],
        ["Sends on LinkedIn", "3"],
        ["Link engagements", "0"],
    ]
    random.Random(7).shuffle(rows)
    rows += [[], ["Top demographics", "Value", "Percentage"], ["Impressions", "x", "0.5"]]
    [result] = read_path(
        write("PostAnalytics_RowanTess_7200000000000000001.xlsx", xlsx_bytes({"Post": rows}))
    )
    assert result.kind == "post_analytics"
    [post] = result.posts
    assert post.id == "urn:li:activity:7200000000000000001"
    assert post.published_at == datetime(2024, 6, 16, 10, 32)
    assert (post.impressions, post.members_reached, post.reactions, post.comments) == (
        12345,
        8001,
        230,
        41,
    )
    assert (post.reposts, post.saves, post.sends, post.link_clicks, post.followers_gained) == (
        9,
        12,
        3,
        0,
        7,
    )


def test_single_post_analytics_with_real_date_cells(write: Write) -> None:
    rows: Rows = [
        ["Post Date", datetime(2024, 6, 16)],
        ["Post URL", POST_B],
        ["Impressions", 10],
    ]
    [result] = read_path(write("SinglePostAnalytics_x.xlsx", xlsx_bytes({"Sheet": rows})))
    assert result.posts[0].published_at == datetime(2024, 6, 16)
    assert result.posts[0].id == "urn:li:activity:7200000000000000002"


def test_company_page_content_export_is_listed_as_skipped(write: Write) -> None:
    sheets = {
        "Metrics": [["note"], ["Date", "Impressions"]],
        "All posts": [["note"], ["Post title", "Post link", "Post type", "Impressions"]],
    }
    [result] = read_path(write("northwind_content_1700000000.xlsx", xlsx_bytes(sheets)))
    assert (result.kind, result.imported) == ("skipped", 0)


def test_a_damaged_workbook_is_refused(write: Write) -> None:
    data = xlsx_bytes(_creator_sheets())
    with pytest.raises(ImportRefused, match="not a readable Excel workbook"):
        read_path(write("Content_x.xlsx", data[:200]))


def test_a_workbook_that_is_not_analytics_is_refused(write: Write) -> None:
    sheets = {"Budget": [["Item", "Cost"], ["Tea", "three"]]}
    with pytest.raises(ImportRefused, match="not a LinkedIn analytics export"):
        read_path(write("budget.xlsx", xlsx_bytes(sheets)))


def test_a_named_post_analytics_file_without_its_labels_is_refused(write: Write) -> None:
    with pytest.raises(ImportRefused, match="not a LinkedIn post-analytics export"):
        read_path(write("PostAnalytics_x_1.xlsx", xlsx_bytes({"S": [["Hello", "there"]]})))


def test_workbooks_inside_a_folder_import_beside_the_export(write: Write, tmp_path: Path) -> None:
    write("mine/Content_2022_2023_RowanTess.xlsx", xlsx_bytes(_creator_sheets()))
    write("mine/Votes.csv", complete_export()["Votes.csv"])
    write("mine/budget.xlsx", xlsx_bytes({"Budget": [["Item", "Cost"]]}))
    kinds = {result.name: result.kind for result in read_path(tmp_path / "mine")}
    assert kinds == {
        "Content_2022_2023_RowanTess.xlsx": "creator_analytics",
        "Votes.csv": "votes",
        "budget.xlsx": "skipped",
    }


def test_workbooks_inside_a_zip(write: Write) -> None:
    files = {"Content_2022_2023_RowanTess.xlsx": xlsx_bytes(_creator_sheets())}
    [result] = read_path(write("analytics.zip", zip_bytes(files)))
    assert result.kind == "creator_analytics" and len(result.posts) == 3


def test_days_whose_date_cannot_be_read_are_errors_not_silently_dropped(write: Write) -> None:
    sheets = _creator_sheets()
    sheets["ENGAGEMENT"] = [*sheets["ENGAGEMENT"], ["4/31/2022", 5, 1], [None, 7, 2]]
    sheets["FOLLOWERS"] = [
        ["Total followers on 4/31/2023:", "54448"],
        *sheets["FOLLOWERS"][1:],
        ["someday", "3"],
    ]
    [result] = read_path(write("Content_2022-04-24_2023-04-23_Rowan.xlsx", xlsx_bytes(sheets)))
    assert result.errors == [
        "ENGAGEMENT line 6: unreadable date '4/31/2022'",
        "ENGAGEMENT line 7: no date",
        "FOLLOWERS line 1: unreadable date in 'Total followers on 4/31/2023:'",
        "FOLLOWERS line 6: unreadable date 'someday'",
    ]
    assert result.error_rows == 4
    assert result.rows_read == result.imported + result.skipped + result.error_rows
    assert len(result.daily_metrics) == 3
