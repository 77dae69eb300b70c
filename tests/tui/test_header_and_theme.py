"""Sorting the post log by clicking a column header, and every pane redrawn after a theme change."""

from __future__ import annotations

from pathlib import Path

from tests.tui.settle import opened, settle
from textual.widgets import DataTable

from ssi_tui.panes.posts import PostsPane


async def test_clicking_a_column_header_sorts_the_posts_by_it(demo_db_path: Path) -> None:
    async with opened(demo_db_path, size=(120, 40)) as pilot:
        app = pilot.app
        await pilot.press("3")
        await settle(pilot)
        pane = app.query_one(PostsPane)
        table = app.query_one("#posts-table", DataTable)
        widths = [column.get_render_width(table) for column in table.columns.values()]
        await pilot.click("#posts-table", offset=(sum(widths[:3]) + 2, 0))  # the "Eng." header
        await settle(pilot)
        assert pane.sort == "engagement"
        engagements = [post.engagement or 0 for post in pane.visible_posts()]
        assert engagements == sorted(engagements, reverse=True)
        shown = [table.get_row_at(row)[3].plain.replace(",", "") for row in range(5)]
        assert [int(value) for value in shown] == engagements[:5]


async def test_every_pane_draws_again_after_a_theme_change(demo_db_path: Path) -> None:
    async with opened(demo_db_path, size=(120, 40)) as pilot:
        app = pilot.app
        before = app.theme
        app.theme = "textual-light" if before != "textual-light" else "nord"
        await settle(pilot)
        for pane, marker in (
            ("score", "History"),
            ("journal", "Date"),
            ("posts", "Published"),
            ("drafts", "Characters"),
        ):
            app.action_show_pane(pane)  # keys would be typed into the Journal card (issue 18)
            await settle(pilot)
            assert app.is_running
            assert marker in app.export_screenshot()  # the pane drew itself in the new theme
