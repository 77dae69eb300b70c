"""Every date layout the export and the analytics files use, and the spreadsheet re-saves."""

from __future__ import annotations

from datetime import datetime

import pytest

from ssi_tui.importers.dates import DateReader, parse_datetime


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-07-01 14:33:22", datetime(2025, 7, 1, 14, 33, 22)),  # Shares, Comments (ISO)
        ("2025-07-01", datetime(2025, 7, 1)),
        ("2025-07-01T09:00:00", datetime(2025, 7, 1, 9)),  # posts CSV
        ("2025-07-01T09:00:00+01:00", datetime(2025, 7, 1, 8)),  # offsets become UTC
        ("2024-12-16 18:24:37 UTC", datetime(2024, 12, 16, 18, 24, 37)),  # messages
        ("2023-04-22 09:54 UTC", datetime(2023, 4, 22, 9, 54)),
        ("2017/06/08 08:15:44 UTC", datetime(2017, 6, 8, 8, 15, 44)),  # Shares 2018, searches
        ("16 Dec 2024", datetime(2024, 12, 16)),  # Connections
        ("1/8/18, 6:14 PM", datetime(2018, 1, 8, 18, 14)),  # Connections 2018
        ("12/24/23, 05:28 AM", datetime(2023, 12, 24, 5, 28)),  # Recommendations
        ("12/24/23 05:28 AM UTC", datetime(2023, 12, 24, 5, 28)),
        ("4/6/26, 12:12 AM", datetime(2026, 4, 6, 0, 12)),  # Invitations, midnight hour
        ("Wed Jun 16 06:56:05 UTC 2021", datetime(2021, 6, 16, 6, 56, 5)),  # Company Follows
        ("18-Jun-24", datetime(2024, 6, 18)),  # spreadsheet re-save
        ("4/24/2022", datetime(2022, 4, 24)),  # analytics
        ("November 12, 2024 at 2:56 AM (GMT)", datetime(2024, 11, 12, 2, 56)),  # Rich_Media
        ("Jan 2024", datetime(2024, 1, 1)),  # Positions
        ("  2025-07-01   14:33:22  ", datetime(2025, 7, 1, 14, 33, 22)),
    ],
)
def test_every_documented_layout_reads(text: str, expected: datetime) -> None:
    assert parse_datetime(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", "NA", "31/02/2024", "2024-02-30", "13:00", "yesterday", "1/8/18, 13:14 PM", "9" * 80],
)
def test_unreadable_dates_give_none(text: str) -> None:
    assert parse_datetime(text) is None


def test_a_file_that_shows_day_first_stays_day_first() -> None:
    reader = DateReader()
    assert reader.parse("24/04/2022") == datetime(2022, 4, 24)
    assert reader.parse("03/04/2022") == datetime(2022, 4, 3)  # ambiguous: read like the file


def test_linkedin_slash_dates_are_month_first_by_default() -> None:
    assert DateReader().parse("03/04/2022") == datetime(2022, 3, 4)
