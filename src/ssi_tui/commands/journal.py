"""`ssi-tui log`, `journal`, `activity` and `targets`: the daily habit from the shell.

This is the quick-log path: it must stay as light as click and sqlite-utils themselves.
"""

from __future__ import annotations

from datetime import date, timedelta

import click
from sqlite_utils import Database

from ssi_tui.commands.common import ISO_DATE, PLAIN_TEXT, database, emit_json, refuse, today
from ssi_tui.core.activities import UnknownActivity, resolve_activity
from ssi_tui.core.domain import PILLAR_KEYS, PILLARS_BY_KEY, PillarKey
from ssi_tui.core.journal import WEEKEND_RULES, week_start
from ssi_tui.core.limits import OutOfRange, check_day
from ssi_tui.core.text import strip_control
from ssi_tui.store import journal, settings
from ssi_tui.store.transactions import writing


def _activity_key(db: Database, name: str) -> str:
    known = [activity.key for activity in journal.activity_types(db)]
    try:
        return resolve_activity(name, known)
    except UnknownActivity as error:
        refuse(str(error))


def _checked_day(day: date | None) -> date:
    try:
        return check_day(day or today(), today())
    except OutOfRange as error:
        refuse(str(error))


@click.command("log", context_settings={"ignore_unknown_options": True})
@click.argument("activity", type=PLAIN_TEXT)
@click.argument("count", default="1", metavar="[COUNT]")
@click.option("--date", "day", type=ISO_DATE, help="The day (default: today).")
@click.option("--note", type=PLAIN_TEXT, help="A note for this activity on that day.")
@click.option(
    "--set", "set_count", is_flag=True, help="Set the day's count instead of adding to it."
)
@click.pass_context
def log(
    ctx: click.Context,
    activity: str,
    count: str,
    day: date | None,
    note: str | None,
    set_count: bool,
) -> None:
    """Log what you did: `ssi-tui log comments 3` adds three comments to today."""
    try:
        amount = int(count)
    except ValueError:
        refuse(f"The count must be a whole number, not {count!r}.")
    if amount < 0:
        refuse(f"The count must be 0 or more, not {amount}; use --set to correct a day.")
    chosen = _checked_day(day)
    db = database(ctx)
    key = _activity_key(db, activity)
    try:
        if set_count:
            journal.set_manual(db, chosen, key, amount, note)
        else:
            journal.add_manual(db, chosen, key, amount, note)
    except OutOfRange as error:
        refuse(str(error))
    day_total = journal.counts_between(db, chosen, chosen).get(key, 0)
    week = journal.counts_between(db, week_start(chosen), chosen).get(key, 0)
    target = settings.weekly_targets(db).get(key)
    progress = f"; this week {week} of {target}" if target else f"; this week {week}"
    done = " ✓" if target and week >= target else ""
    verb = "Set" if set_count else "Logged"
    click.echo(
        f"{verb} {key} ×{amount} on {chosen.isoformat()} (day: {day_total}{progress}{done})."
    )


@click.command("journal")
@click.option("--since", type=ISO_DATE, help="First day to show (default: 30 days ago).")
@click.option("--json", "as_json", is_flag=True, help="Print entries as JSON.")
@click.pass_context
def show_journal(ctx: click.Context, since: date | None, as_json: bool) -> None:
    """What you did each day: your own logs and imported activity."""
    db = database(ctx)
    if as_json:
        rows = journal.entries(db, since=since)
        emit_json(
            [
                {
                    "date": entry.date.isoformat(),
                    "activity": entry.activity,
                    "count": entry.count,
                    **({"note": entry.note} if entry.note else {}),
                }
                for entry in rows
            ]
        )
        return
    start = since or today() - timedelta(days=30)
    rows = journal.entries(db, since=start)
    if not rows:
        click.echo(f"Nothing logged since {start.isoformat()}: try 'ssi-tui log comment 2'.")
        return
    current: date | None = None
    for entry in rows:
        if entry.date != current:
            current = entry.date
            click.echo(entry.date.strftime("%a %Y-%m-%d"))
        note = f"  — {strip_control(entry.note)}" if entry.note else ""
        click.echo(f"  {entry.count:>4}  {entry.activity}{note}")


@click.group("activity")
def activity_group() -> None:
    """The activity catalogue, and your own activity types."""


@activity_group.command("list")
@click.pass_context
def list_activities(ctx: click.Context) -> None:
    """Every activity with its pillar and weekly target."""
    db = database(ctx)
    targets = settings.weekly_targets(db)
    for activity in journal.activity_types(db):
        target = f"{targets[activity.key]}/week" if activity.key in targets else ""
        own = " (yours)" if activity.user_defined else ""
        pillar = PILLARS_BY_KEY[activity.pillar].short
        click.echo(
            f"{activity.key:<24} {pillar:<14} {target:>8}  {strip_control(activity.label)}{own}"
        )


@activity_group.command("add")
@click.argument("key", type=PLAIN_TEXT)
@click.option(
    "--pillar", type=click.Choice(PILLAR_KEYS), required=True, help="The pillar it feeds."
)
@click.option(
    "--label", type=PLAIN_TEXT, default="", help="How it is shown (default: from the key)."
)
@click.pass_context
def add_activity(ctx: click.Context, key: str, pillar: PillarKey, label: str) -> None:
    """Add your own activity type, e.g. `ssi-tui activity add webinar --pillar brand`."""
    try:
        added = journal.add_activity_type(database(ctx), key, pillar, label)
    except ValueError as error:
        refuse(str(error))
    click.echo(f"Added {added.key} ({PILLARS_BY_KEY[pillar].label}).")


@click.command("targets", context_settings={"ignore_unknown_options": True})
@click.argument("activity", type=PLAIN_TEXT, required=False)
@click.argument("target", type=int, required=False)
@click.option(
    "--weekends",
    type=click.Choice(WEEKEND_RULES),
    help="Whether streaks skip Saturdays and Sundays without activity (the default) or count them.",
)
@click.pass_context
def targets(
    ctx: click.Context, activity: str | None, target: int | None, weekends: str | None
) -> None:
    """Show weekly targets, or set one: `ssi-tui targets comment 15`; `--weekends count` makes
    a quiet weekend break the streak."""
    db = database(ctx)
    key = None
    if activity is not None:
        if target is None:
            refuse("Give the weekly target after the activity, e.g. 'ssi-tui targets comment 15'.")
        key = _activity_key(db, activity)
    if key is not None or weekends is not None:
        try:
            with writing(db):  # both or neither
                if key is not None and target is not None:
                    settings.set_weekly_target(db, key, target)
                if weekends is not None:
                    settings.set_streak_weekends(db, weekends)
        except ValueError as error:
            refuse(str(error))
    this_week = journal.counts_between(db, week_start(today()), today())
    for key, goal in sorted(settings.weekly_targets(db).items()):
        done = this_week.get(key, 0)
        click.echo(f"{key:<24} {done:>4} of {goal:<4} this week{'  ✓' if done >= goal else ''}")
    if settings.streak_weekends(db) == "skip":
        click.echo("Streaks skip Saturdays and Sundays without activity (--weekends count).")
    else:
        click.echo("Streaks count every day, weekends too (--weekends skip).")
