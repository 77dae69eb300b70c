"""What the importers hand to the store: plain, frozen records, one `FileResult` per file.

Kept free of I/O so the store, the CLI report and the tests all speak the same types.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime
from typing import Any, Final, Literal, TypeAlias

from ssi_tui.core.domain import POST_METRICS, PostFormat, PostFormatOrUnknown

UNKNOWN_FORMAT: Final = "unknown"
"""Stored when no tag and no evidence tell a post's format."""

FormatSource: TypeAlias = Literal[
    "user", "poll", "repost", "file", "upload", "link", "article", "inferred", "unknown"
]
"""How a post's format is known (see formats.py): the member's own tag, evidence in one of the
export's files, elimination (`inferred`), or nothing yet."""

SKILLS_FOR_A_COMPLETE_PROFILE: Final = 5
"""LinkedIn's profile-strength meter asks for at least five skills."""


class ImportRefused(ValueError):
    """One sentence for the user: damaged ZIP, unknown file type, CSV with a wrong header."""


@dataclass(frozen=True)
class JournalRow:
    """One day's count of one catalogue activity, summed over one file's rows."""

    date: date
    activity: str
    count: int


@dataclass(frozen=True)
class PostRow:
    """A published post; metrics are None where the file does not say."""

    id: str
    """`urn:li:<type>:<id>` when the file names the post, else `post:` + a hash of date and text."""
    published_at: datetime | None
    text: str | None = None
    url: str | None = None
    format: PostFormatOrUnknown = UNKNOWN_FORMAT
    format_source: FormatSource = "unknown"
    """`user` (the member's own tag), a file's evidence, `inferred` or `unknown`."""
    impressions: int | None = None
    members_reached: int | None = None
    reactions: int | None = None
    comments: int | None = None
    reposts: int | None = None
    saves: int | None = None
    sends: int | None = None
    link_clicks: int | None = None
    followers_gained: int | None = None
    engagements: int | None = None
    """LinkedIn's own engagement total where the split is unknown (TOP POSTS)."""
    followers: int | None = None
    """The posts CSV's `followers` column, kept as given."""
    shared_url: str | None = None
    """The link a share points at (Shares.csv `SharedUrl`): evidence for link posts and reposts."""


METRIC_FIELDS: Final = POST_METRICS
"""The PostRow fields that hold counts."""


def with_metrics(post: PostRow, metrics: Mapping[str, int | None]) -> PostRow:
    """`post` with the given counts set (names from METRIC_FIELDS)."""
    unknown = set(metrics) - set(METRIC_FIELDS)
    if unknown:
        raise ValueError(f"not post metrics: {sorted(unknown)}")
    values: dict[str, Any] = dict(metrics)
    return replace(post, **values)


@dataclass(frozen=True)
class DailyMetric:
    """One day of creator analytics. Exports overlap: when merging files keep the max per day."""

    date: date
    impressions: int | None
    engagements: int | None


@dataclass(frozen=True)
class FollowerCount:
    """New followers on a day, or the total LinkedIn reported on that day (or both)."""

    date: date
    new_followers: int | None
    total: int | None


@dataclass(frozen=True)
class FormatHint:
    """An upload from Rich_Media.csv: a post published within minutes likely has this format."""

    uploaded_at: datetime
    format: PostFormat


@dataclass(frozen=True)
class DemographicShare:
    """One DEMOGRAPHICS row; `share` is a fraction, an upper bound when `below` ("< 1%")."""

    category: str
    value: str
    share: float | None
    below: bool = False


@dataclass(frozen=True)
class ProfileFacts:
    """What the export says about profile completeness and the network.

    None means "this file does not say"; facts from several files combine with `merged`.
    `completeness` is the share of known checks that pass (headline, summary, industry,
    location, photo, at least one position, at least five skills); unknown checks are left out
    rather than counted as failures, and it is None when nothing is known.
    """

    headline: str | None = None
    has_headline: bool | None = None
    has_summary: bool | None = None
    has_industry: bool | None = None
    has_location: bool | None = None
    has_photo: bool | None = None
    """Never False: the export only proves a photo by its upload in Rich_Media.csv."""
    skills: int | None = None
    positions: int | None = None
    has_current_position: bool | None = None
    connections: int | None = None
    decision_maker_connections: int | None = None
    completeness: float | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        checks = [
            self.has_headline,
            self.has_summary,
            self.has_industry,
            self.has_location,
            self.has_photo,
            None if self.positions is None else self.positions >= 1,
            None if self.skills is None else self.skills >= SKILLS_FOR_A_COMPLETE_PROFILE,
        ]
        known = [check for check in checks if check is not None]
        value = round(sum(known) / len(known), 3) if known else None
        object.__setattr__(self, "completeness", value)

    def merged(self, other: ProfileFacts) -> ProfileFacts:
        """These facts, completed by `other` where these say nothing."""
        values = {
            item.name: getattr(self, item.name)
            if getattr(self, item.name) is not None
            else getattr(other, item.name)
            for item in fields(self)
            if item.init
        }
        return ProfileFacts(**values)


@dataclass
class FileResult:
    """Everything read from one export file (split parts `X_1.csv`, `X_2.csv` form one result).

    Journal rows are summed per (date, activity) over the whole file, so the store can replace
    a file's counts on re-import (idempotent). Different results may share a (date, activity)
    — Company Follows and Member_Follows both give `follow` — so keep them apart by kind.
    """

    name: str
    kind: str
    journal: list[JournalRow] = field(default_factory=list)
    posts: list[PostRow] = field(default_factory=list)
    daily_metrics: list[DailyMetric] = field(default_factory=list)
    followers: list[FollowerCount] = field(default_factory=list)
    profile: ProfileFacts | None = None
    format_hints: list[FormatHint] = field(default_factory=list)
    poll_links: list[str] = field(default_factory=list)
    """Post URNs the member voted on (Votes.csv): evidence that such a post is a poll."""
    demographics: list[DemographicShare] = field(default_factory=list)
    imported: int = 0
    skipped: int = 0
    errors: list[str] = field(default_factory=list)
    """What went wrong, for the member: capped, and a damaged tail is one sentence, so its
    length is not a count of rows (`error_rows` is)."""
    rows_read: int = 0
    """Rows met in the file. Each is imported, skipped or an error row: the three add up to it.
    In a workbook a row is an entry the reader recognised (a day, a post, a share)."""
    skipped_reasons: dict[str, int] = field(default_factory=dict)
    """Why rows were skipped (`"duplicate"`, `"empty"`, …) and how many; adds up to `skipped`."""
    error_rows: int = 0
    """Rows not imported because they could not be read or used (a bad date, a damaged tail)."""
    reason: str | None = None
    """Why a file is not imported at all (`kind == "skipped"`), in a few words."""

    @property
    def unaccounted(self) -> int:
        """Rows read that are neither imported, skipped nor errors: always 0 (tests check)."""
        return self.rows_read - self.imported - self.skipped - self.error_rows


def skipped_file(name: str, reason: str) -> FileResult:
    """An export file (or archive entry) that is listed in the report and not imported."""
    return FileResult(name=name, kind="skipped", reason=reason)
