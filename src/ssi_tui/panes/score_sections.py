"""The Score pane's sections under its head, as Rich renderables: the pillar table with the
journal estimate, the weakest pillar's tips, the trend charts, and the history's rows."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.align import AlignMethod
from rich.console import Console, ConsoleOptions, Group, RenderResult
from rich.text import Text

from ssi_tui.core.calibration import MIN_READINGS
from ssi_tui.core.domain import PILLAR_MAX, PILLARS, PILLARS_BY_KEY, PillarKey
from ssi_tui.core.estimate import Estimate
from ssi_tui.core.readings import Reading, change_over
from ssi_tui.core.tips import tips_for
from ssi_tui.store.views import ScoreView
from ssi_tui.widgets.bars import bar, signed
from ssi_tui.widgets.trend_chart import Series, TrendChart

PILLAR_COLOURS: dict[PillarKey, str] = {
    "brand": "magenta",
    "people": "green",
    "insights": "yellow",
    "relationships": "dodger_blue1",
}
CHART_HEIGHT = 12
HISTORY_ROWS = 52
"""A year of weekly readings; the full history is one command away and in the charts."""
HISTORY_COLUMNS = (
    ("Date", "date"),
    ("Total", "total"),
    *((pillar.short, pillar.key) for pillar in PILLARS),
    ("Industry", "industry"),
    ("Network", "network"),
)
"""(label, key) of the history table's columns; rows are keyed by the reading's date."""

CHANGE_WINDOWS: tuple[tuple[str, int | None], ...] = (
    ("prev", None),
    ("7d", 7),
    ("30d", 30),
    ("90d", 90),
)


NARROW_DROPS = ("Net.", "Ind.", "90d", "30d", "7d", "Est.")
"""Columns left out, in this order, while the line is too narrow for all of them."""
BAR_WIDTHS = (6, 25)
"""The narrowest and widest the pillar bars are drawn."""


class PillarTable:
    """Pillar bars with values, changes, the estimate and the peers' values, fitted to the
    width given.

    The labels are LinkedIn's own, so they are never cut: the bars shrink first, then the
    columns of NARROW_DROPS go, so that a row does not wrap down to 60 columns (80 keep the
    changes over 7 and 30 days).
    """

    LABEL_WIDTH = 33

    def __init__(self, readings: list[Reading], estimate: Estimate | None = None) -> None:
        self.readings = readings
        self.estimate = estimate

    def columns(self) -> list[tuple[str, int, AlignMethod, list[Text]]]:
        """Every column but the bars: title, width, alignment and a cell per pillar."""
        latest = self.readings[-1]
        weakest = latest.weakest_pillar()
        estimate = self.estimate

        def changes(days: int | None) -> list[Text]:
            found = [change_over(self.readings, days, p.key) for p in PILLARS]
            return [signed(change.delta if change else None) for change in found]

        def peers(values: Mapping[PillarKey, float] | None) -> list[Text]:
            return [Text(f"{values[p.key]:.1f}" if values else "—") for p in PILLARS]

        return [
            (
                "Pillar",
                self.LABEL_WIDTH,
                "left",
                [Text(p.label, style="bold yellow" if p.key == weakest else "") for p in PILLARS],
            ),
            ("of 25", 6, "right", [Text(f"{latest.pillars[p.key]:.2f}") for p in PILLARS]),
            *((title, 6, "right", changes(days)) for title, days in CHANGE_WINDOWS),
            (
                "Est.",
                5,
                "right",
                [
                    Text(f"{estimate.pillars[p.key]:.1f}" if estimate else "—", style="italic")
                    for p in PILLARS
                ],
            ),
            ("Ind.", 5, "right", peers(latest.industry_pillars)),
            ("Net.", 5, "right", peers(latest.network_pillars)),
        ]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        columns = self.columns()

        def without_bars(kept: list[tuple[str, int, AlignMethod, list[Text]]]) -> int:
            return sum(width for _, width, _, _ in kept) + len(kept)  # one space before each

        for title in NARROW_DROPS:
            if without_bars(columns) + BAR_WIDTHS[0] <= options.max_width:
                break
            columns = [column for column in columns if column[0] != title]
        narrowest, widest = BAR_WIDTHS
        bar_width = max(narrowest, min(widest, options.max_width - without_bars(columns)))
        latest = self.readings[-1]
        bars = [bar(latest.pillars[p.key], PILLAR_MAX, bar_width) for p in PILLARS]
        # The bars go after the value out of 25.
        columns.insert(2, ("", bar_width, "left", bars))
        layout = [(width, alignment) for _, width, alignment, _ in columns]
        yield row_of_cells([Text(title, style="bold") for title, *_ in columns], layout)
        for row in range(len(PILLARS)):
            yield row_of_cells([cells[row] for *_, cells in columns], layout)


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


def shown_estimate(view: ScoreView) -> Estimate | None:
    """The estimate to show beside the official reading: none while the journal covers too
    few days of its window for the number to mean much (`MIN_JOURNAL_DAYS`)."""
    return None if view.coverage.held_back else view.estimate


def estimate_line(view: ScoreView) -> Text:
    """The journal estimate beside the official total, and how far to trust it."""
    text = Text()
    if view.estimate is None:
        return text
    text.append("Estimate from your journal: ", style="bold")
    coverage = view.coverage
    if coverage.held_back:
        text.append("held back", style="bold yellow")
        text.append(f" — {coverage.held_back_reason()}; ")
    elif coverage.state == "partial":
        text.append(f"{view.estimate.total:.1f}", style="bold italic")
        text.append(f" (so far it {coverage.partial_note()}", style="yellow")
        text.append("; column Est.) — ")
    else:
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


def summary(view: ScoreView, latest: Reading) -> Group:
    """The pillar table, the estimate line and the tips, drawn as one block under the head."""
    pillars = PillarTable(view.readings, shown_estimate(view))
    return Group(pillars, estimate_line(view), Text(), advice(view, latest))


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


def history_rows(view: ScoreView) -> list[tuple[str, list[str]]]:
    """The newest readings first, one row each, keyed by date."""
    return [
        (
            reading.date.isoformat(),
            [
                reading.date.isoformat(),
                f"{reading.total:g}",
                *(f"{reading.pillars[p.key]:.2f}" for p in PILLARS),
                f"Top {reading.industry_rank}%" if reading.industry_rank else "—",
                f"Top {reading.network_rank}%" if reading.network_rank else "—",
            ],
        )
        for reading in reversed(view.readings[-HISTORY_ROWS:])
    ]


def history_caption(view: ScoreView) -> str:
    shown = min(len(view.readings), HISTORY_ROWS)
    older = len(view.readings) - shown
    more = f"; {older} older in 'ssi-tui ssi list'" if older else ""
    which = f"the last {shown} readings" if shown > 1 else "your first reading"
    return f"History: {which} (e edits, d deletes the selected one{more})"
