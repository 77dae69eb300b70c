"""Pilot tests: what a user does in the app, and what they then see."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from tests.tui.settle import opened, rendered_lines, settle, shows_text, wait_until, widget_text
from textual.command import CommandList
from textual.widgets import DataTable, Static, TextArea

from ssi_tui import app as app_module
from ssi_tui.app import SsiApp, make_app
from ssi_tui.panes.journal import JournalPane
from ssi_tui.panes.score_head import ScoreHead
from ssi_tui.screens.help import HelpScreen
from ssi_tui.store import journal
from ssi_tui.store.database import open_database
from ssi_tui.widgets.key_bar import KeyBar
from ssi_tui.widgets.pane_tabs import PaneTabs

TODAY = date(2026, 6, 1)
TIMER_LEFT_TO_THE_TEST = 3600.0
"""A timer's interval that never ends within a test: the test calls what the timer would."""


async def test_number_keys_switch_panes(demo_db_path: Path) -> None:
    async with opened(demo_db_path) as pilot:
        app = pilot.app
        assert app.active_pane == "score"
        for key, pane in (("2", "journal"), ("3", "posts"), ("4", "drafts"), ("1", "score")):
            await pilot.press(key)
            assert app.active_pane == pane
            assert app.focused is not None
            assert app.query_one(f"#{pane}-pane") in app.focused.ancestors_with_self
            if pane in ("journal", "drafts"):
                await pilot.press("escape")  # digits are counts on the card, text in the editor
        await pilot.press("ctrl+right", "ctrl+right")
        assert app.active_pane == "posts"
        await pilot.press("ctrl+left", "ctrl+left", "ctrl+left")
        assert app.active_pane == "drafts", "cycling wraps around"


