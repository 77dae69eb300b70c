"""Numbers and dates out of their range are refused at every door, and never break a reader.

Each refused input once went into the file and then crashed `journal`, `estimate`, `plan` and
the app at every start (core/limits.py gives the ranges).
"""

from __future__ import annotations

import os
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.cli import run
from tests.conftest import DEMO_END
from tests.importers.export_builders import ACTIVITY, csv_bytes
from tests.tui.settle import settle

from ssi_tui.app import make_app
from ssi_tui.cli import cli
from ssi_tui.core.readings import build_reading
from ssi_tui.store import journal, readings, views
from ssi_tui.store import settings as user_settings
from ssi_tui.store.database import APPLICATION_ID, open_database
from ssi_tui.store.schema import migrations

HUGE = "9223372036854775807"
MAX_DAILY_COUNT = 100_000  # core/limits.py
PILLARS = ["--brand", "20", "--people", "15", "--insights", "12", "--relationships", "18"]

REFUSED = {
    "a count of 2^63": (
        ["log", "comment", HUGE, "--date", "2026-05-01"],
        "The count must be between 0 and 100,000, not 9,223,372,036,854,775,807.",
    ),
    "a count past 2^64": (
        ["log", "comment", "99999999999999999999"],
        "The count must be between 0 and 100,000, not 99,999,999,999,999,999,999.",
    ),
    "a set count past the ceiling": (
        ["log", "comment", "100001", "--set"],
        "A day's count must be between 0 and 100,000, not 100,001.",
    ),
    "a weekly target past 2^64": (
        ["targets", "comment", "99999999999999999999"],
        "A weekly target must be between 0 and 100,000, not 99,999,999,999,999,999,999.",
    ),
    "a log in year 1": (
        ["log", "comment", "1", "--date", "0001-01-01"],
        "The date 0001-01-01 is before LinkedIn existed (2003-05-05).",
    ),
    "a reading in year 1": (
        ["ssi", "add", *PILLARS, "--date", "0001-01-02"],
        "The date 0001-01-02 is before LinkedIn existed (2003-05-05).",
    ),
    "a total that is not a number": (
        ["ssi", "add", *PILLARS, "--total", "nan"],
        "The total must be between 0 and 100, not nan.",
    ),
}

READERS = [["journal", "--json"], ["journal"], ["estimate", "--json"], ["plan"], ["ssi", "list"]]


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_out_of_range_values_are_refused_and_never_stored(case: str, db_path: Path) -> None:
    arguments, sentence = REFUSED[case]
    assert run(db_path, "log", "comment", "2")[0] == 0
    before = db_path.read_bytes()
    status, output = run(db_path, *arguments)
    assert (status, output) == (2, f"ssi-tui: {sentence}\n")
    assert run(db_path, "journal", "--json")[1].count('"count"') == 1
    for reader in READERS:
        assert run(db_path, *reader)[0] == 0, reader
    assert len(before) == len(db_path.read_bytes())


def test_no_other_program_can_store_an_out_of_range_value(db: object, db_path: Path) -> None:
    conn = sqlite3.connect(db_path)
    bad_rows = [
        ("INSERT INTO journal VALUES ('2026-05-01', 'comment', ?, NULL, 'x', 'now')", [int(HUGE)]),
        ("INSERT INTO journal VALUES ('2026-05-01', 'comment', 'many', NULL, 'x', 'now')", []),
        ("INSERT INTO journal VALUES ('0001-01-01', 'comment', 1, NULL, 'x', 'now')", []),
        ("INSERT INTO journal VALUES ('2026-02-30', 'comment', 1, NULL, 'x', 'now')", []),
        ("UPDATE weekly_targets SET target = -1", []),
        ("INSERT INTO posts (id, impressions, updated_at) VALUES ('p', ?, 'now')", [10**13]),
        (
            "INSERT INTO readings (date, total, brand, people, insights, relationships, "
            "recorded_at) VALUES ('2026-05-01', 65, 20, 15, 12, 1e308, 'now')",
            [],
        ),
    ]
    try:
        for sql, parameters in bad_rows:
            with pytest.raises(sqlite3.IntegrityError, match="CHECK constraint failed"):
                conn.execute(sql, parameters)
    finally:
        conn.close()


