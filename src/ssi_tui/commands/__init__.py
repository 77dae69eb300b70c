"""CLI subcommands, one module per command group; each is a thin door onto the core."""

from __future__ import annotations

import click


def register(group: click.Group) -> None:
    """Attach every subcommand to the root group."""
