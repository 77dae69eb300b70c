"""The Score pane: where the user stands, where they are going, what to do next."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.align import AlignMethod
from rich.console import Console, ConsoleOptions, RenderResult
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.reactive import reactive
from textual.widgets import Digits, Static

from ssi_tui.core.calibration import MIN_READINGS
from ssi_tui.core.domain import PILLAR_MAX, PILLARS, PILLARS_BY_KEY, band_for
from ssi_tui.core.estimate import Estimate
from ssi_tui.core.readings import Reading, change_over
from ssi_tui.core.text import strip_control
from ssi_tui.core.tips import tips_for
from ssi_tui.messages import DeleteReading, SaveReading, SetTarget
from ssi_tui.store.views import ScoreView
from ssi_tui.widgets.bars import bar, signed
from ssi_tui.widgets.trend_chart import ChartView, Series, TrendChart

if TYPE_CHECKING:
    from textual.widgets import DataTable

PILLAR_COLOURS = {
    "brand": "magenta",
    "people": "green",
    "insights": "yellow",
    "relationships": "dodger_blue1",
}
CHART_HEIGHT = 12
HISTORY_ROWS = 52
"""A year of weekly readings; the full history is one command away and in the charts."""

EMPTY_STATE = """\
[b]No SSI reading yet.[/b]

1. Open [b]linkedin.com/sales/ssi[/b] in your browser (any LinkedIn member can).
2. Select the whole page ([b]Ctrl+A[/b]) and copy it ([b]Ctrl+C[/b]).
3. Press [b]p[/b] here and paste it — or type the numbers with [b]a[/b].
   From the shell: [b]ssi-tui ssi paste FILE[/b] or [b]ssi-tui ssi add --help[/b].

