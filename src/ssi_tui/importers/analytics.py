"""Creator analytics workbooks (`Content_…xlsx`, `AggregateAnalytics_…xlsx`).

Sheets are found by name (DISCOVERY, ENGAGEMENT, TOP POSTS, FOLLOWERS, DEMOGRAPHICS) and, when
the UI language translated the names, by what they hold. DISCOVERY's period totals are not kept:
the daily ENGAGEMENT rows carry the same information per day.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from typing import Final

from ssi_tui.importers.dates import DateReader
from ssi_tui.importers.links import post_id
from ssi_tui.importers.model import (
    DailyMetric,
    DemographicShare,
    FollowerCount,
    PostRow,
    with_metrics,
)
from ssi_tui.importers.sink import Sink
from ssi_tui.importers.values import normalise_label, parse_count, parse_fraction
from ssi_tui.importers.workbooks import Row, cell_moment, cell_text

SHEET_ROLES: Final = ("discovery", "engagement", "topposts", "followers", "demographics")
_POST_LINK: Final = re.compile(r"linkedin\.com/(?:.*/)?(?:feed/update|posts)/", re.IGNORECASE)
_DATE_IN_TEXT: Final = re.compile(r"\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}")

Undated = Callable[[int, Row], None]
"""Told about a row of counts whose date is missing, unreadable or out of range."""


def _cell(row: Row, index: int) -> object:
    return row[index] if index < len(row) else None


def _is_post_link(cell: object) -> bool:
    return isinstance(cell, str) and _POST_LINK.search(cell) is not None


def _dated_rows(
    rows: Sequence[Row], width: int, dates: DateReader, undated: Undated | None = None
) -> list[tuple[date, list[int | None]]]:
    """Rows that are a date followed by `width` counts (empty counts allowed).

    A row of counts whose date cannot be used goes to `undated` (with its 1-based number), so a
    reader can report it instead of dropping a day without a word.
    """
    found: list[tuple[date, list[int | None]]] = []
    for number, row in enumerate(rows, start=1):
        if len(row) > width + 1:
            continue
        counts = [parse_count(_cell(row, index)) for index in range(1, width + 1)]
        if not any(count is not None for count in counts):
            continue
        moment = cell_moment(_cell(row, 0), dates)
        if moment is not None:
            found.append((moment.date(), counts))
        elif undated is not None:
            undated(number, row)
    return found


def _report_undated(sink: Sink) -> Undated:
    def report(number: int, row: Row) -> None:
        cell = _cell(row, 0)
        text = cell.isoformat() if isinstance(cell, date) else cell_text(cell)
        sink.error(number, f"unreadable date {text!r}" if text else "no date")

    return report


def sheet_role(name: str, rows: Sequence[Row]) -> str | None:
    """Which of the five sheets this is, by name or else by content."""
    by_name = normalise_label(name)
    if by_name in SHEET_ROLES:
        return by_name
    if any(_is_post_link(cell) for row in rows[:60] for cell in row):
        return "topposts"
    dates = DateReader()
    if len(_dated_rows(rows, 2, dates)) >= 1 and all(len(row) <= 3 for row in rows[1:]):
        three = sum(len(row) == 3 for row in rows)
        two = sum(len(row) == 2 for row in rows)
        if three > two:
            return "engagement"
        if rows and _DATE_IN_TEXT.search(cell_text(_cell(rows[0], 0))):
            return "followers"
    if any(len(row) >= 3 and parse_fraction(row[2])[0] is not None for row in rows[1:6]):
        return "demographics"
    if any(parse_count(_cell(row, 1)) is not None for row in rows[:10]):
        return "discovery"
    return None


def read_engagement(rows: Sequence[Row], sink: Sink) -> None:
    days: dict[date, tuple[int | None, int | None]] = {}
    undated = _report_undated(sink)
    for day, (impressions, engagements) in _dated_rows(rows, 2, sink.dates, undated):
        known = days.get(day, (None, None))
        days[day] = (_max(known[0], impressions), _max(known[1], engagements))
        sink.used()
    sink.result.daily_metrics = [DailyMetric(day, *values) for day, values in sorted(days.items())]


def _max(first: int | None, second: int | None) -> int | None:
    if first is None or second is None:
        return first if second is None else second
    return max(first, second)


def _table_metrics(rows: Sequence[Row], starts: list[int]) -> dict[int, str]:
    """Table start column → the metric its third column holds (by header, else by position)."""
    metrics: dict[int, str] = {}
    for position, start in enumerate(starts):
        label = ""
        for row in rows[:10]:
            text = normalise_label(cell_text(_cell(row, start + 2)))
            if "impression" in text or "engagement" in text:
                label = text
                break
        if "impression" in label:
            metrics[start] = "impressions"
        elif "engagement" in label:
            metrics[start] = "engagements"
        else:
            metrics[start] = "engagements" if position == 0 else "impressions"
    return metrics


def read_top_posts(rows: Sequence[Row], sink: Sink) -> None:
    """Two side-by-side top-50 tables (by engagements, by impressions): one post row per URL."""
    starts = sorted(
        {index for row in rows for index, cell in enumerate(row) if _is_post_link(cell)}
    )
    metrics = _table_metrics(rows, starts)
    for line, row in enumerate(rows, start=1):
        for start in starts:
            url = cell_text(_cell(row, start))
            if not _is_post_link(url):
                continue
            moment = cell_moment(_cell(row, start + 1), sink.dates)
            if moment is None and cell_text(_cell(row, start + 1)):
                sink.warn(line, f"unreadable date {cell_text(_cell(row, start + 1))!r}")
            day = datetime.combine(moment.date(), datetime.min.time()) if moment else None
            value = parse_count(_cell(row, start + 2))
            post = PostRow(id=post_id(url, day, None), published_at=day, url=url)
            sink.add_post(with_metrics(post, {metrics[start]: value}))
            sink.used()


def read_followers(rows: Sequence[Row], sink: Sink) -> None:
    """`Total followers on 4/23/2023: | 54448`, then daily new followers."""
    counts: dict[date, FollowerCount] = {}
    totals: set[int] = set()
    for number, row in enumerate(rows, start=1):
        label = cell_text(_cell(row, 0))
        total = parse_count(_cell(row, 1))
        if total is None or not _is_total_label(label):
            continue
        totals.add(number)
        found = _DATE_IN_TEXT.search(label)
        moment = sink.dates.parse(found[0]) if found else None
        if moment is None:
            sink.error(number, f"unreadable date in {label!r}")
            continue
        counts[moment.date()] = FollowerCount(moment.date(), None, total)
        sink.used()
    report = _report_undated(sink)

    def undated(number: int, row: Row) -> None:
        if number not in totals:
            report(number, row)

    for day, (new,) in _dated_rows(rows, 1, sink.dates, undated):
        known = counts.get(day)
        counts[day] = FollowerCount(day, _max(known.new_followers if known else None, new),
                                    known.total if known else None)  # fmt: skip
        sink.used()
    sink.result.followers = [counts[day] for day in sorted(counts)]


def _is_total_label(label: str) -> bool:
    """`Total followers on 4/23/2023:` (in any language: a label holding a date, or "total")."""
    if label[:1].isdigit():
        return False
    return _DATE_IN_TEXT.search(label) is not None or "total" in label.casefold()


def read_demographics(rows: Sequence[Row], sink: Sink) -> None:
    """`Top Demographics | Value | Percentage`, shares as fractions or `< 1%`."""
    for row in rows:
        share, below = parse_fraction(_cell(row, 2))
        if share is None:
            continue
        sink.result.demographics.append(
            DemographicShare(cell_text(_cell(row, 0)), cell_text(_cell(row, 1)), share, below)
        )
        sink.used()


READERS: Final[dict[str, Callable[[Sequence[Row], Sink], None]]] = {
    "engagement": read_engagement,
    "topposts": read_top_posts,
    "followers": read_followers,
    "demographics": read_demographics,
    "discovery": lambda rows, sink: None,
}


def creator_roles(sheets: Mapping[str, Sequence[Row]]) -> set[str]:
    """The creator-analytics sheets a workbook has (by name or content)."""
    return {role for name, rows in sheets.items() if (role := sheet_role(name, rows))}


def read_creator_analytics(sheets: Mapping[str, Sequence[Row]], sink: Sink) -> set[str]:
    """Read every recognised sheet into `sink`; returns the roles of the sheets recognised.

    People keep the TOP POSTS sheet alone, under any name: with its links to LinkedIn posts
    it is recognised by itself (see `importers/reading.py`).
    """
    seen: set[str] = set()
    for name, rows in sheets.items():
        role = sheet_role(name, rows)
        if role is None or role in seen:
            continue
        seen.add(role)
        sink.part = name
        READERS[role](rows, sink)
    sink.part = ""
    return seen
