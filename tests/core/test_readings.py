from __future__ import annotations

from datetime import date

import pytest

from ssi_tui.core.readings import Reading, ReadingError, change_over, validate_reading

TODAY = date(2026, 6, 1)
PILLARS = {"brand": 16.5, "people": 14.25, "insights": 13.0, "relationships": 17.1}


def test_total_is_derived_from_the_pillars_when_absent() -> None:
    assert validate_reading(day=TODAY, pillars=PILLARS, total=None, today=TODAY) == 60.85


def test_rounded_total_within_half_a_point_is_accepted() -> None:
    assert validate_reading(day=TODAY, pillars=PILLARS, total=61, today=TODAY) == 61


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"pillars": {**PILLARS, "brand": 30.0}}, "Establish your professional brand must be"),
        ({"total": 70}, "does not match the pillars"),
        ({"day": date(2026, 6, 2)}, "in the future"),
        ({"industry_rank": 0}, "industry rank"),
        ({"network_rank": 101}, "network rank"),
        ({"pillars": {"brand": 1.0}}, "lacks Find the right people"),
    ],
)
def test_invalid_readings_are_refused_with_a_sentence(
    change: dict[str, object], message: str
) -> None:
    arguments: dict[str, object] = {"day": TODAY, "pillars": PILLARS, "total": 61, "today": TODAY}
    arguments.update(change)
    with pytest.raises(ReadingError, match=message):
        validate_reading(**arguments)  # type: ignore[arg-type]


def _reading(day: str, brand: float) -> Reading:
    pillars = {**PILLARS, "brand": brand}
    return Reading(date=date.fromisoformat(day), total=sum(pillars.values()), pillars=pillars)


def test_changes_over_windows_use_the_last_reading_before_the_cutoff() -> None:
    history = [
        _reading("2026-03-01", 10.0),
        _reading("2026-05-01", 12.0),
        _reading("2026-05-25", 15.0),
        _reading("2026-06-01", 16.0),
    ]
    previous = change_over(history, None, "brand")
    assert previous is not None and previous.delta == 1.0 and previous.arrow == "▲"
    week = change_over(history, 7, "brand")
    assert week is not None and week.since == date(2026, 5, 25)
    month = change_over(history, 30, "brand")
    assert month is not None and month.delta == 4.0 and month.since == date(2026, 5, 1)
    assert change_over(history, 365, "brand") is None
    assert change_over(history[:1], None) is None


def test_weakest_pillar_is_the_lowest() -> None:
    assert _reading("2026-06-01", 16.0).weakest_pillar() == "insights"
