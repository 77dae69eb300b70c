"""A draft is never lost: it is kept as it is written, when another draft is started, and on
quitting, without Ctrl+S; saves that wait for the database still make one draft."""

from __future__ import annotations

from pathlib import Path

from tests.processes import hold_write_lock
from tests.tui.settle import notified, opened, until
from textual.message import Message
from textual.messages import ExitApp

from ssi_tui.panes.drafts import DraftsPane
from ssi_tui.store import drafts
from ssi_tui.store.database import open_database


def saved_texts(db_path: Path) -> list[str]:
    database = open_database(db_path)
    try:
        return [draft.text for draft in drafts.list_drafts(database)]
    finally:
        database.close()


async def test_a_pause_in_typing_keeps_the_draft_in_one_saved_draft(db_path: Path) -> None:
    seen: list[Message] = []
    async with opened(db_path, size=(120, 40), message_hook=seen.append) as pilot:
        await pilot.press("4", *"Cold calls")
        pane = pilot.app.query_one(DraftsPane)
        await until(pilot, lambda: pane._autosave is not None)  # the pause is timed from here
        pane.keep()  # what the timer does when the pause ends
        await pilot.pause()
        assert saved_texts(db_path) == ["Cold calls"]
        await pilot.press(*" work")
        await until(pilot, lambda: pane._autosave is not None)
        pane.keep()
        await pilot.pause()
        assert saved_texts(db_path) == ["Cold calls work"]
        assert not pane.unsaved
    assert "Draft saved." not in notified(seen), "kept quietly: nobody pressed Ctrl+S"


async def test_quitting_and_starting_anew_keep_what_was_written(db_path: Path) -> None:
    async with opened(db_path, size=(120, 40)) as pilot:
        await pilot.press("4", *"First idea")
        await pilot.press("ctrl+n")
        await pilot.pause()
        pane = pilot.app.query_one(DraftsPane)
        assert pane.text == ""
        await pilot.press(*"Second idea")
        await pilot.press("ctrl+q")
        await until(pilot, lambda: not pilot.app.is_running)
    assert sorted(saved_texts(db_path)) == ["First idea", "Second idea"]


async def test_a_quit_from_outside_the_keys_keeps_the_draft(db_path: Path) -> None:
    """`ssi-tui serve` stopping sends each tab's app a quit (Textual's ExitApp), not `q`."""
    async with opened(db_path, size=(120, 40)) as pilot:
        await pilot.press("4", *"Written in a browser tab")
        pilot.app.post_message(ExitApp())
        await until(pilot, lambda: not pilot.app.is_running)
    assert saved_texts(db_path) == ["Written in a browser tab"]


async def test_saves_waiting_for_another_programs_lock_make_one_draft(db_path: Path) -> None:
    async with opened(db_path, size=(120, 40)) as pilot:
        app = pilot.app
        await pilot.press("4")
        pane = app.query_one(DraftsPane)
        lock = hold_write_lock(db_path, 60.0)
        try:
            await pilot.press(*"Three")
            pane.keep()
            await pilot.press(*" lessons")
            pane.keep()
            await pilot.pause()
            assert app.saver.unsaved == 2
        finally:
            lock.release()
        app.saver.retry()  # what the poll for other programs' writes does every 2 s
        await until(pilot, lambda: app.saver.unsaved == 0 and not app.saver.draining)
    assert saved_texts(db_path) == ["Three lessons"]
