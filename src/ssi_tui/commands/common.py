"""Helpers shared by the subcommands: days, numbers, input files, completion and JSON output."""

from __future__ import annotations

import json
import re
import sqlite3
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from ssi_tui.commands.output import one_line
from ssi_tui.core import clock
from ssi_tui.core.activities import ALIASES, plural
from ssi_tui.core.dates import DAY_WORDS, NotADay, parse_day
from ssi_tui.core.domain import ACTIVITY_CATALOGUE
from ssi_tui.exit_codes import EXIT_REFUSED
from ssi_tui.store.connections import connect
from ssi_tui.store.database import (
    DatabaseError,
    as_database,
    open_connection,
    open_database,
    resolve_db_path,
)
from ssi_tui.store.file_format import check_existing_file, is_foreign
from ssi_tui.store.reader import Reader

if TYPE_CHECKING:  # completion's module loads only when a shell asks for completions
    from click.shell_completion import CompletionItem
    from sqlite_utils import Database  # loaded by the commands that write, not by `today`


class Refused(click.ClickException):
    """Bad input: one sentence on stderr, exit status 2, nothing written."""

    exit_code = EXIT_REFUSED


def refuse(message: str) -> NoReturn:
    raise Refused(message)


def database(ctx: click.Context) -> Database:
    """Open the command's database, turning storage problems into a one-sentence refusal."""
    return as_database(_connection(ctx))


def reader(ctx: click.Context) -> Reader:
    """The command's database opened with sqlite3 alone, for commands that only read.

    Loading sqlite-utils (and the NumPy it picks up when installed) would cost a reading
    command more than its work does.
    """
    return Reader(_connection(ctx))


def _connection(ctx: click.Context) -> sqlite3.Connection:
    """The command's database file, opened (and migrated if need be), closed with the command;
    a wait for another program's write is said on stderr."""
    path: Path = ctx.find_root().obj
    try:
        conn = open_connection(path)
    except DatabaseError as error:
        refuse(str(error))
    ctx.call_on_close(conn.close)
    conn.on_wait = say_waiting  # type: ignore[attr-defined]
    return conn


def demo_database(ctx: click.Context) -> Path:
    """A fresh demo history in a temporary folder that disappears when the command ends."""
    import shutil
    import tempfile

    from ssi_tui.store.demo import write_demo

    folder = Path(tempfile.mkdtemp(prefix="ssi-tui-demo-"))
    ctx.call_on_close(lambda: shutil.rmtree(folder, ignore_errors=True))
    path = folder / "demo.db"
    db = open_database(path)
    try:
        write_demo(db, clock.today())
    finally:
        db.close()
    return path


def say_waiting() -> None:
    """A writer's wait for another program, said once on stderr (stdout stays for data)."""
    click.echo("Waiting for the database: another program is writing to it…", err=True)


def given_path(text: str, what: str) -> Path:
    """A path the user typed; an empty one is refused (as a path it would mean this folder)."""
    if not text.strip():
        refuse(f"The {what} is empty; name a file or folder.")
    return Path(text).expanduser()


MAX_INPUT_BYTES = 2 * 1024 * 1024
"""Pasted pages and drafts are small; a bigger input is a mistake, not data."""


class DecimalNumber(click.ParamType[float, Any]):
    """A number that also accepts a decimal comma ("16,5"), as translated pages show them."""

    name = "number"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> float:
        if isinstance(value, float | int):
            return float(value)
        try:
            return float(str(value).strip().replace(",", "."))
        except ValueError:
            self.fail(f"{value!r} is not a number", param, ctx)


class Day(click.ParamType[date, Any]):
    """A day as people say it: today, yesterday, -N, a weekday or YYYY-MM-DD (`core.dates`)."""

    name = "day"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        try:
            return parse_day(str(value), clock.today())
        except NotADay as error:
            self.fail(str(error).rstrip("."), param, ctx)

    def shell_complete(
        self, ctx: click.Context, param: click.Parameter, incomplete: str
    ) -> list[CompletionItem]:
        from click.shell_completion import CompletionItem

        typed = incomplete.strip().lower()
        return [CompletionItem(word) for word in DAY_WORDS if word.startswith(typed)]


DECIMAL = DecimalNumber()
DAY = Day()
DAY_HELP = (
    "today, yesterday, -N (N days ago), a weekday like mon or monday (the most recent one, "
    "today if it is that day) or a date like 2026-06-01"
)
"""What a DAY may be, for the options' help."""


def today() -> date:
    return clock.today()


