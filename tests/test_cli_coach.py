from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from ssi_tui.cli import cli

TODAY = date(2026, 6, 1)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_estimate_json_without_readings_uses_default_weights_and_says_why() -> None:
    run("log", "comments", "10")
    code, out, _ = run("estimate", "--json")
    assert code == 0
    result = json.loads(out)
    assert set(result["pillars"]) == {"brand", "people", "insights", "relationships"}
    assert result["total"] == pytest.approx(sum(result["pillars"].values()), abs=0.05)
    assert result["calibrated"] is False
    assert result["calibration"]["reason"] == (
        "Calibration needs at least 5 official readings; you have 0."
    )
    assert result["contributions"]["comment"] > 0
    assert result["official"] is None


def test_estimate_rises_with_logged_activity() -> None:
    before = json.loads(run("estimate", "--json")[1])["pillars"]["insights"]
    run("log", "comments", "12")
    after = json.loads(run("estimate", "--json")[1])["pillars"]["insights"]
    assert after > before


def test_estimate_on_a_year_is_calibrated_and_reports_its_error(demo_env: Path) -> None:
    code, out, _ = run("estimate", "--json")
    result = json.loads(out)
    assert code == 0 and result["calibrated"] is True
    assert result["calibration"]["n_readings"] == 53
    assert 0 < result["calibration"]["loo_mae_total"] < 5
    assert abs(result["total"] - result["official"]["total"]) < 6
    text = run("estimate")[1]
    assert "Calibrated on 53 readings: leave-one-out error ±" in text


def test_plan_names_weekly_numbers(demo_env: Path) -> None:
    code, out, _ = run("plan", "--target", "75", "--weeks", "8", "--json")
    result = json.loads(out)
    assert code == 0 and result["reachable"] is True
    assert result["target"] == 75 and result["weeks"] == 8
    assert result["projected"][0]["week"] == 0
    assert result["projected"][-1]["total"] >= 75
    assert all(count > 0 for count in result["weekly_counts"].values())
    assert result["message"].startswith("Reach 75 in about")
    text = run("plan", "--target", "75")[1]
    assert "Activity                    Each week  More than now" in text
    assert "Projected, week by week:\nWeek   now" in text and "on now" not in text


def test_plan_refusals(demo_env: Path) -> None:
    for arguments, message in {
        ("--weeks", "0"): "The plan must cover 1 to 52 weeks, not 0.",
        ("--target", "120"): "120",
        ("--pillar", "insights"): "Give both --pillar and --pillar-target, or neither.",
    }.items():
        code, out, err = run("plan", *arguments)
        assert code == 2, arguments
        assert message in err and len(err.strip().splitlines()) == 1 and out == ""


def test_two_days_of_journal_hold_the_estimate_back_and_json_says_how_many() -> None:
    run("log", "comments", "3", "--date", "2026-05-31")
    run("log", "comments", "3")
    code, out, _ = run("estimate")
    assert code == 0
    assert out.startswith(
        "Estimate from your journal: held back — it covers 2 of the 28 days it needs\n"
        "(about 12 more days of logging).\n"
    )
    result = json.loads(run("estimate", "--json")[1])
    assert result["journal_days"] == 2 and result["journal_days_needed"] == 14
    assert result["journal_coverage"] == "held_back"
    assert result["total"] > 0 and result["window_days"] == 28, "the numbers stay for scripts"


def test_the_plan_waits_for_the_journal_too() -> None:
    run("log", "comments", "3", "--date", "2026-05-31")
    code, out, _ = run("plan", "--target", "75")
    assert code == 0
    assert out.startswith("Plan held back: your journal covers 2 of the 28 days the estimate")
    assert "Each week" not in out
    result = json.loads(run("plan", "--target", "75", "--json")[1])
    assert {"target", "reachable", "weekly_counts", "projected", "message"} <= set(result)
    assert result["journal_days"] == 2 and result["journal_coverage"] == "held_back"


def test_twenty_days_qualify_the_estimate_and_the_plan() -> None:
    for back in range(20):
        run("log", "comments", "3", "--date", (TODAY - timedelta(days=back)).isoformat())
    assert "So far it covers 20 of its 28 days: the days before" in run("estimate")[1]
    text = run("plan", "--target", "75")[1]
    assert "Provisional: your journal covers 20 of the estimate's 28 days" in text
    result = json.loads(run("plan", "--target", "75", "--json")[1])
    assert result["journal_coverage"] == "partial"
    assert result["weekly_counts"]["comment"] >= 21, "three a day, not spread over 28 days"


def test_a_year_of_journal_covers_the_window(demo_env: Path) -> None:
    estimate = json.loads(run("estimate", "--json")[1])
    assert estimate["journal_days"] == 28 and estimate["journal_coverage"] == "full"
    plan = json.loads(run("plan", "--target", "75", "--json")[1])
    assert plan["journal_days"] == 28 and plan["journal_coverage"] == "full"
    assert "held back" not in run("estimate")[1]


def test_weekends_in_streaks_are_set_from_the_command_line() -> None:
    assert "Streaks skip Saturdays and Sundays without activity" in run("targets")[1]
    code, out, _ = run("targets", "--weekends", "count")
    assert code == 0 and "Streaks count every day, weekends too" in out
    code, _, err = run("targets", "--weekends", "sometimes")
    assert code == 2 and "sometimes" in err
