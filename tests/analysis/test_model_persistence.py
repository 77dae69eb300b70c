"""Saved models come back identical; anything unexpected is refused, never executed."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import skops.io as sio
from synthetic_posts import synthetic_posts

from ssi_tui.analysis import paths
from ssi_tui.analysis.dataset import USER_FEATURES
from ssi_tui.analysis.model import (
    FormatModel,
    ModelRefused,
    load_model,
    predict,
    save_model,
    shipped_prior,
    train_user_model,
)
from ssi_tui.analysis.persist import metadata_path, signature
from ssi_tui.analysis.training import fit_estimator

DRAFT = "Three questions I ask before every demo.\n\nWhat would you add?"
AT = datetime(2026, 6, 2, 8, 30)


def _model(posts: int = 120) -> FormatModel:
    rows = synthetic_posts(posts, question_bonus=2.5, question_share=0.3, seed=11)
    model = train_user_model(rows)
    assert model is not None
    return model


def _boosted(model: FormatModel) -> FormatModel:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(200, len(USER_FEATURES)))
    estimator = fit_estimator("gradient-boosting", x, x[:, 0] * 0.3, np.ones(200))
    metadata = replace(model.metadata, kind="gradient-boosting")
    return replace(model, kind="gradient-boosting", estimator=estimator, metadata=metadata)


def _rewrite(path: Path, payload: bytes | None = None, edit: Any = None) -> None:
    """Replace the model file and/or edit its metadata, then sign both again, as a careful
    tamperer would."""
    if payload is not None:
        path.write_bytes(payload)
    document = json.loads(metadata_path(path).read_text())
    if edit is not None:
        edit(document)
    document["sha256"] = signature(path.read_bytes(), document)
    metadata_path(path).write_text(json.dumps(document))


@pytest.fixture(scope="module")
def trained() -> FormatModel:
    return _model()


@pytest.mark.parametrize("variant", ["trained", "boosted", "baseline"])
def test_a_saved_model_predicts_the_same_after_loading(
    trained: FormatModel, variant: str, tmp_path: Path
) -> None:
    model = {"trained": trained, "boosted": _boosted(trained), "baseline": _model(12)}[variant]
    path = tmp_path / "user.skops"
    save_model(model, path)
    loaded = load_model(path)
    assert loaded.kind == model.kind
    assert loaded.metadata == model.metadata
    assert loaded.format_counts == model.format_counts
    before = predict(DRAFT, AT, ["repost"], model, None, model.n_posts).to_json()
    after = predict(DRAFT, AT, ["repost"], loaded, None, loaded.n_posts).to_json()
    assert before == after
    document = json.loads(metadata_path(path).read_text())
    for key in ("sklearn_version", "data_hash", "cv_mae", "baseline_mae", "n_posts", "created"):
        assert key in document["metadata"]
    assert not list(tmp_path.glob(".*.tmp"))


def test_a_file_with_an_unexpected_type_is_refused(trained: FormatModel, tmp_path: Path) -> None:
    path = tmp_path / "user.skops"
    save_model(trained, path)
    _rewrite(path, sio.dumps({"estimator": os.system}))
    with pytest.raises(ModelRefused, match=r"unexpected types \(posix\.system\)"):
        load_model(path)


def test_random_bytes_are_refused_as_corrupt(trained: FormatModel, tmp_path: Path) -> None:
    path = tmp_path / "user.skops"
    save_model(trained, path)
    _rewrite(path, os.urandom(2048))
    with pytest.raises(ModelRefused, match="corrupt"):
        load_model(path)


def test_a_file_changed_behind_its_metadata_is_refused(
    trained: FormatModel, tmp_path: Path
) -> None:
    path = tmp_path / "user.skops"
    save_model(trained, path)
    path.write_bytes(path.read_bytes() + b"\0")
    with pytest.raises(ModelRefused, match="changed since it was saved"):
        load_model(path)


def test_a_model_from_another_scikit_learn_version_is_refused(
    trained: FormatModel, tmp_path: Path
) -> None:
    path = tmp_path / "user.skops"
    save_model(trained, path)
    _rewrite(path, edit=lambda document: document["metadata"].update(sklearn_version="1.8.2"))
    with pytest.raises(ModelRefused, match=r"scikit-learn 1\.8\.2 and this is"):
        load_model(path)


def test_missing_or_inconsistent_metadata_is_refused(trained: FormatModel, tmp_path: Path) -> None:
    path = tmp_path / "user.skops"
    with pytest.raises(ModelRefused, match="missing or unreadable"):
        load_model(path)
    save_model(trained, path)

    def claim_no_estimator(document: dict[str, Any]) -> None:
        for section in ("model", "metadata"):  # but the file holds a fitted estimator
            document[section]["kind"] = "format-median"

    _rewrite(path, edit=claim_no_estimator)
    with pytest.raises(ModelRefused, match="does not match its model file"):
        load_model(path)
    metadata_path(path).write_text("{not json")
    with pytest.raises(ModelRefused, match="missing or unreadable"):
        load_model(path)


def test_the_shipped_prior_is_found_and_loads() -> None:
    folder = paths.models_dir()
    assert folder is not None and (folder / "MODEL_CARD.md").is_file()
    assert paths.candidate_model_dirs()[0].parts[-2:] == ("ssi_tui", "models")
    prior = shipped_prior()
    assert prior.kind != "published"
    assert prior.n_posts > 1000
    assert (folder / "prior.skops").stat().st_size < 1_000_000
    evaluation = prior.metadata.evaluation
    assert evaluation["blend_spearman"] >= evaluation["baseline_spearman"]
    assert evaluation["prior_spearman"] >= evaluation["baseline_spearman"]
