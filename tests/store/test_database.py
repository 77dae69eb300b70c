from __future__ import annotations

import sqlite3
import stat
from datetime import date
from pathlib import Path

import pytest
from sqlite_utils import Database

from ssi_tui.core.readings import Reading
from ssi_tui.store import journal, posts, readings, settings
from ssi_tui.store.database import (
    DatabaseError,
    default_db_path,
    open_database,
    resolve_db_path,
)
from ssi_tui.store.demo import write_demo

PILLARS = {"brand": 16.5, "people": 14.25, "insights": 13.0, "relationships": 17.1}


def test_created_on_first_use_private_wal_and_with_foreign_keys(db_path: Path) -> None:
    database = open_database(db_path)
    try:
        assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
        assert database.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert database.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert database.execute("PRAGMA busy_timeout").fetchone()[0] == 5000
        assert {
            "readings",
            "journal",
            "activity_types",
            "posts",
            "settings",
            "weekly_targets",
            "imports",
        } <= set(database.table_names())
    finally:
        database.close()


def test_reopening_applies_no_migration_twice(db_path: Path) -> None:
    open_database(db_path).close()
    database = open_database(db_path)
    try:
        names = [row["name"] for row in database.query("SELECT name FROM _sqlite_migrations")]
        assert names == [
            "m001_initial",
            "m002_analytics",
            "m003_drafts",
            "m004_journal_revision",
            "m005_value_ranges",
            "m006_post_names",
            "m007_draft_track_record",
        ]
        assert database.execute("SELECT count(*) FROM activity_types").fetchone()[0] == 20
    finally:
        database.close()


def test_a_file_that_is_not_sqlite_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"my precious notes\n" * 10)
    before = path.read_bytes()
    with pytest.raises(DatabaseError, match="not an SQLite database"):
        open_database(path)
    assert path.read_bytes() == before
    assert not (tmp_path / "notes.db-wal").exists()


def test_another_programs_sqlite_database_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseError, match="another program"):
        open_database(path)
    assert path.read_bytes() == before


def test_a_directory_or_a_path_under_a_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="is a directory"):
        open_database(tmp_path)
    blocker = tmp_path / "file.txt"
    blocker.write_text("x")
    with pytest.raises(DatabaseError, match="Cannot create"):
        open_database(blocker / "ssi.db")


def test_location_option_beats_environment_beats_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SSI_TUI_DB", str(tmp_path / "env.db"))
    assert resolve_db_path(str(tmp_path / "opt.db")) == tmp_path / "opt.db"
    assert resolve_db_path(None) == tmp_path / "env.db"
    monkeypatch.delenv("SSI_TUI_DB")
    assert resolve_db_path(None) == default_db_path()
    assert default_db_path().name == "ssi.db"
    assert "ssi-tui" in default_db_path().parts


def test_one_reading_per_day_replaced_only_on_request(db: Database) -> None:
    day = date(2026, 5, 1)
    readings.save_reading(db, Reading(date=day, total=61, pillars=PILLARS))
    with pytest.raises(readings.ReadingExists, match="already saved"):
        readings.save_reading(db, Reading(date=day, total=62, pillars={**PILLARS, "brand": 17.5}))
    assert [reading.total for reading in readings.list_readings(db)] == [61]
    readings.save_reading(
        db, Reading(date=day, total=62, pillars={**PILLARS, "brand": 17.5}), replace=True
    )
    saved = readings.list_readings(db)
    assert [(reading.total, reading.pillars["brand"]) for reading in saved] == [(62, 17.5)]
    assert readings.delete_reading(db, day)
    assert readings.list_readings(db) == []


def test_peer_splits_round_trip(db: Database) -> None:
    industry = {"brand": 9.1, "people": 8.0, "insights": 6.2, "relationships": 7.7}
    reading = Reading(
        date=date(2026, 5, 2),
        total=61,
        pillars=PILLARS,
        industry_rank=12,
        network_rank=20,
        industry_average=31,
        network_average=36,
        industry_pillars=industry,
        weekly_change="Up 1% since last week",
    )
    readings.save_reading(db, reading)
    saved = readings.list_readings(db)[0]
    assert saved.industry_pillars == industry
    assert saved.network_pillars is None
    assert (saved.industry_rank, saved.network_rank, saved.weekly_change) == (
        12,
        20,
        "Up 1% since last week",
    )
    assert saved == reading


def test_every_field_of_a_reading_comes_back_in_its_place(db: Database) -> None:
    reading = Reading(
        date=date(2026, 5, 3),
        total=62,
        pillars={"brand": 18.5, "people": 15.25, "insights": 12.75, "relationships": 15.5},
        industry_rank=11,
        network_rank=21,
        industry_average=31.5,
        network_average=36.5,
        industry_pillars={"brand": 9.1, "people": 8.0, "insights": 6.2, "relationships": 7.7},
        network_pillars={"brand": 10.1, "people": 9.0, "insights": 7.2, "relationships": 8.7},
        weekly_change="Down 2% since last week",
        source="paste",
    )
    readings.save_reading(db, reading)
    assert readings.list_readings(db) == [reading]


