"""The joint level-and-format model on histories whose answer is known by construction."""

from __future__ import annotations

import json
import math
import statistics
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np
import pytest

from ssi_tui.analysis import level_model
from ssi_tui.analysis.level_model import (
    LevelFormatModel,
    LevelSettings,
    fit_level_model,
    smoothness,
    weighted_median,
)


@dataclass(frozen=True)
class History:
    """A synthetic member: posts in time order and the truth behind them."""

    days: list[float]
    formats: list[str]
    engagements: list[float]
    levels: list[float]
    """The true log(1 + engagement) level at each post, before the format's multiplier."""


def drifting_history(
    multipliers: Mapping[str, float],
    *,
    n_posts: int = 300,
    growth: float = 2.0,
    late_format: str | None = None,
    noise: float = 0.3,
    seed: int = 11,
) -> History:
    """A member whose level rises by `growth` (log) over the history, posting every ~3 days.

    Formats rotate evenly, except that `late_format`, when given, is rare early and common
    late: a whole-history median then credits it with the growth.
    """
    rng = np.random.default_rng(seed)
    names = list(multipliers)
    days = np.cumsum(rng.exponential(3.0, n_posts))
    progress = np.linspace(0.0, 1.0, n_posts)
    levels = math.log(40) + growth * progress + np.cumsum(rng.normal(0, 0.02, n_posts))
    formats, engagements = [], []
    for i in range(n_posts):
        weights = np.ones(len(names))
        if late_format is not None:
            weights[names.index(late_format)] = 0.05 + 6 * progress[i] ** 2
        name = names[int(rng.choice(len(names), p=weights / weights.sum()))]
        formats.append(name)
        engagements.append(math.expm1(levels[i] + multipliers[name] + rng.normal(0, noise)))
    return History(list(days), formats, engagements, list(levels))


def fit(
    history: History,
    *,
    shrink_toward: Mapping[str, float] | None = None,
    settings: LevelSettings | None = None,
) -> LevelFormatModel:
    return fit_level_model(
        history.days,
        history.formats,
        history.engagements,
        shrink_toward=shrink_toward,
        settings=settings,
    )


def relative(values: Mapping[str, float], reference: str) -> dict[str, float]:
    return {name: value - values[reference] for name, value in values.items()}


TRUTH = {"text": 0.0, "image": 0.35, "video": -0.25}


def test_the_joint_model_recovers_multipliers_where_the_median_is_fooled() -> None:
    """The account grows twentyfold while video, truly the worst format, takes over."""
    history = drifting_history(TRUTH, growth=3.0, late_format="video", seed=1)
    model = fit(history)
    estimated = relative({n: model.log_multiplier(n) for n in TRUTH}, "text")
    for name, truth in TRUTH.items():
        assert estimated[name] == pytest.approx(truth, abs=0.12), name
    assert model.ranking(list(TRUTH)) == ["image", "text", "video"]

    logs = np.log1p(history.engagements)
    names = np.array(history.formats)
    medians = {n: float(np.median(logs[names == n])) for n in TRUTH}
    assert max(medians, key=medians.__getitem__) == "video"  # the median credits the growth


def test_the_level_follows_the_drift_and_multipliers_centre_on_the_members_mix() -> None:
    history = drifting_history(TRUTH, late_format="video")
    model = fit(history)
    counts = {n: history.formats.count(n) for n in TRUTH}
    mix = sum(TRUTH[n] * counts[n] for n in TRUTH) / len(history.formats)
    assert model.current_level == pytest.approx(history.levels[-1] + mix, abs=0.15)
    assert model.level_at(history.days[0]) == pytest.approx(history.levels[0] + mix, abs=0.15)
    assert sum(e.log_multiplier * e.n_posts for e in model.effects.values()) == pytest.approx(0.0)
    assert {n: e.n_posts for n, e in model.effects.items()} == counts


