"""Saved drafts: kept, listed newest first, re-openable."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ssi_tui.core import clock
from ssi_tui.store.transactions import writing

if TYPE_CHECKING:
    from sqlite_utils import Database

    from ssi_tui.store.reader import Readable


@dataclass(frozen=True)
class Draft:
    id: int
    text: str
    updated_at: datetime


def save_draft(
    db: Database,
    text: str,
    draft_id: int | None = None,
    prediction: dict[str, Any] | None = None,
) -> int:
    """Save a new draft, or update the one being edited; returns its id.

    `prediction` is what the analyzer said about this very text: kept so that, once the
    draft is published and its post imported, the prediction can be scored against it.
    """
    stamp = clock.now().isoformat(timespec="seconds")
    kept = json.dumps(prediction) if prediction is not None else None
    with writing(db):
        if (
            draft_id is not None
            and db.execute("SELECT 1 FROM drafts WHERE id = ?", [draft_id]).fetchone()
        ):
            db.execute(
                "UPDATE drafts SET text = ?, updated_at = ?, prediction = ? WHERE id = ?",
                [text, stamp, kept, draft_id],
            )
            return draft_id
        cursor = db.execute(
            "INSERT INTO drafts (text, created_at, updated_at, prediction) VALUES (?, ?, ?, ?)",
            [text, stamp, stamp, kept],
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
