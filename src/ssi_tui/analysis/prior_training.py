"""Training and checking the prior on public posts by many authors (heavy; used by
`models/build_prior.py` and the tests).

Each post is compared to its author's median, so large and small accounts mix. Format offsets
come from the data for formats it has enough of (`MIN_DATA_FORMAT_POSTS`) and from the published
multipliers, anchored to the data on the formats both share, for the rest. The estimator learns
what the text adds within an author and format. Evaluation is time-ordered per author: older
posts are the history, newer ones the drafts, and the score is Spearman's rho of predicted
against real engagement within each author, averaged over authors.
"""

from __future__ import annotations

import hashlib
import json
import statistics
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any, Final

import numpy as np

from ssi_tui.analysis.benchmarks import published_log_offsets
from ssi_tui.analysis.blend import user_weight
from ssi_tui.analysis.dataset import PRIOR_FEATURES, FloatArray, log_ratio, matrix, text_values
from ssi_tui.analysis.estimator import FormatModel, ModelKind, ModelMetadata
from ssi_tui.analysis.features import analyze_text
from ssi_tui.analysis.training import fit_estimator, spearman

PRIOR_CANDIDATES: Final[tuple[ModelKind, ...]] = ("format-median", "ridge", "gradient-boosting")
"""The prior pools many authors' posts: the level of one member's posts over time has no
place in it, so the level-and-format model is not a candidate here."""

MIN_DATA_FORMAT_POSTS: Final = 30
MIN_AUTHOR_POSTS: Final = 10
HISTORY_SHARE: Final = 0.7
MIN_SPEARMAN_GAIN: Final = 0.01
"""A less simple prior is kept only if it ranks posts at least this much better."""


@dataclass(frozen=True)
class PublicPost:
    author: str
    order: float
    """Larger is newer; only the order within an author matters."""
    format: str
    text: str
    engagement: float


@lru_cache(maxsize=8192)
def _text_row(text: str) -> tuple[tuple[str, float], ...]:
    return tuple(text_values(analyze_text(text)).items())


def _rows(posts: Sequence[PublicPost]) -> list[dict[str, float]]:
    return [dict(_text_row(post.text)) for post in posts]


def by_author(posts: Sequence[PublicPost]) -> dict[str, list[PublicPost]]:
    """Each author's posts, oldest first."""
    groups: dict[str, list[PublicPost]] = defaultdict(list)
    for post in posts:
        groups[post.author].append(post)
    return {author: sorted(group, key=lambda p: p.order) for author, group in groups.items()}


def split_history(
    posts: Sequence[PublicPost],
) -> tuple[list[PublicPost], dict[str, list[PublicPost]]]:
    """Older posts (and every post of small authors) to learn from; newer ones to test, by
    author."""
    history: list[PublicPost] = []
    drafts: dict[str, list[PublicPost]] = {}
    for author, group in by_author(posts).items():
        if len(group) < MIN_AUTHOR_POSTS:
            history += group
            continue
        cut = int(len(group) * HISTORY_SHARE)
        history += group[:cut]
        drafts[author] = group[cut:]
    return history, drafts


def fit_prior(
    posts: Sequence[PublicPost],
    kind: ModelKind,
    *,
    created: datetime | None = None,
    evaluation: dict[str, Any] | None = None,
) -> FormatModel:
    import sklearn

    ev = evaluation or {}
    groups = by_author(posts)
    ordered = [post for group in groups.values() for post in group]
    medians = {
        author: statistics.median(p.engagement for p in group) for author, group in groups.items()
    }
    target = np.array([log_ratio(p.engagement, medians[p.author]) for p in ordered])
    formats = [p.format for p in ordered]
    data_offsets = {
        name: float(np.median(target[[f == name for f in formats]]))
        for name in sorted(set(formats))
        if formats.count(name) >= MIN_DATA_FORMAT_POSTS
    }
    offsets = published_log_offsets(anchor=data_offsets) | data_offsets
    within = _within_author_format(ordered, target, offsets)
    x = matrix(_rows(ordered), PRIOR_FEATURES)
    estimator = fit_estimator(kind, x, target - within, np.ones(len(ordered)))
    prediction = np.array([offsets[f] for f in formats])
    if estimator is not None:
        prediction = prediction + estimator.predict(x)
    low, high = np.quantile(target - prediction, [0.1, 0.9])
    return FormatModel(
        kind=kind,
        estimator=estimator,
        feature_names=PRIOR_FEATURES,
        format_offsets={name: round(value, 4) for name, value in offsets.items()},
        format_counts={name: formats.count(name) for name in sorted(set(formats))},
        residual_low=round(float(low), 4),
        residual_high=round(float(high), 4),
        metadata=ModelMetadata(
            kind=kind,
            sklearn_version=sklearn.__version__,
            data_hash=_data_hash(ordered),
            created=(created or datetime.now()).isoformat(timespec="seconds"),
            n_posts=len(ordered),
            cv_mae=ev.get("prior_mae"),
            cv_spearman=ev.get("prior_spearman"),
            baseline_mae=ev.get("baseline_mae"),
            baseline_spearman=ev.get("baseline_spearman"),
            evaluation=ev,
        ),
        typical_features={name: float(np.median(x[:, i])) for i, name in enumerate(PRIOR_FEATURES)},
    )


