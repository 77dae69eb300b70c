"""ssi-tui's entries in the command palette (Ctrl+P): every pane and every action.

Loaded when the palette first opens."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from textual.app import SystemCommand

from ssi_tui.panes.deck import PANES

if TYPE_CHECKING:
    from ssi_tui.app import SsiApp


def ssi_commands(app: SsiApp) -> Iterator[SystemCommand]:
    for key, title, why in PANES:
        yield SystemCommand(f"Show {title}", why, lambda pane=key: app.action_show_pane(pane))
    yield SystemCommand(
        "Paste SSI page", "Record a reading from the copied SSI page", app.score_action("paste")
    )
    yield SystemCommand("Add reading", "Type a reading from the SSI page", app.score_action("add"))
    yield SystemCommand("Set target", "Change the SSI you aim for", app.score_action("target"))
    yield SystemCommand("What-if planner", "Weekly activity that reaches a target", app.action_plan)
    yield SystemCommand(
        "Import", "A LinkedIn data export, analytics .xlsx or posts CSV", app.action_import
    )
    yield SystemCommand("Help", "Keys and what each pane is for", app.action_help)
    yield SystemCommand("Reload", "Re-read the database", app.action_reload)
