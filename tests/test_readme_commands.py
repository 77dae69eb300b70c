"""The README lists every command a person can type, so none is found only by reading code;
its links into `docs/` lead somewhere; and it keeps the two commands CI runs."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import click
import pytest

from ssi_tui.commands import COMMANDS, load_command

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
DOCS = ROOT / "docs"
LINK = re.compile(r"\]\(([^)\s#]+)(?:#[^)\s]*)?\)")
"""A Markdown link's target, without its anchor."""
CI_COMMANDS = {
    "run": "pip install . && ssi-tui --demo",
    "test": "pip install '.[test]' && pytest",
}
"""What `.ci/run` runs: the first line of the sh block after each `<!-- ci:NAME -->` marker."""


def every_command_path() -> list[str]:
    """`ssi`, `ssi paste`, `model train`, … for every command and subcommand."""
    paths = []
    for name in COMMANDS:
        command = load_command(name)
        assert command is not None
        paths.append(name)
        if isinstance(command, click.Group):
            paths += [f"{name} {sub}" for sub in command.commands]
    return paths


def test_every_command_and_subcommand_is_in_the_readme() -> None:
    text = README.read_text(encoding="utf-8")
    missing = [
        path for path in every_command_path()
        if not re.search(rf"ssi-tui {re.escape(path)}(?![\w-])", text)
    ]  # fmt: skip
    assert missing == []


def local_links(page: Path) -> list[str]:
    """The page's links to files of this repository (`%5B` read as `[`)."""
    return [
        unquote(target)
        for target in LINK.findall(page.read_text(encoding="utf-8"))
        if not re.match(r"[a-z]+:", target)  # https:, mailto:
    ]


def test_every_link_to_docs_in_the_readme_leads_to_a_file() -> None:
    links = [target for target in local_links(README) if target.startswith("docs/")]
    assert len(links) >= 4, "the internals live in docs/, linked from the README"
    assert [target for target in links if not (ROOT / target).is_file()] == []


def test_every_other_local_link_in_the_readme_leads_to_a_file() -> None:
    assert [target for target in local_links(README) if not (ROOT / target).is_file()] == []


@pytest.mark.parametrize("page", sorted(DOCS.glob("*.md")), ids=lambda page: page.name)
def test_every_page_in_docs_is_linked_from_the_readme_and_its_links_lead_somewhere(
    page: Path,
) -> None:
    assert f"docs/{page.name}" in local_links(README)
    assert [target for target in local_links(page) if not (page.parent / target).exists()] == []


def ci_command(text: str, name: str) -> str | None:
    """The line `.ci/run` takes: the first line of the first fenced block after the marker."""
    after = text.split(f"\n<!-- ci:{name} -->\n", 1)
    if len(after) < 2:
        return None
    block = re.match(r"```[^\n]*\n([^\n]*)\n", after[1])
    return block.group(1) if block else None


@pytest.mark.parametrize("name", sorted(CI_COMMANDS))
def test_the_readme_keeps_the_command_ci_runs(name: str) -> None:
    assert ci_command(README.read_text(encoding="utf-8"), name) == CI_COMMANDS[name]
