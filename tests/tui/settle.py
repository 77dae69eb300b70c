"""Waiting for the app to be quiet before asserting on what it shows."""

from __future__ import annotations

from typing import Any


async def settle(pilot: Any) -> None:
    """Let background work (the calibration) finish and the panes redraw."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
