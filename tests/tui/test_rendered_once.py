"""RenderedOnce: the same lines as the renderable it wraps, drawn once per width."""

from __future__ import annotations

from rich.console import Console, Group
from rich.text import Text

from ssi_tui.widgets.rendered_once import RenderedOnce


def printed(renderable: object, width: int) -> str:
    console = Console(width=width, record=True, color_system="truecolor")
    console.print(renderable)
    return console.export_text(styles=True)


def test_draws_once_per_width_and_looks_the_same() -> None:
    summary = Group(Text("Estimate from your journal: 61.8", style="bold"), Text("• Comment daily"))
    kept = RenderedOnce(summary)
    assert printed(kept, 20) == printed(summary, 20)
    assert printed(kept, 20) == printed(summary, 20)
    assert kept.drawings == 1, "the second pass at the same width reuses the lines"
    assert printed(kept, 40) == printed(summary, 40)
    assert kept.drawings == 2, "a new width draws again"
