"""The prescription balance and the aliquot method's conventions (resources/balance.toml)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ldn_desk.reference.table import load, positive, require


@dataclass(frozen=True)
class Balance:
    """A balance class: its sensitivity and the least it weighs within the allowed error."""

    name: str
    sensitivity_mg: float
    minimum_weighable_mg: float
    readability_mg: float  # the smallest step the balance shows; weights are written to it
    source: str

    def __post_init__(self) -> None:
        positive(self, "sensitivity_mg", "minimum_weighable_mg", "readability_mg")
        require(
            self.readability_mg <= self.sensitivity_mg,
            "readability_mg",
            f"must be no more than the sensitivity ({self.sensitivity_mg:g} mg)",
            self.readability_mg,
        )
        require(
            self.minimum_weighable_mg > self.sensitivity_mg,
            "minimum_weighable_mg",
            f"must be more than the sensitivity ({self.sensitivity_mg:g} mg)",
            self.minimum_weighable_mg,
        )


@dataclass(frozen=True)
class AliquotRules:
    """How an aliquot's diluted total is rounded, and when one dilution is too much mixture."""

    total_step_mg: float
    practical_max_total_mg: float
    max_total_raise_percent: float  # how far the total may rise so the portion reads exactly
    source: str

    def __post_init__(self) -> None:
        positive(self, "total_step_mg", "practical_max_total_mg", "max_total_raise_percent")
        require(
            self.practical_max_total_mg > self.total_step_mg,
            "practical_max_total_mg",
            f"must be more than total_step_mg ({self.total_step_mg:g} mg)",
            self.practical_max_total_mg,
        )


@dataclass(frozen=True)
class BalanceTable:
    class_a: Balance
    aliquot: AliquotRules


@cache
def balance_table(folder: Path | None = None) -> BalanceTable:
    """resources/balance.toml, read once."""
    return load(BalanceTable, "balance", folder)
