"""CLI subcommands, one module per command group; each is a thin door onto the core.

A command's module is imported only when that command runs (or `--help` lists them all), so
`ssi-tui log comment` loads the journal commands and nothing else.
"""

from __future__ import annotations

from importlib import import_module

import click

COMMANDS: dict[str, tuple[str, str]] = {
    "ssi": ("ssi", "ssi"),
    "log": ("journal", "log"),
    "journal": ("journal", "show_journal"),
    "activity": ("journal", "activity_group"),
    "targets": ("journal", "targets"),
    "estimate": ("coach", "show_estimate"),
    "plan": ("coach", "show_plan"),
    "today": ("today", "show_today"),
    "import": ("data", "import_path"),
    "posts": ("data", "show_posts"),
    "export": ("data", "export"),
    "model": ("analyze", "model_group"),
    "analyze": ("analyze", "analyze"),
    "backup": ("safety", "backup"),
    "restore": ("safety", "restore"),
    "serve": ("serve", "serve"),
}
"""Command name → (module in this package, the click command in it)."""


def load_command(name: str) -> click.Command | None:
    """The command called `name`, importing its module; None for an unknown name."""
    where = COMMANDS.get(name)
    if where is None:
        return None
    module, attribute = where
    command = getattr(import_module(f"{__name__}.{module}"), attribute)
    assert isinstance(command, click.Command)
    return command
