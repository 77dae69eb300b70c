"""The Score pane: where the user stands, where they are going, what to do next."""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderResult
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.reactive import reactive
from textual.widgets import Digits, Sparkline, Static

from ssi_tui.core.domain import PILLAR_MAX, PILLARS, PILLARS_BY_KEY, band_for
from ssi_tui.core.readings import Reading, change_over
from ssi_tui.core.tips import tips_for
from ssi_tui.store.views import ScoreView
from ssi_tui.widgets.bars import bar, signed

EMPTY_STATE = """\
[b]No SSI reading yet.[/b]

1. Open [b]linkedin.com/sales/ssi[/b] in your browser (any LinkedIn member can).
2. Select the whole page ([b]Ctrl+A[/b]) and copy it ([b]Ctrl+C[/b]).
3. Save it in a file and run [b]ssi-tui ssi paste FILE[/b], or pipe it:
   [b]ssi-tui ssi paste -[/b]  — or type the numbers: [b]ssi-tui ssi add --help[/b].

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
    FIXED_WIDTH = LABEL_WIDTH + 6 + 6 * len(CHANGE_WINDOWS) + 5 * 2 + 9

    def __init__(self, readings: list[Reading]) -> None:
        self.readings = readings

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        bar_width = max(6, min(25, options.max_width - self.FIXED_WIDTH))
        latest = self.readings[-1]
        table = Table(box=None, pad_edge=False, collapse_padding=True, header_style="bold")
        table.add_column("Pillar", width=self.LABEL_WIDTH, no_wrap=True, overflow="ellipsis")
        table.add_column("of 25", justify="right", width=6)
        table.add_column("", width=bar_width, no_wrap=True)
        for title, _ in CHANGE_WINDOWS:
            table.add_column(title, justify="right", width=6)
        table.add_column("Ind.", justify="right", width=5)
        table.add_column("Net.", justify="right", width=5)
        weakest = latest.weakest_pillar()
        for pillar in PILLARS:
            value = latest.pillars[pillar.key]
            label = Text(pillar.label, style="bold yellow" if pillar.key == weakest else "")
            changes = [
                signed(
                    change.delta
                    if (change := change_over(self.readings, days, pillar.key))
                    else None
                )
                for _, days in CHANGE_WINDOWS
            ]
            peers = [
                f"{peer[pillar.key]:.1f}" if peer else "—"
                for peer in (latest.industry_pillars, latest.network_pillars)
            ]
            table.add_row(
                label, f"{value:.2f}", bar(value, PILLAR_MAX, bar_width), *changes, *peers
            )
        yield table


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
        text.append(f" — LinkedIn: {latest.weekly_change}", style="dim")
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


def advice(view: ScoreView, latest: Reading) -> Text:
    weakest = PILLARS_BY_KEY[latest.weakest_pillar()]
    text = Text()
    text.append("Weakest pillar: ", style="bold")
    text.append(f"{weakest.label} ({latest.pillars[weakest.key]:.2f}/25)\n", style="bold yellow")
    for tip in tips_for(weakest.key, view.recent_counts):
        text.append(f" • {tip.text}\n")
    return text


class ScorePane(VerticalScroll):
    """The latest official reading, its band and target, pillars, peers and next steps."""

    view: reactive[ScoreView | None] = reactive(None, recompose=True)

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
        yield Static(PillarTable(view.readings), id="score-pillars")
        yield Static(advice(view, latest), id="score-advice")
        yield Static(
            f"Trend of the total over {len(view.readings)} readings",
            classes="caption",
        )
        yield Sparkline([reading.total for reading in view.readings], id="score-trend")
