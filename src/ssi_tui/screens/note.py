"""A one-line note for an activity on a day."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from ssi_tui.widgets.safe import literal

NOTE_LIMIT = 500


class NoteScreen(ModalScreen[str | None]):
    """Dismisses with the note (empty clears it), or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="note.cancel")]

    def __init__(self, about: str, current: str) -> None:
        super().__init__()
        self.about = about
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="note-dialog", classes="dialog"):
            yield Static(literal(f"Note: {self.about}"), classes="dialog-title")
            yield Input(self.current, id="note-input", max_length=NOTE_LIMIT)
            yield Static("Enter saves (empty clears), Esc cancels.", classes="caption")

    @on(Input.Submitted, "#note-input")
    def _submit(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
