"""The what-if planner: which weekly activity reaches a target, and how the total would move."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, Static

from ssi_tui.core.domain import PILLARS, is_pillar_key
from ssi_tui.core.planner import (
    Plan,
    held_back_message,
    plan,
    provisional_note,
    validated_request,
)
from ssi_tui.store.views import PlanInputs
from ssi_tui.widgets.trend_chart import Series, TrendChart

TOTAL_CHOICE = "total"


def plan_table(result: Plan, labels: Mapping[str, str]) -> Table:
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("Each week", no_wrap=True)
    table.add_column("Plan", justify="right")
    table.add_column("More than now", justify="right")
    for activity, count in sorted(result.weekly_counts.items(), key=lambda item: -item[1]):
        extra = result.added_counts.get(activity)
        table.add_row(labels.get(activity, activity), str(count), f"+{extra}" if extra else "")
    return table


def projection(result: Plan, as_of: date) -> TrendChart:
    """The projected total week by week, held at the steady state up to the horizon."""
    points = [(as_of + timedelta(weeks=week), total) for week, total in result.projected]
    last_week, last_total = result.projected[-1]
    points += [
        (as_of + timedelta(weeks=week), last_total)
        for week in range(last_week + 1, result.weeks + 1)
    ]
    if result.target_pillar:
        pillar_points = [
            (as_of + timedelta(weeks=week), values[result.target_pillar])
            for week, values in result.projected_pillars
        ]
        series = Series(result.target_pillar.capitalize(), pillar_points, "magenta")
        return TrendChart([series], low=0, high=25, height=10, target=result.target)
    return TrendChart(
        [Series("Projected total", points, "cyan")],
        low=max(0.0, min(total for _, total in points) // 10 * 10),
        high=100,
        height=10,
        target=result.target,
    )


class PlannerScreen(ModalScreen[None]):
    """Change the target, horizon or pillar and the plan follows at once."""

    BINDINGS = [Binding("escape", "dismiss", "Close", id="planner.close")]
    AUTO_FOCUS = "#planner-target"

    def __init__(self, inputs: PlanInputs) -> None:
        super().__init__()
        self.inputs = inputs

    def compose(self) -> ComposeResult:
        choices = [("Total SSI", TOTAL_CHOICE), *((p.label, p.key) for p in PILLARS)]
        with VerticalScroll(id="planner-dialog", classes="dialog"):
            yield Static("What-if planner", classes="dialog-title")
            with Horizontal(classes="buttons"):
                yield Label("Reach ")
                yield Input(str(self.inputs.target), id="planner-target", type="number")
                yield Label(" for ")
                yield Select(choices, value=TOTAL_CHOICE, allow_blank=False, id="planner-pillar")
                yield Label(" within ")
                yield Input("8", id="planner-weeks", type="integer")
                yield Label(" weeks")
            yield Static(id="planner-message")
            with Horizontal(id="planner-body"):
                yield Static(id="planner-counts")
                yield Static(id="planner-chart")
            yield Static("Esc closes. The plan follows the estimate's weights.", classes="caption")

    def on_mount(self) -> None:
        self.replan()

    @on(Input.Changed)
    @on(Select.Changed)
    def replan(self) -> None:
        message = self.query_one("#planner-message", Static)
        try:
            target = float(self.query_one("#planner-target", Input).value.replace(",", "."))
            weeks = int(self.query_one("#planner-weeks", Input).value)
        except ValueError:
            message.update(Text("Type a target and a number of weeks.", style="bold red"))
            return
        chosen = self.query_one("#planner-pillar", Select).value
        pillar = chosen if is_pillar_key(chosen) else None
        coverage = self.inputs.coverage
        if coverage.held_back:
            try:
                validated_request(
                    None if pillar else target, (pillar, target) if pillar else None, weeks
                )
            except ValueError as error:
                message.update(Text(str(error), style="bold red"))
                return
            message.update(Text(held_back_message(coverage), style="bold yellow"))
            self.query_one("#planner-counts", Static).update("")
            self.query_one("#planner-chart", Static).update("")
            return
        try:
            result = plan(
                self.inputs.journal,
                self.inputs.as_of,
                target_total=None if pillar else target,
                target_pillar=(pillar, target) if pillar else None,
                weeks=weeks,
                weights=self.inputs.weights,
                latest_reading=self.inputs.latest_reading,
                activity_pillars=self.inputs.activity_pillars,
                journal_days=coverage.days,
            )
        except ValueError as error:
            message.update(Text(str(error), style="bold red"))
            return
        style = "bold green" if result.reachable else "bold yellow"
        shown = Text(result.message, style=style)
        note = provisional_note(coverage)
        if note:
            shown.append("\n" + note, style="yellow")
        message.update(shown)
        self.query_one("#planner-counts", Static).update(plan_table(result, self.inputs.labels))
        self.query_one("#planner-chart", Static).update(projection(result, self.inputs.as_of))
