"""The command line: `ssi-tui [--db PATH | --demo]` opens the app; subcommands serve scripts
and daily habits.

Only click and the store are imported here: Textual loads when the app opens, and the
quick-log path never pays for it. The bare `ssi-tui` skips this module (see `launch.py`).
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Sequence
from typing import Any

import click

from ssi_tui import __version__
from ssi_tui.commands import COMMANDS, load_command
from ssi_tui.commands.common import demo_database
from ssi_tui.exit_codes import EXIT_REFUSED
from ssi_tui.running import run_app
from ssi_tui.store.connections import BUSY_TIMEOUT_MS
from ssi_tui.store.database import DatabaseError, resolve_db_path
from ssi_tui.store.transactions import DISK_FULL, DatabaseBusy, is_busy, is_disk_full


class SsiGroup(click.Group):
    """A group whose errors are one line on stderr (no usage dump, no traceback).

    Its subcommands load on demand (see `ssi_tui.commands`).
    """

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return load_command(cmd_name)

    def main(  # type: ignore[override]
        self, args: Sequence[str] | None = None, prog_name: str | None = None, **extra: Any
    ) -> Any:
        extra.pop("standalone_mode", None)
        try:
            return super().main(args=args, prog_name=prog_name, standalone_mode=False, **extra)
        except click.ClickException as error:
            message = error.format_message().rstrip(".")
            hint = f" (see '{_help_of(error.ctx)}')" if isinstance(error, click.UsageError) else ""
            click.echo(f"ssi-tui: {message}{hint}.", err=True)
            sys.exit(EXIT_REFUSED if isinstance(error, click.UsageError) else error.exit_code)
        except DatabaseError as error:  # e.g. another program kept the write lock too long
            click.echo(f"ssi-tui: {error}", err=True)
            sys.exit(EXIT_REFUSED)
        except sqlite3.Error as error:  # the file locked, read-only, full or damaged meanwhile
            if is_busy(error):
                problem = str(DatabaseBusy(BUSY_TIMEOUT_MS / 1000))
            elif is_disk_full(error):
                problem = DISK_FULL
            else:
                problem = f"The database could not be used: {error}."
            click.echo(f"ssi-tui: {problem}", err=True)
            sys.exit(EXIT_REFUSED)
        except click.exceptions.Abort:
            click.echo("ssi-tui: aborted.", err=True)
            sys.exit(1)
        except BrokenPipeError:
            sys.exit(0)


def _help_of(ctx: click.Context | None) -> str:
    """`ssi-tui log --help`: the help of the command whose usage was wrong (the root's when
    unknown), named as the user types it whatever name the program was started under."""
    names: list[str] = []
    while ctx is not None and ctx.parent is not None:
        names.insert(0, ctx.info_name or "")
        ctx = ctx.parent
    return " ".join(["ssi-tui", *filter(None, names), "--help"])


@click.group(
    cls=SsiGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.option(
    "--db",
    "db_option",
    metavar="PATH",
    envvar=None,
    help="Database file (default: your user data folder; or set SSI_TUI_DB).",
)
@click.option(
    "--demo", is_flag=True, help="Open on a generated year of history in a temporary database."
)
@click.version_option(__version__, "--version", "-V", prog_name="ssi-tui")
@click.pass_context
def cli(ctx: click.Context, db_option: str | None, demo: bool) -> None:
    """A private, offline coach for LinkedIn's Social Selling Index.

    Without a command, opens the app. Your data stays in one SQLite file on this machine.
    """
    if demo and db_option is not None:
        raise click.UsageError("Choose --demo or --db, not both.")
    path = demo_database(ctx) if demo else resolve_db_path(db_option)
    ctx.obj = path
    if ctx.invoked_subcommand is None:
        run_app(path, label="demo history (discarded on exit)" if demo else None)


def main() -> None:
    """Console-script entry point."""
    cli.main(prog_name="ssi-tui")
