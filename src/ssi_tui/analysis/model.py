"""The format model's public API in one place (heavy: import it lazily, e.g. in a worker).

- `train_user_model(rows)`: the member's own model from rows shaped like the posts table,
  chosen by time-ordered cross-validation against the per-format median.
- `predict(draft_text, at, formats, user_model, prior_model, n_user_posts)`: engagement per
  format, the suggestion, the reasons, and whether it stands on the prior or the member's data.
- `shipped_prior()`: the prior in `models/` (or the published multipliers alone).
- `save_model(model, path)` / `load_model(path)`: skops plus metadata; `ModelRefused` when a
  file must not be used.
"""

from __future__ import annotations

from ssi_tui.analysis.blend import user_weight
from ssi_tui.analysis.estimator import FormatModel, ModelMetadata
from ssi_tui.analysis.persist import ModelRefused, load_model, save_model
from ssi_tui.analysis.prediction import FormatPrediction, Prediction, predict
from ssi_tui.analysis.prior import published_prior, shipped_prior
from ssi_tui.analysis.training import train_user_model

__all__ = [
    "FormatModel",
    "FormatPrediction",
    "ModelMetadata",
    "ModelRefused",
    "Prediction",
    "load_model",
    "predict",
    "published_prior",
    "save_model",
    "shipped_prior",
    "train_user_model",
    "user_weight",
]
