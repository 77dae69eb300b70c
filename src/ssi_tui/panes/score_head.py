"""The head of the Score pane: the total in large digits, its band and target, the peers.

One widget that lays out three columns of text itself (SideBySide), rather than a row of
four widgets (Digits and two Statics in a Horizontal).
"""

from __future__ import annotations

from rich.console import RenderableType
from rich.style import Style
from rich.text import Text
from textual.renderables.digits import Digits
from textual.widget import Widget

from ssi_tui.core.domain import band_for
from ssi_tui.core.readings import Reading, change_over
from ssi_tui.core.text import strip_control
from ssi_tui.store.views import ScoreView
from ssi_tui.widgets.bars import signed
from ssi_tui.widgets.rendered_once import RenderedOnce
from ssi_tui.widgets.side_by_side import SideBySide

TOTAL_MIN_WIDTH = 8
PEERS_WIDTH = 30
COLUMN_GAP = 2


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
        self.drawn: tuple[Style, RenderedOnce] | None = None
        """The accent style the digits were drawn in, and the drawing."""

    def show(self, view: ScoreView, latest: Reading) -> None:
        """Take new data in place, drawn again only if what the head says changed (a day
        logged in the journal changes nothing here)."""
        shown = (f"{latest.total:.0f}", verdict(view, latest), peers(latest))
        if shown == (self.total, self.verdict, self.peers):
            return
        self.total, self.verdict, self.peers = shown
        self.drawn = None
        self.refresh(layout=True)

    def render(self) -> RenderedOnce:
        """The three columns, drawn again only for a new width or theme."""
        style = self.get_component_rich_style("score-head--total")
        if self.drawn is None or self.drawn[0] != style:
            columns: list[tuple[RenderableType, int | None]] = [
                (Digits(self.total, style), max(TOTAL_MIN_WIDTH, Digits.get_width(self.total))),
                (self.verdict, None),
                (self.peers, PEERS_WIDTH),
            ]
            self.drawn = (style, RenderedOnce(SideBySide(columns, COLUMN_GAP)))
        return self.drawn[1]
