"""What the import report says about each file: the counts, and names safe to print.

The counts add up: rows read = imported + skipped + error rows, and the skip reasons add up to
skipped, so a member can see that no row went missing. `import --json` keeps the contract's
keys (`name`, `kind`, `imported`, `skipped`, `errors`) and adds those of `accounting` and what
the rows changed (`rows_new`, `rows_updated`, `rows_unchanged`, `already_imported`): a file
imported again says so instead of counting its rows as imported once more.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any, Final, Protocol

from ssi_tui.importers.model import FileResult

_UNSEEN: Final = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""Controls (newline and tab too) and direction marks: what could move the cursor, recolour the
terminal, start a fake report line or make a name read backwards."""
_SHORT_ESCAPES: Final = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}

ALREADY_IMPORTED: Final = "already imported: nothing changed"
NOTHING_CHANGED: Final = "Nothing changed: every file was imported before."


class Reported(Protocol):
    """What the report reads of one file (the store's FileReport)."""

    kind: str
    imported: int
    rows_read: int
    error_rows: int
    skipped_reasons: dict[str, int]
    joined: int
    rows_new: int
    rows_updated: int
    rows_unchanged: int
    already_imported: bool


def accounting(result: FileResult) -> dict[str, Any]:
    """The report keys added to the contract's, for one file (JSON-ready)."""
    return {
        "rows_read": result.rows_read,
        "error_rows": result.error_rows,
        "skipped_reasons": dict(sorted(result.skipped_reasons.items())),
        "reason": result.reason,
    }


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}" if count == 1 else f"{count:,} {word}s"


def counts_text(
    rows_read: int, imported: int, skipped_reasons: Mapping[str, int], error_rows: int
) -> str:
    """`6 imported, 3 skipped (2 duplicate, 1 empty), 3 errors, of 12 rows read` (plain text)."""
    skipped = sum(skipped_reasons.values())
    reasons = ", ".join(
        f"{count:,} {visible(reason)}" for reason, count in sorted(skipped_reasons.items())
    )
    why = f" ({reasons})" if reasons else ""
    return (
        f"{imported:,} imported, {skipped:,} skipped{why}, {_plural(error_rows, 'error')}, "
        f"of {_plural(rows_read, 'row')} read"
    )


def changes_text(new: int, updated: int, unchanged: int) -> str:
    """`12 new, 38 already there` when some rows were stored before; empty when every row is
    new (a first import says nothing more than its counts)."""
    if not updated and not unchanged:
        return ""
    parts = [(new, "new"), (updated, "updated"), (unchanged, "already there")]
    return ", ".join(f"{count:,} {word}" for count, word in parts if count)


def outcome_text(report: Reported) -> str:
    """What happened to one imported file (plain text, clauses joined by `; `): its counts,
    the posts it joined, what was new; or that it was imported before and changed nothing."""
    if report.already_imported:
        return ALREADY_IMPORTED
    clauses = [
        counts_text(report.rows_read, report.imported, report.skipped_reasons, report.error_rows)
    ]
    if report.joined:
        clauses.append(f"{report.joined:,} of them joined posts already stored")
    changes = changes_text(report.rows_new, report.rows_updated, report.rows_unchanged)
    if changes:
        clauses.append(changes)
    return "; ".join(clauses)


def total_text(reports: Iterable[Reported]) -> str | None:
    """A last line when files were imported before: all of them, or how many."""
    used = [report for report in reports if report.kind != "skipped" and report.imported]
    before = sum(report.already_imported for report in used)
    if not before:
        return None
    if before == len(used):
        return NOTHING_CHANGED
    return f"Imported before, nothing changed: {before:,} of {len(used):,} files."


def visible(text: str) -> str:
    """`text` on one line with every control character written as an escape (`\\n`, `\\x1b`).

    For names and messages from the member's files: shown as they are, yet unable to act on a
    terminal. Put the result in a `rich.text.Text` (never into markup) where Rich draws it.
    """

    def escape(match: re.Match[str]) -> str:
        char = match.group()
        return _SHORT_ESCAPES.get(char) or (
            f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"
        )

    return _UNSEEN.sub(escape, text)
