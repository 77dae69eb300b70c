"""Help (F1, ?) and the command palette (Ctrl+P) list every key's action, grouped by pane,
from the bindings themselves: nothing a pane can do is missing from either."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import click
import pytest
from tests.tui.settle import notified, opened, rendered_lines, until, wait_until
from textual.app import App
from textual.binding import Binding
from textual.command import CommandList, CommandPalette
from textual.message import Message
from textual.widgets import Static

from ssi_tui.app import SsiApp
from ssi_tui.cli import cli
from ssi_tui.panes.deck import PANES
from ssi_tui.panes.drafts import DraftsPane
from ssi_tui.panes.journal import JournalPane
from ssi_tui.panes.posts import PostsPane
from ssi_tui.panes.score import ScorePane
from ssi_tui.screens.help import HelpScreen

PANE_CLASSES: dict[str, type[Any]] = {
    "score": ScorePane,
    "journal": JournalPane,
    "posts": PostsPane,
    "drafts": DraftsPane,
}
NAVIGATION = {"up", "down", "first", "last", "leave"}
"""Pane actions that only move the cursor or the keyboard: in help, not in the palette."""


def named_bindings(cls: type[Any]) -> list[Binding]:
    """The bindings a class declares itself that have an id and a name, one per action."""
    found = [b for b in vars(cls)["BINDINGS"] if isinstance(b, Binding) and b.id]
    return [binding for binding in found if binding.description]


def every_key(app: App[Any], binding: Binding) -> list[str]:
    """Each key of a binding as the key bar shows it ("f1,question_mark": "f1" and "?")."""
    return [app.get_key_display(one) for one in Binding.make_bindings([binding])]


def column_starts(line: str) -> list[int]:
    """Where each column of a line starts: the text after two spaces or more."""
    return [match.start() for match in re.finditer(r"(?:^|(?<=  ))[^ ]", line)]


async def open_help(pilot: Any) -> list[str]:
    """Press F1 and read the key list as it is drawn, its lines with their spaces."""
    await pilot.press("f1")
    await until(pilot, lambda: isinstance(pilot.app.screen, HelpScreen))
    await pilot.pause()
    return [line.rstrip() for line in rendered_lines(pilot.app.screen.query_one("#help-keys"))]


def sections(lines: list[str]) -> dict[str, list[str]]:
    """The help's lines under each heading ("Everywhere · …", "Score · …")."""
    found: dict[str, list[str]] = {}
    current: list[str] = []
    for line in lines:
        heading = re.match(r"(\w+) · ", line)
        if heading:
            current = found.setdefault(heading.group(1), [])
        else:
            current.append(line)
    return found


def action_line(section: list[str], keys: list[str], name: str) -> str:
    """The line of one action: its keys (these and maybe more), then its name, then what it
    does, each column two spaces or more from the next."""
    for line in section:
        shown_keys, shown_name, *_ = [*re.split(r" {2,}", line), ""]
        if shown_name == name and set(keys) <= set(shown_keys.split(", ")):
            return line
    raise AssertionError(f"no line {keys!r} {name!r} in {section}")


async def test_help_lists_every_key_grouped_by_pane_in_aligned_columns(
    demo_db_path: Path,
) -> None:
    async with opened(demo_db_path, size=(80, 24)) as pilot:
        app = pilot.app
        lines = await open_help(pilot)
        groups = sections(lines)
        assert list(groups) == ["Everywhere", "Score", "Journal", "Posts", "Drafts"]
        everywhere = groups["Everywhere"]
        assert action_line(everywhere, ["q", "^q"], "Quit").startswith("q, ^q  ")
        assert action_line(everywhere, ["f1", "?"], "Help").startswith("f1, ?  ")
        action_line(everywhere, ["^p"], "Command palette")
        for number, (_, title, _) in enumerate(PANES, start=1):
            action_line(everywhere, [str(number)], title)
        assert re.search(r"Add reading {2,}Type a reading", "\n".join(lines)), "no run-together"
        action_line(groups["Score"], ["d", "del"], "Delete")
        action_line(groups["Journal"], ["esc"], "Leave card")  # shown in help, not the key bar
        text = "\n".join(lines).lower()
        assert "scroll" not in text, "Textual's generic scroll keys are not ssi-tui's"
        guide = str(app.screen.query_one("#help-guide", Static).render())
        for command in cli.list_commands(click.Context(cli)):
            assert f"ssi-tui {command}" not in guide + text, "no shell command for a key's work"
        classes: list[type[Any]] = [SsiApp, *PANE_CLASSES.values()]
        for cls in classes:  # every action has its line
            for binding in named_bindings(cls):
                action_line(lines, every_key(app, binding), binding.description)
        starts = {tuple(column_starts(line)) for line in lines}
        name_at = {columns[1] for columns in starts if len(columns) > 1}
        about_at = {columns[2] for columns in starts if len(columns) > 2}  # what it does
        about_at |= {columns[0] for columns in starts if columns[:1] > (0,)}  # and its wraps
        assert len(name_at) == 1 and len(about_at) == 1, f"aligned columns: {sorted(starts)}"
        assert max(len(line) for line in lines) <= app.screen.query_one("#help-keys").size.width
        dialog = app.screen.query_one("#help-dialog")
        assert dialog.max_scroll_y > 0, "at 80×24 the help scrolls"
        await pilot.press("end")
        await until(pilot, lambda: dialog.scroll_y == dialog.max_scroll_y)


