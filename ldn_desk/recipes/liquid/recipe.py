"""Liquid LDN recipes: whole tablets or weighed powder, a vehicle formula, its dating and labels."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from ldn_desk.errors import InputError
from ldn_desk.recipes.bud import BeyondUseDate, ComponentExpiry, dated_by_components, study_bud, usp_bud
from ldn_desk.recipes.choices import Salt
from ldn_desk.recipes.dose_range import Alert, Level
from ldn_desk.recipes.liquid.batch import (
    Plan,
    SerialDilution,
    StockRules,
    powder_factor,
    powder_plan,
    rounder_strength,
    tablet_dilution_plan,
    tablet_plan,
    whole_tablets,
)
from ldn_desk.recipes.liquid.glassware import on_a_mark
from ldn_desk.recipes.liquid.model import Source
from ldn_desk.recipes.liquid.steps import (
    DrugSource,
    Ingredient,
    drug_ingredients,
    vehicle_ingredients,
    write_steps,
)
from ldn_desk.reference.balance import balance_table
from ldn_desk.reference.drug import drug_table
from ldn_desk.reference.formulas import Formula, formula_table
from ldn_desk.reference.liquid import liquid_table
from ldn_desk.units.dose_text import mg_per_ml_text, mg_text, ml_text, percent_text
from ldn_desk.units.numeric import above, below, same
from ldn_desk.units.quantity import Amount, Quantity, ureg

__all__ = [
    "Ingredient",
    "LiquidInput",
    "LiquidRecipe",
    "SerialDilution",
    "Source",
    "make_liquid",
]


def _default_tablet() -> Amount:
    return Quantity(drug_table().tablet.strength_mg, "mg")


def _default_mwq() -> Amount:
    return Quantity(balance_table().class_a.minimum_weighable_mg, "mg")


def formulas() -> Mapping[str, Formula]:
    """The vehicle formulas in resources/formulas.toml, by key."""
    return formula_table().formulas


def _amount(value: object, field_name: str, unit: str, example: str) -> float:
    """The magnitude of a quantity in `unit`, refusing plain numbers and the wrong dimension."""
    if not isinstance(value, ureg.Quantity) or not value.is_compatible_with(unit):
        raise InputError(field_name, str(value), f"must be an amount in {unit}", example)
    number = float(value.to(unit).magnitude)
    if not math.isfinite(number) or number <= 0:
        raise InputError(field_name, str(value), "must be more than zero", example)
    return number


def _percent_shown(value: object) -> str:
    if isinstance(value, int | float) and math.isfinite(value):
        return percent_text(float(value))
    return str(value)


@dataclass(frozen=True)
class LiquidInput:
    """What the pharmacist asks for: strength and volume, the drug source and the vehicle."""

    strength: Amount
    volume: Amount
    compounded: dt.date
    source: Source = Source.TABLETS
    tablet_strength: Amount = field(default_factory=_default_tablet)
    formula: str = "water"
    potency_percent: float = 100.0
    water_percent: float = 0.0
    powder_salt: Salt = Salt.HCL
    balance_mwq: Amount = field(default_factory=_default_mwq)
    expiries: tuple[ComponentExpiry, ...] = ()  # the BUD is never later than the earliest

    def __post_init__(self) -> None:
        limits = liquid_table().limits
        strength = _amount(self.strength, "strength", "mg/mL", "1 mg/mL")
        if strength < limits.min_mg_per_ml:
            raise InputError(
                "strength",
                mg_per_ml_text(strength),
                f"is below {mg_per_ml_text(limits.min_mg_per_ml)}, too dilute to measure a dose; "
                "check mg/mL against mcg/mL",
                "0.1 mg/mL",
            )
        solubility = drug_table().naltrexone.water_solubility_mg_per_ml
        if strength > solubility:
            raise InputError(
                "strength",
                mg_per_ml_text(strength),
                f"is above the water solubility of naltrexone HCl (about {mg_per_ml_text(solubility)})",
                "1 mg/mL",
            )
        volume = _amount(self.volume, "volume", "mL", "100 mL")
        if volume > limits.max_batch_volume_ml:
            raise InputError(
                "volume",
                ml_text(volume, grouping=False),
                f"is more than {ml_text(limits.max_batch_volume_ml)}, larger than a pharmacy batch",
                "100 mL",
            )
        if not isinstance(self.compounded, dt.date):
            raise InputError("compounded", str(self.compounded), "must be a date", "2026-12-01")
        if self.source not in tuple(Source):
            raise InputError("source", str(self.source), "must be tablets or powder", "tablets")
        object.__setattr__(self, "source", Source(self.source))
        tablet_mg = _amount(self.tablet_strength, "tablet_strength", "mg", "50 mg")
        tablet_low, tablet_high = limits.tablet_mg_min, limits.tablet_mg_max
        if not tablet_low <= tablet_mg <= tablet_high:
            raise InputError(
                "tablet_strength",
                mg_text(tablet_mg),
                f"must be from {mg_text(tablet_low)} to {mg_text(tablet_high)} (naltrexone HCl tablets are "
                "sold as 50 mg, in some markets 25 or 100 mg)",
                "50 mg",
            )
        if self.formula not in formulas():
            raise InputError("formula", str(self.formula), f"is not one of {', '.join(formulas())}", "water")
        self._check_powder()

    def _check_powder(self) -> None:
        limits = drug_table().powder_limits
        low, high = limits.potency_min_percent, limits.potency_max_percent
        potency = self.potency_percent
        if not isinstance(potency, int | float) or not math.isfinite(potency) or not low <= potency <= high:
            raise InputError(
                "potency_percent",
                _percent_shown(potency),
                f"must be between {percent_text(low)} and {percent_text(high)} (the assay on the certificate)",
                "99.5 %",
            )
        water = self.water_percent
        water_max = limits.water_max_percent
        if not isinstance(water, int | float) or not math.isfinite(water) or not 0 <= water < water_max:
            raise InputError(
                "water_percent",
                _percent_shown(water),
                f"must be at least 0% and under {percent_text(water_max)} (the water on the certificate)",
                "0.5 %",
            )
        if self.powder_salt not in tuple(Salt):
            raise InputError("powder_salt", str(self.powder_salt), "must be HCl or base", "HCl")
        object.__setattr__(self, "powder_salt", Salt(self.powder_salt))
        _amount(self.balance_mwq, "balance_mwq", "mg", "120 mg")

    @property
    def strength_mg_per_ml(self) -> float:
        return float(self.strength.to("mg/mL").magnitude)

    @property
    def volume_ml(self) -> float:
        return float(self.volume.to("mL").magnitude)


@dataclass(frozen=True)
class LiquidRecipe:
    """A batch of liquid LDN: the numbers, the steps to make it, its date, labels and alerts."""

    source: Source
    tablets: int  # whole tablets used (0 from powder)
    tablet_strength_mg: float
    naltrexone_hcl_mg: float  # naltrexone HCl in the finished batch
    batch_volume_ml: float
    wanted_volume_ml: float
    concentration_mg_per_ml: float
    weigh_powder_mg: float | None  # the weight on the balance (the stock's powder when diluted)
    dilution: SerialDilution | None
    bud: BeyondUseDate
    storage: str
    container: str
    auxiliary_labels: tuple[str, ...]
    ingredients: tuple[Ingredient, ...]
    steps: tuple[str, ...]
    alerts: tuple[Alert, ...]
    formula: str
    formula_name: str
    balance_mwq_mg: float | None = None  # the balance weighed on; None: the Class A balance of balance.toml
    # What goes into the bottle and on its label when it is less than the batch: the volume asked
    # for (on a mark of its measure) when the batch was raised above it, or a plan's fill. None: the
    # whole batch is dispensed (so a record saved before this field reads as it did).
    dispensed_volume_ml: float | None = None

    def __post_init__(self) -> None:
        dispensed = self.dispensed_volume_ml
        if dispensed is not None and (dispensed <= 0 or above(dispensed, self.batch_volume_ml)):
            raise ValueError("what is dispensed is more than nothing and no more than the batch")
        if self.source not in tuple(Source):
            raise ValueError(f"unknown source {self.source!r}")
        object.__setattr__(self, "source", Source(self.source))
        if self.tablets < 0 or (self.source == Source.TABLETS) != (self.tablets > 0):
            raise ValueError("tablets are used exactly when the source is tablets")
        if min(self.naltrexone_hcl_mg, self.batch_volume_ml, self.concentration_mg_per_ml) <= 0:
            raise ValueError("a recipe has a positive amount, volume and strength")
        if not same(self.naltrexone_hcl_mg, self.concentration_mg_per_ml * self.batch_volume_ml):
            raise ValueError("drug in the batch must equal strength times volume")

    @property
    def dispensed_ml(self) -> float:
        """What is dispensed and labelled: dispensed_volume_ml, else the whole batch."""
        return self.batch_volume_ml if self.dispensed_volume_ml is None else self.dispensed_volume_ml

    @property
    def surplus_ml(self) -> float:
        """The batch made beyond what is dispensed: discarded, not dispensed or kept."""
        return max(0.0, round(self.batch_volume_ml - self.dispensed_ml, 6))

    @property
    def bud_basis(self) -> str:
        return self.bud.basis

    @property
    def is_suspension(self) -> bool:
        """Tablets leave insoluble excipients; powder dissolves."""
        return self.source == Source.TABLETS


def _plan(inp: LiquidInput) -> Plan:
    strength, volume = inp.strength_mg_per_ml, inp.volume_ml
    liquid = liquid_table()
    min_aliquot = liquid.measuring.min_aliquot_ml
    if inp.source == Source.TABLETS:
        tablet_mg = float(inp.tablet_strength.to("mg").magnitude)
        dilution = liquid.serial_dilution
        if strength < dilution.min_single_step_mg_per_ml:
            return tablet_dilution_plan(
                strength,
                volume,
                tablet_mg,
                dilution.stock_mg_per_ml,
                min_aliquot,
                dilution.max_aliquot_fraction,
                liquid.limits.max_batch_volume_ml,
            )
        return tablet_plan(strength, volume, tablet_mg, liquid.limits.max_batch_volume_ml)
    stock = liquid.powder_stock
    rules = StockRules(
        strengths_mg_per_ml=stock.strengths_mg_per_ml,
        flask_sizes_ml=stock.flask_sizes_ml,
        min_ratio=stock.min_stock_to_batch_ratio,
        min_aliquot_ml=min_aliquot,
        solubility_mg_per_ml=drug_table().naltrexone.water_solubility_mg_per_ml,
        max_fraction=liquid.serial_dilution.max_aliquot_fraction,
        max_batch_ml=liquid.limits.max_batch_volume_ml,
    )
    return powder_plan(strength, volume, _factor(inp), float(inp.balance_mwq.to("mg").magnitude), rules)


def _salt_factor(inp: LiquidInput) -> float:
    return drug_table().naltrexone.salt_factor(inp.powder_salt, "powder_salt")


def _factor(inp: LiquidInput) -> float:
    return powder_factor(_salt_factor(inp), inp.potency_percent, inp.water_percent)


def _bud(inp: LiquidInput, formula: Formula) -> tuple[BeyondUseDate, tuple[Alert, ...]]:
    """The formula's study date where this batch matches the study, else the USP default."""
    study = formula.study
    if study is None:
        return usp_bud(inp.compounded, formula.bud_category), ()
    study_strength = study.strength_mg_per_ml
    study_tablet = study.tablet_mg
    matches = (
        inp.source == Source.TABLETS
        and same(inp.strength_mg_per_ml, study_strength)
        and same(float(inp.tablet_strength.to("mg").magnitude), study_tablet)
    )
    if matches:
        return study_bud(inp.compounded, study.days, study.storage, study.source), ()
    bud = usp_bud(inp.compounded, formula.bud_category)
    made = f"{mg_per_ml_text(inp.strength_mg_per_ml)} made from {inp.source}"
    if inp.source == Source.TABLETS:
        made = f"{mg_per_ml_text(inp.strength_mg_per_ml)} made from {mg_text(inp.tablet_strength.to('mg').magnitude)} tablets"
    alert = Alert(
        Level.CAUTION,
        f"The stability study behind {formula.name} covers only {mg_per_ml_text(study_strength)} "
        f"made from {mg_text(study_tablet)} tablets; this batch is {made}, so the USP <795> default "
        f"of {bud.days} days applies.",
    )
    return bud, (alert,)