def read_text_input(source: str, what: str) -> str:
    """The text of FILE, or of standard input for '-' (refused when binary or too large)."""
    if source == "-":
        if sys.stdin.isatty():
            click.echo(f"Paste {what}, then press Ctrl+D:", err=True)
        raw = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
        name = "standard input"
    else:
        path = Path(source)
        try:
            with path.open("rb") as handle:
                raw = handle.read(MAX_INPUT_BYTES + 1)
        except OSError as error:
            refuse(f"Cannot read {source}: {error.strerror or error}.")
        name = source
    if len(raw) > MAX_INPUT_BYTES:
        refuse(f"{name} is over 2 MB, far more than {what} holds.")
    return decoded_text(raw, name)


def decoded_text(raw: bytes, name: str) -> str:
    """UTF-8 text, or UTF-16 when it starts with a byte-order mark; anything else is refused.

    A UTF-16 file cut at an odd byte or holding a lone surrogate is refused as well: its
    text could not be stored (SQLite wants valid UTF-8) or shown.
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as error:
            refuse(f"{name} is damaged UTF-16 text ({error.reason} at byte {error.start:,}).")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        refuse(f"{name} is not UTF-8 text (byte {error.start:,} is not valid).")


class PlainText(click.ParamType[str, Any]):
    """Text to store (a note, a name, a label): refused when the shell passed bytes that are
    not UTF-8, which Python keeps as lone surrogates and SQLite cannot store."""

    name = "text"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        text = str(value)
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            shown = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
            self.fail(f"“{shown}” is not UTF-8 text", param, ctx)
        return text


PLAIN_TEXT = PlainText()


_UNPRINTABLE_IN_JSON = re.compile(r"[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
"""Characters JSON may carry raw that a terminal would act on (C1 controls) or that reorder
what is shown (bidirectional overrides); C0 controls json.dumps escapes itself."""


def emit_json(data: object) -> None:
    """JSON for scripts: the same strings, with unprintable characters as \\u escapes."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    click.echo(_UNPRINTABLE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text))


def complete_activity(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """What the shell offers for ACTIVITY: the keys (the catalogue's, then the user's own)
    and the everyday words `log` understands, each with the label it stands for.

    A name is offered as it is (`li` → like) or, when only its plural matches what was typed,
    as the plural that `log` takes as well (`likes` → likes, `dms` → dms, `inmails` → inmails).
    """
    from click.shell_completion import CompletionItem

    typed = "_".join(incomplete.strip().lower().replace("-", " ").split())
    labels = {activity.key: activity.label for activity in ACTIVITY_CATALOGUE}
    for key, label in own_activities_quickly(ctx).items():
        labels.setdefault(key, label)
    offered: dict[str, str] = {}
    for key, label in labels.items():
        form = _completed(key, typed)
        if form is not None:
            offered.setdefault(form, label)
    for word, key in ALIASES.items():
        form = _completed(word, typed)
        if key in labels and form is not None:
            offered.setdefault(form, f"{labels[key]} ({key})")
    return [CompletionItem(name, help=label) for name, label in offered.items()]


def _completed(name: str, typed: str) -> str | None:
    """`name` if it starts with what was typed, else its plural if that does (a one-word name:
    `log` reads comments and likes, not a plural in the middle of connection_request)."""
    if name.startswith(typed):
        return name
    if "_" not in name and plural(name).startswith(typed):
        return plural(name)
    return None


COMPLETION_PATIENCE_MS = 250
"""How long completing waits for a database another program is writing, before it offers the
catalogue alone: a Tab key must answer at once."""


def own_activities_quickly(ctx: click.Context) -> dict[str, str]:
    """The user's own activity types (key → label), when the command's database can be read at once.

    For completion: nothing is created, migrated or written (an absent file stays absent, and
    a file no program has open is read as immutable, so SQLite leaves no `-wal` or `-shm`
    beside it); any problem means no own activities rather than an error under the cursor.
    """
    root = ctx.find_root()
    if root.params.get("demo"):
        return {}
    try:
        path = resolve_db_path(root.params.get("db_option"))
        if not path.is_file():
            return {}
        check_existing_file(path)
        in_use = Path(f"{path}-wal").exists()
        if in_use and not Path(f"{path}-shm").exists():
            return {}
        conn = connect(
            path, read_only=True, immutable=not in_use, timeout_ms=COMPLETION_PATIENCE_MS
        )
    except (DatabaseError, OSError, sqlite3.Error):
        return {}
    try:
        if is_foreign(conn):
            return {}
        rows = conn.execute(
            "SELECT key, label FROM activity_types WHERE user_defined = 1 ORDER BY rowid"
        ).fetchall()
    except sqlite3.Error:
        return {}
    finally:
        conn.close()
    return {
        str(key): one_line(str(label))
        for key, label in rows
        if _TYPED_KEY.fullmatch(str(key))  # what `activity add` makes; a shell word as it is
    }


_TYPED_KEY = re.compile(r"\w+")
