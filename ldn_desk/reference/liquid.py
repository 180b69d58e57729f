"""How liquid LDN batches are laid out: dilution, limits, measuring, powder stock (resources/liquid.toml)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ldn_desk.reference.liquid_limits import LiquidLimits
from ldn_desk.reference.table import load, positive, require

__all__ = [
    "Fills",
    "LiquidLabels",
    "LiquidLimits",
    "LiquidTable",
    "Measuring",
    "PowderStock",
    "SerialDilutionRules",
    "liquid_table",
]


@dataclass(frozen=True)
class SerialDilutionRules:
    """Below min_single_step_mg_per_ml a tablet liquid is made from a stock of stock_mg_per_ml."""

    min_single_step_mg_per_ml: float
    stock_mg_per_ml: float
    max_aliquot_fraction: float  # the measured part of a stock is at most this share of it
    source: str

    def __post_init__(self) -> None:
        positive(self, "min_single_step_mg_per_ml", "stock_mg_per_ml")
        require(
            0 < self.max_aliquot_fraction < 1,
            "max_aliquot_fraction",
            "must be more than 0 and under 1 (the aliquot is a part of the stock, never all of it)",
            self.max_aliquot_fraction,
        )
        require(
            self.stock_mg_per_ml >= self.min_single_step_mg_per_ml,
            "stock_mg_per_ml",
            f"must be at least min_single_step_mg_per_ml ({self.min_single_step_mg_per_ml:g} mg/mL), "
            "or the stock itself would need diluting",
            self.stock_mg_per_ml,
        )


@dataclass(frozen=True)
class Measuring:
    """The smallest volume of stock measured into a batch, and what a batch is made up to
    volume in: graduated cylinders (capacity and graduation, smallest first) and volumetric flasks."""

    min_aliquot_ml: float
    cylinder_capacities_ml: tuple[float, ...]
    cylinder_graduations_ml: tuple[float, ...]
    make_up_flasks_ml: tuple[float, ...]
    source: str

    def __post_init__(self) -> None:
        positive(
            self, "min_aliquot_ml", "cylinder_capacities_ml", "cylinder_graduations_ml", "make_up_flasks_ml"
        )
        capacities, marks = self.cylinder_capacities_ml, self.cylinder_graduations_ml
        require(
            bool(capacities) and len(capacities) == len(marks),
            "cylinder_graduations_ml",
            "must give one graduation for each cylinder capacity",
            marks,
        )
        require(
            all(a < b for a, b in itertools.pairwise(capacities)),
            "cylinder_capacities_ml",
            "must list each cylinder once, smallest first",
            capacities,
        )
        require(
            all(mark < capacity for mark, capacity in zip(marks, capacities, strict=True)),
            "cylinder_graduations_ml",
            "must each be smaller than its cylinder",
            marks,
        )


@dataclass(frozen=True)
class PowderStock:
    """The stock strengths (strongest first: on a tie the first is kept) and flask sizes of the
    aliquot method for powder under the balance's minimum weighable quantity."""

    strengths_mg_per_ml: tuple[float, ...]
    flask_sizes_ml: tuple[float, ...]
    min_stock_to_batch_ratio: float
    source: str

    def __post_init__(self) -> None:
        positive(self, "strengths_mg_per_ml", "flask_sizes_ml")
        strengths = self.strengths_mg_per_ml
        require(
            bool(strengths) and all(a > b for a, b in itertools.pairwise(strengths)),
            "strengths_mg_per_ml",
            "must list at least one strength, strongest first, each once",
            strengths,
        )
        require(
            bool(self.flask_sizes_ml), "flask_sizes_ml", "must list at least one flask", self.flask_sizes_ml
        )
        require(
            self.min_stock_to_batch_ratio >= 1,
            "min_stock_to_batch_ratio",
            "must be at least 1 (a stock is never weaker than the batch)",
            self.min_stock_to_batch_ratio,
        )


@dataclass(frozen=True)
class Fills:
    """A plan's fills: the liquid overage per bottle, and the shortest fill made."""

    overage_percent: float
    overage_at_least_ml: float
    min_fill_days: int
    source: str

    def __post_init__(self) -> None:
        require(
            0 <= self.overage_percent < 100,
            "overage_percent",
            "must be 0 or more and under 100",
            self.overage_percent,
        )
        require(
            self.overage_at_least_ml >= 0,
            "overage_at_least_ml",
            "must be 0 or more",
            self.overage_at_least_ml,
        )
        require(self.min_fill_days >= 1, "min_fill_days", "must be at least 1", self.min_fill_days)


@dataclass(frozen=True)
class LiquidLabels:
    shake_well: str
    source: str


@dataclass(frozen=True)
class LiquidTable:
    serial_dilution: SerialDilutionRules
    limits: LiquidLimits
    measuring: Measuring
    powder_stock: PowderStock
    fills: Fills
    labels: LiquidLabels


@cache
def liquid_table(folder: Path | None = None) -> LiquidTable:
    """resources/liquid.toml, read once."""
    return load(LiquidTable, "liquid", folder)
