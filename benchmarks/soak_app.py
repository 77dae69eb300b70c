"""The app, open and in use, for the soak: it logs a post every quarter second until told to stop.

Usage: `python benchmarks/soak_app.py DB STOP_FILE REPORT_FILE` (with SSI_TUI_TODAY set).
The app runs headless with its real timers, background work and connections; keys go in
through Textual's Pilot as if typed. When STOP_FILE appears it waits for every queued save,
quits, and writes a JSON report: how many `+` it pressed, how many writes were left unsaved,
the count its Journal card showed last, and the error if it crashed.
"""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path
from typing import Any

PRESS_EVERY_SECONDS = 0.25


async def use_the_app(db: Path, stop: Path) -> dict[str, Any]:
    from ssi_tui.app import make_app
    from ssi_tui.panes.deck import PaneDeck

    app = make_app(db)
    report: dict[str, Any] = {"presses": 0, "unsaved": None, "shown": None, "error": None}
    try:
        async with app.run_test(size=(160, 45)) as pilot:
            while not app.panes_ready:
                await pilot.pause(0.05)
            await pilot.press("2")
            await pilot.pause(0.2)
            while not stop.exists():
                await pilot.press("plus")
                report["presses"] += 1
                await pilot.pause(PRESS_EVERY_SECONDS)
            while app.saver.unsaved:
                app.saver.retry()
                await pilot.pause(0.5)
            view = app.query_one(PaneDeck).journal.view
            report["shown"] = view.day_counts.get("post", 0) if view else None
            report["unsaved"] = app.saver.unsaved
            await pilot.press("q")
    except Exception as error:  # the report says what went wrong
        report["error"] = f"{type(error).__name__}: {error}"
    return report


def main() -> None:
    db, stop, report = (Path(argument) for argument in sys.argv[1:4])
    result = asyncio.run(use_the_app(db, stop))
    report.write_text(json.dumps(result))


if __name__ == "__main__":
    main()