def test_two_lucky_posts_do_not_jump_over_a_proven_format() -> None:
    """36 images at 1.5× a text post against 2 polls that happened to get 1.8×."""
    history = drifting_history(
        {"text": 0.0, "image": math.log(1.5)}, n_posts=80, growth=0.0, seed=1
    )
    days = [*history.days, history.days[-1] + 2, history.days[-1] + 4]
    lucky = math.expm1(history.levels[-1] + math.log(1.8))
    formats = [*history.formats, "poll", "poll"]
    engagements = [*history.engagements, lucky, lucky]

    unshrunk = fit_level_model(
        days, formats, engagements, settings=LevelSettings(shrink_posts=0.01)
    )
    assert unshrunk.ranking(["text", "image", "poll"])[0] == "poll"

    model = fit_level_model(days, formats, engagements)
    assert model.ranking(["text", "image", "poll"]) == ["image", "poll", "text"]
    poll = model.effects["poll"]
    assert poll.n_posts == 2
    assert 0.0 < poll.log_multiplier < unshrunk.effects["poll"].log_multiplier
    assert poll.standard_error > model.effects["image"].standard_error


def test_shrink_targets_count_only_by_their_differences() -> None:
    history = drifting_history(TRUTH, n_posts=60, seed=3)
    targets = {"text": 0.0, "image": 0.5, "video": -0.2, "carousel": 0.8}
    shifted = {name: value + 3.0 for name, value in targets.items()}
    one = fit(history, shrink_toward=targets)
    other = fit(history, shrink_toward=shifted)
    for name in [*TRUTH, "carousel", "poll"]:
        assert one.log_multiplier(name) == pytest.approx(other.log_multiplier(name))
    # never posted: its target, on the member's own centring; without a target, the level
    assert one.log_multiplier("carousel") - one.log_multiplier("poll") > 0.5
    assert one.log_multiplier("poll") == 0.0
    assert fit(history).log_multiplier("carousel") == 0.0


def test_one_viral_post_barely_moves_the_level() -> None:
    history = drifting_history({"text": 0.0}, n_posts=60, growth=0.0, seed=9)
    engagements = list(history.engagements)
    engagements[-5] *= 100
    calm = fit(history)
    viral = fit_level_model(history.days, history.formats, engagements)
    assert abs(viral.current_level - calm.current_level) < 0.05
    fragile = fit_level_model(
        history.days, history.formats, engagements, settings=LevelSettings(robust=False)
    )
    assert abs(fragile.current_level - calm.current_level) > abs(
        viral.current_level - calm.current_level
    )


def test_a_constant_level_is_the_shrunk_per_format_mean() -> None:
    days, formats = [1.0, 2.0, 3.0, 4.0], ["text", "text", "image", "image"]
    engagements = [math.expm1(v) for v in (1.0, 2.0, 3.0, 4.0)]
    flat = LevelSettings(window=None, shrink_posts=1e-6, robust=False)
    model = fit_level_model(days, formats, engagements, settings=flat)
    assert model.log_multiplier("image") - model.log_multiplier("text") == pytest.approx(2.0)
    assert model.current_level == pytest.approx(2.5)
    assert model.level_at(1.0) == pytest.approx(2.5)


def test_predictions_are_the_level_plus_the_multiplier() -> None:
    history = drifting_history(TRUTH, n_posts=90, seed=4)
    model = fit(history)
    formats = ["text", "image", "video", "carousel", "poll", "article", "link", "repost"]
    logs = model.predict_log(formats)
    assert logs == [model.current_level + model.log_multiplier(n) for n in formats]
    assert model.predict_engagement(["image"]) == [pytest.approx(math.expm1(logs[1]))]
    later = datetime(1970, 1, 1) + timedelta(days=history.days[-1] + 30)
    assert model.predict_log(["image"], later) == [pytest.approx(logs[1])]
    middle = history.days[45]
    assert model.predict_log(["text"], middle)[0] == pytest.approx(
        model.level_at(middle) + model.log_multiplier("text")
    )