def older_file_with_bad_values(path: Path) -> None:
    """A database as ssi-tui left it before the ranges (schema m004), holding what crashed."""
    from sqlite_utils import Database

    old = Database(path)
    old.execute(f"PRAGMA application_id={APPLICATION_ID}")
    migrations.apply(old, stop_before="m005_value_ranges")
    old.execute(
        "INSERT INTO journal VALUES ('2026-05-20', 'comment', ?, NULL, 'manual', 'x')", [int(HUGE)]
    )
    old.execute("INSERT INTO journal VALUES ('2026-05-20', 'comment', 5, NULL, 'import:x', 'x')")
    old.execute("INSERT INTO journal VALUES ('2026-05-02', 'comment', 3, NULL, 'manual', 'x')")
    old.execute(
        "INSERT INTO readings (date, total, brand, people, insights, relationships, recorded_at)"
        " VALUES ('0001-01-02', 65, 20, 15, 12, 18, 'x'), ('2026-05-01', 64, 20, 15, 11, 18, 'x')"
    )
    old.conn.commit()
    old.close()


def test_an_older_file_with_values_that_crashed_is_mended_on_open(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    older_file_with_bad_values(path)
    for reader in READERS:
        assert run(path, *reader)[0] == 0, reader
    assert '"count": 3' in run(path, "journal", "--json", "--since", "2026-05-01")[1]
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("SELECT date FROM readings").fetchall() == [("2026-05-01",)]
    finally:
        conn.close()
    kept = list(tmp_path.glob("old.db.backup-*-before-m005_value_ranges"))
    assert len(kept) == 1  # the dropped rows are still in the copy made before migrating
    conn = sqlite3.connect(kept[0])
    try:
        assert conn.execute("SELECT max(count) FROM journal").fetchone() == (int(HUGE),)
    finally:
        conn.close()


async def test_the_app_opens_on_an_older_file_that_crashed_it(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    older_file_with_bad_values(path)
    app = make_app(path, today=DEMO_END)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        assert app.is_running


def test_imports_refuse_days_outside_linkedins_life_and_impossible_counts(
    tmp_path: Path, db_path: Path
) -> None:
    comments = tmp_path / "Comments.csv"
    comments.write_bytes(
        csv_bytes(
            [
                ["Date", "Link", "Message"],
                ["2026-05-01 09:00:00", ACTIVITY.format(1), "Agreed"],
                ["2099-01-01 09:00:00", ACTIVITY.format(2), "From the future"],
                ["1999-12-31 23:59:59", ACTIVITY.format(3), "Before LinkedIn"],
            ]
        )
    )
    posts = tmp_path / "posts.csv"
    posts.write_bytes(
        csv_bytes(
            [
                ["published_at", "format", "text", "impressions", "reactions"],
                ["2026-04-01T09:00:00", "text", "Pipeline", "999,999,999,999,999,999,999", "12"],
            ]
        )
    )
    status, output = run(db_path, "import", str(comments), "--json")
    assert status == 0, output
    assert run(db_path, "import", str(posts))[0] == 0
    assert "the date 2099-01-01 is in the future" in output
    assert "the date 1999-12-31 is before LinkedIn existed (2003-05-05)" in output
    database = open_database(db_path)
    try:
        assert journal.counts_between(database, date(1990, 1, 1), date(2100, 1, 1)) == {
            "comment": 1
        }
        row = next(database.query("SELECT impressions, reactions FROM posts"))
        assert row == {"impressions": None, "reactions": 12}
    finally:
        database.close()


# --- every door, random values, then every reader -------------------------------------------

numbers = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70),
    st.sampled_from([0, 1, MAX_DAILY_COUNT, MAX_DAILY_COUNT + 1, 2**63 - 1, 2**63, -1]),
)
scores = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0.0, 25.0, 25.0001, -0.0, float("nan"), float("inf"), 1e308]),
)
days = st.one_of(
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
    st.sampled_from([date(2003, 5, 4), date(2003, 5, 5), DEMO_END, DEMO_END + timedelta(1)]),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    writes=st.lists(
        st.tuples(st.sampled_from(["set", "add", "target", "reading"]), numbers, scores, days),
        min_size=1,
        max_size=6,
    )
)
def test_whatever_goes_through_a_door_every_reader_can_read(
    tmp_path_factory: pytest.TempPathFactory,
    writes: list[tuple[str, int, float, date]],
) -> None:
    path = tmp_path_factory.mktemp("doors") / "ssi.db"
    database = open_database(path)
    try:
        for door, number, score, day in writes:
            try:
                if door == "set":
                    journal.set_manual(database, day, "comment", number)
                elif door == "add":
                    journal.add_manual(database, day, "comment", number)
                elif door == "target":
                    user_settings.set_weekly_target(database, "comment", number)
                else:
                    pillars = dict.fromkeys(("brand", "people", "insights"), 10.0)
                    reading = build_reading(
                        day=day,
                        pillars={**pillars, "relationships": score},
                        total=None,
                        today=DEMO_END,
                    )
                    readings.save_reading(database, reading, replace=True)
            except ValueError:
                pass  # refused with a sentence (OutOfRange, ReadingError): what got in matters
        views.load_score_view(database, DEMO_END)
        views.load_journal_view(database, DEMO_END, DEMO_END)
        views.load_posts_view(database)
        views.load_plan_inputs(database, DEMO_END)
    finally:
        database.close()
    for reader in READERS:
        assert run(path, *reader)[0] == 0, reader


