"""Helpers shared by the subcommands: dates, numbers, input files and JSON output."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Any, NoReturn

import click
from sqlite_utils import Database

from ssi_tui.core import clock
from ssi_tui.launch import EXIT_REFUSED
from ssi_tui.store.database import DatabaseError, open_database


class Refused(click.ClickException):
    """Bad input: one sentence on stderr, exit status 2, nothing written."""

    exit_code = EXIT_REFUSED


def refuse(message: str) -> NoReturn:
    raise Refused(message)


def database(ctx: click.Context) -> Database:
    """Open the command's database, turning storage problems into a one-sentence refusal."""
    path: Path = ctx.find_root().obj
    try:
        db = open_database(path)
    except DatabaseError as error:
        refuse(str(error))
    ctx.call_on_close(db.close)
    db.conn.on_wait = say_waiting  # type: ignore[attr-defined]
    return db


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


class IsoDate(click.ParamType[date, Any]):
    """A YYYY-MM-DD date."""

    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value).strip())
        except ValueError:
            self.fail(f"{value!r} is not a date like 2026-06-01", param, ctx)


DECIMAL = DecimalNumber()
ISO_DATE = IsoDate()


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
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        refuse(f"{name} is not UTF-8 text.")


def emit_json(data: object) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))
