"""The written side of a liquid LDN recipe: ingredient lines and the steps a pharmacist follows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ldn_desk.errors import RecipeError
from ldn_desk.recipes.bud import BeyondUseDate
from ldn_desk.recipes.choices import Salt
from ldn_desk.recipes.dose_range import Alert, Level
from ldn_desk.recipes.liquid.batch import Plan
from ldn_desk.recipes.liquid.glassware import MakeUpMeasure, aliquot_on_a_mark, make_up_measure
from ldn_desk.recipes.liquid.model import Source
from ldn_desk.reference.formulas import Formula
from ldn_desk.reference.liquid import liquid_table
from ldn_desk.units.dates import long_date
from ldn_desk.units.dose_text import format_number, mg_per_ml_text, mg_text, ml_text, percent_text
from ldn_desk.units.sums import result_text, shown

if TYPE_CHECKING:
    from ldn_desk.recipes.aliquot import SolutionAliquot
    from ldn_desk.recipes.weighing import BalanceUse

_PER_ML = 100.0  # formulas.toml gives its ingredients per 100 mL


@dataclass(frozen=True)
class Ingredient:
    """One line of the ingredient list; `count` is set for tablets, the amounts where they apply."""

    name: str
    amount_text: str
    count: int | None = None
    amount_mg: float | None = None
    amount_ml: float | None = None


@dataclass(frozen=True)
class DrugSource:
    """What the steps need to know about where the naltrexone comes from."""

    source: Source
    strength_mg_per_ml: float
    tablet_mg: float
    potency_percent: float
    water_percent: float
    salt: Salt
    salt_factor: float  # powder mg per mg naltrexone HCl from the salt alone


def vehicle_ingredients(
    formula: Formula, batch_ml: float, mwq_mg: float
) -> tuple[tuple[Ingredient, ...], tuple[Alert, ...]]:
    """The formula's ingredients scaled to the batch, then water to volume; alerts for weights
    under the balance's minimum weighable quantity."""
    scale = batch_ml / _PER_ML
    items: list[Ingredient] = []
    alerts: list[Alert] = []
    for entry in formula.ingredients_per_100_ml:
        name, mg, ml = entry.name, entry.amount_mg, entry.amount_ml
        if mg is not None:
            items.append(Ingredient(name, mg_text(mg * scale), amount_mg=mg * scale))
            if mg * scale < mwq_mg and vehicle_aliquot(mg * scale, mwq_mg) is None:
                alerts.append(
                    Alert(
                        Level.CAUTION,
                        f"{name} {mg_text(mg * scale)} is under the balance's minimum weighable quantity "
                        f"of {mg_text(mwq_mg)}: weigh it by the aliquot method or make a larger batch.",
                    )
                )
            elif mg * scale < mwq_mg:
                alerts.append(
                    Alert(
                        Level.NOTE,
                        f"{name} {mg_text(mg * scale)} is under the balance's minimum weighable quantity "
                        f"of {mg_text(mwq_mg)}: it is weighed by the aliquot method in the steps.",
                    )
                )
        elif ml is not None:
            items.append(Ingredient(name, ml_text(ml * scale), amount_ml=ml * scale))
    items.append(Ingredient("Purified water", f"to {ml_text(batch_ml)} (q.s.)", amount_ml=batch_ml))
    return tuple(items), tuple(alerts)


def _balance(mwq_mg: float) -> BalanceUse:
    # The weighing rules (and the aliquot method, in vehicle_aliquot) are imported when first
    # used: a batch of whole tablets in water, as the plan's fills are, weighs nothing.
    from ldn_desk.recipes.weighing import balance_for

    return balance_for(mwq_mg)


def vehicle_aliquot(needed_mg: float, mwq_mg: float) -> SolutionAliquot | None:
    """How a vehicle solid under the balance's minimum is weighed: as a solution in a flask."""
    from ldn_desk.recipes.aliquot import solution_aliquot

    return solution_aliquot(
        needed_mg,
        mwq_mg,
        tuple(liquid_table().powder_stock.flask_sizes_ml),
        readability_mg=_balance(mwq_mg).readability_mg,
        min_take_ml=liquid_table().measuring.min_aliquot_ml,
        on_a_mark=lambda volume_ml: aliquot_on_a_mark(volume_ml) is not None,
    )


