"""A transparent estimate of the four SSI pillars from the activity journal.

LinkedIn lists what feeds each pillar but not the formula, so the estimate is a small model a
member can check by hand:

1. Window: only the last `WINDOW_DAYS` days up to `as_of` count (the score updates daily and
   reflects recent activity).
2. Rate: r_a = that window's count of activity a, per week.
3. Feature: x_a = 1 − exp(−r_a / s_a), where s_a is the weekly volume that earns ~63% of the
   activity's points: the first comments of a week matter more than the fiftieth.
4. Pillar: clip(base_p + Σ_{a in p} W_a·x_a + profile terms, 0, 25); total = Σ pillars.

Profile terms (brand: profile completeness and followers; people: connections; relationships:
share of decision-maker connections) use `TYPICAL_PROFILE` for facts not yet imported, so an
import moves the estimate up or down instead of only up. Every weight and base is ≥ 0, hence the
estimate never decreases when a count increases. `calibration.py` fits the weights to the
member's official readings.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from types import MappingProxyType
from typing import Any, Final, Literal, NamedTuple

from ssi_tui.core.domain import ACTIVITY_CATALOGUE, PILLAR_KEYS, PILLAR_MAX, PillarKey

Journal = Mapping[date, Mapping[str, int]]
"""Day → activity key → count."""

WINDOW_DAYS: Final = 28
"""Four whole weeks: recent enough to follow a new habit, long enough that a quiet week or the
weekend rhythm does not swing the estimate; a two-week holiday still shows as a dip."""

MIN_JOURNAL_DAYS: Final = 14
"""Days of the window the journal must cover before the estimate and the plan are shown.

The estimate counts every day of its window, so a day before the first log counts as a day
without activity, and a new journal reads far below the member's real rhythm. Half the window
is where at least half of it stands on what was logged, and where two whole weeks have shown
the weekly rhythm (working days and weekend) twice; below it the number says more about how
recently the journal began than about the member. From there to `WINDOW_DAYS` the estimate is
shown with how many days it covers."""

CoverageState = Literal["held_back", "partial", "full"]


class Coverage(NamedTuple):
    """How much of the estimate's window the journal covers, and what that allows."""

    days: int
    """Days from the first logged day (by hand or imported) to `as_of`, at most the window."""
    window_days: int = WINDOW_DAYS
    needed: int = MIN_JOURNAL_DAYS

    @property
    def state(self) -> CoverageState:
        """Held back below `needed` days, partial until the window is covered, then full."""
        if self.days < self.needed:
            return "held_back"
        return "partial" if self.days < self.window_days else "full"

    @property
    def held_back(self) -> bool:
        return self.state == "held_back"

    @property
    def days_to_go(self) -> int:
        """Days of logging still needed before the estimate is shown (0 once it is)."""
        return max(self.needed - self.days, 0)

    def held_back_reason(self, subject: str = "it", owner: str = "it") -> str:
        """Why the estimate waits: "it covers 2 of the 28 days it needs (about 12 more days of
        logging)", with `subject` for the journal and `owner` for what needs the days."""
        if self.days == 0:
            return f"nothing is logged yet ({owner} needs {self.needed} days of logging)"
        more = self.days_to_go
        return (
            f"{subject} covers {self.days} of the {self.window_days} days {owner} needs "
            f"(about {more} more day{'s' if more != 1 else ''} of logging)"
        )

    def partial_note(self) -> str:
        """The days covered, e.g. "covers 20 of its 28 days", for a partial estimate."""
        return f"covers {self.days} of its {self.window_days} days"


def journal_coverage(
    first_day: date | None,
    as_of: date,
    window_days: int = WINDOW_DAYS,
    needed: int = MIN_JOURNAL_DAYS,
) -> Coverage:
    """The days of the window ending on `as_of` that the journal covers, counting from its first
    logged day (inclusive): 0 with nothing logged by `as_of`, never more than `window_days`.

    A quiet day after the first log is covered (the member logged nothing because they did
    nothing); a day before it is not (nobody was logging yet).
    """
    days = 0 if first_day is None or first_day > as_of else (as_of - first_day).days + 1
    window = max(window_days, 1)
    return Coverage(min(days, window), window, min(max(needed, 1), window))


