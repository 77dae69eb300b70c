"""`ssi-tui model train` and `ssi-tui analyze`: the draft analyzer from the shell."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import click

from ssi_tui.commands.common import database, emit_json, read_text_input, refuse
from ssi_tui.core.domain import POST_FORMATS, PostFormat
from ssi_tui.core.drafts import engagement_text
from ssi_tui.core.model_words import chosen_model_sentence
from ssi_tui.core.post_stats import ModelFooting


def _db_path(ctx: click.Context) -> Path:
    path: Path = ctx.find_root().obj
    return path


def _moment(raw: str | None, where: str = "--at") -> datetime | None:
    if raw is None or not raw.strip():
        return None
    try:
        return datetime.fromisoformat(raw.strip())
    except ValueError:
        refuse(f"{where} must be a date and time like 2026-02-03T08:30, not {raw!r}.")


@click.group("model")
def model_group() -> None:
    """Your format model, trained on your own posts."""


@model_group.command("train")
@click.option("--json", "as_json", is_flag=True, help="Print the training report as JSON.")
@click.pass_context
def train(ctx: click.Context, as_json: bool) -> None:
    """Train the format model on your post log (time-ordered cross-validation)."""
    from ssi_tui.analysis.format_model import model_path, train_and_save, training_rows
    from ssi_tui.core.post_stats import model_footing

    db = database(ctx)
    model, n_posts = train_and_save(db, _db_path(ctx))
    footing = model_footing(training_rows(db))
    if model is None:
        report: dict[str, Any] = {
            "trained": False,
            "n_posts": n_posts,
            "reason": "No post has both a date and engagement yet: import your posts first.",
        }
    else:
        meta = model.metadata
        report = {
            "trained": True,
            "n_posts": meta.n_posts,
            "model": meta.kind,
            "cv_mae": meta.cv_mae,
            "cv_spearman": meta.cv_spearman,
            "baseline": "per-format median",
            "baseline_mae": meta.baseline_mae,
            "baseline_spearman": meta.baseline_spearman,
            "candidates": {k: dict(v) for k, v in meta.candidates.items()},
            "selection": dict(meta.evaluation.get("selection", {})),
            "sklearn_version": meta.sklearn_version,
            "data_hash": meta.data_hash,
            "path": str(model_path(_db_path(ctx))),
        }
    report["stands_on"] = footing.to_json()
    if as_json:
        emit_json(report)
        return
    if model is None:
        click.echo(report["reason"])
    else:
        click.echo(chosen_model_sentence(model.metadata))
    click.echo(footing.sentence())


@model_group.command("report")
@click.option("--json", "as_json", is_flag=True, help="Print the track record as JSON.")
@click.pass_context
def report(ctx: click.Context, as_json: bool) -> None:
    """How the suggestions did: your saved drafts against the posts they became."""
    from ssi_tui.store.track_record import match_published_drafts, track_record

    db = database(ctx)
    match_published_drafts(db)
    record = track_record(db)
    if as_json:
        emit_json(record.to_json())
        return
    click.echo(record.sentence())
    for draft in record.drafts:
        when = (draft.published_at or "—")[:10]
        actual = "—" if draft.actual is None else f"{draft.actual:,}"
        expected = (
            "—"
            if draft.predicted is None
            else "{}–{}".format(
                *(engagement_text(draft.predicted[key], "engagements") for key in ("low", "high"))
            )
        )
        mark = {True: "inside", False: "outside", None: ""}[draft.inside]
        click.echo(
            f"  {when}  {draft.format:<9} got {actual:>7}  predicted {expected:<13} {mark:<7}"
            f" suggested {draft.suggestion or '—'}"
        )


def _analyze(
    text: str, at: datetime | None, formats: list[PostFormat], state: Any, rows: Any
) -> Any:
    from ssi_tui.analysis.advice import advise
    from ssi_tui.analysis.history import PostHistory
    from ssi_tui.analysis.prediction import predict
    from ssi_tui.core.post_stats import model_footing

    prediction = predict(text, at, formats, state.user_model, state.prior, state.n_posts)
    result = prediction.to_json()
    history = PostHistory.from_rows(rows)
    result["advice"] = [
        {"text": a.text, "feature": a.feature, "source": a.source}
        for a in advise(prediction.features, history)
    ]
    result["stands_on"] = model_footing(rows).to_json()
    if state.note:
        result["note"] = state.note
    return result


def _csv_rows(reader: csv.DictReader[str], path: str) -> Iterator[dict[str, str]]:
    """The rows, with the csv module's errors turned into one sentence that says where.

    The reader is strict, so a quote that is never closed is an error rather than a last
    draft that swallows the rest of the file.
    """
    read = 0
    try:
        for values in reader:
            read += 1
            yield values
    except csv.Error as error:
        where = f"{path}, row {read + 1:,}"
        if "field larger than field limit" in str(error):
            limit = csv.field_size_limit()
            refuse(f"{where}: a field is over {limit:,} characters, far longer than a post.")
        if "unexpected end of data" in str(error):
            refuse(f"{where}: a quote opens and is never closed.")
        refuse(f"{where}: not readable as CSV ({error}).")


def _read_batch(path: str) -> list[tuple[str, list[PostFormat], datetime | None]]:
    raw = read_text_input(path, "the drafts CSV")
    reader = csv.DictReader(io.StringIO(raw, newline=""), strict=True)
    try:
        header = reader.fieldnames
    except csv.Error:
        header = None
    if header is None or "text" not in [f.strip() for f in header]:
        refuse(f"{path} needs a header with a text column (and optional format and at).")
    rows = []
    for index, row in enumerate(_csv_rows(reader, path)):
        clean = {(key or "").strip(): (value or "") for key, value in row.items()}
        wanted = clean.get("format", "").strip().lower()
        if wanted and wanted not in POST_FORMATS:
            refuse(f"Row {index}: unknown format {wanted!r}; use one of {', '.join(POST_FORMATS)}.")
        at = _moment(clean.get("at"), where=f"Row {index}: at")
        rows.append((clean.get("text", ""), [wanted] if wanted else [], at))
    return rows


def _print_human(result: dict[str, Any]) -> None:
    features = result["features"]
    click.echo(
        f"{features['characters']:,} characters · {features['words']} words · "
        f"{features['sentences']} sentences · readability "
        f"{features['readability'] if features['readability'] is not None else '—'} · "
        f"sentiment {features['sentiment']:+.2f}"
    )
    click.echo("Before “…see more”: " + features["hook"].replace("\n", " / "))
    unit = "engagement" if result["unit"] == "engagements" else result["unit"]
    click.echo(f"Predicted {unit} by format (basis: {result['basis']}, {result['n_posts']} posts):")
    for row in sorted(result["predictions"], key=lambda p: -p["engagement"]):
        mark = "  ← suggested" if row["format"] == result["suggestion"] else ""
        low, high = (engagement_text(row[key], result["unit"]) for key in ("low", "high"))
        figure = engagement_text(row["engagement"], result["unit"])
        click.echo(f"  {row['format']:<9} {figure:>8}  ({low}–{high}){mark}")
    for reason in result["reasons"]:
        click.echo(f"Why: {reason}")
    for advice in result["advice"]:
        click.echo(f"• {advice['text']}")
    if result.get("note"):
        click.echo(result["note"])
    click.echo(ModelFooting(**result["stands_on"]).sentence())


@click.command("analyze")
@click.argument("source", default="-", metavar="[FILE|-]")
@click.option("--at", "at_raw", metavar="ISO-DATETIME", help="When you plan to publish.")
@click.option("--batch", metavar="CSV", help="Analyze every row of a CSV (text, format, at).")
@click.option("--json", "as_json", is_flag=True, help="Print the analysis as JSON.")
@click.pass_context
def analyze(
    ctx: click.Context, source: str, at_raw: str | None, batch: str | None, as_json: bool
) -> None:
    """Analyze a draft and rank the formats to publish it as, from your own posts."""
    from ssi_tui.analysis.format_model import load_or_train, training_rows

    jobs = (
        _read_batch(batch) if batch else [(read_text_input(source, "a draft"), [], _moment(at_raw))]
    )
    db = database(ctx)
    rows = training_rows(db)
    state = load_or_train(db, _db_path(ctx), prior_when_needed=True, rows=rows)
    results = [_analyze(text, at, formats, state, rows) for text, formats, at in jobs]
    if batch:
        for index, result in enumerate(results):
            result["row"] = index
        if as_json:
            emit_json(results)
        else:
            for result in results:
                suggestion = result["suggestion"]
                said = (
                    f"suggest {suggestion}"
                    if suggestion
                    else "no suggestion: "
                    + (result["reasons"][0] if result["reasons"] else "too few words")
                )
                click.echo(f"Row {result['row']}: {said}")
        return
    if as_json:
        emit_json(results[0])
    else:
        _print_human(results[0])
