"""The Score and Posts panes update in place: a refresh keeps the row the user chose, and a
day logged in the journal does not rebuild the Score pane."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tests.tui.settle import opened, settle, widget_text
from textual.widget import Widget
from textual.widgets import DataTable, Input, Static

from ssi_tui.core.readings import Reading
from ssi_tui.panes.posts import PostsPane
from ssi_tui.panes.score import ScorePane
from ssi_tui.panes.score_head import ScoreHead
from ssi_tui.screens.reading_form import ReadingFormScreen
from ssi_tui.store import posts, readings
from ssi_tui.store.database import open_database
from ssi_tui.widgets.trend_chart import ChartView

TODAY = date(2026, 6, 1)
PILLARS = {"brand": 16.5, "people": 14.25, "insights": 13.0, "relationships": 17.1}


def write_elsewhere(path: Path, reading: Reading | None = None, gone: date | None = None) -> None:
    """A write through another connection, as `ssi-tui ssi add` in another terminal makes."""
    database = open_database(path)
    try:
        if reading is not None:
            readings.save_reading(database, reading)
        if gone is not None:
            readings.delete_reading(database, gone)
    finally:
        database.close()


def selected_key(table: DataTable[object]) -> str | None:
    return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value


def row_keys(table: DataTable[object]) -> list[str | None]:
    return [row.key.value for row in table.ordered_rows]


async def test_the_history_cursor_stays_on_its_reading_through_a_refresh(
    demo_db_path: Path,
) -> None:
    async with opened(demo_db_path) as pilot:
        app = pilot.app
        app.query_one("#score-history", DataTable).focus()
        await pilot.press("down", "down")
        chosen = selected_key(app.query_one("#score-history", DataTable))
        assert chosen is not None and chosen < "2026-05-31"
        write_elsewhere(demo_db_path, Reading(date=date(2026, 5, 31), total=60.85, pillars=PILLARS))
        app.refresh_views()
        await settle(pilot)
        table = app.query_one("#score-history", DataTable)
        assert row_keys(table)[:2] == ["2026-06-01", "2026-05-31"], "the new reading in place"
        assert table.cursor_row == 3 and selected_key(table) == chosen
        await pilot.press("e")
        assert isinstance(app.screen, ReadingFormScreen)
        assert app.screen.query_one("#field-date", Input).value == chosen


async def test_a_reading_deleted_elsewhere_leaves_the_cursor_on_its_neighbour(
    demo_db_path: Path,
) -> None:
    async with opened(demo_db_path) as pilot:
        app = pilot.app
        app.query_one("#score-history", DataTable).focus()
        await pilot.press("down", "down")
        table = app.query_one("#score-history", DataTable)
        chosen, older = row_keys(table)[2:4]
        assert chosen is not None
        write_elsewhere(demo_db_path, gone=date.fromisoformat(chosen))
        app.refresh_views()
        await settle(pilot)
        table = app.query_one("#score-history", DataTable)
        assert chosen not in row_keys(table)
        assert selected_key(table) == older, "the next older reading, where the cursor was"


async def test_a_corrected_reading_keeps_the_cursor(demo_db_path: Path) -> None:
    """Moving a reading to another day: the cursor follows it, so `d` then deletes it."""
    async with opened(demo_db_path) as pilot:
        app = pilot.app
        app.query_one("#score-history", DataTable).focus()
        await pilot.press("down", "down", "e")
        assert isinstance(app.screen, ReadingFormScreen)
        app.screen.query_one("#field-date", Input).value = "2026-05-31"
        await pilot.press("ctrl+s")
        await settle(pilot)
        table = app.query_one("#score-history", DataTable)
        assert selected_key(table) == "2026-05-31" and table.cursor_row == 1
        await pilot.press("d", "y")
        await settle(pilot)
        database = open_database(demo_db_path)
        kept = {reading.date.isoformat() for reading in readings.list_readings(database)}
        database.close()
        assert "2026-05-31" not in kept and "2026-06-01" in kept


async def test_the_charts_come_with_the_second_reading_and_go_with_it(db_path: Path) -> None:
    """The parts that depend on how many readings there are follow the data too."""
    write_elsewhere(db_path, Reading(date=TODAY, total=61, pillars=PILLARS))
    async with opened(db_path) as pilot:
        app = pilot.app
        pane = app.query_one(ScorePane)

        def says(text: str) -> bool:
            return any(text in str(static.render()) for static in pane.query(Static))

        assert not pane.query(ChartView) and says("appears with your second reading")
        write_elsewhere(db_path, Reading(date=date(2026, 5, 25), total=58, pillars=PILLARS))
        app.refresh_views()
        await settle(pilot)
        assert pane.query(ChartView) and not says("appears with your second reading")
        assert says("History: the last 2 readings")
        table = app.query_one("#score-history", DataTable)
        assert row_keys(table) == ["2026-06-01", "2026-05-25"]
        write_elsewhere(db_path, gone=TODAY)
        app.refresh_views()
        await settle(pilot)
        assert not pane.query(ChartView) and says("appears with your second reading")
        assert app.query_one(ScoreHead).total == "58" and says("History: your first reading")
        write_elsewhere(db_path, gone=date(2026, 5, 25))
        app.refresh_views()
        await settle(pilot)
        assert says("No SSI reading yet.") and not pane.query(ScoreHead)


async def test_the_posts_cursor_stays_on_its_post_and_the_order_holds(
    demo_db_path: Path,
) -> None:
    async with opened(demo_db_path) as pilot:
        app = pilot.app
        await pilot.press("3", "s")  # most engagement first
        await pilot.press("down", "down", "down")
        pane = app.query_one(PostsPane)
        table = app.query_one("#posts-table", DataTable)
        chosen = pane.selected_post()
        assert chosen is not None and table.cursor_row == 3
        last = pane.visible_posts()[-1]
        database = open_database(demo_db_path)
        posts.update_post(database, last.id, last.format, {"reactions": 90_000})
        new_post = {
            "id": "imported-later",
            "published_at": "2026-05-31T09:00:00",
            "format": "text",
            "text": "Imported in another terminal",
            "reactions": 80_000,
            "comments": 0,
            "reposts": 0,
            "impressions": 200_000,
        }
        posts.upsert_posts(database, [new_post])
        database.close()
        app.refresh_views()
        await settle(pilot)
        shown = pane.visible_posts()
        assert [post.id for post in shown[:2]] == [last.id, "imported-later"]
        engagements = [post.engagement or 0 for post in shown]
        assert engagements == sorted(engagements, reverse=True)
        assert row_keys(table) == [post.id for post in shown], "the table in the sort's order"
        selected = pane.selected_post()
        assert selected is not None and selected.id == chosen.id
        assert table.cursor_row == 5


async def test_logging_a_day_updates_the_score_pane_without_rebuilding_it(
    demo_db_path: Path,
) -> None:
    async with opened(demo_db_path) as pilot:
        app = pilot.app
        pane = app.query_one(ScorePane)
        before = pane.view

        def score_widgets() -> list[Widget]:
            parts = ("head", "summary", "charts", "history")
            return [pane.query_one(f"#score-{part}") for part in parts]

        widgets = score_widgets()
        await pilot.press("2", "plus")
        await settle(pilot)
        after = pane.view
        assert before is not None and before.estimate is not None
        assert after is not None and after.estimate is not None
        assert round(after.estimate.total, 1) != round(before.estimate.total, 1)
        assert after.recent_counts != before.recent_counts, "the pane was given the new data"
        assert all(old is new for old, new in zip(widgets, score_widgets(), strict=True))
        await pilot.press("escape", "1")  # leave the card, where digits are counts
        await settle(pilot)
        summary = widget_text(pane.query_one("#score-summary"))
        assert f"Estimate from your journal: {after.estimate.total:.1f}" in summary
