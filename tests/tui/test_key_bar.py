"""The key bar follows a keymap: keys rebound by binding id show, and click, as their new keys.

The command palette is found by what it does, not by its key, so it stays at the right edge
whatever key it has, and a key taken from it is shown as what it now does.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.conftest import DEMO_END
from tests.tui.settle import rendered_lines, settle, wait_until
from textual.app import App, ComposeResult
from textual.binding import Binding

from ssi_tui.app import make_app
from ssi_tui.screens.help import HelpScreen
from ssi_tui.widgets.key_bar import KeyBar


def bar_line(app: App[Any]) -> str:
    return rendered_lines(app.query_one(KeyBar))[0]


class PaletteWithAnId(App[None]):
    """An app that binds the command palette itself, with an id a keymap can rebind."""

    BINDINGS = [
        Binding("ctrl+p", "command_palette", "palette", id="host.palette", show=False),
        Binding("q", "quit", "Quit", id="host.quit"),
    ]

    def compose(self) -> ComposeResult:
        yield KeyBar()


async def test_a_rebound_key_is_shown_and_clicked_as_its_new_key(demo_db_path: Path) -> None:
    app = make_app(demo_db_path, today=DEMO_END)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert " f1 Help " in bar_line(app)
        app.set_keymap({"app.help": "h"})
        await wait_until(pilot, lambda: " h Help " in bar_line(app))
        assert " f1 Help " not in bar_line(app)
        help_key = next(s for s in app.query_one(KeyBar).shown_keys() if s.description == "Help")
        assert help_key.key == "h"
        await pilot.click(KeyBar, offset=(help_key.start + 1, 0))
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))


async def test_a_rebound_palette_key_stays_at_the_right_edge() -> None:
    app = PaletteWithAnId()
    async with app.run_test(size=(60, 10)) as pilot:
        await pilot.pause()
        assert bar_line(app).rstrip().endswith("^p palette")
        app.set_keymap({"host.palette": "f2"})
        await pilot.pause()
        line = bar_line(app)
        assert line.rstrip().endswith("f2 palette"), line
        assert line.startswith(" q Quit "), line


async def test_a_key_taken_from_the_palette_shows_what_it_now_does(demo_db_path: Path) -> None:
    app = make_app(demo_db_path, today=DEMO_END)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        app.set_keymap({"app.help": "ctrl+p"})
        await wait_until(pilot, lambda: " f1 Help " not in bar_line(app))
        shown = {s.description: s for s in app.query_one(KeyBar).shown_keys()}
        assert "palette" not in shown, "the palette has no key left"
        help_key = shown["Help"]
        assert help_key.key == "ctrl+p"
        assert help_key.end == 120, "Help keeps its place at the right, under its new key"


async def test_the_drafts_editor_still_shows_a_way_out(demo_db_path: Path) -> None:
    """The editor takes the letter q, so the bar shows Ctrl+Q there, and it quits."""
    app = make_app(demo_db_path, today=DEMO_END)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert " q Quit " in bar_line(app)
        await pilot.press("4")
        await wait_until(pilot, lambda: " ^q Quit " in bar_line(app))
        await pilot.press("q")
        assert app.is_running, "q went into the draft"
        await pilot.press("ctrl+q")
        await wait_until(pilot, lambda: not app.is_running)
