"""Vehicles for liquid LDN: ingredients, dating, storage and labels (resources/formulas.toml)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from ldn_desk.reference.bud import bud_table
from ldn_desk.reference.table import (
    KEY,
    REST,
    ReferenceDataError,
    choose,
    load,
    positive,
    require,
    shown_value,
    table_file,
)


@dataclass(frozen=True)
class VehicleIngredient:
    """An ingredient per 100 mL of vehicle: weighed (amount_mg) or measured (amount_ml)."""

    name: str
    amount_mg: float | None = None
    amount_ml: float | None = None

    def __post_init__(self) -> None:
        given = [amount for amount in (self.amount_mg, self.amount_ml) if amount is not None]
        require(len(given) == 1, "", "needs amount_mg or amount_ml, not both and not neither")
        require(
            given[0] > 0,
            "amount_mg" if self.amount_mg is not None else "amount_ml",
            "must be more than zero",
            given[0],
        )


@dataclass(frozen=True)
class Study:
    """A stability study of the formula: the batch it covers and the date it supports."""

    strength_mg_per_ml: float
    tablet_mg: float
    days: int
    storage: str
    source: str

    def __post_init__(self) -> None:
        positive(self, "strength_mg_per_ml", "tablet_mg", "days")


@dataclass(frozen=True)
class Formula:
    key: str = field(metadata=KEY)
    name: str
    bud_category: str
    ingredients_per_100_ml: tuple[VehicleIngredient, ...]
    storage: str
    auxiliary_labels: tuple[str, ...]
    container: str
    source: str
    study: Study | None = None


@dataclass(frozen=True)
class FormulaTable:
    formulas: Mapping[str, Formula] = field(metadata=REST)

    def __post_init__(self) -> None:
        require(bool(self.formulas), "", "names no formula; at least one is needed")

    def formula(self, key: str) -> Formula:
        """The formula named `key`, e.g. "water"; refused when there is none."""
        return choose(self.formulas, key, "formula", "water")


@cache
def formula_table(folder: Path | None = None) -> FormulaTable:
    """resources/formulas.toml, read once; each formula's BUD category is one of bud.toml's."""
    table = load(FormulaTable, "formulas", folder)
    bud = bud_table() if folder is None else bud_table(folder)  # the one cached table, not a second
    for formula in table.formulas.values():
        if formula.bud_category not in bud.categories:
            raise ReferenceDataError(
                f"{formula.key}.bud_category",
                f"is not a category of bud.toml ({', '.join(bud.categories)})",
                value=shown_value(formula.bud_category),
                file=str(table_file("formulas", folder)),
            )
    return table