def _measured_with(volume_ml: float) -> str:
    """' with a 10 mL oral syringe (0.2 mL marks)': what a measured volume is taken with."""
    measure = aliquot_on_a_mark(volume_ml)
    return "" if measure is None else f" with {measure.text}"


def vehicle_measures(formula: Formula, batch_ml: float, mwq_mg: float) -> list[tuple[str, str, str]]:
    """(ingredient, what is measured, the measure) for each volume of the vehicle the steps measure:
    a solid's aliquot solution (its flask, then the part taken) and each liquid ingredient."""
    out: list[tuple[str, str, str]] = []
    for entry in formula.ingredients_per_100_ml:
        mg, ml = entry.amount_mg, entry.amount_ml
        if mg is not None:
            aliquot = (
                vehicle_aliquot(mg * batch_ml / _PER_ML, mwq_mg) if mg * batch_ml / _PER_ML < mwq_mg else None
            )
            if aliquot is None:
                continue
            out.append((entry.name, "flask", f"the {ml_text(aliquot.flask_ml)} volumetric flask"))
            part = aliquot_on_a_mark(aliquot.take_ml)
            if part is not None:
                out.append((entry.name, "part", f"{part.text}, {ml_text(aliquot.take_ml)}"))
        elif ml is not None:
            measure = aliquot_on_a_mark(ml * batch_ml / _PER_ML)
            if measure is not None:
                out.append((entry.name, "liquid", f"{measure.text}, {ml_text(ml * batch_ml / _PER_ML)}"))
    return out


def vehicle_weighings(formula: Formula, batch_ml: float, mwq_mg: float) -> list[tuple[str, float]]:
    """(what is weighed, mg) for each solid of the vehicle, as the balance is to show it."""
    balance = _balance(mwq_mg)
    out: list[tuple[str, float]] = []
    for entry in formula.ingredients_per_100_ml:
        if entry.amount_mg is None:
            continue
        mg = entry.amount_mg * batch_ml / _PER_ML
        aliquot = vehicle_aliquot(mg, mwq_mg) if mg < mwq_mg else None
        if aliquot is not None:
            out.append(
                (f"{entry.name}, for its {ml_text(aliquot.flask_ml)} aliquot solution", aliquot.weigh_mg)
            )
        else:
            out.append((entry.name, balance.shown(mg)))
    return out


def _aliquot_text(name: str, mg: float, mwq_mg: float) -> str | None:
    aliquot = vehicle_aliquot(mg, mwq_mg) if mg < mwq_mg else None
    if aliquot is None:
        return None
    return (
        f"{name} {mg_text(mg)} is under the balance's minimum weighable quantity ({mg_text(mwq_mg)}): weigh "
        f"{mg_text(aliquot.weigh_mg)}, dissolve it in purified water in a {ml_text(aliquot.flask_ml)} volumetric "
        f"flask and make up to the mark ({mg_per_ml_text(aliquot.strength_mg_per_ml)}); measure "
        f"{ml_text(aliquot.take_ml)} of it ({ml_text(aliquot.take_ml)} × {mg_per_ml_text(aliquot.strength_mg_per_ml)} "
        f"= {mg_text(aliquot.take_ml * aliquot.strength_mg_per_ml)}){_measured_with(aliquot.take_ml)} for the "
        "vehicle and discard the other "
        f"{ml_text(aliquot.left_ml)}."
    )


def vehicle_scaling_text(formula: Formula, batch_ml: float) -> str | None:
    """The formula's amounts per 100 mL scaled to the batch, as a checker redoes them; None for
    a vehicle of water alone."""
    entries = formula.ingredients_per_100_ml
    if not entries:
        return None
    scale = batch_ml / _PER_ML
    factor = format_number(scale, 4)
    sums = []
    for entry in entries:
        mg, ml = entry.amount_mg, entry.amount_ml
        name = entry.name[:1].lower() + entry.name[1:]  # mid-sentence
        if mg is not None:
            sums.append(f"{name} {mg_text(mg)} × {factor} = {mg_text(mg * scale)}")
        elif ml is not None:
            sums.append(f"{name} {ml_text(ml)} × {factor} = {ml_text(ml * scale)}")
    return (
        f"Vehicle: the formula per {ml_text(_PER_ML)} × {factor} for {ml_text(batch_ml)}: {'; '.join(sums)}; "
        f"purified water to {ml_text(batch_ml)}."
    )


