"""Collects what one file yields, so transformers only say what they found.

Journal counts are summed per (date, activity); posts meeting again (the same URN twice in one
file, or in both TOP POSTS tables) are merged; errors carry line numbers and are capped.

Every row read ends in exactly one of `used`, `skip` (with its reason) or `error`, so the
report's counts add up: rows read = imported + skipped + errors. `warn` is for a row that is
used all the same (a count left empty), `note` for a problem that is no row's.
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
        self._rows_counted = False

    def count(self, day: date, activity: str, times: int = 1) -> None:
        self._tally[(day, activity)] += times

    def read(self, rows: int = 1) -> None:
        """Rows met in the file, before anything is decided about them."""
        self._rows_counted = True
        self.result.rows_read += rows

    def used(self, rows: int = 1) -> None:
        self.result.imported += rows

    def skip(self, reason: str, rows: int = 1) -> None:
        """Rows deliberately left out; the reason is shown with the count (keep it short)."""
        self.result.skipped += rows
        reasons = self.result.skipped_reasons
        reasons[reason] = reasons.get(reason, 0) + rows

    def error(self, line: int, message: str) -> None:
        """A row that cannot be used: it counts as an error row, and the message says why."""
        self.result.error_rows += 1
        self.warn(line, message)

    def warn(self, line: int, message: str) -> None:
        """A problem with a row that is used anyway (listed, not counted as an error row)."""
        where = f"{self.part} line {line}" if self.part else f"line {line}"
        self.note(f"{where}: {message}")

    def lost(self, rows: int, message: str) -> None:
        """Rows that could not even be read (a damaged tail), told in one sentence that is
        listed however many row errors came before it."""
        self.result.error_rows += rows
        self.result.errors.append(message)

    def note(self, message: str) -> None:
        """An error without a line of its own (a damaged tail, a missing sheet)."""
        if len(self.result.errors) < MAX_ERRORS_LISTED:
            self.result.errors.append(message)
        else:
            self._unlisted_errors += 1

    def moment(self, line: int, text: str, *, row_error: bool = True) -> datetime | None:
        """The row's date, or None after recording why it cannot be used.

        With `row_error=False` the row is still used (a connection counts toward the network
        without its date), so the problem is only listed.
        """
        report = self.error if row_error else self.warn
        if not text:
            report(line, "no date")
            return None
        moment = self.dates.parse(text)
        if moment is None:
            report(line, f"unreadable date {text!r}")
            return None
        try:
            check_day(moment.date(), clock.today(), "the date")
        except OutOfRange as error:
            report(line, str(error).rstrip("."))
            return None
        return moment

    def add_post(self, post: PostRow) -> None:
        known = self._posts.get(post.id)
        self._posts[post.id] = post if known is None else merge_posts(known, post)

    @property
    def posts_read(self) -> int:
        """Posts read so far (one per post, however often the file names it)."""
        return len(self._posts)

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
        self._settle_accounts()
        if self._unlisted_errors:
            result.errors.append(f"… and {self._unlisted_errors} more errors")
        return result

    def _settle_accounts(self) -> None:
        """Make sure the report adds up; a row a transformer forgot is shown, never hidden."""
        result = self.result
        if not self._rows_counted:  # a workbook: its entries are what the readers decided on
            result.rows_read = result.imported + result.skipped + result.error_rows
        missing = result.unaccounted
        if missing > 0:
            self.lost(missing, f"{missing} rows were read but not used (an ssi-tui bug)")
        elif missing < 0:
            self.note(f"{-missing} rows were counted twice (an ssi-tui bug)")
