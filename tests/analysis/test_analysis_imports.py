"""Importing the analysis package (and its light modules) loads no heavy library."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("sklearn", "scipy", "numpy", "nltk", "skops", "vaderSentiment")


def _heavy_modules_after(code: str) -> set[str]:
    probe = f"{code}\nimport sys, json\nprint(json.dumps(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120
    )
    modules = json.loads(result.stdout.strip().splitlines()[-1])
    return {name for name in modules if name.split(".")[0] in HEAVY}


@pytest.mark.parametrize(
    "module",
    [
        "ssi_tui.analysis",
        "ssi_tui.analysis.features",
        "ssi_tui.analysis.advice",
        "ssi_tui.analysis.history",
        "ssi_tui.analysis.blend",
        "ssi_tui.analysis.paths",
    ],
)
def test_light_modules_load_no_heavy_library(module: str) -> None:
    assert _heavy_modules_after(f"import {module}") == set()


def test_the_model_api_loads_them_when_asked() -> None:
    loaded = _heavy_modules_after("import ssi_tui.analysis.model")
    assert "numpy" in loaded
    assert not {"nltk", "sklearn"} & {name.split(".")[0] for name in loaded}
