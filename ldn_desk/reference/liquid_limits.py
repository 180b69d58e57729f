"""The strengths and volumes a liquid is refused or warned at: the [limits] table of resources/liquid.toml.

Its own module so the dose calculation reads the lowest strength without building every liquid
table; `liquid_table()` reads the same table with this class.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ldn_desk.reference.table import load_part, positive, require


@dataclass(frozen=True)
class LiquidLimits:
    """Strengths, volumes and tablet strengths refused or warned about."""

    max_batch_volume_ml: float
    min_mg_per_ml: float
    unusual_above_mg_per_ml: float
    unusual_below_mg_per_ml: float
    tablet_mg_min: float
    tablet_mg_max: float
    surplus_caution_times: float  # a batch raised to more than this many times what it dispenses is flagged
    source: str

    def __post_init__(self) -> None:
        positive(self, "max_batch_volume_ml", "min_mg_per_ml", "tablet_mg_min")
        require(
            self.surplus_caution_times > 1,
            "surplus_caution_times",
            "must be more than 1",
            self.surplus_caution_times,
        )
        require(
            self.min_mg_per_ml <= self.unusual_below_mg_per_ml < self.unusual_above_mg_per_ml,
            "",
            "must satisfy min_mg_per_ml <= unusual_below_mg_per_ml < unusual_above_mg_per_ml",
        )
        require(self.tablet_mg_min <= self.tablet_mg_max, "", "must satisfy tablet_mg_min <= tablet_mg_max")


@cache
def liquid_limits(folder: Path | None = None) -> LiquidLimits:
    """The [limits] table of resources/liquid.toml, read once and checked as liquid_table() checks it."""
    return load_part(LiquidLimits, "liquid", "limits", folder)
