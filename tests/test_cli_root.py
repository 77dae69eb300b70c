from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlite_utils import Database
from tests.processes import HEADLESS, run_bare_ssi_tui

import ssi_tui.cli as cli_module
from ssi_tui import __version__
from ssi_tui.cli import cli


def test_version_and_help() -> None:
    runner = CliRunner()
    version = runner.invoke(cli, ["--version"])
    assert version.exit_code == 0
    assert version.output.strip() == f"ssi-tui, version {__version__}"
    help_text = runner.invoke(cli, ["--help"])
    assert help_text.exit_code == 0
    assert "--demo" in help_text.output and "--db PATH" in help_text.output


def test_an_unknown_option_is_one_sentence_and_exit_2() -> None:
    result = CliRunner().invoke(cli, ["--frobnicate"])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert lines == ["ssi-tui: No such option '--frobnicate' (see 'ssi-tui --help')."]
    assert "Traceback" not in result.output


def test_a_database_that_is_not_sqlite_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("Call Dana about the renewal\n")
    result = CliRunner().invoke(cli, ["--db", str(path)])
    assert result.exit_code == 2
    assert (
        result.stderr.strip()
        == f"ssi-tui: {path} is not an SQLite database; it was left untouched."
    )
    assert path.read_text() == "Call Dana about the renewal\n"


def test_an_unusable_db_path_is_refused(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["--db", str(tmp_path)])
    assert result.exit_code == 2
    assert "is a directory" in result.stderr


def test_demo_opens_the_app_on_a_temporary_year_of_history(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, object] = {}

    def fake_run_app(path: Path, label: str | None) -> None:
        database = Database(path)
        seen["readings"] = database["readings"].count
        seen["posts"] = database["posts"].count
        seen["last"] = database.execute("SELECT max(date) FROM readings").fetchone()[0]
        database.close()
        seen["path"] = path
        seen["label"] = label

    monkeypatch.setattr(cli_module, "run_app", fake_run_app)
    result = CliRunner().invoke(cli, ["--demo"])
    assert result.exit_code == 0, result.output
    assert seen["readings"] > 50 and seen["posts"] > 30
    assert seen["last"] == "2026-06-01"
    assert seen["label"] == "demo history (discarded on exit)"
    assert not Path(str(seen["path"])).exists(), "the demo database is removed afterwards"


def test_without_options_the_app_opens_on_the_configured_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[Path] = []
    monkeypatch.setattr(cli_module, "run_app", lambda path, label: opened.append(path))
    assert CliRunner().invoke(cli, []).exit_code == 0
    assert opened == [tmp_path / "default.db"]
    assert CliRunner().invoke(cli, ["--db", str(tmp_path / "x.db")]).exit_code == 0
    assert opened[-1] == tmp_path / "x.db"


def test_the_bare_command_opens_the_app_on_the_configured_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ssi_tui import launch

    opened: list[Path] = []
    monkeypatch.setattr(launch, "run_app", lambda path, label=None: opened.append(path))
    monkeypatch.setattr("sys.argv", ["ssi-tui"])
    launch.main()
    assert opened == [tmp_path / "default.db"]


def test_the_bare_command_refuses_an_unusable_database_in_one_sentence(tmp_path: Path) -> None:
    result = run_bare_ssi_tui(tmp_path)
    assert result.returncode == 2
    assert result.stderr == f"ssi-tui: {tmp_path} is a directory, not a database file.\n"
    assert result.stdout == ""


CRASHING_APP = """
import sys
from ssi_tui.app import SsiApp

def fail(self):
    raise RuntimeError("a failure nobody foresaw")

SsiApp._after_first_paint = fail
from ssi_tui.launch import main
main()
"""


@pytest.mark.parametrize("arguments", [[], ["--db", "{db}"]])
def test_the_app_never_exits_0_after_a_crash(tmp_path: Path, arguments: list[str]) -> None:
    """A script or a shell `&&` must not take a crash for success."""
    db = tmp_path / "crash.db"
    env = {**os.environ, "SSI_TUI_DB": str(db), "TEXTUAL_DRIVER": HEADLESS}
    command = [sys.executable, "-c", CRASHING_APP, *(a.format(db=db) for a in arguments)]
    result = subprocess.run(
        command, capture_output=True, text=True, env=env, timeout=120, check=False
    )
    assert result.returncode == 1
    assert "a failure nobody foresaw" in result.stderr
