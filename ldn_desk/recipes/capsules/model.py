"""The capsule family's types: what the pharmacist asks for, the per-capsule fill, the finished recipe."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from enum import StrEnum

from ldn_desk.errors import InputError
from ldn_desk.recipes.aliquot import Aliquot
from ldn_desk.recipes.bud import BeyondUseDate, ComponentExpiry
from ldn_desk.recipes.choices import Salt
from ldn_desk.recipes.dose_range import Alert
from ldn_desk.reference.balance import balance_table
from ldn_desk.reference.capsules import capsule_table
from ldn_desk.reference.drug import drug_table
from ldn_desk.reference.excipients import excipient_table
from ldn_desk.units.dose_text import mg_text, percent_text
from ldn_desk.units.numeric import same
from ldn_desk.units.quantity import Amount, Quantity, ureg


class CapsuleMethod(StrEnum):
    """How the filler per capsule is found (DOMAIN.md §5)."""

    VOLUME = "volume"  # capsule volume × the filler's bulk density
    CALIBRATED = "calibrated"  # this filler lot's weighed fill of one capsule


def _default_mwq() -> Amount:
    return Quantity(balance_table().class_a.minimum_weighable_mg, "mg")


def capsule_sizes() -> tuple[str, ...]:
    """Size names from resources, largest first ("000" … "5")."""
    return capsule_table().size_names()


def capsule_volume_ml(size: str) -> float:
    return capsule_table().size(size).volume_ml


def excipients() -> dict[str, str]:
    """Filler key → name, for every filler in resources/excipients.toml with a bulk density."""
    return {key: filler.name for key, filler in excipient_table().fillers.items()}


def _amount_in(value: object, unit: str, field_name: str, example: str, *, what: str) -> float:
    """The magnitude of a pint quantity in `unit`, refusing other dimensions and non-positive values."""
    if not isinstance(value, ureg.Quantity):
        raise InputError(field_name, repr(value), f"needs {what} with its unit", example)
    if value.dimensionality != Quantity(1, unit).dimensionality:
        raise InputError(field_name, f"{value:~}", f"needs {what}", example)
    number = float(value.to(unit).magnitude)
    if not (math.isfinite(number) and number > 0):
        raise InputError(field_name, f"{value.to(unit):~}", "must be more than zero", example)
    return number


def _percent_shown(value: object) -> str:
    return percent_text(value) if isinstance(value, int | float) and math.isfinite(value) else repr(value)


def _whole(value: object, field_name: str, minimum: int, example: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise InputError(field_name, repr(value), "must be a whole number", example)
    if value < minimum:
        raise InputError(field_name, str(value), f"must be at least {minimum}", example)
    return value


@dataclass(frozen=True)
class CapsuleInput:
    """What the pharmacist asks for. Strength is naltrexone HCl per capsule, whatever the powder."""

    strength: Amount
    count: int
    compounded: dt.date
    size: str | None = None
    excipient: str = "mcc"
    extra: int = 1
    calibrated_fill: Amount | None = None
    drug_density: Amount | None = None
    potency_percent: float = 100.0
    water_percent: float = 0.0
    salt: Salt = Salt.HCL
    balance_mwq: Amount = field(default_factory=_default_mwq)
    expiries: tuple[ComponentExpiry, ...] = ()  # the BUD is never later than the earliest

    def __post_init__(self) -> None:
        _amount_in(self.strength, "mg", "strength", "1.5 mg", what="a weight in mg")
        _whole(self.count, "count", 1, "30")
        _whole(self.extra, "extra", capsule_table().making.min_extra_capsules, "1")
        if not isinstance(self.compounded, dt.date):
            raise InputError("compounded", repr(self.compounded), "needs a date", "2026-12-01")
        if self.size is not None and self.size not in capsule_sizes():
            raise InputError(
                "size",
                self.size if isinstance(self.size, str) else repr(self.size),
                f"is not one of {', '.join(capsule_sizes())}",
                "3",
            )
        if self.excipient not in excipients():
            raise InputError(
                "excipient", f"{self.excipient}", f"is not one of {', '.join(excipients())}", "mcc"
            )
        if self.calibrated_fill is not None:
            _amount_in(self.calibrated_fill, "mg", "calibrated_fill", "90 mg", what="a weight in mg")
            if self.size is None:
                raise InputError(
                    "calibrated_fill",
                    mg_text(float(self.calibrated_fill.to("mg").magnitude)),
                    "belongs to the capsule size it was measured in; give that size too",
                    "size 3",
                )
        if self.drug_density is not None:
            _amount_in(self.drug_density, "g/mL", "drug_density", "0.5 g/mL", what="a density in g/mL")
        limits = drug_table().powder_limits
        low, high = limits.potency_min_percent, limits.potency_max_percent
        if not (isinstance(self.potency_percent, int | float) and low <= self.potency_percent <= high):
            raise InputError(
                "potency_percent",
                _percent_shown(self.potency_percent),
                f"must be between {percent_text(low)} and {percent_text(high)} (the certificate's assay)",
                "99.5%",
            )
        water_max = limits.water_max_percent
        if not (isinstance(self.water_percent, int | float) and 0 <= self.water_percent < water_max):
            raise InputError(
                "water_percent",
                _percent_shown(self.water_percent),
                f"must be from 0% up to {percent_text(water_max)}",
                "0.5%",
            )
        if self.salt not in tuple(Salt):
            raise InputError("salt", f"{self.salt}", "must be HCl or base (the powder on the balance)", "HCl")
        object.__setattr__(self, "salt", Salt(self.salt))
        _amount_in(self.balance_mwq, "mg", "balance_mwq", "120 mg", what="a weight in mg")


@dataclass(frozen=True)
class CapsuleRecipe:
    """Everything needed to make, check and label the batch; masses in mg, totals for the batch."""

    capsules: int  # made, extras included
    api_mg: float  # powder that goes into the capsules, potency and salt corrected
    drug_hcl_mg: float  # naltrexone HCl it delivers
    excipient_mg: float  # filler that goes into the capsules
    fill_per_capsule_mg: float
    size: str
    size_suggested: bool
    method: CapsuleMethod
    aliquot: Aliquot | None
    qc_each_low_mg: float
    qc_each_high_mg: float
    qc_average_low_mg: float
    qc_average_high_mg: float
    bud: BeyondUseDate
    storage: str
    steps: tuple[str, ...]
    alerts: tuple[Alert, ...]
    excipient_name: str
    count: int  # capsules dispensed
    extra: int
    drug_per_capsule_mg: float  # naltrexone HCl, equal to the strength
    powder_per_capsule_mg: float
    excipient_per_capsule_mg: float
    batch_fill_mg: float  # api_mg + excipient_mg
    drug_share_percent: float  # powder as a share of each capsule's fill
    excipient_after_aliquot_mg: float | None  # filler added to the aliquot portion; None without one
    capsule_volume_ml: float
    filler_density_g_per_ml: float  # as used: bulk density, or calibrated fill ÷ volume
    powder_name: str

    def __post_init__(self) -> None:
        if self.capsules != self.count + self.extra:
            raise ValueError("capsules made must be the count plus the extras")
        if not same(self.api_mg + self.excipient_mg, self.batch_fill_mg):
            raise ValueError("powder and filler must add up to the batch fill")
        if self.method not in tuple(CapsuleMethod):
            raise ValueError(f"unknown method {self.method!r}")
        object.__setattr__(self, "method", CapsuleMethod(self.method))


@dataclass(frozen=True)
class CapsuleFill:
    """The per-capsule arithmetic, before it is scaled to the batch."""

    size: str
    size_suggested: bool
    volume_ml: float
    filler_density_mg_per_ml: float
    drug_density_mg_per_ml: float  # equals the filler's when no drug density was measured
    powder_mg: float
    filler_mg: float
