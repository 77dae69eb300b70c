"""`ssi-tui backup` and `ssi-tui restore`: a copy of everything, and the way back."""

from __future__ import annotations

from pathlib import Path

import click

from ssi_tui.commands.common import database, refuse, say_waiting
from ssi_tui.store.database import DatabaseError


@click.command("backup")
@click.argument("target", type=click.Path(path_type=Path))
@click.pass_context
def backup(ctx: click.Context, target: Path) -> None:
    """Copy the whole database to a new file (safe while the app is open)."""
    from ssi_tui.store.backup import backup_to

    path: Path = ctx.find_root().obj
    database(ctx)  # refuses a missing, foreign or damaged database first
    try:
        backup_to(path, target, on_wait=say_waiting)
    except DatabaseError as error:
        refuse(str(error))
    except OSError as error:
        refuse(f"Cannot write {target}: {error.strerror or error}.")
    click.echo(f"Backed up to {target}.")


@click.command("restore")
@click.argument("source", type=click.Path(path_type=Path))
@click.pass_context
def restore(ctx: click.Context, source: Path) -> None:
    """Replace the database with a backup, after checking it; the current file is kept."""
    from ssi_tui.store.backup import restore_from

    path: Path = ctx.find_root().obj
    try:
        kept = restore_from(path, source, on_wait=say_waiting)
    except DatabaseError as error:
        refuse(str(error))
    except OSError as error:
        refuse(f"Cannot restore into {path}: {error.strerror or error}.")
    database(ctx)  # brings an older backup's schema up to date
    where = f"; the previous database is kept as {kept}" if kept else ""
    click.echo(f"Restored {source}{where}.")
