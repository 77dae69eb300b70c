"""The post log (sort, filter, fix a post) and importing from the app."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from tests.importers.export_builders import complete_export, zip_bytes
from tests.tui.settle import opened, posted, settle, until
from textual.message import Message
from textual.widgets import DataTable, DirectoryTree, Input, Select, Static

from ssi_tui.messages import OpenPost, UpdatePost
from ssi_tui.panes.posts import PostsPane
from ssi_tui.screens.import_file import ImportScreen
from ssi_tui.screens.post_edit import PostEditScreen
from ssi_tui.store.database import open_database

TODAY = date(2026, 6, 1)


async def finish_import(pilot: Any) -> None:
    """Wait for the import to end: its button comes back when the report is on screen (the
    file tree keeps a loader worker alive, so waiting for every worker would never end; a
    busy machine may not have started the import's worker after one pause)."""
    await pilot.pause()
    await until(pilot, lambda: not pilot.app.screen.query_one("#import-start").disabled, 60.0)
    await pilot.pause()


async def test_sort_filter_and_summary(demo_db_path: Path) -> None:
    async with opened(demo_db_path) as pilot:
        app = pilot.app
        await pilot.press("3")
        pane = app.query_one(PostsPane)
        summary = str(app.query_one("#posts-summary", Static).render())
        assert summary.startswith("47 posts · your median engagement 138")
        assert "text 23:" in summary and "too few to trust" in summary
        await pilot.press("s")
        engagements = [post.engagement or 0 for post in pane.visible_posts()]
        assert engagements == sorted(engagements, reverse=True)
        await pilot.press("f", "down", "enter")  # a choice of formats: the most common one
        await pilot.pause()
        formats = {post.format for post in pane.visible_posts()}
        assert formats == {"text"}
        table = app.query_one("#posts-table", DataTable)
        assert table.row_count == len(pane.visible_posts()) < 47


async def test_fixing_a_posts_format_and_numbers(demo_db_path: Path) -> None:
    async with opened(demo_db_path) as pilot:
        app = pilot.app
        await pilot.press("3")
        pane = app.query_one(PostsPane)
        post = pane.selected_post()
        assert post is not None
        await pilot.press("e")
        dialog = app.screen
        assert isinstance(dialog, PostEditScreen)
        dialog.query_one("#post-reactions", Input).value = "-4"
        await pilot.press("ctrl+s")
        error = str(dialog.query_one("#post-error", Static).render())
        assert error == "Reactions must be a whole number of 0 or more."
        dialog.query_one("#post-reactions", Input).value = "500"
        dialog.query_one("#post-format", Select).value = "poll"
        await pilot.press("ctrl+s")
        await pilot.pause()
    database = open_database(demo_db_path)
    row = database.execute(
        "SELECT format, format_source, reactions FROM posts WHERE id = ?", [post.id]
    ).fetchone()
    database.close()
    assert row == ("poll", "user", 500)


async def test_the_edit_dialog_posts_the_correction_once_it_is_valid(demo_db_path: Path) -> None:
    seen: list[Message] = []
    async with opened(demo_db_path, message_hook=seen.append) as pilot:
        app = pilot.app
        await pilot.press("3", "down")
        post = app.query_one(PostsPane).selected_post()
        assert post is not None
        await pilot.press("e")
        dialog = app.screen
        dialog.query_one("#post-reactions", Input).value = "-4"
        await pilot.press("ctrl+s")
        assert posted(seen, UpdatePost) == [], "a refused value asks for nothing"
        dialog.query_one("#post-reactions", Input).value = "500"
        dialog.query_one("#post-format", Select).value = "poll"
        await pilot.press("ctrl+s")
        await pilot.pause()
    [update] = posted(seen, UpdatePost)
    assert (update.post_id, update.format, update.metrics["reactions"]) == (post.id, "poll", 500)
    assert update.metrics["comments"] == post.comments, "the fields left alone are kept"


async def test_enter_on_a_row_posts_open_post_with_that_post(demo_db_path: Path) -> None:
    seen: list[Message] = []
    async with opened(demo_db_path, message_hook=seen.append) as pilot:
        app = pilot.app
        await pilot.press("3", "s", "down", "down")
        chosen = app.query_one(PostsPane).selected_post()
        assert chosen is not None
        await pilot.press("enter")
        await pilot.pause()
    assert [message.post for message in posted(seen, OpenPost)] == [chosen]


async def test_importing_an_archive_from_the_app(db_path: Path, tmp_path: Path) -> None:
    folder = tmp_path / "Downloads"
    folder.mkdir()
    archive = folder / "Complete_LinkedInDataExport_07-20-2025.zip"
    archive.write_bytes(zip_bytes(complete_export()))
    broken = folder / "Basic_LinkedInDataExport_01-01-2025.zip"
    broken.write_bytes(zip_bytes(complete_export())[:200])
    async with opened(db_path) as pilot:
        app = pilot.app
        await pilot.press("i")
        dialog = app.screen
        assert isinstance(dialog, ImportScreen)
        dialog.query_one("#import-path", Input).value = str(broken)
        await pilot.click("#import-start")
        await finish_import(pilot)
        status = str(dialog.query_one("#import-status", Static).render())
        assert "could not be read" in status or "damaged" in status
        assert not dialog.imported
        dialog.query_one("#import-path", Input).value = str(archive)
        await pilot.click("#import-start")
        await finish_import(pilot)
        status = str(dialog.query_one("#import-status", Static).render())
        assert "Comments.csv: comments, 3 imported, 0 skipped" in status
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("3")
        assert app.query_one("#posts-table", DataTable).row_count == 5


async def test_triage_tags_the_unknown_formats_and_enter_opens_a_post(tmp_path: Path) -> None:
    from tests.importers.post_history import archive, creator_workbook, invented_history
    from tests.importers.post_history import measured_posts as measured_of

    from ssi_tui.importers import read_path
    from ssi_tui.screens.format_triage import FormatTriageScreen
    from ssi_tui.screens.post_detail import PostDetailScreen
    from ssi_tui.store.imports import write_results

    history = invented_history(8)
    measured = measured_of(history, 3)
    export, workbook = tmp_path / "export.zip", tmp_path / "Content_2025.xlsx"
    export.write_bytes(archive(history))
    workbook.write_bytes(creator_workbook(measured))
    db_path = tmp_path / "ssi.db"
    db = open_database(db_path)
    for path in (export, workbook):
        write_results(db, path, read_path(path))
    db.close()
    async with opened(db_path, size=(120, 40)) as pilot:
        app = pilot.app
        await pilot.press("3", "u")
        await settle(pilot)
        assert isinstance(app.screen, FormatTriageScreen)
        progress = str(app.screen.query_one("#triage-progress", Static).render())
        assert progress == "Post 1 of 8 whose format is unknown"
        first = app.screen.posts[0]
        assert first.engagement is not None or first.impressions is not None  # numbers first
        await pilot.press("c", "space", "v", "escape")
        await settle(pilot)
        assert not isinstance(app.screen, FormatTriageScreen)
        tagged = {
            post.id: post.format
            for post in app.query_one(PostsPane).view.posts  # type: ignore[union-attr]
            if post.format_source == "user"
        }
        assert list(tagged.values()).count("carousel") == 1
        assert list(tagged.values()).count("video") == 1
        assert tagged[first.id] == "carousel"
        table = app.query_one("#posts-table", DataTable)
        table.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PostDetailScreen)
        shown = str(app.screen.query_one("#post-detail-text", Static).render())
        post = app.screen.post
        assert (post.text or "") in shown and "Known as" in shown and post.id in shown
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, PostDetailScreen)


async def test_picking_a_file_in_the_tree_imports_it(db_path: Path, tmp_path: Path) -> None:
    """'Press i and pick it': Enter on the file starts the import, with no second step."""
    folder = tmp_path / "home" / "Downloads"
    folder.mkdir(parents=True)
    archive = folder / "Complete_LinkedInDataExport_07-20-2025.zip"
    archive.write_bytes(zip_bytes(complete_export()))
    async with opened(db_path) as pilot:
        await pilot.press("i")
        dialog = pilot.app.screen
        assert isinstance(dialog, ImportScreen)
        tree = dialog.query_one("#import-tree", DirectoryTree)
        await until(pilot, lambda: tree.last_line >= 1)  # the folder's listing is in
        tree.focus()
        await pilot.press("down", "enter")  # the root folder, then its one file
        await finish_import(pilot)
        status = str(dialog.query_one("#import-status", Static).render())
        assert "Comments.csv: comments, 3 imported, 0 skipped" in status
        assert dialog.imported
