"""Saving and loading format models with skops, refusing anything unexpected (heavy).

A model is two files: `<name>.skops` (the fitted estimator, in skops' format that never runs
arbitrary code on load) and `<name>.json` (everything else, plus the metadata scikit-learn's
persistence guide asks for: library version, training-data hash, cross-validation score).
The JSON's `sha256` is `signature(payload, document)`: SHA-256 over the .skops file's own
SHA-256 and the canonical JSON (sorted keys, no spaces, ASCII) of its `metadata` and `model`
sections, so an edit to either file is caught. Anyone who can write the files can recompute
it, so every field is checked as well: a value no training could produce is refused.

`load_model` refuses — raising `ModelRefused` with one sentence for the user — a file it cannot
read, one that is not a regular file or is larger than a model ever gets (checked before it is
read), one changed since it was saved, metadata out of range, a model holding types outside
`ALLOWED_TYPES` or unpacking to more than a model holds, or one written by another scikit-learn
minor version; the caller then retrains or falls back to the prior. Both files are written
readable by their owner only: they are derived from the member's posts.

Loading a model without an estimator (the per-format median, the level-and-format model) needs
neither skops nor scikit-learn: its .skops file is recognised as the one archive skops writes
for "no estimator" (`_holds_no_estimator`), and scikit-learn's version is read from where it
is installed (`installed_sklearn_version`). Anything else in the file goes through skops and
its checks.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import io
import json
import os
import stat
import sys
import tempfile
from collections.abc import Collection, Mapping
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any, Final

from ssi_tui.analysis.estimator import FormatModel, ModelKind, ModelMetadata
from ssi_tui.analysis.feature_rows import USER_FEATURES
from ssi_tui.core.domain import POST_FORMATS
from ssi_tui.core.limits import MAX_METRIC

FILE_VERSION: Final = 2
"""2 added the `sha256` over both files; a version-1 file is refused, and retrained."""
ALLOWED_TYPES: Final = frozenset(
    {"sklearn.ensemble._hist_gradient_boosting.predictor.TreePredictor"}
)
"""Types outside skops' default trusted set that our own estimators contain. Anything else in
a file (a function, a class of another package) means it is not ours."""
ESTIMATOR_CLASSES: Final[dict[ModelKind, str]] = {
    "ridge": "Pipeline",
    "gradient-boosting": "HistGradientBoostingRegressor",
}
KINDS: Final[frozenset[ModelKind]] = frozenset(
    {"format-median", "level-format", *ESTIMATOR_CLASSES}
)

TRAINED_FORMATS: Final = (*POST_FORMATS, "unknown")
"""The formats a model may hold figures for: posts whose format nothing tells train too."""

MAX_METADATA_BYTES: Final = 1_000_000
"""A saved model's JSON is about 3 KB (the prior's, with its evaluation, too)."""
MAX_MODEL_BYTES: Final = 4_000_000
"""Measured: a ridge model is 24 KB and gradient boosting (80 trees of at most 8 leaves) 528 KB
whether trained on 2,000 posts or 10,000, so 4 MB is eight times the largest. It caps both the
file and what its archive unpacks to (skops' own format is stored, not compressed)."""
MAX_ARCHIVE_MEMBERS: Final = 2_000
"""Gradient boosting's archive has 283 members."""
MAX_NESTING: Final = 8
"""The deepest legitimate value (the prior's held-out scores) is 5 levels down."""

MAX_LOG_RATIO: Final = 50.0
"""A post's log ratio is at most ln(4·MAX_METRIC + 1) ≈ 24.4 either way; a residual, the
difference of two of them, at most twice that."""
MAX_ENGAGEMENT: Final = 4 * MAX_METRIC
"""Reactions, comments, reposts and engagements of one post, each at most MAX_METRIC."""
MAX_POSTS: Final = 10_000_000
MAX_FEATURE: Final = 1e7
"""Far beyond any feature value of a 2 MB draft, far below where an estimator overflows."""
MAX_TEXT: Final = 200

MODEL_FIELDS: Final = frozenset(
    {
        "kind",
        "feature_names",
        "format_offsets",
        "format_counts",
        "residual_low",
        "residual_high",
        "scale",
        "typical_weekday",
        "typical_hour",
        "latest_followers",
        "typical_features",
    }
)
METADATA_FIELDS: Final = frozenset(field.name for field in fields(ModelMetadata))


class ModelRefused(Exception):
    """A saved model that must not be used; the message is one sentence for the user."""


class _Invalid(ValueError):
    """A metadata value no training could have written; the message says which and why."""


def metadata_path(path: Path) -> Path:
    return path.with_suffix(".json")


def signature(payload: bytes, document: Mapping[str, Any]) -> str:
    """What the JSON's `sha256` must be: one digest over both files' content."""
    sections = {"metadata": document["metadata"], "model": document["model"]}
    canonical = json.dumps(sections, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    inner = hashlib.sha256(payload).digest()  # fixed length, so the two parts cannot shift
    return hashlib.sha256(inner + canonical.encode("ascii")).hexdigest()


def save_model(model: FormatModel, path: Path) -> None:
    """Write `path` (.skops) and its metadata JSON, each replaced atomically, mode 0600.

    A folder in the way of either is an `IsADirectoryError` before anything is written.
    """
    import skops.io as sio

    payload = sio.dumps({"estimator": model.estimator})
    sections: dict[str, Any] = {
        "metadata": asdict(model.metadata),
        "model": {
            "kind": model.kind,
            "feature_names": list(model.feature_names),
            "format_offsets": dict(model.format_offsets),
            "format_counts": dict(model.format_counts),
            "residual_low": model.residual_low,
            "residual_high": model.residual_high,
            "scale": model.scale,
            "typical_weekday": model.typical_weekday,
            "typical_hour": model.typical_hour,
            "latest_followers": model.latest_followers,
            "typical_features": dict(model.typical_features),
        },
    }
    document = {"file_version": FILE_VERSION, "sha256": signature(payload, sections), **sections}
    for target in (path, metadata_path(path)):
        if target.is_dir():
            raise IsADirectoryError(errno.EISDIR, "a folder is in the way", str(target))
    _make_private_folder(path.parent)
    _write_atomically(path, payload)
    _write_atomically(metadata_path(path), (json.dumps(document, indent=2) + "\n").encode())


def load_model(path: Path) -> FormatModel:
    """The model saved at `path`, or `ModelRefused` saying why it cannot be used.

    Nothing is interpreted before the signature matches, and skops parses the estimator only
    after every metadata field passed its check.
    """
    name = path.name
    document = _read_metadata(path)
    payload = _read_limited(path, MAX_MODEL_BYTES, f"The model file {name}")
    if signature(payload, document) != document["sha256"]:
        raise ModelRefused(
            f"The model file {name} or its metadata changed since it was saved, so it is not used."
        )
    try:
        model_fields = _checked_model(document["model"])
        metadata = _checked_metadata(document["metadata"], model_fields)
    except _Invalid as problem:
        raise ModelRefused(f"The metadata of {name} is invalid: {problem}.") from None
    _check_version(metadata.sklearn_version)
    estimator = _load_estimator(payload, name)
    return _model_from(model_fields, metadata, estimator, name)


def _make_private_folder(folder: Path) -> None:
    """Create the model's folder owner-only (0700); one that exists is left as it is."""
    if folder.is_dir():
        return
    folder.parent.mkdir(parents=True, exist_ok=True)
    try:
        folder.mkdir(mode=0o700)
    except FileExistsError:
        if not folder.is_dir():
            raise NotADirectoryError(
                errno.ENOTDIR, f"a file named {folder.name} is in the way", str(folder)
            ) from None
        return  # made a moment ago by another process
    folder.chmod(0o700)  # mkdir's mode is filtered by the umask


def _write_atomically(path: Path, data: bytes) -> None:
    """A private temporary file (mkstemp makes it 0600), flushed, then renamed over `path`."""
    descriptor, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    temporary = Path(name)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        temporary.replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:,.1f} MB"


def _too_large(subject: str, size: int, limit: int) -> str:
    return (
        f"{subject} is {_megabytes(size)}, more than the {_megabytes(limit)} a format model "
        "ever needs, so it is not read."
    )


def _read_limited(path: Path, limit: int, subject: str) -> bytes:
    """The bytes of a regular file of at most `limit` bytes, its size checked before reading.

    Non-blocking, so a FIFO in the file's place cannot hang the open; it is then refused.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(path, flags)
    except FileNotFoundError:
        raise ModelRefused(f"{subject} is missing or unreadable.") from None
    except OSError as error:
        raise ModelRefused(f"{subject} cannot be read ({error.strerror or error}).") from None
    try:
        info = os.fstat(descriptor)
        if stat.S_ISDIR(info.st_mode):
            raise ModelRefused(f"{subject} is a folder, not a file, so it is not used.")
        if not stat.S_ISREG(info.st_mode):
            raise ModelRefused(f"{subject} is not a regular file, so it is not read.")
        if info.st_size > limit:
            raise ModelRefused(_too_large(subject, info.st_size, limit))
        with open(descriptor, "rb", closefd=False) as handle:
            data = handle.read(limit + 1)  # the file may have grown since fstat
    finally:
        os.close(descriptor)
    if len(data) > limit:
        raise ModelRefused(_too_large(subject, len(data), limit))
    return data


def _read_metadata(path: Path) -> dict[str, Any]:
    subject = f"The metadata beside {path.name}"
    raw = _read_limited(metadata_path(path), MAX_METADATA_BYTES, subject)
    try:
        document = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):  # deep nesting: RecursionError
        raise ModelRefused(f"{subject} is missing or unreadable.") from None
    if _nesting(document) > MAX_NESTING:
        raise ModelRefused(f"{subject} nests deeper than a format model's, so it is not read.")
    if not (
        isinstance(document, dict)
        and document.get("file_version") == FILE_VERSION
        and isinstance(document.get("sha256"), str)
        and isinstance(document.get("metadata"), dict)
        and isinstance(document.get("model"), dict)
    ):
        raise ModelRefused(f"{subject} is not in a format this version reads.")
    return document


def _nesting(value: Any) -> int:
    """How deep lists and objects nest, without recursion (stops early past MAX_NESTING)."""
    deepest, pending = 0, [(value, 0)]
    while pending and deepest <= MAX_NESTING:
        item, depth = pending.pop()
        deepest = max(deepest, depth)
        children = (
            item.values() if isinstance(item, dict) else item if isinstance(item, list) else ()
        )
        pending.extend((child, depth + 1) for child in children)
    return deepest


def installed_sklearn_version() -> str:
    """scikit-learn's version without importing it (a second or more): from the name of its
    `scikit_learn-<version>.dist-info` folder, the first on `sys.path` as for an import
    (`importlib.metadata` finds the same folder, but loading it costs 30 ms); else from the
    module itself."""
    for folder in sys.path:
        try:
            names = os.listdir(folder or ".")  # noqa: PTH208 - names alone, no Path per entry
        except OSError:
            continue
        for name in names:
            if not name.endswith(".dist-info"):
                continue
            project, _, version = name.removesuffix(".dist-info").partition("-")
            if version and project.lower().replace("-", "_").replace(".", "_") == "scikit_learn":
                return version
    import sklearn

    return str(sklearn.__version__)


def _check_version(saved: str) -> None:
    current = installed_sklearn_version()
    if saved.split(".")[:2] != current.split(".")[:2]:
        raise ModelRefused(
            f"The model was saved with scikit-learn {saved or 'unknown'} and this is {current}, "
            "so it is not loaded."
        )


def _number(value: Any, where: str, low: float, high: float) -> float:
    """A JSON number from `low` to `high` (NaN fails every comparison; huge ints compare
    exactly, so they are refused before `float()` could overflow)."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        raise _Invalid(f"{where} must be a number from {low:,g} to {high:,g}")
    return float(value)


def _count(value: Any, where: str, high: int = MAX_POSTS) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= high:
        raise _Invalid(f"{where} must be a whole number from 0 to {high:,}")
    return value


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str) or len(value) > MAX_TEXT:
        raise _Invalid(f"{where} must be a text of at most {MAX_TEXT} characters")
    return value