DEFAULT_PILLARS: Final[dict[str, PillarKey]] = {a.key: a.pillar for a in ACTIVITY_CATALOGUE}

ACTIVITY_TABLE: Final[dict[str, tuple[float, float]]] = {
    # activity: (W = points at saturation, s = weekly volume earning ~63% of W)
    "post": (6.0, 2.0),  # posts lead LinkedIn's brand list; 2 a week is a steady creator
    "article": (1.5, 0.5),  # long form, one a fortnight is a lot
    "profile_update": (1.0, 0.5),  # a fresh profile counts, but once done it is done
    "endorsement_received": (1.5, 2.0),  # social proof trickles in a few a week
    "recommendation_received": (1.5, 0.25),  # one a month is already rare and valuable
    "search": (3.0, 10.0),  # two searches a working day find the right people
    "profile_view": (3.5, 25.0),  # views are cheap; five prospects a day is diligent
    "connection_request": (5.0, 20.0),  # LinkedIn caps invitations near 100 a week
    "connection_accepted": (3.5, 8.0),  # acceptance is LinkedIn's stated quality signal
    "group_joined": (1.0, 0.5),  # joining is occasional
    "comment": (9.0, 12.0),  # the strongest insights input; two or three a working day
    "reaction": (4.0, 30.0),  # cheap, so it takes many (about six a day) and weighs less
    "repost": (2.5, 2.0),  # sharing with a note, a couple a week
    "follow": (2.0, 3.0),  # following people and companies, a few a week
    "message": (6.0, 12.0),  # personal messages lead LinkedIn's relationships list
    "reply_received": (4.0, 5.0),  # response rate: conversations, not broadcasts
    "inmail": (1.5, 2.0),  # Sales Navigator credits are scarce
    "endorsement_given": (1.0, 2.0),
    "recommendation_given": (1.0, 0.25),  # one a month is generous
    "meeting_booked": (1.5, 1.0),  # conversations that became meetings
}

PILLAR_BASE: Final[dict[PillarKey, float]] = {
    # Points with no recent activity. With the typical profile an idle member scores 5-10 per
    # pillar; at full saturation every pillar tops out between 22.5 and 24, below 25.
    "brand": 4.0,
    "people": 3.0,
    "insights": 5.0,  # insights has no profile term, so its floor carries an idle member alone
    "relationships": 4.0,
}

PROFILE_TABLE: Final[dict[str, tuple[PillarKey, float]]] = {
    # term: (pillar, points at saturation)
    "completeness": ("brand", 7.0),  # photo, headline, summary, skills: LinkedIn's first input
    "followers": ("brand", 1.5),
    "connections": ("people", 4.0),
    "decision_makers": ("relationships", 4.0),  # LinkedIn: connections with VPs and up
}

USER_ACTIVITY_WEIGHT: Final = 1.5
"""Points at saturation for a member's own activity type: it counts, but modestly, since we
cannot know how LinkedIn weighs it."""
USER_ACTIVITY_SCALE: Final = 5.0
"""Weekly volume for ~63% of a member's own activity type: about one per working day."""

FOLLOWERS_SCALE: Final = 1_000
"""Followers at which ~63% of the follower points are earned (log scale)."""
CONNECTIONS_SCALE: Final = 500
"""Connections at which ~63% of the connection points are earned: LinkedIn's "500+"."""
DECISION_MAKER_SHARE_SCALE: Final = 0.15
"""Share of VP-and-up connections earning ~63% of their points."""


class ProfileFigures(NamedTuple):
    """The profile figures the estimate uses, filled in by imports; `None` means not known yet.

    (Not `importers.ProfileFacts`, what one file says about the profile, from which these
    figures are merged.)
    """

    profile_completeness: float | None = None
    connections: int | None = None
    decision_maker_connections: int | None = None
    followers: int | None = None


TYPICAL_PROFILE: Final = ProfileFigures(0.7, 500, 40, 500)
"""A typical salesperson's profile, assumed for facts not known yet."""


