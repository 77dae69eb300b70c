"""The app's writes: saved at once when the file is free, in order by a waiting thread if not.

A write is a function of a sqlite-utils `Database`, run in one IMMEDIATE transaction. The UI
thread tries it with a blink of patience; when another program holds the write lock (an
import in another terminal, `sqlite3` left open in a transaction), the write joins a queue
that a worker thread drains in order through its own connection, while the app says it is
waiting. A write still queued past the patience is kept, not dropped: the app says so and
tries again at its next look at the database, and asks before quitting with writes unsaved.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from ssi_tui.store.errors import DatabaseError
from ssi_tui.store.transactions import is_busy, why_it_stopped, writing

if TYPE_CHECKING:
    from sqlite_utils import Database
    from textual.app import App

UI_PATIENCE_SECONDS = 0.1
"""How long a keypress may hold the screen still while another program finishes a write."""


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
        self.stalled: str | None = None
        """Why the last try stopped with writes still queued (None while all goes well)."""
        self.writes_refused: str | None = None
        """Why nothing more is written (the file found damaged, or read-only), or None."""

    @property
    def unsaved(self) -> int:
        """Writes asked for and not yet in the file."""
        return len(self.queue)

    def save(
        self, write: Callable[[Database], Any], saved: Callable[[Any], None] | None = None
    ) -> None:
        """Write now if the file is free, else queue behind the writes already waiting."""
        if self.writes_refused is not None:
            self.app.notify(self.writes_refused, title="Not saved", severity="error", markup=False)
            return
        if not self.queue:
            db = self._ui_db()
            try:
                with writing(db, patience=UI_PATIENCE_SECONDS):
                    result = write(db)
            except Exception as error:  # any failure is said, never a crash
                if not is_busy(error):
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
        if not self.queue:
            return
        self._say(self._status())
        if not self.draining:
            self.draining = True
            self.app.run_worker(
                self._drain, thread=True, group="saving", exit_on_error=False, exclusive=False
            )

    def _status(self) -> str | None:
        if self.writes_refused is not None:
            return self.writes_refused
        if not self.queue:
            return None
        if self.stalled is not None:
            return (
                f"Not saved yet: {_changes(self.unsaved)}, kept and tried again every few "
                f"seconds ({self.stalled})."
            )
        return (
            "Waiting for the database: another program is writing to it… "
            f"({_changes(self.unsaved)} to save)"
        )

    def _drain(self) -> None:
        """Worker thread: write the queue in order with a connection of its own.

        Whatever happens, the UI thread hears how it ended (`_finished`), so a failure can
        never leave the queue waiting on a thread that is gone.
        """
        from ssi_tui.store.database import open_database

        stopped: str | None = None
        try:
            db = open_database(self.db_path)
        except Exception as error:  # said in the status line; the writes stay queued
            self.app.call_from_thread(self._finished, why_it_stopped(error))
            return
        try:
            while self.queue:
                pending = self.queue[0]
                try:
                    with writing(db):
                        result = pending.write(db)
                except Exception as error:  # a refused write is said and dropped
                    if is_busy(error):
                        stopped = why_it_stopped(error)
                        break
                    self.queue.popleft()
                    self.app.call_from_thread(self._refused, error)
                    continue
                self.queue.popleft()
                self.app.call_from_thread(self._saved, pending, result)
        finally:
            db.close()
            self.app.call_from_thread(self._finished, stopped)

    def _saved(self, pending: PendingWrite, result: Any) -> None:
        self.stalled = None
        if pending.saved is not None:
            pending.saved(result)
        self._say(self._status())

    def _finished(self, stopped: str | None) -> None:
        """The thread ended: with the queue written, or `stopped` with why it could not be."""
        self.draining = False
        self.stalled = stopped
        self._say(self._status())
        if stopped is None:
            self.retry()  # a write asked for just as the thread finished

    def _refused(self, error: BaseException) -> None:
        if isinstance(error, ValueError | DatabaseError):
            message = str(error)
        else:
            detail = f": {error}" if str(error) else ""
            message = f"The change was not saved ({type(error).__name__}{detail})."
        self.app.notify(message, title="Not saved", severity="error", markup=False)


def _changes(count: int) -> str:
    return "1 change" if count == 1 else f"{count} changes"
