"""Launch benchmarks: the app to its first paint, the event loop just after, the quick log.

Start-up is measured in fresh processes, alternating ssi-tui and a bare Textual app so that
both see the same machine state; ratios are medians of the ratios of those pairs. See
first_paint.py for how the first paint is detected. The stall is the longest the event loop
was late (how long a key pressed then would wait) just after ssi-tui's first complete frame,
while the other panes are built and scikit-learn and the model load in threads.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from harness import (
    CHILD_TIMEOUT_S,
    HERE,
    BenchmarkError,
    Figures,
    alternate,
    log,
    median,
    paired_ratio,
    wall_time,
)


def settle(db_path: Path) -> Path:
    """Leave the database as the app does after its first run: calibrated, model saved.

    Start-up is then measured in the daily steady state, not on the first launch after an
    import (which also fits the calibration and trains the model, both after the paint).
    """
    from ssi_tui.analysis.calibration_fit import calibrate_and_cache
    from ssi_tui.analysis.format_model import train_and_save
    from ssi_tui.store.database import open_database

    db = open_database(db_path)
    try:
        calibrate_and_cache(db)
        train_and_save(db, db_path)
    finally:
        db.close()
    return db_path


@dataclass(frozen=True)
class Paint:
    """One child's first paint and first complete frame, as the parent timed them."""

    seconds: float
    complete_seconds: float
    rss_mib: float
    after_ready_ms: float
    heavy_loaded: bool


def first_paint(which: str, env: dict[str, str]) -> Paint:
    """Launch a child and time it until its first frame, then its first complete frame."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, str(HERE / "first_paint.py"), which],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    watchdog = threading.Timer(CHILD_TIMEOUT_S, process.kill)
    watchdog.start()
    elapsed, report = None, None
    try:
        assert process.stdout is not None
        for line in process.stdout:
            if line.startswith(b"FIRST_PAINT "):
                elapsed = time.perf_counter() - started
                report = json.loads(line.split(b" ", 1)[1])
            elif line.startswith(b"COMPLETE ") and elapsed is not None:
                complete = time.perf_counter() - started
                break
        else:
            _, stderr = process.communicate()
            tail = stderr.decode(errors="replace")[-800:]
            raise BenchmarkError(f"{which} ended without painting a complete frame:\n{tail}")
        process.communicate()
    finally:
        watchdog.cancel()
    assert elapsed is not None and report is not None
    return Paint(
        seconds=elapsed,
        complete_seconds=complete,
        rss_mib=report["rss_kib"] / 1024,
        after_ready_ms=report["after_ready_ms"] or 0.0,
        heavy_loaded=bool(report["heavy_modules"]),
    )


def startup(env: dict[str, str], *, runs: int) -> Figures:
    """Launch to first paint, and peak memory then: ssi-tui over a bare Textual app."""
    log("start-up: ssi-tui and a bare Textual app, alternated")
    ssi, bare = alternate(
        runs,
        lambda: first_paint("ssi-tui", env),
        lambda: first_paint("bare", env),
        "start-up",
    )
    return {
        "startup_ratio": paired_ratio([p.seconds for p in ssi], [p.seconds for p in bare]),
        "startup_rss_ratio": paired_ratio([p.rss_mib for p in ssi], [p.rss_mib for p in bare]),
        "startup_ms": median([p.seconds for p in ssi]) * 1000,
        "startup_bare_ms": median([p.seconds for p in bare]) * 1000,
        "startup_complete_ms": median([p.complete_seconds for p in ssi]) * 1000,
        "startup_complete_ratio": paired_ratio(
            [p.complete_seconds for p in ssi], [p.complete_seconds for p in bare]
        ),
        "startup_rss_mib": median([p.rss_mib for p in ssi]),
        "startup_bare_rss_mib": median([p.rss_mib for p in bare]),
        "startup_frame_after_ready_ms": median([p.after_ready_ms for p in ssi]),
        "startup_heavy_before_paint": sum(p.heavy_loaded for p in ssi) / len(ssi),
    }


def longest_stall(env: dict[str, str], seconds: float) -> tuple[float, float]:
    """The longest the app's event loop was late, in ms, in the `seconds` after its first
    complete frame, and when (seconds after that frame). See first_paint.py."""
    command = [sys.executable, str(HERE / "first_paint.py"), "ssi-tui", "--stalls", str(seconds)]
    result = subprocess.run(
        command, capture_output=True, env=env, timeout=CHILD_TIMEOUT_S, check=False
    )
    for line in result.stdout.splitlines():
        if line.startswith(b"STALLS "):
            report = json.loads(line.split(b" ", 1)[1])
            return float(report["longest_ms"]), float(report["at_s"])
    raise BenchmarkError(f"no stall report:\n{result.stderr.decode(errors='replace')[-800:]}")


def stalls(env: dict[str, str], *, runs: int, seconds: float) -> Figures:
    """How long a key could wait in the first seconds, while the rest loads behind the paint."""
    log(f"stalls: {seconds:g} s after the first complete frame x{runs}")
    measured = [longest_stall(env, seconds) for _ in range(runs)]
    return {
        "stall_ms_after_start": median([longest for longest, _ in measured]),
        "stall_at_s": median([at for _, at in measured]),
    }


def quick_log(env: dict[str, str], *, runs: int) -> Figures:
    """`ssi-tui log comment 1` over Python importing what that path needs."""
    log("quick log: `ssi-tui log comment 1` and `import sqlite_utils, click`, alternated")
    ssi_tui = [sys.executable, "-m", "ssi_tui", "log", "comment", "1"]
    baseline = [sys.executable, "-c", "import sqlite_utils, click"]
    logs, bases = alternate(
        runs, lambda: wall_time(ssi_tui, env), lambda: wall_time(baseline, env), "quick log"
    )
    return {
        "quicklog_ratio": paired_ratio(logs, bases),
        "quicklog_ms": median(logs) * 1000,
        "quicklog_baseline_ms": median(bases) * 1000,
    }
