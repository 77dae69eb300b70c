"""What `ssi-tui today` shows, read in one place: the morning's figures, nothing heavier.

Plain reads through `Readable` (the standard library's sqlite3 does), and the journal estimate
with the calibration as cached (JSON): no fit runs here, so neither NumPy nor SciPy loads.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, NamedTuple

from ssi_tui.core.calibration import MIN_READINGS
from ssi_tui.core.estimate import Coverage, Estimate
from ssi_tui.core.journal import WeekendRule, current_streak, left_to_target, week_start
from ssi_tui.core.readings import Reading
from ssi_tui.store import estimates, journal, settings
from ssi_tui.store.readings import READING_COLUMNS, reading_from_values
from ssi_tui.store.views import STREAK_LOOKBACK_DAYS, TIP_WINDOW_DAYS, load_coverage

if TYPE_CHECKING:
    from ssi_tui.store.reader import Readable


class TodayView(NamedTuple):
    today: date
    latest: Reading | None
    """The most recent official reading."""
    target: int
    estimate: Estimate | None
    """The journal estimate, None while the journal covers too few days (as on the Score pane)."""
    calibration_pending: bool
    """The cached calibration is missing or older than the data, with enough readings for one:
    `ssi-tui estimate` (or the app) fits it again; this command does not."""
    coverage: Coverage
    streak: int
    weekends: WeekendRule
    week_start: date
    """The Monday of this week: "left this week" counts from it to today."""
    week_counts: dict[str, int]
    weekly_targets: dict[str, int]
    labels: dict[str, str]
    """Activity key → its label, as the app shows it."""
    recent_counts: dict[str, int]
    """The last `TIP_WINDOW_DAYS` days, which rank the tips (as on the Score pane)."""

    @property
    def left_this_week(self) -> dict[str, int]:
        """Activity → how many are left to reach its weekly target, most first (targets met
        are left out), as the Journal pane lists them."""
        left = left_to_target(self.week_counts, self.weekly_targets)
        return dict(sorted(left.items(), key=lambda item: (-item[1], item[0])))

    @property
    def empty(self) -> bool:
        """Nothing to show yet: no reading and nothing logged."""
        return self.latest is None and self.coverage.days == 0


def latest_reading(db: Readable) -> Reading | None:
    sql = f"SELECT {', '.join(READING_COLUMNS)} FROM readings ORDER BY date DESC LIMIT 1"
    row = db.execute(sql).fetchone()
    return None if row is None else reading_from_values(row)


def load_today(db: Readable, today: date) -> TodayView:
    calibration, fresh = estimates.cached_calibration(db)
    coverage = load_coverage(db, today)
    monday = week_start(today)
    active = journal.active_pillars_by_day(db, today - timedelta(days=STREAK_LOOKBACK_DAYS), today)
    weekends = settings.streak_weekends(db)
    return TodayView(
        today=today,
        latest=latest_reading(db),
        target=settings.get_target(db),
        estimate=(
            None if coverage.held_back else estimates.current_estimate(db, today, calibration)
        ),
        calibration_pending=not fresh and estimates.readings_count(db) >= MIN_READINGS,
        coverage=coverage,
        streak=current_streak(active, today, skip_weekends=weekends == "skip"),
        weekends=weekends,
        week_start=monday,
        week_counts=journal.counts_between(db, monday, today),
        weekly_targets=settings.weekly_targets(db),
        labels={activity.key: activity.label for activity in journal.activity_types(db)},
        recent_counts=journal.counts_between(db, today - timedelta(days=TIP_WINDOW_DAYS), today),
    )