def _labels(inp: LiquidInput, formula: Formula) -> tuple[str, ...]:
    shake = liquid_table().labels.shake_well
    others = [label for label in formula.auxiliary_labels if label != shake]
    return (shake, *others) if inp.source == Source.TABLETS else tuple(others)


def _strength_alerts(inp: LiquidInput) -> list[Alert]:
    limits = liquid_table().limits
    strength = inp.strength_mg_per_ml
    text = mg_per_ml_text(strength)
    if strength > limits.unusual_above_mg_per_ml:
        return [
            Alert(
                Level.CAUTION,
                f"{text} is stronger than usual for liquid LDN (1 mg/mL, at most "
                f"{mg_per_ml_text(limits.unusual_above_mg_per_ml)}); check the prescription.",
            )
        ]
    if strength < limits.unusual_below_mg_per_ml:
        return [Alert(Level.CAUTION, f"{text} is very dilute: check mg/mL against mcg/mL.")]
    return []


def _dispensed_ml(inp: LiquidInput, plan: Plan, bottle_ml: float | None) -> float:
    """What goes into the bottle: a plan's fill; else, where the batch was raised above the volume
    asked for, that volume (on a mark of the cylinder it is measured in), not the whole batch; else
    the batch."""
    batch = plan.batch_volume_ml
    if bottle_ml is not None:
        return min(bottle_ml, batch)
    if ml_text(batch) == ml_text(inp.volume_ml):
        return batch
    asked = on_a_mark(inp.volume_ml, suspension=True)
    return asked if below(asked, batch) and ml_text(asked) != ml_text(batch) else batch


