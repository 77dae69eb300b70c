"""What each pane needs to draw, read from the database in one place.

The TUI panes receive these dataclasses; they never query the database themselves.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlite_utils import Database

from ssi_tui.core.domain import ActivityType
from ssi_tui.core.journal import current_streak, week_start
from ssi_tui.core.readings import Reading
from ssi_tui.store import journal, posts, readings, settings

TIP_WINDOW_DAYS = 14
"""How far back the tips look to see which activities the user has been skipping."""


@dataclass(frozen=True)
class ScoreView:
    today: date
    target: int
    readings: list[Reading] = field(default_factory=list)
    recent_counts: dict[str, int] = field(default_factory=dict)

    @property
    def latest(self) -> Reading | None:
        return self.readings[-1] if self.readings else None


@dataclass(frozen=True)
class JournalView:
    today: date
    activity_types: list[ActivityType]
    today_counts: dict[str, int]
    week_counts: dict[str, int]
    weekly_targets: dict[str, int]
    recent: list[journal.JournalEntry]
    streak: int


@dataclass(frozen=True)
class PostsView:
    posts: list[posts.Post]


def load_score_view(db: Database, today: date) -> ScoreView:
    return ScoreView(
        today=today,
        target=settings.get_target(db),
        readings=readings.list_readings(db),
        recent_counts=journal.counts_between(db, today - timedelta(days=TIP_WINDOW_DAYS), today),
    )


def load_journal_view(db: Database, today: date, recent_days: int = 14) -> JournalView:
    active = journal.daily_totals(db, today - timedelta(days=400), today)
    return JournalView(
        today=today,
        activity_types=journal.activity_types(db),
        today_counts=journal.counts_between(db, today, today),
        week_counts=journal.counts_between(db, week_start(today), today),
        weekly_targets=settings.weekly_targets(db),
        recent=journal.entries(db, since=today - timedelta(days=recent_days - 1)),
        streak=current_streak(active, today),
    )


def load_posts_view(db: Database) -> PostsView:
    return PostsView(posts=posts.list_posts(db))
