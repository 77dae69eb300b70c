"""The Score pane: where the user stands, where they are going, what to do next.

What it draws is in score_head.py (the total, verdict and peers) and score_sections.py (the
pillar table, tips, charts and history rows); this module lays them out, keeps them up to date
in place, and handles the pane's keys.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Static

from ssi_tui.core.readings import Reading
from ssi_tui.messages import DeleteReading, SaveReading, SetTarget
from ssi_tui.panes.score_head import ScoreHead
from ssi_tui.panes.score_sections import (
    HISTORY_COLUMNS,
    charts,
    history_caption,
    history_rows,
    summary,
)
from ssi_tui.store.views import ScoreView
from ssi_tui.widgets.keyed_rows import show_rows
from ssi_tui.widgets.rendered_once import RenderedOnce
from ssi_tui.widgets.trend_chart import ChartView

if TYPE_CHECKING:
    from textual.widgets import DataTable

EMPTY_STATE = """\
[b]No SSI reading yet.[/b]

1. Open [b]linkedin.com/sales/ssi[/b] in your browser (any LinkedIn member can).
2. Select the whole page ([b]Ctrl+A[/b]) and copy it ([b]Ctrl+C[/b]).
3. Press [b]p[/b] here and paste it — or type the numbers with [b]a[/b].
   From the shell: [b]ssi-tui ssi paste FILE[/b] or [b]ssi-tui ssi add --help[/b].

