"""Running the installed entry point in a child process, as a user's shell would."""

from __future__ import annotations

import os
import subprocess
import sys
import time
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


def ssi_tui(db: Path, *arguments: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """One `ssi-tui --db DB …` command in a process of its own, as typed in another terminal."""
    return subprocess.run(
        [sys.executable, "-m", "ssi_tui", "--db", str(db), *arguments],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def start_ssi_tui(db: Path, *arguments: str) -> subprocess.Popen[str]:
    """`ssi_tui`, started and left running."""
    return subprocess.Popen(
        [sys.executable, "-m", "ssi_tui", "--db", str(db), *arguments],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


_LOCK_HOLDER = """
import select, sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
conn.execute("UPDATE settings SET value = value WHERE key = 'target_ssi'")
print("held", flush=True)
select.select([sys.stdin], [], [], float(sys.argv[2]))  # until told, or at most that long
conn.execute("COMMIT")
conn.close()
"""

_OPEN_READER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
conn.execute("SELECT count(*) FROM journal").fetchone()
print("open", flush=True)
sys.stdin.read()
conn.close()
"""


class WriteLock:
    """Another program holding a write transaction on a database, as `sqlite3` can."""

    def __init__(self, db: Path, most_seconds: float) -> None:
        self.process: subprocess.Popen[str] = subprocess.Popen(
            [sys.executable, "-c", _LOCK_HOLDER, str(db), str(most_seconds)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        assert self.process.stdout.readline().strip() == "held"
        self.taken = time.monotonic()

    def release(self, after_seconds: float = 0.0) -> None:
        """Commit once the lock has been held `after_seconds` in all, and wait for the end."""
        time.sleep(max(0.0, self.taken + after_seconds - time.monotonic()))
        self.process.communicate("\n", timeout=60)


def hold_write_lock(db: Path, most_seconds: float) -> WriteLock:
    """Another program taking the write lock on `db` now, for at most `most_seconds`."""
    return WriteLock(db, most_seconds)


def keep_open(db: Path) -> subprocess.Popen[str]:
    """Another program (plain sqlite3) with the file open until its standard input closes."""
    reader = subprocess.Popen(
        [sys.executable, "-c", _OPEN_READER, str(db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert reader.stdout is not None and reader.stdout.readline().strip() == "open"
    return reader


def read_and_close(db: Path) -> None:
    """A plain sqlite3 reader (as `sqlite3` or Datasette would be) that opens, reads, closes."""
    reader = subprocess.Popen([sys.executable, "-c", _OPEN_READER, str(db)], stdin=subprocess.PIPE)
    reader.communicate("", timeout=60)
    assert reader.returncode == 0
