"""`ssi-tui ssi …`: record, paste, list and delete official SSI readings; set the target."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from ssi_tui.commands.common import (
    DAY,
    DAY_HELP,
    DECIMAL,
    database,
    emit_json,
    read_text_input,
    reader,
    refuse,
    today,
)
from ssi_tui.commands.output import Column, echo_table, one_line, say, wrapped
from ssi_tui.core.domain import PILLARS, PillarKey, band_for
from ssi_tui.core.readings import (
    Reading,
    ReadingError,
    build_reading,
    reading_as_json,
    reading_from_parsed,
)
from ssi_tui.core.ssi_paste import SsiParseError, parse_ssi
from ssi_tui.store import readings, settings

DATE_HELP = f"The day of the reading: {DAY_HELP} (default: today)."


def describe(reading: Reading) -> str:
    """A reading as the few lines a person checks before saving it."""
    band = band_for(reading.total)
    lines = [
        f"Date      {reading.date.isoformat()}",
        f"Total     {reading.total:g} of 100 ({band.name})",
    ]
    lines += [f"  {reading.pillars[p.key]:6.2f}  {p.label}" for p in PILLARS]
    for name, rank, average in (
        ("Industry", reading.industry_rank, reading.industry_average),
        ("Network", reading.network_rank, reading.network_average),
    ):
        if rank is not None or average is not None:
            top = f"Top {rank}%" if rank is not None else "rank unknown"
            mean = f", average SSI {average:g}" if average is not None else ""
            lines.append(f"{name:<9} {top}{mean}")
    if reading.weekly_change:
        lines.append(wrapped(f"LinkedIn  {one_line(reading.weekly_change)}", " " * 10))
    return "\n".join(lines)


def save(ctx: click.Context, reading: Reading, replace: bool) -> None:
    db = database(ctx)
    try:
        readings.save_reading(db, reading, replace=replace)
    except readings.ReadingExists:
        refuse(_ALREADY_SAVED.format(day=reading.date.isoformat()))


def refuse_a_second_reading(ctx: click.Context, day: date) -> None:
    """Refuse a paste for a day that has its reading before the page is read, not after the
    user pasted it all. The day comes from --date or today, never from the page's text."""
    path: Path = ctx.find_root().obj
    if path.is_file() and readings.reading_exists(reader(ctx), day):  # no file: no reading
        refuse(_ALREADY_SAVED.format(day=day.isoformat()))


_ALREADY_SAVED = "A reading for {day} is already saved; add --replace to replace it."


@click.group()
def ssi() -> None:
    """Official SSI readings from linkedin.com/sales/ssi (one per day)."""


@ssi.command("add")
@click.option(
    "--total", type=DECIMAL, help="The total out of 100 (derived from the pillars if left out)."
)
@click.option(
    "--brand", type=DECIMAL, required=True, help="Establish your professional brand (0–25)."
)
@click.option("--people", type=DECIMAL, required=True, help="Find the right people (0–25).")
@click.option("--insights", type=DECIMAL, required=True, help="Engage with insights (0–25).")
@click.option("--relationships", type=DECIMAL, required=True, help="Build relationships (0–25).")
@click.option("--industry-rank", type=int, help="Industry SSI rank: the N of Top N%.")
@click.option("--network-rank", type=int, help="Network SSI rank: the N of Top N%.")
@click.option("--industry-average", type=DECIMAL, help="Average SSI of people in your industry.")
@click.option("--network-average", type=DECIMAL, help="Average SSI of people in your network.")
@click.option("--date", "day", type=DAY, metavar="DAY", help=DATE_HELP)
@click.option("--replace", is_flag=True, help="Replace the reading already saved for that day.")
@click.option("--json", "as_json", is_flag=True, help="Print the saved reading as JSON.")
@click.pass_context
def add(
    ctx: click.Context,
    total: float | None,
    brand: float,
    people: float,
    insights: float,
    relationships: float,
    industry_rank: int | None,
    network_rank: int | None,
    industry_average: float | None,
    network_average: float | None,
    day: date | None,
    replace: bool,
    as_json: bool,
) -> None:
    """Record a reading typed from the SSI page."""
    pillars: dict[PillarKey, float] = {
        "brand": brand,
        "people": people,
        "insights": insights,
        "relationships": relationships,
    }
    try:
        reading = build_reading(
            day=day or today(),
            pillars=pillars,
            total=total,
            today=today(),
            industry_rank=industry_rank,
            network_rank=network_rank,
            industry_average=industry_average,
            network_average=network_average,
            source="cli",
        )
    except ReadingError as error:
        refuse(str(error))
    save(ctx, reading, replace)
    if as_json:
        emit_json(reading_as_json(reading))
    else:
        click.echo(f"Saved the reading of {reading.date.isoformat()}: {reading.total:g} of 100.")


