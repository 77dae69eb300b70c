"""Text that cannot be text is refused in one sentence, with nothing written.

Each case was a traceback: a UTF-16 file cut at an odd byte or holding a lone surrogate (as
`ssi paste`, `analyze` and `analyze --batch` read them), bytes that are not UTF-8 in an
argument (the shell hands them to Python as lone surrogates, which SQLite cannot store), and a
batch CSV with a field past the csv module's 131,072-character limit.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from tests.cli import run

PAGE_TEXT = "Your Social Selling Index\n42 out of 100\n"


def journal_rows(db: Path) -> list[tuple[object, ...]]:
    if not db.exists():
        return []
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT date, activity, count, note FROM journal").fetchall()
    finally:
        conn.close()


def utf16_with_odd_byte(text: str) -> bytes:
    return b"\xff\xfe" + text.encode("utf-16-le") + b"x"


def utf16_with_lone_surrogate(text: str) -> bytes:
    return b"\xff\xfe" + text.encode("utf-16-le") + b"\x00\xd8" + "after".encode("utf-16-le")


DAMAGED_UTF16 = {
    "an odd byte count": (utf16_with_odd_byte, "truncated data"),
    "a lone surrogate": (utf16_with_lone_surrogate, "illegal UTF-16 surrogate"),
}


@pytest.mark.parametrize("damage", DAMAGED_UTF16, ids=list(DAMAGED_UTF16))
@pytest.mark.parametrize(
    "command",
    [["ssi", "paste"], ["analyze"], ["analyze", "--batch"]],
    ids=["ssi paste", "analyze", "analyze --batch"],
)
def test_damaged_utf16_is_refused_in_one_sentence(
    db_path: Path, tmp_path: Path, command: list[str], damage: str
) -> None:
    build, reason = DAMAGED_UTF16[damage]
    source = tmp_path / "input.txt"
    source.write_bytes(build("text\n" + PAGE_TEXT))
    status, output = run(db_path, *command, str(source))
    assert status == 2
    assert output.startswith(f"ssi-tui: {source} is damaged UTF-16 text ({reason} at byte ")
    assert output.count("\n") == 1


def test_well_formed_utf16_is_still_read(db_path: Path, tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_bytes(b"\xff\xfe" + "Three short words.".encode("utf-16-le"))
    status, output = run(db_path, "analyze", str(draft), "--json")
    assert status == 0
    assert '"words": 3' in output


@pytest.mark.parametrize(
    "arguments",
    [
        ["log", "comment", "1", "--note", "caf\udce9"],
        ["log", "comm\udcffent"],
        ["activity", "add", "web\udcffinar", "--pillar", "brand"],
        ["activity", "add", "webinar", "--pillar", "brand", "--label", "Web\udcff"],
    ],
    ids=["a note", "an activity", "a new activity", "a label"],
)
def test_bytes_that_are_not_utf8_in_an_argument_are_refused(
    db_path: Path, arguments: list[str]
) -> None:
    """`--note $'caf\\xe9'` (Latin-1 from an old terminal) reached SQLite as a surrogate."""
    status, output = run(db_path, *arguments)
    assert status == 2
    assert "is not UTF-8 text" in output
    assert "\\x" in output  # the offending byte is shown as the user could type it
    assert journal_rows(db_path) == []


def test_a_batch_field_past_the_csv_limit_is_refused(db_path: Path, tmp_path: Path) -> None:
    batch = tmp_path / "drafts.csv"
    batch.write_text('text,format\nshort draft,text\n"' + "a" * 140_000 + '",image\n')
    status, output = run(db_path, "analyze", "--batch", str(batch))
    assert (status, output) == (
        2,
        f"ssi-tui: {batch}, row 2: a field is over 131,072 characters, far longer than a post.\n",
    )


def test_an_unclosed_quote_in_a_batch_is_refused_not_swallowed(
    db_path: Path, tmp_path: Path
) -> None:
    """The last draft used to run to the end of the file, taking the other rows with it."""
    batch = tmp_path / "drafts.csv"
    batch.write_text('text\nfirst draft\n"second draft, never closed\nthird draft\n')
    status, output = run(db_path, "analyze", "--batch", str(batch))
    assert (status, output) == (2, f"ssi-tui: {batch}, row 2: a quote opens and is never closed.\n")
