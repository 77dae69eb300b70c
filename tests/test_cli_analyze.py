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
