"""What the benchmarks of run.py share: children's environment, timing, medians, errors."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TypeVar

HERE = Path(__file__).resolve().parent
CHILD_TIMEOUT_S = 180
TERMINAL_SIZE = (160, 45)
HEADLESS_DRIVER = "textual.drivers.headless_driver:HeadlessDriver"

Figures = dict[str, float]
"""What a benchmark returns: its numbers under their keys in run.py's JSON report."""

First = TypeVar("First")
Second = TypeVar("Second")


class BenchmarkError(RuntimeError):
    """A benchmark could not run (a child failed or never painted)."""


def log(message: str) -> None:
    """Progress, on standard error: standard output is the report."""
    print(message, file=sys.stderr, flush=True)


def median(values: list[float]) -> float:
    return float(statistics.median(values))


def paired_ratio(measured: list[float], reference: list[float]) -> float:
    """The median of the ratios of runs made side by side.

    Each pair ran within a second on the same machine state, so a shared machine that slows
    down or speeds up during the benchmark moves both sides of a pair together; a ratio of
    two separate medians would mix pairs taken at different speeds.
    """
    return median([one / other for one, other in zip(measured, reference, strict=True)])


def copy_db(source: Path, target: Path) -> Path:
    """A consistent private copy (the WAL folded in), so benchmarks never share a file."""
    import sqlite3

    with sqlite3.connect(source) as conn:
        conn.execute("VACUUM INTO ?", [str(target)])
    conn.close()
    return target


def child_env(base: dict[str, str], work: Path, db: Path, today: date) -> dict[str, str]:
    """The environment of every measured child: same for ssi-tui and its baseline.

    The children read and write their bytecode in a private cache (PYTHONPYCACHEPREFIX),
    warmed up before measuring, as an installed package would have compiled it at install time.
    """
    env = dict(base)
    for name in ("PYTHONDONTWRITEBYTECODE", "TEXTUAL", "TEXTUAL_PRESS", "TEXTUAL_SCREENSHOT"):
        env.pop(name, None)
    env.update(
        {
            "PYTHONPYCACHEPREFIX": str(work / "pycache"),
            "TEXTUAL_DRIVER": HEADLESS_DRIVER,
            "COLUMNS": str(TERMINAL_SIZE[0]),
            "LINES": str(TERMINAL_SIZE[1]),
            "SSI_TUI_DB": str(db),
            "SSI_TUI_TODAY": today.isoformat(),
        }
    )
    return env


def wall_time(command: list[str], env: dict[str, str]) -> float:
    """Seconds for a whole child process, from launch to exit."""
    started = time.perf_counter()
    result = subprocess.run(
        command, capture_output=True, env=env, timeout=CHILD_TIMEOUT_S, check=False
    )
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise BenchmarkError(f"{command} failed: {result.stderr.decode()[-800:]}")
    return elapsed


def alternate(
    runs: int, first: Callable[[], First], second: Callable[[], Second], label: str
) -> tuple[list[First], list[Second]]:
    """Run two measurements in turns (after one unmeasured warm-up each)."""
    first(), second()
    firsts, seconds = [], []
    for run in range(runs):
        log(f"  {label} {run + 1}/{runs}")
        firsts.append(first())
        seconds.append(second())
    return firsts, seconds