_DEFAULT_WEIGHT = MappingProxyType({key: w for key, (w, _) in ACTIVITY_TABLE.items()})
_DEFAULT_SCALE = MappingProxyType({key: s for key, (_, s) in ACTIVITY_TABLE.items()})
_DEFAULT_PROFILE = MappingProxyType({term: w for term, (_, w) in PROFILE_TABLE.items()})


class EstimateWeights(NamedTuple):
    """Everything the estimate multiplies by; the defaults below, or a calibration's fit.

    The default mappings are read-only views, shared by every instance.
    """

    base: Mapping[PillarKey, float] = MappingProxyType(PILLAR_BASE)
    weight: Mapping[str, float] = _DEFAULT_WEIGHT
    scale: Mapping[str, float] = _DEFAULT_SCALE
    profile: Mapping[str, float] = _DEFAULT_PROFILE
    user_weight: float = USER_ACTIVITY_WEIGHT
    user_scale: float = USER_ACTIVITY_SCALE
    calibrated: bool = False

    def weight_of(self, activity: str) -> float:
        return self.weight.get(activity, self.user_weight)

    def scale_of(self, activity: str) -> float:
        return self.scale.get(activity, self.user_scale)

    def with_fit(
        self, base: Mapping[PillarKey, float], weight: Mapping[str, float]
    ) -> EstimateWeights:
        """These weights with a calibration's bases and activity weights."""
        return self._replace(base=dict(base), weight={**self.weight, **weight}, calibrated=True)

    def to_json(self) -> dict[str, Any]:
        """Plain dicts of floats, for the settings table."""
        return {name: _plain(value) for name, value in zip(self._fields, self, strict=True)}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> EstimateWeights:
        return cls(**{name: _plain(data[name]) for name in cls._fields if name in data})


def _plain(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, Mapping):
        return {str(key): float(number) for key, number in value.items()}
    return float(value)


DEFAULT_WEIGHTS: Final = EstimateWeights()


class Estimate(NamedTuple):
    """The four estimated pillars and where their points come from."""

    pillars: dict[PillarKey, float]
    total: float
    window_days: int
    as_of: date
    contributions: dict[str, float]
    """Activity → points it adds (before the 0..25 clip); only activities in the window."""
    profile_contributions: dict[str, float]
    """Profile term → points it adds (typical values when a fact is unknown)."""
    calibrated: bool


def journal_from_rows(rows: Iterable[Mapping[str, Any]]) -> dict[date, dict[str, int]]:
    """Journal rows ({date, activity, count}, dates as ISO text or `date`) as a `Journal`."""
    journal: dict[date, dict[str, int]] = {}
    for row in rows:
        day = row["date"] if isinstance(row["date"], date) else date.fromisoformat(row["date"])
        counts = journal.setdefault(day, {})
        counts[row["activity"]] = counts.get(row["activity"], 0) + int(row["count"])
    return journal


def weekly_rates(journal: Journal, as_of: date, window_days: int = WINDOW_DAYS) -> dict[str, float]:
    """Activity → count per week over the `window_days` days ending on `as_of`."""
    totals: dict[str, float] = {}
    for offset in range(window_days):
        for activity, count in journal.get(as_of - timedelta(days=offset), {}).items():
            totals[activity] = totals.get(activity, 0.0) + max(count, 0)
    weeks = window_days / 7
    return {activity: total / weeks for activity, total in totals.items()}


def saturate(rate: float, scale: float) -> float:
    """1 − exp(−rate / scale): 0 when idle, ~0.63 at `scale`, approaching 1."""
    return 1.0 - math.exp(-max(rate, 0.0) / scale)


def features_at(
    journal: Journal,
    as_of: date,
    window_days: int,
    scales: Mapping[str, float],
    default_scale: float = USER_ACTIVITY_SCALE,
) -> dict[str, float]:
    """The saturating features x_a: every activity in `scales`, plus any other in the window."""
    rates = weekly_rates(journal, as_of, window_days)
    names = {*scales, *rates}
    return {name: saturate(rates.get(name, 0.0), scales.get(name, default_scale)) for name in names}


