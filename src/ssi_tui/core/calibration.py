"""The calibration of the estimate: a fit of its weights to the member's official readings.

The record lives here, where the estimate and the views read it; the fit that makes it, with
numpy and scipy, is `ssi_tui.analysis.calibration_fit`.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Final, NamedTuple

from ssi_tui.core.domain import PillarKey
from ssi_tui.core.estimate import EstimateWeights

MIN_READINGS: Final = 5
"""Fewer readings than this cannot tell a pillar's base from its activity weights."""


class Calibration(NamedTuple):
    """A fit of the weights to official readings, with its honest leave-one-out error."""

    weights: EstimateWeights | None
    n_readings: int
    loo_mae_total: float | None = None
    """Mean absolute error of the total when each reading is predicted by a fit without it."""
    loo_mae_default_total: float | None = None
    """The same error for the weights the fit started from, on the same readings."""
    loo_mae_pillars: Mapping[PillarKey, float] = MappingProxyType({})
    default_mae_pillars: Mapping[PillarKey, float] = MappingProxyType({})
    reason: str | None = None
    """Why there are no weights, in one sentence; `None` when the fit succeeded."""

    @property
    def beats_default(self) -> bool:
        """Whether the fit predicts unseen pillars better than the weights it started from.

        Judged on the summed pillar errors: opposite biases of the defaults (say brand too low,
        insights too high) can cancel in the total and flatter them there.
        """
        if not self.loo_mae_pillars or not self.default_mae_pillars:
            return False
        return sum(self.loo_mae_pillars.values()) < sum(self.default_mae_pillars.values())

    def to_json(self) -> dict[str, Any]:
        return {
            "weights": None if self.weights is None else self.weights.to_json(),
            "n_readings": self.n_readings,
            "loo_mae_total": self.loo_mae_total,
            "loo_mae_default_total": self.loo_mae_default_total,
            "loo_mae_pillars": dict(self.loo_mae_pillars),
            "default_mae_pillars": dict(self.default_mae_pillars),
            "reason": self.reason,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Calibration:
        def optional(key: str) -> float | None:
            return None if data.get(key) is None else float(data[key])

        weights = data.get("weights")
        return cls(
            weights=None if weights is None else EstimateWeights.from_json(weights),
            n_readings=int(data["n_readings"]),
            loo_mae_total=optional("loo_mae_total"),
            loo_mae_default_total=optional("loo_mae_default_total"),
            loo_mae_pillars={k: float(v) for k, v in data.get("loo_mae_pillars", {}).items()},
            default_mae_pillars={
                k: float(v) for k, v in data.get("default_mae_pillars", {}).items()
            },
            reason=data.get("reason"),
        )
