"""ssi-tui's benchmarks: start-up, the quick log, the analyzer, training, queries and import.

Usage: `python benchmarks/run.py [--json] [--quick]` from the repository root (with
`PYTHONPATH=src` in a checkout, or with the package installed).

Every benchmark runs several times and reports its median, as a table and, with `--json`,
as one JSON object on the last line of standard output: one number per key, plus `machine`
(where and how it ran, including `mode`) and `targets` (the ceiling for each key that has
one). Progress goes to standard error. `--quick` runs on one year of history with fewer
repetitions, a 2,000-row import and 200 training posts: the smoke test uses it to prove
that every benchmark still runs, not that it meets its target.

Start-up is measured in fresh processes, alternating ssi-tui and a bare Textual app so that
both see the same machine state; ratios are medians of the ratios of those pairs. See
first_paint.py for how the first paint is detected. `stall_ms_after_start` is the longest the
event loop was late (how long a key pressed then would wait) in the 3 s after ssi-tui's first
complete frame, while the other panes are built and scikit-learn and the model load in
threads; median of 5 runs.
The children read and write their bytecode in a private cache (PYTHONPYCACHEPREFIX) and warm
it up before measuring, as an installed package would have compiled it at install time.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CHILD_TIMEOUT_S = 180
TERMINAL_SIZE = (160, 45)
HEADLESS_DRIVER = "textual.drivers.headless_driver:HeadlessDriver"

TARGETS: dict[str, float] = {
    "startup_ratio": 1.3,
    "startup_rss_ratio": 1.5,
    "quicklog_ratio": 1.5,
    "analyze_ms_p50": 20.0,
    "analyze_worst_s": 1.0,
    "train_s_2000_posts": 5.0,
    "journal_query_ms_10y": 50.0,
    "make_history_10y_s": 60.0,
    "startup_heavy_before_paint": 0.0,
    "stall_ms_after_start": 100.0,
    "soak_lost": 0.0,
    "soak_errors": 0.0,
    "soak_integrity_failures": 0.0,
}
"""Upper bounds. Start-up aims at 1.3 and must never exceed STARTUP_RATIO_CEILING; the share
of start-ups with scikit-learn, SciPy or NLTK loaded at first paint must be 0 (the README
promises they load after the paint); a key pressed in the first seconds, while the rest of the
app loads behind the first frame, must not wait more than a tenth of a second."""
STARTUP_RATIO_CEILING = 1.5
REQUIRED_KEYS = (
    "startup_ratio",
    "startup_rss_ratio",
    "quicklog_ratio",
    "analyze_ms_p50",
    "train_s_2000_posts",
    "journal_query_ms_10y",
    "import_50k_rows_s",
    "make_history_10y_s",
    "stall_ms_after_start",
    "soak_lost",
    "soak_errors",
    "soak_integrity_failures",
)
"""The keys every run reports (the smoke test checks them)."""


@dataclass(frozen=True)
class Plan:
    """How much of each benchmark to run."""

    mode: str
    years: float
    history_runs: int
    startup_runs: int
    quicklog_runs: int
    analyze_runs: int
    train_posts: int
    train_runs: int
    query_runs: int
    import_rows: int
    import_runs: int
    stall_runs: int
    stall_seconds: float
    soak_logs_per_shell: int
    soak_import_rows: int


FULL = Plan("full", 10, 3, 21, 15, 60, 2000, 3, 30, 50_000, 3, 5, 3.0, 200, 20_000)
QUICK = Plan("quick", 1, 1, 3, 3, 10, 200, 1, 5, 2_000, 1, 1, 1.0, 5, 1_000)
SOAK_SHELLS = 4


RESULTS: dict[str, float] = {}
"""Each benchmark adds its numbers here, in the order they ran."""


class BenchmarkError(RuntimeError):
    """A benchmark could not run (a child failed or never painted)."""


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def ensure_importable() -> dict[str, str]:
    """Make `ssi_tui` importable here and in children; returns the children's environment."""
    env = dict(os.environ)
    try:
        import ssi_tui  # noqa: F401
    except ImportError:
        src = str(ROOT / "src")
        sys.path.insert(0, src)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (src, env.get("PYTHONPATH")) if p)
    sys.path.insert(0, str(HERE))
    return env


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


