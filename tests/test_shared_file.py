"""The app and other programs share one database file and lose nothing.

Every test here runs real processes as people do: the app open in a terminal while shell
commands log, import, read and back up, plain sqlite3 readers come and go, another program
holds the write lock, or the app is killed. Afterwards every entry is in the file (and in the
app, and in the backup), SQLite finds the file sound, and nobody printed a traceback.
"""

from __future__ import annotations

import signal
import sqlite3
from pathlib import Path

import pytest
from tests.conftest import DEMO_END
from tests.importers.export_builders import comments_csv, complete_export, zip_bytes
from tests.processes import hold_write_lock, keep_open, read_and_close, ssi_tui, start_ssi_tui
from tests.terminal import TerminalApp, app_in_terminal, count_on_journal_card

pytestmark = pytest.mark.slow  # the app in tmux beside real processes, some killed


def day_count(db: Path, activity: str) -> int:
    """What the file holds for `activity` on the test's day, all sources summed."""
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        row = conn.execute(
            "SELECT COALESCE(SUM(count), 0) FROM journal WHERE date = ? AND activity = ?",
            [DEMO_END.isoformat(), activity],
        ).fetchone()
        return int(row[0])
    finally:
        conn.close()


def imported_comments(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        row = conn.execute(
            "SELECT sum(count) FROM journal WHERE source LIKE 'import:%' AND activity = 'comment'"
        ).fetchone()
        return int(row[0] or 0)
    finally:
        conn.close()


def integrity(db: Path) -> str:
    conn = sqlite3.connect(db)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


def open_journal(app: TerminalApp) -> str:
    app.wait_for("Target 75", "the Score pane")
    app.press("2")
    return app.wait_for("Post published", "the Journal card")


def assert_clean_exit(app: TerminalApp) -> None:
    status = app.quit()
    printed = app.scrollback()
    assert "Traceback" not in printed and "Error" not in printed, printed
    assert status == 0, printed


def shell(db: Path, *arguments: str) -> str:
    done = ssi_tui(db, *arguments)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    return done.stdout


def test_the_open_app_and_shell_commands_lose_nothing(demo_db_path: Path, tmp_path: Path) -> None:
    db = demo_db_path
    comments, posts = day_count(db, "comment"), day_count(db, "post")
    with app_in_terminal(tmp_path, db) as app:
        open_journal(app)  # the app's background work has started and opened its connections
        for _ in range(3):
            shell(db, "log", "comment", "1")
        shell(db, "journal", "--json")
        read_and_close(db)
        app.press("+")  # one more post, written by the app
        app.wait_for(lambda s: count_on_journal_card(s, "Post published") == posts + 1)
        shell(db, "log", "message", "7", "--set")
        shell(db, "import", str(comments_csv(tmp_path / "Comments.csv", 20)))
        messages = day_count(db, "message")
        shell(db, "backup", str(tmp_path / "while-open.db"))
        read_and_close(db)
        app.press("+")
        app.wait_for(lambda s: count_on_journal_card(s, "Post published") == posts + 2)
        shown = app.wait_for(lambda s: count_on_journal_card(s, "Comment") == comments + 3)
        assert count_on_journal_card(shown, "Message sent") == messages
        assert_clean_exit(app)
    assert integrity(db) == "ok"
    assert (day_count(db, "comment"), day_count(db, "post")) == (comments + 3, posts + 2)
    assert day_count(db, "message") == messages
    assert imported_comments(db) == 20
    backup = tmp_path / "while-open.db"
    assert integrity(backup) == "ok"
    assert (day_count(backup, "comment"), day_count(backup, "post")) == (comments + 3, posts + 1)


def test_four_shells_logging_while_the_app_writes_lose_nothing(
    demo_db_path: Path, tmp_path: Path
) -> None:
    db = demo_db_path
    comments, posts = day_count(db, "comment"), day_count(db, "post")
    rounds = 5
    with app_in_terminal(tmp_path, db) as app:
        open_journal(app)
        archive = tmp_path / "Complete_LinkedInDataExport.zip"
        archive.write_bytes(zip_bytes(complete_export()))
        importing = start_ssi_tui(db, "import", str(archive))
        for round_number in range(1, rounds + 1):
            shells = [start_ssi_tui(db, "log", "comment", "1") for _ in range(4)]
            app.press("+")
            for process in shells:
                _, errors = process.communicate(timeout=120)
                assert process.returncode == 0, errors
            app.wait_for(
                lambda s, n=round_number: count_on_journal_card(s, "Post published") == posts + n
            )
        _, errors = importing.communicate(timeout=120)
        assert importing.returncode == 0, errors
        app.wait_for(lambda s: count_on_journal_card(s, "Comment") == comments + 4 * rounds)
        assert_clean_exit(app)
    assert integrity(db) == "ok"
    assert (day_count(db, "comment"), day_count(db, "post")) == (
        comments + 4 * rounds,
        posts + rounds,
    )


@pytest.mark.parametrize("ending", ["killed", "terminal closed"])
def test_a_confirmed_entry_survives_the_app_dying(
    demo_db_path: Path, tmp_path: Path, ending: str
) -> None:
    db = demo_db_path
    posts = day_count(db, "post")
    other = keep_open(db)
    try:
        with app_in_terminal(tmp_path, db) as app:
            open_journal(app)
            shell(db, "journal")  # a read-only command comes and goes meanwhile
            app.press("+")
            app.wait_for(lambda s: count_on_journal_card(s, "Post published") == posts + 1)
            if ending == "killed":
                app.kill(signal.SIGKILL)
            else:
                app.close_terminal()
    finally:
        other.communicate("", timeout=60)
    assert integrity(db) == "ok"
    assert day_count(db, "post") == posts + 1


def test_the_app_waits_for_another_programs_write(demo_db_path: Path, tmp_path: Path) -> None:
    db = demo_db_path
    posts = day_count(db, "post")
    with app_in_terminal(tmp_path, db) as app:
        open_journal(app)
        lock = hold_write_lock(db, 60.0)
        app.press("+")
        app.wait_for("Waiting for the database: another program is writing to it… \\(1 change")
        assert count_on_journal_card(app.screen(), "Post published") == posts
        lock.release(after_seconds=3.0)
        app.wait_for(lambda s: count_on_journal_card(s, "Post published") == posts + 1)
        app.wait_for(lambda s: "Waiting for the database" not in s)
        assert_clean_exit(app)
    assert day_count(db, "post") == posts + 1
    assert integrity(db) == "ok"


def test_a_note_confirmed_during_a_long_lock_is_kept_until_it_is_saved(
    demo_db_path: Path, tmp_path: Path
) -> None:
    db = demo_db_path
    note = "Asked Ann for an intro to their VP"
    with app_in_terminal(tmp_path, db) as app:
        open_journal(app)
        lock = hold_write_lock(db, 60.0)
        app.press("n")
        app.wait_for("Note: ")
        app.type(note)
        app.press("Enter")
        app.wait_for("Not saved yet: 1 change, kept and tried again every few seconds")
        app.press("q")  # quitting now would lose the note: the app asks first
        app.wait_for("1 change is not saved yet: the database is busy. Quit anyway")
        app.press("n")
        app.wait_for("Not saved yet: 1 change")  # still kept, still shown
        lock.release(after_seconds=20.0)
        app.wait_for(lambda s: "not saved" not in s.lower() and "Waiting" not in s)
        assert_clean_exit(app)
    assert integrity(db) == "ok"
    conn = sqlite3.connect(db)
    try:
        stored = conn.execute(
            "SELECT note FROM journal WHERE date = ? AND activity = 'post' AND source = 'manual'",
            [DEMO_END.isoformat()],
        ).fetchone()
    finally:
        conn.close()
    assert stored == (note,)
