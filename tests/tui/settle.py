"""Waiting for the app to be quiet before asserting on what it shows."""

from __future__ import annotations

from typing import Any


async def settle(pilot: Any) -> None:
    """Let the first paint happen, background work (calibration, the model) finish, panes redraw.

    A finished worker can start another (a refresh after calibration checks the model), so the
    wait repeats a few times.
    """
    await pilot.pause()
    background = getattr(pilot.app, "background", None)
    if background is not None:  # a paint that never completes fails the test, never waits it out
        await until(pilot, lambda: background.painted, timeout=60.0)
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def until(pilot: Any, condition: Any, timeout: float = 15.0) -> None:
    """Pause until `condition()` holds, and no longer (the timeout only ends a test that hangs)."""
    waited = 0.0
    while not condition():
        if waited > timeout:
            raise AssertionError("the app did not get there in time")
        await pilot.pause(0.05)
        waited += 0.05


async def wait_until(pilot: Any, condition: Any, timeout: float = 15.0) -> None:
    """Pause until `condition()` holds (background work on a busy machine takes its time), then
    settle."""
    await until(pilot, condition, timeout)
    await settle(pilot)


def shows_text(pilot: Any, selector: str, needle: str) -> Any:
    return lambda: needle in str(pilot.app.query_one(selector).render())


def rendered_lines(widget: Any) -> list[str]:
    """A widget's lines as it draws them on screen, in its own region, spaces kept (through
    the public `render_lines`, which the screen's compositor calls too)."""
    from textual.geometry import Region

    width, height = widget.size
    return [strip.text for strip in widget.render_lines(Region(0, 0, width, height))]


def widget_text(widget: Any) -> str:
    """What a widget shows, its lines joined and spaces collapsed, so wrapped sentences read
    whole (rendered as on screen, in the widget's own region)."""
    return " ".join(" ".join(line.split()) for line in rendered_lines(widget)).strip()
