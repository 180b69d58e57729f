"""What the balance shows: its readability, and each weight written as it can be read on it."""

from __future__ import annotations

import math
from dataclasses import dataclass

from ldn_desk.reference.balance import balance_table
from ldn_desk.units.dose_text import mg_text
from ldn_desk.units.numeric import same


@dataclass(frozen=True)
class BalanceUse:
    """The balance a batch is weighed on: the least it weighs well and the step it shows."""

    name: str
    minimum_weighable_mg: float
    sensitivity_mg: float
    readability_mg: float

    def shown(self, mass_mg: float) -> float:
        """`mass_mg` as the balance reads it: the nearest whole number of its steps (never zero)."""
        steps = max(1, math.floor(mass_mg / self.readability_mg + 0.5 + 1e-9))
        return float(round(steps * self.readability_mg, 6))

    def reads(self, mass_mg: float) -> bool:
        """The balance can show `mass_mg` exactly (a whole number of its steps)."""
        return same(self.shown(mass_mg), mass_mg)

    def text(self, mass_mg: float) -> str:
        """'124 mg', as the balance shows it."""
        return mg_text(self.shown(mass_mg))

    def describe(self) -> str:
        """'Class A prescription balance: reads 1 mg, sensitivity 6 mg, minimum weighable quantity 120 mg'."""
        return (
            f"{self.name}: reads {mg_text(self.readability_mg)}, sensitivity {mg_text(self.sensitivity_mg)}, "
            f"minimum weighable quantity {mg_text(self.minimum_weighable_mg)}"
        )


def balance_for(mwq_mg: float) -> BalanceUse:
    """The balance of resources/balance.toml, or, for another minimum weighable quantity, one whose
    sensitivity scales with it and whose readability scales to the decade (12 mg: reads 0.1 mg)."""
    class_a = balance_table().class_a
    if same(mwq_mg, class_a.minimum_weighable_mg):
        return BalanceUse(class_a.name, mwq_mg, class_a.sensitivity_mg, class_a.readability_mg)
    ratio = mwq_mg / class_a.minimum_weighable_mg
    decade = 10 ** math.floor(math.log10(ratio) + 1e-9)
    readability = round(class_a.readability_mg * decade, 6)
    return BalanceUse(
        f"Balance with a minimum weighable quantity of {mg_text(mwq_mg)}",
        mwq_mg,
        class_a.sensitivity_mg * ratio,
        readability,
    )


def balance_of(balance_mwq_mg: float | None) -> BalanceUse:
    """The balance a recipe was weighed on (its `balance_mwq_mg`; None: the Class A balance)."""
    return balance_for(
        balance_table().class_a.minimum_weighable_mg if balance_mwq_mg is None else balance_mwq_mg
    )


__all__ = ["BalanceUse", "balance_for", "balance_of"]
