"""CLI subcommands, one module per command group; each is a thin door onto the core."""

from __future__ import annotations

import click


def register_commands(group: click.Group) -> None:
    """Attach every subcommand to the root group."""
    from ssi_tui.commands.ssi import ssi

    group.add_command(ssi)
