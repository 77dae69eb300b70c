"""The prior's training and time-ordered evaluation on a small public-posts fixture."""

from __future__ import annotations

import csv
import importlib.util
import random
from pathlib import Path
from types import ModuleType

import pytest

from ssi_tui.analysis.prior_training import PublicPost, evaluate, fit_prior, split_history
from ssi_tui.core.domain import POST_FORMATS

BUILD_SCRIPT = Path(__file__).resolve().parents[2] / "models" / "build_prior.py"
TEXTS = ("Big news today.", "What do you think about remote work?", "Five lessons.\n1. Listen")


def _public_posts(authors: int = 8, per_author: int = 15) -> list[PublicPost]:
    """Videos do 2× their author's usual, questions 1.5×; authors differ 100-fold in size."""
    rng = random.Random(3)
    posts = []
    for author in range(authors):
        size = 10 * 3**author
        for index in range(per_author):
            post_format = ("article", "image", "video")[index % 3]
            text = TEXTS[rng.randrange(3)]
            engagement = size * (2.0 if post_format == "video" else 1.0)
            engagement *= (1.5 if "?" in text else 1.0) * rng.lognormvariate(0, 0.2)
            posts.append(PublicPost(str(author), float(index), post_format, text, engagement))
    return posts


def test_the_prior_learns_formats_from_data_and_fills_the_rest_from_studies() -> None:
    prior = fit_prior(_public_posts(), "ridge")
    assert set(POST_FORMATS) <= set(prior.format_offsets)
    offsets = prior.format_offsets
    assert offsets["video"] - offsets["article"] == pytest.approx(0.69, abs=0.25)
    assert offsets["carousel"] > offsets["text"] > offsets["link"]  # published ordering
    assert prior.format_counts == {"article": 40, "image": 40, "video": 40}
    assert prior.scale is None and prior.estimator is not None


def test_the_split_is_time_ordered_per_author() -> None:
    history, drafts = split_history(_public_posts())
    assert len(drafts) == 8
    for author, newer in drafts.items():
        older = [p.order for p in history if p.author == author]
        assert max(older) < min(p.order for p in newer)
        assert len(newer) == 5


def test_evaluation_reports_spearman_against_the_baseline() -> None:
    result = evaluate(_public_posts())
    assert result["authors"] == 8 and result["drafts"] == 40
    for key in ("baseline_spearman", "prior_spearman", "blend_spearman", "baseline_mae"):
        assert -1.0 <= result[key] <= 5.0
    assert result["prior_spearman"] >= result["baseline_spearman"] - 0.05
    assert set(result["candidates_held_out"]) == {"format-median", "ridge", "gradient-boosting"}


def _build_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_prior", BUILD_SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_build_script_reads_ages_and_strips_the_fold_marker(tmp_path: Path) -> None:
    script = _build_script()
    assert script.age_in_days("2 months ago") == pytest.approx(60.8)
    assert script.age_in_days("1 year ago") == pytest.approx(365.25)
    assert script.age_in_days("20 hours ago") == pytest.approx(20 / 24)
    assert script.age_in_days("yesterday") is None
    source = tmp_path / "posts.csv"
    with source.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            ("index", "followers", "time_spent", "media_type", "reactions", "comments", "content")
        )
        writer.writerow(
            [4, "6484.0", "2 months ago", "image", 22, 2, "Hello world \n \n …see more"]
        )
        writer.writerow([9, "6484.0", "sometime", "video", 1, 0, "No age"])
    posts, dropped = script.read_posts(source)
    assert dropped == {"no age": 1, "no engagement": 0}
    assert posts[0].text == "Hello world"
    assert posts[0].engagement == 24