# --- children ------------------------------------------------------------------------------


def child_env(base: dict[str, str], work: Path, db: Path, today: date) -> dict[str, str]:
    """The environment of every measured child: same for ssi-tui and its baseline."""
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
    runs: int, first: Callable[[], Any], second: Callable[[], Any], label: str
) -> tuple[list[Any], list[Any]]:
    """Run two measurements in turns (after one unmeasured warm-up each)."""
    first(), second()
    firsts, seconds = [], []
    for run in range(runs):
        log(f"  {label} {run + 1}/{runs}")
        firsts.append(first())
        seconds.append(second())
    return firsts, seconds


# --- benchmarks ----------------------------------------------------------------------------


def bench_make_history(plan: Plan, work: Path, env: dict[str, str], today: date) -> Path:
    """make_history.py as a command (the target: ten years in under a minute)."""
    log(f"make_history: {plan.years:g} years x{plan.history_runs}")
    times, path = [], work / "history-0.db"
    for run in range(plan.history_runs):
        target = work / f"history-{run}.db"
        command = [sys.executable, str(HERE / "make_history.py"), str(target)]
        command += ["--years", f"{plan.years:g}", "--end", today.isoformat()]
        times.append(wall_time(command, env))
    RESULTS["make_history_10y_s"] = median(times)
    return path


def bench_startup(plan: Plan, env: dict[str, str]) -> None:
    """Launch to first paint, and peak memory then: ssi-tui over a bare Textual app."""
    log("start-up: ssi-tui and a bare Textual app, alternated")
    ssi, bare = alternate(
        plan.startup_runs,
        lambda: first_paint("ssi-tui", env),
        lambda: first_paint("bare", env),
        "start-up",
    )
    ssi_s, bare_s = median([p.seconds for p in ssi]), median([p.seconds for p in bare])
    ssi_mib, bare_mib = median([p.rss_mib for p in ssi]), median([p.rss_mib for p in bare])
    RESULTS.update(
        startup_ratio=paired_ratio([p.seconds for p in ssi], [p.seconds for p in bare]),
        startup_rss_ratio=paired_ratio([p.rss_mib for p in ssi], [p.rss_mib for p in bare]),
        startup_ms=ssi_s * 1000,
        startup_bare_ms=bare_s * 1000,
        startup_complete_ms=median([p.complete_seconds for p in ssi]) * 1000,
        startup_complete_ratio=paired_ratio(
            [p.complete_seconds for p in ssi], [p.complete_seconds for p in bare]
        ),
        startup_rss_mib=ssi_mib,
        startup_bare_rss_mib=bare_mib,
        startup_frame_after_ready_ms=median([p.after_ready_ms for p in ssi]),
        startup_heavy_before_paint=sum(p.heavy_loaded for p in ssi) / len(ssi),
    )


def bench_stalls(plan: Plan, env: dict[str, str]) -> None:
    """How long a key could wait in the first seconds, while the rest loads behind the paint."""
    log(f"stalls: {plan.stall_seconds:g} s after the first complete frame x{plan.stall_runs}")
    runs = [longest_stall(env, plan.stall_seconds) for _ in range(plan.stall_runs)]
    RESULTS["stall_ms_after_start"] = median([longest for longest, _ in runs])
    RESULTS["stall_at_s"] = median([at for _, at in runs])


def bench_quicklog(plan: Plan, env: dict[str, str]) -> None:
    """`ssi-tui log comment 1` over Python importing what that path needs."""
    log("quick log: `ssi-tui log comment 1` and `import sqlite_utils, click`, alternated")
    ssi_tui = [sys.executable, "-m", "ssi_tui", "log", "comment", "1"]
    baseline = [sys.executable, "-c", "import sqlite_utils, click"]
    logs, bases = alternate(
        plan.quicklog_runs,
        lambda: wall_time(ssi_tui, env),
        lambda: wall_time(baseline, env),
        "quick log",
    )
    RESULTS.update(
        quicklog_ratio=paired_ratio(logs, bases),
        quicklog_ms=median(logs) * 1000,
        quicklog_baseline_ms=median(bases) * 1000,
    )