def _tablets_text(count: int, tablet_mg: float) -> str:
    return f"{count} naltrexone HCl {mg_text(tablet_mg)} tablet{'s' if count != 1 else ''}"


def _as_read(weigh_mg: float, mwq_mg: float) -> str:
    """': 146 mg as the balance reads it (to 1 mg)' where the balance cannot show the weight worked
    out; nothing where it can. The record's weighing line is written the same way."""
    balance = _balance(mwq_mg)
    if balance.text(weigh_mg) == mg_text(weigh_mg):  # the weight as written is what it shows
        return ""
    return f": {balance.text(weigh_mg)} as the balance reads it (to {mg_text(balance.readability_mg)})"


def _powder_name(drug: DrugSource) -> str:
    return "naltrexone base powder" if drug.salt == Salt.BASE else "naltrexone HCl powder"


def _correction(drug: DrugSource, hcl_mg: float, weigh_mg: float) -> str:
    """Why the weight differs from the naltrexone HCl it delivers, in words and safe numbers,
    with the arithmetic a checker redoes: × the salt factor, ÷ the assay, ÷ the dry fraction."""
    parts = [f"{mg_text(hcl_mg)} naltrexone HCl"]
    sums = [mg_text(hcl_mg)]
    redone = shown(mg_text(hcl_mg))
    if drug.salt == Salt.BASE:
        factor = format_number(drug.salt_factor, 4)
        parts.append(f"× {factor} as base")
        sums.append(f"× {factor}")
        redone *= float(factor)
    if drug.potency_percent != 100:
        assay = format_number(drug.potency_percent / 100, 6)
        sums.append(f"÷ {assay}")
        redone /= float(assay)
    if drug.water_percent:
        dry = format_number(1 - drug.water_percent / 100, 6)
        sums.append(f"÷ {dry}")
        redone /= float(dry)
    water = f" and water {percent_text(drug.water_percent)}" if drug.water_percent else ""
    parts.append(f"corrected for potency {percent_text(drug.potency_percent)}{water}")
    arithmetic = f": {' '.join(sums)} {result_text(redone, weigh_mg)}" if len(sums) > 1 else ""
    return ", ".join(parts) + arithmetic


def drug_ingredients(plan: Plan, drug: DrugSource) -> tuple[Ingredient, ...]:
    if drug.source == Source.TABLETS:
        total = plan.tablets * drug.tablet_mg
        purpose = f", for the {mg_per_ml_text(plan.dilution.stock_mg_per_ml)} stock" if plan.dilution else ""
        return (
            Ingredient(
                f"Naltrexone HCl {mg_text(drug.tablet_mg)} tablets",
                f"{plan.tablets} tablet{'s' if plan.tablets != 1 else ''} "
                f"({mg_text(total)} naltrexone HCl){purpose}",
                count=plan.tablets,
                amount_mg=total,
            ),
        )
    weigh = plan.weigh_powder_mg or 0.0
    purpose = f", for the {mg_per_ml_text(plan.dilution.stock_mg_per_ml)} stock" if plan.dilution else ""
    name = "Naltrexone base powder" if drug.salt == Salt.BASE else "Naltrexone HCl powder"
    return (Ingredient(name, f"{mg_text(weigh)}{purpose}", amount_mg=weigh),)


def _vehicle_step(vehicle: tuple[Ingredient, ...], batch_ml: float, mwq_mg: float) -> list[str]:
    added = [item for item in vehicle if item.name != "Purified water"]
    if not added:
        return []
    balance = _balance(mwq_mg)
    aliquots = [
        text
        for item in added
        if item.amount_mg is not None
        and (text := _aliquot_text(item.name, item.amount_mg, mwq_mg)) is not None
    ]

    def weighed(item: Ingredient) -> str:
        if item.amount_mg is None:
            measured = "" if item.amount_ml is None else _measured_with(item.amount_ml)
            return f"{item.name.lower()} {item.amount_text}" + (f" measured{measured}" if measured else "")
        if item.amount_mg < mwq_mg and vehicle_aliquot(item.amount_mg, mwq_mg) is not None:
            return f"{item.name.lower()} {item.amount_text} (the measured solution)"
        return f"{item.name.lower()} {balance.text(item.amount_mg)} (weighed)"

    listed = ", ".join(weighed(item) for item in added)
    return [
        *aliquots,
        # A quarter of the batch leaves room for the glycerol and up to half a batch of stock.
        f"Prepare the vehicle: in about {ml_text(batch_ml / 4)} of purified water dissolve or mix in {listed}.",
    ]


