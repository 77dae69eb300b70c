"""What a new user meets first: pane names with their keys, focus where typing goes, the
theme they chose still there the next day."""

from __future__ import annotations

from pathlib import Path

from tests.tui.settle import opened, rendered_lines, settle, until

from ssi_tui.panes.score import ScorePane
from ssi_tui.screens.confirm import ConfirmScreen
from ssi_tui.screens.planner import PlannerScreen
from ssi_tui.screens.reading_form import ReadingFormScreen
from ssi_tui.widgets.pane_tabs import PaneTabs


async def test_the_pane_names_show_the_keys_that_show_them(demo_db_path: Path) -> None:
    async with opened(demo_db_path) as pilot:
        names = rendered_lines(pilot.app.query_one(PaneTabs))[0]
        assert names.split() == ["1", "Score", "2", "Journal", "3", "Posts", "4", "Drafts"]


async def test_dialogs_open_with_the_keyboard_where_typing_goes(demo_db_path: Path) -> None:
    async with opened(demo_db_path) as pilot:
        app = pilot.app
        await pilot.press("w")
        await until(pilot, lambda: isinstance(app.screen, PlannerScreen))
        assert app.focused is not None and app.focused.id == "planner-target"
        await pilot.press("escape", "a")
        await until(pilot, lambda: isinstance(app.screen, ReadingFormScreen))
        assert app.focused is not None and app.focused.id == "field-date"
        readings = len(app.query_one(ScorePane).view.readings)
        await pilot.press("escape", "d")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert app.focused is not None and app.focused.id == "confirm-no"
        await pilot.press("enter")  # Enter keeps the reading: deleting takes y
        await settle(pilot)
        assert not isinstance(app.screen, ConfirmScreen)
        assert len(app.query_one(ScorePane).view.readings) == readings


async def test_the_chosen_theme_is_there_at_the_next_start(db_path: Path) -> None:
    async with opened(db_path) as pilot:
        assert pilot.app.theme != "nord"
        pilot.app.theme = "nord"
        await pilot.pause()
    async with opened(db_path) as pilot:
        assert pilot.app.theme == "nord"
