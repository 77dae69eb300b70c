"""Where the shipped models live, in an installed wheel or in a source checkout.

The wheel carries the repository's top-level `models/` folder as `ssi_tui/models` (see the
hatch `force-include` in pyproject.toml); a source checkout keeps it at `<repo>/models`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

PRIOR_FILE: Final = "prior.skops"
"""The cold-start prior of the format model; its metadata sits beside it as `prior.json`."""

_PACKAGE = Path(__file__).resolve().parent.parent


def candidate_model_dirs() -> tuple[Path, ...]:
    """Installed location first, then the source checkout's."""
    return (_PACKAGE / "models", _PACKAGE.parent.parent / "models")


def models_dir() -> Path | None:
    """The first folder that holds the shipped prior, or None when neither does."""
    for folder in candidate_model_dirs():
        if (folder / PRIOR_FILE).is_file():
            return folder
    return None


def prior_path() -> Path | None:
    folder = models_dir()
    return folder / PRIOR_FILE if folder else None
