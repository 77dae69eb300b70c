"""`ssi-tui log`, `journal`, `activity` and `targets`: the daily habit from the shell.

This is the quick-log path: it must stay as light as click and sqlite-utils themselves.
"""

from __future__ import annotations

from datetime import date, timedelta

import click
from sqlite_utils import Database

from ssi_tui.commands.activity_help import ADD_HELP, LOG_HELP
from ssi_tui.commands.common import (
    DAY,
    DAY_HELP,
    PLAIN_TEXT,
    complete_activity,
    database,
    emit_json,
    refuse,
    today,
)
from ssi_tui.commands.output import (
    Column,
    echo_table,
    labels_of,
    one_line,
    say,
    table,
    wrapped,
)
from ssi_tui.core.activities import UnknownActivity, resolve_activity
from ssi_tui.core.dates import describe_day
from ssi_tui.core.domain import (
    PILLAR_KEYS,
    PILLARS_BY_KEY,
    ActivityType,
    PillarKey,
)
from ssi_tui.core.journal import WEEKEND_RULES, week_end, week_start
from ssi_tui.core.limits import OutOfRange, check_day
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


def in_a_sentence(label: str) -> str:
    """`Comment` → `comment` inside a sentence; `InMail sent` keeps its capitals."""
    first = label.split(" ", 1)[0]
    if len(first) > 1 and first[0].isupper() and first[1:].islower():
        return label[0].lower() + label[1:]
    return label


@click.command("log", context_settings={"ignore_unknown_options": True}, help=LOG_HELP)
@click.argument("activity", type=PLAIN_TEXT, shell_complete=complete_activity)
@click.argument("count", default="1", metavar="[COUNT]")
@click.option(
    "--date", "day", type=DAY, metavar="DAY", help=f"The day: {DAY_HELP} (default: today)."
)
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
    label = in_a_sentence(labels_of(journal.activity_types(db)).get(key, key))
    day_total = journal.counts_between(db, chosen, chosen).get(key, 0)
    week = journal.counts_between(db, week_start(chosen), chosen).get(key, 0)
    target = settings.weekly_targets(db).get(key)
    which_week = "this week" if week_start(chosen) == week_start(today()) else "that week"
    progress = f"{week} of {target} {which_week}" if target else f"{week} {which_week}"
    if target and week >= target:
        progress += ", target met ✓"
    done = f"Set {label} to {amount}" if set_count else f"Logged {label} ×{amount}"
    say(f"{done} on {describe_day(chosen, today())}: {day_total} that day, {progress}.")


@click.command("journal")
@click.option(
    "--since",
    type=DAY,
    metavar="DAY",
    help=f"The first day to show: {DAY_HELP} (default: 30 days ago).",
)
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
        say(f"Nothing logged since {describe_day(start, today())}: try 'ssi-tui log comment 2'.")
        return
    types = journal.activity_types(db)
    labels, pillars = labels_of(types), {a.key: PILLARS_BY_KEY[a.pillar].short for a in types}
    order = {activity.key: place for place, activity in enumerate(types)}
    rows.sort(key=lambda entry: (entry.date, order.get(entry.activity, len(order)), entry.activity))
    columns = [
        Column("Date"),
        Column("Activity", shrinks=2),
        Column("Pillar"),
        Column("Count", right=True),
    ]
    cells: list[tuple[str, str, str, str]] = []
    notes: dict[int, str] = {}
    shown: date | None = None
    for entry in rows:
        day = f"{entry.date:%a} {entry.date.isoformat()}" if entry.date != shown else ""
        shown = entry.date
        label = labels.get(entry.activity, one_line(entry.activity))
        cells.append((day, label, pillars.get(entry.activity, ""), str(entry.count)))
        if one_line(entry.note):
            notes[len(cells)] = one_line(entry.note)
    lines = table(columns, cells)
    indent = " " * lines[0].index(columns[1].head)  # notes go under the activity
    if since is None:
        say(f"Since {describe_day(start, today())} (--since DAY shows more):")
    click.echo(lines[0])
    for number, line in enumerate(lines[1:], start=1):
        click.echo(line)
        if number in notes:
            click.echo(wrapped(f"{indent}Note: {notes[number]}", indent + "      "))


