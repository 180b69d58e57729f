"""The daily-dose checks every calculator shares (resources/dose_limits.toml)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ldn_desk.reference.table import load, positive, require


@dataclass(frozen=True)
class DailyDoseLimits:
    """Daily doses in mg: warned below check_units_below and above usual_max and strong_max,
    refused above refuse_above."""

    usual_max: float
    strong_max: float
    refuse_above: float
    check_units_below: float
    source: str

    def __post_init__(self) -> None:
        positive(self, "usual_max", "strong_max", "refuse_above", "check_units_below")
        order = (self.check_units_below, self.usual_max, self.strong_max, self.refuse_above)
        require(
            all(low < high for low, high in itertools.pairwise(order)),
            "",
            "must rise: check_units_below < usual_max < strong_max < refuse_above",
        )


@dataclass(frozen=True)
class DoseLimitsTable:
    daily_dose_mg: DailyDoseLimits


@cache
def dose_limits_table(folder: Path | None = None) -> DoseLimitsTable:
    """resources/dose_limits.toml, read once."""
    return load(DoseLimitsTable, "dose_limits", folder)
