"""Human output of the commands: sentences wrapped, and tables with a header row and aligned
columns, each line at most 80 columns (a terminal's classic width).

`--json` is for scripts; this is for the person at the terminal. Text from the database goes
through `one_line` first, so no control character reaches the terminal and no newline breaks
a row.
"""

from __future__ import annotations

import re
import textwrap
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import click

from ssi_tui.core.domain import ActivityType
from ssi_tui.core.text import strip_control

WIDTH = 80
"""The widest line the commands print."""

ELLIPSIS = "…"


def say(sentence: str, indent: str = "") -> None:
    """Print `sentence`, wrapped at WIDTH (lines after the first indented by `indent`)."""
    click.echo(wrapped(sentence, indent))


def wrapped(text: str, indent: str = "") -> str:
    """`text` wrapped at WIDTH, never inside a quoted command ('ssi-tui targets KEY N'); a
    word longer than a line (a link in a note) is cut across lines."""
    kept_whole = _COMMAND.sub(lambda quoted: quoted.group().replace(" ", _GLUE), text)
    lines = textwrap.fill(
        kept_whole,
        WIDTH,
        subsequent_indent=indent,
        break_on_hyphens=False,  # a command's --option, or a date, stays whole
    )
    return lines.replace(_GLUE, " ")


_COMMAND = re.compile(r"'ssi-tui [^'\n]{0,60}'")
_GLUE = "\ue000"
"""A private-use character standing for a space that must not break a line."""


def one_line(text: str | None) -> str:
    """Stored text on one line: controls removed, runs of whitespace (newlines too) one space."""
    return " ".join(strip_control(text or "").split())


def cells(text: str) -> int:
    """The columns `text` takes in a terminal: wide East Asian characters take two,
    combining marks and invisible format characters none."""
    return sum(_cell(character) for character in text)


def _cell(character: str) -> int:
    if unicodedata.combining(character) or unicodedata.category(character) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(character) in ("W", "F") else 1


def fit(text: str, width: int) -> str:
    """`text` in at most `width` columns, cut with an ellipsis when it is longer."""
    if cells(text) <= width:
        return text
    kept, used = [], 0
    for character in text:
        size = _cell(character)
        if used + size > width - 1:
            break
        kept.append(character)
        used += size
    return "".join(kept).rstrip() + ELLIPSIS


def pad(text: str, width: int, right: bool = False) -> str:
    space = " " * max(0, width - cells(text))
    return space + text if right else text + space


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a table."""

    head: str
    right: bool = False
    """Right-aligned (numbers), else left-aligned."""
    shrinks: int = 0
    """Gives up width, its cells cut with an ellipsis, when a line would pass WIDTH: the
    column with the highest number first, down to `least`, then the next (0: never)."""
    least: int = 8
    """The narrowest a shrinking column gets (its head may be cut too)."""


def table(columns: Sequence[Column], rows: Iterable[Sequence[str]], gap: int = 2) -> list[str]:
    """The lines of a table: the header, then one line per row, columns `gap` apart.

    Each column is as wide as its widest cell; while the lines would pass WIDTH, shrinking
    columns give up width, one terminal column at a time.
    """
    body = [list(row) for row in rows]
    widths = [
        max([cells(column.head), *(cells(row[index]) for row in body)])
        for index, column in enumerate(columns)
    ]
    excess = sum(widths) + gap * (len(columns) - 1) - WIDTH
    while excess > 0:
        shrinkable = [
            index
            for index, column in enumerate(columns)
            if column.shrinks and widths[index] > column.least
        ]
        if not shrinkable:
            break
        first = max(shrinkable, key=lambda index: (columns[index].shrinks, widths[index]))
        widths[first] -= 1
        excess -= 1

    def line(values: Sequence[str]) -> str:
        shown = [
            pad(fit(value, width), width, column.right)
            for value, width, column in zip(values, widths, columns, strict=True)
        ]
        return (" " * gap).join(shown).rstrip()

    return [line([column.head for column in columns]), *(line(row) for row in body)]


def echo_table(columns: Sequence[Column], rows: Iterable[Sequence[str]]) -> None:
    for text in table(columns, rows):
        click.echo(text)


def labels_of(types: Iterable[ActivityType]) -> dict[str, str]:
    """Activity key → the label the app shows, on one line (a key without a type shows as
    itself)."""
    return {activity.key: one_line(activity.label) or activity.key for activity in types}
