"""Recording, correcting and deleting readings from the Score pane, as a user would."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tests.tui.settle import opened, posted, widget_text
from textual import events
from textual.message import Message
from textual.widgets import Button, DataTable, Input, Static, TextArea

from ssi_tui.messages import SaveReading, SetTarget
from ssi_tui.panes.score import ScorePane
from ssi_tui.panes.score_head import ScoreHead
from ssi_tui.screens.confirm import ConfirmScreen
from ssi_tui.screens.paste_reading import PasteReadingScreen
from ssi_tui.screens.reading_form import ReadingFormScreen
from ssi_tui.store import readings, settings
from ssi_tui.store.database import open_database

TODAY = date(2026, 6, 1)
PAGE = (
    "Industry SSI rank\nTop 12%\nNetwork SSI rank\nTop 20%\n"
    "Current Social Selling Index\n61 out of 100\n"
    "16.5 | Establish your professional brand\n14.25 | Find the right people\n"
    "13 | Engage with insights\n17.1 | Build relationships\n"
)


def saved(path: Path) -> dict[str, float]:
    database = open_database(path)
    try:
        return {r.date.isoformat(): r.total for r in readings.list_readings(database)}
    finally:
        database.close()


async def test_paste_shows_what_was_understood_then_saves(db_path: Path) -> None:
    async with opened(db_path) as pilot:
        app = pilot.app
        await pilot.press("p")
        assert isinstance(app.screen, PasteReadingScreen)
        assert app.screen.query_one("#paste-save", Button).disabled
        app.screen.query_one("#paste-text", TextArea).text = PAGE
        await pilot.pause()
        result = str(app.screen.query_one("#paste-result", Static).render())
        assert "Understood: 61 of 100 (Solid)" in result
        assert "Industry Top 12%" in result
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, PasteReadingScreen)
        assert app.query_one(ScoreHead).total == "61"
    assert saved(db_path) == {"2026-06-01": 61}


async def test_pasting_garbage_explains_inline_and_saves_nothing(db_path: Path) -> None:
    async with opened(db_path) as pilot:
        app = pilot.app
        await pilot.press("p")
        app.screen.query_one("#paste-text", TextArea).text = "[bold]hello[/bold]\x1b[31m"
        await pilot.pause()
        result = str(app.screen.query_one("#paste-result", Static).render())
        assert result.startswith("Could not find Establish your professional brand")
        assert app.screen.query_one("#paste-save", Button).disabled
        await pilot.press("ctrl+s", "escape")
        assert not isinstance(app.screen, PasteReadingScreen)
    assert saved(db_path) == {}


async def test_a_terminal_paste_onto_the_pane_opens_the_check(db_path: Path) -> None:
    async with opened(db_path) as pilot:
        app = pilot.app
        await pilot.pause()
        pane = app.query_one(ScorePane)
        assert app.screen.focused is pane
        pane.post_message(events.Paste(PAGE))
        await pilot.pause()
        assert isinstance(app.screen, PasteReadingScreen)
        assert app.screen.query_one("#paste-text", TextArea).text == PAGE


async def test_a_second_reading_for_the_same_day_asks_before_replacing(demo_db_path: Path) -> None:
    async with opened(demo_db_path) as pilot:
        app = pilot.app
        await pilot.press("p")
        app.screen.query_one("#paste-text", TextArea).text = PAGE
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert saved(demo_db_path)["2026-06-01"] == 63
        await pilot.press("p")
        app.screen.query_one("#paste-text", TextArea).text = PAGE
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    assert saved(demo_db_path)["2026-06-01"] == 61


async def test_the_form_refuses_inline_and_saves_a_valid_reading(db_path: Path) -> None:
    async with opened(db_path, size=(100, 40)) as pilot:
        app = pilot.app
        await pilot.press("a")
        form = app.screen
        assert isinstance(form, ReadingFormScreen)
        values = {"brand": "16,5", "people": "14", "insights": "30", "relationships": "17"}
        for key, value in values.items():
            form.query_one(f"#field-{key}", Input).value = value
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = str(form.query_one("#reading-error", Static).render())
        assert error == "Engage with insights must be between 0 and 25, not 30."
        assert app.screen is form
        form.query_one("#field-insights", Input).value = "13"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is not form
    assert saved(db_path) == {"2026-06-01": 60.5}


async def test_edit_moves_a_reading_and_delete_asks_first(demo_db_path: Path) -> None:
    before = saved(demo_db_path)
    async with opened(demo_db_path) as pilot:
        app = pilot.app
        table = app.query_one("#score-history", DataTable)
        table.focus()
        table.move_cursor(row=1)
        second = table.get_row_at(1)[0]
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, ReadingFormScreen)
        assert form.query_one("#field-date", Input).value == second
        form.query_one("#field-date", Input).value = "2026-05-30"
        await pilot.press("ctrl+s")
        await pilot.pause()
        after_edit = saved(demo_db_path)
        assert second not in after_edit and after_edit["2026-05-30"] == before[second]
        table = app.query_one("#score-history", DataTable)
        table.focus()
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")
        assert saved(demo_db_path) == after_edit
        await pilot.press("d", "y")  # the cursor followed the corrected reading
        await pilot.pause()
    remaining = saved(demo_db_path)
    assert "2026-05-30" not in remaining and "2026-06-01" in remaining


async def test_the_target_can_be_changed(demo_db_path: Path) -> None:
    async with opened(demo_db_path) as pilot:
        app = pilot.app
        await pilot.press("t")
        field = app.screen.query_one("#target-input", Input)
        field.value = "150"
        await pilot.press("enter")
        assert "between 1 and 100" in str(app.screen.query_one("#target-error", Static).render())
        field.value = "80"
        await pilot.press("enter")
        await pilot.pause()
        assert "Target 80: 17 to go" in widget_text(app.query_one(ScoreHead))
    database = open_database(demo_db_path)
    assert settings.get_target(database) == 80
    database.close()


async def test_saving_posts_the_reading_with_what_it_replaces(demo_db_path: Path) -> None:
    """A pasted page for a day already saved is asked for with `replace` once the user agreed;
    a corrected reading names the day it moves from."""
    seen: list[Message] = []
    async with opened(demo_db_path, message_hook=seen.append) as pilot:
        app = pilot.app
        await pilot.press("p")
        app.screen.query_one("#paste-text", TextArea).text = PAGE
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert posted(seen, SaveReading) == [], "nothing is asked for before the user agrees"
        await pilot.press("y")
        await pilot.pause()
        table = app.query_one("#score-history", DataTable)
        table.focus()
        table.move_cursor(row=1)
        second = date.fromisoformat(table.get_row_at(1)[0])
        await pilot.press("e")
        app.screen.query_one("#field-date", Input).value = "2026-05-30"
        await pilot.press("ctrl+s")
        await pilot.pause()
    pasted, moved = posted(seen, SaveReading)
    assert (pasted.reading.date, pasted.reading.total, pasted.replace, pasted.previous) == (
        TODAY,
        61,
        True,
        None,
    )
    assert dict(pasted.reading.pillars) == {
        "brand": 16.5,
        "people": 14.25,
        "insights": 13.0,
        "relationships": 17.1,
    }
    assert (pasted.reading.industry_rank, pasted.reading.network_rank) == (12, 20)
    assert (moved.reading.date, moved.replace, moved.previous) == (date(2026, 5, 30), False, second)


async def test_a_new_target_is_posted_once_it_is_valid(demo_db_path: Path) -> None:
    seen: list[Message] = []
    async with opened(demo_db_path, message_hook=seen.append) as pilot:
        await pilot.press("t")
        field = pilot.app.screen.query_one("#target-input", Input)
        field.value = "150"
        await pilot.press("enter")
        assert posted(seen, SetTarget) == []
        field.value = "80"
        await pilot.press("enter")
        await pilot.pause()
    assert [message.target for message in posted(seen, SetTarget)] == [80]
