"""The user's format model on disk: trained from the post log, retrained when posts change.

Heavy (scikit-learn and skops load here): the CLI calls it on demand, the app in a worker.
A saved model that is corrupt, tampered with or from another scikit-learn version is never
executed: it is refused, and the model is retrained from the posts.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from ssi_tui.analysis.estimator import FormatModel
from ssi_tui.store.posts import posts_fingerprint
from ssi_tui.store.transactions import writing

MODEL_KEY = "format_model"
TRAINING_COLUMNS = (
    "published_at, format, text, impressions, reactions, comments, reposts, engagements, followers"
)


@dataclass(frozen=True)
class ModelState:
    """What the analyzer stands on."""

    user_model: FormatModel | None
    prior: FormatModel
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
    from ssi_tui.analysis.history import PostHistory

    return len(PostHistory.from_rows(rows).measured)


def train_and_save(db: Database, db_path: Path) -> tuple[FormatModel | None, int]:
    """Train on every post, save the model and remember which posts it stands on."""
    from ssi_tui.analysis.model import save_model, train_user_model

    stamp = posts_fingerprint(db)  # first: a write meanwhile must leave the model looking stale
    rows = training_rows(db)
    model = train_user_model(rows)
    if model is not None:
        path = model_path(db_path)
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        save_model(model, path)
        record = {"fingerprint": stamp, "path": str(path)}
        with writing(db):
            db.table("settings").upsert({"key": MODEL_KEY, "value": json.dumps(record)}, pk="key")
    return model, measured_posts(rows)


def load_or_train(db: Database, db_path: Path) -> ModelState:
    """The saved model when it matches the posts, else a fresh one; always the prior too."""
    from ssi_tui.analysis.model import ModelRefused, load_model, shipped_prior

    prior = shipped_prior()
    row = db.execute("SELECT value FROM settings WHERE key = ?", [MODEL_KEY]).fetchone()
    note = None
    if row is not None:
        record = json.loads(row[0])
        path = model_path(db_path)
        if record.get("fingerprint") == posts_fingerprint(db) and path.exists():
            try:
                saved = load_model(path)
            except ModelRefused as error:
                note = f"{error} It was retrained from your posts."
            else:
                return ModelState(saved, prior, measured_posts(training_rows(db)))
    fresh, n_posts = train_and_save(db, db_path)
    return ModelState(fresh, prior, n_posts, note)
