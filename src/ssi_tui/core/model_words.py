"""The format model described in words, the same in the Drafts pane and on the command line."""

from __future__ import annotations

from typing import Any

MODEL_NAMES = {
    "format-median": "your per-format median",
    "level-format": "your formats against your level over time",
    "ridge": "a ridge regression on text and timing",
    "gradient-boosting": "gradient-boosted trees on text and timing",
}


def chosen_model_sentence(meta: Any) -> str:
    """Which model was kept and why, in the terms it was chosen on: ranking your later posts."""
    name = MODEL_NAMES.get(meta.kind, meta.kind)
    table = meta.evaluation.get("selection") if isinstance(meta.evaluation, dict) else None
    if not table:
        return f"Format model: {name}, on {meta.n_posts} of your posts (too few to test others)."
    kept = table.get(meta.kind, {})
    if meta.kind == "format-median":
        return (
            f"Format model: {name}, on {meta.n_posts} of your posts: no other model ranked your "
            f"later posts clearly better (ρ {kept.get('spearman', 0):.2f})."
        )
    base = table.get("format-median", {})
    return (
        f"Format model: {name}, on {meta.n_posts} of your posts: it ranked your later posts "
        f"better than your per-format median (ρ {kept.get('spearman', 0):.2f} against "
        f"{base.get('spearman', 0):.2f})."
    )