def test_datetimes_and_days_give_the_same_fit_in_any_order() -> None:
    history = drifting_history(TRUTH, n_posts=40, seed=2)
    moments = [datetime(1970, 1, 1) + timedelta(days=d) for d in history.days]
    by_days = fit(history)
    reverse = slice(None, None, -1)
    by_dates = fit_level_model(
        moments[reverse], history.formats[reverse], history.engagements[reverse]
    )
    assert by_dates.current_level == pytest.approx(by_days.current_level)
    for name in TRUTH:
        assert by_dates.log_multiplier(name) == pytest.approx(by_days.log_multiplier(name))


def test_small_and_degenerate_histories_still_fit() -> None:
    one = fit_level_model([5.0], ["video"], [0.0])
    assert one.current_level == pytest.approx(0.0)
    assert one.effects["video"].log_multiplier == pytest.approx(0.0)
    same_day = fit_level_model([1.0, 1.0, 1.0], ["text", "image", "text"], [3, 3, 3])
    assert same_day.current_engagement == pytest.approx(3.0)
    assert all(math.isfinite(e.standard_error) for e in same_day.effects.values())
    with pytest.raises(ValueError, match="equally long"):
        fit_level_model([1.0, 2.0], ["text"], [1.0, 2.0])
    with pytest.raises(ValueError, match="not empty"):
        fit_level_model([], [], [])


def test_the_summary_is_what_a_saved_model_needs() -> None:
    history = drifting_history(TRUTH, n_posts=50, seed=8)
    model = fit(history, shrink_toward={"text": 0.0, "image": 0.2, "carousel": 0.7})
    summary = json.loads(json.dumps(model.summary()))
    assert summary["kind"] == "level-format"
    assert set(summary["log_multipliers"]) == set(TRUTH)
    assert summary["format_counts"] == {n: history.formats.count(n) for n in sorted(TRUTH)}
    assert set(summary["unseen_targets"]) == {"carousel"}
    assert summary["settings"] == {"window": 20.0, "shrink_posts": 5.0, "robust": True}
    assert summary["current_engagement"] == pytest.approx(model.current_engagement, abs=1e-3)


def test_the_window_sets_a_penalty_that_grows_with_it() -> None:
    assert smoothness(20) == pytest.approx(99.75, rel=1e-3)  # q ≈ 0.01
    assert smoothness(10) < smoothness(20) < smoothness(40)


def test_the_true_median_of_an_even_group_is_the_mean_of_its_middle_pair() -> None:
    assert weighted_median([4.0, 1.0, 3.0, 2.0]) == 2.5
    assert weighted_median([1.0, 2.0, 3.0]) == 2.0
    assert weighted_median([7.0, 7.0]) == 7.0
    assert weighted_median([1.0, 2.0, 3.0, 4.0], [3.0, 1.0, 1.0, 1.0]) == 1.5
    assert weighted_median([1.0, 2.0, 3.0, 4.0], [4.0, 1.0, 1.0, 1.0]) == 1.0
    assert weighted_median([10.0, 20.0, 30.0, 40.0]) == statistics.median([10, 20, 30, 40])
    with pytest.raises(ValueError, match="no values"):
        weighted_median([])


def test_fitting_two_thousand_posts_takes_a_few_linear_solves(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Work, not wall-clock time: each robust round is one tridiagonal solve of n rows."""
    calls: list[tuple[int, ...]] = []
    solve = vars(level_model)["solveh_banded"]

    def counting(banded: np.ndarray, right: np.ndarray, **options: object) -> np.ndarray:
        calls.append(right.shape)
        result: np.ndarray = solve(banded, right, **options)
        return result

    monkeypatch.setattr(level_model, "solveh_banded", counting)
    history = drifting_history(
        {"text": 0.0, "image": 0.2, "carousel": 0.5, "video": -0.1, "poll": -0.3},
        n_posts=2000,
        seed=1,
    )
    model = fit(history)
    assert 1 <= len(calls) <= level_model.ROBUST_ROUNDS
    assert all(shape == (2000, 6) for shape in calls)  # the level and one column per format
    assert len(model.levels) == 2000
