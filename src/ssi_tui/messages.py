"""Messages that panes send up to the app, which alone writes to the database.

Plain classes rather than dataclasses: this module loads before the first paint, and building
a dataclass at import is start-up time spent on nothing the first frame shows.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from textual.message import Message

if TYPE_CHECKING:
    from ssi_tui.core.readings import Reading
    from ssi_tui.store.posts import Post


class SaveReading(Message):
    """Save an official reading; `replace` is True once the user agreed to overwrite.

    `previous` is the date of the reading being corrected, which moves if the date changed.
    """

    def __init__(self, reading: Reading, replace: bool, previous: date | None = None) -> None:
        super().__init__()
        self.reading = reading
        self.replace = replace
        self.previous = previous


class DeleteReading(Message):
    """Delete the reading of one day (the user already confirmed)."""

    def __init__(self, day: date) -> None:
        super().__init__()
        self.day = day


class SetTarget(Message):
    """Change the target SSI."""

    def __init__(self, target: int) -> None:
        super().__init__()
        self.target = target


class LogActivity(Message):
    """Change the hand-logged count of an activity on a day: add `delta` or set `count`."""

    def __init__(
        self,
        day: date,
        activity: str,
        delta: int = 0,
        count: int | None = None,
        note: str | None = None,
    ) -> None:
        super().__init__()
        self.day = day
        self.activity = activity
        self.delta = delta
        self.count = count
        self.note = note


class UndoJournalChange(Message):
    """Undo the last change made on the Journal card (a count or a note)."""


class ShowJournalDay(Message):
    """Show another day on the journal card."""

    def __init__(self, day: date) -> None:
        super().__init__()
        self.day = day


class UpdatePost(Message):
    """The user's correction of a post's format and numbers."""

    def __init__(self, post_id: str, format: str, metrics: dict[str, int | None]) -> None:
        super().__init__()
        self.post_id = post_id
        self.format = format
        self.metrics = metrics


class TagPost(Message):
    """The user's word on a post's format (the triage on the Posts pane)."""

    def __init__(self, post_id: str, format: str) -> None:
        super().__init__()
        self.post_id = post_id
        self.format = format


class OpenPost(Message):
    """Show one post in full."""

    def __init__(self, post: Post) -> None:
        super().__init__()
        self.post = post


class SaveDraft(Message):
    """Keep the draft being edited (a new one when `draft_id` is None)."""

    def __init__(
        self,
        draft_id: int | None,
        text: str,
        prediction: dict[str, Any] | None = None,
        *,
        session: int = 0,
        quiet: bool = False,
    ) -> None:
        super().__init__()
        self.draft_id = draft_id
        self.text = text
        self.prediction = prediction
        """What the pane predicted for this very text, kept for the track record."""
        self.session = session
        """Which editing of the pane this is (a new draft or an opened one starts another):
        saves of one session go to one draft, even when several wait for the database."""
        self.quiet = quiet
        """Kept without being asked (a pause in typing, leaving the draft, quitting)."""


class OpenDrafts(Message):
    """Show the saved drafts to re-open one."""