async def palette_titles(pilot: Any, query: str) -> list[str]:
    """Open the palette, type `query` and read the commands it offers (their first lines)."""
    app = pilot.app
    await pilot.press("ctrl+p")
    await until(pilot, lambda: isinstance(app.screen, CommandPalette))
    await pilot.press(*query)
    commands = app.screen.query_one(CommandList)

    def titles() -> list[str]:
        return [
            str(commands.get_option_at_index(index).prompt).splitlines()[0]
            for index in range(commands.option_count)
        ]

    try:
        await until(pilot, lambda: commands.option_count > 0, timeout=5.0)
        await pilot.pause(0.3)  # every provider has answered
    except AssertionError:
        return []
    return titles()


@pytest.mark.parametrize(
    ("query", "wanted"),
    [
        ("edit", ["Score: Edit", "Posts: Edit"]),
        ("delete", ["Score: Delete"]),
        ("note", ["Journal: Note"]),
        ("export", ["Export as CSV", "Export as JSON"]),
        ("backup", ["Backup"]),
        ("sort", ["Posts: Sort"]),
        ("filter", ["Posts: Filter"]),
    ],
)
async def test_the_palette_finds_every_action(
    demo_db_path: Path, query: str, wanted: list[str]
) -> None:
    async with opened(demo_db_path) as pilot:
        titles = await palette_titles(pilot, query)
        for title in wanted:
            assert title in titles, f"{query!r} offers {titles}"


async def run_from_palette(pilot: Any, query: str, title: str) -> None:
    """Type `query` into the palette, wait for `title` to be the highlighted command, run it."""
    app = pilot.app
    await pilot.press("ctrl+p")
    await until(pilot, lambda: isinstance(app.screen, CommandPalette))
    await pilot.press(*query)
    commands = app.screen.query_one(CommandList)

    def highlighted() -> str:
        index = commands.highlighted
        return "" if index is None else str(commands.get_option_at_index(index).prompt)

    await until(pilot, lambda: highlighted().startswith(title), timeout=5.0)
    await pilot.press("enter")
    await until(pilot, lambda: not isinstance(app.screen, CommandPalette))


async def test_posts_sort_from_the_palette_shows_posts_and_changes_the_order(
    demo_db_path: Path,
) -> None:
    async with opened(demo_db_path) as pilot:
        app = pilot.app
        assert isinstance(app, SsiApp)
        posts = app.query_one(PostsPane)
        before = posts.sort
        assert app.active_pane == "score"
        await run_from_palette(pilot, "posts: sort", "Posts: Sort")
        await wait_until(pilot, lambda: posts.sort != before)
        assert app.active_pane == "posts"


async def test_export_and_backup_from_the_palette_write_files_and_say_where(
    demo_db_path: Path,
) -> None:
    messages: list[Message] = []
    async with opened(demo_db_path, message_hook=messages.append) as pilot:
        await run_from_palette(pilot, "export as csv", "Export as CSV")
        await until(pilot, lambda: any("Exported" in n for n in notified(messages)))
        said = next(n for n in notified(messages) if "Exported" in n)
        folder = Path(said.removesuffix(".").rsplit(" to ", 1)[1])
        assert folder.parent == demo_db_path.parent / "exports"
        assert (folder / "readings.csv").is_file()
        assert len(list(folder.glob("*.csv"))) == int(said.split()[1])

        await run_from_palette(pilot, "backup", "Backup")
        await until(pilot, lambda: any("Backed up" in n for n in notified(messages)))
        said = next(n for n in notified(messages) if "Backed up" in n)
        copy = Path(said.removeprefix("Backed up to ").removesuffix("."))
        assert copy.parent == demo_db_path.parent and copy.is_file()
        assert copy.name.startswith(f"{demo_db_path.name}.backup-")


async def test_an_export_that_cannot_be_written_is_refused_in_a_sentence(
    demo_db_path: Path,
) -> None:
    (demo_db_path.parent / "exports").write_text("a file where the folder would go")
    messages: list[Message] = []
    async with opened(demo_db_path, message_hook=messages.append) as pilot:
        await run_from_palette(pilot, "export as json", "Export as JSON")
        await until(pilot, lambda: any("exported" in n for n in notified(messages)))
        said = next(n for n in notified(messages) if "exported" in n)
        assert said.startswith("Nothing was exported to ") and "not a directory" in said
        assert "Traceback" not in said and said.endswith(".")
        assert pilot.app.is_running


async def test_every_named_binding_is_in_help_and_in_the_palette(demo_db_path: Path) -> None:
    """The drift check: a key added to the app or a pane shows in both, with no list to edit."""
    async with opened(demo_db_path) as pilot:
        app = pilot.app
        palette = {command.title for command in app.get_system_commands(app.screen)}
        groups = sections(await open_help(pilot))
        everywhere = [(None, "Everywhere", binding) for binding in named_bindings(SsiApp)]
        in_panes = [
            (key, title, binding)
            for key, title, _ in PANES
            for binding in named_bindings(PANE_CLASSES[key])
        ]
        assert len(in_panes) >= 20
        for pane, group, binding in everywhere + in_panes:
            action_line(groups[group], every_key(app, binding), binding.description)
            if pane is None:
                shows_pane = binding.action.startswith("show_pane(")
                title = f"Show {binding.description}" if shows_pane else binding.description
                assert title in palette, binding.id
            elif binding.action.split("(")[0] not in NAVIGATION:
                assert f"{group}: {binding.description}" in palette, binding.id
