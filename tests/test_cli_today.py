"""`ssi-tui today`: the morning's screen, in words a person reads and in stable JSON."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from tests.cli import run

from ssi_tui.store import journal, settings
from ssi_tui.store.database import open_database
from ssi_tui.store.views import load_journal_view

DEMO_TODAY = date(2026, 6, 1)
TOP_KEYS = {
    "date",
    "reading",
    "target",
    "to_go",
    "estimate",
    "streak",
    "week",
    "suggestion",
    "empty",
}


def _today(db: Path, *extra: str) -> list[str]:
    code, out = run(db, "today", *extra)
    assert code == 0, out
    lines = out.splitlines()
    too_wide = [line for line in lines if len(line) > 80]
    assert not too_wide, too_wide
    return lines


def _json(db: Path) -> dict[str, object]:
    code, out = run(db, "today", "--json")
    assert code == 0, out
    report = json.loads(out)
    assert isinstance(report, dict)
    return report


def test_the_morning_on_one_screen(demo_db_path: Path) -> None:
    lines = _today(demo_db_path)
    assert lines[0] == "Monday 1 June 2026"
    assert "SSI 63 (Solid), today; target 75: 12 to go." in lines
    assert "Streak: 18 days (quiet weekends skipped)." in lines
    assert "Left this week (Mon 1 Jun – Sun 7 Jun):" in lines
    assert "  • 13 × Connection request sent" in lines  # the app's label, most left first
    assert lines[-2] == "Suggestion for Engage with insights, your weakest pillar (12.98 of 25):"
    assert lines[-1] == "  Follow the companies on your account list and the people who post there."
    assert len(lines) <= 24, "one screen"


def test_the_reading_s_age_in_days(demo_db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SSI_TUI_TODAY", "2026-06-04")
    assert "SSI 63 (Solid), 3 days ago; target 75: 12 to go." in _today(demo_db_path)
    reading = _json(demo_db_path)["reading"]
    assert isinstance(reading, dict)
    assert reading["age_days"] == 3 and reading["date"] == "2026-06-01"
    monkeypatch.setenv("SSI_TUI_TODAY", "2026-06-02")
    assert "SSI 63 (Solid), yesterday; target 75: 12 to go." in _today(demo_db_path)


def test_an_old_reading_asks_for_a_fresh_one(
    demo_db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SSI_TUI_TODAY", "2026-06-15")
    lines = _today(demo_db_path)
    assert "SSI 63 (Solid), 14 days ago; target 75: 12 to go." in lines
    assert "LinkedIn updates it every day: paste a fresh one with 'ssi-tui ssi paste'." in lines


def test_json_keys_are_stable(demo_db_path: Path) -> None:
    report = _json(demo_db_path)
    assert set(report) == TOP_KEYS
    assert report["date"] == "2026-06-01" and report["target"] == 75 and report["to_go"] == 12.0
    assert report["reading"] == {
        "date": "2026-06-01",
        "total": 63.0,
        "band": "Solid",
        "age_days": 0,
        "weakest_pillar": "insights",
    }
    estimate = report["estimate"]
    assert isinstance(estimate, dict)
    assert set(estimate) == {
        "total",
        "calibrated",
        "window_days",
        "journal_days",
        "calibration_current",
    }
    assert report["streak"] == {"days": 18, "weekends": "skip"}
    week = report["week"]
    assert isinstance(week, dict)
    assert set(week) == {"start", "end", "targets", "left"}
    assert (week["start"], week["end"]) == ("2026-06-01", "2026-06-07")
    left = week["left"]
    assert isinstance(left, list) and left
    assert all(set(row) == {"activity", "label", "done", "target", "left"} for row in left)
    assert left[0] == {
        "activity": "connection_request",
        "label": "Connection request sent",
        "done": 2,
        "target": 15,
        "left": 13,
    }
    assert report["suggestion"] == {
        "kind": "tip",
        "text": "Follow the companies on your account list and the people who post there.",
        "pillar": "insights",
    }
    assert report["empty"] is False


@pytest.mark.parametrize("weekends", ["skip", "count"])
def test_streak_and_week_are_the_journal_pane_s(demo_db_path: Path, weekends: str) -> None:
    db = open_database(demo_db_path)
    try:
        settings.set_streak_weekends(db, weekends)
        view = load_journal_view(db, DEMO_TODAY)
    finally:
        db.close()
    report = _json(demo_db_path)
    assert report["streak"] == {"days": view.streak, "weekends": weekends}
    expected = {
        key: target - view.this_week_counts.get(key, 0)
        for key, target in view.weekly_targets.items()
        if view.this_week_counts.get(key, 0) < target
    }
    week = report["week"]
    assert isinstance(week, dict)
    assert {row["activity"]: row["left"] for row in week["left"]} == expected
    shown = "quiet weekends skipped" if weekends == "skip" else "weekends count"
    plural = "s" if view.streak != 1 else ""
    assert f"Streak: {view.streak} day{plural} ({shown})." in _today(demo_db_path)


def test_the_estimate_is_the_estimate_command_s_once_calibrated(demo_db_path: Path) -> None:
    lines = _today(demo_db_path)
    assert any(line.startswith("Journal estimate ") for line in lines)
    assert "Its calibration is out of date: 'ssi-tui estimate' updates it." in lines
    code, out = run(demo_db_path, "estimate", "--json")  # fits and caches the calibration
    assert code == 0
    estimate = json.loads(out)
    report = _json(demo_db_path)["estimate"]
    assert isinstance(report, dict)
    assert report["total"] == round(estimate["total"], 2)
    assert report["calibrated"] is True and report["calibration_current"] is True
    lines = _today(demo_db_path)
    assert f"Journal estimate {estimate['total']:.1f} (last 28 days, calibrated)." in lines
    assert not any("out of date" in line for line in lines)


def test_an_empty_database_says_what_to_do_first(db_path: Path) -> None:
    lines = _today(db_path)
    text = " ".join(lines)
    assert text.startswith("Nothing here yet.")
    assert "'ssi-tui ssi paste'" in text and "'ssi-tui log comment 2'" in text
    report = _json(db_path)
    assert set(report) == TOP_KEYS
    assert report["empty"] is True and report["reading"] is None and report["to_go"] is None
    assert report["estimate"] is None
    suggestion = report["suggestion"]
    assert isinstance(suggestion, dict) and suggestion["kind"] == "start"


def test_a_journal_without_a_reading_asks_for_one(db_path: Path) -> None:
    code, _ = run(db_path, "log", "comment", "2")
    assert code == 0
    lines = _today(db_path)
    assert "SSI: no reading yet." in lines
    assert "Streak: 1 day (quiet weekends skipped)." in lines
    assert "  • 8 × Comment" in lines  # of the 10 a new database aims at
    assert any(line.startswith("Suggestion: Paste your SSI") for line in lines)
    suggestion = _json(db_path)["suggestion"]
    assert isinstance(suggestion, dict) and suggestion["kind"] == "paste_reading"
    _without_targets(db_path)
    lines = _today(db_path)
    assert "No weekly targets yet: set one with 'ssi-tui targets comment 15'." in lines
    assert not any(line.startswith("  • ") for line in lines)


def _without_targets(path: Path) -> None:
    db = open_database(path)
    try:
        for key in settings.weekly_targets(db):
            settings.set_weekly_target(db, key, 0)
    finally:
        db.close()


def test_met_targets_and_long_labels_stay_within_80_columns(db_path: Path) -> None:
    _without_targets(db_path)
    db = open_database(db_path)
    try:
        journal.add_activity_type(db, "webinar", "brand", "Webinar " + "hosted " * 20)
        settings.set_weekly_target(db, "webinar", 2)
        settings.set_weekly_target(db, "comment", 1)
        journal.add_manual(db, DEMO_TODAY, "comment", 1)
    finally:
        db.close()
    lines = _today(db_path)
    webinar = next(line for line in lines if "Webinar" in line)
    assert webinar.startswith("  • 2 × Webinar hosted") and webinar.endswith("…")
    assert len(webinar) == 80
    code, _ = run(db_path, "log", "webinar", "2")
    assert code == 0
    assert "Every weekly target is met this week (Mon 1 Jun – Sun 7 Jun). ✓" in _today(db_path)
