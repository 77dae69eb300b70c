"""The what-if planner: which weekly activity takes the score to a target, and how soon.

1. Start from the member's current weekly rates (the estimate's window). When the journal began
   less than a window ago (`journal_days`), the rates are those of the days it covers: a day
   before the first log is not a day without activity, and counting it as one would plan on a
   rhythm far below the member's (and add what they already do). Callers hold the plan back
   below `MIN_JOURNAL_DAYS`, where a few days say too little about a weekly rhythm.
2. With an official reading, plan on estimate + (official − estimate now) per pillar: the part of
   LinkedIn's score the journal does not explain (profile, older history, hidden inputs) is
   assumed to stay, and only the activity-driven part moves.
3. Greedily add one step of the action with the best gain per minute of effort, counting gains
   of the weakest pillar `WEAKEST_PILLAR_BOOST` times (LinkedIn's advice: fix the weakest pillar
   first), within realistic weekly caps; invitations and messages bring their accepted
   invitations and replies at conservative rates. Stop once the target is met by the horizon.
4. Project week by week: the rolling window fills with the new rates, so week k uses
   min(7k / window, 1) of the added volume; the steady state arrives once the window is covered.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Final

from ssi_tui.core.domain import (
    PILLAR_KEYS,
    PILLAR_MAX,
    PILLARS_BY_KEY,
    TOTAL_MAX,
    PillarKey,
    is_pillar_key,
)
from ssi_tui.core.estimate import (
    DEFAULT_PILLARS,
    DEFAULT_WEIGHTS,
    WINDOW_DAYS,
    Coverage,
    EstimateWeights,
    Journal,
    activity_points,
    pillar_points,
    profile_by_pillar,
    weekly_rates,
)

ACTIONS: Final[dict[str, tuple[float, int, int, str, str]]] = {
    # activity: (minutes each, weekly cap, step, singular, plural)
    "post": (45, 7, 1, "post", "posts"),  # writing plus answering its comments; daily at most
    "article": (120, 1, 1, "article", "articles"),
    "profile_update": (20, 1, 1, "profile update", "profile updates"),
    "search": (2, 50, 1, "people search", "people searches"),
    "profile_view": (1, 150, 5, "prospect profile view", "prospect profile views"),
    "connection_request": (2, 100, 5, "connection request", "connection requests"),  # LinkedIn ~100
    "group_joined": (5, 2, 1, "group joined", "groups joined"),
    "comment": (4, 70, 1, "comment", "comments"),  # ten thoughtful comments a day at most
    "reaction": (0.5, 200, 5, "reaction", "reactions"),
    "repost": (3, 14, 1, "repost", "reposts"),
    "follow": (0.5, 30, 1, "follow", "follows"),
    "message": (5, 70, 1, "message", "messages"),  # personal messages, not a mass mailing
    "inmail": (8, 12, 1, "InMail", "InMails"),  # Sales Navigator gives ~50 credits a month
    "endorsement_given": (1, 20, 1, "endorsement given", "endorsements given"),
    "recommendation_given": (20, 2, 1, "recommendation given", "recommendations given"),
    "meeting_booked": (30, 10, 1, "meeting booked", "meetings booked"),
}
"""What the member can do more of; outcomes (replies, acceptances, endorsements received) are
not planned directly."""

OUTCOMES: Final[dict[str, tuple[str, float]]] = {
    "connection_request": ("connection_accepted", 0.3),  # about a third are accepted
    "message": ("reply_received", 0.2),  # one reply in five messages
}
WEAKEST_PILLAR_BOOST: Final = 1.5
"""How much more a point in the weakest pillar is worth when choosing what to add."""
MIN_STEP_GAIN: Final = 0.005
"""A step adding less than this many points is not worth proposing."""


@dataclass(frozen=True)
class Plan:
    """Weekly counts that reach a target by the horizon, and the projection that shows it."""

    target: float
    target_pillar: PillarKey | None
    weeks: int
    reachable: bool
    weeks_to_target: int | None
    weekly_counts: dict[str, int]
    added_counts: dict[str, int]
    added_points: dict[str, float]
    """Activity → points its addition brings by the horizon (what the message names first)."""
    expected_outcomes: dict[str, float]
    """Extra acceptances and replies a week the plan counts on (`OUTCOMES`)."""
    added_minutes_per_week: float
    projected: list[tuple[int, float]]
    projected_pillars: list[tuple[int, dict[PillarKey, float]]]
    weakest_pillar: PillarKey
    message: str


@dataclass
class _Search:
    """The greedy search: the current rates, the offsets to the official scale, and additions."""

    current: Mapping[str, float]
    offsets: Mapping[PillarKey, float]
    weights: EstimateWeights
    activity_pillars: Mapping[str, PillarKey]
    pillar: PillarKey | None
    added: dict[str, float] = field(default_factory=dict)
    gained: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.profile_part = profile_by_pillar(None, self.weights)  # the same at every step
        self.points_memo: dict[tuple[str, float], float] = {}
        """(activity, rate) → its points: the search tries the same rates again and again."""

    def pillars(self, added: Mapping[str, float], week: int) -> dict[PillarKey, float]:
        """Pillars `week` weeks in, when the window holds min(7·week / window, 1) of new rates.

        The sums are `pillar_points`'s, in its order, with each activity's points looked up
        once per rate (thousands of trials share most of them).
        """
        share = min(7 * week / WINDOW_DAYS, 1.0)
        rates = dict(self.current)
        for activity, extra in added.items():
            rates[activity] = rates.get(activity, 0.0) + share * extra
        raw = {key: self.weights.base.get(key, 0.0) + self.profile_part[key] for key in PILLAR_KEYS}
        for activity, rate in rates.items():
            pillar = self.activity_pillars.get(activity)
            if pillar in raw and rate > 0:
                points = self.points_memo.get((activity, rate))
                if points is None:
                    points = activity_points(activity, rate, self.weights)
                    self.points_memo[(activity, rate)] = points
                raw[pillar] += points
        return {
            key: min(max(min(max(raw[key], 0.0), PILLAR_MAX) + self.offsets[key], 0.0), PILLAR_MAX)
            for key in PILLAR_KEYS
        }

    def score(self, values: Mapping[PillarKey, float]) -> float:
        return values[self.pillar] if self.pillar else sum(values.values())

    def run(self, target: float, horizon: int, weakest: PillarKey) -> float:
        """Add the best step until the score at `horizon` meets `target`; return that score."""
        values = self.pillars(self.added, horizon)
        while self.score(values) < target:
            best: tuple[float, str, dict[str, float], dict[PillarKey, float]] | None = None
            for activity, (minutes, cap, step, _, _) in ACTIONS.items():
                home = self.activity_pillars.get(activity)
                now = self.current.get(activity, 0.0) + self.added.get(activity, 0.0)
                if (self.pillar and home != self.pillar) or now + step > cap:
                    continue
                trial = _with_step(self.added, activity, step)
                trial_values = self.pillars(trial, horizon)
                gain = self.score(trial_values) - self.score(values)
                worth = gain * (WEAKEST_PILLAR_BOOST if home == weakest else 1.0) / (minutes * step)
                if gain >= MIN_STEP_GAIN and (best is None or worth > best[0]):
                    best = (worth, activity, trial, trial_values)
            if best is None:
                break
            _, activity, self.added, trial_values = best
            gain = self.score(trial_values) - self.score(values)
            self.gained[activity] = self.gained.get(activity, 0.0) + gain
            values = trial_values
        return self.score(values)


def plan(
    journal: Journal,
    as_of: date,
    target_total: float | None = None,
    target_pillar: tuple[PillarKey, float] | None = None,
    weeks: int = 8,
    weights: EstimateWeights = DEFAULT_WEIGHTS,
    latest_reading: Mapping[PillarKey, float] | None = None,
    activity_pillars: Mapping[str, PillarKey] = DEFAULT_PILLARS,
    journal_days: int | None = None,
) -> Plan:
    """Propose weekly counts that reach `target_total` (or a pillar's target) within `weeks`.

    `journal_days`: how many days up to `as_of` the journal covers (`journal_coverage`), when
    fewer than the window; the current rates are then taken over those days only.
    """
    pillar, target = validated_request(target_total, target_pillar, weeks)
    current = weekly_rates(journal, as_of, rate_days(journal_days))
    now, _ = pillar_points(current, weights=weights, activity_pillars=activity_pillars)
    official = latest_reading or now
    offsets = {key: official.get(key, now[key]) - now[key] for key in PILLAR_KEYS}
    search = _Search(current, offsets, weights, activity_pillars, pillar)
    start = search.pillars({}, 0)
    weakest = min(PILLAR_KEYS, key=lambda key: start[key])
    fill_weeks = math.ceil(WINDOW_DAYS / 7)
    best = search.run(target, min(weeks, fill_weeks), weakest)

    curve = [(week, search.pillars(search.added, week)) for week in range(fill_weeks + 1)]
    reachable = best >= target
    reached = [week for week, values in curve if search.score(values) >= target]
    added_counts = {a: round(search.added[a]) for a in ACTIONS if search.added.get(a, 0.0) > 0}
    weekly_counts = {a: round(current.get(a, 0.0) + search.added.get(a, 0.0)) for a in ACTIONS}
    result = Plan(
        target=target,
        target_pillar=pillar,
        weeks=weeks,
        reachable=reachable,
        weeks_to_target=reached[0] if reached and reachable else None,
        weekly_counts={a: count for a, count in weekly_counts.items() if count > 0},
        added_counts=added_counts,
        added_points={a: round(points, 2) for a, points in search.gained.items()},
        expected_outcomes={
            outcome: round(search.added[outcome], 1)
            for outcome, _ in OUTCOMES.values()
            if search.added.get(outcome, 0.0) > 0
        },
        added_minutes_per_week=float(sum(ACTIONS[a][0] * n for a, n in added_counts.items())),
        projected=[(week, round(sum(values.values()), 2)) for week, values in curve],
        projected_pillars=[
            (week, {key: round(value, 2) for key, value in values.items()})
            for week, values in curve
        ],
        weakest_pillar=weakest,
        message="",
    )
    return replace(result, message=_message(result, best))


def rate_days(journal_days: int | None) -> int:
    """Days the current weekly rates are taken over: the window, or the part of it covered."""
    if journal_days is None or journal_days <= 0:
        return WINDOW_DAYS
    return min(journal_days, WINDOW_DAYS)


def held_back_message(coverage: Coverage) -> str:
    """What the planner says instead of a plan while the journal covers too few days."""
    reason = coverage.held_back_reason("your journal", "the estimate")
    return (
        f"Plan held back: {reason}. Until then a plan would take the days before your first "
        "log for days without activity."
    )


def provisional_note(coverage: Coverage) -> str:
    """The line under a plan made before the journal covers the whole window ("" once it does)."""
    if coverage.state != "partial":
        return ""
    return (
        f"Provisional: your journal covers {coverage.days} of the estimate's "
        f"{coverage.window_days} days, so this plan takes your weekly rhythm from those "
        f"{coverage.days} days."
    )


def validated_request(
    target_total: float | None, target_pillar: tuple[str, float] | None, weeks: int
) -> tuple[PillarKey | None, float]:
    """(pillar or None for the total, target value), or a ValueError in one sentence.

    The pillar may be any text (a command line's, a form's): this is where it is checked."""
    if not 1 <= weeks <= 52:
        raise ValueError(f"The plan must cover 1 to 52 weeks, not {weeks}.")
    if (target_total is None) == (target_pillar is None):
        raise ValueError("Give either a target total or a pillar target, not both or neither.")
    if target_total is not None:
        if not 1 <= target_total <= TOTAL_MAX:
            raise ValueError(f"The target total must be between 1 and 100, not {target_total:g}.")
        return None, float(target_total)
    assert target_pillar is not None
    key, value = target_pillar
    if not is_pillar_key(key):
        names = ", ".join(PILLAR_KEYS[:-1]) + " or " + PILLAR_KEYS[-1]
        raise ValueError(f"There is no pillar called {key!r}: choose {names}.")
    if not 0 <= value <= PILLAR_MAX:
        raise ValueError(f"A pillar target must be between 0 and 25, not {value:g}.")
    return key, float(value)


def _with_step(added: Mapping[str, float], activity: str, step: int) -> dict[str, float]:
    """`added` plus one step of `activity` and the outcomes it brings."""
    result = dict(added)
    result[activity] = result.get(activity, 0.0) + step
    if activity in OUTCOMES:
        outcome, rate = OUTCOMES[activity]
        result[outcome] = result.get(outcome, 0.0) + rate * step
    return result


def _message(result: Plan, best: float) -> str:
    """One sentence with the numbers: when, what, and how much time it takes."""
    goal = f"{result.target:g}"
    if result.target_pillar:
        goal = f"{PILLARS_BY_KEY[result.target_pillar].short} {goal}"
    if not result.added_counts:
        if result.reachable:
            return f"At about {best:.0f} you already meet {goal}: keep your current weekly rhythm."
        return f"{goal} is out of reach: the weekly limits stop at about {best:.0f}."
    leading = sorted(result.added_counts, key=lambda a: -result.added_points.get(a, 0.0))[:3]
    named = [_count(a, result.weekly_counts.get(a, result.added_counts[a])) for a in leading]
    activity = ", ".join(named[:-1]) + " and " + named[-1] if len(named) > 1 else named[0]
    time = _duration(result.added_minutes_per_week)
    if result.reachable:
        when = result.weeks_to_target or result.weeks
        weeks = "week" if when == 1 else "weeks"
        return f"Reach {goal} in about {when} {weeks} with {activity} a week ({time} more a week)."
    span = f"{result.weeks} week{'s' if result.weeks > 1 else ''}"
    return (
        f"{goal} is out of reach in {span} even at the weekly limits: the best by then is "
        f"about {best:.0f}, with {activity} a week ({time} more a week)."
    )


def _count(activity: str, count: int) -> str:
    _, _, _, singular, plural = ACTIONS[activity]
    return f"{count} {singular if count == 1 else plural}"


def _duration(minutes: float) -> str:
    if minutes < 60:
        return f"about {max(5, round(minutes / 5) * 5)} minutes"
    hours = round(minutes / 30) / 2
    return f"about {hours:g} hour{'s' if hours != 1 else ''}"
