"""USP <795> beyond-use date categories (resources/bud.toml)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from ldn_desk.reference.table import KEY, REST, choose, load, require


@dataclass(frozen=True)
class BudCategory:
    """A preparation type, the days its default beyond-use date allows, and how it is stored."""

    key: str = field(metadata=KEY)
    label: str
    days: int
    storage: str

    def __post_init__(self) -> None:
        require(self.days >= 1, "days", "must be at least 1 (the day of compounding is day 1)", self.days)


@dataclass(frozen=True)
class BudTable:
    source: str
    expiry_source: str  # cited when a component's expiry cuts the date short
    categories: Mapping[str, BudCategory] = field(metadata=REST)

    def __post_init__(self) -> None:
        require(bool(self.categories), "", "has no categories; at least one is needed")

    def category(self, key: str) -> BudCategory:
        """The category named `key`, e.g. "aqueous_unpreserved"; refused when there is none."""
        return choose(self.categories, key, "BUD category", "solid")


@cache
def bud_table(folder: Path | None = None) -> BudTable:
    """resources/bud.toml, read once."""
    return load(BudTable, "bud", folder)
