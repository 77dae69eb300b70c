"""Choosing which format the post log shows: every format, or one of those in the log."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ssi_tui.widgets.safe import literal

EVERY_FORMAT = "every format"
"""How the choice of no filter reads."""


class FormatFilterScreen(ModalScreen[str | None]):
    """A list of formats, the one on show highlighted; dismisses with the chosen one (or
    `every` for every format), or None when the user leaves it as it is."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="format_filter.cancel", tooltip="Keep the filter"),
    ]

    def __init__(
        self, formats: Sequence[tuple[str, int]], current: str, *, every: str, total: int
    ) -> None:
        """`formats`: (format, how many posts) for each format present; `every` is the value
        that means every format, `current` the one on show."""
        super().__init__()
        self.choices = [every, *(name for name, _ in formats)]
        self.labels = [
            Text(f"{EVERY_FORMAT} ({total})"),
            *(literal(f"{name} ({count})") for name, count in formats),
        ]
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="format-filter-dialog", classes="dialog"):
            yield Static("Show the posts of", classes="dialog-title")
            yield OptionList(*(Option(label) for label in self.labels), id="format-filter-options")
            yield Static("Enter picks · Esc cancels", classes="caption")

    def on_mount(self) -> None:
        options = self.query_one("#format-filter-options", OptionList)
        if self.current in self.choices:
            options.highlighted = self.choices.index(self.current)
        options.focus()

    @on(OptionList.OptionSelected, "#format-filter-options")
    def _pick(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.choices[event.option_index])

    def action_cancel(self) -> None:
        self.dismiss(None)
