"""Quitting while changes wait for another program's write lock asks first; only `y` loses them."""

from __future__ import annotations

from pathlib import Path

from tests.processes import hold_write_lock
from tests.tui.settle import opened, until
from textual.pilot import Pilot
from textual.widgets import Static

from ssi_tui.app import SsiApp
from ssi_tui.screens.confirm import ConfirmScreen


async def test_quit_asks_while_a_change_waits_and_no_keeps_the_app_open(db_path: Path) -> None:
    async with opened(db_path, size=(120, 40)) as pilot:
        app = pilot.app
        assert isinstance(app, SsiApp)
        await pilot.press("2")
        await pilot.pause()
        lock = hold_write_lock(db_path, 60.0)
        try:
            await answer_the_quit_question(app, pilot)
        finally:
            lock.release()


async def answer_the_quit_question(app: SsiApp, pilot: Pilot[None]) -> None:
    await pilot.press("plus")
    assert app.saver.unsaved == 1

    await pilot.press("q")
    await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
    question = str(app.screen.query_one("#confirm-question", Static).render())
    assert question == "1 change is not saved yet: the database is busy. Quit anyway and lose it?"
    await pilot.press("n")
    await until(pilot, lambda: not isinstance(app.screen, ConfirmScreen))
    assert app.is_running and app.saver.unsaved == 1

    await pilot.press("q")
    await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
    await pilot.press("y")
    await until(pilot, lambda: not app.is_running)