def _log_saturate(count: float, scale: float) -> float:
    """Saturation on a log scale: the 10th connection matters more than the 10,000th."""
    return 1.0 - math.exp(-math.log1p(max(count, 0.0)) / math.log1p(scale))


def profile_features(profile: ProfileFigures | None) -> dict[str, float]:
    """Profile term → value in 0..1, with `TYPICAL_PROFILE` standing in for unknown facts."""
    facts, typical = profile or ProfileFigures(), TYPICAL_PROFILE
    completeness = _known(facts.profile_completeness, typical.profile_completeness)
    connections = _known(facts.connections, typical.connections)
    leaders = _known(facts.decision_maker_connections, typical.decision_maker_connections)
    share = min(leaders / connections, 1.0) if connections > 0 else 0.0
    return {
        "completeness": min(max(completeness, 0.0), 1.0),
        "followers": _log_saturate(_known(facts.followers, typical.followers), FOLLOWERS_SCALE),
        "connections": _log_saturate(connections, CONNECTIONS_SCALE),
        "decision_makers": saturate(share, DECISION_MAKER_SHARE_SCALE),
    }


def _known(value: float | None, typical: float | None) -> float:
    return float(value if value is not None else typical or 0.0)


def profile_points(profile: ProfileFigures | None, weights: EstimateWeights) -> dict[str, float]:
    """Profile term → the points it adds to its pillar."""
    return {
        term: weights.profile.get(term, 0.0) * value
        for term, value in profile_features(profile).items()
    }


def profile_by_pillar(
    profile: ProfileFigures | None, weights: EstimateWeights
) -> dict[PillarKey, float]:
    """Pillar → the points its profile terms add."""
    points = dict.fromkeys(PILLAR_KEYS, 0.0)
    for term, value in profile_points(profile, weights).items():
        points[PROFILE_TABLE[term][0]] += value
    return points


def activity_points(activity: str, rate: float, weights: EstimateWeights) -> float:
    """The points a weekly `rate` of `activity` adds to its pillar."""
    return weights.weight_of(activity) * saturate(rate, weights.scale_of(activity))


def pillar_points(
    rates: Mapping[str, float],
    *,
    profile: ProfileFigures | None = None,
    activity_pillars: Mapping[str, PillarKey] = DEFAULT_PILLARS,
    weights: EstimateWeights = DEFAULT_WEIGHTS,
) -> tuple[dict[PillarKey, float], dict[str, float]]:
    """(pillar → clipped, unrounded points; activity → points) for the given weekly rates."""
    profile_part = profile_by_pillar(profile, weights)
    pillars = {key: weights.base.get(key, 0.0) + profile_part[key] for key in PILLAR_KEYS}
    contributions: dict[str, float] = {}
    for activity, rate in rates.items():
        pillar = activity_pillars.get(activity)
        if pillar in pillars and rate > 0:
            points = activity_points(activity, rate, weights)
            contributions[activity] = points
            pillars[pillar] += points
    return {k: min(max(v, 0.0), PILLAR_MAX) for k, v in pillars.items()}, contributions


def estimate(
    journal: Journal,
    as_of: date,
    profile: ProfileFigures | None = None,
    activity_pillars: Mapping[str, PillarKey] = DEFAULT_PILLARS,
    weights: EstimateWeights = DEFAULT_WEIGHTS,
    window_days: int = WINDOW_DAYS,
) -> Estimate:
    """The four pillars as the journal's last `window_days` days suggest them on `as_of`."""
    rates = weekly_rates(journal, as_of, window_days)
    pillars, contributions = pillar_points(
        rates, profile=profile, activity_pillars=activity_pillars, weights=weights
    )
    rounded = {key: round(value, 2) for key, value in pillars.items()}
    return Estimate(
        pillars=rounded,
        total=round(sum(rounded.values()), 2),
        window_days=window_days,
        as_of=as_of,
        contributions={key: round(value, 2) for key, value in contributions.items()},
        profile_contributions={
            key: round(value, 2) for key, value in profile_points(profile, weights).items()
        },
        calibrated=weights.calibrated,
    )
