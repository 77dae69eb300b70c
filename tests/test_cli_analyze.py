"""The draft analyzer and the format model through the command line."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from click.testing import CliRunner

from ssi_tui.cli import cli

DRAFT = "Three lessons from 100 sales calls.\n\n1. Listen.\n2. Ask.\n3. Follow up.\n#sales"
FEATURE_KEYS = {
    "characters",
    "words",
    "sentences",
    "hashtags",
    "mentions",
    "links",
    "questions",
    "emoji",
    "hook",
    "readability",
    "sentiment",
}


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_cold_start_leans_on_the_prior_and_says_so() -> None:
    code, out, _ = run("analyze", "-", "--json", stdin=DRAFT)
    assert code == 0
    result = json.loads(out)
    assert set(result["features"]) >= FEATURE_KEYS
    assert result["features"]["hashtags"] == 1 and result["features"]["characters"] == len(DRAFT)
    assert result["basis"] == "prior" and result["n_posts"] == 0
    formats = {p["format"] for p in result["predictions"]}
    assert {"text", "image", "carousel", "video", "poll"} <= formats
    assert all(p["low"] <= p["engagement"] <= p["high"] for p in result["predictions"])
    assert result["suggestion"] in formats


def test_model_train_reports_its_score_against_the_baseline(demo_env: Path) -> None:
    code, out, _ = run("model", "train", "--json")
    report = json.loads(out)
    assert code == 0 and report["trained"] is True
    assert report["n_posts"] == 47
    assert report["baseline"] == "per-format median"
    assert report["cv_mae"] <= report["baseline_mae"]
    assert Path(report["path"]).exists()
    code, out, _ = run("analyze", "-", "--json", stdin=DRAFT)
    result = json.loads(out)
    assert result["basis"] in {"user", "blend"} and result["n_posts"] == 47


def test_a_tampered_saved_model_is_refused_and_retrained(demo_env: Path) -> None:
    report = json.loads(run("model", "train", "--json")[1])
    Path(report["path"]).write_bytes(b"PK\x03\x04 this is not the model we saved")
    code, out, _ = run("analyze", "-", "--json", stdin=DRAFT)
    assert code == 0
    result = json.loads(out)
    assert "retrained from your posts" in result["note"]
    assert result["basis"] in {"user", "blend"}


def test_batch_predicts_every_row_and_each_named_format(tmp_path: Path) -> None:
    drafts = tmp_path / "drafts.csv"
    with drafts.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["text", "format", "at"])
        writer.writerow(["", "repost", "2026-02-03T08:30:00"])
        writer.writerow(["A short text draft.", "article", ""])
        writer.writerow(["Another one?", "", "2026-02-04T12:00"])
    code, out, _ = run("analyze", "--batch", str(drafts), "--json")
    results = json.loads(out)
    assert code == 0 and [r["row"] for r in results] == [0, 1, 2]
    assert any(p["format"] == "repost" for p in results[0]["predictions"])
    assert any(p["format"] == "article" for p in results[1]["predictions"])
    assert results[2]["features"]["questions"] == 1


def test_bad_batches_and_times_are_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("text,format\nhello,hologram\n", encoding="utf-8")
    code, _, err = run("analyze", "--batch", str(bad), "--json")
    assert code == 2 and "Row 0: unknown format 'hologram'" in err
    headerless = tmp_path / "headerless.csv"
    headerless.write_text("hello,there\n", encoding="utf-8")
    code, _, err = run("analyze", "--batch", str(headerless))
    assert code == 2 and "needs a header with a text column" in err
    code, _, err = run("analyze", "-", "--at", "tomorrow", stdin=DRAFT)
    assert code == 2 and "--at must be a date and time like 2026-02-03T08:30" in err


def test_the_prior_loads_only_when_a_format_leans_on_it() -> None:
    """Where the member's own model speaks for every format the prior (a scikit-learn model)
    is not even loaded; the figures are those the loaded prior gives, blend or not."""
    from tests.analysis.synthetic_posts import synthetic_posts

    from ssi_tui.analysis.model import predict, shipped_prior, train_user_model

    loads = []

    def prior_when_needed() -> object:
        loads.append(1)
        return shipped_prior()

    for posts, leans_on_prior in ((60, False), (14, True)):
        model = train_user_model(synthetic_posts(posts))
        assert model is not None
        loads.clear()
        lazy = predict(DRAFT, None, ["video"], model, prior_when_needed, posts)  # type: ignore[arg-type]
        assert len(loads) == (1 if leans_on_prior else 0)
        eager = predict(DRAFT, None, ["video"], model, shipped_prior(), posts)
        assert lazy.to_json() == eager.to_json()
        assert (lazy.basis == "user") is not leans_on_prior


def test_a_saved_model_without_an_estimator_is_read_without_skops(tmp_path: Path) -> None:
    """Its .skops file is recognised as the archive skops writes for no estimator; any other
    archive, or damaged bytes, goes to skops and its checks."""
    import skops.io as sio
    from sklearn.linear_model import Ridge
    from tests.analysis.synthetic_posts import synthetic_posts

    from ssi_tui.analysis.model import load_model, save_model, train_user_model
    from ssi_tui.analysis.persist import _holds_no_estimator

    model = train_user_model(synthetic_posts(60))
    assert model is not None and model.estimator is None
    path = tmp_path / "models" / "user-format.skops"
    save_model(model, path)
    payload = path.read_bytes()
    assert _holds_no_estimator(payload)
    assert load_model(path) == model
    fitted = Ridge().fit([[0.0], [1.0]], [0.0, 1.0])
    assert not _holds_no_estimator(sio.dumps({"estimator": fitted}))
    assert not _holds_no_estimator(sio.dumps({"estimator": None, "more": 1}))
    assert not _holds_no_estimator(payload[:-20])
    assert not _holds_no_estimator(b"not a zip archive")