def test_the_database_refuses_impossible_values(db: Database) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        db.execute(
            "INSERT INTO journal (date, activity, count, updated_at) VALUES (?, ?, ?, ?)",
            ["2026-05-01", "comment", -1, "now"],
        )
    with pytest.raises(sqlite3.IntegrityError):
        db.execute(
            "INSERT INTO journal (date, activity, count, updated_at) VALUES (?, ?, ?, ?)",
            ["2026-05-01", "juggling", 1, "now"],
        )


def test_writing_the_demo_twice_changes_nothing(db: Database) -> None:
    end = date(2026, 6, 1)
    write_demo(db, end)
    counts = {table: db[table].count for table in ("readings", "journal", "posts")}
    write_demo(db, end)
    assert {table: db[table].count for table in ("readings", "journal", "posts")} == counts
    assert counts["readings"] > 50 and counts["posts"] > 30 and counts["journal"] > 1000


def test_journal_sums_sources_per_day(db: Database) -> None:
    day = "2026-05-04"
    journal.upsert_entries(db, [{"date": day, "activity": "comment", "count": 2}], "manual")
    journal.upsert_entries(db, [{"date": day, "activity": "comment", "count": 3}], "import")
    journal.upsert_entries(db, [{"date": day, "activity": "comment", "count": 3}], "import")
    assert journal.counts_between(db, date(2026, 5, 4), date(2026, 5, 4)) == {"comment": 5}
    assert [(e.activity, e.count) for e in journal.entries(db)] == [("comment", 5)]


def test_settings_start_from_the_article_and_can_change(db: Database) -> None:
    assert settings.get_target(db) == 75
    settings.set_target(db, 80)
    assert settings.get_target(db) == 80
    with pytest.raises(ValueError, match="between 1 and 100"):
        settings.set_target(db, 120)
    assert settings.weekly_targets(db)["comment"] == 10


def test_post_engagement_falls_back_to_linkedins_total(db: Database) -> None:
    posts.upsert_posts(
        db,
        [
            {
                "id": "a",
                "published_at": "2026-05-01T09:00:00",
                "format": "image",
                "reactions": 10,
                "comments": 2,
                "reposts": 1,
                "impressions": 1000,
            },
            {
                "id": "b",
                "published_at": "2026-05-02T09:00:00",
                "format": "unknown",
                "engagements": 40,
            },
        ],
    )
    by_id = {post.id: post for post in posts.list_posts(db)}
    assert by_id["a"].engagement == 13
    assert by_id["a"].engagement_rate == pytest.approx(0.013)
    assert by_id["b"].engagement == 40
    assert by_id["b"].engagement_rate is None


def test_the_light_migration_check_knows_every_migration() -> None:
    """`open_connection` skips sqlite-utils when nothing is pending: its list must be complete."""
    from ssi_tui.store.database import MIGRATION_NAMES
    from ssi_tui.store.schema import migrations

    fresh = Database(memory=True)
    assert [migration.name for migration in migrations.pending(fresh)] == list(MIGRATION_NAMES)


def test_an_up_to_date_file_opens_without_migrating(db_path: Path) -> None:
    from ssi_tui.store.database import MIGRATION_NAMES, open_connection

    open_database(db_path).close()
    conn = open_connection(db_path)
    try:
        applied = conn.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0]
        assert applied == len(MIGRATION_NAMES) == 7
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    finally:
        conn.close()
    assert not list(db_path.parent.glob("*.backup-*")), "no backup when nothing changes"


def test_a_file_missing_its_last_migration_is_migrated_by_the_light_opener(db_path: Path) -> None:
    from ssi_tui.store.database import open_connection

    open_database(db_path).close()
    with sqlite3.connect(db_path) as conn:
        conn.execute("DROP TABLE drafts")
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm003_drafts'")
    conn.close()
    reopened = open_connection(db_path)
    try:
        tables = {row[0] for row in reopened.execute("SELECT name FROM sqlite_master")}
        assert "drafts" in tables
    finally:
        reopened.close()
    assert len(list(db_path.parent.glob("*.backup-*-before-m003_drafts"))) == 1


def test_the_reader_returns_the_rows_sqlite_utils_returns(db: Database) -> None:
    from ssi_tui.store.reader import Reader

    readings.save_reading(db, Reading(date=date(2026, 5, 4), total=60.85, pillars=PILLARS))
    sql = "SELECT date, total, brand FROM readings WHERE total > ?"
    assert list(Reader(db.conn).query(sql, [50])) == list(db.query(sql, [50]))
    assert list(Reader(db.conn).query("SELECT count(*) AS n FROM readings")) == [{"n": 1}]
    assert Reader(db.conn).execute("SELECT max(total) FROM readings").fetchone()[0] == 60.85
