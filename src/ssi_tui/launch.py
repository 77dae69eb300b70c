"""The console script: `ssi-tui` alone opens the app without loading the command line.

The bare command is what people type most, and what they wait on: it goes straight to the
app. Anything after it (an option, a subcommand) is handled by click in `ssi_tui.cli`.
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path
from typing import NoReturn

from ssi_tui.store.database import DatabaseError, IntegrityCheck, resolve_db_path

EXIT_REFUSED = 2
"""Exit status for bad arguments, bad files, refused input and unusable databases."""


def run_app(path: Path, label: str | None = None) -> None:
    """Open the app on `path`; an unusable database is one sentence on stderr and status 2.

    Start-up allocates much and frees little, so the garbage collector would scan its tens of
    thousands of new objects again and again for little (about 25 ms of start-up): it is
    paused here and resumed by the app after its first frames (`resume_garbage_collection`).
    """
    gc.disable()
    check = IntegrityCheck(path)  # runs while Textual loads (see store/database.py)
    from ssi_tui.app import make_app

    try:
        app = make_app(path, label=label, integrity=check)
    except DatabaseError as error:
        refuse(str(error))
    app.run()
    if app.refusal:  # the file's integrity check failed while the app started
        refuse(app.refusal)
    if app.return_code:  # a crash: Textual printed what happened; the shell must see it too
        sys.exit(app.return_code)


def refuse(sentence: str) -> NoReturn:
    print(f"ssi-tui: {sentence}", file=sys.stderr)
    sys.exit(EXIT_REFUSED)


def main() -> None:
    """Console-script entry point."""
    if len(sys.argv) > 1:
        from ssi_tui.cli import main as command_line

        command_line()
    else:
        run_app(resolve_db_path(None))
