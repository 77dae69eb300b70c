"""Opening the app on a database file, from the bare command or from `ssi-tui --db PATH`."""

from __future__ import annotations

import gc
import sys
from pathlib import Path
from typing import NoReturn

from ssi_tui.exit_codes import EXIT_REFUSED
from ssi_tui.store.database import DatabaseError, IntegrityCheck


def run_app(path: Path, label: str | None = None) -> None:
    """Open the app on `path`; an unusable database is one sentence on stderr and status 2.

    Start-up allocates much and frees little, so the garbage collector would scan its tens of
    thousands of new objects again and again for little (the README's performance section
    has the figure): it is paused here and resumed by the app after its first frames
    (`resume_garbage_collection`).
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
