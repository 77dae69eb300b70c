"""The registry of CSV kinds: how each file is recognised (name, header) and transformed.

Names are compared normalised (case-blind, without spaces, `_` and the split suffix `_1`), so
`Search Queries.csv`, `SearchQueries.csv` and `searchqueries_2.csv` are one kind. A header is
recognised by the few columns the transformer needs, so extra or reordered columns are fine.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Final

from ssi_tui.importers.activity_files import TRANSFORMS
from ssi_tui.importers.csv_reading import CsvRow
from ssi_tui.importers.messages import transform_messages
from ssi_tui.importers.posts_csv import transform_posts_csv
from ssi_tui.importers.profile_files import (
    transform_connections,
    transform_positions,
    transform_profile,
    transform_skills,
)
from ssi_tui.importers.shares import transform_rich_media, transform_shares
from ssi_tui.importers.sink import Sink
from ssi_tui.importers.values import normalise_label


@dataclass(frozen=True)
class CsvKind:
    """One kind of CSV file the importers understand."""

    kind: str
    file_names: tuple[str, ...]
    """Normalised file names (without extension and split suffix)."""
    required: tuple[frozenset[str], ...]
    """Alternative sets of normalised columns; a header holding all of one set is this kind's."""
    documented: tuple[frozenset[str], ...]
    """LinkedIn's full headers across the years, to tell kinds apart by header alone."""
    transform: Callable[[Iterable[CsvRow], Sink], None]
    date_led: bool = False
    """Records start only at lines beginning with a timestamp (unquoted multi-line text)."""
    min_likeness: float = 0.5
    """How close to a documented header an unnamed file must be to be taken for this kind."""
    expected: str = ""
    """The required columns as LinkedIn spells them, for the refusal message."""

    def is_header(self, columns: set[str]) -> bool:
        return any(required <= columns for required in self.required)

    def likeness(self, columns: set[str]) -> float:
        """Overlap with the closest documented header (1.0 = the same columns)."""
        return max(len(columns & known) / len(columns | known) for known in self.documented)

    def describe_header(self) -> str:
        return self.expected or ", ".join(sorted(self.required[0]))


def _columns(header: str) -> frozenset[str]:
    return frozenset(normalise_label(name) for name in header.split(","))


def _kind(
    kind: str,
    names: tuple[str, ...],
    required: tuple[str, ...],
    documented: tuple[str, ...],
    transform: Callable[[Iterable[CsvRow], Sink], None] | None = None,
    *,
    date_led: bool = False,
    min_likeness: float = 0.5,
) -> CsvKind:
    return CsvKind(
        kind=kind,
        file_names=names,
        required=tuple(_columns(header) for header in required),
        documented=tuple(_columns(header) for header in documented),
        transform=transform if transform is not None else TRANSFORMS[kind],
        date_led=date_led,
        min_likeness=min_likeness,
        expected=required[0].replace(",", ", "),
    )


_MESSAGES_2024: Final = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,"
    "SUBJECT,CONTENT,FOLDER,IS MESSAGE DRAFT,IS CONVERSATION DRAFT"
)
_ENDORSEMENT: Final = "Endorsement Date,Skill Name,{0} First Name,{0} Last Name,{0} Public Url,"
_RECOMMENDATION: Final = "First Name,Last Name,Company,Job Title,Text,Creation Date,Status"

