"""`ssi-tui estimate` and `ssi-tui plan`: what the journal says, and what to do next.

Both only read, with sqlite3 alone, while the cached calibration is fresh; a stale one is
fitted again and cached, and only then are sqlite-utils, NumPy and SciPy loaded.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

import click

from ssi_tui.commands.common import DECIMAL, emit_json, reader, refuse, today
from ssi_tui.commands.output import Column, echo_table, labels_of, say, table
from ssi_tui.core.calibration import MIN_READINGS, Calibration
from ssi_tui.core.domain import DEFAULT_TARGET, PILLAR_KEYS, PILLARS, PILLARS_BY_KEY, PillarKey
from ssi_tui.core.estimate import WINDOW_DAYS, Coverage
from ssi_tui.store import estimates, journal, readings
from ssi_tui.store.views import load_coverage

if TYPE_CHECKING:
    from ssi_tui.core.planner import Plan
    from ssi_tui.store.reader import Reader


def _calibration(db: Reader) -> Calibration | None:
    """The cached fit, refitted and cached when the data changed (this loads NumPy and SciPy,
    and sqlite-utils to write the cache)."""
    if estimates.readings_count(db) < MIN_READINGS:
        return None
    calibration, fresh = estimates.cached_calibration(db)
    if calibration is not None and fresh:
        return calibration
    from ssi_tui.analysis.calibration_fit import calibrate_and_cache
    from ssi_tui.store.database import as_database

    return calibrate_and_cache(as_database(db.conn))


def _coverage_json(coverage: Coverage) -> dict[str, Any]:
    """How much of the window the journal covers: added keys, the others keep their meaning."""
    return {
        "journal_days": coverage.days,
        "journal_days_needed": coverage.needed,
        "journal_coverage": coverage.state,
    }


def _calibration_json(calibration: Calibration | None, n_readings: int) -> dict[str, Any]:
    if calibration is None or calibration.weights is None:
        reason = (
            calibration.reason
            if calibration is not None and calibration.reason
            else f"Calibration needs at least {MIN_READINGS} official readings; "
            f"you have {n_readings}."
        )
        return {"calibrated": False, "n_readings": n_readings, "reason": reason}
    return {
        "calibrated": True,
        "n_readings": calibration.n_readings,
        "loo_mae_total": calibration.loo_mae_total,
        "loo_mae_default_total": calibration.loo_mae_default_total,
        "loo_mae_pillars": dict(calibration.loo_mae_pillars),
        "reason": None,
    }


@click.command("estimate")
@click.option("--json", "as_json", is_flag=True, help="Print the estimate as JSON.")
@click.pass_context
def show_estimate(ctx: click.Context, as_json: bool) -> None:
    """Your four pillars estimated from the last four weeks of your journal."""
    db = reader(ctx)
    calibration = _calibration(db)
    result = estimates.current_estimate(db, today(), calibration)
    coverage = load_coverage(db, result.as_of)
    history = readings.list_readings(db)
    latest = history[-1] if history else None
    calibration_info = _calibration_json(calibration, len(history))
    if as_json:
        official_json = (
            None
            if latest is None
            else {"date": latest.date.isoformat(), "total": latest.total} | dict(latest.pillars)
        )
        emit_json(
            {
                "as_of": result.as_of.isoformat(),
                "window_days": result.window_days,
                "pillars": result.pillars,
                "total": result.total,
                "calibrated": result.calibrated,
                "calibration": calibration_info,
                "contributions": {k: round(v, 2) for k, v in result.contributions.items()},
                "official": official_json,
            }
            | _coverage_json(coverage)
        )
        return
    if coverage.held_back:
        say(f"Estimate from your journal: held back — {coverage.held_back_reason()}.")
        say("Its numbers are in 'ssi-tui estimate --json' for scripts, marked as held back.")
        return
    how = "calibrated on your readings" if result.calibrated else "default weights"
    say(f"Estimate from your journal: {result.window_days} days to {result.as_of}, {how}.")
    if coverage.state == "partial":
        say(
            f"So far it {coverage.partial_note()}: the days before your first log count as "
            "days without activity."
        )
    columns = [Column("Pillar"), Column("Estimate", right=True)]
    if latest:
        columns.append(Column("Official", right=True))
    rows = [
        (pillar.label, f"{result.pillars[pillar.key]:.2f}")
        + ((f"{latest.pillars[pillar.key]:.2f}",) if latest else ())
        for pillar in PILLARS
    ]
    rows.append(("Total", f"{result.total:.2f}") + ((f"{latest.total:g}",) if latest else ()))
    echo_table(columns, rows)
    if latest:
        say(f"Official is your latest reading, of {latest.date.isoformat()}.")
    if calibration_info["calibrated"]:
        say(_calibrated_line(calibration_info))
    else:
        say(str(calibration_info["reason"]))
    top = sorted(result.contributions.items(), key=lambda item: -item[1])[:5]
    if top:
        labels = _labels(db)
        points = [f"{labels.get(key, key)} ({value:.1f})" for key, value in top]
        say(f"Most points come from {_listed(points)}.")


def _labels(db: Reader) -> dict[str, str]:
    return labels_of(journal.activity_types(db))


def _listed(items: list[str]) -> str:
    """`a`, `a and b`, `a, b and c`."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _calibrated_line(info: dict[str, Any]) -> str:
    return (
        f"Calibrated on {info['n_readings']} readings: leave-one-out error "
        f"±{info['loo_mae_total']:.1f} points on the total "
        f"(default weights: ±{info['loo_mae_default_total']:.1f})."
    )


