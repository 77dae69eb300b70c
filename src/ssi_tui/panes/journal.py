"""The Journal pane: log a day in a few keys, see the week against targets and the streaks."""

from __future__ import annotations

from datetime import timedelta

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.widgets import DataTable, Static

from ssi_tui.core.domain import ACTIVITY_CATALOGUE, PILLARS, PILLARS_BY_KEY
from ssi_tui.core.journal import left_to_target
from ssi_tui.messages import LogActivity, ShowJournalDay, UndoJournalChange
from ssi_tui.store.views import JournalView
from ssi_tui.widgets.bars import bar
from ssi_tui.widgets.keyed_rows import show_rows
from ssi_tui.widgets.safe import literal

ACTIVITY_WIDTH = max(len(activity.label) for activity in ACTIVITY_CATALOGUE)
PILLAR_WIDTH = max(len(pillar.short) for pillar in PILLARS)
NARROW_BELOW = 98
"""Columns under which the side panel gives its room to the card (69 wide with its padding
and scrollbar): at 80 the card kept the side panel and lost its Week column."""
SHORT_BELOW = 30
"""Rows under which the last 14 days give their room to the card's 20 activities."""
HINT = "+ − count · c or Enter types one · u undo · n note · [ ] other days · t today"


def heading(view: JournalView) -> Text:
    """The card's day, the streak overall and per pillar (kept over quiet weekends unless the
    user counts them), and the keys."""
    one_line = 96  # what a 100-column terminal leaves the pane
    text = Text()
    text.append(view.day.strftime("%A %d %B %Y"), style="bold")
    if view.day == view.today:
        text.append(" (today)", style="dim")
    text.append("   Streak ", style="bold")
    text.append(f"{view.streak} day{'s' if view.streak != 1 else ''}")
    by_pillar = " · ".join(
        f"{pillar.short} {view.pillar_streaks.get(pillar.key, 0)}" for pillar in PILLARS
    )
    if len(text) + len(by_pillar) + 4 <= one_line:
        text.append(f"  ({by_pillar})")
    else:  # whole on a line of its own, rather than wrapped inside a pillar's name and number
        text.append(f"\nBy pillar: {by_pillar}")
    text.append("\n" + HINT, style="dim")
    return text


def side_panel(view: JournalView) -> Text:
    """What is left of the current week's targets (Monday to today, whichever day the card
    shows: the card's Week column is the one about the shown day's week), and how the streaks
    treat weekends."""
    labels = {activity.key: activity.label for activity in view.activity_types}
    monday, sunday = view.this_week, view.this_week + timedelta(days=6)
    text = Text("What's left this week\n", style="bold")
    text.append(f"{monday:%a} {monday.day} {monday:%b} – {sunday:%a} {sunday.day} {sunday:%b}\n")
    remaining = left_to_target(view.this_week_counts, view.weekly_targets)
    if not remaining:
        text.append("Every weekly target is met. ✓\n", style="green")
    for key, left in sorted(remaining.items(), key=lambda item: -item[1]):
        text.append(f" • {left} × {labels.get(key, key)}\n")
    weekends = "skip quiet weekends" if view.weekends == "skip" else "count weekends"
    text.append(f"\nStreaks {weekends}.", style="dim")
    return text