def _plan_alerts(inp: LiquidInput, plan: Plan, bottle_ml: float | None) -> list[Alert]:
    alerts: list[Alert] = []
    wanted = inp.volume_ml
    if ml_text(plan.batch_volume_ml) != ml_text(wanted):
        dispensed = _dispensed_ml(inp, plan, bottle_ml)
        surplus = plan.batch_volume_ml - dispensed
        if bottle_ml is not None:
            kept = "what the bottle does not take is discarded"
        elif ml_text(surplus) == ml_text(0):
            kept = "the whole batch is labelled and dispensed"
        else:
            kept = f"{ml_text(dispensed)} is labelled and dispensed and the other {ml_text(surplus)} is discarded"
        alerts.append(
            Alert(
                Level.CAUTION,
                f"Volume raised from {ml_text(wanted)} to {ml_text(plan.batch_volume_ml)} "
                f"{plan.raised_because}; {kept}.",
            )
        )
    alerts += _surplus_alerts(inp, plan, bottle_ml)
    if plan.dilution is not None and inp.source == Source.TABLETS:
        dilution = plan.dilution
        alerts.append(
            Alert(
                Level.NOTE,
                f"{mg_per_ml_text(inp.strength_mg_per_ml)} is made by serial dilution of a "
                f"{mg_per_ml_text(dilution.stock_mg_per_ml)} stock, not one tablet in a large volume: "
                f"{ml_text(dilution.aliquot_ml)} of {ml_text(dilution.stock_volume_ml)} of stock is used "
                f"(a measured part, at most {_share_text()} of the stock) and "
                f"{ml_text(dilution.leftover_ml)} of stock is discarded.",
            )
        )
    if plan.dilution is not None and inp.source == Source.POWDER:
        direct = inp.strength_mg_per_ml * plan.batch_volume_ml * _factor(inp)
        alerts.append(
            Alert(
                Level.NOTE,
                f"The powder for this batch ({mg_text(direct)}) is under the balance's minimum weighable "
                f"quantity of {mg_text(inp.balance_mwq.to('mg').magnitude)}, so a stock is weighed and "
                "a measured volume of it is used.",
            )
        )
    return alerts


