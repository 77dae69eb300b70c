"""CLI subcommands, one module per command group; each is a thin door onto the core."""

from __future__ import annotations

import click


def register_commands(group: click.Group) -> None:
    """Attach every subcommand to the root group."""
    from ssi_tui.commands.analyze import analyze, model_group
    from ssi_tui.commands.coach import show_estimate, show_plan
    from ssi_tui.commands.data import export, import_path, show_posts
    from ssi_tui.commands.journal import activity_group, log, show_journal, targets
    from ssi_tui.commands.safety import backup, restore
    from ssi_tui.commands.ssi import ssi

    commands = (ssi, log, show_journal, activity_group, targets, show_estimate, show_plan)
    more = (import_path, show_posts, export, model_group, analyze, backup, restore)
    for command in (*commands, *more):
        group.add_command(command)