def _repeats_storage(label: str, storage: str) -> bool:
    """An auxiliary label that only says the storage again ('Keep in the refrigerator')."""
    said, told = label.rstrip(".").lower(), storage.lower()
    return said == told or ("refrigerat" in said and "refrigerat" in told)


def _fill_step(batch_ml: float, bottle_ml: float | None, *, suspension: bool) -> list[str]:
    """A bottle filled from a larger batch: what goes in it, measured with what, and that the
    rest is discarded."""
    if bottle_ml is None or ml_text(batch_ml - bottle_ml) == ml_text(0) or bottle_ml > batch_ml:
        return []
    # Measured out of the batch with a second measure (the batch's own cylinder holds the rest).
    measure = aliquot_on_a_mark(bottle_ml)
    with_what = "" if measure is None else f" with {measure.text}"
    mix = "Shake the batch well" if suspension else "Mix the batch well"
    return [
        f"{mix} and measure {ml_text(bottle_ml)} of it{with_what} into the bottle (the quantity "
        f"dispensed); discard the remaining {ml_text(batch_ml - bottle_ml)}: it is not dispensed or kept."
    ]


def _label_step(
    drug: DrugSource, quantity_ml: float, formula: Formula, labels: tuple[str, ...], bud: BeyondUseDate
) -> str:
    """Pack and label: `quantity_ml` is what the bottle holds (the batch, or a bottle filled from it)."""
    # The formula's storage, not the USP category's, goes on the label: it is the stricter one.
    form = "oral suspension" if drug.source == Source.TABLETS else "oral solution"
    storage = formula.storage
    shown = [label for label in labels if not _repeats_storage(label, storage)]
    return (
        f"Pack in: {formula.container}. Label: naltrexone HCl {mg_per_ml_text(drug.strength_mg_per_ml)} "
        f"{form}, {ml_text(quantity_ml)}; {'; '.join([*shown, storage])}; "
        f"do not use after {long_date(bud.date)}."
    )


def batch_measure(plan: Plan, drug: DrugSource) -> MakeUpMeasure:
    """What the batch is made up to volume in: a graduated cylinder for a suspension from
    tablets, a volumetric flask (or cylinder) for a solution from powder. The batch volume is
    always raised to a mark (batch.py); a volume no measure shows is refused rather than written
    as a make-up step nobody can read."""
    measure = make_up_measure(plan.batch_volume_ml, suspension=drug.source == Source.TABLETS)
    if measure is None:
        raise RecipeError(
            f"The batch volume of {ml_text(plan.batch_volume_ml)} is not a mark of any graduated cylinder "
            "or volumetric flask, so it cannot be made up to volume: choose a volume such as 100 mL.",
            field="volume",
        )
    return measure


def _mark_of(volume_ml: float) -> str:
    """'the 50 mL mark of the 50 mL graduated cylinder (1 mL marks)' for a suspension's volume."""
    measure = make_up_measure(volume_ml, suspension=True)
    return ml_text(volume_ml) if measure is None else f"the {ml_text(volume_ml)} mark of {measure.text}"


def _make_up(drug: DrugSource, plan: Plan, add_vehicle: bool) -> str:
    verb = "Add the vehicle, then make" if add_vehicle else "Make"
    volume = ml_text(plan.batch_volume_ml)
    measure = batch_measure(plan, drug)
    if measure.is_flask:
        to = f"up to the mark of {measure.text} ({volume})"
    else:
        to = f"up to the {volume} mark of {measure.text}"
    return (
        f"{verb} {to} with purified water (q.s.) and mix well: "
        f"{mg_per_ml_text(drug.strength_mg_per_ml)} ({mg_text(plan.hcl_mg)} naltrexone HCl in {volume})."
    )


