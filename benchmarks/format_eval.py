"""Which format model ranks a member's next posts best? Per author, in time order.

Usage: `python benchmarks/format_eval.py [CSV] [--json] [--synthetic-authors N]
[--synthetic-app N] [--jobs N] [--no-app]` from the repository root (with `PYTHONPATH=src` in a
checkout, or with the package installed). CSV defaults to the influencers subset
(`/work/shared/data/influencers-1600/posts.csv`, see its SOURCE.md); the tests never read it.
About a minute on two cores; `--no-app` leaves out the app's own training (10 s).

Each author's posts are put in time order. An activity id in a row's links
(`urn:li:activity:<id>`) gives the exact creation time (`id >> 22` is milliseconds since 1970);
other rows get the typical time of their `time_spent` label ("3 months ago"), clamped between
their dated neighbours in the scrape's order (newest first within an author, which the dated
rows confirm: the run reports how many consecutive dated pairs disagree with it).

Splits: `holdout` keeps the older 75% as the history and asks the newer 25% as drafts;
`rolling` repeats that from origins at 50, 60, 70 and 80% of the posts, each asking the next
20%, and averages per author. Per author and split, every candidate is scored by
- rho: Spearman's rho of predicted against real engagement over the drafts (each draft
  predicted in its true format; a constant prediction ranks nothing and scores 0);
- hit: its best format among those the drafts use is the one with the best median engagement
  among the drafts (a tie at the top shares the point, 1/k); only drafts using 2+ formats.
Synthetic histories (see `synthetic_author`) also score `true` (its best format among those in
the history has the largest true multiplier) and `true5` (the same among formats with 5+ posts).
Tables give the mean over authors, the paired difference from `median` ± its standard error,
better/worse/tied authors on rho, and `keep`: rho higher by more than 2 paired SE and hit not
lower. `--json` prints the same as one object on the last line of standard output.

Candidates (format and time only, unless they say otherwise):
- `median`: each format's median engagement (the true median): the baseline to beat;
- `median-lower`: the same, taking the lower middle value of an even group (the old bug);
- `median-recency`: a true median weighted by a one-year half-life (as the app's offsets are);
- `ratio-median`: each format's median log ratio to the median of the 20 posts before it;
- `app`: `train_user_model` + `predict` on text and time with the shipped prior, as the app
  does. The shipped prior was trained on all 1,600 posts, drafts included, so
- `app-loao`: the same with a ridge prior refitted on the other authors' earlier posts only;
- `app-median-kind`: `app` without the estimator its log-ratio error may have chosen (the
  error-based choice is also compared directly with this, over the splits where it chose one);
- `flat-shrunk`: `level_model` with a constant level (format shrinkage alone);
- `joint`: `level_model` with the defaults fixed before any result was seen (window 20 posts,
  5 pseudo-posts toward the member's own level);
- `joint-pooled`: the same, shrunk toward multipliers pooled over the *other* authors' posts
  published before this author's first draft;
- `joint-selected`: the grid setting (window, shrink, target) with the best mean rho on an inner
  75/25 split of every author's history, chosen afresh for each origin: never on the drafts;
- `joint-pooled+text`: `joint-pooled` plus what the (leave-author-out) prior's text estimator
  adds to each draft: does public-post text evidence rank a member's posts within a format?
The app variants run on every influencer split but only on `--synthetic-app` synthetic authors
per size (training takes about a second each): their Δ columns are paired on those authors.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import math
import re
import statistics
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from ssi_tui.analysis.level_model import LevelSettings, fit_level_model, weighted_median

FloatArray = npt.NDArray[np.float64]
DEFAULT_CSV: Final = Path("/work/shared/data/influencers-1600/posts.csv")
ACTIVITY: Final = re.compile(r"urn%3Ali%3Aactivity%3A(\d+)")
AGE: Final = re.compile(r"(\d+)\s+(hour|day|week|month|year)s?\s+ago", re.IGNORECASE)
UNIT_DAYS: Final = {"hour": 1 / 24, "day": 1.0, "week": 7.0, "month": 30.4, "year": 365.25}
SEE_MORE: Final = re.compile(r"\s*…\s*see more\s*$", re.IGNORECASE)
HOLDOUT: Final = ((0.75, None),)
ROLLING: Final = ((0.5, 0.2), (0.6, 0.2), (0.7, 0.2), (0.8, 0.2))
MIN_DRAFTS: Final = 3
THRESHOLDS: Final = (20, 40)
BASELINE: Final = "median"
RECENCY_HALF_LIFE_DAYS: Final = 365.25
POOLED_MIN_POSTS: Final = 20
GRID: Final = {
    f"w{window}-k{shrink}-{target}": (LevelSettings(window=window, shrink_posts=shrink), target)
    for window in (10, 20, 40)
    for shrink in (2, 5, 10)
    for target in ("own", "pooled")
}
SYNTHETIC_FORMATS: Final = ("text", "image", "carousel", "video", "poll")
SYNTHETIC_SIZES: Final = (24, 48, 96, 192)
TEXTS: Final = (
    "Three lessons from a lost deal. We listened more than we talked.",
    "Stop sending the same follow-up email.\n1. Ask about cost\n2. Name the decision maker",
    "Pipeline reviews used to take two hours. Now they take thirty minutes. Here is how.",
    "Unpopular opinion: cold outreach is not dead. Lazy outreach is. What would you add?",
    "What nobody tells you about referrals: you have to ask, and ask early.",
    "",
)


@dataclass(frozen=True)
class Post:
    when: datetime
    format: str
    reactions: float
    comments: float
    text: str = ""

    @property
    def engagement(self) -> float:
        return self.reactions + self.comments


@dataclass
class Author:
    name: str
    posts: list[Post]
    """Oldest first."""
    followers: float | None = None
    true_log_multipliers: dict[str, float] = field(default_factory=dict)
    """Synthetic histories only: the answer."""


@dataclass(frozen=True)
class Score:
    rho: float
    hit: float | None
    true_hit: float | None = None
    true_hit_proven: float | None = None
    """The same among formats with 5+ posts in the history (the Posts pane trusts those)."""


# --- reading the influencers' posts -------------------------------------------------------


def read_influencers(path: Path) -> tuple[list[Author], dict[str, Any]]:
    """Authors (by follower count) with their posts in time order, and notes on the data."""
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    parsed = []
    for row in rows:
        ids = ACTIVITY.findall(f"{row.get('content_links', '')} {row.get('hashtags', '')}")
        match = AGE.search(row.get("time_spent") or "")
        if not ids and not match:
            continue
        exact = (int(ids[0]) >> 22) / 1000 if ids else None
        nominal = int(match.group(1)) * UNIT_DAYS[match.group(2).lower()] if match else None
        parsed.append((row, exact, (row.get("time_spent") or "").strip(), nominal))
    dated = [(label, exact) for _, exact, label, _ in parsed if exact is not None]
    scrape = max(exact for _, exact in dated)
    typical = {
        label: statistics.median(e for lab, e in dated if lab == label) for label, _ in dated
    }
    groups: dict[str, list[tuple[int, dict[str, str], float | None, float]]] = defaultdict(list)
    for row, exact, label, nominal in parsed:
        guess = typical.get(label, scrape - (nominal or 0.0) * 86_400)
        groups[row["followers"]].append((int(row["index"]), row, exact, guess))
    authors, inversions, pairs = [], 0, 0
    for name, group in groups.items():
        group.sort(key=lambda item: item[0])  # scrape order: newest first
        known = [exact for _, _, exact, _ in group if exact is not None]
        pairs += max(len(known) - 1, 0)
        inversions += sum(newer < older for newer, older in itertools.pairwise(known))
        seconds = _clamped_times([(exact, guess) for _, _, exact, guess in group])
        posts = [
            Post(
                datetime.fromtimestamp(moment, UTC).replace(tzinfo=None),
                row["media_type"],
                float(row.get("reactions") or 0),
                float(row.get("comments") or 0),
                SEE_MORE.sub("", row.get("content") or "").strip(),
            )
            for (_, row, _, _), moment in zip(group, seconds, strict=True)
        ]
        authors.append(Author(name, posts[::-1], followers=float(name)))
    notes = {
        "rows": len(rows),
        "posts": sum(len(a.posts) for a in authors),
        "posts_with_activity_id": len(dated),
        "scrape_order_inversions": f"{inversions} of {pairs} consecutive dated pairs",
        "authors": len(authors),
        **{f"authors_{m}_plus": sum(len(a.posts) >= m for a in authors) for m in THRESHOLDS},
    }
    return authors, notes


def _clamped_times(items: Sequence[tuple[float | None, float]]) -> list[float]:
    """Exact times where known; elsewhere the label's typical time, kept between the nearest
    dated posts before and after in scrape order (newest first), then made non-increasing."""
    newer: list[float] = []
    bound = math.inf
    for exact, _ in items:
        bound = exact if exact is not None else bound
        newer.append(bound)
    older: list[float] = []
    bound = -math.inf
    for exact, _ in reversed(items):
        bound = exact if exact is not None else bound
        older.append(bound)
    older.reverse()
    times, last = [], math.inf
    for (exact, guess), high, low in zip(items, newer, older, strict=True):
        moment = exact if exact is not None else min(max(guess, low), high)
        last = min(last, moment)
        times.append(last)
    return times


# --- synthetic histories ------------------------------------------------------------------


def synthetic_author(seed: int, n_posts: int, *, confounded: bool = False) -> Author:
    """A member with a drifting level, known multipliers and a drifting, uneven format mix.

    Level: a random walk (0.04 per post) plus a trend over the history. Mix: Dirichlet(0.7)
    shares, so some formats are rare, whose logits drift over the history. Noise: Student t
    (4 df) × 0.5 on log(1 + engagement). By default trend and drifts are random (N(0, 0.8) and
    N(0, 1.5)); `confounded` makes the account grow (+1.2) while its truly worst format takes
    over (+3 on its logit), the trap a whole-history median falls into.
    """
    rng = np.random.default_rng(seed)
    names = SYNTHETIC_FORMATS
    truth = {
        name: float(value)
        for name, value in zip(names, rng.normal(0, 0.35, len(names)), strict=True)
    }
    shares = rng.dirichlet(np.full(len(names), 0.7))
    drift = rng.normal(0, 1.5, len(names))
    trend = rng.normal(0, 0.8)
    if confounded:
        worst = min(truth, key=truth.__getitem__)
        drift = np.array([3.0 if name == worst else 0.0 for name in names])
        trend = 1.2
    progress = np.linspace(0, 1, n_posts)
    start_level = math.log(rng.lognormal(math.log(30), 0.8))
    level = start_level + np.cumsum(rng.normal(0, 0.04, n_posts)) + trend * progress
    start = datetime(2023, 1, 2, 8, 0)
    gaps = np.cumsum(rng.exponential(3.0, n_posts))
    posts = []
    for i in range(n_posts):
        logits = np.log(shares + 1e-9) + drift * progress[i]
        chance = np.exp(logits - logits.max())
        name = names[int(rng.choice(len(names), p=chance / chance.sum()))]
        value = level[i] + truth[name] + 0.5 * float(rng.standard_t(4))
        engagement = max(0.0, round(math.expm1(value)))
        posts.append(
            Post(
                start + timedelta(days=float(gaps[i]), hours=float(rng.integers(0, 10))),
                name,
                engagement,
                0.0,
                TEXTS[int(rng.integers(len(TEXTS)))],
            )
        )
    kind = "confounded" if confounded else "random"
    return Author(f"{kind}-{seed}", posts, followers=1000.0, true_log_multipliers=truth)


# --- candidates -------------------------------------------------------------------------

Predictor = Callable[[Sequence[Post], Sequence[str]], FloatArray]
"""(drafts, formats) → predicted log(1 + engagement), one row per draft, one column per format."""


@dataclass(frozen=True)
class Context:
    """What a candidate may know beyond the author's history."""

    pooled: Mapping[str, float]
    selected: str
    app_matrices: Mapping[str, FloatArray] = field(default_factory=dict)
    """Predictions made in a worker by each app variant, one column per `app_formats`."""
    app_formats: tuple[str, ...] = ()


