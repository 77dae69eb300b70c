"""`ssi-tui import`, `posts` and `export`: LinkedIn's downloads in, everything out."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import click

from ssi_tui.commands.common import database, emit_json, given_path, refuse
from ssi_tui.commands.output import WIDTH, Column, cells, echo_table, one_line, pad
from ssi_tui.core.post_stats import PostFigures, engagement_of
from ssi_tui.store.posts import post_rows

if TYPE_CHECKING:
    from ssi_tui.store.imports import FileReport

NAME_WIDTH = 30
"""The widest the import report's File column gets; a longer name takes a line of its own."""
_GLUE = "\xa0"
"""A space the wrapping does not break at (textwrap breaks at ASCII whitespace only)."""
SHOWN_PROBLEMS = 5
"""Problems listed per file in the import report; `--json` has them all."""
POST_COLUMNS = (
    Column("Published"),
    Column("Format"),
    Column("Impr.", right=True),
    Column("Eng.", right=True),
    Column("Rate", right=True),
    Column("First line", shrinks=True, least=10),
)
"""The post log's columns, named as the app's Posts pane names them."""


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

    Importing a file again changes nothing and says so ("already imported: nothing
    changed"); each file is written whole or not at all.
    """
    from ssi_tui.importers import ImportRefused, read_path
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
    for line in report_lines(reports):
        click.echo(line)


def report_lines(reports: Sequence[FileReport]) -> list[str]:
    """The import report for a person: a File and a Result column within WIDTH, each file's
    result wrapped under its column, and a last line when files were imported before."""
    from ssi_tui.importers.report import outcome_text, total_text, visible

    names = [visible(report.name) for report in reports]
    width = max([len("File"), *(size for name in names if (size := cells(name)) <= NAME_WIDTH)])
    room = WIDTH - width - 2
    lines = [f"{pad('File', width)}  Result"]
    for name, report in zip(names, reports, strict=True):
        if report.kind == "skipped":
            body = _wrapped(f"skipped ({visible(report.reason or 'not used')})", room)
        else:
            body = _wrapped(outcome_text(report), room)
            problems = [visible(problem) for problem in report.errors[:SHOWN_PROBLEMS]]
            if len(report.errors) > SHOWN_PROBLEMS:
                problems.append(f"… and {len(report.errors) - SHOWN_PROBLEMS} more")
            body += [piece for problem in problems for piece in _wrapped(problem, room, "  ")]
        under = [" " * (width + 2) + piece for piece in body]
        if cells(name) > width:  # a long name on its own line(s), the result beneath
            lines += [*_chunks(name, WIDTH), *under]
        else:
            lines += [f"{pad(name, width)}  {body[0]}", *under[1:]]
    total = total_text(reports)
    if total is not None:
        lines.append(total)
    return lines


def _wrapped(text: str, width: int, indent: str = "") -> list[str]:
    """`text` in lines of at most `width` columns (a wide character counts two), each line
    after `indent`. A clause after `; ` stays whole, with the word before it, where it fits."""
    room = width - len(indent)
    head, *clauses = text.split("; ")
    for clause in clauses:
        kept = f"{head.rsplit(' ', 1)[-1]}; {clause}"
        head += ";" + (_GLUE + clause.replace(" ", _GLUE) if cells(kept) <= room else " " + clause)
    pieces = textwrap.wrap(head, room, break_on_hyphens=False) or [""]
    return [indent + piece.replace(_GLUE, " ") for line in pieces for piece in _chunks(line, room)]


def _chunks(text: str, width: int) -> list[str]:
    """`text` cut into pieces of at most `width` columns, for names without spaces."""
    pieces, piece, used = [], "", 0
    for character in text:
        size = cells(character)
        if used + size > width:
            pieces.append(piece)
            piece, used = "", 0
        piece += character
        used += size
    return [*pieces, piece]


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
    echo_table(POST_COLUMNS, [post_cells(row) for row in rows])


def post_cells(row: dict[str, Any]) -> list[str]:
    """A post's line in `posts`: as the Posts pane shows it, a dash for what is unknown."""
    rate = PostFigures(row["format"], row["engagement"], row["impressions"]).rate
    return [
        (row["published_at"] or "—")[:16].replace("T", " "),
        row["format"],
        _count(row["impressions"]),
        _count(row["engagement"]),
        f"{rate:.1%}" if rate is not None else "—",
        _first_line(row["text"]),
    ]


def _count(value: int | None) -> str:
    return f"{value:,}" if value is not None else "—"


def _first_line(text: str | None) -> str:
    """The first line that says something, on one line (the table cuts it to fit)."""
    for line in (text or "").splitlines():
        if shown := one_line(line):
            return shown[: WIDTH + 1]  # the rest would be cut anyway
    return ""


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