REFUSED_ARGUMENTS = {
    "an empty --db (it wrote to the default database)": (
        ["--db", "", "log", "comment", "1"],
        "ssi-tui: --db is empty; name the database file (or leave --db out).",
    ),
    "--demo with --db (the demo silently won)": (
        ["--demo", "--db", "{db}", "journal"],
        "ssi-tui: Choose --demo or --db, not both (see 'ssi-tui --help').",
    ),
    "an empty import path (it imported the current folder)": (
        ["--db", "{db}", "import", ""],
        "ssi-tui: The path to import is empty; name a file or folder.",
    ),
    "a negative target (read as an option)": (
        ["--db", "{db}", "ssi", "target", "-1"],
        "ssi-tui: The target must be between 1 and 100, not -1.",
    ),
    "a negative weekly target (read as an option)": (
        ["--db", "{db}", "targets", "comment", "-1"],
        "ssi-tui: A weekly target must be between 0 and 100,000, not -1.",
    ),
    "a plan for 0 (it planned for 75)": (
        ["--db", "{db}", "plan", "--target", "0"],
        "ssi-tui: The target total must be between 1 and 100, not 0.",
    ),
    "a plan for nothing": (
        ["--db", "{db}", "plan", "--target", "nan"],
        "ssi-tui: The target total must be between 1 and 100, not nan.",
    ),
}


@pytest.mark.parametrize("case", sorted(REFUSED_ARGUMENTS))
def test_arguments_that_meant_something_else_are_refused(case: str, db_path: Path) -> None:
    arguments, sentence = REFUSED_ARGUMENTS[case]
    open_database(db_path).close()
    before = db_path.read_bytes()
    result = CliRunner().invoke(cli, [part.format(db=db_path) for part in arguments])
    assert (result.exit_code, result.output) == (2, sentence + "\n")
    assert db_path.read_bytes() == before  # not even the calibration cache
    assert not Path("ssi.db").exists()


def test_a_fifo_named_as_the_database_is_refused_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    status, output = run(fifo, "journal")
    assert (status, output) == (
        2,
        f"ssi-tui: {fifo} is not a regular file, so it cannot be a database.\n",
    )