def _drug_steps(plan: Plan, drug: DrugSource, mwq_mg: float, *, in_vehicle: bool) -> list[str]:
    """The steps that bring the naltrexone into a graduated cylinder, before making up to volume.
    A single-step batch is wetted and dissolved in the vehicle when the formula has one."""
    dilution = plan.dilution
    batch = batch_measure(plan, drug)
    into = batch.text
    some, more, rinse = (
        ("a little of the vehicle", "more of the vehicle", "the vehicle")
        if in_vehicle
        else ("a little purified water", "more purified water", "purified water")
    )
    if drug.source == Source.TABLETS and dilution is None:
        return [
            f"Grind {_tablets_text(plan.tablets, drug.tablet_mg)} ({mg_text(plan.hcl_mg)} naltrexone HCl) "
            "to a fine powder in a mortar.",
            f"Wet the powder with {some} and mix to a smooth paste, then add {more} in portions, mixing well.",
            f"Transfer to {into}; rinse the mortar with {rinse} and add the rinsings.",
        ]
    if drug.source == Source.POWDER and dilution is None:
        weigh = plan.weigh_powder_mg or 0.0
        water = (
            "the vehicle" if in_vehicle else f"about {ml_text(plan.batch_volume_ml / 2)} of purified water"
        )
        return [
            f"Weigh {mg_text(weigh)} of {_powder_name(drug)} ({_correction(drug, plan.hcl_mg, weigh)})"
            f"{_as_read(weigh, mwq_mg)}.",
            f"Dissolve it in {water} in {into}; stir until fully dissolved.",
        ]
    assert dilution is not None
    stock = mg_per_ml_text(dilution.stock_mg_per_ml)
    if drug.source == Source.TABLETS:
        make_stock = (
            f"Make the {stock} stock: grind {_tablets_text(dilution.stock_tablets, drug.tablet_mg)} "
            f"({mg_text(dilution.stock_hcl_mg)} naltrexone HCl) to a fine powder, wet it with a little "
            f"purified water to a smooth paste, and make up to {_mark_of(dilution.stock_volume_ml)} with "
            "purified water (q.s.); mix well."
        )
        measure = f"Shake the stock well and measure {ml_text(dilution.aliquot_ml)} of it"
    else:
        weigh = dilution.stock_powder_mg or 0.0
        make_stock = (
            f"Make the {stock} stock: weigh {mg_text(weigh)} of {_powder_name(drug)} "
            f"({_correction(drug, dilution.stock_hcl_mg, weigh)}; at least the balance's minimum of "
            f"{mg_text(mwq_mg)}){_as_read(weigh, mwq_mg)}, dissolve it in purified water in a {ml_text(dilution.stock_volume_ml)} "
            "volumetric flask and make up to the mark; mix well."
        )
        measure = f"Measure {ml_text(dilution.aliquot_ml)} of the stock"
    with_what = "" if dilution.measure is None else f" with {dilution.measure.text}"
    return [
        make_stock,
        # A clean measure for the batch: the stock's own flask or cylinder may be of the same size.
        f"{measure} ({mg_text(dilution.aliquot_hcl_mg)} naltrexone HCl){with_what}; add it to "
        f"{batch.named('a clean')} for the batch.",
    ]


def _discard_step(plan: Plan) -> list[str]:
    if plan.dilution is None:
        return []
    left = plan.dilution.leftover_ml
    if ml_text(left) == ml_text(0):
        return ["All of the stock has been used."]
    return [f"Discard the remaining {ml_text(left)} of stock; it is not dispensed or kept."]


def write_steps(
    plan: Plan,
    drug: DrugSource,
    formula: Formula,
    vehicle: tuple[Ingredient, ...],
    labels: tuple[str, ...],
    bud: BeyondUseDate,
    *,
    mwq_mg: float,
    bottle_ml: float | None = None,
) -> tuple[str, ...]:
    """The ordered steps, each a sentence ready to be numbered; with `bottle_ml`, one bottle is
    filled from the batch and labelled with what it holds."""
    vehicle_step = _vehicle_step(vehicle, plan.batch_volume_ml, mwq_mg)
    fill = _fill_step(plan.batch_volume_ml, bottle_ml, suspension=drug.source == Source.TABLETS)
    quantity_ml = plan.batch_volume_ml if not fill or bottle_ml is None else bottle_ml
    return (
        *vehicle_step,
        *_drug_steps(plan, drug, mwq_mg, in_vehicle=bool(vehicle_step)),
        _make_up(drug, plan, add_vehicle=bool(vehicle_step) and plan.dilution is not None),
        *_discard_step(plan),
        *fill,
        _label_step(drug, quantity_ml, formula, labels, bud),
    )
