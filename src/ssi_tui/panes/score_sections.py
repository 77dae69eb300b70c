"""The Score pane's sections under its head, as Rich renderables: the pillar table with the
journal estimate, the weakest pillar's tips, and the trend charts."""

from __future__ import annotations

from collections.abc import Sequence

from rich.align import AlignMethod
from rich.console import Console, ConsoleOptions, RenderResult
from rich.text import Text

from ssi_tui.core.calibration import MIN_READINGS
from ssi_tui.core.domain import PILLAR_MAX, PILLARS, PILLARS_BY_KEY
from ssi_tui.core.estimate import Estimate
from ssi_tui.core.readings import Reading, change_over
from ssi_tui.core.tips import tips_for
from ssi_tui.store.views import ScoreView
from ssi_tui.widgets.bars import bar, signed
from ssi_tui.widgets.trend_chart import Series, TrendChart

PILLAR_COLOURS = {
    "brand": "magenta",
    "people": "green",
    "insights": "yellow",
    "relationships": "dodger_blue1",
}
CHART_HEIGHT = 12

CHANGE_WINDOWS: tuple[tuple[str, int | None], ...] = (
    ("prev", None),
    ("7d", 7),
    ("30d", 30),
    ("90d", 90),
)


class PillarTable:
    """Pillar bars with values, changes and the peers' values, fitted to the width given.

    The labels are LinkedIn's own, so they are never cut; the bars shrink instead.
    """

    LABEL_WIDTH = 33
    FIXED_WIDTH = LABEL_WIDTH + 6 + 6 * len(CHANGE_WINDOWS) + 5 * 3 + 10

    def __init__(self, readings: list[Reading], estimate: Estimate | None = None) -> None:
        self.readings = readings
        self.estimate = estimate

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        bar_width = max(6, min(25, options.max_width - self.FIXED_WIDTH))
        columns: list[tuple[int, AlignMethod]] = [
            (self.LABEL_WIDTH, "left"),
            (6, "right"),
            (bar_width, "left"),
            *((6, "right") for _ in CHANGE_WINDOWS),
            *((5, "right") for _ in ("Est.", "Ind.", "Net.")),
        ]
        titles = ("Pillar", "of 25", "", *(title for title, _ in CHANGE_WINDOWS), "Est.", "Ind.")
        yield row_of_cells([Text(title, style="bold") for title in (*titles, "Net.")], columns)
        latest = self.readings[-1]
        weakest = latest.weakest_pillar()
        for pillar in PILLARS:
            value = latest.pillars[pillar.key]
            changes = [
                signed(
                    change.delta
                    if (change := change_over(self.readings, days, pillar.key))
                    else None
                )
                for _, days in CHANGE_WINDOWS
            ]
            peers = [
                Text(f"{peer[pillar.key]:.1f}" if peer else "—")
                for peer in (latest.industry_pillars, latest.network_pillars)
            ]
            estimated = f"{self.estimate.pillars[pillar.key]:.1f}" if self.estimate else "—"
            cells = [
                Text(pillar.label, style="bold yellow" if pillar.key == weakest else ""),
                Text(f"{value:.2f}"),
                bar(value, PILLAR_MAX, bar_width),
                *changes,
                Text(estimated, style="italic"),
                *peers,
            ]
            yield row_of_cells(cells, columns)


def row_of_cells(cells: list[Text], columns: Sequence[tuple[int, AlignMethod]]) -> Text:
    """One line of a table whose columns all have a fixed width: (width, alignment) each.

    A cell too long for its column is cut with "…". That is all a table needs here, and far
    cheaper to draw at start-up than a Rich Table, which measures every cell first.
    """
    line = Text()
    for index, (given, (width, alignment)) in enumerate(zip(cells, columns, strict=True)):
        cell = given.copy()
        cell.truncate(width, overflow="ellipsis")
        cell.align(alignment, width)
        if index:
            line.append(" ")
        line.append_text(cell)
    return line


def estimate_line(view: ScoreView) -> Text:
    """The journal estimate beside the official total, and how far to trust it."""
    text = Text()
    if view.estimate is None:
        return text
    text.append("Estimate from your journal: ", style="bold")
    text.append(f"{view.estimate.total:.1f}", style="bold italic")
    text.append(f" (last {view.estimate.window_days} days; column Est.) — ")
    calibration = view.calibration
    if calibration is not None and calibration.weights is not None:
        text.append(
            f"calibrated on {calibration.n_readings} readings, "
            f"typical error ±{calibration.loo_mae_total or 0:.1f} points"
        )
        if view.calibration_pending:
            text.append(" (updating…)", style="dim")
    elif view.calibration_pending:
        text.append("calibrating to your readings…", style="dim")
    else:
        have = len(view.readings)
        text.append(
            f"default weights: calibration needs {MIN_READINGS} official readings, you have {have}",
            style="dim",
        )
    return text


def advice(view: ScoreView, latest: Reading) -> Text:
    weakest = PILLARS_BY_KEY[latest.weakest_pillar()]
    text = Text()
    text.append("Weakest pillar: ", style="bold")
    text.append(f"{weakest.label} ({latest.pillars[weakest.key]:.2f}/25)\n", style="bold yellow")
    for tip in tips_for(weakest.key, view.recent_counts):
        text.append(f" • {tip.text}\n")
    return text


def charts(view: ScoreView) -> tuple[TrendChart, TrendChart]:
    """The total against the target, and the four pillars on a range that spreads them."""
    history = view.readings
    total = Series("Total", [(r.date, r.total) for r in history], "cyan")
    pillar_series = [
        Series(p.short, [(r.date, r.pillars[p.key]) for r in history], PILLAR_COLOURS[p.key])
        for p in PILLARS
    ]
    values = [value for series in pillar_series for _, value in series.points]
    low = max(0.0, (min(values) // 5) * 5)
    high = min(PILLAR_MAX, (max(values) // 5 + 1) * 5)
    return (
        TrendChart([total], low=0, high=100, height=CHART_HEIGHT, target=view.target, title="SSI"),
        TrendChart(pillar_series, low=low, high=high, height=CHART_HEIGHT, title="Pillars"),
    )
