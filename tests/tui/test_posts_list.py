"""The post log as a list people search: `/`, a sort that shows its direction, a count of
what is on show, a choice of format, vi keys and Enter for the whole post."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.tui.settle import opened, settle
from textual.widgets import DataTable, Input, OptionList, Static

from ssi_tui.panes.posts import PostsPane
from ssi_tui.store import posts
from ssi_tui.store.database import open_database
from ssi_tui.store.posts import Post


def table_of(app: Any) -> DataTable[Any]:
    table: DataTable[Any] = app.query_one("#posts-table", DataTable)
    return table


def row_keys(app: Any) -> list[str]:
    """The post ids of the rows on screen, top to bottom."""
    return [str(row.key.value) for row in table_of(app).ordered_rows]


def column_names(app: Any) -> dict[str, str]:
    """What the header row says above each column, by column key."""
    return {str(column.key.value): column.label.plain for column in table_of(app).ordered_columns}


def caption(app: Any) -> str:
    return str(app.query_one("#posts-order", Static).render())


def head(app: Any) -> str:
    return str(app.query_one("#posts-summary", Static).render())


def every_post(app: Any) -> list[Post]:
    view = app.query_one(PostsPane).view
    assert view is not None
    return list(view.posts)


def post_by_id(app: Any) -> dict[str, Post]:
    return {post.id: post for post in every_post(app)}


def cursor_post(app: Any) -> str:
    table = table_of(app)
    return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)


async def test_slash_searches_the_text_live_and_escape_shows_every_post_again(
    demo_db_path: Path,
) -> None:
    async with opened(demo_db_path) as pilot:
        app = pilot.app
        await pilot.press("3")
        total = len(every_post(app))
        assert table_of(app).row_count == total
        field = app.query_one("#posts-search", Input)
        assert not field.display, "the search field waits for /"
        await pilot.press("slash")
        assert field.display and app.focused is field
        await pilot.press(*"LESSONS")
        await pilot.pause()
        wanted = {p.id for p in every_post(app) if "lessons" in (p.text or "").lower()}
        assert 0 < len(wanted) < total
        assert set(row_keys(app)) == wanted, "the table narrowed as the word was typed"
        assert "matching “LESSONS”" in caption(app)
        assert head(app).startswith(f"{len(wanted)} of {total} posts")
        await pilot.press("enter")
        assert app.focused is table_of(app), "Enter goes back to the posts found"
        assert field.display and set(row_keys(app)) == wanted, "and keeps the search"
        await pilot.press("escape")
        await pilot.pause()
        assert not field.display and field.value == ""
        assert table_of(app).row_count == total
        assert "matching" not in caption(app)
        assert head(app).startswith(f"{total} posts")


async def test_the_search_needs_every_word_and_ignores_case_and_accents(db_path: Path) -> None:
    database = open_database(db_path)
    texts = {
        "accented": "Le café crème du lundi",
        "plain": "CAFE CREME, no accents here",
        "one-word": "Un café, sans rien d'autre",
        "other": "Tea time",
    }
    posts.upsert_posts(
        database,
        [
            {"id": key, "published_at": f"2026-05-2{n}T09:00:00", "format": "text", "text": text}
            for n, (key, text) in enumerate(texts.items())
        ],
    )
    database.close()
    async with opened(db_path) as pilot:
        app = pilot.app
        await pilot.press("3", "slash", *"Crème  Cafe")
        await pilot.pause()
        assert set(row_keys(app)) == {"accented", "plain"}
        assert "matching “Crème Cafe”" in caption(app)
        assert head(app).startswith("2 of 4 posts")
        app.query_one("#posts-search", Input).value = "[b]café"
        await pilot.pause()
        assert row_keys(app) == []
        assert "matching “[b]café”" in caption(app), "the words typed are shown literally"
        assert head(app).startswith("0 of 4 posts")


async def test_the_sort_shows_its_column_and_direction_and_reverses(demo_db_path: Path) -> None:
    async with opened(demo_db_path) as pilot:
        app = pilot.app
        await pilot.press("3")
        shown = post_by_id(app)

        def dates() -> list[float]:
            return [shown[key].published_at.timestamp() for key in row_keys(app)]  # type: ignore[union-attr]

        assert column_names(app)["published"] == "Published ▼"
        assert caption(app).startswith("Published ▼ newest first")
        assert dates() == sorted(dates(), reverse=True)
        await pilot.press("S")
        assert column_names(app)["published"] == "Published ▲"
        assert caption(app).startswith("Published ▲ oldest first")
        assert dates() == sorted(dates())
        await pilot.press("s")
        names = column_names(app)
        assert (names["eng"], names["published"]) == ("Eng. ▼", "Published")
        assert caption(app).startswith("Eng. ▼ most engagement"), (
            "a new column starts largest first"
        )
        engagements = [shown[key].engagement or 0 for key in row_keys(app)]
        assert engagements == sorted(engagements, reverse=True)
        await pilot.press("S")
        assert column_names(app)["eng"] == "Eng. ▲"
        assert caption(app).startswith("Eng. ▲ least engagement")
        engagements = [shown[key].engagement or 0 for key in row_keys(app)]
        assert engagements == sorted(engagements)


async def test_clicking_the_sorted_header_again_reverses_it(demo_db_path: Path) -> None:
    async with opened(demo_db_path, size=(120, 40)) as pilot:
        app = pilot.app
        await pilot.press("3")
        await settle(pilot)
        shown = post_by_id(app)
        table = table_of(app)
        widths = [column.get_render_width(table) for column in table.ordered_columns]
        impressions = (sum(widths[:2]) + 2, 0)  # the "Impr." header
        await pilot.click("#posts-table", offset=impressions)
        await settle(pilot)
        assert column_names(app)["impr"] == "Impr. ▼"
        assert caption(app).startswith("Impr. ▼ most impressions")
        reach = [shown[key].impressions or 0 for key in row_keys(app)]
        assert reach == sorted(reach, reverse=True)
        await pilot.click("#posts-table", offset=impressions)
        await settle(pilot)
        assert column_names(app)["impr"] == "Impr. ▲"
        assert caption(app).startswith("Impr. ▲ fewest impressions")
        reach = [shown[key].impressions or 0 for key in row_keys(app)]
        assert reach == sorted(reach)


async def test_f_offers_the_formats_to_choose_from(demo_db_path: Path) -> None:
    from ssi_tui.screens.format_filter import FormatFilterScreen

    async with opened(demo_db_path) as pilot:
        app = pilot.app
        await pilot.press("3")
        total = len(every_post(app))
        counts: dict[str, int] = {}
        for post in every_post(app):
            counts[post.format] = counts.get(post.format, 0) + 1
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, FormatFilterScreen)
        options = app.screen.query_one(OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert prompts[0] == f"every format ({total})"
        assert sorted(prompts[1:]) == sorted(f"{name} ({n})" for name, n in counts.items())
        assert options.highlighted == 0, "the choice on show is highlighted"
        await pilot.press("down", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, FormatFilterScreen)
        chosen = prompts[1].split(" (")[0]
        assert {post_by_id(app)[key].format for key in row_keys(app)} == {chosen}
        assert table_of(app).row_count == counts[chosen]
        assert f"{chosen} only" in caption(app)
        assert head(app).startswith(f"{counts[chosen]} of {total} posts")
        await pilot.press("f")
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        assert options.highlighted == 1
        await pilot.press("down", "escape")
        await pilot.pause()
        assert table_of(app).row_count == counts[chosen], "Escape leaves the filter as it was"
        await pilot.press("f", "home", "enter")
        await pilot.pause()
        assert table_of(app).row_count == total
        assert "every format" in caption(app)
        assert head(app).startswith(f"{total} posts")


async def test_the_count_is_of_what_the_filter_and_the_search_leave(demo_db_path: Path) -> None:
    async with opened(demo_db_path) as pilot:
        app = pilot.app
        await pilot.press("3")
        total = len(every_post(app))
        await pilot.press("f", "down", "enter")  # the most common format
        await pilot.pause()
        await pilot.press("slash", *"the", "enter")
        await pilot.pause()
        rows = table_of(app).row_count
        assert 0 < rows < total
        assert head(app).startswith(f"{rows} of {total} posts")


async def test_j_k_g_and_shift_g_move_the_cursor(demo_db_path: Path) -> None:
    async with opened(demo_db_path) as pilot:
        app = pilot.app
        await pilot.press("3")
        table = table_of(app)
        last = table.row_count - 1
        assert table.cursor_row == 0
        await pilot.press("j", "j", "j")
        assert table.cursor_row == 3
        await pilot.press("k")
        assert table.cursor_row == 2
        await pilot.press("G")
        assert table.cursor_row == last
        await pilot.press("g")
        assert table.cursor_row == 0
        bindings = app.screen.active_bindings
        keys = {key: bindings[key].binding.id for key in ("j", "k", "g", "G", "slash", "S")}
        assert keys == {
            "j": "posts.down",
            "k": "posts.up",
            "g": "posts.first",
            "G": "posts.last",
            "slash": "posts.search",
            "S": "posts.reverse",
        }, "no key of the app or the table takes them first"


async def test_the_new_keys_are_in_help(demo_db_path: Path) -> None:
    from ssi_tui.screens.help import HelpScreen

    async with opened(demo_db_path) as pilot:
        app = pilot.app
        await pilot.press("3", "f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        keys = str(app.screen.query_one("#help-keys", Static).render())
        for line in ("Search", "Reverse", "Down", "Up", "First", "Last", "The last post"):
            assert line in keys


async def test_enter_opens_the_detail_of_the_post_found(demo_db_path: Path) -> None:
    from ssi_tui.screens.post_detail import PostDetailScreen

    async with opened(demo_db_path) as pilot:
        app = pilot.app
        await pilot.press("3", "slash", *"demos", "enter", "G")
        found = row_keys(app)
        assert 1 < len(found) < len(every_post(app))
        assert cursor_post(app) == found[-1]
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PostDetailScreen)
        assert app.screen.post.id == found[-1]
        shown = str(app.screen.query_one("#post-detail-text", Static).render())
        assert (app.screen.post.text or "") in shown
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, PostDetailScreen)
        assert cursor_post(app) == found[-1] and row_keys(app) == found


async def test_the_cursor_stays_on_its_post_through_a_refresh_while_searching(
    demo_db_path: Path,
) -> None:
    async with opened(demo_db_path) as pilot:
        app: Any = pilot.app
        await pilot.press("3", "slash", *"lessons", "enter", "j")
        chosen = cursor_post(app)
        assert table_of(app).cursor_row == 1
        elsewhere = next(key for key in post_by_id(app) if key not in row_keys(app))
        database = open_database(demo_db_path)
        posts.update_post(database, elsewhere, "text", {"reactions": 90_000})
        database.close()
        app.refresh_views()
        await settle(pilot)
        assert "matching “lessons”" in caption(app)
        assert cursor_post(app) == chosen
        await pilot.press("escape")
        await pilot.pause()
        assert cursor_post(app) == chosen, "closing the search keeps the post chosen"
