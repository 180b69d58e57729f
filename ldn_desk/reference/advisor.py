"""The advisors' settings: the [advisor] table of resources/protocols.toml.

Its own module so the dose calculation reads the marks it aims at and the strengths a pharmacy
makes without building every protocol; `protocol_table()` reads the same table with this class.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ldn_desk.reference.table import load_part, positive, require


@dataclass(frozen=True)
class Advisor:
    """What the liquid and capsule advisors try and how they choose."""

    liquid_strengths_mg_per_ml: tuple[float, ...]
    preferred_liquid_mg_per_ml: float
    min_marks_per_dose: int
    max_capsules_per_dose: int
    handout_max_capsules_per_dose: int
    max_strengths_in_set: int
    source: str

    def __post_init__(self) -> None:
        positive(self, "liquid_strengths_mg_per_ml", "min_marks_per_dose", "max_capsules_per_dose")
        require(
            self.handout_max_capsules_per_dose >= self.max_capsules_per_dose,
            "handout_max_capsules_per_dose",
            f"must be at least max_capsules_per_dose ({self.max_capsules_per_dose})",
            self.handout_max_capsules_per_dose,
        )
        positive(self, "max_strengths_in_set")
        require(
            self.preferred_liquid_mg_per_ml in self.liquid_strengths_mg_per_ml,
            "preferred_liquid_mg_per_ml",
            "must be one of liquid_strengths_mg_per_ml",
            self.preferred_liquid_mg_per_ml,
        )


@cache
def advisor_table(folder: Path | None = None) -> Advisor:
    """The [advisor] table of resources/protocols.toml, read once and checked as protocol_table() checks it."""
    return load_part(Advisor, "protocols", "advisor", folder)
