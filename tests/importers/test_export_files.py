"""Each export file → the right journal counts per day, post rows and profile facts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from export_builders import (
    ANN_URL,
    BO_URL,
    MEMBER_URL,
    MESSAGES_HEADER,
    MESSAGES_ROWS,
    complete_export,
    csv_bytes,
    zip_bytes,
)

from ssi_tui.core.domain import ACTIVITY_CATALOGUE
from ssi_tui.importers import FileResult, is_decision_maker, read_path

Write = Callable[[str, bytes], Path]
CATALOGUE = {activity.key for activity in ACTIVITY_CATALOGUE}


def _journal(result: FileResult) -> list[tuple[str, str, int]]:
    return [(row.date.isoformat(), row.activity, row.count) for row in result.journal]


@pytest.fixture(scope="module")
def by_kind(tmp_path_factory: pytest.TempPathFactory) -> dict[str, FileResult]:
    folder = tmp_path_factory.mktemp("export")
    path = folder / "Complete_LinkedInDataExport_07-20-2025.zip"
    path.write_bytes(zip_bytes(complete_export()))
    return {result.kind: result for result in read_path(path) if result.kind != "skipped"}


@pytest.mark.parametrize(
    ("kind", "journal"),
    [
        ("comments", [("2025-07-13", "comment", 2), ("2025-07-14", "comment", 1)]),
        ("reactions", [("2025-07-01", "reaction", 2), ("2025-07-02", "reaction", 1)]),
        ("votes", [("2024-11-22", "reaction", 1), ("2024-11-25", "reaction", 1)]),
        ("invitations", [("2026-04-06", "connection_request", 2)]),
        (
            "connections",
            [("2024-12-16", "connection_accepted", 2), ("2025-01-02", "connection_accepted", 2)],
        ),
        ("endorsements_received", [("2024-12-07", "endorsement_received", 1)]),
        ("endorsements_given", [("2024-12-08", "endorsement_given", 1)]),
        ("recommendations_received", [("2023-12-24", "recommendation_received", 1)]),
        ("recommendations_given", [("2024-01-05", "recommendation_given", 1)]),
        ("search_queries", [("2023-04-22", "search", 2)]),
        ("company_follows", [("2021-06-16", "follow", 1)]),
        ("member_follows", [("2021-06-16", "follow", 1)]),
        (
            "shares",
            [
                ("2024-11-12", "post", 1),
                ("2024-11-20", "post", 2),
                ("2024-11-22", "post", 1),
                ("2024-11-23", "repost", 1),
            ],
        ),
        (
            "messages",
            [
                ("2024-12-11", "message", 1),
                ("2024-12-16", "message", 1),
                ("2024-12-16", "reply_received", 1),
                ("2024-12-17", "message", 1),
                ("2024-12-18", "reply_received", 1),
            ],
        ),
        ("profile", []),
        ("skills", []),
        ("positions", []),
        ("rich_media", []),
    ],
)
def test_each_file_kind_gives_its_daily_counts(
    by_kind: dict[str, FileResult], kind: str, journal: list[tuple[str, str, int]]
) -> None:
    result = by_kind[kind]
    assert _journal(result) == journal
    assert {row.activity for row in result.journal} <= CATALOGUE
    assert result.errors == []


def test_skipped_rows_are_counted_for_the_report(by_kind: dict[str, FileResult]) -> None:
    skipped = {kind: result.skipped for kind, result in by_kind.items() if result.skipped}
    assert skipped == {
        "reactions": 1,  # a verbatim repeat
        "invitations": 1,  # incoming
        "endorsements_received": 1,  # pending
        "recommendations_received": 1,  # hidden
        "messages": 5,  # a draft, two unanswered recruiter messages, a greeting, Ann's 2nd line
        "rich_media": 1,  # a background photo says nothing about posts
    }


def test_shares_become_post_rows_with_urns_text_and_evidence(
    by_kind: dict[str, FileResult],
) -> None:
    posts = by_kind["shares"].posts
    assert [post.id for post in posts] == [
        f"urn:li:share:710000000000000000{n}" for n in range(1, 6)
    ]
    assert posts[0].published_at == datetime(2024, 11, 12, 3, 1, 10)
    assert posts[0].text == "Three lessons from 40 discovery calls 🚀\n\n𝗟𝗶𝘀𝘁𝗲𝗻 more than you talk."
    assert [(post.format, post.format_source) for post in posts] == [
        ("video", "upload"),  # an upload five minutes before
        ("carousel", "upload"),  # a document upload
        ("link", "link"),  # the text is only a link
        ("poll", "poll"),  # the member's vote on it
        ("repost", "repost"),  # no commentary, points at a LinkedIn post
    ]
    assert all(post.impressions is None for post in posts)  # Shares.csv has no metrics


def test_profile_facts_combine_profile_skills_positions_connections_and_photo(
    by_kind: dict[str, FileResult],
) -> None:
    facts = by_kind["profile"].profile
    assert facts is not None
    assert (facts.headline, facts.has_summary, facts.has_industry, facts.has_location) == (
        "Helping SaaS teams sell",
        True,
        True,
        True,
    )
    assert (facts.skills, facts.positions, facts.has_current_position) == (5, 2, True)
    assert (facts.connections, facts.decision_maker_connections) == (4, 2)
    assert facts.has_photo is True  # proven by the profile-photo upload in Rich_Media.csv
    assert facts.completeness == 1.0
    others = [kind for kind, result in by_kind.items() if result.profile and kind != "profile"]
    assert others == []  # one set of facts, on one result


def test_rich_media_gives_format_hints(by_kind: dict[str, FileResult]) -> None:
    hints = by_kind["rich_media"].format_hints
    assert [(hint.uploaded_at, hint.format) for hint in hints] == [
        (datetime(2024, 11, 12, 2, 56), "video"),
        (datetime(2024, 11, 20, 16, 41), "carousel"),
    ]


def test_votes_are_kept_as_poll_evidence(by_kind: dict[str, FileResult]) -> None:
    assert by_kind["votes"].poll_links == [
        "urn:li:share:7100000000000000004",
        "urn:li:activity:555",
    ]


def test_messages_2021_without_recipient_urls(write: Write) -> None:
    header = [cell for cell in MESSAGES_ROWS[0] if cell != "RECIPIENT PROFILE URLS"][:10]
    rows = [header] + [
        [cell for index, cell in enumerate(row) if index != 5][:10] for row in MESSAGES_ROWS[1:]
    ]
    [result] = read_path(write("messages.csv", csv_bytes(rows)))
    activities = {(row.date.isoformat(), row.activity): row.count for row in result.journal}
    assert activities[("2024-12-16", "message")] == 1
    assert activities[("2024-12-18", "reply_received")] == 1
    # the draft folder is still skipped without the draft columns
    assert ("2024-12-20", "message") not in activities


def test_messages_2018_use_their_direction_column(write: Write) -> None:
    rows = [
        ["From", "To", "Date", "Subject", "Content", "Direction", "Folder"],
        ["Rowan Tess", "Ann Brook", "10/16/18, 8:36 AM", "", "Hi", "OUTGOING", "INBOX"],
        ["Ann Brook", "Rowan Tess", "10/16/18, 9:00 AM", "", "Hey", "INCOMING", "INBOX"],
        ["Bo Marsh", "Rowan Tess", "10/17/18, 9:00 AM", "", "Hey", "INCOMING", "INBOX"],
        ["Cy Dale", "Rowan Tess", "10/17/18, 9:30 AM", "", "Job", "INCOMING", "INBOX"],
        ["Cy Dale", "Rowan Tess", "10/17/18, 9:40 AM", "", "Job", "INCOMING", "INBOX"],
    ]
    [result] = read_path(write("Messages.csv", csv_bytes(rows)))
    assert _journal(result) == [("2018-10-16", "message", 1), ("2018-10-16", "reply_received", 1)]


def test_the_member_is_who_takes_part_in_most_conversations(write: Write) -> None:
    """A chatty contact sends more messages than the member, in one conversation only."""
    rows: list[list[str]] = [MESSAGES_HEADER]
    for index in range(6):
        rows.append(
            [
                "Z",
                "",
                "Ann Brook",
                ANN_URL,
                "Rowan Tess",
                MEMBER_URL,
                f"2024-12-0{index + 1} 12:00:00 UTC",
                "",
                "news",
                "INBOX",
                "No",
                "No",
            ]
        )
    for conversation, other in (("P", BO_URL), ("Q", ANN_URL)):
        rows.append(
            [
                conversation,
                "",
                "Rowan Tess",
                MEMBER_URL,
                "x",
                other,
                "2024-12-09 12:00:00 UTC",
                "",
                "hello",
                "INBOX",
                "No",
                "No",
            ]
        )
    [result] = read_path(write("messages.csv", csv_bytes(rows)))
    assert _journal(result) == [("2024-12-09", "message", 2)]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("VP Sales", True),
        ("SVP, Revenue", True),
        ("Vice President of Marketing", True),
        ("Director of Sales EMEA", True),
        ("Head of Growth", True),
        ("Chief Revenue Officer", True),
        ("CEO", True),
        ("Co-Founder & CTO", True),
        ("Cofounder", True),
        ("Business Owner", True),
        ("Managing Partner", True),
        ("President", True),
        ("Account Executive", False),
        ("Product Owner", False),
        ("Partner Manager", False),
        ("Executive Assistant to the CEO", False),
        ("Headhunter", False),
        ("", False),
    ],
)
def test_decision_maker_rule(title: str, expected: bool) -> None:
    assert is_decision_maker(title) is expected


def test_old_rich_media_without_dates_gives_no_hints(write: Write) -> None:
    rows = [["Type", "Link"], ["PROFILE_PHOTO", "https://m/1"], ["FEED_PHOTO", "https://m/2"]]
    [result] = read_path(write("Rich Media.csv", csv_bytes(rows)))
    assert result.kind == "rich_media"
    assert result.format_hints == []
    assert result.profile is not None and result.profile.has_photo is True
    assert (result.imported, result.skipped) == (1, 1)