def _mapping(value: Any, where: str, keys: Collection[str] | None = None) -> dict[str, Any]:
    """A JSON object whose keys (when `keys` is given) are all known."""
    if not isinstance(value, dict):
        raise _Invalid(f"{where} must be an object")
    if keys is not None and not set(value) <= set(keys):
        raise _Invalid(f"{where} holds unknown names")
    return value


def _exact(section: dict[str, Any], names: frozenset[str], where: str) -> None:
    if set(section) != names:
        odd = sorted(set(section) ^ names)[:3]
        raise _Invalid(f"the {where} section lacks or adds {', '.join(map(repr, odd))}")


def _plain(value: Any, where: str) -> None:
    """Free-form evaluation numbers: finite numbers, short texts, within MAX_NESTING."""
    if isinstance(value, dict | list):
        for item in value.values() if isinstance(value, dict) else value:
            _plain(item, where)
    elif isinstance(value, str):
        _text(value, where)
    elif value is not None and not isinstance(value, bool):
        _number(value, where, -MAX_METRIC, MAX_METRIC)


def _checked_model(model: dict[str, Any]) -> dict[str, Any]:
    """The `model` section's fields as FormatModel takes them, each within its range."""
    _exact(model, MODEL_FIELDS, "model")
    kind, names = model["kind"], model["feature_names"]
    if not isinstance(kind, str) or kind not in KINDS:
        raise _Invalid(f"its kind must be one of {', '.join(sorted(KINDS))}")
    if not isinstance(names, list) or not all(isinstance(name, str) for name in names):
        raise _Invalid("feature_names must be a list of names")
    if len(set(names)) != len(names) or not set(names) <= set(USER_FEATURES):
        raise _Invalid("feature_names must name this version's features, each once")
    offsets = _mapping(model["format_offsets"], "format_offsets", TRAINED_FORMATS)
    counts = _mapping(model["format_counts"], "format_counts", TRAINED_FORMATS)
    typical = _mapping(model["typical_features"], "typical_features", USER_FEATURES)
    low = _number(model["residual_low"], "residual_low", -MAX_LOG_RATIO, MAX_LOG_RATIO)
    scale, followers = model["scale"], model["latest_followers"]
    weekday, hour = model["typical_weekday"], model["typical_hour"]
    return {
        "kind": kind,
        "feature_names": tuple(names),
        "format_offsets": {
            key: _number(value, f"the {key} offset", -MAX_LOG_RATIO, MAX_LOG_RATIO)
            for key, value in offsets.items()
        },
        "format_counts": {key: _count(value, f"the {key} count") for key, value in counts.items()},
        "residual_low": low,
        "residual_high": _number(model["residual_high"], "residual_high", low, MAX_LOG_RATIO),
        "scale": None if scale is None else _number(scale, "scale", 0, MAX_ENGAGEMENT),
        "typical_weekday": None if weekday is None else _count(weekday, "typical_weekday", 6),
        "typical_hour": None if hour is None else _count(hour, "typical_hour", 23),
        "latest_followers": (
            None if followers is None else _number(followers, "latest_followers", 0, MAX_METRIC)
        ),
        "typical_features": {
            key: _number(value, f"the typical {key}", -MAX_FEATURE, MAX_FEATURE)
            for key, value in typical.items()
        },
    }


