"""The database schema, as an ordered list of sqlite-utils migrations.

Each migration runs once, in its own transaction, and is recorded in `_sqlite_migrations`.
Never edit a migration that has shipped: add a new one.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from ssi_tui.core.domain import ACTIVITY_CATALOGUE, DEFAULT_TARGET
from ssi_tui.store.database import MIGRATION_SET

migrations = Migrations(MIGRATION_SET)

DEFAULT_WEEKLY_TARGETS: dict[str, int] = {
    "post": 2,
    "comment": 10,
    "reaction": 20,
    "repost": 2,
    "search": 5,
    "profile_view": 15,
    "connection_request": 15,
    "message": 10,
    "endorsement_given": 2,
}
"""Starting weekly targets, after the article's advice: post regularly, comment and react
daily, connect with relevant people, and message to turn connections into relationships."""


@migrations()
def m001_initial(db: Database) -> None:
    """Readings, journal, activity types, posts, settings, weekly targets, import log."""
    db.executescript(
        """
        CREATE TABLE readings (
            date TEXT PRIMARY KEY,
            total REAL NOT NULL CHECK (total BETWEEN 0 AND 100),
            brand REAL NOT NULL CHECK (brand BETWEEN 0 AND 25),
            people REAL NOT NULL CHECK (people BETWEEN 0 AND 25),
            insights REAL NOT NULL CHECK (insights BETWEEN 0 AND 25),
            relationships REAL NOT NULL CHECK (relationships BETWEEN 0 AND 25),
            industry_rank INTEGER CHECK (industry_rank BETWEEN 1 AND 100),
            network_rank INTEGER CHECK (network_rank BETWEEN 1 AND 100),
            industry_average REAL,
            network_average REAL,
            industry_brand REAL, industry_people REAL,
            industry_insights REAL, industry_relationships REAL,
            network_brand REAL, network_people REAL,
            network_insights REAL, network_relationships REAL,
            weekly_change TEXT,
            source TEXT NOT NULL DEFAULT 'form',
            recorded_at TEXT NOT NULL
        );
        CREATE TABLE activity_types (
            key TEXT PRIMARY KEY,
            pillar TEXT NOT NULL
                CHECK (pillar IN ('brand', 'people', 'insights', 'relationships')),
            label TEXT NOT NULL,
            user_defined INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE journal (
            date TEXT NOT NULL,
            activity TEXT NOT NULL REFERENCES activity_types(key),
            count INTEGER NOT NULL CHECK (count >= 0),
            note TEXT,
            source TEXT NOT NULL DEFAULT 'manual',
            updated_at TEXT NOT NULL,
            PRIMARY KEY (date, activity, source)
        );
        CREATE INDEX journal_by_activity ON journal (activity, date);
        CREATE TABLE posts (
            id TEXT PRIMARY KEY,
            published_at TEXT,
            format TEXT NOT NULL DEFAULT 'unknown',
            format_source TEXT NOT NULL DEFAULT 'unknown',
            text TEXT,
            url TEXT,
            impressions INTEGER,
            members_reached INTEGER,
            reactions INTEGER,
            comments INTEGER,
            reposts INTEGER,
            saves INTEGER,
            sends INTEGER,
            link_clicks INTEGER,
            followers_gained INTEGER,
            engagements INTEGER,
            followers INTEGER,
            source TEXT NOT NULL DEFAULT 'manual',
            updated_at TEXT NOT NULL
        );
        CREATE INDEX posts_by_date ON posts (published_at);
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        CREATE TABLE weekly_targets (
            activity TEXT PRIMARY KEY REFERENCES activity_types(key) ON DELETE CASCADE,
            target INTEGER NOT NULL CHECK (target >= 0)
        );
        CREATE TABLE imports (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            imported_at TEXT NOT NULL,
            path TEXT NOT NULL,
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            sha256 TEXT,
            imported INTEGER NOT NULL DEFAULT 0,
            skipped INTEGER NOT NULL DEFAULT 0,
            errors TEXT NOT NULL DEFAULT '[]'
        );
        """
    )
    db.table("activity_types").insert_all(
        (
            {"key": a.key, "pillar": a.pillar, "label": a.label, "user_defined": 0}
            for a in ACTIVITY_CATALOGUE
        ),
    )
    db.table("weekly_targets").insert_all(
        {"activity": key, "target": target} for key, target in DEFAULT_WEEKLY_TARGETS.items()
    )
    db.table("settings").insert({"key": "target_ssi", "value": str(DEFAULT_TARGET)})


@migrations()
def m002_analytics(db: Database) -> None:
    """Daily creator analytics, follower counts and audience demographics from imports."""
    db.executescript(
        """
        CREATE TABLE daily_metrics (
            date TEXT PRIMARY KEY,
            impressions INTEGER CHECK (impressions >= 0),
            engagements INTEGER CHECK (engagements >= 0)
        );
        CREATE TABLE follower_counts (
            date TEXT PRIMARY KEY,
            new_followers INTEGER,
            total INTEGER CHECK (total >= 0)
        );
        CREATE TABLE demographics (
            category TEXT NOT NULL,
            value TEXT NOT NULL,
            share REAL,
            below INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (category, value)
        );
        """
    )


@migrations()
def m003_drafts(db: Database) -> None:
    """Drafts the user saved from the Drafts pane."""
    db.executescript(
        """
        CREATE TABLE drafts (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            text TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        """
    )


@migrations()
def m004_journal_revision(db: Database) -> None:
    """A number that every write to the journal raises, whoever makes it and whatever the
    clock says: the cached calibration is keyed on it, and reading it takes no scan.

    Bookkeeping, like the migrations table: the underscore keeps it out of exports."""
    db.executescript(
        """
        CREATE TABLE _revisions (
            name TEXT PRIMARY KEY,
            number INTEGER NOT NULL
        );
        INSERT INTO _revisions (name, number) VALUES ('journal', 0);
        CREATE TRIGGER journal_row_inserted AFTER INSERT ON journal BEGIN
            UPDATE _revisions SET number = number + 1 WHERE name = 'journal';
        END;
        CREATE TRIGGER journal_row_updated AFTER UPDATE ON journal BEGIN
            UPDATE _revisions SET number = number + 1 WHERE name = 'journal';
        END;
        CREATE TRIGGER journal_row_deleted AFTER DELETE ON journal BEGIN
            UPDATE _revisions SET number = number + 1 WHERE name = 'journal';
        END;
        """
    )
