"""The Journal pane: today's activity, this week's targets, the streak and recent days."""

from __future__ import annotations

from collections import defaultdict

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.reactive import reactive
from textual.widgets import DataTable, Static

from ssi_tui.core.domain import PILLARS
from ssi_tui.store.views import JournalView
from ssi_tui.widgets.bars import bar
from ssi_tui.widgets.safe import literal


def week_table(view: JournalView) -> Table:
    """Every activity by pillar: today's count and the week's progress against its target."""
    table = Table(box=None, expand=True, pad_edge=False, header_style="bold")
    table.add_column("Activity", ratio=3, no_wrap=True, overflow="ellipsis")
    table.add_column("Today", justify="right", width=5)
    table.add_column("Week", justify="right", width=7)
    table.add_column("", width=12, no_wrap=True)
    by_pillar = defaultdict(list)
    for activity in view.activity_types:
        by_pillar[activity.pillar].append(activity)
    for pillar in PILLARS:
        table.add_row(Text(pillar.label, style="bold underline"))
        for activity in by_pillar[pillar.key]:
            done = view.week_counts.get(activity.key, 0)
            target = view.weekly_targets.get(activity.key)
            week = f"{done}/{target}" if target else str(done)
            progress = (
                bar(done, target, 12, "green" if done >= target else "bold") if target else ""
            )
            today = view.today_counts.get(activity.key, 0)
            table.add_row(literal(f"  {activity.label}"), str(today or "·"), week, progress)
    return table


def left_this_week(view: JournalView) -> Text:
    labels = {activity.key: activity.label for activity in view.activity_types}
    text = Text("What's left this week\n", style="bold")
    remaining = {
        key: target - view.week_counts.get(key, 0)
        for key, target in view.weekly_targets.items()
        if view.week_counts.get(key, 0) < target
    }
    if not remaining:
        text.append("Every weekly target is met. ✓\n", style="green")
    for key, left in sorted(remaining.items(), key=lambda item: -item[1]):
        text.append(f" • {left} × {labels.get(key, key)}\n")
    return text


class JournalPane(VerticalScroll):
    """What the user did: today, this week against targets, and the last two weeks."""

    view: reactive[JournalView | None] = reactive(None, recompose=True)

    def compose(self) -> ComposeResult:
        view = self.view
        if view is None:
            return
        streak = f"{view.streak} day{'s' if view.streak != 1 else ''}"
        yield Static(
            Text.assemble(
                ("Today ", "bold"),
                view.today.strftime("%A %d %B %Y"),
                ("   Streak ", "bold"),
                streak,
                ("   (log from the shell: ssi-tui log comment 2)", "dim"),
            ),
            id="journal-head",
        )
        with Horizontal(id="journal-body"):
            yield Static(week_table(view), id="journal-week")
            yield Static(left_this_week(view), id="journal-left")
        table: DataTable[str | Text] = DataTable(
            id="journal-recent", cursor_type="row", zebra_stripes=True
        )
        table.add_columns("Date", "Activity", "Count", "Note")
        labels = {activity.key: activity.label for activity in view.activity_types}
        for entry in reversed(view.recent):
            table.add_row(
                entry.date.isoformat(),
                literal(labels.get(entry.activity, entry.activity)),
                str(entry.count),
                literal(entry.note or ""),
            )
        yield Static("Last 14 days", classes="caption")
        yield table
