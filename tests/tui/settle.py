"""Running the app and waiting for it to be quiet before asserting on what it shows."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from tests.conftest import DEMO_END
from textual.message import Message
from textual.notifications import Notify
from textual.pilot import Pilot

from ssi_tui.app import make_app

M = TypeVar("M", bound=Message)


@asynccontextmanager
async def opened(
    db_path: Path,
    *,
    today: date = DEMO_END,
    size: tuple[int, int] = (100, 30),
    message_hook: Callable[[Message], None] | None = None,
) -> AsyncIterator[Pilot[None]]:
    """The app on `db_path`, running headless at `size` and settled (first paint done, the
    other panes built, background work finished); `pilot.app` is the app.

    `message_hook` sees every message as it is handled (`messages.append` collects them for
    `posted` and `notified`).
    """
    app = make_app(db_path, today=today)
    async with app.run_test(size=size, message_hook=message_hook) as pilot:
        await settle(pilot)
        yield pilot


def posted(messages: Sequence[Message], kind: type[M]) -> list[M]:
    """The messages of one kind among those a `message_hook` saw, each once, in order (a
    message that bubbles is handled, and seen, by every widget it passes on its way up)."""
    seen: dict[int, M] = {}
    for message in messages:
        if isinstance(message, kind):
            seen.setdefault(id(message), message)
    return list(seen.values())


def notified(messages: Sequence[Message]) -> list[str]:
    """The text of every notification the app showed, in order, from its `Notify` messages."""
    return [message.notification.message for message in posted(messages, Notify)]


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