class JournalPane(Vertical):
    """Keyboard-first logging for one day, with the week's targets beside it."""

    BINDINGS = [
        Binding("plus,equals_sign", "change(1)", "+1", id="journal.add", tooltip="One more"),
        Binding("minus", "change(-1)", "−1", id="journal.remove", tooltip="One fewer"),
        Binding("c", "count", "Count", id="journal.count", tooltip="Type the day's count"),
        Binding("u", "undo", "Undo", id="journal.undo", tooltip="Undo the last change"),
        Binding("n", "note", "Note", id="journal.note", tooltip="Note for this activity"),
        Binding("left_square_bracket", "move_day(-1)", "Prev day", id="journal.previous_day"),
        Binding("right_square_bracket", "move_day(1)", "Next day", id="journal.next_day"),
        Binding("t", "today", "Today", id="journal.today", tooltip="Back to today"),
        Binding("escape", "leave", "Leave card", id="journal.leave", show=False),
    ]

    view: reactive[JournalView | None] = reactive(None)

    def compose(self) -> ComposeResult:
        yield Static(id="journal-head")
        with Horizontal(id="journal-body"):
            card: DataTable[Text | str] = DataTable(id="journal-card", cursor_type="row")
            card.add_column("Activity", key="activity", width=ACTIVITY_WIDTH)
            card.add_column("Pillar", key="pillar", width=PILLAR_WIDTH)
            card.add_column("Day", key="day", width=4)
            card.add_column("Week", key="week", width=7)
            card.add_column("", key="bar", width=8)
            yield card
            yield Static(id="journal-side")
        yield Static("Last 14 days", id="journal-recent-caption", classes="caption")
        recent: DataTable[Text | str] = DataTable(id="journal-recent", cursor_type="row")
        recent.add_columns("Date", "Activity", "Count", "Note")
        yield recent

    def on_resize(self, event: events.Resize) -> None:
        """Narrow: the card takes the width (its Week column is what is left to do). Short: the
        card takes the height, so that every activity fits in 80×24 or nearly."""
        self.set_class(event.size.width < NARROW_BELOW, "-narrow")
        self.set_class(event.size.height < SHORT_BELOW, "-short")

    def focus(self, scroll_visible: bool = True) -> JournalPane:
        self.query_one("#journal-card", DataTable).focus(scroll_visible)
        return self

    def watch_view(self, view: JournalView | None) -> None:
        if view is None:
            return
        self.query_one("#journal-head", Static).update(heading(view))
        self.query_one("#journal-side", Static).update(side_panel(view))
        self._fill_card(view)
        self._fill_recent(view)

    def _card_cells(self, view: JournalView, key: str, label: str) -> dict[str, Text | str]:
        done = view.week_counts.get(key, 0)
        target = view.weekly_targets.get(key)
        count = view.day_counts.get(key, 0)
        noted = " ✎" if view.day_notes.get(key) else ""
        return {
            "activity": literal(label + noted),
            "day": Text(str(count) if count else "·", justify="right"),
            "week": Text(f"{done}/{target}" if target else str(done), justify="right"),
            "bar": bar(done, target, 8, "green" if done >= target else "bold") if target else "",
        }

    def _fill_card(self, view: JournalView) -> None:
        """Update the card in place, so the cursor stays where the user left it."""
        card: DataTable[Text | str] = self.query_one("#journal-card", DataTable)
        order = {pillar.key: index for index, pillar in enumerate(PILLARS)}
        activities = sorted(view.activity_types, key=lambda a: order[a.pillar])
        if [row.value for row in card.rows] != [a.key for a in activities]:
            card.clear()
            for activity in activities:
                cells = self._card_cells(view, activity.key, activity.label)
                pillar = PILLARS_BY_KEY[activity.pillar].short
                card.add_row(
                    cells["activity"],
                    pillar,
                    cells["day"],
                    cells["week"],
                    cells["bar"],
                    key=activity.key,
                )
            return
        for activity in activities:
            for column, value in self._card_cells(view, activity.key, activity.label).items():
                card.update_cell(activity.key, column, value)

    def _fill_recent(self, view: JournalView) -> None:
        recent: DataTable[Text | str] = self.query_one("#journal-recent", DataTable)
        labels = {activity.key: activity.label for activity in view.activity_types}
        rows = [
            (
                f"{entry.date.isoformat()} {entry.activity}",
                (
                    entry.date.isoformat(),
                    literal(labels.get(entry.activity, entry.activity)),
                    str(entry.count),
                    literal(entry.note or ""),
                ),
            )
            for entry in reversed(view.recent)
        ]
        show_rows(recent, rows)  # a changed count is one cell, not the whole table

    def selected_activity(self) -> str | None:
        card: DataTable[Text | str] = self.query_one("#journal-card", DataTable)
        if card.row_count == 0:
            return None
        return card.coordinate_to_cell_key(card.cursor_coordinate).row_key.value

    def action_change(self, delta: int) -> None:
        activity = self.selected_activity()
        if self.view is not None and activity is not None:
            self.post_message(LogActivity(self.view.day, activity, delta=delta))

    def action_undo(self) -> None:
        self.post_message(UndoJournalChange())

    @on(DataTable.RowSelected, "#journal-card")
    def _enter_pressed(self) -> None:
        self.action_count()

    @work(exclusive=True, group="journal-dialog")
    async def action_count(self) -> None:
        """Type the selected activity's count for the card's day, in a dialog that says so:
        digits on the card switch panes, as everywhere else."""
        from ssi_tui.screens.count import CountScreen

        activity = self.selected_activity()
        view = self.view
        if view is None or activity is None:
            return
        label = next(a.label for a in view.activity_types if a.key == activity)
        about = f"{label} on {view.day:%A %d %B}"
        count = await self.app.push_screen_wait(
            CountScreen(about, view.day_counts.get(activity, 0))
        )
        if count is not None:
            self.post_message(LogActivity(view.day, activity, count=count))

    @work(exclusive=True, group="journal-dialog")
    async def action_note(self) -> None:
        """Write or change the note of the selected activity on the card's day."""
        from ssi_tui.screens.note import NoteScreen

        activity = self.selected_activity()
        view = self.view
        if view is None or activity is None:
            return
        label = next(a.label for a in view.activity_types if a.key == activity)
        current = view.day_notes.get(activity, "")
        about = f"{label} on {view.day.isoformat()}"
        note = await self.app.push_screen_wait(NoteScreen(about, current))
        if note is not None:
            self.post_message(LogActivity(view.day, activity, note=note))

    def action_move_day(self, days: int) -> None:
        if self.view is not None:
            day = min(self.view.day + timedelta(days=days), self.view.today)
            self.post_message(ShowJournalDay(day))

    def action_leave(self) -> None:
        """Hand the keyboard back to the row of pane names, where digits switch panes again."""
        self.app.query_one("#pane-tabs").focus()

    def action_today(self) -> None:
        if self.view is not None:
            self.post_message(ShowJournalDay(self.view.today))
