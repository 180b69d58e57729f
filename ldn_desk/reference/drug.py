"""Naltrexone: its salts, the commercial tablet, the USP powder and certificate limits (resources/drug.toml)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from ldn_desk.reference.naltrexone import Naltrexone
from ldn_desk.reference.table import load, percent, positive, require

__all__ = ["CertificateLimits", "DrugTable", "Naltrexone", "PowderAssay", "Tablet", "drug_table"]


@dataclass(frozen=True)
class Tablet:
    """The commercial tablet liquids are made from."""

    strength_mg: float
    salt: Literal["HCl", "base"]
    insoluble_excipients: bool
    source: str

    def __post_init__(self) -> None:
        positive(self, "strength_mg")


@dataclass(frozen=True)
class PowderAssay:
    """The USP assay range of naltrexone HCl powder, on the anhydrous basis; outside it is warned."""

    assay_low_percent: float
    assay_high_percent: float
    source: str

    def __post_init__(self) -> None:
        require(
            0 < self.assay_low_percent <= 100 <= self.assay_high_percent,
            "",
            "must satisfy 0 < assay_low_percent <= 100 <= assay_high_percent",
        )


@dataclass(frozen=True)
class CertificateLimits:
    """A certificate of analysis outside these is refused as a likely typing slip, in every recipe."""

    potency_min_percent: float
    potency_max_percent: float
    water_max_percent: float
    source: str

    def __post_init__(self) -> None:
        require(
            0 < self.potency_min_percent <= 100 <= self.potency_max_percent,
            "",
            "must satisfy 0 < potency_min_percent <= 100 <= potency_max_percent",
        )
        percent(self, "water_max_percent")


@dataclass(frozen=True)
class DrugTable:
    naltrexone: Naltrexone
    tablet: Tablet
    powder: PowderAssay
    powder_limits: CertificateLimits

    def __post_init__(self) -> None:
        limits, usp = self.powder_limits, self.powder
        require(
            limits.potency_min_percent <= usp.assay_low_percent
            and limits.potency_max_percent >= usp.assay_high_percent,
            "powder_limits",
            f"must take in the whole USP range ({usp.assay_low_percent:g} % to {usp.assay_high_percent:g} %), "
            "or a lot within it would be refused",
        )


@cache
def drug_table(folder: Path | None = None) -> DrugTable:
    """resources/drug.toml, read once."""
    return load(DrugTable, "drug", folder)
