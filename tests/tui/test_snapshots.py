"""Snapshot tests of every pane on the demo history at a fixed date and size.

Update after an intended change with `pytest tests/tui --snapshot-update`, then review the SVGs.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from ssi_tui.app import make_app

TODAY = date(2026, 6, 1)
SMALL = (100, 30)
LARGE = (160, 45)


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["100x30", "160x45"])
@pytest.mark.parametrize("pane", ["1", "2", "3", "4"], ids=["score", "journal", "posts", "drafts"])
def test_pane_on_demo_history(
    snap_compare: Any, demo_db_path: Path, pane: str, size: tuple[int, int]
) -> None:
    app = make_app(demo_db_path, today=TODAY, label="demo")
    assert snap_compare(app, terminal_size=size, press=[pane])


def test_score_pane_empty_state(snap_compare: Any, db_path: Path) -> None:
    app = make_app(db_path, today=TODAY, label="empty")
    assert snap_compare(app, terminal_size=SMALL)


def test_help_screen(snap_compare: Any, demo_db_path: Path) -> None:
    app = make_app(demo_db_path, today=TODAY, label="demo")
    assert snap_compare(app, terminal_size=SMALL, press=["f1"])
