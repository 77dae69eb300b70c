"""Change the SSI the user aims for."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static


class TargetScreen(ModalScreen[int | None]):
    """Dismisses with a target between 1 and 100, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="target.cancel")]

    def __init__(self, current: int) -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="target-dialog", classes="dialog"):
            yield Static(
                "Your target SSI (LinkedIn calls 75 and above the aim)", classes="dialog-title"
            )
            yield Input(str(self.current), id="target-input", type="integer")
            yield Static("Enter saves, Esc cancels.", id="target-error", classes="caption")

    @on(Input.Submitted, "#target-input")
    def _submit(self, event: Input.Submitted) -> None:
        try:
            value = int(event.value.strip())
        except ValueError:
            value = 0
        if not 1 <= value <= 100:
            self.query_one("#target-error", Static).update("The target must be between 1 and 100.")
            return
        self.dismiss(value)

    def action_cancel(self) -> None:
        self.dismiss(None)
