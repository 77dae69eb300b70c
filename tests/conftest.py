"""Shared fixtures: every test runs with a pinned date and far from the user's real data."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlite_utils import Database

from ssi_tui.store.database import open_database
from ssi_tui.store.demo import write_demo

DEMO_END = date(2026, 6, 1)
"""The fixed "today" of every test, so snapshots and numbers never drift."""


@pytest.fixture(autouse=True)
def _isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the real data folder out of reach and pin today's date."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("SSI_TUI_DB", str(tmp_path / "default.db"))
    monkeypatch.setenv("SSI_TUI_TODAY", DEMO_END.isoformat())


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "ssi.db"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    database = open_database(db_path)
    yield database
    database.close()


@pytest.fixture(scope="session")
def demo_db_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A year of demo history ending on DEMO_END, written once per test session."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    database = open_database(path)
    write_demo(database, DEMO_END)
    database.close()
    return path


@pytest.fixture
def demo_db_path(demo_db_file: Path, tmp_path: Path) -> Path:
    """A private copy of the demo database that a test may change."""
    copy = tmp_path / "demo.db"
    source = open_database(demo_db_file)
    try:
        source.conn.execute("VACUUM INTO ?", [str(copy)])
    finally:
        source.close()
    return copy


@pytest.fixture
def demo_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A year of demo history in SSI_TUI_DB, for the command-line tests."""
    path = tmp_path / "demo-env.db"
    database = open_database(path)
    write_demo(database, DEMO_END)
    database.close()
    monkeypatch.setenv("SSI_TUI_DB", str(path))
    return path


OPENED_OUTSIDE_SQLITE: list[str] = []
"""Every `open()` of a database file while this process had it open through SQLite."""


def _record_opens_outside_sqlite(event: str, arguments: tuple[object, ...]) -> None:
    from ssi_tui.store.connections import names_an_open_database

    if event == "open" and names_an_open_database(arguments[0]):
        OPENED_OUTSIDE_SQLITE.append(repr(arguments[0]))


sys.addaudithook(_record_opens_outside_sqlite)


@pytest.fixture(autouse=True)
def _no_open_outside_sqlite(request: pytest.FixtureRequest) -> Iterator[None]:
    """Every test (app flows, commands, background work, imports) proves that nothing opens a
    database file behind SQLite's back while a connection to it is open (store/connections.py).
    """
    OPENED_OUTSIDE_SQLITE.clear()
    yield
    if request.node.get_closest_marker("opens_database_outside_sqlite") is None:
        assert OPENED_OUTSIDE_SQLITE == [], "opened outside SQLite while connected"
