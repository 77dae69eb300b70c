"""The app's background work: calibrating the estimate and loading the format model.

Both load scikit-learn (and the model NLTK), so they start only after the first frame is on
screen, run in threads with their own database connections, one at a time, and hand their
results back to the UI thread.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App

from ssi_tui.store.database import checked_in_full, full_check, open_database
from ssi_tui.store.transactions import DatabaseBusy, why_it_stopped

if TYPE_CHECKING:
    from ssi_tui.panes.drafts import DraftsPane
    from ssi_tui.panes.score import ScorePane

ONE_AT_A_TIME = threading.Lock()
"""Two threads importing scikit-learn at once can see it half-initialised; one job at a time
also leaves more of the machine to the UI."""


class BackgroundWork:
    """Starts each job when its data changed, never twice at once, never before the paint."""

    def __init__(self, app: App[Any], db_path: Path) -> None:
        self.app = app
        self.db_path = db_path
        self.painted = False
        self.calibrating = False
        self.loading_model = False
        self.model_fingerprint: str | None = None
        self.stalled = False
        """A job failed (the database busy or unusable): none starts again until the data
        changes (`data_changed`), so a lasting problem is not retried in a loop."""

    def first_paint_done(self) -> None:
        if checked_in_full(self.db_path):
            self.painted = True
            self.check()
        else:
            self.app.run_worker(self._check_in_full, thread=True, group="full-check")

    def _check_in_full(self) -> None:
        """A large file was opened with the quick check: the full one runs now, behind the
        first frame, before any background job writes."""
        with ONE_AT_A_TIME:
            damage = full_check(self.db_path)
        self.app.call_from_thread(self._checked_in_full, damage)

    def _checked_in_full(self, damage: str | None) -> None:
        if damage is None:
            self.painted = True
            self.check()
            return
        saver = getattr(self.app, "saver")  # noqa: B009 - the app's writer, UI thread only
        saver.writes_refused = damage  # nothing more is written, by the user or the jobs
        show = getattr(self.app, "show_database_status")  # noqa: B009
        show(damage)

    def data_changed(self) -> None:
        """Another program wrote: a job that failed may succeed now."""
        self.stalled = False

    def check(self) -> None:
        """Start whatever the current data needs (called after every refresh of the views)."""
        self._calibrate_if_needed()
        self._reload_model_if_needed()

    def _score_pane(self) -> ScorePane:
        from ssi_tui.panes.score import ScorePane

        return self.app.query_one(ScorePane)

    def _drafts_pane(self) -> DraftsPane:
        from ssi_tui.panes.deck import PaneDeck

        return self.app.query_one(PaneDeck).drafts

    def _calibrate_if_needed(self) -> None:
        view = self._score_pane().view
        if getattr(self.app, "saver").writes_refused is not None:  # noqa: B009
            return  # its result could not be kept, so it would run again at every refresh
        ready = self.painted and not self.calibrating and not self.stalled
        if ready and view and view.calibration_pending:
            self.calibrating = True
            self.app.run_worker(
                self._calibrate, thread=True, group="calibration", exit_on_error=False
            )

    def _calibrate(self) -> None:
        """Fit the estimate to the official readings and cache the fit."""
        problem = None
        with ONE_AT_A_TIME:
            try:
                from ssi_tui.analysis.calibration_fit import calibrate_and_cache

                db = open_database(self.db_path)
                try:
                    calibrate_and_cache(db)
                finally:
                    db.close()
            except Exception as error:  # any failure is said in a sentence, never a crash
                problem = error
            finally:
                self.app.call_from_thread(self._calibration_finished, problem)

    def _job_failed(self, what: str, problem: Exception) -> None:
        self.stalled = True
        if not isinstance(problem, DatabaseBusy):  # busy: tried again once the data changes
            self.app.notify(
                f"{what} failed ({why_it_stopped(problem)}); it runs again when the data changes.",
                severity="warning",
                markup=False,
            )

    def _calibration_finished(self, problem: Exception | None) -> None:
        self.calibrating = False
        if problem is not None:
            self._job_failed("Calibrating the estimate", problem)
            return
        refresh = getattr(self.app, "refresh_views", None)
        if refresh is not None:
            refresh()

    def _reload_model_if_needed(self) -> None:
        """Load (or retrain) the format model when the post log changed since the last load."""
        from ssi_tui.store.posts import posts_fingerprint

        reader = getattr(self.app, "reader")  # noqa: B009 - the app's connection, UI thread only
        fingerprint = posts_fingerprint(reader)
        idle = self.painted and not self.loading_model and not self.stalled
        if not idle or fingerprint == self.model_fingerprint:
            return
        self.loading_model = True
        if self.model_fingerprint is not None:
            self._drafts_pane().set_status("Your posts changed: retraining the model…")
        self.model_fingerprint = fingerprint
        self.app.run_worker(
            self._load_model, thread=True, group="format-model", exit_on_error=False
        )

    def _load_model(self) -> None:
        """Load (or train) the model, warm up the language tools; any failure is said in a
        sentence and the Drafts pane falls back to the prior, never a crash."""
        with ONE_AT_A_TIME:
            try:
                from ssi_tui.analysis.features import analyze_text
                from ssi_tui.analysis.format_model import load_or_train, training_rows
                from ssi_tui.store.track_record import track_record

                db = open_database(self.db_path)
                try:
                    state = load_or_train(db, self.db_path)
                    rows = training_rows(db)
                    record = track_record(db)
                finally:
                    db.close()
                analyze_text("Warm up the language tools.")
            except Exception as error:  # said in the app, never a traceback
                self.app.call_from_thread(self._model_failed, error)
                return
        self.app.call_from_thread(self._model_loaded, state, rows, record)

    def _model_failed(self, problem: Exception) -> None:
        self.loading_model = False
        self.model_fingerprint = None
        self._job_failed("Loading the format model", problem)
        self._drafts_pane().set_status(
            f"The format model could not be loaded ({why_it_stopped(problem)}): no suggestion "
            "until it loads; it is tried again when your posts change."
        )

    def _model_loaded(self, state: Any, rows: list[dict[str, Any]], record: Any = None) -> None:
        from ssi_tui.analysis.history import PostHistory

        self.loading_model = False
        from ssi_tui.core.post_stats import model_footing

        pane = self._drafts_pane()
        pane.history = PostHistory.from_rows(rows)
        pane.footing = model_footing(rows)
        pane.track_record = record
        pane.model_state = state
        self._reload_model_if_needed()
