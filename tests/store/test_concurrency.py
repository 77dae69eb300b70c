"""Several terminals logging at once, and the app open meanwhile, lose nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from ssi_tui.store import journal
from ssi_tui.store.database import open_database

DEMO_END = date(2026, 6, 1)


@pytest.mark.slow  # twelve processes at once
def test_parallel_quick_logs_lose_no_entry(tmp_path: Path) -> None:
    path = tmp_path / "shared.db"
    open_database(path).close()
    env = {**os.environ, "SSI_TUI_DB": str(path), "SSI_TUI_TODAY": DEMO_END.isoformat()}
    command = [sys.executable, "-m", "ssi_tui", "log", "comment", "1"]
    runs = [
        subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(12)
    ]
    outcomes = [run.wait(timeout=120) for run in runs]
    assert outcomes == [0] * 12, [run.stderr.read() for run in runs if run.stderr]
    database = open_database(path)
    try:
        assert journal.counts_between(database, DEMO_END, DEMO_END) == {"comment": 12}
    finally:
        database.close()


def test_increments_are_atomic_and_never_below_zero(db_path: Path) -> None:
    database = open_database(db_path)
    try:
        assert journal.add_manual(database, DEMO_END, "message", 3, note="follow-ups") == 3
        assert journal.add_manual(database, DEMO_END, "message", -5) == 0
        assert journal.add_manual(database, DEMO_END, "message", 2) == 2
        assert journal.notes_on(database, DEMO_END) == {"message": "follow-ups"}
    finally:
        database.close()


@pytest.mark.slow  # twenty-four processes at once
def test_parallel_sets_on_many_days_all_land(db_path: Path) -> None:
    """`log --set` reads and then writes: eight at once must each wait their turn, not fail."""
    open_database(db_path).close()
    env = {**os.environ, "SSI_TUI_DB": str(db_path)}
    days = [date(2026, 5, day) for day in range(1, 25)]
    runs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "ssi_tui",
                "log",
                "message",
                str(day.day),
                "--set",
                "--date",
                day.isoformat(),
            ],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for day in days
    ]
    outcomes = [run.communicate(timeout=120) for run in runs]
    failed = [errors for run, (_, errors) in zip(runs, outcomes, strict=True) if run.returncode]
    assert failed == []
    database = open_database(db_path)
    try:
        assert {day: journal.manual_count(database, day, "message") for day in days} == {
            day: day.day for day in days
        }
    finally:
        database.close()
