"""ssi-tui's entries in the command palette (Ctrl+P): every key's action, and export and backup.

The entries come from the bindings, grouped as help lists them (`key_map.key_groups`): a
pane's action is called "<Pane>: <action>" ("Posts: Sort") and shows the pane, then runs the
action there, as its key would. Actions that only move the cursor are left to their keys.
Loaded when the palette first opens.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING

from textual.app import SystemCommand

from ssi_tui.key_map import key_groups
from ssi_tui.widgets.key_bar import PALETTE_ACTIONS

if TYPE_CHECKING:
    from ssi_tui.app import SsiApp


def on_pane(app: SsiApp, pane: str, action: str) -> Callable[[], None]:
    """Show the pane, then run one of its actions there (after the refresh that shows it)."""

    async def run_there() -> None:
        for widget in app.query(f"#{pane}-pane"):  # none while the panes are being built
            await app.run_action(action, widget)

    def run() -> None:
        app.action_show_pane(pane)
        app.call_after_refresh(run_there)

    return run


def on_app(app: SsiApp, action: str) -> Callable[[], object]:
    return lambda: app.run_action(action)


def ssi_commands(app: SsiApp) -> Iterator[SystemCommand]:
    from ssi_tui.app_actions import BACKUP_HELP, EXPORT_HELP, backup, export

    for group in key_groups(app):
        for entry in group.actions:
            if entry.action in PALETTE_ACTIONS or (group.pane is not None and entry.moves_only):
                continue
            yield SystemCommand(
                group.palette_title(entry),
                entry.tooltip or entry.description,
                on_app(app, entry.action)
                if group.pane is None
                else on_pane(app, group.pane, entry.action),
            )
    for file_format in ("csv", "json"):
        yield SystemCommand(
            f"Export as {file_format.upper()}",
            EXPORT_HELP.format(format=file_format.upper()),
            partial(export, app, file_format),
        )
    yield SystemCommand("Backup", BACKUP_HELP, partial(backup, app))
