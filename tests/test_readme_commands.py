"""The README lists every command a person can type, so none is found only by reading code."""

from __future__ import annotations

import re
from pathlib import Path

import click

from ssi_tui.commands import COMMANDS, load_command

README = Path(__file__).resolve().parent.parent / "README.md"


def every_command_path() -> list[str]:
    """`ssi`, `ssi paste`, `model train`, … for every command and subcommand."""
    paths = []
    for name in COMMANDS:
        command = load_command(name)
        assert command is not None
        paths.append(name)
        if isinstance(command, click.Group):
            paths += [f"{name} {sub}" for sub in command.commands]
    return paths


def test_every_command_and_subcommand_is_in_the_readme() -> None:
    text = README.read_text(encoding="utf-8")
    missing = [
        path for path in every_command_path()
        if not re.search(rf"ssi-tui {re.escape(path)}(?![\w-])", text)
    ]  # fmt: skip
    assert missing == []
