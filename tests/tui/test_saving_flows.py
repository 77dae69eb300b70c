"""Changes made while another program holds the database's write lock wait their turn."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from sqlite_utils import Database
from tests.processes import WriteLock, hold_write_lock
from tests.tui.settle import notified, opened, wait_until
from tests.tui.test_journal_flows import TODAY, counts_on
from textual.message import Message
from textual.pilot import Pilot
from textual.widgets import Static

from ssi_tui.app import SsiApp


@asynccontextmanager
async def journal_under_lock(
    db_path: Path, message_hook: Callable[[Message], None] | None = None
) -> AsyncIterator[tuple[SsiApp, Pilot[None], WriteLock]]:
    """The app on its Journal pane while another program holds the write lock."""
    async with opened(db_path, message_hook=message_hook) as pilot:
        app = pilot.app
        await pilot.press("2")
        await pilot.pause()
        yield app, pilot, hold_write_lock(db_path, 60.0)


async def test_changes_queue_in_order_while_another_program_writes(db_path: Path) -> None:
    async with journal_under_lock(db_path) as (app, pilot, lock):
        await pilot.press("plus", "plus", "minus", "plus")
        status = app.query_one("#database-status", Static)
        assert app.saver.unsaved == 4
        assert status.display
        assert str(status.render()) == (
            "Waiting for the database: another program is writing to it… (4 changes to save)"
        )
        assert counts_on(db_path, TODAY) == {}
        lock.release()
        await wait_until(pilot, lambda: app.saver.unsaved == 0 and not app.saver.draining)
        await pilot.pause()
        assert counts_on(db_path, TODAY) == {"post": 2}
        assert not status.display


async def test_a_refused_change_in_the_queue_does_not_hold_up_the_rest(db_path: Path) -> None:
    """A write that fails for another reason than the lock is said and dropped, not retried."""
    seen: list[Message] = []
    async with journal_under_lock(db_path, seen.append) as (app, pilot, lock):

        def vanished_post(db: Database) -> None:
            db.table("posts").update("urn:li:share:1", {"format": "video"})  # no such post

        app.saver.save(vanished_post)
        await pilot.press("plus")
        lock.release()
        await wait_until(pilot, lambda: app.saver.unsaved == 0 and not app.saver.draining)
        await pilot.pause()
        assert counts_on(db_path, TODAY) == {"post": 1}
        assert notified(seen) == ["The change was not saved (NotFoundError)."]


async def test_a_read_only_database_is_shown_and_never_written(
    demo_db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As on a read-only share: the app opens it, says so, and refuses changes in words."""
    from ssi_tui.store import database

    db_file = demo_db_path
    before = counts_on(db_file, TODAY)
    monkeypatch.setattr(database, "is_read_only", lambda path: path == db_file)
    seen: list[Message] = []
    async with opened(db_file, message_hook=seen.append) as pilot:
        app = pilot.app
        status = app.query_one("#database-status", Static)
        assert str(status.render()) == (
            f"{db_file} is read-only (or its folder is): you can look around, "
            "but changes are not saved."
        )
        await pilot.press("2", "plus")
        await pilot.pause()
        assert status.display and notified(seen)[-1] == str(status.render())
        assert app.is_running
    assert counts_on(db_file, TODAY) == before
