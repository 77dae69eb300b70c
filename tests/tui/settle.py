"""Waiting for the app to be quiet before asserting on what it shows."""

from __future__ import annotations

from typing import Any


async def settle(pilot: Any) -> None:
    """Let the first paint happen, background work (calibration, the model) finish, panes redraw.

    A finished worker can start another (a refresh after calibration checks the model), so the
    wait repeats a few times.
    """
    await pilot.pause()
    for _ in range(300):
        background = getattr(pilot.app, "background", None)
        if background is None or background.painted:
            break
        await pilot.pause(0.05)
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def wait_until(pilot: Any, condition: Any, timeout: float = 15.0) -> None:
    """Pause until `condition()` holds (background work on a busy machine takes its time)."""
    waited = 0.0
    while not condition():
        if waited > timeout:
            raise AssertionError("the app did not get there in time")
        await pilot.pause(0.05)
        waited += 0.05
    await settle(pilot)


def shows_text(pilot: Any, selector: str, needle: str) -> Any:
    return lambda: needle in str(pilot.app.query_one(selector).render())


def screen_lines(app: Any) -> list[str]:
    """The screen's text as the terminal was last sent it, line by line (no re-rendering)."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def widget_text(widget: Any) -> str:
    """What a widget shows, its lines joined and spaces collapsed, so wrapped sentences read
    whole (rendered as on screen, in the widget's own region)."""
    from textual.geometry import Region

    width, height = widget.size
    strips = widget.render_lines(Region(0, 0, width, height))
    return " ".join(" ".join(strip.text.split()) for strip in strips).strip()
