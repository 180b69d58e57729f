"""Oral syringes: capacity and smallest graduation (resources/syringes.toml)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ldn_desk.reference.table import load, positive, require

# The marks are written to a few decimals; a capacity of 5 mL by 0.1 mL is 50 marks within this.
_WHOLE_MARKS = 1e-6


@dataclass(frozen=True)
class SyringeSize:
    capacity_ml: float
    graduation_ml: float

    def __post_init__(self) -> None:
        positive(self, "capacity_ml", "graduation_ml")
        marks = self.capacity_ml / self.graduation_ml
        require(
            self.graduation_ml < self.capacity_ml and abs(marks - round(marks)) <= _WHOLE_MARKS * marks,
            "graduation_ml",
            f"must divide the capacity ({self.capacity_ml:g} mL) into whole marks",
            self.graduation_ml,
        )


@dataclass(frozen=True)
class SyringeTable:
    source: str
    syringe: tuple[SyringeSize, ...]

    def __post_init__(self) -> None:
        pairs = [(s.capacity_ml, s.graduation_ml) for s in self.syringe]
        require(bool(pairs), "syringe", "at least one syringe is needed")
        require(len(set(pairs)) == len(pairs), "syringe", "lists the same syringe twice")


@cache
def syringe_table(folder: Path | None = None) -> SyringeTable:
    """resources/syringes.toml, read once."""
    return load(SyringeTable, "syringes", folder)
