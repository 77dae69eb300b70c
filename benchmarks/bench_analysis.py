"""Analyzer benchmarks: a draft as the Drafts pane analyzes it, pathological drafts, training."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from harness import BenchmarkError, Figures, log, median


def measured_rows(db_path: Path) -> list[dict[str, Any]]:
    """The posts the format model learns from, as the app reads them."""
    from ssi_tui.analysis.format_model import training_rows
    from ssi_tui.store.database import open_database

    db = open_database(db_path)
    try:
        return training_rows(db)
    finally:
        db.close()


def draft(variant: int) -> str:
    """A 3,000-character draft in the demo's voice; `variant` changes its last words."""
    from ssi_tui.core.demo import BODIES, ENDINGS, HOOKS, WORDS

    fill = {key: options[0] for key, options in WORDS.items()} | {"number": "7", "number2": "40"}
    parts = [HOOKS[0].format(**fill)]
    index = 0
    while sum(len(part) + 2 for part in parts) < 3000:
        parts.append(BODIES[index % len(BODIES)] + " 🚀 https://example.org/playbook")
        parts.append(ENDINGS[index % len(ENDINGS)].format(**fill))
        index += 1
    tail = f"\n\nTake {variant} minutes today. What would you add?"
    return ("\n\n".join(parts))[: 3000 - len(tail)] + tail


def analyze(rows: list[dict[str, Any]], *, runs: int) -> Figures:
    """One analysis of a 3,000-character draft as the Drafts pane runs it, the model loaded."""
    from ssi_tui.analysis.advice import advise
    from ssi_tui.analysis.features import analyze_text
    from ssi_tui.analysis.format_model import measured_posts
    from ssi_tui.analysis.history import PostHistory
    from ssi_tui.analysis.model import predict, shipped_prior, train_user_model

    log(f"analyze: a 3,000-character draft x{runs} ({len(rows)} posts loaded)")
    user_model, prior, n_posts = train_user_model(rows), shipped_prior(), measured_posts(rows)
    history = PostHistory.from_rows(rows)  # the Drafts pane builds it once, when the model loads
    analyze_text("Warm up the language tools.")

    def once(variant: int) -> float:
        text = draft(variant)
        started = time.perf_counter()
        prediction = predict(text, None, [], user_model, prior, n_posts)
        result = prediction.to_json()
        result["advice"] = [a.text for a in advise(prediction.features, history)]
        return time.perf_counter() - started

    once(-1)
    times = sorted(once(variant) for variant in range(runs))
    return {
        "analyze_ms_p50": median(times) * 1000,
        "analyze_ms_p90": times[int(0.9 * (len(times) - 1))] * 1000,
    }


def analyze_worst_case(*, size: int, repeat: int) -> Figures:
    """The slowest of analyzer_worst_case.py's pathological drafts of `size` bytes."""
    from analyzer_worst_case import worst_case_seconds

    worst = worst_case_seconds(size=size, repeat=repeat, log=log)
    return {"analyze_worst_s": max(worst.values())}


def train(rows: list[dict[str, Any]], *, posts: int, runs: int) -> Figures:
    """Training the format model on the last `posts` posts (`train_posts` says how many)."""
    from ssi_tui.analysis.model import train_user_model

    chosen = rows[-posts:]
    log(f"train: the format model on {len(chosen)} posts x{runs}")
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        model = train_user_model(chosen)
        times.append(time.perf_counter() - started)
        if model is None:
            raise BenchmarkError("training produced no model")
    return {"train_s_2000_posts": median(times), "train_posts": float(len(chosen))}
