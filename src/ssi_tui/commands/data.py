"""`ssi-tui import`, `posts` and `export`: LinkedIn's downloads in, everything out."""

from __future__ import annotations

from typing import Any

import click

from ssi_tui.commands.common import database, emit_json, given_path, refuse
from ssi_tui.core.post_stats import engagement_of
from ssi_tui.core.text import first_line, strip_control
from ssi_tui.store.posts import post_rows


def post_json(row: dict[str, Any]) -> dict[str, Any]:
    """A post as scripts read it: unknown values are null.

    `engagement` is reactions + comments + reposts, or LinkedIn's own total where the split is
    unknown; `engagements` is LinkedIn's total where known, else that sum.
    """
    split = {key: row.get(key) for key in ("reactions", "comments", "reposts")}
    engagement = engagement_of(split)
    return {
        "id": row["id"],
        "published_at": row["published_at"],
        "format": row["format"],
        "format_source": row["format_source"],
        "text": row["text"],
        "url": row["url"],
        "impressions": row["impressions"],
        "members_reached": row["members_reached"],
        "reactions": row["reactions"],
        "comments": row["comments"],
        "reposts": row["reposts"],
        "saves": row["saves"],
        "sends": row["sends"],
        "link_clicks": row["link_clicks"],
        "followers_gained": row["followers_gained"],
        "engagements": row["engagements"] if row["engagements"] is not None else engagement,
        "engagement": engagement_of(row),
        "followers": row["followers"],
    }


@click.command("import")
@click.argument("given", metavar="PATH")
@click.option("--json", "as_json", is_flag=True, help="Print the per-file report as JSON.")
@click.pass_context
def import_path(ctx: click.Context, given: str, as_json: bool) -> None:
    """Import a LinkedIn data export (ZIP or folder), an analytics .xlsx, or a posts CSV.

    Re-importing changes nothing; each file is written whole or not at all.
    """
    from ssi_tui.importers import ImportRefused, read_path
    from ssi_tui.importers.report import counts_text, visible
    from ssi_tui.store.imports import write_results

    path = given_path(given, "path to import")
    try:
        results = read_path(path)
    except ImportRefused as error:
        refuse(str(error))
    reports = write_results(database(ctx), path, results)
    if as_json:
        emit_json({"files": [report.__dict__ for report in reports]})
        return
    width = max((len(visible(report.name)) for report in reports), default=10)
    for report in reports:
        name = visible(report.name)
        if report.kind == "skipped":
            click.echo(f"{name:<{width}}  skipped ({visible(report.reason or 'not used')})")
            continue
        counts = counts_text(
            report.rows_read, report.imported, report.skipped_reasons, report.error_rows
        )
        if report.joined:
            counts += f"; {report.joined:,} of them joined posts already stored"
        click.echo(f"{name:<{width}}  {report.kind:<24} {counts}")
        for problem in report.errors[:5]:
            click.echo(f"{'':<{width}}    {visible(problem)}")
        if len(report.errors) > 5:
            click.echo(f"{'':<{width}}    … and {len(report.errors) - 5} more")


@click.group("posts", invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="Print every post as JSON.")
@click.pass_context
def show_posts(ctx: click.Context, as_json: bool) -> None:
    """Your post log, newest first; `posts tag ID FORMAT` settles a post's format."""
    if ctx.invoked_subcommand is not None:
        return
    rows = [post_json(row) for row in post_rows(database(ctx))]
    if as_json:
        emit_json(rows)
        return
    if not rows:
        click.echo("No posts yet: 'ssi-tui import' your LinkedIn data export or a posts CSV.")
        return
    for row in rows:
        published = (row["published_at"] or "—")[:16].replace("T", " ")
        engagement = row["engagement"] if row["engagement"] is not None else "—"
        impressions = row["impressions"] if row["impressions"] is not None else "—"
        line = strip_control(first_line(row["text"], 60))
        click.echo(f"{published:<16}  {row['format']:<9} {impressions:>8} {engagement:>6}  {line}")


@show_posts.command("tag")
@click.argument("given", metavar="ID")
@click.argument("format_word", metavar="FORMAT")
@click.pass_context
def tag(ctx: click.Context, given: str, format_word: str) -> None:
    """Settle a post's format: ID is its id (as `posts --json` shows it), another id it is
    known by, or its LinkedIn URL; FORMAT is text, image, carousel, video, poll, article,
    link or repost (or a word for one: document, photo, …)."""
    from ssi_tui.importers.formats import format_from_tag
    from ssi_tui.store.posts import find_post_id, tag_post

    chosen = format_from_tag(format_word)
    if chosen is None:
        refuse(
            f"{format_word!r} is not a post format; use text, image, carousel, video, poll, "
            "article, link or repost."
        )
    db = database(ctx.find_root())
    post_id = find_post_id(db, given)
    if post_id is None:
        refuse(f"No post in your post log is named {given!r}; 'ssi-tui posts --json' lists them.")
    try:
        tag_post(db, post_id, chosen)
    except ValueError as error:
        refuse(str(error))
    article = "an" if chosen[0] in "aeiou" else "a"
    click.echo(f"{post_id} is now {article} {chosen} post (your tag).")


@click.command("export")
@click.argument("given", metavar="FOLDER")
@click.option(
    "--format", "file_format", type=click.Choice(["csv", "json"]), default="csv", show_default=True
)
@click.pass_context
def export(ctx: click.Context, given: str, file_format: str) -> None:
    """Write every table to FOLDER as CSV or JSON files."""
    from ssi_tui.store.export import export_all

    folder = given_path(given, "folder to export into")
    if folder.exists() and not folder.is_dir():
        refuse(f"{folder} is a file; give a folder to export into.")
    try:
        written = export_all(database(ctx), folder, file_format)
    except OSError as error:
        refuse(f"Cannot write to {folder}: {error.strerror or error}.")
    click.echo(f"Wrote {len(written)} files to {folder}.")
