"""SideBySide: columns of text on the same lines, as the Score pane's head and charts use."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from ssi_tui.widgets.side_by_side import SideBySide


def rendered(renderable: object, width: int) -> list[str]:
    console = Console(width=width, record=True, color_system=None)
    console.print(renderable)
    return [line.rstrip() for line in console.export_text().splitlines()]


def test_flexible_columns_share_the_rest_and_the_leftmost_gets_the_odd_cell() -> None:
    layout = SideBySide([(Text("a"), 8), (Text("b"), None), (Text("c"), None)], gap=2)
    assert layout.widths(41) == [8, 15, 14]  # 41 - 8 - two gaps of 2 = 29


def test_columns_are_top_aligned_and_shorter_ones_padded() -> None:
    layout = SideBySide([(Text("63"), 4), (Text("Solid\nTarget 75"), None)], gap=1)
    assert rendered(layout, 20) == ["63   Solid", "     Target 75"]


def test_a_long_column_wraps_within_its_own_width() -> None:
    layout = SideBySide([(Text("one two three"), 5), (Text("x"), None)], gap=1)
    assert rendered(layout, 12) == ["one   x", "two", "three"]
