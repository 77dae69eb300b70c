"""Plain-text helpers shared by the TUI, the CLI and the importers."""

from __future__ import annotations

import re

_ANSI_ESCAPE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""C0 and C1 controls (but newline and tab), and the bidirectional embeddings, overrides and
isolates, which can make a line read backwards from what it holds."""


def strip_control(text: str) -> str:
    """Remove terminal escape sequences and control characters, keeping newlines and tabs.

    Bidirectional overrides go too (U+202E shows "exe.txt" for "txt.exe"); the ordinary
    direction of Arabic or Hebrew text needs none of them.

    Text from imports and pastes is shown literally; a stray escape code must never move the
    cursor or recolour the terminal.
    """
    return _CONTROL.sub("", _ANSI_ESCAPE.sub("", text))


def folded(text: str | None) -> str:
    """Text compared the way two files (or a draft and its post) may spell it: runs of
    whitespace and case aside."""
    return " ".join((text or "").split()).casefold()


def first_line(text: str | None, width: int = 80) -> str:
    """The first non-blank line, shortened to `width` characters with an ellipsis."""
    for raw in (text or "").splitlines():
        line = raw.strip()
        if line:
            return line if len(line) <= width else line[: width - 1] + "…"
    return ""
