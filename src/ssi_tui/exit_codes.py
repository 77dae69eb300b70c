"""Exit statuses the shell sees (scripts rely on them; see the README)."""

from __future__ import annotations

from typing import Final

EXIT_REFUSED: Final = 2
"""Exit status for bad arguments, bad files, refused input and unusable databases."""
