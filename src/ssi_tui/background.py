"""The app's background work: the full integrity check, calibrating the estimate, and loading
the format model.

Calibration and the model load numpy, scipy, scikit-learn and NLTK, so nothing starts before
the first frame is on screen. Each job is a threaded, exclusive worker with its own database
connection; it reports by posting a message, and the app hands the result to the panes. A job
that fails posts `JobFailed`, which the app says in a sentence: nothing here can close the app.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from textual import work
from textual.message import Message
from textual.timer import Timer
from textual.widget import Widget
from textual.worker import get_current_worker

from ssi_tui.store.database import checked_in_full, full_check, open_database

if TYPE_CHECKING:
    from ssi_tui.analysis.format_model import ModelState
    from ssi_tui.store.track_record import TrackRecord

ONE_AT_A_TIME = threading.Lock()
"""Two threads importing scikit-learn at once can see it half-initialised; one job at a time
also leaves more of the machine to the UI."""

RECALIBRATE_AFTER_QUIET_SECONDS = 1.5
"""A refit waits until the journal has been still this long: pressing + five times refits once,
not five times (each fit is a leave-one-out over every reading)."""

Job = Literal["calibration", "model"]
JOB_DOINGS: dict[Job, str] = {
    "calibration": "Calibrating the estimate",
    "model": "Loading the format model",
}
"""How a failure names the job: "Calibrating the estimate failed (…)"."""


class BackgroundWork(Widget):
    """Starts each job when its data changed, never twice at once, never before the paint.

    A widget that is never displayed, so that its jobs are `@work` methods whose workers the
    app manages (and cancels on exit) like any other.
    """

    class FullCheckDone(Message):
        """The full integrity check of a large file finished; `damage` says what it found."""

        def __init__(self, damage: str | None) -> None:
            super().__init__()
            self.damage = damage

    class Calibrated(Message):
        """A new fit is cached in the database: the views can be read again."""

    class ModelRetraining(Message):
        """The posts changed since the model was loaded: a new one is being trained."""

    class ModelLoaded(Message):
        """The format model, the posts it stands on and the drafts' track record."""

        def __init__(
            self, state: ModelState, rows: list[dict[str, Any]], record: TrackRecord
        ) -> None:
            super().__init__()
            self.state = state
            self.rows = rows
            self.record = record

    class JobFailed(Message):
        """A job raised: the app says so once; the job waits until the data changes."""

        def __init__(self, job: Job, problem: Exception) -> None:
            super().__init__()
            self.job = job
            self.problem = problem

    def __init__(self, db_path: Path) -> None:
        super().__init__(id="background-work")
        self.db_path = db_path
        self.display = False
        self.painted = False
        """True once the first frame is drawn and the file passed its full check."""
        self.calibrating = False
        self.loading_model = False
        self.model_fingerprint: str | None = None
        self.stalled = False
        """A job failed (the database busy or unusable): none starts again until the data
        changes (`data_changed`), so a lasting problem is not retried in a loop."""
        self.recalibration: Timer | None = None
        """The debounce timer of a refit asked for after the first one."""
        self.calibrated_once = False

    def first_paint_done(self) -> None:
        """Start the jobs; a file opened with only the quick check is checked in full first."""
        if checked_in_full(self.db_path):
            self.painted = True
        else:
            self.check_in_full()

    def data_changed(self) -> None:
        """Another program wrote: a job that failed may succeed now."""
        self.stalled = False

    def needs(self, *, calibration: bool, posts_fingerprint: str) -> None:
        """Start what the data on screen needs: called after every read of the views.

        `calibration` is whether the cached fit is stale (and can be kept); `posts_fingerprint`
        names the posts the model should stand on.
        """
        if not self.painted or self.stalled:
            return
        if calibration and not self.calibrating:
            if self.calibrated_once:
                self._calibrate_when_quiet()
            else:
                self.calibrate_now()
        if posts_fingerprint != self.model_fingerprint and not self.loading_model:
            if self.model_fingerprint is not None:
                self.post_message(self.ModelRetraining())
            self.model_fingerprint = posts_fingerprint
            self.loading_model = True
            self._load_model()

    def _calibrate_when_quiet(self) -> None:
        if self.recalibration is not None:
            self.recalibration.stop()
        self.recalibration = self.set_timer(RECALIBRATE_AFTER_QUIET_SECONDS, self.calibrate_now)

    def calibrate_now(self) -> None:
        """Start the fit (the debounce timer's end; the first fit starts at once)."""
        if self.recalibration is not None:
            self.recalibration.stop()
            self.recalibration = None
        if self.calibrating or self.stalled:
            return
        self.calibrating = True
        self.calibrated_once = True
        self._calibrate()

    @work(thread=True, exclusive=True, group="full-check", exit_on_error=False)
    def check_in_full(self) -> None:
        """A large file was opened with the quick check: the full one runs now, behind the
        first frame, before any background job writes."""
        with ONE_AT_A_TIME:
            damage = full_check(self.db_path)
        self.post_message(self.FullCheckDone(damage))

    def full_check_done(self, damage: str | None) -> None:
        self.painted = damage is None

    @work(thread=True, exclusive=True, group="calibration", exit_on_error=False)
    def _calibrate(self) -> None:
        """Fit the estimate to the official readings and cache the fit."""
        with ONE_AT_A_TIME:
            try:
                from ssi_tui.analysis import calibration_fit

                db = open_database(self.db_path)
                try:
                    calibration_fit.calibrate_and_cache(db)
                finally:
                    db.close()
            except Exception as error:  # any failure is said in a sentence, never a crash
                self.post_message(self.JobFailed("calibration", error))
                return
        if not get_current_worker().is_cancelled:
            self.post_message(self.Calibrated())

    def calibration_finished(self) -> None:
        self.calibrating = False

    @work(thread=True, exclusive=True, group="format-model", exit_on_error=False)
    def _load_model(self) -> None:
        """Load (or train) the model and warm up the language tools."""
        with ONE_AT_A_TIME:
            try:
                from ssi_tui.analysis import format_model
                from ssi_tui.analysis.features import analyze_text
                from ssi_tui.store.track_record import track_record

                db = open_database(self.db_path)
                try:
                    state = format_model.load_or_train(db, self.db_path)
                    rows = format_model.training_rows(db)
                    record = track_record(db)
                finally:
                    db.close()
                analyze_text("Warm up the language tools.")
            except Exception as error:  # said in the app, never a traceback
                self.post_message(self.JobFailed("model", error))
                return
        if not get_current_worker().is_cancelled:
            self.post_message(self.ModelLoaded(state, rows, record))

    def model_finished(self, *, loaded: bool) -> None:
        self.loading_model = False
        if not loaded:
            self.model_fingerprint = None

    def job_failed(self, job: Job) -> None:
        self.stalled = True
        if job == "calibration":
            self.calibration_finished()
        else:
            self.model_finished(loaded=False)