@ssi.command("paste")
@click.argument("source", default="-", metavar="[FILE|-]")
@click.option("--date", "day", type=DAY, metavar="DAY", help=DATE_HELP)
@click.option("--dry-run", is_flag=True, help="Show what was understood and save nothing.")
@click.option("--replace", is_flag=True, help="Replace the reading already saved for that day.")
@click.option("--json", "as_json", is_flag=True, help="Print what was understood as JSON.")
@click.pass_context
def paste(
    ctx: click.Context, source: str, day: date | None, dry_run: bool, replace: bool, as_json: bool
) -> None:
    """Read the text (or JSON) copied from linkedin.com/sales/ssi.

    In the browser: Ctrl+A, Ctrl+C on the SSI page, then paste into a file or pipe it in.
    """
    if not (dry_run or replace):
        refuse_a_second_reading(ctx, day or today())
    text = read_text_input(source, "the SSI page")
    try:
        reading = reading_from_parsed(parse_ssi(text), day or today(), today())
    except (SsiParseError, ReadingError) as error:
        refuse(str(error))
    if not dry_run:
        save(ctx, reading, replace)
    if as_json:
        emit_json({**reading_as_json(reading), "saved": not dry_run})
        return
    click.echo("Understood:")
    click.echo(describe(reading))
    click.echo("Dry run: nothing saved." if dry_run else f"Saved the reading of {reading.date}.")


@ssi.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print the readings as JSON.")
@click.pass_context
def list_readings(ctx: click.Context, as_json: bool) -> None:
    """Every reading, oldest first."""
    history = readings.list_readings(database(ctx))
    if as_json:
        emit_json([reading_as_json(reading) for reading in history])
        return
    if not history:
        say("No readings yet: copy linkedin.com/sales/ssi and run 'ssi-tui ssi paste FILE'.")
        return
    echo_table(
        [
            Column("Date"),
            Column("Total", right=True),
            *(Column(pillar.short, right=True) for pillar in PILLARS),
            Column("Industry", right=True),
            Column("Network", right=True),
        ],
        [
            (
                reading.date.isoformat(),
                f"{reading.total:g}",
                *(f"{reading.pillars[pillar.key]:.2f}" for pillar in PILLARS),
                *(
                    f"Top {rank}%" if rank else "—"
                    for rank in (reading.industry_rank, reading.network_rank)
                ),
            )
            for reading in history
        ],
    )


@ssi.command("delete", context_settings={"ignore_unknown_options": True})
@click.argument("day", type=DAY, metavar="DAY")
@click.pass_context
def delete(ctx: click.Context, day: date) -> None:
    """Delete the reading of one DAY: today, yesterday, -N (N days ago), a weekday (monday or
    mon: the most recent one) or YYYY-MM-DD."""
    if not readings.delete_reading(database(ctx), day):
        refuse(f"There is no reading for {day.isoformat()}.")
    click.echo(f"Deleted the reading of {day.isoformat()}.")


@ssi.command("target", context_settings={"ignore_unknown_options": True})
@click.argument("value", type=int, required=False)
@click.pass_context
def target(ctx: click.Context, value: int | None) -> None:
    """Show or set the SSI you aim for (75 unless changed; LinkedIn calls 75+ the aim)."""
    db = database(ctx)
    if value is not None:
        try:
            settings.set_target(db, value)
        except ValueError as error:
            refuse(str(error))
    say(f"Your target SSI is {settings.get_target(db)}.")
