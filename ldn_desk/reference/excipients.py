"""Capsule fillers and their bulk densities (resources/excipients.toml)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from ldn_desk.reference.table import KEY, REST, choose, load, positive, require


@dataclass(frozen=True)
class Filler:
    """A capsule filler: its name, bulk density (g/mL) and, where it varies by lot, its range."""

    key: str = field(metadata=KEY)
    name: str
    bulk_density_g_per_ml: float
    contains_lactose: bool
    source: str
    density_range_g_per_ml: tuple[float, float] | None = None

    def __post_init__(self) -> None:
        positive(self, "bulk_density_g_per_ml")
        if self.density_range_g_per_ml is not None:
            low, high = self.density_range_g_per_ml
            require(
                0 < low <= self.bulk_density_g_per_ml <= high,
                "density_range_g_per_ml",
                f"must be [low, high] around the bulk density ({self.bulk_density_g_per_ml:g} g/mL)",
                self.density_range_g_per_ml,
            )


@dataclass(frozen=True)
class Displacement:
    """The rule used when no drug density or displacement is measured."""

    rule: str
    source: str


@dataclass(frozen=True)
class ExcipientTable:
    fillers: Mapping[str, Filler] = field(metadata=REST)
    displacement: Displacement

    def __post_init__(self) -> None:
        require(bool(self.fillers), "", "names no filler; at least one is needed")

    def filler(self, key: str) -> Filler:
        """The filler named `key`, e.g. "mcc"; refused when there is none."""
        return choose(self.fillers, key, "excipient", "mcc")


@cache
def excipient_table(folder: Path | None = None) -> ExcipientTable:
    """resources/excipients.toml, read once."""
    return load(ExcipientTable, "excipients", folder)
