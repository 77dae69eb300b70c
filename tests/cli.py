"""Running one `ssi-tui --db DB …` command in-process, as the CLI tests do."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from ssi_tui.cli import cli


def run(db: Path, *arguments: str) -> tuple[int, str]:
    """(exit status, stdout and stderr) of the command; a traceback fails the test."""
    result = CliRunner().invoke(cli, ["--db", str(db), *arguments])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"{arguments}: {result.exception!r}\n{result.output}")
    return result.exit_code, result.output
