"""A background job that fails is said in a sentence; the app stays open and does not loop.

Calibrating the estimate and loading the format model ran as workers that closed the app with a
traceback on anything but a database error (an `OSError` in the model folder, a bug), and a
failed calibration was started again at the next refresh.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tests.conftest import DEMO_END
from tests.tui.settle import settle, wait_until
from textual.widgets import Static

from ssi_tui.app import make_app


def messages(app: Any) -> list[str]:
    return [notification.message for notification in app._notifications]


async def test_a_failing_calibration_is_said_and_not_retried_in_a_loop(
    demo_db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ssi_tui.analysis import calibration_fit

    calls = []

    def broken(db: object) -> None:
        calls.append(db)
        raise RuntimeError("the solver gave up")

    monkeypatch.setattr(calibration_fit, "calibrate_and_cache", broken)
    app = make_app(demo_db_path, today=DEMO_END)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        sentence = (
            "Calibrating the estimate failed (the solver gave up); it runs again when the data "
            "changes."
        )
        await wait_until(pilot, lambda: sentence in messages(app))
        app.refresh_views()
        await settle(pilot)
        assert app.is_running and len(calls) == 1


async def test_a_failing_model_load_is_said_in_the_drafts_pane(
    demo_db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ssi_tui.analysis import format_model

    def broken(db: object, path: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(format_model, "load_or_train", broken)
    app = make_app(demo_db_path, today=DEMO_END)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await wait_until(
            pilot,
            lambda: any(m.startswith("Loading the format model failed") for m in messages(app)),
        )
        await pilot.press("4")
        status = str(app.query_one("#draft-status", Static).render())
        assert status.startswith("The format model could not be loaded (")
        assert app.is_running
