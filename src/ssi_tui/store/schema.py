"""The database schema, as an ordered list of sqlite-utils migrations.

Each migration runs once, in its own transaction, and is recorded in `_sqlite_migrations`.
Never edit a migration that has shipped: add a new one.
"""

from __future__ import annotations

from datetime import datetime
from functools import partial

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from ssi_tui.core.domain import ACTIVITY_CATALOGUE, DEFAULT_TARGET
from ssi_tui.core.limits import FIRST_DAY, MAX_DAILY_COUNT, MAX_METRIC
from ssi_tui.store.file_format import MIGRATION_SET

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


JOURNAL_REVISION_TRIGGERS = """
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
"""Every row written to the journal raises its revision (m004; made again when m005 rebuilds
the table)."""


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
        """
        + JOURNAL_REVISION_TRIGGERS
    )


def _day(column: str, *, nullable: bool = False) -> str:
    """A calendar day as YYYY-MM-DD, from the day LinkedIn opened.

    `date(x, '+0 days')` rolls an impossible day over (2026-02-30 becomes 2026-03-02), where
    `date(x)` alone would hand it back unchanged, and Python would refuse to read it.
    """
    check = f"(date({column}, '+0 days') IS {column} AND {column} >= '{FIRST_DAY.isoformat()}')"
    return f"({column} IS NULL OR {check})" if nullable else check


def _whole(column: str, low: int, high: int) -> str:
    """An integer from `low` to `high`, or NULL (text or a real slipped in is refused)."""
    within = f"typeof({column}) = 'integer' AND {column} BETWEEN {low} AND {high}"
    return f"({column} IS NULL OR ({within}))"


def _score(column: str, high: float) -> str:
    """A finite figure from 0 to `high`, or NULL."""
    return (
        f"({column} IS NULL OR (typeof({column}) IN ('real', 'integer') "
        f"AND {column} BETWEEN 0 AND {high:g}))"
    )


def _rebuild(db: Database, table: str, create: str, columns: str, checks: str) -> None:
    """Recreate `table` with CHECK constraints, keeping the rows that pass them.

    Rows that fail them could only crash the readers (a count of 2^63, a day in year 1); the
    file was copied aside before migrating, so they are not lost for good.
    """
    db.execute(create.format(table=f"{table}_checked"))
    db.execute(
        f"INSERT INTO {table}_checked ({columns}) SELECT {columns} FROM {table} WHERE {checks}"
    )
    db.execute(f"DROP TABLE {table}")
    db.execute(f"ALTER TABLE {table}_checked RENAME TO {table}")


