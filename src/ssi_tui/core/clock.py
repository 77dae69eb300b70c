"""Today's date, overridable so that demos, tests and snapshots are reproducible."""

from __future__ import annotations

import os
from datetime import date, datetime

TODAY_ENV = "SSI_TUI_TODAY"
"""Set to an ISO date to pin "today" (used by tests and recorded demos)."""


def today() -> date:
    """The current date, or the one pinned in `SSI_TUI_TODAY`."""
    pinned = os.environ.get(TODAY_ENV, "").strip()
    if pinned:
        try:
            return date.fromisoformat(pinned)
        except ValueError:
            pass
    return date.today()


def now() -> datetime:
    """The current moment, on the pinned day when `SSI_TUI_TODAY` pins one."""
    moment = datetime.now()
    pinned = today()
    return moment if pinned == moment.date() else datetime.combine(pinned, moment.time())
