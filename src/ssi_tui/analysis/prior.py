"""The cold-start prior: published format multipliers, and the model shipped in `models/`.

With no model file at all (or one that is refused), the prior is the published multipliers
alone, so a prediction never fails for lack of it.
"""

from __future__ import annotations

from functools import cache
from typing import Final

from ssi_tui.analysis import paths
from ssi_tui.analysis.benchmarks import published_log_offsets
from ssi_tui.analysis.estimator import FormatModel, ModelMetadata
from ssi_tui.analysis.persist import ModelRefused, load_model

PUBLISHED_RESIDUALS: Final = (-1.0, 1.0)
"""Without measured residuals, a range of about ⅓× to 3× the estimate."""


def published_prior() -> FormatModel:
    """Published format multipliers only, centred on a typical post."""
    return FormatModel(
        kind="published",
        estimator=None,
        feature_names=(),
        format_offsets=published_log_offsets(),
        format_counts={},
        residual_low=PUBLISHED_RESIDUALS[0],
        residual_high=PUBLISHED_RESIDUALS[1],
        metadata=ModelMetadata(
            kind="published", sklearn_version="", data_hash="", created="", n_posts=0
        ),
    )


@cache
def shipped_prior() -> FormatModel:
    """The prior trained on public posts (models/prior.skops), else the published one."""
    path = paths.prior_path()
    if path is None:
        return published_prior()
    try:
        return load_model(path)
    except ModelRefused:
        return published_prior()