def draft(variant: int) -> str:
    """A 3,000-character draft in the demo's voice; `variant` changes its last words."""
    from ssi_tui.core.demo import BODIES, ENDINGS, HOOKS, WORDS

    fill = {key: options[0] for key, options in WORDS.items()} | {"number": "7", "number2": "40"}
    parts = [HOOKS[0].format(**fill)]
    index = 0
    while sum(len(part) + 2 for part in parts) < 3000:
        parts.append(BODIES[index % len(BODIES)] + " 🚀 https://example.org/playbook")
        parts.append(ENDINGS[index % len(ENDINGS)].format(**fill))
        index += 1
    tail = f"\n\nTake {variant} minutes today. What would you add?"
    return ("\n\n".join(parts))[: 3000 - len(tail)] + tail


def bench_analysis(plan: Plan, db_path: Path) -> None:
    """One analysis as the Drafts pane runs it, then training on `train_posts` posts."""
    from ssi_tui.analysis.advice import advise
    from ssi_tui.analysis.features import analyze_text
    from ssi_tui.analysis.history import PostHistory
    from ssi_tui.analysis.model import predict, shipped_prior, train_user_model
    from ssi_tui.store.database import open_database
    from ssi_tui.analysis.format_model import measured_posts, training_rows

    db = open_database(db_path)
    try:
        rows = training_rows(db)
    finally:
        db.close()
    log(f"analyze: a 3,000-character draft x{plan.analyze_runs} ({len(rows)} posts loaded)")
    user_model, prior, n_posts = train_user_model(rows), shipped_prior(), measured_posts(rows)
    history = PostHistory.from_rows(rows)  # the Drafts pane builds it once, when the model loads
    analyze_text("Warm up the language tools.")

    def analyze(variant: int) -> float:
        text = draft(variant)
        started = time.perf_counter()
        prediction = predict(text, None, [], user_model, prior, n_posts)
        result = prediction.to_json()
        result["advice"] = [a.text for a in advise(prediction.features, history)]
        return time.perf_counter() - started

    analyze(-1)
    times = sorted(analyze(variant) for variant in range(plan.analyze_runs))
    RESULTS["analyze_ms_p50"] = median(times) * 1000
    RESULTS["analyze_ms_p90"] = times[int(0.9 * (len(times) - 1))] * 1000

    from analyzer_worst_case import worst_case_seconds

    quick = plan.mode == "quick"
    worst = worst_case_seconds(
        size=200_000 if quick else 1_900_000, repeat=1 if quick else 3, log=log
    )
    RESULTS["analyze_worst_s"] = max(worst.values())

    posts = rows[-plan.train_posts :]
    log(f"train: the format model on {len(posts)} posts x{plan.train_runs}")
    train_times = []
    for _ in range(plan.train_runs):
        started = time.perf_counter()
        model = train_user_model(posts)
        train_times.append(time.perf_counter() - started)
        if model is None:
            raise BenchmarkError("training produced no model")
    RESULTS["train_s_2000_posts"] = median(train_times)
    RESULTS["train_posts"] = float(len(posts))


def bench_queries(plan: Plan, db_path: Path, today: date) -> None:
    """What the Score, Journal and Posts panes read to draw, on a calibrated database."""
    from ssi_tui.analysis.calibration_fit import calibrate_and_cache
    from ssi_tui.store import views
    from ssi_tui.store.database import open_database

    log(f"queries: load_score_view + load_journal_view + load_posts_view x{plan.query_runs}")
    db = open_database(db_path)
    try:
        calibrate_and_cache(db)  # as the app leaves it after its first run
        parts: dict[str, list[float]] = {"score": [], "journal": [], "posts": []}
        loaders: dict[str, Callable[[], object]] = {
            "score": lambda: views.load_score_view(db, today),
            "journal": lambda: views.load_journal_view(db, today, today),
            "posts": lambda: views.load_posts_view(db),
        }
        for run in range(plan.query_runs + 1):
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
    RESULTS["journal_query_ms_10y"] = median(totals) * 1000
    for name, values in parts.items():
        RESULTS[f"{name}_view_ms"] = median(values) * 1000