@migrations()
def m005_value_ranges(db: Database) -> None:
    """Every number and date within its range (core/limits.py), for every program that writes.

    SQLite cannot add a CHECK to a table, so each table is rebuilt; the journal's index and
    revision triggers (m004) are made again.
    """
    metric = partial(_whole, low=0, high=MAX_METRIC)
    pillars = ("brand", "people", "insights", "relationships")
    reading_checks = " AND ".join(
        [
            _day("date"),
            f"total IS NOT NULL AND {_score('total', 100)}",
            *(f"{p} IS NOT NULL AND {_score(p, 25)}" for p in pillars),
            _whole("industry_rank", 1, 100),
            _whole("network_rank", 1, 100),
            _score("industry_average", 100),
            _score("network_average", 100),
            *(_score(f"{peer}_{p}", 25) for peer in ("industry", "network") for p in pillars),
        ]
    )
    reading_columns = (
        "date, total, brand, people, insights, relationships, industry_rank, network_rank, "
        "industry_average, network_average, industry_brand, industry_people, "
        "industry_insights, industry_relationships, network_brand, network_people, "
        "network_insights, network_relationships, weekly_change, source, recorded_at"
    )
    _rebuild(
        db,
        "readings",
        f"""CREATE TABLE {{table}} (
            date TEXT PRIMARY KEY,
            total REAL NOT NULL,
            brand REAL NOT NULL, people REAL NOT NULL,
            insights REAL NOT NULL, relationships REAL NOT NULL,
            industry_rank INTEGER, network_rank INTEGER,
            industry_average REAL, network_average REAL,
            industry_brand REAL, industry_people REAL,
            industry_insights REAL, industry_relationships REAL,
            network_brand REAL, network_people REAL,
            network_insights REAL, network_relationships REAL,
            weekly_change TEXT,
            source TEXT NOT NULL DEFAULT 'form',
            recorded_at TEXT NOT NULL,
            CHECK ({reading_checks})
        )""",
        reading_columns,
        reading_checks,
    )
    journal_checks = (
        f"{_day('date')} AND count IS NOT NULL AND {_whole('count', 0, MAX_DAILY_COUNT)} "
        "AND activity IN (SELECT key FROM activity_types)"
    )
    _rebuild(
        db,
        "journal",
        f"""CREATE TABLE {{table}} (
            date TEXT NOT NULL CHECK ({_day("date")}),
            activity TEXT NOT NULL REFERENCES activity_types(key),
            count INTEGER NOT NULL CHECK ({_whole("count", 0, MAX_DAILY_COUNT)}),
            note TEXT,
            source TEXT NOT NULL DEFAULT 'manual',
            updated_at TEXT NOT NULL,
            PRIMARY KEY (date, activity, source)
        )""",
        "date, activity, count, note, source, updated_at",
        journal_checks,
    )
    db.executescript(
        """
        CREATE INDEX journal_by_activity ON journal (activity, date);
        UPDATE _revisions SET number = number + 1 WHERE name = 'journal';
        """
        + JOURNAL_REVISION_TRIGGERS
    )
    target_check = f"target IS NOT NULL AND {_whole('target', 0, MAX_DAILY_COUNT)}"
    _rebuild(
        db,
        "weekly_targets",
        f"""CREATE TABLE {{table}} (
            activity TEXT PRIMARY KEY REFERENCES activity_types(key) ON DELETE CASCADE,
            target INTEGER NOT NULL CHECK ({target_check})
        )""",
        "activity, target",
        target_check,
    )
    post_metrics = (  # as m001 made them: a migration never follows later lists
        "impressions",
        "members_reached",
        "reactions",
        "comments",
        "reposts",
        "saves",
        "sends",
        "link_clicks",
        "followers_gained",
        "engagements",
        "followers",
    )
    post_checks = " AND ".join(
        [
            "(published_at IS NULL OR (datetime(published_at) IS NOT NULL "
            f"AND substr(published_at, 1, 10) >= '{FIRST_DAY.isoformat()}'))",
            *(metric(name) for name in post_metrics),
        ]
    )
    _rebuild(
        db,
        "posts",
        f"""CREATE TABLE {{table}} (
            id TEXT PRIMARY KEY,
            published_at TEXT,
            format TEXT NOT NULL DEFAULT 'unknown',
            format_source TEXT NOT NULL DEFAULT 'unknown',
            text TEXT,
            url TEXT,
            {", ".join(f"{name} INTEGER" for name in post_metrics)},
            source TEXT NOT NULL DEFAULT 'manual',
            updated_at TEXT NOT NULL,
            CHECK ({post_checks})
        )""",
        "id, published_at, format, format_source, text, url, "
        f"{', '.join(post_metrics)}, source, updated_at",
        post_checks,
    )
    db.execute("CREATE INDEX posts_by_date ON posts (published_at)")
    daily_checks = f"{_day('date')} AND {metric('impressions')} AND {metric('engagements')}"
    _rebuild(
        db,
        "daily_metrics",
        f"""CREATE TABLE {{table}} (
            date TEXT PRIMARY KEY,
            impressions INTEGER,
            engagements INTEGER,
            CHECK ({daily_checks})
        )""",
        "date, impressions, engagements",
        daily_checks,
    )
    follower_checks = (
        f"{_day('date')} AND {_whole('new_followers', -MAX_METRIC, MAX_METRIC)} "
        f"AND {metric('total')}"
    )
    _rebuild(
        db,
        "follower_counts",
        f"""CREATE TABLE {{table}} (
            date TEXT PRIMARY KEY,
            new_followers INTEGER,
            total INTEGER,
            CHECK ({follower_checks})
        )""",
        "date, new_followers, total",
        follower_checks,
    )
    share_check = _score("share", 1)
    _rebuild(
        db,
        "demographics",
        f"""CREATE TABLE {{table}} (
            category TEXT NOT NULL,
            value TEXT NOT NULL,
            share REAL,
            below INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (category, value),
            CHECK ({share_check})
        )""",
        "category, value, share, below",
        share_check,
    )


