"""Cold command-line benchmarks: `estimate`, `plan`, `today` and `analyze` of one draft.

Each command runs in a fresh process, alternated with the reference `python -c "import
sqlite_utils, click"` (what the quick log is measured against), on a settled history: the
calibration cached and the format model saved, as the app leaves them after its first run.
Ratios are medians of the ratios of those pairs (see `harness.paired_ratio`).
"""

from __future__ import annotations

import sys
from pathlib import Path

from harness import Figures, alternate, log, median, paired_ratio, wall_time

DRAFT = (
    "Three things I learned about hiring this year.\n\n"
    "1. Speed matters more than the perfect job ad: the best people are off the market in ten "
    "days.\n"
    "2. References say less than a good work sample. Ask for one, and pay for it.\n"
    "3. The best candidates ask the best questions. Write them down; they tell you what your "
    "team is missing.\n\n"
    "What would you add? #hiring #leadership"
)
"""A typical post: a hook, a short list, a closing question and two hashtags."""

COMMANDS: dict[str, list[str]] = {
    "estimate": ["estimate"],
    "plan": ["plan"],
    "today": ["today"],
    "analyze_cli": ["analyze"],
}
"""Key prefix → the command's arguments (analyze gets the draft file's path)."""


def cold_commands(env: dict[str, str], work: Path, *, runs: int) -> Figures:
    """Each command over the reference, alternated: `<key>_ratio` and `<key>_ms`."""
    draft = work / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    baseline = [sys.executable, "-c", "import sqlite_utils, click"]
    figures: Figures = {}
    references: list[float] = []
    for key, arguments in COMMANDS.items():
        command = [sys.executable, "-m", "ssi_tui", *arguments]
        if key == "analyze_cli":
            command.append(str(draft))
        log(f"cold command: `ssi-tui {' '.join(arguments)}` and the reference, alternated")
        measured, reference = _alternated(command, baseline, env, runs, key)
        figures[f"{key}_ratio"] = paired_ratio(measured, reference)
        figures[f"{key}_ms"] = median(measured) * 1000
        references += reference
    figures["cold_baseline_ms"] = median(references) * 1000
    return figures


def _alternated(
    command: list[str], baseline: list[str], env: dict[str, str], runs: int, label: str
) -> tuple[list[float], list[float]]:
    """Wall times of `command` and of `baseline`, launched in turns."""
    return alternate(runs, lambda: wall_time(command, env), lambda: wall_time(baseline, env), label)
