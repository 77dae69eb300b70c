"""Small coercions every importer needs: header names, blank cells, counts stored as text."""

from __future__ import annotations

import math
import re
from typing import Final

from ssi_tui.core.limits import MAX_METRIC
from ssi_tui.core.text import strip_control

BLANK_MARKERS: Final = frozenset({"", "na", "n/a", "#n/a", "null", "none", '""'})
"""What spreadsheet re-saves and some exports write in an empty cell."""

FORMULA_MARKS: Final = ("=", "+", "-", "@")
"""First characters that make a spreadsheet read a cell as a formula."""

_GROUPED_COUNT: Final = re.compile(r"[0-9]{1,3}(?:[,.\u00a0\u202f' ][0-9]{3})+")
_PLAIN_COUNT: Final = re.compile(r"[0-9]+(?:\.0+)?")


def normalise_label(label: object) -> str:
    """Compare header names and labels case-blind and ignoring spaces, `_`, `/` and the like.

    LinkedIn drifts between `SharedURL` and `SharedUrl`, `Search Queries` and `SearchQueries`.
    """
    return "".join(char for char in str(label).casefold() if char.isalnum())


def clean_cell(value: str) -> str:
    """A cell's text without control characters or padding; blank markers become ''.

    The apostrophe that keeps `=…`, `+…`, `-…` or `@…` from running as a formula (ssi-tui's
    own CSV export adds it, as spreadsheets do) is taken off again.
    """
    text = strip_control(value).strip()
    if text.startswith("'") and text[1:2] in FORMULA_MARKS:
        text = text[1:]
    return "" if text.casefold() in BLANK_MARKERS else text


def parse_count(value: object) -> int | None:
    """A non-negative whole number from a cell: 46969, '46969', "'46969", '5,537', '1 234'.

    None for blanks, negatives, numbers past any real post's (core/limits.py) and anything
    that is not a count: a count is never invented.
    """
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return value if 0 <= value <= MAX_METRIC else None
    if isinstance(value, float):
        if math.isnan(value) or value < 0 or value > MAX_METRIC:
            return None
        return round(value) if value == int(value) else None
    text = clean_cell(str(value)).lstrip("'").strip()
    if _GROUPED_COUNT.fullmatch(text):
        number = int(re.sub(r"[^0-9]", "", text))
    elif _PLAIN_COUNT.fullmatch(text) and len(text) <= 18:
        number = int(text.split(".")[0])
    else:
        return None
    return number if number <= MAX_METRIC else None


def parse_fraction(value: object) -> tuple[float | None, bool]:
    """A share as a fraction: 0.139, '13.9%', '< 1%' (returned as (0.01, True): an upper bound)."""
    if isinstance(value, bool) or value is None:
        return None, False
    if isinstance(value, int | float):
        number = float(value)
        return (number, False) if 0 <= number <= 1 else (None, False)
    text = clean_cell(str(value)).replace(" ", "").replace(",", ".")
    below = text.startswith("<")
    text = text.lstrip("<")
    percent = text.endswith("%")
    try:
        number = float(text.rstrip("%"))
    except ValueError:
        return None, False
    if percent:
        number /= 100
    return (number, below) if 0 <= number <= 1 else (None, False)
