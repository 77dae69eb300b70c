"""`ssi-tui today`: one screen for the morning, as fast as the quick log.

The latest official reading and its age, what is left of this week's targets, the streak, the
journal estimate and one suggestion, in at most 80 columns. It reads the database with sqlite3
alone (`store.today`) and loads no Textual, scikit-learn, NumPy, SciPy or NLTK.
"""

from __future__ import annotations

import textwrap
from datetime import timedelta
from typing import Any

import click

from ssi_tui.commands.common import emit_json, reader, today
from ssi_tui.core.domain import PILLAR_MAX, PILLARS_BY_KEY, band_for
from ssi_tui.core.text import strip_control
from ssi_tui.core.tips import tips_for
from ssi_tui.store.today import TodayView, load_today

WIDTH = 80
"""Every line fits an 80-column terminal."""
PASTE = "ssi-tui ssi paste"
STALE_DAYS = 7
"""LinkedIn updates the SSI daily: a reading older than a week earns a reminder."""


def _age(days: int) -> str:
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 0:
        return f"dated {-days} day{'s' if days != -1 else ''} ahead"
    return f"{days} days ago"


def _fit(line: str) -> str:
    """A line cut at WIDTH columns, with "…" where it was cut."""
    return line if len(line) <= WIDTH else line[: WIDTH - 1] + "…"


def _wrap(text: str, indent: str = "") -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent=indent, subsequent_indent=indent) or [""]


def suggestion(view: TodayView) -> dict[str, Any]:
    """One thing to do: the weakest pillar's most neglected tip once there is a reading (as
    on the Score pane), else pasting a reading, else how to start."""
    latest = view.latest
    if latest is not None:
        weakest = latest.weakest_pillar()
        tip = tips_for(weakest, view.recent_counts, limit=1)[0]
        return {"kind": "tip", "text": tip.text, "pillar": weakest}
    if view.empty:
        text = (
            "Nothing here yet. Start with your SSI: copy the page at linkedin.com/sales/ssi "
            f"(Ctrl+A, Ctrl+C), run '{PASTE}' and paste it in. Then log what you do each day, "
            "e.g. 'ssi-tui log comment 2'."
        )
        return {"kind": "start", "text": text, "pillar": None}
    text = f"Paste your SSI from linkedin.com/sales/ssi with '{PASTE}' to see where you stand."
    return {"kind": "paste_reading", "text": text, "pillar": None}


def as_json(view: TodayView) -> dict[str, Any]:
    """The `today --json` object (its keys are a contract: see the README)."""
    latest = view.latest
    reading = None
    if latest is not None:
        reading = {
            "date": latest.date.isoformat(),
            "total": latest.total,
            "band": band_for(latest.total).name,
            "age_days": (view.today - latest.date).days,
            "weakest_pillar": latest.weakest_pillar(),
        }
    estimate = view.estimate
    return {
        "date": view.today.isoformat(),
        "reading": reading,
        "target": view.target,
        "to_go": None if latest is None else round(max(view.target - latest.total, 0.0), 2),
        "estimate": None
        if estimate is None
        else {
            "total": round(estimate.total, 2),
            "calibrated": estimate.calibrated,
            "window_days": estimate.window_days,
            "journal_days": view.coverage.days,
            "calibration_current": not view.calibration_pending,
        },
        "streak": {"days": view.streak, "weekends": view.weekends},
        "week": {
            "start": view.week_start.isoformat(),
            "end": (view.week_start + timedelta(days=6)).isoformat(),
            "targets": len(view.weekly_targets),
            "left": [
                {
                    "activity": key,
                    "label": view.labels.get(key, key),
                    "done": view.week_counts.get(key, 0),
                    "target": view.weekly_targets[key],
                    "left": left,
                }
                for key, left in view.left_this_week.items()
            ],
        },
        "suggestion": suggestion(view),
        "empty": view.empty,
    }


def human(view: TodayView) -> list[str]:
    """The screen, line by line (each at most WIDTH columns)."""
    advice = suggestion(view)
    if view.empty:
        return _wrap(advice["text"])
    day = view.today
    lines = [f"{day:%A} {day.day} {day:%B %Y}"]
    latest = view.latest
    if latest is None:
        lines.append("SSI: no reading yet.")
    else:
        age = (view.today - latest.date).days
        gap = view.target - latest.total
        goal = f"target {view.target}: {gap:g} to go" if gap > 0 else f"target {view.target} ✓"
        line = f"SSI {latest.total:g} ({band_for(latest.total).name}), {_age(age)}; {goal}."
        lines += _wrap(line)
        if age > STALE_DAYS:
            lines += _wrap(f"LinkedIn updates it every day: paste a fresh one with '{PASTE}'.")
    if view.estimate is not None:
        how = "calibrated" if view.estimate.calibrated else "default weights"
        span = (
            f"last {view.estimate.window_days} days"
            if view.coverage.state == "full"
            else f"{view.coverage.days} of its {view.coverage.window_days} days so far"
        )
        lines.append(f"Journal estimate {view.estimate.total:.1f} ({span}, {how}).")
        if view.calibration_pending:
            lines.append("Its calibration is out of date: 'ssi-tui estimate' updates it.")
    rule = "quiet weekends skipped" if view.weekends == "skip" else "weekends count"
    lines.append(f"Streak: {view.streak} day{'s' if view.streak != 1 else ''} ({rule}).")
    monday, sunday = view.week_start, view.week_start + timedelta(days=6)
    week = f"{monday:%a} {monday.day} {monday:%b} – {sunday:%a} {sunday.day} {sunday:%b}"
    left = view.left_this_week
    if not view.weekly_targets:
        lines.append("No weekly targets yet: set one with 'ssi-tui targets comment 15'.")
    elif not left:
        lines.append(f"Every weekly target is met this week ({week}). ✓")
    else:
        lines.append(f"Left this week ({week}):")
        lines += [
            _fit(f"  • {count} × {strip_control(view.labels.get(key, key))}")
            for key, count in left.items()
        ]
    if latest is not None and advice["pillar"] is not None:
        pillar = PILLARS_BY_KEY[advice["pillar"]]
        value = latest.pillars[pillar.key]
        lines += _wrap(
            f"Suggestion for {pillar.label}, your weakest pillar ({value:.2f} of {PILLAR_MAX:g}):"
        )
        lines += _wrap(advice["text"], indent="  ")
    else:
        lines += _wrap(f"Suggestion: {advice['text']}")
    return lines


@click.command("today")
@click.option("--json", "json_output", is_flag=True, help="Print it as JSON.")
@click.pass_context
def show_today(ctx: click.Context, json_output: bool) -> None:
    """One screen for the morning: your SSI, this week's targets, the streak, a suggestion."""
    view = load_today(reader(ctx), today())
    if json_output:
        emit_json(as_json(view))
        return
    for line in human(view):
        click.echo(line)
