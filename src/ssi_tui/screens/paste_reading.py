"""Paste the SSI page into the app: see what was understood, then save it."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static, TextArea

from ssi_tui.core.domain import PILLARS, band_for
from ssi_tui.core.readings import Reading, ReadingError, reading_from_parsed
from ssi_tui.core.ssi_paste import SsiParseError, parse_ssi

HOW_TO = (
    "On linkedin.com/sales/ssi press Ctrl+A then Ctrl+C, come back here and paste "
    "(Ctrl+V or your terminal's paste). The page's JSON works too."
)


def understood(reading: Reading) -> Text:
    """What the parser read, for the user to check before saving."""
    text = Text("Understood: ", style="bold green")
    text.append(f"{reading.total:g} of 100 ({band_for(reading.total).name})\n")
    for pillar in PILLARS:
        text.append(f"  {reading.pillars[pillar.key]:6.2f}  {pillar.label}\n")
    ranks = [
        f"{name} Top {rank}%"
        for name, rank in (("Industry", reading.industry_rank), ("Network", reading.network_rank))
        if rank is not None
    ]
    if ranks:
        text.append("  " + "   ".join(ranks))
    return text


class PasteReadingScreen(ModalScreen[Reading | None]):
    """Dismisses with the reading read from the pasted page, or None when cancelled."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="paste_reading.save"),
        Binding("escape", "cancel", "Cancel", id="paste_reading.cancel"),
    ]

    def __init__(self, today: date, text: str = "") -> None:
        super().__init__()
        self.today = today
        self.initial_text = text
        self.reading: Reading | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="paste-dialog", classes="dialog"):
            yield Static("Paste your SSI page", classes="dialog-title")
            yield Static(HOW_TO, classes="caption")
            yield TextArea(self.initial_text, id="paste-text", soft_wrap=True)
            yield Static("Nothing pasted yet.", id="paste-result")
            with Horizontal(classes="buttons"):
                yield Label("Date ")
                yield Input(self.today.isoformat(), id="paste-date", compact=True)
                yield Button(
                    "Save (Ctrl+S)", id="paste-save", variant="primary", disabled=True, compact=True
                )
                yield Button("Cancel (Esc)", id="paste-cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#paste-text", TextArea).focus()

    @on(TextArea.Changed, "#paste-text")
    @on(Input.Changed, "#paste-date")
    def _reparse(self) -> None:
        result = self.query_one("#paste-result", Static)
        self.reading = None
        text = self.query_one("#paste-text", TextArea).text
        if text.strip():
            try:
                day = date.fromisoformat(self.query_one("#paste-date", Input).value.strip())
                self.reading = reading_from_parsed(parse_ssi(text), day, self.today)
            except ValueError as error:
                message = str(error)
                if not isinstance(error, SsiParseError | ReadingError):
                    message = "The date must look like 2026-06-01."
                result.update(Text(message, style="bold red"))
            else:
                result.update(understood(self.reading))
        else:
            result.update("Nothing pasted yet.")
        self.query_one("#paste-save", Button).disabled = self.reading is None

    @on(Button.Pressed, "#paste-save")
    def action_save(self) -> None:
        if self.reading is not None:
            self.dismiss(self.reading)

    @on(Button.Pressed, "#paste-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
