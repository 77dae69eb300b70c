"""The pillar table fits the width it is given: bars shrink, then the least needed columns go."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from rich.console import Console

from ssi_tui.core.readings import Reading
from ssi_tui.panes.score_sections import PillarTable

PEERS = {"brand": 10.3, "people": 9.0, "insights": 6.3, "relationships": 7.7}


def history() -> list[Reading]:
    start = date(2026, 1, 5)
    return [
        Reading(
            date=start + timedelta(weeks=week),
            total=50 + week,
            pillars={"brand": 14 + week / 4, "people": 12.0, "insights": 11.5, "relationships": 13},
            industry_pillars=PEERS,
            network_pillars=PEERS,
        )
        for week in range(20)
    ]


def lines_at(width: int) -> list[str]:
    console = Console(width=width, record=True, color_system=None)
    console.print(PillarTable(history()))
    return console.export_text().splitlines()


@pytest.mark.parametrize("width", [60, 76, 80, 96, 120, 158])
def test_a_row_never_wraps(width: int) -> None:
    lines = lines_at(width)
    assert len(lines) == 5, "a title row and one row per pillar, none wrapped onto a second line"


def test_80_columns_keep_the_week_and_the_month_and_drop_the_peers() -> None:
    titles = lines_at(76)[0].split()  # 80 columns less the pane's margins and scrollbar
    assert titles == ["Pillar", "of", "25", "prev", "7d", "30d", "Est."]
    assert lines_at(76)[1].startswith("Establish your professional brand  18.75")


def test_a_wide_screen_shows_every_column_and_the_longest_bars() -> None:
    lines = lines_at(158)
    assert lines[0].split()[-3:] == ["Est.", "Ind.", "Net."]
    assert "█" * 18 in lines[1], "18.75 of 25 on a bar of 25 cells"