@click.command("plan")
@click.option("--target", type=DECIMAL, help="The SSI total to reach (default: your target).")
@click.option("--weeks", type=int, default=8, show_default=True, help="The horizon, in weeks.")
@click.option(
    "--pillar", type=click.Choice(PILLAR_KEYS), help="Plan for one pillar instead of the total."
)
@click.option("--pillar-target", type=DECIMAL, help="The pillar value to reach (0–25).")
@click.option("--json", "as_json", is_flag=True, help="Print the plan as JSON.")
@click.pass_context
def show_plan(
    ctx: click.Context,
    target: float | None,
    weeks: int,
    pillar: PillarKey | None,  # click.Choice(PILLAR_KEYS) lets nothing else through
    pillar_target: float | None,
    as_json: bool,
) -> None:
    """What weekly activity would reach a target, according to the estimate."""
    from ssi_tui.core.planner import (
        held_back_message,
        plan,
        provisional_note,
        validated_request,
    )
    from ssi_tui.store import settings

    if (pillar is None) != (pillar_target is None):
        refuse("Give both --pillar and --pillar-target, or neither.")
    try:  # before anything is read or cached: a refused plan leaves the file as it was
        if pillar is not None and pillar_target is not None:
            validated_request(None, (pillar, pillar_target), weeks)
        else:
            validated_request(DEFAULT_TARGET if target is None else target, None, weeks)
    except ValueError as error:
        refuse(str(error))
    db = reader(ctx)
    total = None if pillar else (settings.get_target(db) if target is None else target)
    history = readings.list_readings(db)
    calibration = _calibration(db)
    as_of = today()
    coverage = load_coverage(db, as_of)
    try:
        result = plan(
            estimates.journal_map(db, as_of - timedelta(days=WINDOW_DAYS), as_of),
            as_of,
            target_total=total,
            target_pillar=(pillar, pillar_target) if pillar and pillar_target is not None else None,
            weeks=weeks,
            weights=estimates.weights_from(calibration),
            latest_reading=dict(history[-1].pillars) if history else None,
            activity_pillars=estimates.activity_pillars(db),
            # Held back, the numbers stay the window's (scripts read them, flagged): a few
            # days say too little about a weekly rhythm to take the rates from them.
            journal_days=None if coverage.held_back else coverage.days,
        )
    except ValueError as error:
        refuse(str(error))
    if as_json:
        emit_json(
            {
                "target": result.target,
                "pillar": result.target_pillar,
                "weeks": result.weeks,
                "reachable": result.reachable,
                "weeks_to_target": result.weeks_to_target,
                "weekly_counts": result.weekly_counts,
                "added_counts": result.added_counts,
                "added_minutes_per_week": result.added_minutes_per_week,
                "weakest_pillar": result.weakest_pillar,
                "projected": [{"week": w, "total": t} for w, t in result.projected],
                "projected_pillars": [{"week": w, **p} for w, p in result.projected_pillars],
                "message": result.message,
                "window_days": WINDOW_DAYS,
            }
            | _coverage_json(coverage)
        )
        return
    if coverage.held_back:
        say(held_back_message(coverage))
        return
    say(result.message)
    if provisional_note(coverage):
        say(provisional_note(coverage))
    if result.weekly_counts:
        labels = _labels(db)
        echo_table(
            [
                Column("Activity", shrinks=2),
                Column("Each week", right=True),
                Column("More than now", right=True),
            ],
            [
                (labels.get(key, key), str(count), str(result.added_counts.get(key) or ""))
                for key, count in sorted(result.weekly_counts.items(), key=lambda item: -item[1])
            ],
        )
    _show_projection(result)


def _show_projection(result: Plan) -> None:
    """The projected total (and the planned pillar) week by week, as rows of a few weeks."""
    say("Projected, week by week:")
    series = [("Total", [f"{total:.0f}" for _, total in result.projected])]
    if result.target_pillar:
        name = PILLARS_BY_KEY[result.target_pillar].short
        series.append(
            (
                name,
                [f"{values[result.target_pillar]:.1f}" for _, values in result.projected_pillars],
            )
        )
    weeks = ["now" if week == 0 else str(week) for week, _ in result.projected]
    per_line = 12
    for first in range(0, len(weeks), per_line):
        part = slice(first, first + per_line)
        columns = [Column("Week"), *(Column(week, right=True) for week in weeks[part])]
        lines = [[name, *values[part]] for name, values in series]
        for text in table(columns, lines):
            click.echo(text)
