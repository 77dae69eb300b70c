"""Type a day's count of one activity: the explicit way to enter a number on the Journal card.

Digits on the card switch panes, as everywhere outside a text field; a count is typed here.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from ssi_tui.core.limits import MAX_DAILY_COUNT, OutOfRange, check_count
from ssi_tui.widgets.safe import literal


class CountScreen(ModalScreen[int | None]):
    """Dismisses with the count for the day (0 clears it), or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="count.cancel")]
    AUTO_FOCUS = "#count-input"

    def __init__(self, about: str, current: int) -> None:
        super().__init__()
        self.about = about
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="count-dialog", classes="dialog"):
            yield Static(literal(f"Count: {self.about}"), classes="dialog-title")
            yield Input(
                str(self.current),
                id="count-input",
                type="integer",
                max_length=len(str(MAX_DAILY_COUNT)),
                select_on_focus=True,
            )
            yield Static(
                "Enter saves (0 clears), Esc cancels.", id="count-error", classes="caption"
            )

    @on(Input.Submitted, "#count-input")
    def _submit(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        try:
            count = check_count(int(text) if text else 0, "A day's count")
        except OutOfRange as error:
            self.query_one("#count-error", Static).update(str(error))
            return
        except ValueError:
            self.query_one("#count-error", Static).update("Type a whole number, such as 3.")
            return
        self.dismiss(count)

    def action_cancel(self) -> None:
        self.dismiss(None)
