"""The benchmarks keep working: `benchmarks/run.py --quick --json` runs and reports every number.

It proves the harness runs on this machine, not that the targets are met (that is for the
full run, whose numbers depend on the machine).
"""

from __future__ import annotations

import importlib.util
import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
KEYS = (
    "startup_ratio",
    "startup_rss_ratio",
    "quicklog_ratio",
    "estimate_ratio",
    "plan_ratio",
    "today_ratio",
    "analyze_cli_ratio",
    "estimate_ms",
    "plan_ms",
    "today_ms",
    "analyze_cli_ms",
    "cold_baseline_ms",
    "analyze_ms_p50",
    "analyze_worst_s",
    "train_s_2000_posts",
    "journal_query_ms_10y",
    "import_50k_rows_s",
    "make_history_10y_s",
    "stall_ms_after_start",
)
MS_FIGURES = {"estimate_ms", "plan_ms", "today_ms", "analyze_cli_ms", "cold_baseline_ms"}
"""The cold commands' times beside their ratios: reported, with no target of their own."""
COLD_TARGETS = {
    "estimate_ratio": 1.5,
    "plan_ratio": 1.5,
    "today_ratio": 1.5,
    "analyze_cli_ratio": 3.0,
}
"""The cold commands against `python -c "import sqlite_utils, click"`."""
COUNTS = ("soak_lost", "soak_errors", "soak_integrity_failures")
"""Reported in every run too, where 0 is the good answer."""


def _environment() -> dict[str, str]:
    """Add `src` to the children's path only when ssi_tui is not installed."""
    env = dict(os.environ)
    if importlib.util.find_spec("ssi_tui") is None:
        src = str(ROOT / "src")
        env["PYTHONPATH"] = os.pathsep.join(p for p in (src, env.get("PYTHONPATH")) if p)
    return env


@pytest.mark.slow  # runs the benchmark harness
def test_quick_benchmarks_report_every_number() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick", "--json"],
        cwd=ROOT,
        env=_environment(),
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    for key in KEYS:
        value = report.get(key)
        assert isinstance(value, int | float) and not isinstance(value, bool), (key, value)
        assert math.isfinite(value) and value > 0, (key, value)
    for key in COUNTS:
        value = report.get(key)
        assert isinstance(value, int | float) and not isinstance(value, bool), (key, value)
        assert math.isfinite(value) and value >= 0, (key, value)
    assert report["machine"]["mode"] == "quick"
    assert report["machine"]["cpu_count"]
    assert set(report["targets"]) >= set(KEYS) - {"import_50k_rows_s"} - MS_FIGURES
    for key, ceiling in COLD_TARGETS.items():
        assert report["targets"][key] == ceiling, key
    assert all(isinstance(value, int | float) for value in report["targets"].values())