def bench_import(plan: Plan, work: Path) -> None:
    """An invented data-export ZIP read and written into a fresh database."""
    from export_archive import write_export

    from ssi_tui.importers import read_path
    from ssi_tui.store.database import open_database
    from ssi_tui.store.imports import write_results

    archive = work / "Complete_LinkedInDataExport.zip"
    rows = write_export(archive, plan.import_rows)
    log(f"import: {rows:,} rows x{plan.import_runs}")
    times = []
    for run in range(plan.import_runs):
        db = open_database(work / f"import-{run}.db")
        try:
            started = time.perf_counter()
            reports = write_results(db, archive, read_path(archive))
            times.append(time.perf_counter() - started)
        finally:
            db.close()
        if not any(report.imported for report in reports):
            raise BenchmarkError("the import wrote nothing")
    RESULTS["import_50k_rows_s"] = median(times)
    RESULTS["import_rows"] = float(rows)


def manual_count(db_path: Path, activity: str, day: date) -> int:
    import sqlite3

    conn = sqlite3.connect(db_path)
    try:
        row = conn.execute(
            "SELECT count FROM journal WHERE date = ? AND activity = ? AND source = 'manual'",
            [day.isoformat(), activity],
        ).fetchone()
        return int(row[0]) if row else 0
    finally:
        conn.close()


class Soak:
    """What the soak's processes did: how long each quick log took, and what went wrong."""

    def __init__(self, env: dict[str, str]) -> None:
        self.env = env
        self.log_seconds: list[float] = []
        self.failures: list[str] = []

    def run(self, *arguments: str) -> None:
        began = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "ssi_tui", *arguments],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=CHILD_TIMEOUT_S,
            check=False,
        )
        if arguments[0] == "log":
            self.log_seconds.append(time.perf_counter() - began)
        if done.returncode != 0 or "Traceback" in done.stderr:
            self.failures.append(f"{arguments[0]}: {done.returncode} {done.stderr.strip()}")

    def shell(self, logs: int) -> None:
        for _ in range(logs):
            self.run("log", "comment", "1")