@click.group("activity")
def activity_group() -> None:
    """The activity catalogue, and your own activity types."""


@activity_group.command("list")
@click.pass_context
def list_activities(ctx: click.Context) -> None:
    """Every activity: the key you log it by, its label, its pillar and weekly target."""
    db = database(ctx)
    targets = settings.weekly_targets(db)
    echo_table(
        [
            Column("Key", shrinks=1, least=24),
            Column("Activity", shrinks=2, least=16),
            Column("Pillar"),
            Column("Per week", right=True),
        ],
        [
            (
                activity.key,
                one_line(activity.label) + (" (yours)" if activity.user_defined else ""),
                PILLARS_BY_KEY[activity.pillar].short,
                str(targets.get(activity.key, "")),
            )
            for activity in journal.activity_types(db)
        ],
    )
    say(
        "Log one with 'ssi-tui log KEY [COUNT]', set its weekly target with "
        "'ssi-tui targets KEY N', add your own with 'ssi-tui activity add KEY --pillar PILLAR'."
    )


@activity_group.command("add", help=ADD_HELP)
@click.argument("key", type=PLAIN_TEXT)
@click.option(
    "--pillar",
    type=click.Choice(PILLAR_KEYS),
    required=True,
    help="The pillar it feeds (see above).",
)
@click.option(
    "--label", type=PLAIN_TEXT, default="", help="How it is shown (default: from the key)."
)
@click.pass_context
def add_activity(ctx: click.Context, key: str, pillar: PillarKey, label: str) -> None:
    try:
        added = journal.add_activity_type(database(ctx), key, pillar, label)
    except ValueError as error:
        refuse(str(error))
    say(
        f"Added {added.key} ({one_line(added.label)}), which feeds "
        f"{PILLARS_BY_KEY[pillar].label}: log it with 'ssi-tui log {added.key}'."
    )


@click.command("targets", context_settings={"ignore_unknown_options": True})
@click.argument("activity", type=PLAIN_TEXT, required=False, shell_complete=complete_activity)
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
    """Show weekly targets, or set one: `ssi-tui targets comment 15` (0 removes it);
    `--weekends count` makes a quiet weekend break the streak.

    ACTIVITY is what `ssi-tui log` takes: a key, its plural or an everyday word. Weeks run
    Monday to Sunday.
    """
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
    types = journal.activity_types(db)
    labels = labels_of(types)
    if key is not None:
        what = labels.get(key, key)
        say(
            f"{what} has no weekly target now."
            if target == 0
            else f"{what}: {target} a week from now on."
        )
    _show_targets(db, types, labels)


def _show_targets(db: Database, types: list[ActivityType], labels: dict[str, str]) -> None:
    goals = settings.weekly_targets(db)
    monday = week_start(today())
    this_week = journal.counts_between(db, monday, today())
    order = [a.key for a in types if a.key in goals] + sorted(set(goals) - {a.key for a in types})
    if not order:
        say("No weekly targets yet: set one with 'ssi-tui targets comment 10'.")
    else:
        say(f"This week, Monday {monday.isoformat()} to Sunday {week_end(monday).isoformat()}:")
        rows = []
        for key in order:
            done, goal = this_week.get(key, 0), goals[key]
            left = "✓" if done >= goal else str(goal - done)
            rows.append((labels.get(key, key), key, str(done), str(goal), left))
        echo_table(
            [
                Column("Activity", shrinks=2, least=16),
                Column("Key", shrinks=1, least=24),
                Column("Done", right=True),
                Column("Target", right=True),
                Column("Left", right=True),
            ],
            rows,
        )
    if settings.streak_weekends(db) == "skip":
        say(
            "Streaks skip Saturdays and Sundays without activity "
            "('ssi-tui targets --weekends count' counts them)."
        )
    else:
        say(
            "Streaks count every day, weekends too "
            "('ssi-tui targets --weekends skip' lets a quiet weekend pass)."
        )
