"""What each pane needs to draw, read from the database in one place.

The TUI panes receive these records; they never query the database themselves. They are
NamedTuples: the Score pane's is defined and built before the first frame (see core/).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import TYPE_CHECKING, NamedTuple

from ssi_tui.core.calibration import MIN_READINGS, Calibration
from ssi_tui.core.domain import PILLAR_KEYS, ActivityType, PillarKey
from ssi_tui.core.estimate import (
    WINDOW_DAYS,
    Coverage,
    Estimate,
    EstimateWeights,
    Journal,
    journal_coverage,
)
from ssi_tui.core.journal import WeekendRule, current_streak, week_start
from ssi_tui.core.readings import Reading
from ssi_tui.store import estimates, journal, readings, settings

if TYPE_CHECKING:
    from ssi_tui.store.posts import Post
    from ssi_tui.store.reader import Readable

TIP_WINDOW_DAYS = 14
"""How far back the tips look to see which activities the user has been skipping."""


class ScoreView(NamedTuple):
    today: date
    target: int
    readings: list[Reading]
    recent_counts: dict[str, int]
    estimate: Estimate | None
    calibration: Calibration | None
    calibration_pending: bool
    """True while a fit for the current data is being computed in the background."""
    coverage: Coverage
    """How much of the estimate's window the journal covers (the estimate waits below
    `MIN_JOURNAL_DAYS`)."""

    @property
    def latest(self) -> Reading | None:
        return self.readings[-1] if self.readings else None


class JournalView(NamedTuple):
    today: date
    day: date
    """The day shown on the card (today unless the user moved)."""
    activity_types: list[ActivityType]
    day_counts: dict[str, int]
    day_notes: dict[str, str]
    week_counts: dict[str, int]
    """Counts from the Monday of `day`'s week to `day` (the card's Week column)."""
    weekly_targets: dict[str, int]
    recent: list[journal.JournalEntry]
    streak: int
    pillar_streaks: dict[PillarKey, int]
    this_week: date
    """The Monday of `today`'s week: "What's left this week" is about it, whatever `day` is."""
    this_week_counts: dict[str, int]
    """Counts from `this_week` to `today`."""
    weekends: WeekendRule
    """Whether the streaks skip quiet weekends or count them (a setting)."""

    @property
    def today_counts(self) -> dict[str, int]:
        return self.day_counts if self.day == self.today else {}


class PostsView(NamedTuple):
    posts: list[Post]


def first_logged_day(db: Readable, until: date) -> date | None:
    """The first day up to `until` with any activity, by hand or imported (None if none).

    Dates are kept as ISO text, so their order is the calendar's and the primary key's index
    finds the first at once; a date another program wrote badly is passed over.
    """
    sql = "SELECT date FROM journal WHERE date <= ? AND count > 0 ORDER BY date"
    for (text,) in db.execute(sql, [until.isoformat()]):
        try:
            return date.fromisoformat(text)
        except (TypeError, ValueError):
            continue
    return None


def load_coverage(db: Readable, today: date) -> Coverage:
    """How much of the estimate's window up to `today` the journal covers."""
    return journal_coverage(first_logged_day(db, today), today)


def load_score_view(db: Readable, today: date) -> ScoreView:
    history = readings.list_readings(db)
    calibration, fresh = estimates.cached_calibration(db)
    return ScoreView(
        today=today,
        target=settings.get_target(db),
        readings=history,
        recent_counts=journal.counts_between(db, today - timedelta(days=TIP_WINDOW_DAYS), today),
        estimate=estimates.current_estimate(db, today, calibration),
        calibration=calibration,
        calibration_pending=not fresh and len(history) >= MIN_READINGS,
        coverage=load_coverage(db, today),
    )


STREAK_LOOKBACK_DAYS = 400


def load_journal_view(
    db: Readable, today: date, day: date | None = None, recent_days: int = 14
) -> JournalView:
    shown = day or today
    by_day = journal.active_pillars_by_day(db, today - timedelta(days=STREAK_LOOKBACK_DAYS), today)
    weekends = settings.streak_weekends(db)
    skip = weekends == "skip"
    return JournalView(
        today=today,
        day=shown,
        activity_types=journal.activity_types(db),
        day_counts=journal.counts_between(db, shown, shown),
        day_notes=journal.notes_on(db, shown),
        week_counts=journal.counts_between(db, week_start(shown), shown),
        weekly_targets=settings.weekly_targets(db),
        recent=journal.entries(db, since=today - timedelta(days=recent_days - 1)),
        streak=current_streak(by_day, today, skip_weekends=skip),
        pillar_streaks={
            pillar: current_streak(
                (d for d, seen in by_day.items() if pillar in seen), today, skip_weekends=skip
            )
            for pillar in PILLAR_KEYS
        },
        this_week=week_start(today),
        this_week_counts=journal.counts_between(db, week_start(today), today),
        weekends=weekends,
    )


def load_posts_view(db: Readable) -> PostsView:
    from ssi_tui.store.posts import list_posts  # the post log shows after the first paint

    return PostsView(posts=list_posts(db))


class PlanInputs(NamedTuple):
    """Everything the what-if planner needs, read here so the screen never queries."""

    journal: Journal
    as_of: date
    weights: EstimateWeights
    latest_reading: Mapping[PillarKey, float] | None
    activity_pillars: Mapping[str, PillarKey]
    labels: Mapping[str, str]
    target: int
    coverage: Coverage
    """How much of the window the journal covers: the plan waits, or takes its rates from it."""


def load_plan_inputs(db: Readable, today: date) -> PlanInputs:
    calibration, _ = estimates.cached_calibration(db)
    history = readings.list_readings(db)
    types = journal.activity_types(db)
    return PlanInputs(
        journal=estimates.journal_map(db, today - timedelta(days=WINDOW_DAYS), today),
        as_of=today,
        weights=estimates.weights_from(calibration),
        latest_reading=dict(history[-1].pillars) if history else None,
        activity_pillars={activity.key: activity.pillar for activity in types},
        labels={activity.key: activity.label for activity in types},
        target=settings.get_target(db),
        coverage=load_coverage(db, today),
    )
