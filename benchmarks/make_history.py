"""Write a realistic multi-year history into a new database, for the benchmarks.

Usage: `python benchmarks/make_history.py DB --years N [--end YYYY-MM-DD] [--seed S]`

It reuses the demo generator (daily journal across the catalogue, weekly SSI readings, posts
with metrics and text), then tops the post log up to about five posts a week with the demo's
own post logic: a one-year demo posts about once a week, and a member worth benchmarking
posts on most working days, which is what the Posts pane, the format model and the
fingerprints have to cope with.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from ssi_tui.core import clock
from ssi_tui.core.demo import DemoHistory, _Generator, _is_holiday, generate_history
from ssi_tui.store.database import open_database
from ssi_tui.store.demo import write_history

POSTS_PER_WORKING_DAY = (0, 1, 1, 1, 1, 1, 1, 1, 1, 2)
"""Drawn once per working day (mean 1.0): about five posts a week once holidays are off."""
EXTRA_SEED_OFFSET = 7_919
"""The extra posts come from a second generator seed, so they differ from the demo's own."""


def _merge_journal(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per (day, activity), as `generate_history` leaves its own journal."""
    merged: dict[tuple[str, str], dict[str, Any]] = {}
    for row in rows:
        key = (row["date"], row["activity"])
        if key in merged:
            merged[key]["count"] += row["count"]
        else:
            merged[key] = dict(row)
    return list(merged.values())


def build_history(end: date, years: float, seed: int = 2026) -> DemoHistory:
    """The demo history of `years` ending on `end`, with posts topped up to ~5 a week."""
    history = generate_history(end, years=years, seed=seed)
    days = max(14, round(365 * years))
    extra = _Generator(end, days, seed + EXTRA_SEED_OFFSET)
    demo_posts = Counter(post["published_at"][:10] for post in history.posts)
    number = len(history.posts)  # post ids depend on the number: keep them unique
    for offset in range(days):
        day = extra.start + timedelta(days=offset)
        if day.weekday() >= 5 or _is_holiday(day):
            continue
        wanted = extra.rng.choice(POSTS_PER_WORKING_DAY) - demo_posts[day.isoformat()]
        for _ in range(max(0, wanted)):
            number += 1
            extra.add_post(day, number)
    history.posts.extend(extra.history.posts)
    history.journal = _merge_journal([*history.journal, *extra.history.journal])
    return history


def make_history(
    path: Path, years: float, end: date | None = None, seed: int = 2026
) -> dict[str, Any]:
    """Create `path` (which must not exist) holding the history; returns what was written."""
    if path.exists():
        raise FileExistsError(f"{path} already exists; make_history only writes a new database.")
    started = time.perf_counter()
    end = end or clock.today()
    history = build_history(end, years, seed)
    db = open_database(path)
    try:
        write_history(db, history)
    finally:
        db.close()
    weeks = max(1.0, 365 * years / 7)
    return {
        "path": str(path),
        "end": end.isoformat(),
        "years": years,
        "readings": len(history.readings),
        "journal_rows": len(history.journal),
        "posts": len(history.posts),
        "posts_per_week": round(len(history.posts) / weeks, 2),
        "seconds": round(time.perf_counter() - started, 3),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path, help="the new database file (must not exist)")
    parser.add_argument("--years", type=float, default=10.0, help="years of history (10)")
    parser.add_argument("--end", type=date.fromisoformat, help="last day (default: today)")
    parser.add_argument("--seed", type=int, default=2026, help="generator seed (2026)")
    args = parser.parse_args(argv)
    if args.years <= 0:
        parser.error("--years must be positive")
    try:
        summary = make_history(args.db, args.years, args.end, args.seed)
    except FileExistsError as error:
        print(f"make_history: {error}", file=sys.stderr)
        return 2
    print(
        f"{summary['path']}: {summary['years']:g} years to {summary['end']}, "
        f"{summary['readings']} readings, {summary['journal_rows']} journal rows, "
        f"{summary['posts']} posts ({summary['posts_per_week']}/week) "
        f"in {summary['seconds']:.2f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