def _score(meta: dict[str, Any], key: str, low: float, high: float) -> float | None:
    return None if meta[key] is None else _number(meta[key], key, low, high)


def _checked_metadata(meta: dict[str, Any], model_fields: dict[str, Any]) -> ModelMetadata:
    """The `metadata` section, each field within its range and agreeing with the model's."""
    _exact(meta, METADATA_FIELDS, "metadata")
    if meta["kind"] != model_fields["kind"]:
        raise _Invalid("its two kinds differ")
    n_posts = _count(meta["n_posts"], "n_posts")
    if sum(model_fields["format_counts"].values()) > n_posts:
        raise _Invalid("its format counts add up to more than n_posts")
    candidates = _mapping(meta["candidates"], "candidates", KINDS)
    for scored in candidates.values():
        for value in _mapping(scored, "candidates", ("mae", "spearman")).values():
            _number(value, "a candidate's score", -MAX_LOG_RATIO, MAX_LOG_RATIO)
    evaluation = _mapping(meta["evaluation"], "evaluation")
    _plain(evaluation, "evaluation")
    return ModelMetadata(
        kind=model_fields["kind"],
        sklearn_version=_text(meta["sklearn_version"], "sklearn_version"),
        data_hash=_text(meta["data_hash"], "data_hash"),
        created=_text(meta["created"], "created"),
        n_posts=n_posts,
        cv_mae=_score(meta, "cv_mae", 0.0, MAX_LOG_RATIO),
        cv_spearman=_score(meta, "cv_spearman", -1.0, 1.0),
        baseline_mae=_score(meta, "baseline_mae", 0.0, MAX_LOG_RATIO),
        baseline_spearman=_score(meta, "baseline_spearman", -1.0, 1.0),
        candidates=candidates,
        evaluation=evaluation,
    )


