"""The row of pane names above the panes: one widget, drawn as two lines of text.

Textual's TabbedContent builds about a dozen widgets, each with its own stylesheet, for this
row: a fifth of ssi-tui's start-up. This draws the same row (names, then a rule that is
lit under the active one) and leaves the switching to a ContentSwitcher. A click on a name
shows its pane; focused, the row switches panes with ← and →.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.reactive import reactive
from textual.widget import Widget

TAB_GAP = 2
"""Spaces between two names (one on each side of a name)."""


class PaneTabs(Widget, can_focus=True):
    """Clickable pane names; `active` is the key of the pane on show."""

    DEFAULT_CSS = """
    PaneTabs {
        height: 2;
    }
    PaneTabs > .pane-tabs--name {
        color: $text-muted;
    }
    PaneTabs > .pane-tabs--active {
        color: $text;
        text-style: bold;
    }
    PaneTabs:focus > .pane-tabs--active {
        color: $block-cursor-foreground;
        background: $block-cursor-background;
    }
    PaneTabs > .pane-tabs--rule {
        color: $foreground 15%;
    }
    PaneTabs > .pane-tabs--lit {
        color: $block-cursor-background;
    }
    """
    COMPONENT_CLASSES = {
        "pane-tabs--name",
        "pane-tabs--active",
        "pane-tabs--rule",
        "pane-tabs--lit",
    }
    BINDINGS = [
        Binding("left", "app.cycle_pane(-1)", "Previous pane", show=False),
        Binding("right", "app.cycle_pane(1)", "Next pane", show=False),
    ]

    active: reactive[str] = reactive("")

    def __init__(self, panes: Sequence[tuple[str, str]], active: str, *, id: str | None = None):
        """`panes` are (key, title) pairs; a click on a title runs `app.show_pane(key)`."""
        super().__init__(id=id)
        self.panes = list(panes)
        self.set_reactive(PaneTabs.active, active)

    def on_focus(self) -> None:
        self.refresh()  # the active name is highlighted while the row has the keyboard

    def on_blur(self) -> None:
        self.refresh()

    def spans(self) -> list[tuple[int, int, str]]:
        """(first column, column after the last, key) of each name with its padding."""
        spans, column = [], 0
        for key, title in self.panes:
            width = len(title) + TAB_GAP
            spans.append((column, column + width, key))
            column += width
        return spans

    def render(self) -> Text:
        style = self.get_component_rich_style
        names, rule = Text(), Text()
        pad = " " * (TAB_GAP // 2)
        for key, title in self.panes:
            on_show = key == self.active
            names.append(pad)
            names.append(title, style("pane-tabs--active" if on_show else "pane-tabs--name"))
            names.append(pad)
            lit = style("pane-tabs--lit" if on_show else "pane-tabs--rule")
            rule.append("━" * (len(title) + TAB_GAP), lit)
        rule.append("━" * max(0, self.size.width - rule.cell_len), style("pane-tabs--rule"))
        return Text("\n").join([names, rule])

    async def on_click(self, event: events.Click) -> None:
        for start, end, key in self.spans():
            if start <= event.x < end:
                await self.run_action(f"app.show_pane('{key}')")
