"""The help screen: every key, grouped by pane, as the bindings declare them (see `key_map`).

Three columns, aligned: the keys as the key bar shows them, the action's name, what it does.
What it does wraps in its own column, so the columns stay apart at 80×24 too.
"""

from __future__ import annotations

from collections.abc import Sequence
from textwrap import wrap

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.geometry import Size
from textual.screen import ModalScreen
from textual.widgets import Static

from ssi_tui.key_map import KeyGroup

INTRO = (
    "ssi-tui keeps your LinkedIn Social Selling Index history on this machine. "
    "Every action below is also in the command palette, by name."
)
COLUMN_GAP = 2
"""Spaces between the columns."""
MIN_ABOUT_WIDTH = 16
"""Narrower than this, what an action does goes on a line of its own, under its name."""
KEY_STYLE = "bold cyan"
NAME_STYLE = "bold"


def _wrapped(text: str, width: int) -> list[str]:
    return wrap(text, max(1, width), break_on_hyphens=False) or [""]


def keys_text(groups: Sequence[tuple[KeyGroup, list[tuple[str, str, str]]]], width: int) -> Text:
    """The groups as lines of at most `width` cells: a heading for each, then one line per
    action (keys, name, what it does), the columns aligned across every group."""
    rows = [row for _, group_rows in groups for row in group_rows]
    keys_width = max((cell_len(keys) for keys, _, _ in rows), default=0)
    name_width = max((cell_len(name) for _, name, _ in rows), default=0)
    about_at = keys_width + name_width + 2 * COLUMN_GAP
    if width - about_at < MIN_ABOUT_WIDTH:
        about_at = keys_width + COLUMN_GAP  # under the name, on the next line
    gap = " " * COLUMN_GAP
    text = Text(no_wrap=True, overflow="crop")
    for number, (group, group_rows) in enumerate(groups):
        if number:
            text.append("\n")
        heading = _wrapped(f"{group.title} · {group.about}", width)
        text.append(heading[0][: len(group.title)], style="bold reverse")
        text.append(heading[0][len(group.title) :] + "\n", style="italic")
        for line in heading[1:]:
            text.append(line + "\n", style="italic")
        for keys, name, about in group_rows:
            text.append(keys + " " * (keys_width - cell_len(keys)), style=KEY_STYLE)
            text.append(gap)
            text.append(name, style=NAME_STYLE)
            if not about:
                text.append("\n")
                continue
            column = keys_width + COLUMN_GAP + cell_len(name)
            if about_at > column:
                text.append(" " * (about_at - column))
            else:
                text.append("\n" + " " * about_at)
            lines = _wrapped(about, width - about_at)
            text.append(lines[0] + "\n")
            for line in lines[1:]:
                text.append(" " * about_at + line + "\n")
    text.rstrip()
    return text


class KeyList(Static):
    """The key groups, laid out for the width they are given (wrapping in their columns)."""

    def __init__(self, groups: Sequence[KeyGroup], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.groups = groups
        self._laid_out: tuple[int, Text] | None = None

    def text_for(self, width: int) -> Text:
        if self._laid_out is None or self._laid_out[0] != width:
            rows = [
                (
                    group,
                    [
                        (
                            action.shown_keys(self.app),
                            action.description,
                            "" if action.tooltip == action.description else action.tooltip,
                        )
                        for action in group.actions
                    ],
                )
                for group in self.groups
            ]
            self._laid_out = (width, keys_text(rows, width))
        return self._laid_out[1]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.text_for(width).plain.splitlines())

    def render(self) -> Text:
        return self.text_for(self.content_size.width)


class HelpScreen(ModalScreen[None]):
    """A modal listing every key of ssi-tui, grouped by pane; the arrows scroll it."""

    BINDINGS = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close help", id="help.close"),
    ]

    def __init__(self, groups: Sequence[KeyGroup]) -> None:
        super().__init__()
        self.groups = groups

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-dialog"):
            yield Static(INTRO, id="help-guide")
            yield KeyList(self.groups, id="help-keys")
            yield Static("↑↓ scroll · Esc closes this help", classes="caption")