@migrations()
def m006_post_names(db: Database) -> None:
    """Every name a post is known by, and one row per post in the files that have two.

    Before this, a post imported from Shares.csv (its share id) and from an analytics workbook
    (its activity id) was stored twice, once with text and once with numbers. Each stored post
    now registers its names, strongest first, and a row that turns out to be a post already
    registered under another name (see store/post_identity.py) is merged into it: the
    member's own format tag kept, the larger of each metric. The file is copied aside first.
    """
    from ssi_tui.importers.links import post_urn
    from ssi_tui.store.post_identity import (
        best_name,
        find_posts,
        merge_rows,
        names_of,
        record_names,
        stored_names,
    )

    db.executescript(
        """
        CREATE TABLE post_names (
            name TEXT PRIMARY KEY,
            post_id TEXT NOT NULL,
            family TEXT NOT NULL,
            made_ms INTEGER
        );
        CREATE INDEX post_names_by_post ON post_names (post_id);
        CREATE INDEX post_names_by_time ON post_names (made_ms);
        ALTER TABLE posts ADD COLUMN time_source TEXT;
        ALTER TABLE posts ADD COLUMN found_in TEXT;
        """
    )
    rows = list(db.query("SELECT * FROM posts"))
    rows.sort(key=lambda row: _name_rank(row["id"]))
    for row in rows:
        names = names_of(row["id"], row["url"])
        published = row["published_at"]
        found = find_posts(
            db,
            names,
            datetime.fromisoformat(published) if published else None,
            row["text"],
            row["format"],
        )
        if not found:
            record_names(db, row["id"], names)
            continue
        merged = dict(row)
        every_name = list(names)
        for match in found:
            kept = next(db.query("SELECT * FROM posts WHERE id = ?", [match.post_id]))
            merged = merge_rows(kept, merged)
            merged["updated_at"] = max(kept["updated_at"], row["updated_at"])
            every_name += stored_names(db, match.post_id)
            db.execute("DELETE FROM posts WHERE id = ?", [match.post_id])
        db.execute("DELETE FROM posts WHERE id = ?", [row["id"]])
        merged["id"] = best_name(every_name)
        if row["url"] and post_urn(row["url"]) == merged["id"]:
            merged["url"] = row["url"]
        db.table("posts").insert(merged)
        record_names(db, merged["id"], every_name)


def _name_rank(post_id: str) -> tuple[int, str]:
    """Share names first, so that the other rows join them rather than each other."""
    from ssi_tui.store.post_identity import family_of

    order = {"share": 0, "activity": 1, "hash": 3}
    return order.get(family_of(post_id), 2), post_id


@migrations()
def m007_draft_track_record(db: Database) -> None:
    """What was predicted for a saved draft, and the post it became once published: the
    track record the Drafts pane and `model report` show."""
    db.executescript(
        """
        ALTER TABLE drafts ADD COLUMN prediction TEXT;
        ALTER TABLE drafts ADD COLUMN post_id TEXT;
        """
    )
