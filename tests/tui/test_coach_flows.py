"""The journal estimate beside the official reading, its calibration, and the planner."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tests.tui.settle import opened, settle, wait_until, widget_text
from textual.widgets import DataTable, Input, Select, Static

from ssi_tui.panes.score import ScorePane
from ssi_tui.screens.planner import PlannerScreen
from ssi_tui.store import journal
from ssi_tui.store.database import open_database

TODAY = date(2026, 6, 1)


async def test_the_estimate_calibrates_in_the_background(demo_db_path: Path) -> None:
    async with opened(demo_db_path) as pilot:
        app = pilot.app
        pane = app.query_one(ScorePane)
        await wait_until(pilot, lambda: pane.view is not None and pane.view.calibration is not None)
        assert pane.view is not None and pane.view.calibration is not None
        assert pane.view.calibration.n_readings == 53
        line = widget_text(app.query_one("#score-summary"))
        assert "Estimate from your journal: " in line
        assert "calibrated on 53 readings, typical error ±" in line


async def test_the_estimate_moves_when_the_user_logs(demo_db_path: Path) -> None:
    async with opened(demo_db_path) as pilot:
        app = pilot.app
        pane = app.query_one(ScorePane)
        assert pane.view is not None and pane.view.estimate is not None
        before = pane.view.estimate.pillars["insights"]
        await pilot.press("2")
        await pilot.pause()
        card = app.query_one("#journal-card", DataTable)
        row = [key.value for key in card.rows].index("comment")
        for _ in range(row):
            await pilot.press("down")
        await pilot.press("c", "4", "0", "enter")
        await settle(pilot)
        assert pane.view.estimate.pillars["insights"] > before


async def test_few_readings_say_why_there_is_no_calibration(db_path: Path) -> None:
    database = open_database(db_path)
    journal.set_manual(database, TODAY, "comment", 3)
    database.close()
    async with opened(db_path) as pilot:
        app = pilot.app
        await pilot.press("a")
        form = app.screen
        for key, value in {
            "brand": "12",
            "people": "10",
            "insights": "8",
            "relationships": "9",
        }.items():
            form.query_one(f"#field-{key}", Input).value = value
        await pilot.press("ctrl+s")
        await pilot.pause()
        line = widget_text(app.query_one("#score-summary"))
        assert "default weights: calibration needs 5 official readings, you have 1" in line


async def test_the_planner_names_numbers_and_follows_its_inputs(demo_db_path: Path) -> None:
    async with opened(demo_db_path, size=(160, 45)) as pilot:
        app = pilot.app
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, PlannerScreen)
        message = str(app.screen.query_one("#planner-message", Static).render())
        assert message.startswith("Reach 75 in about")
        assert "a week" in message
        app.screen.query_one("#planner-target", Input).value = "99"
        app.screen.query_one("#planner-weeks", Input).value = "1"
        await pilot.pause()
        message = str(app.screen.query_one("#planner-message", Static).render())
        assert message.startswith("99 is out of reach in 1 week")
        app.screen.query_one("#planner-weeks", Input).value = "0"
        await pilot.pause()
        message = str(app.screen.query_one("#planner-message", Static).render())
        assert message == "The plan must cover 1 to 52 weeks, not 0."
        app.screen.query_one("#planner-weeks", Input).value = "8"
        app.screen.query_one("#planner-target", Input).value = "16"
        app.screen.query_one("#planner-pillar", Select).value = "insights"
        await pilot.pause()
        message = str(app.screen.query_one("#planner-message", Static).render())
        assert "Insights" in message or "insights" in message
        await pilot.press("escape")
        assert not isinstance(app.screen, PlannerScreen)
