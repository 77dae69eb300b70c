"""The soak: the app open and logging while shells log and an import runs; nothing may be lost.

The app (soak_app.py) presses `+` on its Journal card every quarter second; each of SHELLS
shells runs `ssi-tui log comment 1` one after another; one `ssi-tui import` of an export ZIP
runs meanwhile. Then every count is checked in the file, and SQLite checks the file.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import date
from pathlib import Path
from typing import Any

from harness import CHILD_TIMEOUT_S, HERE, BenchmarkError, Figures, child_env, copy_db, log, median

SHELLS = 4


def manual_count(db_path: Path, activity: str, day: date) -> int:
    conn = sqlite3.connect(db_path)
    try:
        row = conn.execute(
            "SELECT count FROM journal WHERE date = ? AND activity = ? AND source = 'manual'",
            [day.isoformat(), activity],
        ).fetchone()
        return int(row[0]) if row else 0
    finally:
        conn.close()


class Children:
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


def start_app(db: Path, work: Path, env: dict[str, str], today: date) -> subprocess.Popen[str]:
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


def soak(
    work: Path,
    history: Path,
    base_env: dict[str, str],
    today: date,
    *,
    logs_per_shell: int,
    import_rows: int,
) -> Figures:
    """The soak on a copy of `history` (see the module's docstring)."""
    from export_archive import write_export

    db = copy_db(history, work / "soak.db")
    env = {
        k: v
        for k, v in child_env(base_env, work, db, today).items()
        if k not in ("COLUMNS", "LINES")
    }
    archive = work / "soak-export.zip"
    write_export(archive, import_rows)
    comments, posts = manual_count(db, "comment", today), manual_count(db, "post", today)
    log(
        f"soak: the app open, {SHELLS} shells x {logs_per_shell} quick logs,"
        f" an import of {import_rows:,} rows"
    )
    started = time.perf_counter()
    app = start_app(db, work, env, today)
    children = Children(env)
    threads = [
        *(threading.Thread(target=children.shell, args=(logs_per_shell,)) for _ in range(SHELLS)),
        threading.Thread(target=children.run, args=("import", str(archive))),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    (work / "soak.stop").touch()
    _, app_errors = app.communicate(timeout=CHILD_TIMEOUT_S)
    seconds = time.perf_counter() - started
    report = work / "soak.json"
    outcome: dict[str, Any] = (
        json.loads(report.read_text()) if report.exists() else {"error": app_errors}
    )
    if outcome.get("error") or app.returncode != 0:
        children.failures.append(f"the app: {outcome.get('error') or app_errors.strip()}")
    logs = SHELLS * logs_per_shell
    lost_logs = comments + logs - manual_count(db, "comment", today)
    lost_presses = posts + outcome.get("presses", 0) - manual_count(db, "post", today)
    with sqlite3.connect(db) as conn:
        verdict = conn.execute("PRAGMA integrity_check").fetchone()[0]
        if not conn.execute("SELECT count(*) FROM imports WHERE imported > 0").fetchone()[0]:
            children.failures.append("the import wrote nothing")
    conn.close()
    for failure in children.failures[:5]:
        log(f"  soak failure: {failure}")
    return {
        "soak_lost": float(abs(lost_logs) + abs(lost_presses) + (outcome.get("unsaved") or 0)),
        "soak_errors": float(len(children.failures)),
        "soak_integrity_failures": 0.0 if verdict == "ok" else 1.0,
        "soak_quick_logs": float(logs),
        "soak_app_writes": float(outcome.get("presses", 0)),
        "soak_quick_log_p50_ms": median(children.log_seconds) * 1000,
        "soak_quick_log_max_ms": max(children.log_seconds) * 1000,
        "soak_s": seconds,
    }
