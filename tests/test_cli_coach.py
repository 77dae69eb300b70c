from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ssi_tui.cli import cli


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
    assert "Each week:" in text and "Projected total: w0:" in text


def test_plan_refusals(demo_env: Path) -> None:
    for arguments, message in {
        ("--weeks", "0"): "The plan must cover 1 to 52 weeks, not 0.",
        ("--target", "120"): "120",
        ("--pillar", "insights"): "Give both --pillar and --pillar-target, or neither.",
    }.items():
        code, out, err = run("plan", *arguments)
        assert code == 2, arguments
        assert message in err and len(err.strip().splitlines()) == 1 and out == ""
