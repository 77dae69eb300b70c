"""The saved drafts: pick one to re-open, or delete one."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ssi_tui.core.text import first_line, strip_control
from ssi_tui.store.drafts import Draft

DraftChoice = tuple[str, int]
"""("open" or "delete", draft id)."""


class DraftsListScreen(ModalScreen[DraftChoice | None]):
    """Enter opens the highlighted draft; d deletes it (the app asks first)."""

    BINDINGS = [
        Binding("escape", "cancel", "Close", id="drafts_list.close"),
        Binding("d,delete", "delete", "Delete", id="drafts_list.delete"),
    ]

    def __init__(self, drafts: list[Draft]) -> None:
        super().__init__()
        self.drafts = drafts

    def compose(self) -> ComposeResult:
        with Vertical(id="drafts-dialog", classes="dialog"):
            yield Static("Saved drafts", classes="dialog-title")
            if not self.drafts:
                yield Static("No saved drafts yet: Ctrl+S on the Drafts pane keeps one.")
            options = [
                Option(
                    f"{draft.updated_at:%Y-%m-%d %H:%M}  "
                    f"{strip_control(first_line(draft.text, 60)) or '(blank)'}",
                    id=str(draft.id),
                )
                for draft in self.drafts
            ]
            yield OptionList(*options, id="drafts-options", markup=False)
            yield Static("Enter opens · d deletes · Esc closes", classes="caption")

    @on(OptionList.OptionSelected, "#drafts-options")
    def _open(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(("open", int(event.option.id or 0)))

    def action_delete(self) -> None:
        options = self.query_one("#drafts-options", OptionList)
        if options.highlighted is not None:
            option = options.get_option_at_index(options.highlighted)
            self.dismiss(("delete", int(option.id or 0)))

    def action_cancel(self) -> None:
        self.dismiss(None)
