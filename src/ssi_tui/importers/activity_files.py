"""Export files that are simply a dated list of things the member did.

Decisions, so the journal only holds the member's own actions:
- Votes.csv → `reaction`: a poll vote is a one-click engagement with a post, the nearest entry in
  the catalogue; its link is also kept as evidence that the post is a poll.
- Invitations.csv: OUTGOING → `connection_request`; INCOMING invitations are someone else's
  action and are skipped (an accepted one shows up in Connections.csv as `connection_accepted`).
- Endorsements and recommendations (given and received) count when the status column is blank
  or says VISIBLE / ACCEPTED / APPROVED / ACTIVE; PENDING, HIDDEN, REJECTED… rows are skipped.
- Member_Follows.csv counts every follow on its date, even one later undone: the act happened.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Final

from ssi_tui.importers.csv_reading import CsvRow
from ssi_tui.importers.links import post_urn
from ssi_tui.importers.sink import Sink

Transform = Callable[[Iterable[CsvRow], Sink], None]

COUNTED_STATUSES: Final = frozenset({"", "visible", "accepted", "approved", "active", "shown"})
"""Statuses of endorsements and recommendations that others can see on the profile."""

RowFilter = Callable[[CsvRow, Sink], str | None]
"""Why a row is skipped (a few words for the report), or None to count it."""


def dated_activity(
    activity: str, date_columns: tuple[str, ...], keep: RowFilter | None = None
) -> Transform:
    """A transformer counting one `activity` per row on the row's date."""

    def transform(rows: Iterable[CsvRow], sink: Sink) -> None:
        for row in rows:
            reason = None if keep is None else keep(row, sink)
            if reason is not None:
                sink.skip(reason)
                continue
            moment = sink.moment(row.line, row.get(*date_columns))
            if moment is None:
                continue
            sink.count(moment.date(), activity)
            sink.used()

    return transform


def visible_status(row: CsvRow, sink: Sink) -> str | None:
    """Keep endorsements and recommendations that show on the profile."""
    status = row.get("endorsementstatus", "status").casefold()
    return None if status in COUNTED_STATUSES else "not shown on the profile"


def outgoing_invitation(row: CsvRow, sink: Sink) -> str | None:
    """Keep invitations the member sent."""
    return None if row.get("direction").casefold() == "outgoing" else "not sent by the member"


def remember_poll(row: CsvRow, sink: Sink) -> str | None:
    """Keep every vote, and note the poll it was cast on."""
    link = row.get("link")
    if link:
        sink.result.poll_links.append(post_urn(link) or link)
    return None


TRANSFORMS: Final[dict[str, Transform]] = {
    "comments": dated_activity("comment", ("date",)),
    "reactions": dated_activity("reaction", ("date",)),
    "votes": dated_activity("reaction", ("date",), remember_poll),
    "invitations": dated_activity("connection_request", ("sentat",), outgoing_invitation),
    "endorsements_received": dated_activity(
        "endorsement_received", ("endorsementdate",), visible_status
    ),
    "endorsements_given": dated_activity("endorsement_given", ("endorsementdate",), visible_status),
    "recommendations_received": dated_activity(
        "recommendation_received", ("creationdate",), visible_status
    ),
    "recommendations_given": dated_activity(
        "recommendation_given", ("creationdate",), visible_status
    ),
    "search_queries": dated_activity("search", ("time",)),
    "company_follows": dated_activity("follow", ("followedon",)),
    "member_follows": dated_activity("follow", ("date",)),
}
"""Kind → transformer for the simple dated files."""
