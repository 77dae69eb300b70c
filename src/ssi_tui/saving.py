"""The app's writes: saved at once when the file is free, in order by a waiting thread if not.

A write is a function of a sqlite-utils `Database`, run in one IMMEDIATE transaction. The UI
thread tries it with a blink of patience; when another program holds the write lock (an
import in another terminal, `sqlite3` left open in a transaction), the write joins a queue
that a worker thread drains in order through its own connection, while the app says it is
waiting. A write still queued past the patience is kept, not dropped: the app says so and
tries again at its next look at the database, and asks before quitting with writes unsaved.
"""

from __future__ import annotations

import sqlite3
from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from ssi_tui.store.errors import DatabaseError
from ssi_tui.store.transactions import DatabaseBusy, writing

if TYPE_CHECKING:
    from sqlite_utils import Database
    from textual.app import App

UI_PATIENCE_SECONDS = 0.1
"""How long a keypress may hold the screen still while another program finishes a write."""

REFUSALS = (sqlite3.Error, DatabaseError, ValueError)
"""What a write can fail with for a reason the user should read (ValueError: a refused value)."""


class PendingWrite(NamedTuple):
    write: Callable[[Database], Any]
    saved: Callable[[Any], None] | None


class Saver:
    """Runs the app's writes in the order they were asked for, never losing one."""

    def __init__(
        self,
        app: App[Any],
        db_path: Path,
        ui_db: Callable[[], Database],
        say: Callable[[str | None], None],
    ) -> None:
        self.app = app
        self.db_path = db_path
        self._ui_db = ui_db
        self._say = say
        self.queue: deque[PendingWrite] = deque()
        self.draining = False

    @property
    def unsaved(self) -> int:
        """Writes asked for and not yet in the file."""
        return len(self.queue)

    def save(
        self, write: Callable[[Database], Any], saved: Callable[[Any], None] | None = None
    ) -> None:
        """Write now if the file is free, else queue behind the writes already waiting."""
        if not self.queue:
            db = self._ui_db()
            try:
                with writing(db, patience=UI_PATIENCE_SECONDS):
                    result = write(db)
            except DatabaseBusy:
                pass
            except REFUSALS as error:
                self._refused(error)
                return
            else:
                if saved is not None:
                    saved(result)
                return
        self.queue.append(PendingWrite(write, saved))
        self.retry()

    def retry(self) -> None:
        """Start (again) writing what waits; the app calls it at each look at the database."""
        if self.queue and not self.draining:
            self.draining = True
            self._say(self._waiting_text())
            self.app.run_worker(
                self._drain, thread=True, group="saving", exit_on_error=False, exclusive=False
            )

    def _waiting_text(self) -> str:
        return (
            f"Waiting for the database: another program is writing to it… "
            f"({_changes(self.unsaved)} to save)"
        )

    def _drain(self) -> None:
        """Worker thread: write the queue in order with a connection of its own."""
        from ssi_tui.store.database import open_database

        try:
            db = open_database(self.db_path)
        except DatabaseError as error:
            self.app.call_from_thread(self._stopped, str(error))
            return
        try:
            while self.queue:
                pending = self.queue[0]
                try:
                    with writing(db):
                        result = pending.write(db)
                except DatabaseBusy:
                    self.app.call_from_thread(self._stopped, None)
                    return
                except REFUSALS as error:
                    self.queue.popleft()
                    self.app.call_from_thread(self._refused, error)
                    continue
                self.queue.popleft()
                self.app.call_from_thread(self._saved, pending, result)
        finally:
            db.close()
        self.app.call_from_thread(self._drained)

    def _saved(self, pending: PendingWrite, result: Any) -> None:
        if pending.saved is not None:
            pending.saved(result)
        self._say(self._waiting_text() if self.queue else None)

    def _drained(self) -> None:
        self.draining = False
        self._say(None)
        self.retry()  # a write asked for just as the thread finished

    def _stopped(self, problem: str | None) -> None:
        """The database stayed busy (or unusable): keep every write for the next try."""
        self.draining = False
        reason = problem or "the database has stayed busy for 10 s; another program is writing"
        self._say(
            f"Not saved yet: {_changes(self.unsaved)} ({reason}). Kept, and tried again "
            "every few seconds."
        )

    def _refused(self, error: BaseException) -> None:
        message = (
            str(error)
            if isinstance(error, ValueError | DatabaseError)
            else (f"The database refused the change: {error}.")
        )
        self.app.notify(message, title="Not saved", severity="error", markup=False)


def _changes(count: int) -> str:
    return "1 change" if count == 1 else f"{count} changes"
