"""What one file's import changed in the database: the rows it brought, new or already there.

Imports merge idempotently, so "5 imported" said again on a second import would hide that
nothing happened. The writer compares each row it stores with what was stored before and
counts here: a journal count grows by its new rows (a day that had 2 comments and now has 3
is 1 new and 2 already there), a post, a day of analytics or of followers, or an audience
share is new, updated (stored before with other values) or unchanged. Records a row only
feeds (a share's `post` journal entry beside the post, the profile facts beside other rows)
count as a change without counting as rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

BOOKKEEPING = frozenset({"updated_at"})
"""Columns an import rewrites every time; they are not a change to the member's data."""


@dataclass
class Changes:
    """One file's rows as the database met them."""

    new: int = 0
    updated: int = 0
    """Stored before, with values this file changed (a larger number, a more exact time)."""
    unchanged: int = 0
    altered: bool = False
    """Anything the file wrote differs from what was stored, counted as rows or not."""
    wrote: bool = False
    """The file stored something of its own; False when its facts went in with another
    file's (Skills.csv and Positions.csv add to the profile facts of Profile.csv)."""
    altered_shared: bool = False
    """A record that may hold other files' facts changed: a post (its format told by
    Rich_Media.csv or Votes.csv) or the profile facts."""

    def meet(
        self,
        before: Mapping[str, Any] | None,
        after: Mapping[str, Any],
        counted: bool = True,
        differs: bool = False,
        shared: bool = False,
    ) -> None:
        """Count one record: `before` as stored (None if absent), `after` as written;
        `differs` when the change lies elsewhere (a post's new name), `shared` for a record
        that may hold other files' facts."""
        self.wrote = True
        if before is not None and not differs and same(before, after):
            self.unchanged += int(counted)
            return
        self.altered = True
        self.altered_shared = self.altered_shared or shared
        if before is None:
            self.new += int(counted)
        else:
            self.updated += int(counted)


def same(before: Mapping[str, Any], after: Mapping[str, Any]) -> bool:
    """Whether writing `after` over `before` leaves the member's data as it was."""
    return all(before.get(key) == value for key, value in after.items() if key not in BOOKKEEPING)


def meet_journal(
    db: Database, changes: Changes, rows: Iterable[tuple[str, str, int]], source: str, counted: bool
) -> None:
    """Count (date, activity, count) journal rows about to be written under `source`: each
    count is that many of the file's rows, so a grown count is partly new."""
    stored = {
        (str(day), str(activity)): int(count)
        for day, activity, count in db.execute(
            "SELECT date, activity, count FROM journal WHERE source = ?", [source]
        )
    }
    weight = int(counted)
    for day, activity, count in rows:
        changes.wrote = True
        before = stored.get((day, activity))
        if before == count:
            changes.unchanged += count * weight
            continue
        changes.altered = True
        if before is None:
            changes.new += count * weight
        elif before < count:
            changes.unchanged += before * weight
            changes.new += (count - before) * weight
        else:  # fewer than before: LinkedIn no longer lists some of that day's rows
            changes.updated += count * weight