def _unraised_ml(inp: LiquidInput, plan: Plan) -> float:
    """The batch before any raise for a mark: the fewest whole tablets' volume, else the volume
    asked for at its measure's next mark."""
    if inp.source == Source.TABLETS and plan.dilution is None:
        tablet_mg = float(inp.tablet_strength.to("mg").magnitude)
        fewest = whole_tablets(inp.strength_mg_per_ml * inp.volume_ml, tablet_mg)
        return fewest * tablet_mg / inp.strength_mg_per_ml
    return on_a_mark(inp.volume_ml, suspension=inp.source == Source.TABLETS)


def _surplus_alerts(inp: LiquidInput, plan: Plan, bottle_ml: float | None) -> list[Alert]:
    """A batch raised for a mark to many times what it dispenses: most of it is thrown away, and a
    rounder strength (the prescriber's to choose) would not need it."""
    if bottle_ml is not None:
        return []  # a plan's fill: the plan counts what its batches discard
    dispensed = _dispensed_ml(inp, plan, None)
    times = liquid_table().limits.surplus_caution_times
    made = plan.batch_volume_ml
    if not above(made, times * dispensed) or not above(made, _unraised_ml(inp, plan)):
        return []
    rounder = rounder_strength(inp.strength_mg_per_ml)
    if same(rounder, inp.strength_mg_per_ml):
        return []
    return [
        Alert(
            Level.CAUTION,
            f"{ml_text(made)} is made to dispense {ml_text(dispensed)}, so {ml_text(made - dispensed)} is "
            f"discarded, only to put a volume on a mark; a rounder strength such as {mg_per_ml_text(rounder)}, "
            "if the prescriber agrees, would waste less.",
        )
    ]


