"""Running the installed entry point in a child process, as a user's shell would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

HEADLESS = "textual.drivers.headless_driver:HeadlessDriver"


def run_bare_ssi_tui(db: Path) -> subprocess.CompletedProcess[str]:
    """`ssi-tui` with no arguments on `db` (as SSI_TUI_DB), in a headless terminal."""
    env = {**os.environ, "SSI_TUI_DB": str(db), "TEXTUAL_DRIVER": HEADLESS}
    return subprocess.run(
        [sys.executable, "-m", "ssi_tui"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
