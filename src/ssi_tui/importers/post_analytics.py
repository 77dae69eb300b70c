"""Per-post analytics workbooks (`PostAnalytics_…xlsx`, `SinglePostAnalytics_…xlsx`).

Label/value rows in columns A/B whose positions vary between exports: every row is looked at
and the first occurrence of each label wins (the demographics block below reuses some words).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, time
from typing import Final

from ssi_tui.importers.links import post_id
from ssi_tui.importers.model import PostRow, with_metrics
from ssi_tui.importers.sink import Sink
from ssi_tui.importers.values import normalise_label, parse_count
from ssi_tui.importers.workbooks import Row, cell_moment, cell_text

LABELS: Final[dict[str, str]] = {
    "impressions": "impressions",
    "membersreached": "members_reached",
    "followersgainedfromthispost": "followers_gained",
    "followersgained": "followers_gained",
    "reactions": "reactions",
    "comments": "comments",
    "reposts": "reposts",
    "saves": "saves",
    "sendsonlinkedin": "sends",
    "sends": "sends",
    "linkengagements": "link_clicks",
    "linkclicks": "link_clicks",
}
"""Normalised label → PostRow metric."""


def _labelled_values(sheets: Mapping[str, Sequence[Row]]) -> dict[str, object]:
    values: dict[str, object] = {}
    for rows in sheets.values():
        for row in rows:
            if len(row) < 2:
                continue
            label = normalise_label(cell_text(row[0]))
            if label and label not in values and row[1] is not None:
                values[label] = row[1]
    return values


def looks_like_post_analytics(sheets: Mapping[str, Sequence[Row]]) -> bool:
    """True when the workbook has the post's URL and at least one metric as label/value rows."""
    values = _labelled_values(sheets)
    url = cell_text(values.get("posturl")).casefold()
    return "linkedin.com" in url and any(label in values for label in LABELS)


def _publish_time(value: object, sink: Sink) -> time | None:
    if isinstance(value, time):
        return value
    if isinstance(value, datetime):
        return value.time()
    text = cell_text(value)
    moment = sink.dates.parse(f"2000-01-01 {text}") if text else None
    return moment.time() if moment else None


def read_post_analytics(sheets: Mapping[str, Sequence[Row]], sink: Sink) -> None:
    """One post row with every metric the workbook gives."""
    values = _labelled_values(sheets)
    url = cell_text(values.get("posturl"))
    day_cell = values.get("postdate", values.get("postpublishdate"))
    moment = cell_moment(day_cell, sink.dates)
    if moment is None and cell_text(day_cell):
        sink.note(f"unreadable date {cell_text(day_cell)!r}")
    clock = _publish_time(values.get("postpublishtime"), sink)
    if moment is not None and clock is not None:
        moment = datetime.combine(moment.date(), clock)
    metrics: dict[str, int | None] = {}
    for label, field_name in LABELS.items():
        if label in values and metrics.get(field_name) is None:
            metrics[field_name] = parse_count(values[label])
    post = PostRow(id=post_id(url, moment, None), published_at=moment, url=url or None)
    sink.add_post(with_metrics(post, metrics))
    sink.used()
