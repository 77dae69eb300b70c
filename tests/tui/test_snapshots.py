"""Snapshot tests of every pane on the demo history at a fixed date and size.

Update after an intended change with `pytest tests/tui --snapshot-update`, then review the SVGs.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from tests.tui.settle import settle, shows_text, wait_until

from ssi_tui.app import make_app
from ssi_tui.core.readings import Reading
from ssi_tui.store import journal, posts, readings
from ssi_tui.store.database import open_database

TODAY = date(2026, 6, 1)
SMALLEST = (80, 24)
SMALL = (100, 30)
LARGE = (160, 45)


@pytest.fixture(autouse=True)
def _fixed_format_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """The Drafts pane's figures come from a model whose numbers are written here, not trained:
    a patch release of scikit-learn may move a trained model's figures, and a snapshot must
    change only when what the pane shows changes (the training is tested in tests/analysis)."""
    from ssi_tui.analysis import format_model
    from ssi_tui.analysis.estimator import FormatModel, ModelMetadata
    from ssi_tui.analysis.prior import published_prior

    offsets = {"text": -0.35, "image": 0.45, "carousel": 0.8, "video": 0.35, "article": -0.6}
    counts = {
        "text": 23,
        "image": 10,
        "carousel": 5,
        "video": 3,
        "article": 3,
        "link": 2,
        "poll": 1,
    }
    model = FormatModel(
        kind="format-median",
        estimator=None,
        feature_names=(),
        format_offsets=offsets,
        format_counts=counts,
        residual_low=-0.55,
        residual_high=0.65,
        metadata=ModelMetadata(
            kind="format-median",
            sklearn_version="",
            data_hash="",
            created="2026-06-01T09:00:00",
            n_posts=47,
            evaluation={"selection": {"format-median": {"spearman": 0.21, "kept": 1.0}}},
        ),
        scale=138.0,
        typical_weekday=1,
        typical_hour=9,
    )
    fixed = format_model.ModelState(model, published_prior(), 47)
    monkeypatch.setattr(format_model, "load_or_train", lambda db, path: fixed)


@pytest.fixture(autouse=True)
def _fixed_calibration(monkeypatch: pytest.MonkeyPatch) -> None:
    """The Score pane's estimate and calibration line come from a fit whose numbers are written
    here: the real fit (numpy and scipy's non-negative least squares) may move in the last
    digits with a patch release, and a snapshot must change only when what the pane shows
    changes (the fit's numbers are tested in tests/analysis/test_calibration_fit.py).

    The background job still runs and caches the record as usual; only the fit is replaced.
    """
    from ssi_tui.analysis import calibration_fit
    from ssi_tui.core.calibration import MIN_READINGS, Calibration
    from ssi_tui.core.estimate import DEFAULT_WEIGHTS

    weights = DEFAULT_WEIGHTS.with_fit(
        {"brand": 5.5, "people": 5.75, "insights": 4.5, "relationships": 3.75},
        {
            "post": 4.75,
            "endorsement_received": 7.5,
            "search": 3.5,
            "profile_view": 2.25,
            "connection_request": 3.75,
            "connection_accepted": 0.75,
            "comment": 4.25,
            "reaction": 5.0,
            "message": 7.0,
            "reply_received": 3.75,
        },
    )

    def fixed(
        journal: Any,
        readings: Sequence[Any],
        base: Any = DEFAULT_WEIGHTS,
        *,
        profile: Any = None,
        activity_pillars: Any = None,
    ) -> Calibration:
        if len(readings) < MIN_READINGS:  # as the real fit: no weights from too few readings
            return Calibration(
                weights=None,
                n_readings=len(readings),
                reason=(
                    f"Calibration needs at least {MIN_READINGS} official readings; "
                    f"you have {len(readings)}."
                ),
            )
        return Calibration(
            weights=weights,
            n_readings=len(readings),
            loo_mae_total=1.85,
            loo_mae_default_total=2.4,
            loo_mae_pillars={"brand": 1.2, "people": 0.5, "insights": 0.7, "relationships": 0.7},
            default_mae_pillars={
                "brand": 3.0,
                "people": 0.9,
                "insights": 3.25,
                "relationships": 0.75,
            },
        )

    monkeypatch.setattr(calibration_fit, "calibrate", fixed)


@pytest.mark.parametrize("size", [SMALLEST, SMALL, LARGE], ids=["80x24", "100x30", "160x45"])
@pytest.mark.parametrize("pane", ["1", "2", "3", "4"], ids=["score", "journal", "posts", "drafts"])
def test_pane_on_demo_history(
    snap_compare: Any, demo_db_path: Path, pane: str, size: tuple[int, int]
) -> None:
    async def show(pilot: Any) -> None:
        await settle(pilot)
        await pilot.press(pane)
        await pilot.pause()

    app = make_app(demo_db_path, today=TODAY, label="demo")
    assert snap_compare(app, terminal_size=size, run_before=show)


def test_reading_form_shows_its_buttons_at_100x30(snap_compare: Any, demo_db_path: Path) -> None:
    """Every field on one row, the first one focused, Save and Cancel above the fold."""

    async def add(pilot: Any) -> None:
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()

    app = make_app(demo_db_path, today=TODAY, label="demo")
    assert snap_compare(app, terminal_size=SMALL, run_before=add)


def test_score_pane_empty_state(snap_compare: Any, db_path: Path) -> None:
    app = make_app(db_path, today=TODAY, label="empty")
    assert snap_compare(app, terminal_size=SMALL)


def test_help_screen(snap_compare: Any, demo_db_path: Path) -> None:
    async def show(pilot: Any) -> None:
        await settle(pilot)
        await pilot.press("f1")

    app = make_app(demo_db_path, today=TODAY, label="demo")
    assert snap_compare(app, terminal_size=SMALL, run_before=show)


def test_what_if_planner(snap_compare: Any, demo_db_path: Path) -> None:
    async def show(pilot: Any) -> None:
        await settle(pilot)
        await pilot.press("w")
        await pilot.pause()

    app = make_app(demo_db_path, today=TODAY, label="demo")
    assert snap_compare(app, terminal_size=LARGE, run_before=show)


def test_score_pane_with_one_reading(snap_compare: Any, db_path: Path) -> None:
    database = open_database(db_path)
    save_one_reading(database, industry_rank=12, network_rank=20, industry_average=31)
    database.close()
    app = make_app(db_path, today=TODAY, label="one reading")
    assert snap_compare(app, terminal_size=SMALL)


def test_paste_dialog_with_an_understood_page(snap_compare: Any, db_path: Path) -> None:
    page = (
        "Top 85% Industry SSI rank\nNetwork SSI rank\nTop 20%\n"
        "Establish your professional brand\t16,50\nFind the right people\t14,25\n"
        "Engage with insights\t13\nBuild relationships\t17,10\n"
    )

    async def paste(pilot: Any) -> None:
        await pilot.press("p")
        await pilot.pause()
        pilot.app.screen.query_one("#paste-text").text = page
        await pilot.pause()

    app = make_app(db_path, today=TODAY, label="paste")
    assert snap_compare(app, terminal_size=SMALL, run_before=paste)


def test_drafts_pane_with_an_analysed_draft(snap_compare: Any, demo_db_path: Path) -> None:
    draft = (
        "I lost a six-figure deal last quarter. Here is what I changed.\n\n"
        "1. Ask about the cost of doing nothing\n2. Name the decision maker early\n\n"
        "What would you add? #sales"
    )

    async def write(pilot: Any) -> None:
        await settle(pilot)
        await pilot.press("4")
        editor = pilot.app.query_one("#draft-editor")
        editor.cursor_blink = False  # a blinking cursor would make the picture depend on timing
        editor.text = draft
        await wait_until(pilot, shows_text(pilot, "#draft-details", "Questions      1"))

    app = make_app(demo_db_path, today=TODAY, label="demo")
    assert snap_compare(app, terminal_size=LARGE, run_before=write)


def save_one_reading(database: Any, **extra: Any) -> None:
    """The reading of the page the README's example shows: 61, pillars 16.5/14.25/13/17.1."""
    pillars = {"brand": 16.5, "people": 14.25, "insights": 13.0, "relationships": 17.1}
    readings.save_reading(database, Reading(date=TODAY, total=61, pillars=pillars, **extra))


HOSTILE = (
    "[bold red]Boss[/bold red] [link=https://example.invalid]click[/link] \x1b[2J\x1b]0;pwned\x07!"
)


@pytest.mark.parametrize("keys", [("2",), ("2", "escape", "3")], ids=["journal", "posts"])
def test_text_from_imports_and_notes_is_shown_literally(
    snap_compare: Any, db_path: Path, keys: tuple[str, ...]
) -> None:
    """Rich markup stays visible as typed; terminal control sequences are removed."""
    database = open_database(db_path)
    save_one_reading(database, weekly_change=HOSTILE)
    journal.add_activity_type(database, "webinar", "brand", HOSTILE)
    journal.set_manual(database, TODAY, "webinar", 2, note=HOSTILE)
    posts.upsert_posts(
        database,
        [
            {
                "id": "p1",
                "published_at": "2026-05-30T09:00:00",
                "format": "text",
                "text": HOSTILE,
                "reactions": 5,
                "comments": 1,
                "reposts": 0,
                "impressions": 300,
            }
        ],
    )
    database.close()

    async def show(pilot: Any) -> None:
        await settle(pilot)
        await pilot.press(*keys)
        await pilot.pause()

    app = make_app(db_path, today=TODAY, label="[b]hostile[/b]")
    assert snap_compare(app, terminal_size=SMALL, run_before=show)


def test_score_pane_shows_a_hostile_weekly_change_literally(
    snap_compare: Any, db_path: Path
) -> None:
    database = open_database(db_path)
    save_one_reading(database, weekly_change=HOSTILE)
    database.close()
    app = make_app(db_path, today=TODAY, label="hostile")
    assert snap_compare(app, terminal_size=SMALL, run_before=settle)
