"""Capsule recipes: powder and filler to weigh, fill weight, QC limits, size and aliquot.

Per capsule the filler is (V − p / ρ_drug) × ρ_filler, where V is the capsule body volume, p the
powder (naltrexone HCl or base, corrected for assay and water) and ρ_filler the filler's bulk
density (volume method) or the measured fill of this lot divided by V (calibrated method). With
no drug density measured, ρ_drug = ρ_filler: the drug displaces its own weight of filler.
The fill per capsule is p + filler, so powder + filler weighed is exactly the fill of every
capsule made.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any

from ldn_desk.errors import InputError, RecipeError
from ldn_desk.recipes.aliquot import Aliquot, plan_aliquot
from ldn_desk.recipes.bud import BeyondUseDate, ComponentExpiry, dated_by_components, usp_bud
from ldn_desk.recipes.capsules.steps import fill_alerts, write_steps
from ldn_desk.recipes.dose_range import Alert, Level, check_daily_dose
from ldn_desk.reference.files import load_table
from ldn_desk.units.dose_text import mg_text, ml_text, percent_text
from ldn_desk.units.quantity import Amount, Quantity, ureg

SALTS = ("HCl", "base")


def _default_mwq() -> Amount:
    return Quantity(float(load_table("balance")["class_a"]["minimum_weighable_mg"]), "mg")


def capsule_sizes() -> tuple[str, ...]:
    """Size names from resources, largest first ("000" … "5")."""
    sizes: dict[str, Any] = load_table("capsules")["sizes"]
    return tuple(sorted(sizes, key=lambda name: -float(sizes[name]["volume_ml"])))


def capsule_volume_ml(size: str) -> float:
    return float(load_table("capsules")["sizes"][size]["volume_ml"])


def excipients() -> dict[str, str]:
    """Filler key → name, for every filler in resources/excipients.toml with a bulk density."""
    table = load_table("excipients")
    return {
        key: str(entry["name"])
        for key, entry in table.items()
        if isinstance(entry, dict) and "bulk_density_g_per_ml" in entry
    }


def _number(table: str, section: str, key: str) -> float:
    return float(load_table(table)[section][key])


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
    salt: str = "HCl"
    balance_mwq: Amount = field(default_factory=_default_mwq)
    expiries: tuple[ComponentExpiry, ...] = ()  # the BUD is never later than the earliest

    def __post_init__(self) -> None:
        _amount_in(self.strength, "mg", "strength", "1.5 mg", what="a weight in mg")
        _whole(self.count, "count", 1, "30")
        _whole(self.extra, "extra", int(_number("capsules", "making", "min_extra_capsules")), "1")
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
        low = _number("capsules", "powder_limits", "potency_min_percent")
        high = _number("capsules", "powder_limits", "potency_max_percent")
        if not (isinstance(self.potency_percent, int | float) and low <= self.potency_percent <= high):
            raise InputError(
                "potency_percent",
                _percent_shown(self.potency_percent),
                f"must be between {percent_text(low)} and {percent_text(high)} (the certificate's assay)",
                "99.5%",
            )
        water_max = _number("capsules", "powder_limits", "water_max_percent")
        if not (isinstance(self.water_percent, int | float) and 0 <= self.water_percent < water_max):
            raise InputError(
                "water_percent",
                _percent_shown(self.water_percent),
                f"must be from 0% up to {percent_text(water_max)}",
                "0.5%",
            )
        if self.salt not in SALTS:
            raise InputError("salt", f"{self.salt}", "must be HCl or base (the powder on the balance)", "HCl")
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
    method: str  # "volume" | "calibrated"
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
        if not math.isclose(self.api_mg + self.excipient_mg, self.batch_fill_mg, rel_tol=1e-9):
            raise ValueError("powder and filler must add up to the batch fill")
        if self.method not in ("volume", "calibrated"):
            raise ValueError(f"unknown method {self.method!r}")


def suggest_size(fill_volume_ml: float) -> str:
    """The smallest capsule whose body volume holds `fill_volume_ml`."""
    if not (math.isfinite(fill_volume_ml) and fill_volume_ml > 0):
        raise InputError("fill volume", f"{fill_volume_ml}", "must be more than zero", "0.2 mL")
    for size in reversed(capsule_sizes()):
        if capsule_volume_ml(size) >= fill_volume_ml * (1 - 1e-9):
            return size
    largest = capsule_sizes()[0]
    raise RecipeError(
        f"A fill of {ml_text(fill_volume_ml)} is more than the largest capsule "
        f"(size {largest}, {ml_text(capsule_volume_ml(largest))}) holds.",
        field="strength",
    )


def powder_per_hcl(salt: str, potency_percent: float, water_percent: float) -> float:
    """mg of powder to weigh per mg of naltrexone HCl: salt factor ÷ (assay × dry fraction).

    The assay is on the anhydrous basis (USP), so the lot's water is corrected for as well.
    """
    salt_factor = 1.0 if salt == "HCl" else float(load_table("drug")["naltrexone"]["base_per_hcl"])
    return salt_factor / ((potency_percent / 100) * (1 - water_percent / 100))


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


def _fill(inp: CapsuleInput, powder_mg: float) -> CapsuleFill:
    bulk_mg_per_ml = 1000 * float(load_table("excipients")[inp.excipient]["bulk_density_g_per_ml"])
    measured = None if inp.drug_density is None else 1000 * float(inp.drug_density.to("g/mL").magnitude)
    if inp.size is None:
        # The fill to hold: the powder's own volume plus the least filler that keeps the powder at
        # or under the alert share t:  p ≤ t × (p + filler)  ⇔  filler ≥ p (1 − t) / t.
        share = _number("capsules", "drug_share", "alert_above_percent") / 100
        drug_ml = powder_mg / (bulk_mg_per_ml if measured is None else measured)
        size, suggested = suggest_size(drug_ml + powder_mg * (1 - share) / (share * bulk_mg_per_ml)), True
    else:
        size, suggested = inp.size, False
    volume_ml = capsule_volume_ml(size)
    if inp.calibrated_fill is None:
        filler_density = bulk_mg_per_ml
    else:
        # This lot's effective density in this size: what one capsule of filler alone weighed.
        filler_density = float(inp.calibrated_fill.to("mg").magnitude) / volume_ml
    drug_density = filler_density if measured is None else measured
    filler_mg = (volume_ml - powder_mg / drug_density) * filler_density
    if filler_mg <= 0:
        raise RecipeError(
            f"{mg_text(powder_mg)} of powder per capsule does not fit a size {size} capsule "
            f"(about {mg_text(volume_ml * filler_density)} of filler fills it): choose a larger size.",
            field="size",
        )
    return CapsuleFill(size, suggested, volume_ml, filler_density, drug_density, powder_mg, filler_mg)


def make_capsules(inp: CapsuleInput) -> CapsuleRecipe:
    """The batch recipe; raises RecipeError when the drug does not fit or cannot be weighed."""
    # The strength is per capsule. LDN is taken as one capsule a day, so the per-capsule strength
    # is checked as the daily dose; a regimen of several capsules a day needs its own check.
    alerts = list(check_daily_dose(inp.strength, field="strength"))
    made = inp.count + inp.extra
    drug_mg = float(inp.strength.to("mg").magnitude)
    powder_mg = drug_mg * powder_per_hcl(inp.salt, inp.potency_percent, inp.water_percent)
    fill = _fill(inp, powder_mg)
    name = excipients()[inp.excipient]
    powder = f"naltrexone {inp.salt} powder"

    fill_mg = powder_mg + fill.filler_mg
    api_mg = made * powder_mg
    excipient_mg = made * fill.filler_mg
    batch_fill_mg = api_mg + excipient_mg
    share_percent = 100 * powder_mg / fill_mg
    alerts.extend(fill_alerts(inp, fill, name, share_percent))
    mwq_mg = float(inp.balance_mwq.to("mg").magnitude)

    if fill_mg < mwq_mg:
        alerts.append(
            Alert(
                Level.NOTE,
                f"Each capsule's fill ({mg_text(fill_mg)}) is under the balance's minimum weighable quantity "
                f"({mg_text(mwq_mg)}): check the fill weights on a more sensitive balance.",
            )
        )
    each = _number("capsules", "making", "qc_each_percent") / 100
    average = _number("capsules", "making", "qc_average_percent") / 100
    bud, expiry_alerts = dated_by_components(usp_bud(inp.compounded, "solid"), inp.compounded, inp.expiries)
    alerts.extend(expiry_alerts)

    aliquot: Aliquot | None = None
    after_mg: float | None = None
    if api_mg < mwq_mg:
        aliquot = plan_aliquot(api_mg, mwq_mg, substance=powder, diluent=name)
        if aliquot.take_mg > batch_fill_mg * (1 + 1e-9):
            raise RecipeError(
                f"The whole batch fill ({mg_text(batch_fill_mg)}) is less than the aliquot portion "
                f"({mg_text(aliquot.take_mg)}) the balance needs: make more capsules or choose a larger size.",
                field="count",
            )
        after_mg = max(0.0, batch_fill_mg - aliquot.take_mg)
        practical_mg = _number("balance", "aliquot", "practical_max_total_mg")
        if aliquot.dilute_to_mg > practical_mg:
            alerts.append(
                Alert(
                    Level.WARNING,
                    f"The aliquot needs {mg_text(aliquot.dilute_to_mg)} of mixture to deliver {mg_text(api_mg)} "
                    f"of powder, more than {mg_text(practical_mg)}: use a two-stage aliquot (dilute a "
                    "weighed portion of a first mixture again) or a more sensitive balance.",
                )
            )
        alerts.append(
            Alert(
                Level.NOTE,
                f"The batch's {mg_text(api_mg)} of powder is under the balance's minimum weighable quantity "
                f"({mg_text(mwq_mg)}): it is weighed by the aliquot method in the steps.",
            )
        )
    recipe = CapsuleRecipe(
        capsules=made,
        api_mg=api_mg,
        drug_hcl_mg=made * drug_mg,
        excipient_mg=excipient_mg,
        fill_per_capsule_mg=fill_mg,
        size=fill.size,
        size_suggested=fill.size_suggested,
        method="volume" if inp.calibrated_fill is None else "calibrated",
        aliquot=aliquot,
        qc_each_low_mg=fill_mg * (1 - each),
        qc_each_high_mg=fill_mg * (1 + each),
        qc_average_low_mg=fill_mg * (1 - average),
        qc_average_high_mg=fill_mg * (1 + average),
        bud=bud,
        storage=bud.storage,
        steps=(),  # written below, from the finished numbers
        alerts=tuple(alerts),
        excipient_name=name,
        count=inp.count,
        extra=inp.extra,
        drug_per_capsule_mg=drug_mg,
        powder_per_capsule_mg=powder_mg,
        excipient_per_capsule_mg=fill.filler_mg,
        batch_fill_mg=batch_fill_mg,
        drug_share_percent=share_percent,
        excipient_after_aliquot_mg=after_mg,
        capsule_volume_ml=fill.volume_ml,
        filler_density_g_per_ml=fill.filler_density_mg_per_ml / 1000,
        powder_name=powder,
    )
    return dataclasses.replace(recipe, steps=write_steps(inp, fill, recipe))