Record a reading every week or so: LinkedIn keeps no history, ssi-tui does."""

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


def verdict(view: ScoreView, latest: Reading) -> Text:
    band = band_for(latest.total)
    text = Text()
    text.append(f"{band.name}", style="bold")
    text.append(f"  ({band.low}–{band.high})\n", style="dim")
    text.append(f"{band.meaning}\n")
    gap = view.target - latest.total
    if gap > 0:
        text.append(f"Target {view.target}: {gap:g} to go", style="bold")
    else:
        text.append(f"Target {view.target} reached ✓", style="bold green")
    change = change_over(view.readings, None)
    if change is not None:
        text.append("  ·  since last reading ")
        text.append_text(signed(change.delta, 0))
    text.append(f"\nReading of {latest.date.isoformat()}", style="dim")
    if latest.weekly_change:
        text.append(f" — LinkedIn: {strip_control(latest.weekly_change)}", style="dim")
    return text


def peers(latest: Reading) -> Text:
    text = Text()
    for name, rank, average in (
        ("Industry", latest.industry_rank, latest.industry_average),
        ("Network", latest.network_rank, latest.network_average),
    ):
        text.append(f"{name:<9}", style="bold")
        text.append(f"Top {rank}%" if rank else "rank —")
        text.append(f"   avg {average:g}\n" if average is not None else "   avg —\n", style="dim")
    return text


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


class ScorePane(VerticalScroll):
    """The latest official reading, its band and target, pillars, peers and next steps."""

    BINDINGS = [
        Binding("p", "paste", "Paste SSI", id="score.paste", tooltip="Paste the SSI page"),
        Binding("a", "add", "Add reading", id="score.add", tooltip="Type a reading"),
        Binding("t", "target", "Target", id="score.target", tooltip="Change your target SSI"),
        Binding("e", "edit", "Edit", id="score.edit", tooltip="Correct the selected reading"),
        Binding(
            "d,delete", "delete", "Delete", id="score.delete", tooltip="Delete the selected reading"
        ),
    ]

    view: reactive[ScoreView | None] = reactive(None, recompose=True)

    def __init__(self, view: ScoreView | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.first_frame = True
        """True until the pane is first on screen: the charts and the history table come a
        frame after the score, pillars and tips (see `_after_first_frame`)."""
        if view is not None:
            self.set_reactive(ScorePane.view, view)

    def compose(self) -> ComposeResult:
        view = self.view
        if view is None:
            return
        latest = view.latest
        if latest is None:
            yield Static(EMPTY_STATE, id="score-empty")
            return
        with Horizontal(id="score-head"):
            yield Digits(f"{latest.total:.0f}", id="score-total")
            yield Static(verdict(view, latest), id="score-verdict")
            yield Static(peers(latest), id="score-peers")
        yield Static(PillarTable(view.readings, view.estimate), id="score-pillars")
        yield Static(estimate_line(view), id="score-estimate")
        yield Static(advice(view, latest), id="score-advice")
        if len(view.readings) > 1:
            total_chart, pillar_chart = charts(view)
            with Horizontal(id="score-charts"):
                later = self.first_frame
                yield ChartView(total_chart, id="score-trend", draw_later=later)
                yield ChartView(pillar_chart, id="score-pillar-trend", draw_later=later)
        else:
            yield Static(
                "The trend chart appears with your second reading: paste the SSI page again "
                "in a few days.",
                classes="caption",
            )
        shown = min(len(view.readings), HISTORY_ROWS)
        older = len(view.readings) - shown
        more = f"; {older} older in 'ssi-tui ssi list'" if older else ""
        yield Static(
            f"History: the last {shown} readings (e edits, d deletes the selected one{more})",
            classes="caption",
        )
        if not self.first_frame:
            yield self._history_table(view)

    def on_mount(self) -> None:
        self.call_after_refresh(self._after_first_frame)

    def _after_first_frame(self) -> None:
        self.first_frame = False
        if self.view is not None and self.view.latest and not self.query("#score-history"):
            self.mount(self._history_table(self.view))

    def _history_table(self, view: ScoreView) -> DataTable[str]:
        from textual.widgets import DataTable

        table: DataTable[str] = DataTable(id="score-history", cursor_type="row", zebra_stripes=True)
        table.add_columns("Date", "Total", *(p.short for p in PILLARS), "Industry", "Network")
        for reading in reversed(view.readings[-HISTORY_ROWS:]):
            table.add_row(
                reading.date.isoformat(),
                f"{reading.total:g}",
                *(f"{reading.pillars[p.key]:.2f}" for p in PILLARS),
                f"Top {reading.industry_rank}%" if reading.industry_rank else "—",
                f"Top {reading.network_rank}%" if reading.network_rank else "—",
                key=reading.date.isoformat(),
            )
        return table

    def selected_reading(self) -> Reading | None:
        """The reading under the history table's cursor (the latest when there is no table)."""
        if self.view is None or not self.view.readings:
            return None
        from textual.widgets import DataTable

        tables = self.query("#score-history").results(DataTable)
        table = next(tables, None)
        if table is None or table.row_count == 0:
            return self.view.latest
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((r for r in self.view.readings if r.date.isoformat() == key), None)

    def _save_after_confirming(
        self, reading: Reading | None, editing: Reading | None = None
    ) -> None:
        """Ask before replacing a reading of the same day (unless correcting that very one)."""
        if reading is None or self.view is None:
            return
        clash = any(r.date == reading.date for r in self.view.readings)
        previous = editing.date if editing is not None else None
        if not clash or previous == reading.date:
            self.post_message(SaveReading(reading, replace=clash, previous=previous))
            return
        from ssi_tui.screens.confirm import ConfirmScreen

        def answered(replace: bool | None) -> None:
            if replace:
                self.post_message(SaveReading(reading, replace=True, previous=previous))

        question = f"A reading for {reading.date.isoformat()} is already saved. Replace it?"
        self.app.push_screen(ConfirmScreen(question, yes="Replace"), answered)

    def action_paste(self, text: str = "") -> None:
        from ssi_tui.screens.paste_reading import PasteReadingScreen

        if self.view is not None:
            self.app.push_screen(
                PasteReadingScreen(self.view.today, text), self._save_after_confirming
            )

    def on_paste(self, event: events.Paste) -> None:
        """Pasting the SSI page straight onto the pane opens it for checking."""
        event.stop()
        self.action_paste(event.text)

    def action_add(self) -> None:
        from ssi_tui.screens.reading_form import ReadingFormScreen

        if self.view is not None:
            self.app.push_screen(ReadingFormScreen(self.view.today), self._save_after_confirming)

    def action_edit(self) -> None:
        from ssi_tui.screens.reading_form import ReadingFormScreen

        selected = self.selected_reading()
        if self.view is not None and selected is not None:
            self.app.push_screen(
                ReadingFormScreen(self.view.today, selected),
                lambda reading: self._save_after_confirming(reading, editing=selected),
            )

    def action_delete(self) -> None:
        from ssi_tui.screens.confirm import ConfirmScreen

        selected = self.selected_reading()
        if selected is None:
            return

        def answered(delete: bool | None) -> None:
            if delete:
                self.post_message(DeleteReading(selected.date))

        question = f"Delete the reading of {selected.date.isoformat()} ({selected.total:g})?"
        self.app.push_screen(ConfirmScreen(question, yes="Delete"), answered)

    def action_target(self) -> None:
        from ssi_tui.screens.target import TargetScreen

        def chosen(target: int | None) -> None:
            if target is not None:
                self.post_message(SetTarget(target))

        if self.view is not None:
            self.app.push_screen(TargetScreen(self.view.target), chosen)
