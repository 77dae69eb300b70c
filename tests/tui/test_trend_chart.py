from __future__ import annotations

from datetime import date

from rich.console import Console

from ssi_tui.widgets.trend_chart import BrailleCanvas, Series, TrendChart


def render(chart: TrendChart, width: int = 40) -> list[str]:
    console = Console(width=width, record=True, color_system=None)
    console.print(chart)
    return console.export_text().splitlines()


def test_a_rising_series_climbs_from_bottom_left_to_top_right() -> None:
    points = [(date(2026, 1, 1), 0.0), (date(2026, 3, 1), 100.0)]
    lines = render(TrendChart([Series("Total", points, "cyan")], low=0, high=100, height=8))
    assert lines[0].startswith("Total") is False and "● Total" in lines[0]
    plot = lines[1:-1]
    assert len(plot) == 5
    assert plot[0].startswith(" 100┤") and plot[-1].startswith("   0┤")
    assert plot[-1][5] != " " and plot[0][5] == " ", "starts at the bottom left"
    assert plot[0].rstrip()[-1] != "┤", "ends at the top right"
    assert lines[-1].split() == ["Jan", "2026", "Mar", "2026"]


def test_the_target_line_is_drawn_at_its_height_and_named() -> None:
    points = [(date(2026, 1, 1), 10.0)]
    lines = render(
        TrendChart([Series("Total", points, "cyan")], low=0, high=100, height=7, target=75)
    )
    assert "target 75" in lines[0]
    plot = lines[1:-1]
    dotted = [index for index, line in enumerate(plot) if len(line[5:].replace(" ", "")) > 5]
    assert dotted == [1], "75 of 0–100 sits in the second of four rows"


def test_values_outside_the_range_are_clamped_not_lost() -> None:
    canvas = BrailleCanvas(2, 1)
    canvas.plot(0, 0, "red")
    canvas.plot(3, 3, "red")
    canvas.plot(9, 9, "red")
    assert canvas.row_text(0).plain == "⠁⢀"
    lines = render(
        TrendChart([Series("x", [(date(2026, 1, 1), 500.0)], "red")], low=0, high=100, height=5)
    )
    assert lines[1][5] != " "
