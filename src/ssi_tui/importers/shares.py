"""Shares.csv (the member's posts) and Rich_Media.csv (their uploads, evidence of post formats).

A share with no commentary that points at a LinkedIn post is a repost: it is journalled as
`repost` (not `post`) and kept in the post log with format `repost` as evidence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

from ssi_tui.importers.csv_reading import CsvRow
from ssi_tui.importers.dates import parse_datetime
from ssi_tui.importers.formats import format_from_tag, format_from_upload
from ssi_tui.importers.links import is_linkedin_post, post_id
from ssi_tui.importers.model import FormatHint, FormatSource, PostRow, ProfileFacts
from ssi_tui.importers.sink import Sink

_WRAPPED_LINE_BREAK: Final = re.compile(r'"\r?\n"')
"""Shares.csv wraps each line of a multi-line post in literal quotes."""
_LONGEST_SENTENCE: Final = 300
"""Rich_Media.csv sentences are short; longer cells are not searched (keeps the regex cheap)."""
_UPLOAD: Final = re.compile(
    r"you uploaded (?:an? )?(?P<kind>.+?) on (?P<when>.+?\d{4}.*?)\s*$", re.IGNORECASE
)


def share_text(raw: str) -> str:
    """A post's text with the quote-wrapped line breaks undone; newlines and emoji kept."""
    text = _WRAPPED_LINE_BREAK.sub("\n", raw)
    return "" if text == '""' else text.strip()


def transform_shares(rows: Iterable[CsvRow], sink: Sink) -> None:
    """One post row and one journal count per share."""
    for row in rows:
        moment = sink.moment(row.line, row.get("date"))
        if moment is None:
            continue
        text = share_text(row.get("sharecommentary"))
        link = row.get("sharelink")
        shared = row.get("sharedurl")
        tagged = format_from_tag(row.get("type")) if row.get("type") else None
        is_repost = not text and bool(shared) and is_linkedin_post(shared)
        post_format = "repost" if is_repost else tagged
        source: FormatSource = "repost" if is_repost else "file"
        sink.add_post(
            PostRow(
                id=post_id(link, moment, text),
                published_at=moment,
                text=text or None,
                url=link or None,
                format=post_format or "unknown",
                format_source=source if post_format else "unknown",
                shared_url=shared or None,
            )
        )
        sink.count(moment.date(), "repost" if is_repost else "post")
        sink.used()


def transform_rich_media(rows: Iterable[CsvRow], sink: Sink) -> None:
    """Uploads with a time become format hints; a profile photo proves the profile has one."""
    seen: set[FormatHint] = set()
    for row in rows:
        sentence = next(
            (cell for cell in row.raw if len(cell) <= _LONGEST_SENTENCE and _UPLOAD.search(cell)),
            "",
        )
        match = _UPLOAD.search(sentence)
        kind = match["kind"] if match else row.get("mediadescription", "type")
        if "profile" in kind.casefold() and any(
            word in kind.casefold() for word in ("photo", "picture", "image")
        ):
            sink.add_profile(ProfileFacts(has_photo=True))
            sink.used()
            continue
        post_format = format_from_upload(kind)
        when = match["when"] if match else row.get("datetime", "date")
        moment = parse_datetime(when.replace(" at ", " ")) if when else None
        if post_format is not None and moment is None and when:
            sink.error(row.line, f"unreadable date {when!r}")
            continue
        if post_format is None:
            sink.skip("not a post's upload")  # a cover photo, a background
            continue
        if moment is None:
            sink.skip("an upload without a date")  # the old Rich Media.csv: Type, Link
            continue
        hint = FormatHint(moment, post_format)
        if hint not in seen:
            seen.add(hint)
            sink.result.format_hints.append(hint)
        sink.used()
