"""Logging a day from the Journal pane with the keyboard."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest
from tests.tui.settle import notified, opened, posted, settle, wait_until
from textual.message import Message
from textual.widgets import DataTable, Input, Static

from ssi_tui.messages import LogActivity, ShowJournalDay, UndoJournalChange
from ssi_tui.panes.journal import JournalPane
from ssi_tui.screens.count import CountScreen
from ssi_tui.screens.note import NoteScreen
from ssi_tui.store import journal
from ssi_tui.store.database import open_database

TODAY = date(2026, 6, 1)


def counts_on(path: Path, day: date) -> dict[str, int]:
    database = open_database(path)
    try:
        return journal.counts_between(database, day, day)
    finally:
        database.close()


async def test_plus_minus_and_a_typed_count_log_the_selected_activity(db_path: Path) -> None:
    async with opened(db_path) as pilot:
        app = pilot.app
        await pilot.press("2")
        await pilot.pause()
        pane = app.query_one(JournalPane)
        assert isinstance(app.focused, DataTable) and app.focused.id == "journal-card"
        await pilot.press("down", "down")
        assert pane.selected_activity() == "profile_update"
        await pilot.press("plus", "plus", "minus", "plus")
        await pilot.pause()
        assert counts_on(db_path, TODAY) == {"profile_update": 2}

        await pilot.press("down", "c")
        assert isinstance(app.screen, CountScreen)
        title = str(app.screen.query_one(".dialog-title", Static).render())
        assert title == "Count: Endorsement received on Monday 01 June"
        await pilot.press("1", "2", "enter")  # the shown 0 is selected: typing replaces it
        await pilot.pause()
        assert counts_on(db_path, TODAY) == {"profile_update": 2, "endorsement_received": 12}
        card = app.query_one("#journal-card", DataTable)
        assert str(card.get_cell("endorsement_received", "day")) == "12"

        await pilot.press("enter")  # Enter on the card opens the same dialog
        assert isinstance(app.screen, CountScreen)
        await pilot.press("minus", "3", "enter")  # replaces the selected 12
        error = str(app.screen.query_one("#count-error", Static).render())
        assert error == "A day's count must be between 0 and 100,000, not -3."
        await pilot.press("escape")
        await pilot.pause()
        assert counts_on(db_path, TODAY)["endorsement_received"] == 12
        await pilot.press("minus", "minus", "minus", "minus")
        await pilot.pause()
        assert counts_on(db_path, TODAY)["endorsement_received"] == 8


async def test_digits_on_the_card_switch_panes_and_never_write(db_path: Path) -> None:
    """Pressing 2, 3, 4 to look around logged "Post published 34" on the card."""
    seen: list[Message] = []
    async with opened(db_path, message_hook=seen.append) as pilot:
        app = pilot.app
        await pilot.press("2")
        await pilot.pause()
        assert isinstance(app.focused, DataTable) and app.focused.id == "journal-card"
        await pilot.press("3")
        await pilot.pause()
        assert app.active_pane == "posts"
        await pilot.press("2", "4")
        await pilot.pause()
        assert app.active_pane == "drafts"
        await pilot.press("escape", "1")
        await pilot.pause()
        assert app.active_pane == "score"
    assert posted(seen, LogActivity) == []
    assert counts_on(db_path, TODAY) == {}


async def test_u_undoes_the_last_changes_one_at_a_time(db_path: Path) -> None:
    seen: list[Message] = []
    async with opened(db_path, message_hook=seen.append) as pilot:
        app = pilot.app
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("plus", "plus", "down", "c", "7", "enter")
        await pilot.pause()
        await pilot.press("n")
        app.screen.query_one("#note-input", Input).value = "Big week"
        await pilot.press("enter")
        await pilot.pause()
        assert counts_on(db_path, TODAY) == {"post": 2, "article": 7}
        card = app.query_one("#journal-card", DataTable)
        assert str(card.get_cell("article", "activity")) == "Article published ✎"

        await pilot.press("u")  # the note
        await pilot.pause()
        card = app.query_one("#journal-card", DataTable)
        assert str(card.get_cell("article", "activity")) == "Article published"  # no ✎
        await pilot.press("u")  # the typed 7
        await pilot.pause()
        assert counts_on(db_path, TODAY) == {"post": 2}
        await pilot.press("u", "u")  # both + presses
        await pilot.pause()
        assert counts_on(db_path, TODAY) == {}
        await pilot.press("u")
        await pilot.pause()
    assert notified(seen)[-5:] == [
        "Undone: Article published on Mon 01 Jun is 7 again.",
        "Undone: Article published on Mon 01 Jun is 0 again.",
        "Undone: Post published on Mon 01 Jun is 1 again.",
        "Undone: Post published on Mon 01 Jun is 0 again.",
        "Nothing to undo on the journal.",
    ]


async def test_the_cards_keys_post_the_change_they_stand_for(db_path: Path) -> None:
    """Each key on the card asks the app for one change: the day on show, the selected activity,
    and a step, a typed count or a note."""
    yesterday = date(2026, 5, 31)
    seen: list[Message] = []
    async with opened(db_path, message_hook=seen.append) as pilot:
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("down", "down", "plus", "minus")
        await pilot.press("down", "c", "1", "2", "enter")
        await pilot.press("left_square_bracket")
        pane = pilot.app.query_one(JournalPane)
        await wait_until(pilot, lambda: pane.view is not None and pane.view.day == yesterday)
        await pilot.press("plus", "n")
        pilot.app.screen.query_one("#note-input", Input).value = "Met Dana"
        await pilot.press("enter", "u")
        await pilot.pause()
    changes = [(m.day, m.activity, m.delta, m.count, m.note) for m in posted(seen, LogActivity)]
    assert changes == [
        (TODAY, "profile_update", 1, None, None),
        (TODAY, "profile_update", -1, None, None),
        (TODAY, "endorsement_received", 0, 12, None),
        (yesterday, "endorsement_received", 1, None, None),
        (yesterday, "endorsement_received", 0, None, "Met Dana"),
    ]
    assert [m.day for m in posted(seen, ShowJournalDay)] == [yesterday]
    assert len(posted(seen, UndoJournalChange)) == 1


async def test_a_note_is_saved_and_shown_literally(db_path: Path) -> None:
    async with opened(db_path) as pilot:
        app = pilot.app
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("plus", "n")
        assert isinstance(app.screen, NoteScreen)
        app.screen.query_one("#note-input", Input).value = "Met [bold]Dana[/bold]\x1b[31m"
        await pilot.press("enter")
        await pilot.pause()
        recent = app.query_one("#journal-recent", DataTable)
        assert recent.row_count == 1
        note = recent.get_row_at(0)[3]
        assert str(note) == "Met [bold]Dana[/bold]", "markup kept as text, escape code removed"
        card = app.query_one("#journal-card", DataTable)
        assert str(card.get_cell("post", "activity")) == "Post published ✎"

        await pilot.press("n")  # the dialog says "empty clears": it did not
        app.screen.query_one("#note-input", Input).value = ""
        await pilot.press("enter")
        await pilot.pause()
        assert str(card.get_cell("post", "activity")) == "Post published"
        assert str(recent.get_row_at(0)[3]) == ""


async def test_days_can_be_browsed_but_not_into_the_future(db_path: Path) -> None:
    async with opened(db_path) as pilot:
        app = pilot.app
        await pilot.press("2")
        await pilot.pause()
        pane = app.query_one(JournalPane)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert pane.view is not None and pane.view.day == TODAY
        await pilot.press("left_square_bracket", "left_square_bracket", "plus")
        await pilot.pause()
        assert pane.view.day == date(2026, 5, 30)
        head = str(app.query_one("#journal-head", Static).render())
        assert head.startswith("Saturday 30 May 2026")
        assert counts_on(db_path, date(2026, 5, 30)) == {"post": 1}
        await pilot.press("t")
        await pilot.pause()
        assert pane.view.day == TODAY


async def test_streaks_and_whats_left_follow_the_log(db_path: Path) -> None:
    database = open_database(db_path)
    for offset, activity in ((1, "comment"), (2, "comment"), (3, "message")):
        day = date.fromordinal(TODAY.toordinal() - offset)
        journal.set_manual(database, day, activity, 2)
    database.close()
    async with opened(db_path) as pilot:
        app = pilot.app
        await pilot.press("2")
        await pilot.pause()
        pane = app.query_one(JournalPane)
        assert pane.view is not None
        assert pane.view.streak == 3
        assert pane.view.pillar_streaks == {
            "brand": 0,
            "people": 0,
            "insights": 2,
            "relationships": 1,  # Friday's message: the weekend in between does not count
        }
        side = str(app.query_one("#journal-side", Static).render())
        assert "• 10 × Comment" in side, "Monday: the week starts empty"


async def test_a_database_that_fails_to_read_is_said_not_fatal(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another program can damage or lock the file under the open app: it says so and goes on."""
    from ssi_tui.store import views

    seen: list[Message] = []
    async with opened(db_path, message_hook=seen.append) as pilot:
        app = pilot.app
        await pilot.press("2")
        await pilot.pause()

        def damaged(*_: object) -> None:
            raise sqlite3.DatabaseError("database disk image is malformed")

        monkeypatch.setattr(views, "load_journal_view", damaged)
        await pilot.press("plus")
        await pilot.pause()
        assert app.is_running
        assert notified(seen) == [
            "Cannot read the database (database disk image is malformed); "
            "the screen may be out of date."
        ]
        assert counts_on(db_path, TODAY) == {"post": 1}


async def test_the_recent_table_changes_one_cell_for_one_count(demo_db_path: Path) -> None:
    """A + on an activity already logged today changes its count in "Last 14 days" in place:
    the rows (and the place the user scrolled to) stay."""
    async with opened(demo_db_path, size=(120, 40)) as pilot:
        app = pilot.app
        await pilot.press("2", "plus")  # the first activity, now logged today
        await settle(pilot)
        recent = app.query_one("#journal-recent", DataTable)
        rows_before = list(recent.rows)
        key = f"{TODAY.isoformat()} {app.query_one(JournalPane).selected_activity()}"
        count = int(recent.get_row(key)[2])
        await pilot.press("plus")
        await settle(pilot)
        assert list(recent.rows) == rows_before  # the same row keys, in the same order
        assert recent.get_row(key)[2] == str(count + 1)
