"""Data benchmarks: writing a history, what the panes query to draw, an import."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from harness import HERE, BenchmarkError, Figures, log, median, wall_time


def make_history(
    work: Path, env: dict[str, str], today: date, *, years: float, runs: int
) -> tuple[Path, Figures]:
    """make_history.py as a command (the target: ten years in under a minute).

    Returns the first history written, which the other benchmarks copy, and the figures.
    """
    log(f"make_history: {years:g} years x{runs}")
    times = []
    for run in range(runs):
        target = work / f"history-{run}.db"
        command = [sys.executable, str(HERE / "make_history.py"), str(target)]
        command += ["--years", f"{years:g}", "--end", today.isoformat()]
        times.append(wall_time(command, env))
    return work / "history-0.db", {"make_history_10y_s": median(times)}


def queries(db_path: Path, today: date, *, runs: int) -> Figures:
    """What the Score, Journal and Posts panes read to draw, on a calibrated database."""
    from ssi_tui.analysis.calibration_fit import calibrate_and_cache
    from ssi_tui.store import views
    from ssi_tui.store.database import open_database

    log(f"queries: load_score_view + load_journal_view + load_posts_view x{runs}")
    db = open_database(db_path)
    try:
        calibrate_and_cache(db)  # as the app leaves it after its first run
        parts: dict[str, list[float]] = {"score": [], "journal": [], "posts": []}
        loaders: dict[str, Callable[[], object]] = {
            "score": lambda: views.load_score_view(db, today),
            "journal": lambda: views.load_journal_view(db, today, today),
            "posts": lambda: views.load_posts_view(db),
        }
        for run in range(runs + 1):
            for name, load in loaders.items():
                started = time.perf_counter()
                view = load()
                if run:  # the first round warms SQLite's cache
                    parts[name].append(time.perf_counter() - started)
            assert view is not None
        pending = views.load_score_view(db, today).calibration_pending
    finally:
        db.close()
    if pending:
        raise BenchmarkError("the cached calibration was not used")
    totals = [sum(values) for values in zip(*parts.values(), strict=True)]
    figures = {"journal_query_ms_10y": median(totals) * 1000}
    for name, values in parts.items():
        figures[f"{name}_view_ms"] = median(values) * 1000
    return figures


def import_export(work: Path, *, rows: int, runs: int) -> Figures:
    """An invented data-export ZIP of about `rows` rows read and written into a fresh database."""
    from export_archive import write_export

    from ssi_tui.importers import read_path
    from ssi_tui.store.database import open_database
    from ssi_tui.store.imports import write_results

    archive = work / "Complete_LinkedInDataExport.zip"
    written = write_export(archive, rows)
    log(f"import: {written:,} rows x{runs}")
    times = []
    for run in range(runs):
        db = open_database(work / f"import-{run}.db")
        try:
            started = time.perf_counter()
            reports = write_results(db, archive, read_path(archive))
            times.append(time.perf_counter() - started)
        finally:
            db.close()
        if not any(report.imported for report in reports):
            raise BenchmarkError("the import wrote nothing")
    return {"import_50k_rows_s": median(times), "import_rows": float(written)}