def true_median(values: Sequence[float]) -> float:
    return float(statistics.median(values))


def lower_middle(values: Sequence[float]) -> float:
    ordered = sorted(values)
    return ordered[(len(ordered) - 1) // 2]


def constant_by_format(effects: Mapping[str, float], fallback: float) -> Predictor:
    def predict(drafts: Sequence[Post], formats: Sequence[str]) -> FloatArray:
        row = np.array([effects.get(name, fallback) for name in formats], dtype=np.float64)
        return np.tile(row, (len(drafts), 1))

    return predict


def median_candidate(summary: Callable[[Sequence[float]], float]) -> Candidate:
    def fit(history: Sequence[Post], _: Context) -> Predictor:
        groups: dict[str, list[float]] = defaultdict(list)
        for post in history:
            groups[post.format].append(math.log1p(post.engagement))
        everything = [value for group in groups.values() for value in group]
        return constant_by_format(
            {name: summary(group) for name, group in groups.items()}, summary(everything)
        )

    return fit


def recency_median(history: Sequence[Post], _: Context) -> Predictor:
    last = history[-1].when
    values = np.log1p([post.engagement for post in history])
    age = np.array([(last - post.when).total_seconds() / 86_400 for post in history])
    weights = np.maximum(0.5 ** (age / RECENCY_HALF_LIFE_DAYS), 0.05)
    names = np.array([post.format for post in history])
    effects = {
        name: weighted_median(values[names == name], weights[names == name]) for name in set(names)
    }
    return constant_by_format(effects, weighted_median(values, weights))


def ratio_median(history: Sequence[Post], _: Context) -> Predictor:
    values = [post.engagement for post in history]
    overall = statistics.median(values)
    groups: dict[str, list[float]] = defaultdict(list)
    for i, post in enumerate(history):
        reference = statistics.median(values[max(0, i - 20) : i]) if i >= 3 else overall
        groups[post.format].append(math.log((post.engagement + 1) / (reference + 1)))
    return constant_by_format({name: true_median(g) for name, g in groups.items()}, 0.0)


def level_candidate(settings: LevelSettings, target: str) -> Candidate:
    def fit(history: Sequence[Post], context: Context) -> Predictor:
        model = fit_level_model(
            [post.when for post in history],
            [post.format for post in history],
            [post.engagement for post in history],
            shrink_toward=context.pooled if target == "pooled" else None,
            settings=settings,
        )
        return lambda drafts, formats: np.tile(model.predict_log(formats), (len(drafts), 1))

    return fit


def selected_candidate(history: Sequence[Post], context: Context) -> Predictor:
    settings, target = GRID[context.selected]
    return level_candidate(settings, target)(history, context)


def app_candidate(variant: str) -> Candidate:
    """Reads the predictions made in a worker (training takes about a second per author)."""

    def fit(_: Sequence[Post], context: Context) -> Predictor:
        matrix, columns = context.app_matrices[variant], context.app_formats
        return lambda drafts, formats: matrix[:, [columns.index(name) for name in formats]]

    return fit


def with_text(candidate: Candidate) -> Candidate:
    """`candidate` plus what a prior's text estimator adds to each draft (the same for every
    format): does text rank a member's posts within a format?"""

    def fit(history: Sequence[Post], context: Context) -> Predictor:
        base = candidate(history, context)
        effect = context.app_matrices["text-effect"][:, 0]
        return lambda drafts, formats: base(drafts, formats) + effect[:, None]

    return fit


Candidate = Callable[[Sequence[Post], Context], Predictor]
CANDIDATES: Final[dict[str, Candidate]] = {
    "median": median_candidate(true_median),
    "median-lower": median_candidate(lower_middle),
    "median-recency": recency_median,
    "ratio-median": ratio_median,
    "app": app_candidate("app"),
    "app-loao": app_candidate("app-loao"),
    "app-median-kind": app_candidate("app-median-kind"),
    "flat-shrunk": level_candidate(LevelSettings(window=None), "own"),
    "joint": level_candidate(LevelSettings(), "own"),
    "joint-pooled": level_candidate(LevelSettings(), "pooled"),
    "joint-selected": selected_candidate,
    "joint-pooled+text": with_text(level_candidate(LevelSettings(), "pooled")),
}


APP_VARIANTS: Final = ("app", "app-loao", "app-median-kind", "joint-pooled+text")


@dataclass(frozen=True)
class AppTask:
    rows: list[dict[str, Any]]
    drafts: list[tuple[str, str]]
    """(text, ISO time) of each draft."""
    formats: list[str]
    other_authors: list[tuple[str, float, str, str, float]] | None
    """(author, order, format, text, engagement) of the other authors' earlier posts, for a
    prior that never saw this author (the shipped one was trained on every post)."""


def app_predictions(task: AppTask) -> tuple[dict[str, FloatArray], str]:
    """In a worker: train the member's model as the app does, then predict every draft in every
    format with each variant: `app` (shipped prior), `app-loao` (a ridge prior refitted without
    this author) and `app-median-kind` (the same offsets without the estimator the error-based
    choice may have added). Returns log(1 + engagement) matrices and the chosen kind."""
    from dataclasses import replace

    from ssi_tui.analysis.dataset import text_values
    from ssi_tui.analysis.features import analyze_text
    from ssi_tui.analysis.model import predict, shipped_prior, train_user_model
    from ssi_tui.analysis.prior_training import PublicPost, fit_prior

    model = train_user_model(task.rows, created=datetime(2026, 1, 1))
    assert model is not None, "every history has dated posts with numbers"
    prior = shipped_prior()
    variants = {
        "app": (model, prior),
        "app-median-kind": (replace(model, kind="format-median", estimator=None), prior),
    }
    if task.other_authors:
        posts = [PublicPost(*post) for post in task.other_authors]
        variants["app-loao"] = (model, fit_prior(posts, "ridge", created=datetime(2026, 1, 1)))
    text_prior = variants.get("app-loao", variants["app"])[1]
    offset = text_prior.format_offsets.get("text", 0.0)
    rows = [text_values(analyze_text(text)) for text, _ in task.drafts]
    effect = text_prior.log_ratios(rows, ["text"] * len(rows)) - offset
    matrices = {"text-effect": np.asarray(effect, dtype=np.float64)[:, None]}
    for name, (own, cold_start) in variants.items():
        matrix = np.zeros((len(task.drafts), len(task.formats)))
        for i, (text, at) in enumerate(task.drafts):
            moment = datetime.fromisoformat(at)
            result = predict(text, moment, task.formats, own, cold_start, len(task.rows))
            by_format = {p.format: p.engagement for p in result.predictions}
            matrix[i] = np.log1p([by_format[f] for f in task.formats])
        matrices[name] = matrix
    return matrices, model.kind


def other_authors(
    authors: Sequence[Author], exclude: str, before: datetime
) -> list[tuple[str, float, str, str, float]]:
    return [
        (author.name, post.when.timestamp(), post.format, post.text, post.engagement)
        for author in authors
        if author.name != exclude
        for post in author.posts
        if post.when < before
    ]


def app_rows(author: Author, history: Sequence[Post]) -> list[dict[str, Any]]:
    return [
        {
            "published_at": post.when.isoformat(),
            "format": post.format,
            "text": post.text,
            "reactions": post.reactions,
            "comments": post.comments,
            "followers": author.followers,
        }
        for post in history
    ]


# --- scoring ------------------------------------------------------------------------------


def ranks(values: FloatArray) -> FloatArray:
    _, inverse, counts = np.unique(values, return_inverse=True, return_counts=True)
    starts = np.cumsum(counts) - counts
    return np.asarray((starts + (counts - 1) / 2)[inverse], dtype=np.float64)


def spearman(predicted: FloatArray, actual: FloatArray) -> float:
    """Spearman's rho with tied ranks averaged; 0 when either side is constant."""
    a, b = ranks(predicted), ranks(actual)
    if len(a) < 2 or a.std() == 0 or b.std() == 0:
        return 0.0
    return float(np.corrcoef(a, b)[0, 1])


def best_share(scores: Mapping[str, float], winners: set[str]) -> float:
    """1 when the top-scored format is a winner; 1/k when k formats tie at the top."""
    top = max(scores.values())
    tied = [name for name, value in scores.items() if value >= top - 1e-9]
    return sum(name in winners for name in tied) / len(tied)


def score(
    predictor: Predictor,
    history: Sequence[Post],
    drafts: Sequence[Post],
    truth: Mapping[str, float],
) -> Score:
    formats = sorted({post.format for post in drafts} | {post.format for post in history})
    matrix = predictor(drafts, formats)
    column = {name: i for i, name in enumerate(formats)}
    predicted = matrix[np.arange(len(drafts)), [column[post.format] for post in drafts]]
    actual = np.array([post.engagement for post in drafts])
    rho = spearman(predicted, actual)
    typical = {name: float(np.median(matrix[:, i])) for i, name in enumerate(formats)}
    used = sorted({post.format for post in drafts})
    hit = None
    if len(used) >= 2:
        medians = {
            n: statistics.median(p.engagement for p in drafts if p.format == n) for n in used
        }
        best = max(medians.values())
        hit = best_share({n: typical[n] for n in used}, {n for n in used if medians[n] == best})
    return Score(
        rho, hit, _true_hit(typical, truth, history, 1), _true_hit(typical, truth, history, 5)
    )


def _true_hit(
    typical: Mapping[str, float],
    truth: Mapping[str, float],
    history: Sequence[Post],
    least: int,
) -> float | None:
    """Did the candidate's best format, among those with `least` posts in the history, have
    the largest true multiplier? None without a known answer or with under two such formats."""
    counts = Counter(post.format for post in history)
    seen = sorted(name for name, count in counts.items() if count >= least)
    if not truth or len(seen) < 2:
        return None
    top = max(truth[name] for name in seen)
    return best_share({n: typical[n] for n in seen}, {n for n in seen if truth[n] == top})


def split(posts: Sequence[Post], origin: float, horizon: float | None) -> tuple[int, int]:
    cut = int(len(posts) * origin)
    end = len(posts) if horizon is None else min(len(posts), cut + round(len(posts) * horizon))
    return cut, end


def pooled_targets(authors: Sequence[Author], exclude: str, before: datetime) -> dict[str, float]:
    """Median log ratio of each format to its author's median, over other authors' posts
    published before `before` (formats with too few such posts are left out)."""
    ratios: dict[str, list[float]] = defaultdict(list)
    for author in authors:
        if author.name == exclude:
            continue
        earlier = [post for post in author.posts if post.when < before]
        if len(earlier) < 5:
            continue
        typical = statistics.median(post.engagement for post in earlier)
        for post in earlier:
            ratios[post.format].append(math.log((post.engagement + 1) / (typical + 1)))
    return {
        name: true_median(values)
        for name, values in ratios.items()
        if len(values) >= POOLED_MIN_POSTS
    }


def select_setting(
    authors: Sequence[Author], cuts: Mapping[str, int]
) -> tuple[str, dict[str, float]]:
    """The grid setting with the best mean rho on an inner 75/25 split of every history."""
    totals: dict[str, list[float]] = defaultdict(list)
    for author in authors:
        history = author.posts[: cuts[author.name]]
        inner = int(len(history) * 0.75)
        if inner < 5 or len(history) - inner < MIN_DRAFTS:
            continue
        context = Context(pooled_targets(authors, author.name, history[inner].when), "")
        for name, (settings, target) in GRID.items():
            predictor = level_candidate(settings, target)(history[:inner], context)
            totals[name].append(score(predictor, history[:inner], history[inner:], {}).rho)
    means = {name: float(np.mean(values)) for name, values in totals.items()}
    return max(means, key=lambda name: (round(means[name], 6), name == "w20-k5-own")), means


# --- the evaluation -----------------------------------------------------------------------


@dataclass
class Evaluation:
    scores: dict[str, dict[str, list[Score]]] = field(default_factory=dict)
    """author → candidate → one score per origin."""
    selected: list[str] = field(default_factory=list)
    app_kinds: Counter[str] = field(default_factory=Counter)
    app_kind_by_author: dict[str, list[str]] = field(default_factory=dict)


def evaluate(
    authors: Sequence[Author],
    origins: Sequence[tuple[float, float | None]],
    candidates: Sequence[str],
    jobs: int,
    app_authors: set[str] | None = None,
    *,
    refit_prior: bool = False,
) -> Evaluation:
    """Score every candidate on every author and origin; the app only on `app_authors` (all
    when None), as its training takes about a second per history."""
    result = Evaluation()
    plans = []
    for origin, horizon in origins:
        cuts = {a.name: split(a.posts, origin, horizon) for a in authors}
        chosen, _ = select_setting(authors, {name: cut for name, (cut, _) in cuts.items()})
        result.selected.append(chosen)
        for author in authors:
            cut, end = cuts[author.name]
            if end - cut >= MIN_DRAFTS and cut >= 5:
                plans.append((author, cut, end, chosen))
    app_outputs: list[Any] = [None] * len(plans)
    wanted = [
        i
        for i, (author, *_) in enumerate(plans)
        if app_authors is None or author.name in app_authors
    ]
    if "app" in candidates and wanted:
        tasks = []
        for author, cut, end, _ in (plans[i] for i in wanted):
            first_draft = author.posts[cut].when
            tasks.append(
                AppTask(
                    app_rows(author, author.posts[:cut]),
                    [(p.text, p.when.isoformat()) for p in author.posts[cut:end]],
                    sorted({p.format for p in author.posts[:end]}),
                    other_authors(authors, author.name, first_draft) if refit_prior else None,
                )
            )
        started = time.perf_counter()
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            for i, output in zip(wanted, pool.map(app_predictions, tasks), strict=True):
                app_outputs[i] = output
        print(
            f"  app path: {len(tasks)} trainings, {time.perf_counter() - started:.0f} s",
            file=sys.stderr,
        )
    for (author, cut, end, chosen), output in zip(plans, app_outputs, strict=True):
        history, drafts = author.posts[:cut], author.posts[cut:end]
        formats = tuple(sorted({p.format for p in author.posts[:end]}))
        matrices = output[0] if output is not None else {}
        if output is not None:
            result.app_kinds[output[1]] += 1
            result.app_kind_by_author.setdefault(author.name, []).append(output[1])
        context = Context(
            pooled_targets(authors, author.name, drafts[0].when), chosen, matrices, formats
        )
        per_author = result.scores.setdefault(author.name, {})
        for name in candidates:
            needs = "text-effect" if name == "joint-pooled+text" else name
            if name in APP_VARIANTS and needs not in matrices:
                continue
            predictor = CANDIDATES[name](history, context)
            per_author.setdefault(name, []).append(
                score(predictor, history, drafts, author.true_log_multipliers)
            )
    return result


METRICS: Final = ("rho", "hit", "true_hit", "true_hit_proven")


def summarise(
    evaluation: Evaluation, names: Sequence[str], candidates: Sequence[str]
) -> dict[str, Any]:
    """Per candidate: mean rho and hit rate, paired differences from the baseline ± SE."""
    per_author: dict[str, dict[str, tuple[float | None, ...]]] = {}
    for author in names:
        if author not in evaluation.scores:
            continue
        per_author[author] = {}
        for name, scores in evaluation.scores[author].items():
            averages: list[float | None] = []
            for key in METRICS:
                values = [getattr(s, key) for s in scores if getattr(s, key) is not None]
                averages.append(float(np.mean(values)) if values else None)
            per_author[author][name] = tuple(averages)
    table = {}
    for name in candidates:
        row: dict[str, Any] = {"authors": sum(name in s for s in per_author.values())}
        for slot, key in enumerate(METRICS):
            pairs = [
                (scores[name][slot], scores[BASELINE][slot])
                for scores in per_author.values()
                if name in scores and scores[name][slot] is not None
            ]
            if not pairs:
                continue
            mine, base = np.array(pairs, dtype=np.float64).T
            difference = mine - base
            row[key] = round(float(mine.mean()), 4)
            row[f"{key}_n"] = len(pairs)
            row[f"{key}_diff"] = round(float(difference.mean()), 4)
            row[f"{key}_se"] = round(_paired_se(difference), 4)
            if key == "rho":
                row["better"] = int((difference > 1e-9).sum())
                row["worse"] = int((difference < -1e-9).sum())
                row["ties"] = len(pairs) - row["better"] - row["worse"]
        row["keep"] = _wins_clearly(row) if name != BASELINE else None
        if row["authors"]:
            table[name] = row
    return table


def error_choice(evaluation: Evaluation, names: Sequence[str]) -> dict[str, Any]:
    """Where `train_user_model` preferred an estimator by its log-ratio error, did the estimator
    rank the drafts better than the same model without it? Paired over those splits."""
    gains, hits = [], []
    for author in names:
        kinds = evaluation.app_kind_by_author.get(author, [])
        scores = evaluation.scores.get(author, {})
        if "app" not in scores or "app-median-kind" not in scores:
            continue
        for kind, chosen, plain in zip(
            kinds, scores["app"], scores["app-median-kind"], strict=True
        ):
            if kind == "format-median":
                continue
            gains.append(chosen.rho - plain.rho)
            if chosen.hit is not None and plain.hit is not None:
                hits.append(chosen.hit - plain.hit)
    if not gains:
        return {"splits": 0}
    difference = np.array(gains)
    return {
        "splits": len(gains),
        "rho_diff": round(float(difference.mean()), 4),
        "rho_se": round(_paired_se(difference), 4),
        "better": int((difference > 1e-9).sum()),
        "worse": int((difference < -1e-9).sum()),
        "hit_diff": round(float(np.mean(hits)), 4) if hits else None,
    }


def _paired_se(difference: FloatArray) -> float:
    return (
        float(difference.std(ddof=1) / math.sqrt(len(difference))) if len(difference) > 1 else 0.0
    )


def _wins_clearly(row: Mapping[str, Any]) -> bool:
    """The keep rule: mean rho higher by more than 2 paired SE, and the hit rate not lower."""
    rho_wins = row.get("rho_diff", 0) > 2 * row.get("rho_se", math.inf) and row["rho_diff"] > 0
    return bool(rho_wins and row.get("hit_diff", 0) >= 0)


def print_table(title: str, table: Mapping[str, Mapping[str, Any]]) -> None:
    print(f"\n{title}")
    truth = any("true_hit" in row for row in table.values())
    header = (
        f"{'candidate':<17} {'n':>3} {'rho':>6} {'Δrho ± SE':>16} {'b/w/t':>9} "
        f"{'n':>3} {'hit':>5} {'Δhit ± SE':>16}"
    )
    truth_header = f" {'true':>6} {'Δtrue ± SE':>16} {'true5':>6} {'Δtrue5 ± SE':>16}"
    print(header + (truth_header if truth else "") + "  keep")
    for name, row in table.items():
        line = (
            f"{name:<17} {row['authors']:>3} {row['rho']:>6.3f} "
            f"{_signed(row, 'rho'):>16} {_bwt(row):>9} "
            f"{row.get('hit_n', 0):>3} {_maybe(row, 'hit'):>5} {_signed(row, 'hit'):>16}"
        )
        if truth:
            for key in ("true_hit", "true_hit_proven"):
                line += f" {_maybe(row, key):>6} {_signed(row, key):>16}"
        keep = "" if row["keep"] is None else ("yes" if row["keep"] else "no")
        print(f"{line}  {keep}")


def _signed(row: Mapping[str, Any], key: str) -> str:
    if f"{key}_diff" not in row:
        return "—"
    return f"{row[f'{key}_diff']:+.3f} ± {row[f'{key}_se']:.3f}"


def _maybe(row: Mapping[str, Any], key: str) -> str:
    return f"{row[key]:.3f}" if key in row else "—"


def _bwt(row: Mapping[str, Any]) -> str:
    return f"{row.get('better', 0)}/{row.get('worse', 0)}/{row.get('ties', 0)}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv", nargs="?", type=Path, default=DEFAULT_CSV)
    parser.add_argument("--json", action="store_true", help="one JSON object on the last line")
    parser.add_argument("--synthetic-authors", type=int, default=50, help="per history size")
    parser.add_argument(
        "--synthetic-app", type=int, default=12, help="of those, how many the app path also sees"
    )
    parser.add_argument("--jobs", type=int, default=2, help="processes for the app's training")
    parser.add_argument("--no-app", action="store_true", help="leave out the (slow) app path")
    args = parser.parse_args(argv)
    if not args.csv.is_file():
        print(f"No posts file at {args.csv}: give the influencers posts.csv.", file=sys.stderr)
        return 2
    started = time.perf_counter()
    candidates = [name for name in CANDIDATES if not (args.no_app and name in APP_VARIANTS)]
    authors, notes = read_influencers(args.csv)
    print(f"influencers: {notes}", file=sys.stderr)
    report: dict[str, Any] = {"data": notes, "candidates": candidates, "evaluations": {}}
    eligible = [a for a in authors if len(a.posts) >= min(THRESHOLDS)]
    for label, origins in (("holdout", HOLDOUT), ("rolling", ROLLING)):
        print(f"{label}: {len(eligible)} authors", file=sys.stderr)
        evaluation = evaluate(eligible, origins, candidates, args.jobs, refit_prior=True)
        for least in THRESHOLDS:
            names = [a.name for a in eligible if len(a.posts) >= least]
            key = f"influencers {label}, authors with ≥{least} posts"
            report["evaluations"][key] = {
                "selected_settings": evaluation.selected,
                "app_kinds": dict(evaluation.app_kinds),
                "error_choice": error_choice(evaluation, names),
                "table": summarise(evaluation, names, candidates),
            }
    for family in ("random", "confounded"):
        synthetic = [
            synthetic_author(1000 * size + i, size, confounded=family == "confounded")
            for size in SYNTHETIC_SIZES
            for i in range(args.synthetic_authors)
        ]
        with_app = {
            a.name for a in synthetic if int(a.name.rsplit("-", 1)[1]) % 1000 < args.synthetic_app
        }
        print(f"synthetic {family}: {len(synthetic)} authors", file=sys.stderr)
        evaluation = evaluate(synthetic, HOLDOUT, candidates, args.jobs, with_app)
        for size in (None, *SYNTHETIC_SIZES):
            names = [a.name for a in synthetic if size is None or len(a.posts) == size]
            key = f"synthetic {family}, {'all sizes' if size is None else f'{size} posts'}"
            report["evaluations"][key] = {
                "selected_settings": evaluation.selected,
                "app_kinds": dict(evaluation.app_kinds),
                "error_choice": error_choice(evaluation, names),
                "table": summarise(evaluation, names, candidates),
            }
    report["seconds"] = round(time.perf_counter() - started, 1)
    for key, entry in report["evaluations"].items():
        print_table(f"{key} (selected: {', '.join(entry['selected_settings'])})", entry["table"])
        if entry["error_choice"].get("splits"):
            print(
                f"  estimator chosen by log-ratio error vs the same model without it: "
                f"{entry['error_choice']}"
            )
    print(f"\n{report['seconds']} s; data: {notes}")
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
