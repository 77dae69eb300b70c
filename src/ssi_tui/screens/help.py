"""The help screen: what each pane is for and every key, built from the live bindings."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

GUIDE = """\
[b]ssi-tui[/b] keeps your LinkedIn Social Selling Index history on this machine.

[b]Score[/b]    your latest official reading, its band, the gap to your target, the pillars
          and what to do about the weakest one.
[b]Journal[/b]  what you did each day, your streak and this week's targets.
[b]Posts[/b]    your post log with reach and engagement against your own median.
[b]Drafts[/b]   write a post and see how LinkedIn will cut it.

Record a reading: copy linkedin.com/sales/ssi and run [b]ssi-tui ssi paste FILE[/b].
Log activity from the shell: [b]ssi-tui log comment 3[/b].
"""


def keys_text(bindings: list[tuple[str, Binding]]) -> Text:
    """One line per action: its keys, its name and what it does."""
    text = Text()
    seen: set[str] = set()
    for key_display, binding in bindings:
        if binding.description and binding.description not in seen:
            seen.add(binding.description)
            text.append(f"{key_display:<10}", style="bold cyan")
            text.append(f"{binding.description:<10}", style="bold")
            text.append(f"{binding.tooltip}\n")
    return text


class HelpScreen(ModalScreen[None]):
    """A modal listing what ssi-tui does and the keys that do it."""

    BINDINGS = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close help", id="help.close"),
    ]

    def __init__(self, bindings: list[tuple[str, Binding]]) -> None:
        super().__init__()
        self.keys = bindings

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-dialog"):
            yield Static(GUIDE, id="help-guide")
            yield Static(Text("Keys", style="bold"))
            yield Static(keys_text(self.keys), id="help-keys")
            yield Static("Esc closes this help.", classes="caption")
