"""The Score pane: where the user stands, where they are going, what to do next.

What it draws is in score_head.py (the total, verdict and peers) and score_sections.py (the
pillar table, tips and charts); this module lays them out and handles the pane's keys.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.widgets import Static

from ssi_tui.core.domain import PILLARS
from ssi_tui.core.readings import Reading
from ssi_tui.messages import DeleteReading, SaveReading, SetTarget
from ssi_tui.panes.score_head import ScoreHead
from ssi_tui.panes.score_sections import PillarTable, advice, charts, estimate_line
from ssi_tui.store.views import ScoreView
from ssi_tui.widgets.rendered_once import RenderedOnce
from ssi_tui.widgets.trend_chart import ChartView

if TYPE_CHECKING:
    from textual.widgets import DataTable

HISTORY_ROWS = 52
"""A year of weekly readings; the full history is one command away and in the charts."""

EMPTY_STATE = """\
[b]No SSI reading yet.[/b]

1. Open [b]linkedin.com/sales/ssi[/b] in your browser (any LinkedIn member can).
2. Select the whole page ([b]Ctrl+A[/b]) and copy it ([b]Ctrl+C[/b]).
3. Press [b]p[/b] here and paste it — or type the numbers with [b]a[/b].
   From the shell: [b]ssi-tui ssi paste FILE[/b] or [b]ssi-tui ssi add --help[/b].

Record a reading every week or so: LinkedIn keeps no history, ssi-tui does."""


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
        yield ScoreHead(view, latest, id="score-head")
        pillars = PillarTable(view.readings, view.estimate)
        summary = Group(pillars, estimate_line(view), Text(), advice(view, latest))
        yield Static(RenderedOnce(summary), id="score-summary")
        if len(view.readings) > 1:
            yield ChartView(*charts(view), id="score-charts", draw_later=self.first_frame)
        else:
            yield Static(
                "The trend chart appears with your second reading: paste the SSI page again "
                "in a few days.",
                classes="caption",
            )
        shown = min(len(view.readings), HISTORY_ROWS)
        older = len(view.readings) - shown
        more = f"; {older} older in 'ssi-tui ssi list'" if older else ""
        which = f"the last {shown} readings" if shown > 1 else "your first reading"
        yield Static(
            f"History: {which} (e edits, d deletes the selected one{more})", classes="caption"
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
