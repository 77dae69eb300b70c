"""What ssi-tui writes out is safe to open and to look at, and private to its owner.

Each case was found in the wild: a post beginning with "=" ran as a formula when the CSV export
was opened in a spreadsheet; a right-to-left override (U+202E) or a C1 control in a post or a
note printed raw in `posts`, `journal --json` and the app; export folders and the folders made
for `--db a/b/ssi.db` followed the umask.
"""

from __future__ import annotations

import csv
import json
import os
import sqlite3
import stat
from pathlib import Path

import pytest
from tests.cli import run
from tests.conftest import DEMO_END
from tests.tui.settle import settle
from textual.widgets import DataTable, Static

from ssi_tui.app import make_app

FORMULAS = ['=HYPERLINK("http://x.example","see")', "+33 6 12 34 56 78", "-1 call", "@SUM(A1)"]
OVERRIDE = "\u202e"
HIDDEN = [OVERRIDE, "\u2066", "\x9b", "\x85"]


def written_by_another_program(db: Path, sql: str, *values: object) -> None:
    """What an older version or another tool left in the file, past today's importers."""
    conn = sqlite3.connect(db)
    try:
        conn.execute(sql, values)
        conn.commit()
    finally:
        conn.close()


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_formulas_are_kept_as_text_in_the_csv_export_only(db_path: Path, tmp_path: Path) -> None:
    for day, note in enumerate(FORMULAS, start=1):
        assert (
            run(db_path, "log", "comment", "1", "--date", f"2026-05-0{day}", "--note", note)[0] == 0
        )
    for folder, file_format in (("csv", "csv"), ("json", "json")):
        assert run(db_path, "export", str(tmp_path / folder), "--format", file_format)[0] == 0
    with (tmp_path / "csv" / "journal.csv").open(newline="", encoding="utf-8") as handle:
        in_csv = [row["note"] for row in csv.DictReader(handle)]
    assert in_csv == ["'" + note for note in FORMULAS]
    in_json = [row["note"] for row in json.loads((tmp_path / "json" / "journal.json").read_text())]
    assert in_json == FORMULAS
    with (tmp_path / "csv" / "journal.csv").open(newline="", encoding="utf-8") as handle:
        counts = [row["count"] for row in csv.DictReader(handle)]
    assert counts == ["1"] * len(FORMULAS)  # numbers are not touched


def test_hidden_characters_are_escaped_in_json_and_dropped_on_screen(demo_db_path: Path) -> None:
    text = f"Quarterly {OVERRIDE}txt.exe results \u2066isolated\u2069 and \x9b31m colour"
    written_by_another_program(
        demo_db_path,
        "UPDATE posts SET text = ? WHERE id = (SELECT id FROM posts ORDER BY published_at DESC"
        " LIMIT 1)",
        text,
    )
    written_by_another_program(
        demo_db_path,
        "UPDATE journal SET note = ? WHERE rowid = (SELECT max(rowid) FROM journal)",
        f"call back{OVERRIDE} tomorrow\x85",
    )
    status, output = run(demo_db_path, "posts", "--json")
    assert status == 0
    assert not any(character in output for character in HIDDEN)
    assert "\\u202e" in output and "\\u009b" in output
    assert text in [post["text"] for post in json.loads(output)]  # the data is unchanged
    status, output = run(demo_db_path, "journal", "--json", "--since", "2000-01-01")
    assert status == 0 and "\\u202e" in output and "\\u0085" in output
    assert not any(character in output for character in HIDDEN)
    status, output = run(demo_db_path, "posts")
    assert status == 0 and "txt.exe results" in output
    assert not any(character in output for character in HIDDEN)


async def test_the_app_shows_no_override_in_posts(demo_db_path: Path) -> None:
    text = f"Launch {OVERRIDE}fdp.exe notes"
    written_by_another_program(
        demo_db_path,
        "UPDATE posts SET text = ? WHERE id = (SELECT id FROM posts ORDER BY published_at DESC"
        " LIMIT 1)",
        text,
    )
    app = make_app(demo_db_path, today=DEMO_END)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        table = app.query_one("#posts-table", DataTable)
        cells = [str(cell) for row in range(table.row_count) for cell in table.get_row_at(row)]
        shown = next(cell for cell in cells if "fdp.exe" in cell)
        assert shown == "Launch fdp.exe notes"
        await pilot.press("e")  # the edit dialog's title is the post's first line
        await settle(pilot)
        title = str(app.screen.query_one(".dialog-title", Static).render())
        assert title == "Launch fdp.exe notes"


def test_folders_made_for_the_database_and_exports_are_private(tmp_path: Path) -> None:
    os.umask(0o022)
    db = tmp_path / "a" / "b" / "ssi.db"
    assert run(db, "log", "comment", "1")[0] == 0
    assert (mode(tmp_path / "a"), mode(tmp_path / "a" / "b"), mode(db)) == (0o700, 0o700, 0o600)
    exported = tmp_path / "out" / "2026"
    assert run(db, "export", str(exported))[0] == 0
    assert (mode(tmp_path / "out"), mode(exported)) == (0o700, 0o700)
    assert {mode(path) for path in exported.iterdir()} == {0o600}


@pytest.fixture(autouse=True)
def _keep_umask() -> object:
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def test_a_posts_csv_export_imports_back_with_its_text_exact(
    demo_db_path: Path, tmp_path: Path
) -> None:
    """The export's guard apostrophe is not kept as part of a post when it comes back."""
    text = "=2+2 is how I open a workshop. What is yours?"
    written_by_another_program(
        demo_db_path,
        "UPDATE posts SET text = ? WHERE id = (SELECT id FROM posts ORDER BY published_at DESC"
        " LIMIT 1)",
        text,
    )
    assert run(demo_db_path, "export", str(tmp_path / "out"))[0] == 0
    fresh = tmp_path / "fresh.db"
    status, output = run(fresh, "import", str(tmp_path / "out" / "posts.csv"))
    assert status == 0, output
    texts = [post["text"] for post in json.loads(run(fresh, "posts", "--json")[1])]
    assert text in texts and "'" + text not in texts
