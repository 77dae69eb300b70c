"""Saved drafts: kept, listed newest first, re-openable."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from ssi_tui.store.transactions import writing

if TYPE_CHECKING:
    from sqlite_utils import Database

    from ssi_tui.store.reader import Readable


@dataclass(frozen=True)
class Draft:
    id: int
    text: str
    updated_at: datetime


def save_draft(db: Database, text: str, draft_id: int | None = None) -> int:
    """Save a new draft, or update the one being edited; returns its id."""
    stamp = datetime.now().isoformat(timespec="seconds")
    with writing(db):
        if (
            draft_id is not None
            and db.execute("SELECT 1 FROM drafts WHERE id = ?", [draft_id]).fetchone()
        ):
            db.execute(
                "UPDATE drafts SET text = ?, updated_at = ? WHERE id = ?", [text, stamp, draft_id]
            )
            return draft_id
        cursor = db.execute(
            "INSERT INTO drafts (text, created_at, updated_at) VALUES (?, ?, ?)",
            [text, stamp, stamp],
        )
        return int(cursor.lastrowid or 0)


def list_drafts(db: Readable) -> list[Draft]:
    return [
        Draft(row["id"], row["text"], datetime.fromisoformat(row["updated_at"]))
        for row in db.query("SELECT * FROM drafts ORDER BY updated_at DESC, id DESC")
    ]


def delete_draft(db: Database, draft_id: int) -> None:
    with writing(db):
        db.execute("DELETE FROM drafts WHERE id = ?", [draft_id])