Record a reading every week or so: LinkedIn keeps no history, ssi-tui does."""
ONE_READING = (
    "The trend chart appears with your second reading: paste the SSI page again in a few days."
)


def _layout(view: ScoreView | None) -> str:
    """What the pane is made of: nothing yet, the empty state, or the readings."""
    if view is None:
        return "none"
    return "empty" if view.latest is None else "readings"


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

    view: reactive[ScoreView | None] = reactive(None, init=False)
    """Set by the app; the pane composes with its first view and updates in place after."""

    def __init__(self, view: ScoreView | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.first_frame = True
        """True until the pane is first on screen: the charts and the history table come a
        frame after the score, pillars and tips (see `_after_first_frame`)."""
        self._charts_slot: Widget | None = None
        """The charts, or the caption in their place (see `_new_charts_slot`)."""
        self._saved_date: str | None = None
        """The date of the reading this pane last asked to save: the history's cursor goes to
        it when it shows up, so a new or corrected reading is the one selected."""
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
        yield Static(RenderedOnce(summary(view, latest)), id="score-summary")
        yield self._new_charts_slot(view)
        yield Static(history_caption(view), id="score-history-caption", classes="caption")
        if not self.first_frame:
            yield self._history_table(view)

    def watch_view(self, old: ScoreView | None, view: ScoreView | None) -> None:
        """Show new data in the widgets already there.

        Composing again would rebuild the history table, its cursor back on the first row (so
        `e` and `d` would act on another reading), and cost several times as much at every
        day logged in the journal. Only a change between no reading and some recomposes.
        """
        if not self.is_mounted:
            return  # compose shows it
        if _layout(old) != _layout(view):
            self._saved_date = None  # a first reading is the only row, the cursor on it
            self.refresh(recompose=True)
            return
        heads = self.query(ScoreHead)
        if old is None or view is None or view.latest is None or not heads:
            return  # nothing to show, or a recompose on its way shows the latest view
        heads.first().show(view, view.latest)
        self.query_one("#score-summary", Static).update(RenderedOnce(summary(view, view.latest)))
        if (old.readings, old.target) != (view.readings, view.target):
            self._show_charts(view)
        if old.readings != view.readings:
            self.query_one("#score-history-caption", Static).update(history_caption(view))
            self._show_history(view)

    def on_mount(self) -> None:
        self.call_after_refresh(self._after_first_frame)

    def _after_first_frame(self) -> None:
        self.first_frame = False
        if self.view is not None and self.view.latest and not self.query("#score-history"):
            self.mount(self._history_table(self.view))

    def _new_charts_slot(self, view: ScoreView) -> Widget:
        """The trend charts, or from a single reading the caption that stands in for them;
        remembered, as the one is swapped for the other when a second reading comes or goes."""
        slot: Widget
        if len(view.readings) > 1:
            slot = ChartView(*charts(view), id="score-charts", draw_later=self.first_frame)
        else:
            slot = Static(ONE_READING, id="score-no-charts", classes="caption")
        self._charts_slot = slot
        return slot

    def _show_charts(self, view: ScoreView) -> None:
        slot, several = self._charts_slot, len(view.readings) > 1
        if isinstance(slot, ChartView) and several:
            slot.charts = charts(view)
            slot.refresh(layout=True)
        elif slot is not None and isinstance(slot, ChartView) != several:
            self.mount(self._new_charts_slot(view), after=slot)
            slot.remove()

    def _history_table(self, view: ScoreView) -> DataTable[str]:
        from textual.widgets import DataTable

        table: DataTable[str] = DataTable(id="score-history", cursor_type="row", zebra_stripes=True)
        for label, key in HISTORY_COLUMNS:
            table.add_column(label, key=key)
        show_rows(table, history_rows(view))
        return table

    def _show_history(self, view: ScoreView) -> None:
        """Update the history's rows in place (before its first frame there is no table)."""
        from textual.widgets import DataTable

        for table in self.query("#score-history").results(DataTable):
            show_rows(table, history_rows(view), sort_column="date", select=self._saved_date)
            self._saved_date = None

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

    async def _save_after_confirming(
        self, reading: Reading | None, editing: Reading | None = None
    ) -> None:
        """Ask before replacing a reading of the same day (unless correcting that very one)."""
        from ssi_tui.screens.confirm import ConfirmScreen

        if reading is None or self.view is None:
            return
        clash = any(r.date == reading.date for r in self.view.readings)
        previous = editing.date if editing is not None else None
        if clash and previous != reading.date:
            question = f"A reading for {reading.date.isoformat()} is already saved. Replace it?"
            if not await self.app.push_screen_wait(ConfirmScreen(question, yes="Replace")):
                return
        self._saved_date = reading.date.isoformat()
        self.post_message(SaveReading(reading, replace=clash, previous=previous))

    @work(exclusive=True, group="score-dialog")
    async def action_paste(self, text: str = "") -> None:
        """Check a pasted SSI page, then save it as a reading."""
        from ssi_tui.screens.paste_reading import PasteReadingScreen

        if self.view is not None:
            reading = await self.app.push_screen_wait(PasteReadingScreen(self.view.today, text))
            await self._save_after_confirming(reading)

    def on_paste(self, event: events.Paste) -> None:
        """Pasting the SSI page straight onto the pane opens it for checking."""
        event.stop()
        self.action_paste(event.text)

    @work(exclusive=True, group="score-dialog")
    async def action_add(self) -> None:
        from ssi_tui.screens.reading_form import ReadingFormScreen

        if self.view is not None:
            reading = await self.app.push_screen_wait(ReadingFormScreen(self.view.today))
            await self._save_after_confirming(reading)

    @work(exclusive=True, group="score-dialog")
    async def action_edit(self) -> None:
        from ssi_tui.screens.reading_form import ReadingFormScreen

        selected = self.selected_reading()
        if self.view is not None and selected is not None:
            form = ReadingFormScreen(self.view.today, selected)
            await self._save_after_confirming(await self.app.push_screen_wait(form), selected)

    @work(exclusive=True, group="score-dialog")
    async def action_delete(self) -> None:
        from ssi_tui.screens.confirm import ConfirmScreen

        selected = self.selected_reading()
        if selected is None:
            return
        question = f"Delete the reading of {selected.date.isoformat()} ({selected.total:g})?"
        if await self.app.push_screen_wait(ConfirmScreen(question, yes="Delete")):
            self.post_message(DeleteReading(selected.date))

    @work(exclusive=True, group="score-dialog")
    async def action_target(self) -> None:
        from ssi_tui.screens.target import TargetScreen

        if self.view is not None:
            target = await self.app.push_screen_wait(TargetScreen(self.view.target))
            if target is not None:
                self.post_message(SetTarget(target))
