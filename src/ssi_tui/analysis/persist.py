"""Saving and loading format models with skops, refusing anything unexpected (heavy).

A model is two files: `<name>.skops` (the fitted estimator, in skops' format that never runs
arbitrary code on load) and `<name>.json` (everything else, plus the metadata scikit-learn's
persistence guide asks for: library version, training-data hash, cross-validation score, and
the file's own SHA-256). `load_model` refuses — raising `ModelRefused` with one sentence for the
user — a file it cannot read, one changed since it was saved, one holding types outside
`ALLOWED_TYPES`, or one written by another scikit-learn minor version; the caller then retrains
or falls back to the prior.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from pathlib import Path
from typing import Any, Final

from ssi_tui.analysis.dataset import USER_FEATURES
from ssi_tui.analysis.estimator import FormatModel, ModelMetadata

FILE_VERSION: Final = 1
ALLOWED_TYPES: Final = frozenset(
    {"sklearn.ensemble._hist_gradient_boosting.predictor.TreePredictor"}
)
"""Types outside skops' default trusted set that our own estimators contain. Anything else in
a file (a function, a class of another package) means it is not ours."""
ESTIMATOR_CLASSES: Final = {
    "ridge": "Pipeline",
    "gradient-boosting": "HistGradientBoostingRegressor",
}


class ModelRefused(Exception):
    """A saved model that must not be used; the message is one sentence for the user."""


def metadata_path(path: Path) -> Path:
    return path.with_suffix(".json")


def save_model(model: FormatModel, path: Path) -> None:
    """Write `path` (.skops) and its metadata JSON, each replaced atomically."""
    import skops.io as sio

    payload = sio.dumps({"estimator": model.estimator})
    document = {
        "file_version": FILE_VERSION,
        "skops_sha256": hashlib.sha256(payload).hexdigest(),
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
    path.parent.mkdir(parents=True, exist_ok=True)
    _write_atomically(path, payload)
    _write_atomically(metadata_path(path), (json.dumps(document, indent=2) + "\n").encode())


def load_model(path: Path) -> FormatModel:
    """The model saved at `path`, or `ModelRefused` saying why it cannot be used."""
    document = _read_metadata(path)
    _check_version(str(document["metadata"].get("sklearn_version", "")))
    try:
        payload = path.read_bytes()
    except OSError as error:
        raise ModelRefused(
            f"The model file {path.name} cannot be read ({error.strerror})."
        ) from None
    if hashlib.sha256(payload).hexdigest() != document.get("skops_sha256"):
        raise ModelRefused(
            f"The model file {path.name} changed since it was saved, so it is not used."
        )
    estimator = _load_estimator(payload, path.name)
    try:
        return _model_from(document, estimator)
    except (KeyError, TypeError, ValueError) as error:
        raise ModelRefused(f"The metadata of {path.name} is incomplete ({error}).") from None


def _write_atomically(path: Path, data: bytes) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(data)
    temporary.replace(path)


def _read_metadata(path: Path) -> dict[str, Any]:
    try:
        document = json.loads(metadata_path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        raise ModelRefused(f"The metadata beside {path.name} is missing or unreadable.") from None
    if not (
        isinstance(document, dict)
        and document.get("file_version") == FILE_VERSION
        and isinstance(document.get("metadata"), dict)
        and isinstance(document.get("model"), dict)
    ):
        raise ModelRefused(
            f"The metadata beside {path.name} is not in a format this version reads."
        )
    return document


def _check_version(saved: str) -> None:
    import sklearn

    current = sklearn.__version__
    if saved.split(".")[:2] != current.split(".")[:2]:
        raise ModelRefused(
            f"The model was saved with scikit-learn {saved or 'unknown'} and this is {current}, "
            "so it is not loaded."
        )


def _load_estimator(payload: bytes, name: str) -> Any:
    import skops.io as sio

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


def _model_from(document: dict[str, Any], estimator: Any) -> FormatModel:
    model, meta = document["model"], document["metadata"]
    kind = str(model["kind"])
    names = tuple(str(name) for name in model["feature_names"])
    expected = ESTIMATOR_CLASSES.get(kind)
    if (estimator is None) != (expected is None) or (
        expected and type(estimator).__name__ != expected
    ):
        raise ValueError(f"a {kind} model holds {type(estimator).__name__}")
    if not set(names) <= set(USER_FEATURES) or (
        estimator is not None and getattr(estimator, "n_features_in_", None) != len(names)
    ):
        raise ValueError("its features differ from this version's")
    scale, followers = model.get("scale"), model.get("latest_followers")
    weekday, hour = model.get("typical_weekday"), model.get("typical_hour")
    return FormatModel(
        kind=kind,
        estimator=estimator,
        feature_names=names,
        format_offsets={str(k): float(v) for k, v in model["format_offsets"].items()},
        format_counts={str(k): int(v) for k, v in model["format_counts"].items()},
        residual_low=float(model["residual_low"]),
        residual_high=float(model["residual_high"]),
        metadata=ModelMetadata(**meta),
        scale=None if scale is None else float(scale),
        typical_weekday=None if weekday is None else int(weekday) % 7,
        typical_hour=None if hour is None else int(hour) % 24,
        latest_followers=None if followers is None else float(followers),
        typical_features={str(k): float(v) for k, v in model["typical_features"].items()},
    )
