"""A small line chart drawn with Braille dots: no plotting library, nothing to load.

Each terminal cell holds a 2×4 grid of dots, so a 40×10 chart has 80×40 points of resolution:
enough to see a trend, a dip and the distance to a target line.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from itertools import pairwise
from typing import NamedTuple

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from ssi_tui.widgets.side_by_side import SideBySide

BRAILLE_BASE = 0x2800
DOT_BITS = ((0x01, 0x08), (0x02, 0x10), (0x04, 0x20), (0x40, 0x80))
"""Bit of each dot by (row 0–3, column 0–1) inside one Braille cell."""
AXIS_WIDTH = 5


class Series(NamedTuple):
    name: str
    points: Sequence[tuple[date, float]]
    colour: str


class BrailleCanvas:
    """A grid of Braille cells; each cell remembers the colour of the last series drawn in it."""

    def __init__(self, width: int, height: int) -> None:
        self.width, self.height = width, height
        self.bits = [[0] * width for _ in range(height)]
        self.colours: list[list[str | None]] = [[None] * width for _ in range(height)]

    def plot(self, x: int, y: int, colour: str) -> None:
        """Set the dot at (x, y) in dot coordinates, y growing downwards."""
        if 0 <= x < self.width * 2 and 0 <= y < self.height * 4:
            row, column = y >> 2, x >> 1
            self.bits[row][column] |= DOT_BITS[y & 3][x & 1]
            self.colours[row][column] = colour

    def polyline(self, dots: Sequence[tuple[int, int]], colour: str) -> None:
        """Bresenham's lines through `dots`, from the first (not drawn here) to the last."""
        plot = self.plot
        for (x_from, y_from), (x1, y1) in pairwise(dots):
            if abs(x1 - x_from) <= 1 and abs(y1 - y_from) <= 1:  # neighbours: most of a history
                plot(x1, y1, colour)
                continue
            x, y = x_from, y_from
            dx, dy = abs(x1 - x), -abs(y1 - y)
            step_x, step_y = (1 if x < x1 else -1), (1 if y < y1 else -1)
            error = dx + dy
            while (x, y) != (x1, y1):
                doubled = 2 * error
                if doubled >= dy:
                    error, x = error + dy, x + step_x
                if doubled <= dx:
                    error, y = error + dx, y + step_y
                plot(x, y, colour)

    def row_text(self, row: int) -> Text:
        """One row of cells, with one span per run of a colour (fewer spans draw faster)."""
        text = Text()
        run: list[str] = []
        run_colour: str | None = None
        for bits, colour in zip(self.bits[row], self.colours[row], strict=True):
            if colour != run_colour and run:
                text.append("".join(run), style=run_colour or "")
                run = []
            run_colour = colour
            run.append(chr(BRAILLE_BASE + bits) if bits else " ")
        if run:
            text.append("".join(run), style=run_colour or "")
        return text


class TrendChart:
    """A Rich renderable: series over dates on a fixed y range, with an optional target line."""

    def __init__(
        self,
        series: Sequence[Series],
        *,
        low: float,
        high: float,
        height: int,
        target: float | None = None,
        title: str = "",
    ) -> None:
        self.series, self.low, self.high = series, low, high
        self.height, self.target, self.title = height, target, title

    @property
    def plot_rows(self) -> int:
        return max(3, self.height - 3)

    @property
    def lines(self) -> int:
        """How many lines the chart renders: the legend, the plot and the dates."""
        return self.plot_rows + 2

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(10, options.max_width - AXIS_WIDTH)
        plot_rows = self.plot_rows
        canvas = BrailleCanvas(width, plot_rows)
        dates = [day for series in self.series for day, _ in series.points]
        first, last = (min(dates), max(dates)) if dates else (date.today(), date.today())
        span = max((last - first).days, 1)

        def to_dot(day: date, value: float) -> tuple[int, int]:
            x = round((day - first).days / span * (width * 2 - 1))
            share = (min(max(value, self.low), self.high) - self.low) / (self.high - self.low)
            return x, round((1 - share) * (plot_rows * 4 - 1))

        if self.target is not None:
            _, target_y = to_dot(first, self.target)
            for x in range(0, width * 2, 3):
                canvas.plot(x, target_y, "dim yellow")
        for series in self.series:
            dots = [to_dot(day, value) for day, value in series.points]
            if dots:
                canvas.plot(*dots[0], series.colour)
                canvas.polyline(dots, series.colour)
        yield self._legend(options.max_width)
        for row in range(plot_rows):
            line = self._axis_label(row, plot_rows)
            line.append_text(canvas.row_text(row))
            yield line
        left, right = first.strftime("%b %Y"), last.strftime("%b %Y")
        gap = max(1, width - len(left) - len(right))
        yield Text(" " * AXIS_WIDTH + left + " " * gap + right, style="dim")

    def _legend(self, width: int) -> Text:
        legend = Text(self.title, style="bold")
        for series in self.series:
            legend.append("  ● ", style=series.colour)
            legend.append(series.name)
        if self.target is not None:
            legend.append("  ┄ ", style="yellow")
            legend.append(f"target {self.target:g}")
        legend.truncate(width, overflow="ellipsis")
        return legend

    def _axis_label(self, row: int, rows: int) -> Text:
        label = ""
        if row == 0:
            label = f"{self.high:g}"
        elif row == rows - 1:
            label = f"{self.low:g}"
        elif row == rows // 2:
            label = f"{(self.high + self.low) / 2:g}"
        return Text(f"{label:>{AXIS_WIDTH - 1}}┤", style="dim")


class ChartView(Widget):
    """TrendCharts side by side on screen, whose height is known without drawing them.

    Textual measures a renderable's height by rendering it; a chart knows its own, so the
    layout skips that extra drawing. With `draw_later`, the space is laid out at once and the
    charts drawn on the next frame, so that what is above them reaches the screen sooner.
    """

    def __init__(
        self, *charts: TrendChart, gap: int = 2, id: str | None = None, draw_later: bool = False
    ):
        super().__init__(id=id)
        self.charts = charts
        self.gap = gap
        self.drawn = not draw_later

    def on_mount(self) -> None:
        if not self.drawn:
            self.call_after_refresh(self._draw)

    def _draw(self) -> None:
        self.drawn = True
        self.refresh()

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return max((chart.lines for chart in self.charts), default=0)

    def render(self) -> RenderableType:
        if not self.drawn:
            return ""
        return SideBySide([(chart, None) for chart in self.charts], self.gap)
