"""The keys that work where the keyboard is, on one line at the bottom of the screen.

Textual's Footer builds a widget for each key, and builds them again whenever the focus
moves, which start-up paid for twice (figures in the README). This draws the same line as
one widget that only repaints when the keys change. A click on a key presses it; hovering over a key
shows what it does.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, NamedTuple

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.app import App
    from textual.binding import ActiveBinding
    from textual.screen import Screen

KEY_GAP = 1
"""Spaces around each key and after its description."""
PALETTE_ACTIONS = frozenset({"command_palette", "app.command_palette"})
"""The command palette's action, as Textual recognises it in an app's bindings: the palette is
found by what it does, so a keymap or `COMMAND_PALETTE_BINDING` may give it any key."""
KEPT_AT_THE_RIGHT = ("app.quit", "app.help")
"""Bindings kept at the right beside the palette, however narrow the terminal: the way out,
and the way to every other key."""


def palette_key(active: Mapping[str, ActiveBinding]) -> str | None:
    """The command palette's first key among the active bindings, if it has one."""
    return next(
        (key for key, shown in active.items() if shown.binding.action in PALETTE_ACTIONS), None
    )


def _another_key_for(
    binding_id: str, app: App[object], active: Mapping[str, ActiveBinding]
) -> str | None:
    """An active key, shown or not, that does what the app's binding `binding_id` does: where
    a text box takes the letter q, Textual's Ctrl+Q still quits, and the bar says so."""
    actions = {
        binding.action
        for binding in app.BINDINGS
        if isinstance(binding, Binding) and binding.id == binding_id
    }
    return next((key for key, bound in active.items() if bound[1].action in actions), None)


class ShownKey(NamedTuple):
    """One key on the bar: where it is drawn (columns start to end) and what it does."""

    start: int
    end: int
    key: str
    shown_as: str
    description: str
    enabled: bool
    tooltip: str


class KeyBar(Widget):
    """The shown bindings of the focused widget, its parents and the app; the palette right."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
    }
    KeyBar > .key-bar--key {
        color: $footer-key-foreground;
        background: $footer-key-background;
        text-style: bold;
    }
    KeyBar > .key-bar--description {
        color: $footer-description-foreground;
        background: $footer-description-background;
    }
    KeyBar > .key-bar--hover {
        background: $block-hover-background;
    }
    """
    COMPONENT_CLASSES = {"key-bar--key", "key-bar--description", "key-bar--hover"}
    ALLOW_SELECT = False

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.hovered: str | None = None
        """The key under the mouse pointer, if any."""

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        self.refresh()

    def shown_keys(self) -> list[ShownKey]:
        """The keys on the bar, left to right, as many as fit whole; the command palette's
        key first, at the right edge, then Help and Quit beside it (see KEPT_AT_THE_RIGHT).

        An action bound to several keys shows its first key, as its binding lists them.
        """
        app = self.app
        active = self.screen.active_bindings
        palette = palette_key(active) if app.ENABLE_COMMAND_PALETTE else None

        def place(key: str, start: int) -> ShownKey:
            _node, binding, enabled, tooltip = active[key]
            shown_as, description = app.get_key_display(binding), binding.description
            end = start + cell_len(shown_as) + cell_len(description) + 3 * KEY_GAP
            return ShownKey(start, end, key, shown_as, description, enabled, tooltip or description)

        right: list[ShownKey] = []
        room = self.size.width
        actions = set(PALETTE_ACTIONS)  # shown already: the palette is at the right or nowhere
        by_id: dict[str | None, str] = {}
        for key, bound in active.items():
            if bound[1].show:
                by_id.setdefault(bound[1].id, key)  # a binding's first key, as it lists them
        kept_keys = [
            by_id.get(binding_id) or _another_key_for(binding_id, app, active)
            for binding_id in reversed(KEPT_AT_THE_RIGHT)
        ]
        for kept in (palette, *kept_keys):  # right to left
            if kept is not None:
                width = place(kept, 0).end
                if width <= room:
                    right.insert(0, place(kept, room - width))
                    room -= width
                    actions.add(active[kept][1].action)
        left: list[ShownKey] = []
        for key, (_node, binding, _enabled, _tooltip) in active.items():
            if binding.show and binding.action not in actions:
                shown = place(key, left[-1].end if left else 0)
                if shown.end > room:
                    break
                actions.add(binding.action)
                left.append(shown)
        return left + right

    def render(self) -> Text:
        style = self.get_component_rich_style
        key_style, description_style = style("key-bar--key"), style("key-bar--description")
        line = Text(no_wrap=True, overflow="crop")
        gap = " " * KEY_GAP
        for shown in self.shown_keys():
            line.append(" " * max(0, shown.start - line.cell_len))
            item = Text.assemble(
                (f"{gap}{shown.shown_as}{gap}", key_style),
                (f"{shown.description}{gap}", description_style),
            )
            if not shown.enabled:
                item.stylize("dim")
            if shown.key == self.hovered:
                item.stylize(style("key-bar--hover"))
            line.append_text(item)
        return line

    def key_at(self, x: int) -> ShownKey | None:
        return next((shown for shown in self.shown_keys() if shown.start <= x < shown.end), None)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        shown = self.key_at(event.x)
        hovered = shown.key if shown else None
        if hovered != self.hovered:
            self.hovered = hovered
            self.tooltip = shown.tooltip if shown else None
            self.refresh()

    def on_leave(self) -> None:
        self.hovered = None
        self.tooltip = None
        self.refresh()

    def on_click(self, event: events.Click) -> None:
        shown = self.key_at(event.x)
        if shown is None:
            return
        if shown.enabled:
            self.app.simulate_key(shown.key)
        else:
            self.app.bell()
