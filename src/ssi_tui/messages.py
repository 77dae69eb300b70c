"""Messages that panes send up to the app, which alone writes to the database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual.message import Message

from ssi_tui.core.readings import Reading


@dataclass
class SaveReading(Message):
    """Save an official reading; `replace` is True once the user agreed to overwrite."""

    reading: Reading
    replace: bool
    previous: date | None = None
    """The date of the reading being corrected, which moves if the date changed."""


@dataclass
class DeleteReading(Message):
    """Delete the reading of one day (the user already confirmed)."""

    day: date


@dataclass
class SetTarget(Message):
    """Change the target SSI."""

    target: int


@dataclass
class LogActivity(Message):
    """Change the hand-logged count of an activity on a day: add `delta` or set `count`."""

    day: date
    activity: str
    delta: int = 0
    count: int | None = None
    note: str | None = None


@dataclass
class ShowJournalDay(Message):
    """Show another day on the journal card."""

    day: date


@dataclass
class UpdatePost(Message):
    """The user's correction of a post's format and numbers."""

    post_id: str
    format: str
    metrics: dict[str, int | None]


@dataclass
class SaveDraft(Message):
    """Keep the draft being edited (a new one when `draft_id` is None)."""

    draft_id: int | None
    text: str


@dataclass
class OpenDrafts(Message):
    """Show the saved drafts to re-open one."""