CSV_KINDS: Final[tuple[CsvKind, ...]] = (
    _kind(
        "shares",
        ("shares",),
        ("Date,ShareCommentary",),
        (
            "Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility",
            "Date,Share Title,Share Description,Share Link,Share Commentary,Shared URL,"
            "Media URL,Type,Visibility",
        ),
        transform_shares,
    ),
    _kind("comments", ("comments",), ("Date,Message",), ("Date,Link,Message",), date_led=True),
    _kind("reactions", ("reactions",), ("Date,Type",), ("Date,Type,Link",)),
    _kind("votes", ("votes",), ("Date,Link",), ("Date,Link,OptionText",)),
    _kind(
        "invitations",
        ("invitations",),
        ("Sent At,Direction",),
        ("From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl",),
    ),
    _kind(
        "connections",
        ("connections",),
        ("First Name,Last Name,Connected On",),
        ("First Name,Last Name,URL,Email Address,Company,Position,Connected On",),
        transform_connections,
    ),
    _kind(
        "messages",
        ("messages",),
        ("From,Date,Content",),
        (_MESSAGES_2024, "From,To,Date,Subject,Content,Direction,Folder"),
        transform_messages,
    ),
    _kind(
        "endorsements_received",
        ("endorsementreceivedinfo", "endorsementsreceivedinfo", "endorsementsreceived"),
        ("Endorsement Date,Skill Name",),
        (_ENDORSEMENT.format("Endorser") + "Endorsement Status",),
    ),
    _kind(
        "endorsements_given",
        ("endorsementgiveninfo", "endorsementsgiveninfo", "endorsementsgiven"),
        ("Endorsement Date,Skill Name",),
        (_ENDORSEMENT.format("Endorsee") + "Endorsement Status",),
    ),
    _kind(
        "recommendations_received",
        ("recommendationsreceived", "recommendationreceived"),
        ("First Name,Creation Date",),
        (_RECOMMENDATION,),
    ),
    _kind(
        "recommendations_given",
        ("recommendationsgiven", "recommendationgiven"),
        ("First Name,Creation Date",),
        (_RECOMMENDATION,),
    ),
    _kind("search_queries", ("searchqueries",), ("Time,Search Query",), ("Time,Search Query",)),
    _kind(
        "profile",
        ("profile",),
        ("First Name,Headline",),
        (
            "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,"
            "Zip Code,Geo Location,Twitter Handles,Websites,Instant Messengers",
        ),
        transform_profile,
    ),
    _kind("skills", ("skills",), ("Name",), ("Name",), transform_skills),
    _kind(
        "positions",
        ("positions",),
        ("Company Name,Title",),
        ("Company Name,Title,Description,Location,Started On,Finished On",),
        transform_positions,
    ),
    _kind(
        "rich_media",
        ("richmedia",),
        ("Date/Time,Media Description", "Type,Link"),
        ("Date/Time,Media Description,Media Link", "Type,Link"),
        transform_rich_media,
    ),
    _kind(
        "company_follows",
        ("companyfollows",),
        ("Organization,Followed On",),
        ("Organization,Followed On",),
    ),
    _kind("member_follows", ("memberfollows",), ("Date,FullName",), ("Date,Status,FullName",)),
    _kind(
        "posts_csv",
        (),
        ("published_at,format",),
        ("published_at,format,text,url,impressions,reactions,comments,reposts,followers",),
        transform_posts_csv,
        min_likeness=0.0,
    ),
)

KINDS_BY_FILE_NAME: Final[dict[str, CsvKind]] = {
    name: kind for kind in CSV_KINDS for name in kind.file_names
}


def kind_for_header(columns: set[str]) -> CsvKind | None:
    """The kind whose header these columns are, for a CSV whose name says nothing.

    None when no kind fits, or when two fit equally well (Recommendations received and given
    share one header: only the file name tells them apart).
    """
    scored = sorted(
        (
            (kind.likeness(columns), kind)
            for kind in CSV_KINDS
            if kind.is_header(columns) and kind.likeness(columns) >= kind.min_likeness
        ),
        key=lambda pair: -pair[0],
    )
    if not scored or (len(scored) > 1 and scored[0][0] == scored[1][0]):
        return None
    return scored[0][1]


def any_known_header(columns: set[str]) -> bool:
    """True when the columns fit at least one kind (used to find the header row)."""
    return any(kind.is_header(columns) for kind in CSV_KINDS)
