"""Undoing a change on the Journal card puts back what that change did, and nothing else."""

from __future__ import annotations

from datetime import date

from sqlite_utils import Database

from ssi_tui.store import journal

DAY = date(2026, 6, 1)


def change_by_hand(db: Database, delta: int = 0, note: str | None = None) -> journal.JournalChange:
    """What the app records for one change made on the card."""
    before = journal.manual_entry(db, DAY, "comment")
    if delta:
        journal.add_manual(db, DAY, "comment", delta)
    if note is not None:
        journal.set_manual(db, DAY, "comment", journal.manual_count(db, DAY, "comment"), note)
    return journal.JournalChange(DAY, "comment", before, journal.manual_entry(db, DAY, "comment"))


def test_undo_keeps_what_another_terminal_logged_since(db: Database) -> None:
    journal.add_manual(db, DAY, "comment", 2)
    change = change_by_hand(db, delta=5)
    journal.add_manual(db, DAY, "comment", 1)  # `ssi-tui log comment 1` meanwhile
    assert journal.undo_change(db, change) == journal.ManualEntry(3, None)


def test_undo_puts_back_the_note_and_an_empty_note_clears(db: Database) -> None:
    first = change_by_hand(db, delta=1, note="Met Dana")
    second = change_by_hand(db, note="Met Dana and Ali")
    assert journal.undo_change(db, second) == journal.ManualEntry(1, "Met Dana")
    assert journal.undo_change(db, first) == journal.ManualEntry(0, None)
    change_by_hand(db, delta=1, note="again")
    cleared = change_by_hand(db, note="")
    assert cleared.after == journal.ManualEntry(1, None)
