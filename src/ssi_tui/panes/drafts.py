"""The Drafts pane: write or paste a draft and see at once how LinkedIn will show it."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static, TextArea

from ssi_tui.core.drafts import CHARACTER_LIMIT, DraftBasics, measure
from ssi_tui.widgets.safe import literal

PLACEHOLDER = "Paste or type a draft post here…"


def render_basics(basics: DraftBasics) -> Text:
    text = Text()
    over = basics.characters > CHARACTER_LIMIT
    text.append("Characters ", style="bold")
    text.append(f"{basics.characters:,} / {CHARACTER_LIMIT:,}", style="bold red" if over else "")
    if over:
        text.append(f"  ({basics.characters - CHARACTER_LIMIT:,} over: LinkedIn cuts the rest)")
    for name, value in (
        ("Words", basics.words),
        ("Lines", basics.lines),
        ("Hashtags", basics.hashtags),
        ("Links", basics.links),
    ):
        text.append(f"\n{name:<11}", style="bold")
        text.append(f"{value:,}")
    text.append("\n\nBefore “…see more” on desktop:\n", style="bold")
    text.append_text(literal(basics.hook or "(empty)", style="italic"))
    if basics.folded:
        text.append("…see more", style="dim")
    return text


class DraftsPane(Horizontal):
    """A draft editor with its live measurements beside it."""

    def compose(self) -> ComposeResult:
        editor = TextArea(id="draft-editor", soft_wrap=True, show_line_numbers=False)
        editor.placeholder = PLACEHOLDER
        yield editor
        with VerticalScroll(id="draft-side"):
            yield Static(render_basics(measure("")), id="draft-basics")

    @on(TextArea.Changed, "#draft-editor")
    def _remeasure(self, event: TextArea.Changed) -> None:
        self.query_one("#draft-basics", Static).update(render_basics(measure(event.text_area.text)))
