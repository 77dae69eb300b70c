"""A renderable that keeps its lines, so Textual's two passes over it cost one drawing.

Before a widget of `height: auto` is painted, Textual measures its content by rendering it,
then renders it again to paint it, at the same width. The Score pane's summary and head are
the most expensive things on the first frame; wrapped in this, the paint reuses the lines the
measurement drew.
"""

from __future__ import annotations

from rich.console import (
    Console,
    ConsoleOptions,
    JustifyMethod,
    OverflowMethod,
    RenderableType,
    RenderResult,
)
from rich.segment import Segment

DrawnFor = tuple[int, JustifyMethod | None, OverflowMethod | None, bool | None]
"""What the lines depend on: the width, justification, overflow and wrapping asked for."""


class RenderedOnce:
    """`renderable`, drawn once per width (and justification, overflow, wrapping) asked for."""

    def __init__(self, renderable: RenderableType) -> None:
        self.renderable = renderable
        self.drawn_for: DrawnFor | None = None
        self.lines: list[list[Segment]] = []
        self.drawings = 0
        """How many times the renderable itself was drawn (the tests count them)."""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        wanted: DrawnFor = (options.max_width, options.justify, options.overflow, options.no_wrap)
        if wanted != self.drawn_for:
            # The height is left to the caller, which crops: the lines are the same either way.
            self.lines = console.render_lines(
                self.renderable, options.update(height=None), pad=False
            )
            self.drawn_for = wanted
            self.drawings += 1
        new_line = Segment.line()
        for line in self.lines:
            yield from line
            yield new_line
