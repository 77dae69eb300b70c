"""The cached calibration: fresh exactly while the data it was fitted on is unchanged."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlite_utils import Database

from ssi_tui.analysis.calibration_fit import calibrate_and_cache
from ssi_tui.core.readings import Reading
from ssi_tui.store import estimates, journal, readings
from ssi_tui.store.database import open_database

DAY = date(2026, 6, 1)


def fresh(db: Database) -> bool:
    return estimates.cached_calibration(db)[1]


def test_every_kind_of_change_makes_the_cached_calibration_stale(demo_db_path: Path) -> None:
    db = open_database(demo_db_path)
    try:
        calibrate_and_cache(db)
        assert fresh(db)
        journal.add_manual(db, DAY, "comment", 1)
        assert not fresh(db), "a quick log"
        calibrate_and_cache(db)
        journal.add_manual(db, DAY, "comment", 1)
        assert not fresh(db), "a second quick log on the same row, at once"
        calibrate_and_cache(db)
        journal.add_manual(db, DAY, "comment", -1)
        assert not fresh(db), "taking one back"
        calibrate_and_cache(db)
        db.execute("DELETE FROM journal WHERE rowid = (SELECT min(rowid) FROM journal)")
        assert not fresh(db), "a row gone"
        calibrate_and_cache(db)
        last_row = "(SELECT max(rowid) FROM journal)"
        db.execute(f"UPDATE journal SET count = count + 5 WHERE rowid = {last_row}")
        assert not fresh(db), "a count changed by another program, its stamp untouched"
        calibrate_and_cache(db)
        pillars = {"brand": 16.5, "people": 14.25, "insights": 13.0, "relationships": 17.1}
        readings.save_reading(db, Reading(date=date(2026, 6, 2), total=61, pillars=pillars))
        assert not fresh(db), "a new reading"
    finally:
        db.close()


def test_the_journal_s_revision_counts_every_row_written(db: Database) -> None:
    def revision() -> int:
        return int(db.execute("SELECT number FROM _revisions WHERE name = 'journal'").fetchone()[0])

    before = revision()
    rows = [{"date": f"2026-05-{day:02d}", "activity": "comment", "count": 2} for day in (1, 2, 3)]
    journal.upsert_entries(db, rows, "archive")
    assert revision() == before + 3
    journal.upsert_entries(db, rows, "archive")
    assert revision() == before + 6, "rewriting the same rows counts too"
    db.execute("DELETE FROM journal WHERE source = 'archive'")
    assert revision() == before + 9


def test_the_journal_covers_the_window_from_its_first_logged_day(db: Database) -> None:
    """Imported activity counts as logged; a row with nothing in it (a count cleared to 0)
    does not; the window caps it at 28 days."""
    from ssi_tui.store.views import first_logged_day, load_coverage

    assert first_logged_day(db, DAY) is None and load_coverage(db, DAY).days == 0
    journal.set_manual(db, date(2026, 5, 20), "comment", 0)
    assert first_logged_day(db, DAY) is None
    journal.set_manual(db, date(2026, 5, 31), "comment", 2)
    assert load_coverage(db, DAY).days == 2 and load_coverage(db, DAY).held_back
    journal.upsert_entries(db, [{"date": "2026-05-12", "activity": "reaction", "count": 4}], "x")
    assert first_logged_day(db, DAY) == date(2026, 5, 12)
    assert load_coverage(db, DAY).days == 21 and load_coverage(db, DAY).state == "partial"
    assert load_coverage(db, date(2026, 5, 11)).days == 0, "nothing logged by then"
    journal.upsert_entries(db, [{"date": "2025-01-02", "activity": "post", "count": 1}], "x")
    assert load_coverage(db, DAY).days == 28 and load_coverage(db, DAY).state == "full"


def test_streaks_skip_weekends_unless_the_user_counts_them(db: Database) -> None:
    from ssi_tui.store import settings

    assert settings.streak_weekends(db) == "skip", "most sellers work Monday to Friday"
    settings.set_streak_weekends(db, "count")
    assert settings.streak_weekends(db) == "count"
    try:
        settings.set_streak_weekends(db, "sometimes")
    except ValueError as error:
        assert str(error) == "Weekends in streaks are 'skip' or 'count', not 'sometimes'."
    else:
        raise AssertionError("an unknown rule was saved")
    assert settings.streak_weekends(db) == "count"
    db.execute("UPDATE settings SET value = 'x' WHERE key = 'streak_weekends'")
    assert settings.streak_weekends(db) == "skip", "another program's odd value: the default"
