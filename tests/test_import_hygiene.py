"""Start-up stays light: the heavy libraries load only when the analyzer needs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from tests.processes import HEADLESS

HEAVY = ("sklearn", "scipy", "nltk", "skops", "vaderSentiment")


def _modules_after(code: str) -> set[str]:
    probe = f"{code}\nimport sys, json\nprint(json.dumps(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120
    )
    return set(json.loads(result.stdout.strip().splitlines()[-1]))


def _heavy(modules: set[str]) -> set[str]:
    return {name for name in modules if name.split(".")[0] in HEAVY}


def test_cli_help_loads_neither_textual_nor_the_heavy_libraries() -> None:
    code = (
        "import contextlib, io\n"
        "from ssi_tui.cli import cli\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    cli.main(['--help'], standalone_mode=False)"
    )
    modules = _modules_after(code)
    assert "ssi_tui.cli" in modules
    assert _heavy(modules) == set()
    assert "textual" not in modules


def test_python_dash_m_help_runs_and_stays_light() -> None:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "ssi_tui", "--help"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0
    assert "Usage: ssi-tui" in result.stdout
    imported = {line.split("|")[-1].strip() for line in result.stderr.splitlines() if "|" in line}
    assert _heavy(imported) == set()
    assert "textual" not in imported


def test_the_quick_log_path_loads_neither_textual_nor_the_heavy_libraries(
    tmp_path: Path,
) -> None:
    env = {**os.environ, "SSI_TUI_DB": str(tmp_path / "quick.db")}
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "ssi_tui", "log", "comment", "2"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=env,
    )
    assert result.returncode == 0, result.stderr[-500:]
    assert "Logged comment ×2" in result.stdout
    imported = {line.split("|")[-1].strip() for line in result.stderr.splitlines() if "|" in line}
    assert _heavy(imported) == set()
    assert "textual" not in imported and "rich" not in imported


@pytest.mark.parametrize("module", ["ssi_tui.app"])
def test_importing_the_app_loads_no_heavy_library(module: str) -> None:
    modules = _modules_after(f"import {module}")
    assert "textual.app" in modules
    assert _heavy(modules) == set()


FIRST_PAINT_PROBE = """
import asyncio, sys
from datetime import date
from pathlib import Path
from ssi_tui.app import make_app
from ssi_tui.store.database import open_database
from ssi_tui.store.demo import write_demo

path = Path(sys.argv[1])
database = open_database(path)
write_demo(database, date(2026, 6, 1))
database.close()

from ssi_tui.background import BackgroundWork

seen = {}
after_first_paint = BackgroundWork.first_paint_done

def probe(self):
    # Runs once the first frame is on screen, just before any background work starts.
    seen["painted_with_heavy"] = "sklearn" in sys.modules or "nltk" in sys.modules
    after_first_paint(self)

BackgroundWork.first_paint_done = probe

async def main():
    app = make_app(path, today=date(2026, 6, 1))
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(400):
            if "painted_with_heavy" in seen:
                break
            await pilot.pause(0.05)
        for _ in range(3):
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
        calibrated = "sklearn" in sys.modules
    print(seen["painted_with_heavy"], calibrated)

