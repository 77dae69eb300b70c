"""The kept model earns its place at what the product does: ranking formats.

Candidates are compared with the per-format median on the same time-ordered folds, by
Spearman and by whether their top format was the one that did best; one is kept only on a
clear win (more than two paired standard errors, hit rate not lower).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from tests.analysis.synthetic_posts import synthetic_posts

from ssi_tui.analysis import training
from ssi_tui.analysis.model import load_model, predict, save_model, shipped_prior, train_user_model
from ssi_tui.analysis.training import CvScore, compare, weighted_median

DRAFT = "Three lessons from forty discovery calls this quarter, and the one I would skip."


def test_an_even_group_takes_the_middle_of_its_two_middle_values() -> None:
    """The lower middle alone made an even group's median too low."""
    assert weighted_median(np.array([4.0, 1.0, 3.0, 2.0]), np.ones(4)) == 2.5
    assert weighted_median(np.array([1.0, 2.0, 3.0]), np.ones(3)) == 2.0


@pytest.mark.slow  # trains thirty models
@pytest.mark.parametrize("best", ["image", "video", "carousel"])
def test_the_kept_model_finds_a_known_best_format(best: str) -> None:
    """Histories built with one format truly better: the kept model ranks it first among the
    formats the member used, in nearly every history."""
    found = 0
    for seed in range(10):
        rows = synthetic_posts(80, multipliers={best: 1.8}, noise=0.35, seed=seed)
        model = train_user_model(rows)
        assert model is not None
        prediction = predict(DRAFT, None, [], model, shipped_prior(), 80)
        used = {row["format"] for row in rows}
        ranked = [p.format for p in sorted(prediction.predictions, key=lambda p: -p.engagement)]
        found += next(name for name in ranked if name in used) == best
    assert found >= 9


def test_a_candidate_is_kept_only_on_a_clear_win() -> None:
    baseline = CvScore(0.5, 0.30, np.zeros(1), (0.30, 0.32, 0.28, 0.30), (1.0, 0.0, 1.0, 1.0))
    clear = CvScore(0.5, 0.40, np.zeros(1), (0.40, 0.41, 0.39, 0.40), (1.0, 0.0, 1.0, 1.0))
    noisy = CvScore(0.5, 0.40, np.zeros(1), (0.70, 0.10, 0.50, 0.30), (1.0, 0.0, 1.0, 1.0))
    fewer_hits = CvScore(0.5, 0.40, np.zeros(1), (0.40, 0.41, 0.39, 0.40), (0.0, 0.0, 1.0, 1.0))
    assert compare(clear, baseline).clear_win
    assert not compare(noisy, baseline).clear_win  # higher on average, within its noise
    assert not compare(fewer_hits, baseline).clear_win  # ranks better, picks the best less often


def test_a_kept_level_model_is_saved_described_and_honest_about_text(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """When the level-and-format model wins, it is what the member gets: saved and loaded
    like any other, its table in the metadata, and its ranking said to ignore the text."""
    real = training.cross_validate

    def level_wins(kind: str, *args: Any, **kwargs: Any) -> CvScore:
        score = real(kind, *args, **kwargs)
        if kind != "level-format":
            return score
        folds = len(score.fold_spearman)
        return CvScore(score.mae, 0.9, score.residuals, (0.9,) * folds, (1.0,) * folds)

    monkeypatch.setattr(training, "cross_validate", level_wins)
    model = train_user_model(synthetic_posts(80, multipliers={"video": 1.8}, seed=3))
    assert model is not None and model.kind == "level-format" and model.estimator is None
    table = model.metadata.evaluation["selection"]
    assert table["level-format"]["kept"] == 1.0 and table["format-median"]["kept"] == 0.0
    assert set(table) == {"format-median", "level-format", "ridge", "gradient-boosting"}
    path = tmp_path / "models" / "member-format.skops"
    save_model(model, path)
    loaded = load_model(path)
    assert loaded.kind == "level-format"
    assert dict(loaded.format_offsets) == pytest.approx(dict(model.format_offsets))
    prediction = predict(DRAFT, None, [], loaded, shipped_prior(), 80)
    assert prediction.text_weighed is False
    assert prediction.reasons[0] == (
        "The text does not change this ranking: it comes from your format history alone."
    )
    assert prediction.basis == "user"
