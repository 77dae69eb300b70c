"""Every key of ssi-tui, grouped as help (F1) and the command palette (Ctrl+P) both show it.

The groups are read from the bindings themselves: the app's `BINDINGS` ("Everywhere"), then
each pane class's `BINDINGS`, in the order of the pane names, whether that pane is on show
or not. A key added to a pane is in help and in the palette with nothing more to write, so
the two cannot drift apart. Textual's generic bindings (scrolling, a table's cursor) are left
out: only ssi-tui's own classes are read, with Textual's Ctrl+Q and the palette's key.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.binding import Binding, BindingType

from ssi_tui.panes.deck import PANES
from ssi_tui.widgets.key_bar import PALETTE_ACTIONS

if TYPE_CHECKING:
    from textual.dom import DOMNode

EVERYWHERE = "Everywhere"
EVERYWHERE_ABOUT = "Any pane (in the Drafts editor, Esc first)"
MOVES_ONLY = frozenset(
    {"up", "down", "left", "right", "first", "last", "home", "end", "page_up", "page_down"}
    | {"leave"}  # Esc: the keyboard to the pane names
)
"""Actions that only move the cursor or the keyboard, by name (and those named `cursor_…`
or `scroll_…`): listed in help, left out of the palette, which cannot point at a row and
moves the keyboard to the pane itself."""
MOVES_ONLY_PREFIXES = ("cursor_", "scroll_")
SHOW_PANE = "show_pane"
"""The app's action that shows a pane: the palette calls it "Show <pane>"."""


@dataclass(frozen=True)
class KeyAction:
    """One action and every key bound to it (one binding per key, as Textual splits them)."""

    keys: tuple[Binding, ...]

    @property
    def binding(self) -> Binding:
        return self.keys[0]

    @property
    def action(self) -> str:
        return self.binding.action

    @property
    def description(self) -> str:
        return self.binding.description

    @property
    def tooltip(self) -> str:
        return self.binding.tooltip

    @property
    def action_name(self) -> str:
        """The action without its namespace and arguments: "move_day(-1)" is "move_day"."""
        return self.action.split("(", 1)[0].rsplit(".", 1)[-1]

    @property
    def moves_only(self) -> bool:
        name = self.action_name
        return name in MOVES_ONLY or name.startswith(MOVES_ONLY_PREFIXES)

    def shown_keys(self, app: App[Any]) -> str:
        """Every key of the action as the key bar shows keys ("f1, ?", "d, del")."""
        shown: list[str] = []
        for binding in self.keys:
            display = app.get_key_display(binding)
            if display not in shown:
                shown.append(display)
        return ", ".join(shown)


@dataclass(frozen=True)
class KeyGroup:
    """The keys of one pane (or of every pane): what help lists under one heading."""

    title: str
    about: str
    pane: str | None
    """The pane's key ("score"), None for the keys that work everywhere."""
    actions: tuple[KeyAction, ...]

    def palette_title(self, action: KeyAction) -> str:
        """The action's name in the command palette: "Posts: Sort", "Show Journal", "Reload"."""
        if self.pane is not None:
            return f"{self.title}: {action.description}"
        if action.action_name == SHOW_PANE:
            return f"Show {action.description}"
        return action.description


def pane_classes() -> dict[str, type[DOMNode]]:
    """The class of each pane, by key (their modules load here, after the first paint)."""
    from ssi_tui.panes.drafts import DraftsPane
    from ssi_tui.panes.journal import JournalPane
    from ssi_tui.panes.posts import PostsPane
    from ssi_tui.panes.score import ScorePane

    return {"score": ScorePane, "journal": JournalPane, "posts": PostsPane, "drafts": DraftsPane}


def declared_bindings(cls: type[DOMNode]) -> list[Binding]:
    """The bindings that ssi-tui's own classes declare for `cls`, the class's own first;
    those of Textual's base classes (scrolling, cursors) are not the pane's actions."""
    declared: list[BindingType] = []
    for klass in cls.__mro__:
        if klass.__module__.startswith("ssi_tui.") and "BINDINGS" in vars(klass):
            declared.extend(vars(klass)["BINDINGS"])
    return [binding if isinstance(binding, Binding) else Binding(*binding) for binding in declared]


def actions_of(bindings: Iterable[Binding]) -> tuple[KeyAction, ...]:
    """One entry per action that has a name, with all its keys, in the order declared."""
    keys: dict[str, list[Binding]] = {}
    for binding in bindings:
        if binding.description:
            keys.setdefault(binding.action, []).extend(Binding.make_bindings([binding]))
    return tuple(KeyAction(tuple(split)) for split in keys.values())


def app_bindings(app: App[Any]) -> list[Binding]:
    """The app's own keys, Textual's Ctrl+Q (which quits from anywhere, the editor too), and
    the command palette's key."""
    bindings = declared_bindings(type(app))
    bindings += [binding for binding in Binding.make_bindings(App.BINDINGS) if binding.description]
    if app.ENABLE_COMMAND_PALETTE and not any(b.action in PALETTE_ACTIONS for b in bindings):
        bindings.append(
            Binding(
                app.COMMAND_PALETTE_BINDING,
                "command_palette",
                "Command palette",
                key_display=app.COMMAND_PALETTE_DISPLAY,
                tooltip="Every action, found by name",
            )
        )
    return bindings


def key_groups(app: App[Any]) -> tuple[KeyGroup, ...]:
    """Everywhere's keys, then each pane's, in the order of the pane names."""
    classes = pane_classes()
    return (
        KeyGroup(EVERYWHERE, EVERYWHERE_ABOUT, None, actions_of(app_bindings(app))),
        *(
            KeyGroup(title, why, key, actions_of(declared_bindings(classes[key])))
            for key, title, why in PANES
        ),
    )