def _within_author_format(
    ordered: Sequence[PublicPost], target: FloatArray, offsets: dict[str, float]
) -> FloatArray:
    """Each post's author-and-format median log ratio (the format offset when under 3 posts)."""
    cells: dict[tuple[str, str], list[float]] = defaultdict(list)
    for post, value in zip(ordered, target, strict=True):
        cells[post.author, post.format].append(float(value))
    return np.array(
        [
            statistics.median(cells[p.author, p.format])
            if len(cells[p.author, p.format]) >= 3
            else offsets[p.format]
            for p in ordered
        ]
    )


def score_prior(
    prior: FormatModel, history: Sequence[PublicPost], drafts: dict[str, list[PublicPost]]
) -> dict[str, float]:
    """Mean per-author Spearman (and MAE of the log ratio) of the baseline, the prior, and the
    app's blend of the author's per-format medians with the prior."""
    past = by_author(history)
    results: dict[str, list[float]] = defaultdict(list)
    for author, new_posts in drafts.items():
        old = past[author]
        median = statistics.median(p.engagement for p in old)
        own: dict[str, list[float]] = defaultdict(list)
        for post in old:
            own[post.format].append(log_ratio(post.engagement, median))
        formats = [p.format for p in new_posts]
        actual = np.array([log_ratio(p.engagement, median) for p in new_posts])
        baseline = np.array([statistics.median(own[f]) if own[f] else 0.0 for f in formats])
        prior_lr = prior.log_ratios(_rows(new_posts), formats)
        weights = np.array([user_weight(len(old), len(own[f])) for f in formats])
        blend = weights * baseline + (1 - weights) * prior_lr
        results["constant_baseline"].append(float(np.ptp(baseline) == 0))
        for name, predicted in (("baseline", baseline), ("prior", prior_lr), ("blend", blend)):
            results[f"{name}_spearman"].append(spearman(predicted, actual))
            results[f"{name}_mae"].append(float(np.abs(actual - predicted).mean()))
    constant = int(sum(results.pop("constant_baseline", [])))
    scores = {key: round(float(np.mean(values)), 4) for key, values in results.items()}
    size = {"authors": len(drafts), "drafts": sum(len(group) for group in drafts.values())}
    return scores | size | {"authors_with_constant_baseline": constant}


def choose_kind(posts: Sequence[PublicPost]) -> tuple[ModelKind, dict[ModelKind, float]]:
    """The simplest candidate that ranks held-out posts best on its own, by an inner time split."""
    history, drafts = split_history(posts)
    kind, scores = PRIOR_CANDIDATES[0], {}
    for candidate in PRIOR_CANDIDATES:
        scores[candidate] = score_prior(fit_prior(history, candidate), history, drafts)[
            "prior_spearman"
        ]
        if scores[candidate] >= scores[kind] + MIN_SPEARMAN_GAIN:
            kind = candidate
    return kind, scores


def evaluate(posts: Sequence[PublicPost]) -> dict[str, Any]:
    """Choose on the older posts, then score on each author's newest posts (never seen).

    Every candidate's held-out scores are reported too, for information only: choosing on them
    would leak the test posts into the choice.
    """
    history, drafts = split_history(posts)
    kind, selection = choose_kind(history)
    held_out = {c: score_prior(fit_prior(history, c), history, drafts) for c in PRIOR_CANDIDATES}
    return {
        "kind": kind,
        "selection_spearman": selection,
        **held_out[kind],
        "candidates_held_out": {
            c: {k: v for k, v in scores.items() if k.startswith(("prior", "blend"))}
            for c, scores in held_out.items()
        },
    }


def _data_hash(posts: Sequence[PublicPost]) -> str:
    rows = [
        [
            p.author,
            p.order,
            p.format,
            p.engagement,
            hashlib.sha256(p.text.encode()).hexdigest()[:16],
        ]
        for p in posts
    ]
    return hashlib.sha256(json.dumps(rows).encode()).hexdigest()
