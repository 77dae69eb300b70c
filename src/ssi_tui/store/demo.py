"""Writing a generated demo history into a database."""

from __future__ import annotations

from datetime import date

from sqlite_utils import Database

from ssi_tui.core.demo import DemoHistory, generate_history
from ssi_tui.store.journal import upsert_entries
from ssi_tui.store.posts import upsert_posts
from ssi_tui.store.transactions import writing


def write_history(db: Database, history: DemoHistory) -> None:
    """Store a generated history; idempotent, so a second write changes nothing."""
    with writing(db):
        db.table("readings").upsert_all(history.readings, pk="date")
        upsert_entries(db, history.journal, source="demo")
        upsert_posts(db, history.posts)


def write_demo(db: Database, end: date, *, years: float = 1.0, seed: int = 2026) -> DemoHistory:
    """Generate and store a demo history ending on `end`."""
    history = generate_history(end, years=years, seed=seed)
    write_history(db, history)
    return history