def _share_text() -> str:
    """The largest part of a stock an aliquot may be, in words: 'half', else a percentage."""
    fraction = liquid_table().serial_dilution.max_aliquot_fraction
    return "half" if same(fraction, 0.5) else percent_text(100 * fraction)


def _powder_alerts(inp: LiquidInput) -> list[Alert]:
    if inp.source != Source.POWDER:
        return []
    alerts: list[Alert] = []
    powder = drug_table().powder
    low, high = powder.assay_low_percent, powder.assay_high_percent
    if not low <= inp.potency_percent <= high:
        alerts.append(
            Alert(
                Level.CAUTION,
                f"Potency {percent_text(inp.potency_percent)} is outside the USP range "
                f"{percent_text(low)} to {percent_text(high)}; check the certificate of analysis.",
            )
        )
    if inp.powder_salt == Salt.BASE:
        alerts.append(
            Alert(
                Level.NOTE,
                "The solubility limit is the HCl salt's; naltrexone base dissolves less readily in "
                "water, so check that it has fully dissolved.",
            )
        )
    return alerts


def make_liquid(inp: LiquidInput, *, bottle_ml: float | None = None) -> LiquidRecipe:
    """Work out a liquid LDN batch: the drug, the volume, the steps, the date and the labels.
    `bottle_ml`: what one bottle is filled with from the batch (a plan's fill); the steps then
    fill it, discard the rest, and label the bottle with its own quantity."""
    formula = formula_table().formula(inp.formula)
    plan = _plan(inp)
    max_ml = liquid_table().limits.max_batch_volume_ml
    if plan.batch_volume_ml > max_ml:
        raise InputError(
            "volume",
            ml_text(inp.volume_ml, grouping=False),
            f"would become {ml_text(plan.batch_volume_ml)} {plan.raised_because}, more than the "
            f"{ml_text(max_ml)} limit; ask for a smaller volume",
            ml_text(max_ml / 2, grouping=False),
        )
    bud, bud_alerts = _bud(inp, formula)
    bud, expiry_alerts = dated_by_components(bud, inp.compounded, inp.expiries)
    mwq_mg = float(inp.balance_mwq.to("mg").magnitude)
    ingredients, ingredient_alerts = vehicle_ingredients(formula, plan.batch_volume_ml, mwq_mg)
    labels = _labels(inp, formula)
    tablet_mg = float(inp.tablet_strength.to("mg").magnitude)
    drug = DrugSource(
        source=inp.source,
        strength_mg_per_ml=inp.strength_mg_per_ml,
        tablet_mg=tablet_mg,
        potency_percent=inp.potency_percent,
        water_percent=inp.water_percent,
        salt=inp.powder_salt,
        salt_factor=_salt_factor(inp),
    )
    dispensed = _dispensed_ml(inp, plan, bottle_ml)
    fill = None if ml_text(dispensed) == ml_text(plan.batch_volume_ml) else dispensed
    steps = write_steps(plan, drug, formula, ingredients, labels, bud, mwq_mg=mwq_mg, bottle_ml=fill)
    alerts = (
        *_strength_alerts(inp),
        *_plan_alerts(inp, plan, bottle_ml),
        *bud_alerts,
        *expiry_alerts,
        *_powder_alerts(inp),
        *ingredient_alerts,
    )
    return LiquidRecipe(
        source=inp.source,
        tablets=plan.tablets,
        tablet_strength_mg=tablet_mg,
        naltrexone_hcl_mg=plan.hcl_mg,
        batch_volume_ml=plan.batch_volume_ml,
        wanted_volume_ml=inp.volume_ml,
        concentration_mg_per_ml=inp.strength_mg_per_ml,
        weigh_powder_mg=plan.weigh_powder_mg,
        dilution=plan.dilution,
        bud=bud,
        storage=formula.storage,
        container=formula.container,
        auxiliary_labels=labels,
        ingredients=(*drug_ingredients(plan, drug), *ingredients),
        steps=steps,
        alerts=alerts,
        formula=inp.formula,
        formula_name=formula.name,
        balance_mwq_mg=None if same(mwq_mg, balance_table().class_a.minimum_weighable_mg) else mwq_mg,
        dispensed_volume_ml=fill,
    )
