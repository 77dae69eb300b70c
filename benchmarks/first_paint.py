"""Run an app until its first painted screen and its first complete one (a child of run.py).

Usage: `python benchmarks/first_paint.py bare|ssi-tui [--stalls SECONDS]` (environment set
by run.py).

- `bare`: a Textual app that paints one word — the floor any Textual app pays.
- `ssi-tui`: the real entry point, `ssi_tui.launch.main()` with no arguments, exactly what the
  `ssi-tui` console script runs: the database named by SSI_TUI_DB is opened (and migrated
  if needed), the Score view is read, the app composes.

First paint is the first frame Textual hands to its driver: the first call of `App._display`
with a screen update while no batch is open (inside `batch_update()`, e.g. while a widget
recomposes, Textual renders nothing). Textual's `Ready` event is not enough: it can be
posted after a layout whose frame a batch held back. The hook is installed on
`textual.app.App` itself, so both apps are probed identically and neither is changed.

ssi-tui's first frame holds the score, its band and target, the pillars, the estimate and
the tips; its trend charts and history table are drawn on a following frame. So the child
also reports the first *complete* frame: the one where no widget still has `first_frame`
set. For the bare app both are the same frame.

run.py selects Textual's headless driver (TEXTUAL_DRIVER) and a terminal size (COLUMNS and
LINES): the screen is laid out and rendered as in a terminal; the hook also turns the frame
into the escape codes a terminal would receive, so only the final write to a tty is skipped.

At first paint the child writes one line to file descriptor 1 (`FIRST_PAINT {json}`: peak
RSS, how long after `Ready` the frame came); at the first complete frame, another
(`COMPLETE {json}`), and it calls `os._exit(0)`. The parent's clocks stop when those lines
arrive, so the times cover interpreter start, imports and everything up to the frame, and
no shutdown. With FIRST_PAINT_TEXT set, the first report also holds the frame's lines of text
(the tests check what the first frame shows; the benchmark leaves it unset).

With `--stalls SECONDS`, the child stays up after its first complete frame: for that long, the
event loop wakes every STALL_TICK_S and records how late each wake-up was. That is how long a
key pressed in those seconds could have waited, while the hidden panes are built and the
background threads load scikit-learn and the model. It writes `STALLS {json}` (the longest
delay and when it happened) and exits.
"""

from __future__ import annotations

import asyncio
import json
import os
import resource
import sys
import time
from pathlib import Path
from typing import Any

from rich.console import RenderableType
from textual import events
from textual._compositor import CompositorUpdate
from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import Static

MARKER = "FIRST_PAINT"
COMPLETE_MARKER = "COMPLETE"
STALLS_MARKER = "STALLS"
SHOW_TEXT = "FIRST_PAINT_TEXT"
"""Set (to anything) to add the first frame's lines of text to its report."""
STALL_TICK_S = 0.01
HEAVY = ("sklearn", "scipy", "nltk", "skops", "vaderSentiment")
AFTER_PAINT = ("sqlite_utils", "numpy", "click")
"""Not heavy, but ssi-tui reads its first screen without them (see store/reader.py)."""
_ready_at: list[float] = []


def _peak_rss_kib() -> int:
    """This process's peak resident memory in KiB.

    Linux: VmHWM, the high-water mark of this program's own address space. Not ru_maxrss,
    which Linux carries over from the parent across fork and exec, so a child started by a
    large parent would report at least the parent's size. Elsewhere ru_maxrss (macOS: bytes).
    """
    try:
        with Path("/proc/self/status").open(encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak


def _write(marker: str, report: dict[str, Any]) -> None:
    os.write(1, f"{marker} {json.dumps(report)}\n".encode())


def _report_first_paint(app: App[Any]) -> None:
    now = time.perf_counter()
    shown = {}
    if os.environ.get(SHOW_TEXT):  # for the tests: what the frame says, at a cost in time
        shown["text"] = [strip.text for strip in app.screen._compositor.render_strips()]
    _write(
        MARKER,
        {
            **shown,
            "app": type(app).__name__,
            "rss_kib": _peak_rss_kib(),
            "after_ready_ms": (now - _ready_at[0]) * 1000 if _ready_at else None,
            "widgets": len(list(app.screen.walk_children())),
            "size": list(app.size),
            "heavy_modules": sorted(name for name in HEAVY if name in sys.modules),
            "after_paint_modules": sorted(name for name in AFTER_PAINT if name in sys.modules),
        },
    )


def _complete(app: App[Any]) -> bool:
    """Whether every widget on screen has drawn all it will.

    ssi-tui's Score pane draws its charts and history table a frame after the first (its
    `first_frame` is True until then); a widget without that attribute is complete at once.
    """
    return not any(getattr(widget, "first_frame", False) for widget in app.screen.walk_children())


async def _watch_stalls(seconds: float, started: float) -> None:
    """Sleep a tick at a time for `seconds`; report the latest wake-up, then exit."""
    longest, at, last = 0.0, 0.0, time.perf_counter()
    while last - started < seconds:
        await asyncio.sleep(STALL_TICK_S)
        now = time.perf_counter()
        if now - last - STALL_TICK_S > longest:
            longest, at = now - last - STALL_TICK_S, now - started
        last = now
    _write(STALLS_MARKER, {"longest_ms": longest * 1000, "at_s": at})
    os._exit(0)


def install_hooks(stalls_for: float | None = None) -> None:
    """Report the first frame that would reach the terminal, then the first complete one.

    With `stalls_for`, watch the event loop for that many seconds after the complete frame.
    """
    display = App._display
    painted_once: list[bool] = []
    watching: list[asyncio.Task[None]] = []

    def _display(self: App[Any], screen: Screen[Any], renderable: RenderableType | None) -> None:
        display(self, screen, renderable)
        painted = renderable is not None and not self._batch_count
        if painted and self._running and not self._closed and screen is self.screen:
            if isinstance(renderable, CompositorUpdate):
                renderable.render_segments(self.console)  # what the terminal would be sent
            if not painted_once:
                painted_once.append(True)
                _report_first_paint(self)
            if _complete(self) and not watching:
                _write(COMPLETE_MARKER, {"rss_kib": _peak_rss_kib()})
                if stalls_for is None:
                    os._exit(0)
                started = time.perf_counter()
                watching.append(asyncio.create_task(_watch_stalls(stalls_for, started)))

    def _on_ready(self: App[Any], event: events.Ready) -> None:
        _ready_at.append(time.perf_counter())

    App._display = _display  # type: ignore[method-assign]
    App._on_ready = _on_ready  # type: ignore[attr-defined]


class Bare(App[None]):
    """One word on an otherwise empty screen."""

    def compose(self) -> ComposeResult:
        yield Static("Hello")


def main() -> None:
    stalls_for = None
    if "--stalls" in sys.argv:
        stalls_for = float(sys.argv[sys.argv.index("--stalls") + 1])
    install_hooks(stalls_for)
    which = sys.argv[1] if len(sys.argv) > 1 else ""
    if which == "bare":
        Bare().run()
    elif which == "ssi-tui":
        from ssi_tui.launch import main as ssi_tui_main

        sys.argv = ["ssi-tui"]
        ssi_tui_main()
    else:
        raise SystemExit("usage: first_paint.py bare|ssi-tui")
    raise SystemExit(f"{which} exited without painting")


if __name__ == "__main__":
    main()
