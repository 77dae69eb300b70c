"""Export and backup from inside the app, as `ssi-tui export` and `ssi-tui backup` do them.

Each runs the store's own function in a thread, with its own connection, and says in a
notification where the files went; a failure is said in a sentence, never a traceback. The
files go next to the database: `exports/ssi-<date-time>/` (one file per table) and
`<database>.backup-<date-time>`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ssi_tui.app import SsiApp

EXPORTS_FOLDER = "exports"
EXPORT_HELP = "Every table as {format} files, into a new folder beside the database"
BACKUP_HELP = "A copy of the whole database, in a new file beside it"


def export_folder(db_path: Path, stamp: str) -> Path:
    return db_path.parent / EXPORTS_FOLDER / f"ssi-{stamp}"


def backup_file(db_path: Path, stamp: str) -> Path:
    return db_path.with_name(f"{db_path.name}.backup-{stamp}")


def export(app: SsiApp, file_format: str) -> None:
    """Write every table as CSV or JSON files into a new folder beside the database."""
    from ssi_tui.store.backup import stamp

    folder = export_folder(app.db_path, stamp())
    db_path = app.db_path

    def write() -> str:
        from ssi_tui.store.database import open_database
        from ssi_tui.store.export import export_all

        db = open_database(db_path)  # this thread's own connection
        try:
            written = export_all(db, folder, file_format)
        finally:
            db.close()
        return f"Exported {len(written)} {file_format.upper()} files to {folder}."

    _in_background(app, write, f"Nothing was exported to {folder}")


def backup(app: SsiApp) -> None:
    """Copy the whole database to a new file beside it (safe while the app writes)."""
    from ssi_tui.store.backup import stamp

    target = backup_file(app.db_path, stamp())
    db_path = app.db_path

    def copy() -> str:
        from ssi_tui.store.backup import backup_to

        backup_to(db_path, target, on_wait=lambda: app.call_from_thread(_say_waiting, app))
        return f"Backed up to {target}."

    _in_background(app, copy, f"No backup was made at {target}")


def _say_waiting(app: SsiApp) -> None:
    app.notify("Waiting for the database: another program is writing to it…", markup=False)


def _in_background(app: SsiApp, job: Callable[[], str], failed: str) -> None:
    """Run `job` in a thread; notify what it returns, or `failed` and why in one sentence."""

    def run() -> None:
        try:
            said = job()
        except Exception as error:  # any failure is a sentence: the app carries on
            app.call_from_thread(
                app.notify,
                f"{failed}: {_why(error)}.",
                severity="error",
                markup=False,
                timeout=10,
            )
        else:
            app.call_from_thread(app.notify, said, markup=False, timeout=10)

    app.run_worker(run, thread=True, group="files-out", exit_on_error=False)


def _why(error: Exception) -> str:
    """What stopped an export or a backup, as a phrase."""
    from ssi_tui.store.transactions import why_it_stopped

    if isinstance(error, OSError) and error.strerror:
        where = f" ({error.filename})" if error.filename else ""
        return f"{error.strerror.lower()}{where}"
    return why_it_stopped(error)
