"""The console script: `ssi-tui` alone opens the app without loading the command line.

The bare command is what people type most, and what they wait on: it goes straight to the
app. Anything after it (an option, a subcommand) is handled by click in `ssi_tui.cli`.
"""

from __future__ import annotations

import os
import sys

from ssi_tui.running import run_app
from ssi_tui.store.database import resolve_db_path


def main() -> None:
    """Console-script entry point."""
    if len(sys.argv) > 1 or os.environ.get("_SSI_TUI_COMPLETE"):  # a shell asks for completions
        from ssi_tui.cli import main as command_line

        command_line()
    else:
        run_app(resolve_db_path(None))