def _check_archive(payload: bytes, name: str) -> None:
    """skops unpacks a zip archive: one that would unpack to more than a model holds (a
    schema that expands to gigabytes) is refused from its directory, before unpacking."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(payload)) as archive:
            members = archive.infolist()
    except Exception:  # zipfile raises many kinds of error on damaged input
        raise ModelRefused(f"The model file {name} is corrupt.") from None
    unpacked = sum(member.file_size for member in members)
    if len(members) > MAX_ARCHIVE_MEMBERS or unpacked > MAX_MODEL_BYTES:
        raise ModelRefused(
            f"The model file {name} would unpack to {_megabytes(unpacked)}, more than a format "
            "model holds, so it is not loaded."
        )


NO_ESTIMATOR_SCHEMA: Final = {
    "__class__": "dict",
    "__module__": "builtins",
    "__loader__": "DictNode",
    "content": {
        "estimator": {
            "__class__": "str",
            "__module__": "builtins",
            "__loader__": "JsonNode",
            "content": "null",
            "is_json": True,
        }
    },
    "key_types": {
        "__class__": "list",
        "__module__": "builtins",
        "__loader__": "ListNode",
        "content": [{"__class__": "str", "__module__": "builtins", "__loader__": "TypeNode"}],
    },
    "protocol": 2,
}
"""The schema skops (protocol 2) writes for `{"estimator": None}`, less the object ids and
the skops version that vary from file to file."""
MAX_NO_ESTIMATOR_BYTES: Final = 4_096
"""That schema is under 700 bytes."""


def _holds_no_estimator(payload: bytes) -> bool:
    """Whether the archive is exactly what `save_model` writes for a model without an
    estimator: one `schema.json` of the shape above, its ids whole numbers. Anything else,
    damaged or not, is False and goes to skops, which loads or refuses it as before."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(payload)) as archive:
            members = archive.infolist()
            if len(members) != 1 or members[0].filename != "schema.json":
                return False
            if members[0].file_size > MAX_NO_ESTIMATOR_BYTES:
                return False
            schema = json.loads(archive.read(members[0]).decode("utf-8"))
    except Exception:  # a damaged archive: skops says so in its own words
        return False
    if not isinstance(schema, dict) or not isinstance(schema.pop("_skops_version", None), str):
        return False
    return bool(_without_ids(schema) == NO_ESTIMATOR_SCHEMA)


