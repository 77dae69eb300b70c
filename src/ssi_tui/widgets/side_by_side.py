"""Renderables in columns on the same lines, laid out without widgets.

A row of widgets costs each of them styling, layout and a message queue before the first
frame; the Score pane's head and its two charts are each one widget drawing this instead.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.segment import Segment


class SideBySide:
    """Columns, top-aligned, `gap` cells apart.

    Each column has a fixed width, or None: the columns without one share what is left of the
    line equally (the leftmost get the odd cells).
    """

    def __init__(self, columns: Sequence[tuple[RenderableType, int | None]], gap: int) -> None:
        self.columns = columns
        self.gap = gap

    def widths(self, total: int) -> list[int]:
        fixed = sum(width or 0 for _, width in self.columns) + self.gap * (len(self.columns) - 1)
        flexible = sum(1 for _, width in self.columns if width is None)
        share, odd = divmod(max(flexible, total - fixed), max(1, flexible))
        widths = []
        for _, fixed_width in self.columns:
            if fixed_width is None:
                widths.append(share + (1 if odd > 0 else 0))
                odd -= 1
            else:
                widths.append(fixed_width)
        return widths

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        widths = self.widths(options.max_width)
        rendered = [
            console.render_lines(renderable, options.update(width=width, height=None), pad=True)
            for (renderable, _), width in zip(self.columns, widths, strict=True)
        ]
        gap = Segment(" " * self.gap)
        for row in range(max((len(lines) for lines in rendered), default=0)):
            for index, (lines, width) in enumerate(zip(rendered, widths, strict=True)):
                if index:
                    yield gap
                if row < len(lines):
                    yield from lines[row]
                else:
                    yield Segment(" " * width)
            yield Segment.line()