asyncio.run(main())
"""


def test_first_paint_happens_before_scikit_learn_loads_in_a_worker(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", FIRST_PAINT_PROBE, str(tmp_path / "probe.db")],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-800:]
    painted_with_heavy, calibrated_later = result.stdout.split()
    assert painted_with_heavy == "False", "sklearn/nltk loaded before the first paint"
    assert calibrated_later == "True", "the calibration worker loads sklearn after the paint"


def test_the_bare_command_paints_before_loading_sqlite_utils_or_click(tmp_path: Path) -> None:
    """`ssi-tui` alone: the first frame is read with sqlite3 and drawn before the rest loads."""
    from ssi_tui.store.database import open_database
    from ssi_tui.store.demo import write_demo

    path = tmp_path / "paint.db"
    database = open_database(path)
    write_demo(database, date(2026, 6, 1))
    database.close()
    root = Path(__file__).resolve().parent.parent
    env = {
        **os.environ,
        "SSI_TUI_DB": str(path),
        "SSI_TUI_TODAY": "2026-06-01",
        "TEXTUAL_DRIVER": HEADLESS,
        "COLUMNS": "120",
        "LINES": "40",
        "FIRST_PAINT_TEXT": "1",
    }
    result = subprocess.run(
        [sys.executable, str(root / "benchmarks" / "first_paint.py"), "ssi-tui"],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
        env=env,
    )
    assert result.returncode == 0, result.stderr[-800:]
    first, complete = result.stdout.splitlines()
    report = json.loads(first.removeprefix("FIRST_PAINT "))
    assert complete.startswith("COMPLETE "), "the charts and the history table follow"
    assert report["app"] == "SsiApp" and report["size"] == [120, 40]
    assert report["heavy_modules"] == []
    assert report["after_paint_modules"] == []
    frame = "\n".join(report["text"])
    for shown in ("Target 75: 12 to go", "Engage with insights", "Estimate from your journal"):
        assert shown in frame, f"the first frame shows {shown!r}"
    assert report["text"][-1].startswith(" p Paste SSI "), "and the Score pane's keys"


@pytest.mark.parametrize("command", ["estimate", "plan"])
def test_estimate_and_plan_calibrate_without_scikit_learn(demo_db_path: Path, command: str) -> None:
    """The calibration is a non-negative least squares that scipy solves; loading
    scikit-learn for it cost `estimate` and `plan` about two seconds of imports."""
    code = (
        "import contextlib, io\n"
        "from ssi_tui.cli import cli\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    cli.main(['--db', {str(demo_db_path)!r}, {command!r}], standalone_mode=False)"
    )
    modules = _modules_after(code)
    assert (
        "ssi_tui.analysis.calibration_fit" in modules
    )  # it did calibrate (the demo has 52 readings)
    assert {name.split(".")[0] for name in _heavy(modules)} == {"scipy"}


def _command_probe(db: Path, *arguments: str) -> str:
    """Code that runs `ssi-tui --db DB ARGUMENTS` with NumPy made unimportable (sqlite-utils
    only tries it), so any need of ssi-tui's own for NumPy fails the command."""
    return (
        "import sys\n"
        "sys.modules['numpy'] = None\n"
        "import contextlib, io\n"
        "from ssi_tui.cli import cli\n"
        "shown = io.StringIO()\n"
        "with contextlib.redirect_stdout(shown):\n"
        f"    cli.main(['--db', {str(db)!r}, *{list(arguments)!r}], standalone_mode=False)\n"
        "assert shown.getvalue().strip(), 'the command printed nothing'\n"
        "if sys.modules.get('numpy', 0) is None:\n"
        "    del sys.modules['numpy']  # the block itself, not an import\n"
    )


LIGHT_COMMAND_LOADS = ("textual", "rich", "sklearn", "scipy", "numpy", "nltk", "skops")


def _loaded(modules: set[str], names: tuple[str, ...]) -> set[str]:
    return {name for name in modules if name.split(".")[0] in names}


def test_today_loads_no_textual_and_no_analysis_library(demo_db_path: Path) -> None:
    """The morning screen is as light as the quick log: no Textual, scikit-learn, SciPy, NLTK,
    and not even the NumPy that sqlite-utils would pick up."""
    modules = _modules_after(_command_probe(demo_db_path, "today"))
    assert "ssi_tui.commands.today" in modules
    assert _loaded(modules, LIGHT_COMMAND_LOADS) == set()


@pytest.mark.parametrize("command", ["estimate", "plan"])
def test_estimate_and_plan_on_a_cached_calibration_load_neither_numpy_nor_scipy(
    demo_db_path: Path, command: str
) -> None:
    """Settled as the app leaves it, the cached fit is used as it is: no fit, so no NumPy or
    SciPy (only a stale calibration loads them, to fit it again)."""
    from ssi_tui.analysis.calibration_fit import calibrate_and_cache
    from ssi_tui.store.database import open_database

    db = open_database(demo_db_path)
    try:
        calibrate_and_cache(db)
    finally:
        db.close()
    modules = _modules_after(_command_probe(demo_db_path, command))
    assert "ssi_tui.analysis.calibration_fit" not in modules
    assert _loaded(modules, LIGHT_COMMAND_LOADS) == set()
    # Reading is all they do then: sqlite3 alone, as `today` (sqlite-utils writes the cache).
    assert _loaded(modules, ("sqlite_utils",)) == set()


def test_analyze_with_a_per_format_median_model_loads_no_scikit_learn(tmp_path: Path) -> None:
    """A saved per-format-median model that speaks for every format (30+ posts, 5+ of each
    suggested format) needs neither skops nor scikit-learn (nor the prior, a scikit-learn
    model), and NLTK loads only the tokenizer and VADER, not its whole package."""
    from tests.analysis.synthetic_posts import synthetic_posts

    from ssi_tui.analysis.format_model import train_and_save
    from ssi_tui.store.database import open_database
    from ssi_tui.store.posts import upsert_posts

    path = tmp_path / "posts.db"
    db = open_database(path)
    try:
        upsert_posts(db, synthetic_posts(60))
        model, _ = train_and_save(db, path)
    finally:
        db.close()
    assert model is not None and model.kind == "format-median"
    draft = tmp_path / "draft.txt"
    draft.write_text("Three lessons from a lost deal.\n\nWe listened more. What would you add?")
    modules = _modules_after(_command_probe(path, "analyze", str(draft)))
    assert "ssi_tui.analysis.prediction" in modules
    assert _loaded(modules, ("sklearn", "skops", "scipy", "numpy", "textual")) == set()
    assert {"nltk.tokenize.punkt", "nltk.sentiment.vader"} <= modules
    assert not {"nltk.corpus", "nltk.downloader", "nltk.classify"} & modules
