"""The head of the Score pane: the total in large digits, its band and target, the peers.

One widget that lays out three columns of text itself; as a row of widgets (Digits and two
Statics in a Horizontal) it cost four widgets' styling and layout before the first frame.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.segment import Segment
from rich.text import Text
from textual.renderables.digits import Digits
from textual.widget import Widget

from ssi_tui.core.domain import band_for
from ssi_tui.core.readings import Reading, change_over
from ssi_tui.core.text import strip_control
from ssi_tui.store.views import ScoreView
from ssi_tui.widgets.bars import signed

TOTAL_MIN_WIDTH = 8
PEERS_WIDTH = 30
COLUMN_GAP = 2


class SideBySide:
    """Renderables in columns, top-aligned: each column has a fixed width, or None for the
    one that takes the rest of the line."""

    def __init__(self, columns: Sequence[tuple[RenderableType, int | None]], gap: int) -> None:
        self.columns = columns
        self.gap = gap

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        fixed = sum(width or 0 for _, width in self.columns) + self.gap * (len(self.columns) - 1)
        rest = max(1, options.max_width - fixed)
        widths = [width or rest for _, width in self.columns]
        rendered = [
            console.render_lines(renderable, options.update(width=width, height=None), pad=True)
            for (renderable, _), width in zip(self.columns, widths, strict=True)
        ]
        gap = Segment(" " * self.gap)
        for row in range(max(len(lines) for lines in rendered)):
            for index, (lines, width) in enumerate(zip(rendered, widths, strict=True)):
                if index:
                    yield gap
                if row < len(lines):
                    yield from lines[row]
                else:
                    yield Segment(" " * width)
            yield Segment.line()


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


class ScoreHead(Widget):
    """The latest total (in the theme's accent), its verdict, and the peers' ranks."""

    COMPONENT_CLASSES = {"score-head--total"}

    def __init__(self, view: ScoreView, latest: Reading, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.total = f"{latest.total:.0f}"
        """The total as the large digits show it."""
        self.verdict = verdict(view, latest)
        self.peers = peers(latest)

    def render(self) -> SideBySide:
        total = Digits(self.total, self.get_component_rich_style("score-head--total"))
        total_width = max(TOTAL_MIN_WIDTH, Digits.get_width(self.total))
        columns: list[tuple[RenderableType, int | None]] = [
            (total, total_width),
            (self.verdict, None),
            (self.peers, PEERS_WIDTH),
        ]
        return SideBySide(columns, COLUMN_GAP)
