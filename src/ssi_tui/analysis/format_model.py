"""The user's format model on disk: trained from the post log, retrained when posts change.

Heavy when it trains or meets a model with an estimator (scikit-learn and skops load then):
the CLI calls it on demand, the app in a worker. A saved model without an estimator loads
with neither.

A saved model that is corrupt, tampered with, out of range, in the wrong place (a folder) or
from another scikit-learn version is never executed: it is refused, and the model is retrained
from the posts. So is one whose record in `settings` is damaged. A model that cannot be saved
is still used; the note says so, and `model train` refuses in one sentence.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from ssi_tui.analysis.estimator import FormatModel
from ssi_tui.store.errors import DatabaseError
from ssi_tui.store.posts import posts_fingerprint
from ssi_tui.store.transactions import writing

MODEL_KEY = "format_model"
MAX_RECORD_CHARS = 4_096
"""The settings record is about 150 characters: a fingerprint and a path."""
TRAINING_COLUMNS = (
    "published_at, format, text, impressions, reactions, comments, reposts, engagements, followers"
)


@dataclass(frozen=True)
class ModelState:
    """What the analyzer stands on."""

    user_model: FormatModel | None
    prior: FormatModel | Callable[[], FormatModel]
    """The prior, or the function that loads it when a prediction first leans on it (see
    `load_or_train`'s `prior_when_needed`)."""
    n_posts: int
    """Posts with a date and a measured engagement."""
    note: str | None = None
    """A sentence to show, e.g. why a saved model was replaced."""


def model_path(db_path: Path) -> Path:
    """Beside the database: `models/<database name>-format.skops`."""
    return db_path.parent / "models" / f"{db_path.stem}-format.skops"


def training_rows(db: Database) -> list[dict[str, Any]]:
    return list(db.query(f"SELECT {TRAINING_COLUMNS} FROM posts ORDER BY published_at"))


def measured_posts(rows: list[dict[str, Any]]) -> int:
    """Posts whose engagement is known (`PostHistory.measured`, without building it)."""
    from ssi_tui.core.post_stats import engagement_of

    return sum(1 for row in rows if engagement_of(row) is not None)


class ModelNotSaved(DatabaseError):
    """The trained model could not be written (a folder in the way, a full disk): one
    sentence, which the command line prints with exit status 2."""


def train_and_save(db: Database, db_path: Path) -> tuple[FormatModel | None, int]:
    """Train on every post, save the model and remember which posts it stands on."""
    stamp, rows, model = _train(db)
    if model is not None:
        _save(db, db_path, model, stamp)
    return model, measured_posts(rows)


def load_or_train(
    db: Database,
    db_path: Path,
    *,
    prior_when_needed: bool = False,
    rows: list[dict[str, Any]] | None = None,
) -> ModelState:
    """The saved model when it matches the posts, else a fresh one; always the prior too.

    `rows` are `training_rows(db)` when the caller has read them already (a fresh training
    reads its own, after taking the posts' fingerprint).

    With `prior_when_needed`, the prior (a scikit-learn model: a second or two of imports) is
    loaded by the first prediction that leans on it, and not at all when the member's own
    model speaks for every format; `ssi-tui analyze` asks for that. The app loads it here, in
    its worker, so that no analysis waits for it.
    """
    from ssi_tui.analysis.persist import ModelRefused, load_model
    from ssi_tui.analysis.prior import shipped_prior

    prior: FormatModel | Callable[[], FormatModel] = (
        shipped_prior if prior_when_needed else shipped_prior()
    )
    path = model_path(db_path)
    note = None
    try:
        if _recorded_fingerprint(db) == posts_fingerprint(db) and _present(path):
            saved = load_model(path)
            return ModelState(
                saved, prior, measured_posts(training_rows(db) if rows is None else rows)
            )
    except ModelRefused as error:
        note = f"{error} It was retrained from your posts."
    stamp, rows, fresh = _train(db)
    if fresh is not None and not getattr(db.conn, "read_only", False):  # else: kept in memory
        try:
            _save(db, db_path, fresh, stamp)
        except ModelNotSaved as error:
            note = f"{note} {error}" if note else str(error)
    return ModelState(fresh, prior, measured_posts(rows), note)


def _train(db: Database) -> tuple[str, list[dict[str, Any]], FormatModel | None]:
    from ssi_tui.analysis.model import train_user_model

    stamp = posts_fingerprint(db)  # first: a write meanwhile must leave the model looking stale
    rows = training_rows(db)
    return stamp, rows, train_user_model(rows)


def _save(db: Database, db_path: Path, model: FormatModel, stamp: str) -> None:
    """Write the model files, then the record; `ModelNotSaved` when the files cannot be."""
    from ssi_tui.analysis.model import save_model

    path = model_path(db_path)
    try:
        save_model(model, path)
    except OSError as error:
        reason = error.strerror or str(error)
        raise ModelNotSaved(f"The format model could not be saved to {path} ({reason}).") from None
    record = {"fingerprint": stamp, "path": str(path)}
    with writing(db):
        db.table("settings").upsert({"key": MODEL_KEY, "value": json.dumps(record)}, pk="key")


def _recorded_fingerprint(db: Database) -> str | None:
    """The fingerprint of the posts the saved model stands on; None when there is none.

    A record another program damaged (not JSON, the wrong shape, huge) is `ModelRefused`.
    """
    from ssi_tui.analysis.persist import ModelRefused

    row = db.execute(
        "SELECT substr(value, 1, ?), length(value) FROM settings WHERE key = ?",
        [MAX_RECORD_CHARS, MODEL_KEY],
    ).fetchone()
    if row is None:
        return None
    record: Any = None
    if isinstance(row[1], int) and row[1] <= MAX_RECORD_CHARS:
        try:
            record = json.loads(row[0])
        except (TypeError, ValueError, RecursionError):
            record = None
    fingerprint = record.get("fingerprint") if isinstance(record, dict) else None
    if not isinstance(fingerprint, str) or len(fingerprint) > 64:
        raise ModelRefused("The database's record of your saved format model is damaged.")
    return fingerprint


def _present(path: Path) -> bool:
    """Whether something is at `path`: a missing file is simply retrained, anything else
    (a folder, a file that cannot be reached) is for `load_model` to refuse with a reason."""
    try:
        path.lstat()
    except FileNotFoundError:
        return False
    except OSError:
        return True
    return True
