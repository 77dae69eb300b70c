"""The background jobs report by message and the app hands their results to the panes; a run of
journal changes refits the estimate once, when the journal is still, not at every key."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tests.tui.settle import opened, posted, settle
from textual.message import Message

from ssi_tui.background import BackgroundWork
from ssi_tui.panes.deck import PaneDeck


def counting_fits(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Count the fits the app starts (each one still runs for real)."""
    from ssi_tui.analysis import calibration_fit

    calls: list[object] = []
    real = calibration_fit.calibrate_and_cache

    def counted(db: Any) -> Any:
        calls.append(db)
        return real(db)

    monkeypatch.setattr(calibration_fit, "calibrate_and_cache", counted)
    return calls


async def test_five_quick_changes_to_the_journal_refit_the_estimate_once(
    demo_db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fits = counting_fits(monkeypatch)
    async with opened(demo_db_path, size=(120, 40)) as pilot:
        app = pilot.app
        first = len(fits)
        assert first == 1  # the demo's cached fit is stale at the first start
        await pilot.press("2")
        for _ in range(5):
            await pilot.press("plus")
        await settle(pilot)
        card = app.query_one(PaneDeck).journal
        assert card.view is not None
        assert len(fits) == first, "a refit started while the journal was still changing"
        assert app.background.recalibration is not None  # waiting for the journal to be still

        app.background.calibrate_now()  # what the debounce timer does when it ends
        await settle(pilot)
        assert len(fits) == first + 1
        assert app.background.recalibration is None
        assert not app.query_one("ScorePane").view.calibration_pending


async def test_the_jobs_report_by_message_and_the_drafts_pane_gets_the_model(
    demo_db_path: Path,
) -> None:
    seen: list[Message] = []
    async with opened(demo_db_path, size=(120, 40), message_hook=seen.append) as pilot:
        app = pilot.app
        loaded = posted(seen, BackgroundWork.ModelLoaded)
        calibrated = posted(seen, BackgroundWork.Calibrated)
        failed = posted(seen, BackgroundWork.JobFailed)
        assert len(loaded) == 1 and len(calibrated) == 1 and not failed
        drafts = app.query_one(PaneDeck).drafts
        assert drafts.model_state is loaded[0].state
        assert drafts.history is not None
        assert len(drafts.history.measured) == loaded[0].state.n_posts
        assert not app.background.loading_model and not app.background.calibrating


async def test_the_retraining_status_ends_when_new_posts_leave_the_model_as_it_was(
    db_path: Path,
) -> None:
    """Posts without numbers change the post log but not the model: "retraining the model…"
    stayed on the Drafts pane for good."""
    from ssi_tui.store import posts
    from ssi_tui.store.database import open_database

    async with opened(db_path, size=(120, 40)) as pilot:
        app = pilot.app
        drafts = app.query_one(PaneDeck).drafts
        database = open_database(db_path)
        posts.upsert_posts(
            database,
            [{"id": "urn:li:share:1", "published_at": "2026-05-30T09:00:00", "text": "Hello"}],
        )
        database.close()
        app.refresh_views()  # what the poll for other programs' writes does
        await settle(pilot)
        assert drafts.model_state is not None
        status = str(drafts.query_one("#draft-status").render())
        assert "retraining" not in status
        assert "Content_….xlsx" in status, "the model's footing: posts without numbers"
