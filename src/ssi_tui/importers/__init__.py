"""Read what LinkedIn lets a member download, into plain records the store can write.

The pure core of `ssi-tui import`: no database, no UI. `read_path` takes a data-export ZIP or
folder, a single export CSV, a creator- or post-analytics workbook, or the member's own posts
CSV, and returns one `FileResult` per file (split parts read as one). Anything it cannot read
raises `ImportRefused` with one sentence for the member — never any other exception — and
nothing is returned half-read, so the caller writes all or nothing.
"""

from __future__ import annotations

from ssi_tui.importers.formats import EVIDENCE_WINDOW, resolve_post_formats
from ssi_tui.importers.intake import Progress, read_path
from ssi_tui.importers.model import (
    DailyMetric,
    DemographicShare,
    FileResult,
    FollowerCount,
    FormatHint,
    ImportRefused,
    JournalRow,
    PostRow,
    ProfileFacts,
)
from ssi_tui.importers.profile_files import is_decision_maker

__all__ = [
    "EVIDENCE_WINDOW",
    "DailyMetric",
    "DemographicShare",
    "FileResult",
    "FollowerCount",
    "FormatHint",
    "ImportRefused",
    "JournalRow",
    "PostRow",
    "ProfileFacts",
    "Progress",
    "is_decision_maker",
    "read_path",
    "resolve_post_formats",
]
