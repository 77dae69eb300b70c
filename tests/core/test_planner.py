from __future__ import annotations

from datetime import date, timedelta

import pytest

from ssi_tui.core.demo import generate_history
from ssi_tui.core.domain import PILLAR_KEYS
from ssi_tui.core.estimate import DEFAULT_PILLARS, estimate, journal_from_rows
from ssi_tui.core.planner import ACTIONS, plan

TODAY = date(2026, 6, 1)
HISTORY = generate_history(TODAY)
JOURNAL = journal_from_rows(HISTORY.journal)
LATEST = {key: HISTORY.readings[-1][key] for key in PILLAR_KEYS}


def _leading(result_points: dict[str, float], count: int = 3) -> list[str]:
    return sorted(result_points, key=lambda activity: -result_points[activity])[:count]


def test_a_reachable_target_is_reached_and_the_weakest_pillar_leads() -> None:
    result = plan(JOURNAL, TODAY, target_total=75, latest_reading=LATEST)
    assert LATEST == {"brand": 18.24, "people": 15.26, "insights": 12.98, "relationships": 16.44}
    assert result.weakest_pillar == "insights"
    assert result.reachable and result.weeks_to_target == 4
    assert result.projected[0] == (0, 62.92)  # the official reading, not the raw estimate
    assert result.projected[-1][1] >= 75
    leading = _leading(result.added_points)
    assert sum(DEFAULT_PILLARS[activity] == "insights" for activity in leading) >= 2
    assert result.weekly_counts["comment"] == 31 and result.added_counts["comment"] == 15
    assert 240 <= result.added_minutes_per_week <= 360
    assert result.message == (
        "Reach 75 in about 4 weeks with 42 connection requests, 31 comments and 7 reposts "
        "a week (about 5 hours more a week)."
    )


def test_without_a_reading_the_estimate_itself_is_planned() -> None:
    result = plan(JOURNAL, TODAY, target_total=75)
    assert result.projected[0][1] == pytest.approx(estimate(JOURNAL, TODAY).total, abs=0.02)
    assert result.weakest_pillar == "brand"
    assert "post" in _leading(result.added_points)
    assert result.reachable and result.projected[-1][1] >= 75


def test_an_unreachable_target_says_so_and_names_the_best_total() -> None:
    result = plan(JOURNAL, TODAY, target_total=99, weeks=1)
    assert not result.reachable and result.weeks_to_target is None
    assert result.message.startswith(
        "99 is out of reach in 1 week even at the weekly limits: the best by then is about 76,"
    )
    assert result.projected[1][1] == pytest.approx(75.8, abs=0.5)


def test_weekly_counts_respect_the_caps() -> None:
    result = plan(JOURNAL, TODAY, target_total=100, weeks=52)
    assert not result.reachable
    assert result.weekly_counts["connection_request"] <= 100
    for activity, count in result.weekly_counts.items():
        assert count <= ACTIONS[activity][1], activity
    assert set(result.weekly_counts) <= set(ACTIONS)  # replies and acceptances are not planned


def test_a_pillar_target_adds_only_that_pillars_activities() -> None:
    result = plan(JOURNAL, TODAY, target_pillar=("insights", 16), latest_reading=LATEST)
    assert result.reachable and result.target_pillar == "insights"
    assert {DEFAULT_PILLARS[activity] for activity in result.added_counts} == {"insights"}
    assert result.projected_pillars[-1][1]["insights"] >= 16
    assert result.message.startswith("Reach Insights 16 in about 4 weeks with")


def test_a_target_already_met_keeps_the_rhythm() -> None:
    result = plan(JOURNAL, TODAY, target_total=50)
    assert result.added_counts == {} and result.added_minutes_per_week == 0
    assert result.message == "At about 62 you already meet 50: keep your current weekly rhythm."
    assert {total for _, total in result.projected} == {62.35}


def test_the_projection_rises_week_by_week_to_the_steady_state() -> None:
    result = plan({}, TODAY, target_total=60)
    totals = [total for _, total in result.projected]
    assert [week for week, _ in result.projected] == [0, 1, 2, 3, 4]
    assert totals == sorted(totals) and totals[0] == 25.97 and totals[-1] >= 60
    # A third of the invitations accepted, one message in five answered.
    assert result.expected_outcomes == {
        "connection_accepted": pytest.approx(0.3 * result.weekly_counts["connection_request"]),
        "reply_received": pytest.approx(0.2 * result.weekly_counts["message"], abs=0.05),
    }


def test_logging_the_planned_counts_each_week_follows_the_projected_curve() -> None:
    result = plan({}, TODAY, target_pillar=("insights", 15))
    assert result.weekly_counts == result.added_counts
    following = {
        TODAY + timedelta(days=1 + 7 * week): dict(result.weekly_counts) for week in range(8)
    }
    for week, pillars in result.projected_pillars:
        logged = estimate(following, TODAY + timedelta(days=7 * week)).pillars["insights"]
        assert logged == pytest.approx(pillars["insights"], abs=0.02), week
    steady = estimate(following, TODAY + timedelta(days=49)).pillars["insights"]
    assert steady == pytest.approx(result.projected_pillars[-1][1]["insights"], abs=0.02)
    assert steady >= 15 and result.message.startswith("Reach Insights 15 in about 4 weeks")


@pytest.mark.parametrize(
    ("arguments", "sentence"),
    [
        ({"target_total": 120}, "The target total must be between 1 and 100, not 120."),
        ({"target_total": 0}, "The target total must be between 1 and 100, not 0."),
        ({"target_total": 75, "weeks": 0}, "The plan must cover 1 to 52 weeks, not 0."),
        ({"target_total": 75, "weeks": 53}, "The plan must cover 1 to 52 weeks, not 53."),
        ({}, "Give either a target total or a pillar target, not both or neither."),
        (
            {"target_total": 75, "target_pillar": ("brand", 20)},
            "Give either a target total or a pillar target, not both or neither.",
        ),
        (
            {"target_pillar": ("network", 20)},
            "There is no pillar called 'network': choose brand, people, insights or relationships.",
        ),
        ({"target_pillar": ("brand", 30)}, "A pillar target must be between 0 and 25, not 30."),
    ],
)
def test_invalid_arguments_get_one_clear_sentence(arguments: dict, sentence: str) -> None:
    with pytest.raises(ValueError) as error:
        plan(JOURNAL, TODAY, **arguments)
    assert str(error.value) == sentence