async def test_a_pane_asked_for_before_it_is_built_is_shown_when_it_is(
    demo_db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The test builds the other panes itself, after the key: no race with the short timer.
    monkeypatch.setattr(app_module, "OTHER_PANES_AFTER_SECONDS", TIMER_LEFT_TO_THE_TEST)
    app = make_app(demo_db_path, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert not app.panes_ready, "the other panes are built after the first frame"
        await pilot.press("2")
        assert not app.panes_ready and app.active_pane == "score"
        app.call_later(app._build_the_other_panes)  # what the timer calls
        await settle(pilot)
        assert app.panes_ready and app.active_pane == "journal"
        assert app.query_one("#journal-pane") in app.focused.ancestors_with_self


async def test_a_click_on_a_pane_name_shows_that_pane(demo_db_path: Path) -> None:
    async with opened(demo_db_path) as pilot:
        app = pilot.app
        tabs = app.query_one(PaneTabs)
        for start, end, key in reversed(tabs.spans()):
            await pilot.click(PaneTabs, offset=((start + end) // 2, 0))
            assert app.active_pane == key
        await pilot.click(PaneTabs, offset=(60, 0))
        assert app.active_pane == "score", "a click past the names changes nothing"


async def test_escape_hands_the_keys_to_the_pane_names_where_arrows_switch(
    demo_db_path: Path,
) -> None:
    async with opened(demo_db_path) as pilot:
        app = pilot.app
        await pilot.press("2", "escape")
        assert app.focused is app.query_one(PaneTabs)
        await pilot.press("right")
        assert app.active_pane == "posts"


def key_bar_text(app: SsiApp) -> str:
    """The key bar's line, as it is drawn at the bottom of the screen."""
    return rendered_lines(app.query_one(KeyBar))[0]


def highlighted_command(app: SsiApp) -> str:
    """The command palette's highlighted entry ("" while none is)."""
    commands = app.screen.query_one(CommandList)
    index = commands.highlighted
    return "" if index is None else str(commands.get_option_at_index(index).prompt)


async def test_the_key_bar_follows_the_keyboard_and_its_keys_can_be_clicked(
    demo_db_path: Path,
) -> None:
    async with opened(demo_db_path, size=(120, 30)) as pilot:
        app = pilot.app
        line = key_bar_text(app)
        assert line.startswith(" p Paste SSI  a Add reading "), line
        assert " q Quit " in line and line.rstrip().endswith("^p palette")
        assert line.count("Reload") == 1, "f5 and ctrl+r are one action, shown once"
        await pilot.press("2")
        await wait_until(pilot, lambda: "Paste SSI" not in key_bar_text(app))
        assert " n Note " in key_bar_text(app), "the Journal card's keys"
        bar = app.query_one(KeyBar)
        help_key = next(shown for shown in bar.shown_keys() if shown.description == "Help")
        await pilot.hover(KeyBar, offset=(help_key.start + 1, 0))
        assert bar.tooltip == "Keys and panes"
        await pilot.hover(PaneTabs)
        assert bar.tooltip is None, "leaving the bar takes its tooltip away"
        await pilot.click(KeyBar, offset=(help_key.start + 1, 0))
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))


async def test_a_narrow_key_bar_keeps_the_palette_and_shows_whole_keys_only(
    demo_db_path: Path,
) -> None:
    async with opened(demo_db_path, size=(60, 30)) as pilot:
        app = pilot.app
        line = key_bar_text(app)
        assert line.rstrip().endswith(" f1 Help  ^p palette"), "what finds every other key"
        assert " a Add reading " in line and "Edit" not in line, line


async def test_score_pane_shows_the_latest_reading(demo_db_path: Path) -> None:
    database = open_database(demo_db_path)
    latest = database.execute("SELECT total FROM readings ORDER BY date DESC LIMIT 1").fetchone()[0]
    database.close()
    async with opened(demo_db_path) as pilot:
        app = pilot.app
        assert app.query_one(ScoreHead).total == f"{latest:.0f}"
        head = widget_text(app.query_one(ScoreHead))
        assert "Solid" in head and f"Target 75: {75 - latest:g} to go" in head


async def test_posts_pane_lists_every_post(demo_db_path: Path) -> None:
    database = open_database(demo_db_path)
    count = database["posts"].count
    database.close()
    async with opened(demo_db_path) as pilot:
        app = pilot.app
        table = app.query_one("#posts-table", DataTable)
        assert table.row_count == 0, "a hidden pane leaves its long table for when it is shown"
        await pilot.press("3")
        assert table.row_count == count
        assert f"{count} posts" in str(app.query_one("#posts-summary", Static).render())


async def test_the_palette_switches_panes(demo_db_path: Path) -> None:
    async with opened(demo_db_path) as pilot:
        app = pilot.app
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"show journal")
        await wait_until(pilot, lambda: highlighted_command(app).startswith("Show Journal"))
        await pilot.press("enter")
        await pilot.pause()
        assert app.active_pane == "journal"


async def test_help_opens_with_question_mark_and_f1_and_closes_with_escape(
    demo_db_path: Path,
) -> None:
    async with opened(demo_db_path) as pilot:
        app = pilot.app
        for key in ("question_mark", "f1"):
            await pilot.press(key)
            assert isinstance(app.screen, HelpScreen)
            keys = str(app.screen.query_one("#help-keys", Static).render())
            assert "Journal" in keys and "Help" in keys
            await pilot.press("escape")
            assert not isinstance(app.screen, HelpScreen)


async def test_typing_a_draft_updates_the_measurements(demo_db_path: Path) -> None:
    async with opened(demo_db_path) as pilot:
        app = pilot.app
        await pilot.press("4")
        editor = app.query_one("#draft-editor", TextArea)
        editor.focus()
        await pilot.press(*"Hello #sales")
        await wait_until(pilot, shows_text(pilot, "#draft-basics", "12 / 3,000"))
        basics = str(app.query_one("#draft-basics", Static).render())
        assert "12 / 3,000" in basics
        assert "Hashtags   1" in basics
        assert app.active_pane == "drafts", "typing 1-4 stays put"


async def test_a_log_from_another_process_appears_without_a_keypress(
    demo_db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The test runs the poll itself rather than waiting two seconds for it.
    monkeypatch.setattr(app_module, "EXTERNAL_CHANGE_POLL_SECONDS", TIMER_LEFT_TO_THE_TEST)
    async with opened(demo_db_path) as pilot:
        app = pilot.app
        pane = app.query_one(JournalPane)
        assert pane.view is not None
        counts = pane.view.today_counts
        before = counts.get("inmail", 0)
        other = open_database(demo_db_path)
        journal.upsert_entries(
            other, [{"date": TODAY.isoformat(), "activity": "inmail", "count": 4}], "manual"
        )
        other.close()
        app.call_later(app._reload_if_changed)  # what the poll of other processes' writes calls
        await wait_until(pilot, lambda: pane.view is not None and pane.view.today_counts != counts)
        assert pane.view.today_counts.get("inmail", 0) == before + 4


async def test_an_empty_database_teaches_the_first_step(db_path: Path) -> None:
    async with opened(db_path) as pilot:
        app = pilot.app
        empty = str(app.query_one("#score-empty", Static).render())
        assert "linkedin.com/sales/ssi" in empty and "ssi-tui ssi paste" in empty