def start_soak_app(db: Path, work: Path, env: dict[str, str], today: date) -> subprocess.Popen[str]:
    """soak_app.py, once it has written its first post."""
    posts = manual_count(db, "post", today)
    app = subprocess.Popen(
        [
            sys.executable,
            str(HERE / "soak_app.py"),
            str(db),
            str(work / "soak.stop"),
            str(work / "soak.json"),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + CHILD_TIMEOUT_S
    while manual_count(db, "post", today) == posts:
        if app.poll() is not None or time.monotonic() > deadline:
            raise BenchmarkError(f"the soak's app never wrote: {app.communicate()[1]}")
        time.sleep(0.1)
    return app


def bench_soak(
    plan: Plan, work: Path, history: Path, base_env: dict[str, str], today: date
) -> None:
    """The app open and logging while 4 shells log and an import runs: nothing may be lost.

    The app (soak_app.py) presses `+` on its Journal card every quarter second; each shell
    runs `ssi-tui log comment 1` one after another; one `ssi-tui import` of an export ZIP
    runs meanwhile. Then every count is checked in the file, and SQLite checks the file.
    """
    import sqlite3

    from export_archive import write_export

    db = copy_db(history, work / "soak.db")
    env = {
        k: v
        for k, v in child_env(base_env, work, db, today).items()
        if k not in ("COLUMNS", "LINES")
    }
    archive = work / "soak-export.zip"
    write_export(archive, plan.soak_import_rows)
    comments, posts = manual_count(db, "comment", today), manual_count(db, "post", today)
    log(
        f"soak: the app open, {SOAK_SHELLS} shells x {plan.soak_logs_per_shell} quick logs,"
        f" an import of {plan.soak_import_rows:,} rows"
    )
    started = time.perf_counter()
    app = start_soak_app(db, work, env, today)
    soak = Soak(env)
    threads = [
        *(
            threading.Thread(target=soak.shell, args=(plan.soak_logs_per_shell,))
            for _ in range(SOAK_SHELLS)
        ),
        threading.Thread(target=soak.run, args=("import", str(archive))),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    (work / "soak.stop").touch()
    _, app_errors = app.communicate(timeout=CHILD_TIMEOUT_S)
    seconds = time.perf_counter() - started
    report = work / "soak.json"
    outcome = json.loads(report.read_text()) if report.exists() else {"error": app_errors}
    if outcome.get("error") or app.returncode != 0:
        soak.failures.append(f"the app: {outcome.get('error') or app_errors.strip()}")
    logs = SOAK_SHELLS * plan.soak_logs_per_shell
    lost_logs = comments + logs - manual_count(db, "comment", today)
    lost_presses = posts + outcome.get("presses", 0) - manual_count(db, "post", today)
    with sqlite3.connect(db) as conn:
        verdict = conn.execute("PRAGMA integrity_check").fetchone()[0]
        if not conn.execute("SELECT count(*) FROM imports WHERE imported > 0").fetchone()[0]:
            soak.failures.append("the import wrote nothing")
    conn.close()
    for failure in soak.failures[:5]:
        log(f"  soak failure: {failure}")
    RESULTS.update(
        soak_lost=float(abs(lost_logs) + abs(lost_presses) + (outcome.get("unsaved") or 0)),
        soak_errors=float(len(soak.failures)),
        soak_integrity_failures=0.0 if verdict == "ok" else 1.0,
        soak_quick_logs=float(logs),
        soak_app_writes=float(outcome.get("presses", 0)),
        soak_quick_log_p50_ms=median(soak.log_seconds) * 1000,
        soak_quick_log_max_ms=max(soak.log_seconds) * 1000,
        soak_s=seconds,
    )


# --- report --------------------------------------------------------------------------------


def machine(plan: Plan) -> dict[str, Any]:
    import sqlite3

    import textual

    return {
        "platform": platform.platform(),
        "machine": platform.machine(),
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "sqlite": sqlite3.sqlite_version,
        "textual": getattr(textual, "__version__", "?"),
        "mode": plan.mode,
        "history_years": plan.years,
        "terminal": f"{TERMINAL_SIZE[0]}x{TERMINAL_SIZE[1]} headless",
    }


def table(results: dict[str, float]) -> str:
    lines = [f"{'benchmark':<30} {'median':>10}  {'target':<16} met", "-" * 64]
    for key, value in results.items():
        target = TARGETS.get(key)
        if target is None:
            lines.append(f"{key:<30} {value:>10.3f}")
            continue
        bound = f"<= {target:g}"
        met = "yes" if value <= target else "NO"
        if key == "startup_ratio":
            bound += f" (max {STARTUP_RATIO_CEILING:g})"
            if target < value <= STARTUP_RATIO_CEILING:
                met = "no (under max)"
        lines.append(f"{key:<30} {value:>10.3f}  {bound:<16} {met}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="end with one JSON line")
    parser.add_argument("--quick", action="store_true", help="small and fast (the smoke test)")
    args = parser.parse_args(argv)
    plan = QUICK if args.quick else FULL
    base_env = ensure_importable()
    from ssi_tui.core import clock

    today = clock.today()
    work = Path(tempfile.mkdtemp(prefix="ssi-tui-bench-"))
    try:
        tools_env = child_env(base_env, work, work / "unused.db", today)
        history = bench_make_history(plan, work, tools_env, today)
        startup_db = settle(copy_db(history, work / "startup.db"))
        startup_env = child_env(base_env, work, startup_db, today)
        bench_startup(plan, startup_env)
        bench_stalls(plan, startup_env)
        quicklog_db = copy_db(history, work / "quicklog.db")
        bench_quicklog(plan, child_env(base_env, work, quicklog_db, today))
        bench_analysis(plan, copy_db(history, work / "analysis.db"))
        bench_queries(plan, copy_db(history, work / "queries.db"), today)
        bench_import(plan, work)
        bench_soak(plan, work, history, base_env, today)
    except (BenchmarkError, subprocess.TimeoutExpired) as error:
        print(f"benchmark failed: {error}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(work, ignore_errors=True)
    ordered = {key: RESULTS[key] for key in REQUIRED_KEYS} | RESULTS
    print(f"ssi-tui benchmarks ({plan.mode} mode, on a {plan.years:g}-year history)")
    print(table(ordered))
    info = machine(plan)
    print(f"machine: {json.dumps(info)}")
    if args.json:
        rounded = {key: round(value, 4) for key, value in ordered.items()}
        print(json.dumps({**rounded, "machine": info, "targets": TARGETS}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
