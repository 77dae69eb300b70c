"""Collects what one file yields, so transformers only say what they found.

Journal counts are summed per (date, activity); posts meeting again (the same URN twice in one
file, or in both TOP POSTS tables) are merged; errors carry line numbers and are capped.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import fields, replace
from datetime import date, datetime
from typing import Final

from ssi_tui.core import clock
from ssi_tui.core.limits import MAX_DAILY_COUNT, OutOfRange, check_day
from ssi_tui.importers.dates import DateReader
from ssi_tui.importers.model import FileResult, JournalRow, PostRow, ProfileFacts

MAX_ERRORS_LISTED: Final = 50
"""A file with thousands of bad rows gets a readable report, and a count of the rest."""


def merge_posts(first: PostRow, second: PostRow) -> PostRow:
    """`first`, completed by what `second` knows (a known value is never replaced by None)."""
    changes = {
        item.name: getattr(second, item.name)
        for item in fields(first)
        if getattr(first, item.name) in (None, "", "unknown")
        and getattr(second, item.name) not in (None, "")
    }
    return replace(first, **changes)


class Sink:
    """The growing result of one file; `finish` hands back the `FileResult`."""

    def __init__(self, name: str, kind: str) -> None:
        self.result = FileResult(name=name, kind=kind)
        self.dates = DateReader()
        self.part = ""
        """The split part being read (`Shares_2.csv`), prefixed to errors when there are parts."""
        self._tally: Counter[tuple[date, str]] = Counter()
        self._posts: dict[str, PostRow] = {}
        self._unlisted_errors = 0

    def count(self, day: date, activity: str, times: int = 1) -> None:
        self._tally[(day, activity)] += times

    def used(self, rows: int = 1) -> None:
        self.result.imported += rows

    def skip(self, rows: int = 1) -> None:
        self.result.skipped += rows

    def error(self, line: int, message: str) -> None:
        where = f"{self.part} line {line}" if self.part else f"line {line}"
        self.note(f"{where}: {message}")

    def note(self, message: str) -> None:
        """An error without a line of its own (a damaged tail, a missing sheet)."""
        if len(self.result.errors) < MAX_ERRORS_LISTED:
            self.result.errors.append(message)
        else:
            self._unlisted_errors += 1

    def moment(self, line: int, text: str) -> datetime | None:
        """The row's date, or None after recording why it cannot be used."""
        if not text:
            self.error(line, "no date")
            return None
        moment = self.dates.parse(text)
        if moment is None:
            self.error(line, f"unreadable date {text!r}")
            return None
        try:
            check_day(moment.date(), clock.today(), "the date")
        except OutOfRange as error:
            self.error(line, str(error).rstrip("."))
            return None
        return moment

    def add_post(self, post: PostRow) -> None:
        known = self._posts.get(post.id)
        self._posts[post.id] = post if known is None else merge_posts(known, post)

    def add_profile(self, facts: ProfileFacts) -> None:
        known = self.result.profile
        self.result.profile = facts if known is None else known.merged(facts)

    def finish(self) -> FileResult:
        result = self.result
        result.journal = []
        for (day, activity), total in sorted(self._tally.items()):
            if total > MAX_DAILY_COUNT:
                self.note(f"{day.isoformat()}: {total:,} × {activity} in one day is not real")
            elif total > 0:
                result.journal.append(JournalRow(day, activity, total))
        result.posts = sorted(
            self._posts.values(), key=lambda post: (post.published_at or datetime.min, post.id)
        )
        if self._unlisted_errors:
            result.errors.append(f"… and {self._unlisted_errors} more errors")
        return result
