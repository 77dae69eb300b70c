"""A saved format model that was edited, damaged or put in the wrong place is refused in one
sentence and retrained from the posts: never used silently, never a traceback.

The tamperer here is careful: after an edit it signs the files again the way the loader checks
them (SHA-256 over the .skops file's SHA-256 and the canonical JSON of the `metadata` and
`model` sections), so what is tested is the check of every field, not only the signature.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import os
import signal
import stat
import tracemalloc
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlite_utils import Database

from ssi_tui.analysis.estimator import FormatModel
from ssi_tui.analysis.format_model import ModelState, load_or_train, model_path, train_and_save
from ssi_tui.analysis.model import load_model, save_model
from ssi_tui.cli import cli
from ssi_tui.store.database import open_database
from ssi_tui.store.transactions import writing

RETRAINED = "It was retrained from your posts."
DRAFT = "Three lessons from 100 sales calls.\n\n1. Listen.\n2. Ask.\n3. Follow up.\n#sales"
Edit = Callable[[dict[str, Any]], None]


@pytest.fixture
def saved(demo_db_path: Path) -> Iterator[tuple[Database, Path, FormatModel]]:
    """A year of demo posts, its model trained and saved beside the database."""
    db = open_database(demo_db_path)
    model, _ = train_and_save(db, demo_db_path)
    assert model is not None
    yield db, demo_db_path, model
    db.close()


def _resign(skops: Path, edit: Edit | None = None, raw: Callable[[str], str] | None = None) -> None:
    """Edit the metadata (`edit` on the document, `raw` on its text), then sign it again."""
    json_path = skops.with_suffix(".json")
    document = json.loads(json_path.read_text())
    if edit is not None:
        edit(document)
    payload = skops.read_bytes()
    if "skops_sha256" in document:  # the format before signatures covered the metadata
        document["skops_sha256"] = hashlib.sha256(payload).hexdigest()
    document["sha256"] = "SIGNATURE"
    text = json.dumps(document, indent=2)
    text = raw(text) if raw is not None else text
    try:
        parsed = json.loads(text)
    except (ValueError, RecursionError):
        json_path.write_text(text)  # nobody can sign what does not parse
        return
    sections = {"metadata": parsed["metadata"], "model": parsed["model"]}
    canonical = json.dumps(sections, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    digest = hashlib.sha256(hashlib.sha256(payload).digest() + canonical.encode()).hexdigest()
    json_path.write_text(text.replace('"SIGNATURE"', f'"{digest}"'))


def _set(section: str, **values: Any) -> Edit:
    return lambda document: document[section].update(values)


def _assert_retrained(state: ModelState, model: FormatModel, refusal: str) -> None:
    """The user is told why, in one sentence, and the analysis stands on a fresh model."""
    assert state.note is not None and refusal in state.note, state.note
    assert "Traceback" not in state.note
    assert state.user_model is not None
    assert state.user_model.kind == model.kind
    assert state.user_model.scale == model.scale
    assert state.user_model.format_offsets == model.format_offsets


def test_an_edit_the_signature_does_not_cover_is_refused(
    saved: tuple[Database, Path, FormatModel],
) -> None:
    db, db_path, model = saved
    json_path = model_path(db_path).with_suffix(".json")
    document = json.loads(json_path.read_text())
    document["model"]["scale"] = -1e308  # the .skops file is untouched
    json_path.write_text(json.dumps(document))
    state = load_or_train(db, db_path)
    _assert_retrained(state, model, "changed since it was saved, so it is not used.")
    assert state.note is not None and state.note.endswith(RETRAINED)


@pytest.mark.parametrize(
    ("edit", "refusal"),
    [
        (_set("model", scale=-1e308), "scale must be a number from 0 to"),
        (_set("model", residual_low=math.nan), "residual_low must be a number"),
        (_set("model", residual_high=math.inf), "residual_high must be a number"),
        (_set("model", kind="bogus"), "its kind must be one of"),
        (_set("model", format_offsets=[]), "format_offsets must be an object"),
        (_set("model", format_offsets={"hologram": 1.0}), "format_offsets holds unknown names"),
        (_set("model", format_counts={"image": -3}), "the image count must be a whole number"),
        (_set("model", format_counts={"image": 10**40}), "the image count must be a whole"),
        (_set("model", feature_names=["__import__"]), "feature_names must name"),
        (_set("model", typical_hour=10**4000), "typical_hour must be a whole number"),
        (_set("model", scale=10**400), "scale must be a number"),
        (_set("metadata", n_posts="47"), "n_posts must be a whole number"),
        (_set("metadata", cv_mae=1e308), "cv_mae must be a number"),
        (_set("metadata", sklearn_version=["1.9.1"]), "sklearn_version must be a text"),
    ],
    ids=[
        "scale -1e308",
        "residual NaN",
        "residual infinite",
        "kind bogus",
        "format_offsets []",
        "unknown format",
        "negative count",
        "huge count",
        "unknown feature",
        "huge hour",
        "huge integer scale",
        "string where a number belongs",
        "huge score",
        "list where a text belongs",
    ],
)
def test_signed_metadata_no_training_could_write_is_refused(
    saved: tuple[Database, Path, FormatModel], edit: Edit, refusal: str
) -> None:
    db, db_path, model = saved
    _resign(model_path(db_path), edit)
    state = load_or_train(db, db_path)
    _assert_retrained(state, model, f"The metadata of {db_path.stem}-format.skops is invalid: ")
    assert state.note is not None and refusal in state.note
    assert load_or_train(db, db_path).note is None  # the retrained model was saved again


def test_a_number_too_large_for_a_float_is_refused(
    saved: tuple[Database, Path, FormatModel],
) -> None:
    db, db_path, model = saved
    _resign(
        model_path(db_path),
        _set("model", latest_followers=12345.5),
        raw=lambda text: text.replace("12345.5", "1e999"),
    )
    state = load_or_train(db, db_path)
    _assert_retrained(state, model, "latest_followers must be a number from 0 to")


def test_metadata_nested_too_deep_to_parse_is_refused(
    saved: tuple[Database, Path, FormatModel],
) -> None:
    db, db_path, model = saved
    deep = "[" * 100_000 + "]" * 100_000
    _resign(
        model_path(db_path),
        raw=lambda text: text.replace('"evaluation": {', f'"evaluation": {{"deep": {deep}, ', 1),
    )
    state = load_or_train(db, db_path)
    _assert_retrained(
        state, model, "The metadata beside demo-format.skops is missing or unreadable."
    )


def test_signed_metadata_nested_deeper_than_a_model_is_refused(
    saved: tuple[Database, Path, FormatModel],
) -> None:
    db, db_path, model = saved
    nested: Any = 1.0
    for _ in range(30):
        nested = {"deeper": nested}
    _resign(model_path(db_path), _set("metadata", evaluation=nested))
    state = load_or_train(db, db_path)
    _assert_retrained(state, model, "nests deeper than a format model's, so it is not read.")


def test_metadata_over_a_megabyte_is_refused_before_parsing(
    saved: tuple[Database, Path, FormatModel],
) -> None:
    db, db_path, model = saved
    _resign(model_path(db_path), raw=lambda text: text + " " * 2_000_000)
    state = load_or_train(db, db_path)
    _assert_retrained(state, model, "is 2.0 MB, more than the 1.0 MB a format model ever needs")


def test_a_file_from_before_signatures_is_refused_and_retrained(
    saved: tuple[Database, Path, FormatModel],
) -> None:
    db, db_path, model = saved
    skops = model_path(db_path)
    document = json.loads(skops.with_suffix(".json").read_text())
    document.pop("sha256", None)
    document |= {"file_version": 1, "skops_sha256": hashlib.sha256(skops.read_bytes()).hexdigest()}
    skops.with_suffix(".json").write_text(json.dumps(document))
    state = load_or_train(db, db_path)
    _assert_retrained(state, model, "is not in a format this version reads.")


@pytest.mark.parametrize("which", [".skops", ".json"])
def test_a_folder_in_place_of_a_model_file_is_refused_and_left_alone(
    saved: tuple[Database, Path, FormatModel], which: str
) -> None:
    db, db_path, model = saved
    target = model_path(db_path).with_suffix(which)
    target.unlink()
    target.mkdir()
    (target / "keep.txt").write_text("the user's own file")
    state = load_or_train(db, db_path)
    subject = "model file" if which == ".skops" else "metadata beside"
    _assert_retrained(state, model, f"{subject} demo-format.skops is a folder, not a file")
    assert state.note is not None
    assert "could not be saved" in state.note and "a folder is in the way" in state.note
    assert (target / "keep.txt").read_text() == "the user's own file"


class Blocked(Exception):
    """Not an OSError (as TimeoutError is), so no `except OSError` can swallow it."""


@contextmanager
def _within(seconds: int) -> Iterator[None]:
    """Turn a hang (an open() that waits for a FIFO's writer) into a failure."""

    def give_up(signum: int, frame: object) -> None:
        raise Blocked(f"still blocked after {seconds} s")

    previous = signal.signal(signal.SIGALRM, give_up)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_in_place_of_the_model_file_is_refused_without_blocking(
    saved: tuple[Database, Path, FormatModel],
) -> None:
    db, db_path, model = saved
    skops = model_path(db_path)
    skops.unlink()
    os.mkfifo(skops)
    with _within(10):
        state = load_or_train(db, db_path)
    _assert_retrained(state, model, "demo-format.skops is not a regular file, so it is not read.")
    assert skops.is_file()  # replaced by the retrained model


@pytest.mark.parametrize(
    "value",
    [
        "not json",
        "[1, 2]",
        "5",
        '"a text"',
        '{"fingerprint": 12}',
        "{}",
        json.dumps({"fingerprint": "f" * 10_000}),
        "[" * 2_000 + "]" * 2_000,
    ],
    ids=["not JSON", "a list", "a number", "a text", "number fingerprint", "empty", "huge", "deep"],
)
def test_a_damaged_settings_record_is_refused_and_repaired(
    saved: tuple[Database, Path, FormatModel], value: str
) -> None:
    db, db_path, model = saved
    with writing(db):
        db.execute("UPDATE settings SET value = ? WHERE key = 'format_model'", [value])
    state = load_or_train(db, db_path)
    _assert_retrained(state, model, "The database's record of your saved format model is damaged.")
    assert load_or_train(db, db_path).note is None  # the record was written again


def test_an_oversized_model_file_is_refused_before_it_is_read(
    saved: tuple[Database, Path, FormatModel],
) -> None:
    db, db_path, model = saved
    skops = model_path(db_path)
    with skops.open("r+b") as handle:  # sparse: a gigabyte that costs no disk
        handle.truncate(1_100_000_000)
    tracemalloc.start()
    try:
        state = load_or_train(db, db_path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    _assert_retrained(state, model, "demo-format.skops is 1,100.0 MB, more than the 4.0 MB")
    assert peak < 50_000_000  # not read: reading it would take a gigabyte


def test_a_model_file_that_unpacks_to_far_more_than_its_size_is_refused(
    saved: tuple[Database, Path, FormatModel],
) -> None:
    db, db_path, model = saved
    skops = model_path(db_path)
    with zipfile.ZipFile(io.BytesIO(skops.read_bytes())) as original:
        schema = original.read("schema.json")
    bomb = io.BytesIO()
    with (
        zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive,
        archive.open("schema.json", "w") as member,
    ):
        member.write(schema)
        for _ in range(64):  # still valid JSON: trailing spaces
            member.write(b" " * 1_000_000)
    skops.write_bytes(bomb.getvalue())
    assert skops.stat().st_size < 1_000_000
    _resign(skops)
    tracemalloc.start()
    try:
        state = load_or_train(db, db_path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    _assert_retrained(state, model, "would unpack to 64.0 MB, more than a format model holds")
    assert peak < 30_000_000


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_model_files_are_private_whatever_the_umask(
    saved: tuple[Database, Path, FormatModel], tmp_path: Path
) -> None:
    db, db_path, model = saved
    skops = model_path(db_path)
    for path in (skops, skops.with_suffix(".json")):
        path.chmod(0o644)  # as written before: the umask's mode
    previous = os.umask(0o022)
    try:
        train_and_save(db, db_path)
        save_model(model, tmp_path / "new" / "folder" / "user.skops")
    finally:
        os.umask(previous)
    assert (_mode(skops), _mode(skops.with_suffix(".json")), _mode(skops.parent)) == (
        0o600,
        0o600,
        0o700,
    )
    made = tmp_path / "new" / "folder"
    assert [_mode(made / "user.skops"), _mode(made / "user.json"), _mode(made)] == [
        0o600,
        0o600,
        0o700,
    ]
    assert load_model(made / "user.skops").scale == model.scale


def _run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def _trained_by_the_command_line() -> Path:
    code, out, _ = _run("model", "train", "--json")
    assert code == 0
    return Path(json.loads(out)["path"])


def test_analyze_with_signed_impossible_metadata_notes_the_refusal(demo_env: Path) -> None:
    skops = _trained_by_the_command_line()
    _resign(skops, _set("model", scale=-1e308))
    code, out, err = _run("analyze", "-", "--json", stdin=DRAFT)
    assert code == 0 and "Traceback" not in out + err
    result = json.loads(out)
    assert "is invalid: scale must be a number" in result["note"]
    assert result["note"].endswith(RETRAINED)
    assert all(0 <= p["engagement"] < 1e6 for p in result["predictions"])


def test_analyze_with_a_folder_in_place_of_the_model_notes_it(demo_env: Path) -> None:
    skops = _trained_by_the_command_line()
    skops.unlink()
    skops.mkdir()
    code, out, err = _run("analyze", "-", "--json", stdin=DRAFT)
    assert code == 0 and "Traceback" not in out + err
    result = json.loads(out)
    assert "is a folder, not a file" in result["note"]
    assert "could not be saved" in result["note"]
    assert result["basis"] in {"user", "blend"}


def test_analyze_with_a_damaged_settings_record_notes_it(demo_env: Path) -> None:
    _trained_by_the_command_line()
    db = open_database(demo_env)
    try:
        with writing(db):
            db.execute("UPDATE settings SET value = 'not json' WHERE key = 'format_model'")
    finally:
        db.close()
    code, out, err = _run("analyze", "-", "--json", stdin=DRAFT)
    assert code == 0 and "Traceback" not in out + err
    assert "record of your saved format model is damaged" in json.loads(out)["note"]


def test_model_train_with_a_folder_in_the_way_refuses_in_one_sentence(demo_env: Path) -> None:
    skops = _trained_by_the_command_line()
    skops.unlink()
    skops.mkdir()
    code, out, err = _run("model", "train", "--json")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("ssi-tui: The format model could not be saved to ")
    assert "(a folder is in the way)" in err
    assert skops.is_dir()