def _without_ids(node: Any) -> Any:
    """A schema with each node's `__id__` taken out (None, never equal to a schema, when an
    id is not a whole number)."""
    if isinstance(node, list):
        return [_without_ids(item) for item in node]
    if not isinstance(node, dict):
        return node
    if "__id__" in node:
        identity = node["__id__"]
        if isinstance(identity, bool) or not isinstance(identity, int):
            return None
    return {key: _without_ids(value) for key, value in node.items() if key != "__id__"}


def _load_estimator(payload: bytes, name: str) -> Any:
    if _holds_no_estimator(payload):
        return None
    import skops.io as sio

    _check_archive(payload, name)
    try:
        untrusted = set(sio.get_untrusted_types(data=payload))
    except Exception:  # any parse failure means a corrupt file
        raise ModelRefused(f"The model file {name} is corrupt.") from None
    unexpected = untrusted - ALLOWED_TYPES
    if unexpected:
        raise ModelRefused(
            f"The model file {name} contains unexpected types ({', '.join(sorted(unexpected))}), "
            "so it is not loaded."
        )
    try:
        content = sio.loads(payload, trusted=sorted(untrusted))
    except Exception:  # skops raises many kinds of error on damaged input
        raise ModelRefused(f"The model file {name} is corrupt.") from None
    if not isinstance(content, dict) or "estimator" not in content:
        raise ModelRefused(f"The model file {name} does not hold a format model.")
    return content["estimator"]


def _model_from(
    model_fields: dict[str, Any], metadata: ModelMetadata, estimator: Any, name: str
) -> FormatModel:
    """The model, once its estimator is the one its metadata describes."""
    kind, names = model_fields["kind"], model_fields["feature_names"]
    holds = None if estimator is None else type(estimator).__name__
    if holds != ESTIMATOR_CLASSES.get(kind) or (
        estimator is not None and getattr(estimator, "n_features_in_", None) != len(names)
    ):
        raise ModelRefused(
            f"The metadata of {name} does not match its model file (a {kind} model holding "
            f"{holds or 'no estimator'} over {len(names)} features)."
        )
    return FormatModel(estimator=estimator, metadata=metadata, **model_fields)
