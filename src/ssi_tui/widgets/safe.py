"""Showing untrusted text literally: no Rich markup, no terminal control codes."""

from __future__ import annotations

from rich.text import Text

from ssi_tui.core.text import strip_control


def literal(value: object, style: str = "") -> Text:
    """A Rich Text that displays `value` exactly, whatever brackets or escapes it holds."""
    return Text(strip_control(str(value)), style=style)
