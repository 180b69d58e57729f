"""The compounding record's own lines as plain text: the Formula table, the calculations and the
weighings. The record and the MFR print them (record.py, mfr.py) and the app's pages show them,
so screen and paper share one writer; nothing here needs ReportLab, so a page showing them at
start-up does not load the document engine."""

from __future__ import annotations

from ldn_desk.recipes.capsules.recipe import CapsuleMethod, CapsuleRecipe
from ldn_desk.recipes.capsules.steps import CORRECTION_PREFIX
from ldn_desk.recipes.liquid.recipe import LiquidRecipe, Source
from ldn_desk.recipes.liquid.steps import vehicle_scaling_text, vehicle_weighings
from ldn_desk.recipes.weighing import balance_of
from ldn_desk.reference.formulas import formula_table
from ldn_desk.units.dose_text import (
    format_number,
    g_per_ml_text,
    mg_per_ml_text,
    mg_text,
    ml_text,
    percent_text,
)
from ldn_desk.units.sums import result_text, shown

Recipe = LiquidRecipe | CapsuleRecipe


def ingredient_lines(recipe: Recipe) -> list[tuple[str, str]]:
    """(name, amount) of each line of the record's formula table, in its order."""
    if isinstance(recipe, LiquidRecipe):
        return [(item.name, item.amount_text) for item in recipe.ingredients]
    powder = mg_text(recipe.api_mg)
    if mg_text(recipe.api_mg) != mg_text(recipe.drug_hcl_mg):  # assay, water or salt correction
        # "42.65 mg (46.5 mg naltrexone HCl)" read as base powder holding more HCl than it weighs.
        powder += f" (delivers {mg_text(recipe.drug_hcl_mg)} naltrexone HCl)"
    return [
        (recipe.powder_name[:1].upper() + recipe.powder_name[1:], powder),
        (recipe.excipient_name, mg_text(recipe.excipient_mg)),
        (f"Capsule shells, size {recipe.size}", f"{recipe.capsules}"),
    ]


def _aliquot_weighings(recipe: CapsuleRecipe, lines: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """By the aliquot method the balance never shows the batch amounts: say beside them what is
    weighed, so the actual-amount column is filled against the right number."""
    aliquot = recipe.aliquot
    assert aliquot is not None
    (powder, powder_amount), (filler, filler_amount), *rest = lines
    filler_weighed = f"weigh {mg_text(aliquot.diluent_mg)} for the aliquot"
    if recipe.excipient_after_aliquot_mg:
        filler_weighed += f", then {mg_text(recipe.excipient_after_aliquot_mg)}"
    return [
        (powder, f"{powder_amount} in the batch; weigh {mg_text(aliquot.weigh_api_mg)} for the aliquot"),
        (filler, f"{filler_amount} in the batch; {filler_weighed}"),
        *rest,
    ]


def printed_formula(recipe: Recipe) -> list[tuple[str, str]]:
    """(name, amount) of each line of the Formula table exactly as the record prints it: by the
    aliquot method each amount says what is in the batch and what is weighed."""
    lines = ingredient_lines(recipe)
    if isinstance(recipe, CapsuleRecipe) and recipe.aliquot is not None:
        lines = _aliquot_weighings(recipe, lines)
    return lines


def _liquid_calculations(recipe: LiquidRecipe) -> list[str]:
    strength = mg_per_ml_text(recipe.concentration_mg_per_ml)
    redone = shown(strength) * shown(ml_text(recipe.batch_volume_ml))
    lines = [
        f"Drug in the batch: {strength} × {ml_text(recipe.batch_volume_ml)} "
        f"{result_text(redone, recipe.naltrexone_hcl_mg)} naltrexone HCl."
    ]
    scaling = vehicle_scaling_text(formula_table().formula(recipe.formula), recipe.batch_volume_ml)
    if scaling is not None:
        lines.append(scaling)
    dilution = recipe.dilution
    if dilution is not None:
        stock = mg_per_ml_text(dilution.stock_mg_per_ml)
        measure = dilution.measure
        with_what = "" if measure is None else f", measured on a mark of {measure.text}"
        lines.append(
            f"Serial dilution: stock {stock}, {ml_text(dilution.stock_volume_ml)} "
            f"({mg_text(dilution.stock_hcl_mg)} naltrexone HCl); take {ml_text(dilution.aliquot_ml)} of stock = "
            f"{mg_text(dilution.aliquot_hcl_mg)}{with_what}, made up to {ml_text(dilution.final_volume_ml)}."
        )
        lines.append(f"Stock left over and discarded: {ml_text(dilution.leftover_ml)}.")
    if ml_text(recipe.surplus_ml) != ml_text(0):
        made, dispensed = ml_text(recipe.batch_volume_ml), ml_text(recipe.dispensed_ml)
        surplus = result_text(shown(made) - shown(dispensed), recipe.surplus_ml, unit="mL")
        lines.append(
            f"Made {made}; dispensed {dispensed}; surplus discarded, not dispensed "
            f"or kept: {made} − {dispensed} {surplus}."
        )
    if recipe.source == Source.TABLETS:
        drug_mg = dilution.stock_hcl_mg if dilution is not None else recipe.naltrexone_hcl_mg
        lines.append(
            f"Tablets: {mg_text(drug_mg)} ÷ {mg_text(recipe.tablet_strength_mg)} per tablet "
            f"{result_text(_shown_mg(drug_mg) / _shown_mg(recipe.tablet_strength_mg), recipe.tablets, unit='')} "
            f"whole tablet{'s' if recipe.tablets != 1 else ''}."
        )
    elif recipe.weigh_powder_mg is not None:
        lines.append(
            f"Powder to weigh, corrected for assay, water and salt: {mg_text(recipe.weigh_powder_mg)} "
            "(the weighing step shows the arithmetic)."
        )
    return lines


def _shown_mg(mass_mg: float) -> float:
    """The mass as the record prints it (rounded, mcg below 0.01 mg), back in mg."""
    number, unit = mg_text(mass_mg, grouping=False).split()
    return float(number) / (1000 if unit == "mcg" else 1)


def _mg_of(text: str) -> float:
    """A printed mass back in mg: '7,472.5 mg' → 7472.5, '5 mcg' → 0.005."""
    return shown(text) / (1000 if text.endswith(" mcg") else 1)


def _capsule_calculations(recipe: CapsuleRecipe) -> list[str]:
    """Each line's operands are printed as the line before printed them, and its result is worked
    from those printed numbers (units/sums.py): '=' where they give it exactly, else '≈'."""
    per, made = recipe.drug_per_capsule_mg, recipe.capsules
    # By the aliquot method the balance shows the MWQ, not this amount: it is needed, not weighed.
    need = "to weigh" if recipe.aliquot is None else "needed"
    balance = balance_of(recipe.balance_mwq_mg)
    shown_as = ""
    if recipe.aliquot is None and mg_text(balance.shown(recipe.api_mg)) != mg_text(recipe.api_mg):
        need, shown_as = "needed", f"; weighed as {balance.text(recipe.api_mg)}, what the balance reads"
    drug = result_text(_shown_mg(per) * made, recipe.drug_hcl_mg)
    lines = [
        f"Capsules: {recipe.count} to dispense + {recipe.extra} extra = {made}.",
        f"Drug: {mg_text(per)} × {made} {drug} naltrexone HCl; powder {need} {mg_text(recipe.api_mg)} "
        f"({recipe.powder_name}){shown_as}.",
    ]
    lines += [step for step in recipe.steps if step.startswith(CORRECTION_PREFIX)]
    volume, filler_density = recipe.capsule_volume_ml, recipe.filler_density_g_per_ml
    full_mg = volume * filler_density * 1000
    full_text = mg_text(full_mg)
    if recipe.method == CapsuleMethod.VOLUME and recipe.published_fill_mg is not None:
        full_mg = recipe.published_fill_mg
        full_text = mg_text(full_mg)
        full = (
            f"Fill (volume method, the published fill weight of {recipe.excipient_name}): size {recipe.size} "
            f"holds {mg_text(full_mg)} of filler."
        )
    elif recipe.method == CapsuleMethod.VOLUME:
        full_sum = result_text(shown(ml_text(volume)) * shown(g_per_ml_text(filler_density)) * 1000, full_mg)
        full_text = full_sum[2:]
        full = (
            f"Fill (volume method): size {recipe.size} holds {ml_text(volume)} × {g_per_ml_text(filler_density)} "
            f"{full_sum} of filler."
        )
    else:
        full = f"Fill (calibrated with this filler lot): {mg_text(full_mg)} of filler in a size {recipe.size} capsule."
    fill, powder, filler = (
        recipe.fill_per_capsule_mg,
        recipe.powder_per_capsule_mg,
        recipe.excipient_per_capsule_mg,
    )
    api, excipient, batch = recipe.api_mg, recipe.excipient_mg, recipe.batch_fill_mg
    density = recipe.drug_density_g_per_ml
    if density is None:
        # No drug density measured: the powder displaces its own weight of filler.
        filler_sum = result_text(_mg_of(full_text) - _shown_mg(powder), filler)
        per_capsule = (
            f"Filler per capsule: {full_text} − {mg_text(powder)} of powder {filler_sum} (the powder "
            "displaces its own weight; no drug density measured)"
        )
    else:
        # The same rule as the steps: filler = (V − p ÷ ρ_drug) × ρ_filler, then fill = p + filler.
        room = format_number(powder / (density * 1000), 4, grouping=False)  # thousandths of a mL count here
        room_sum = result_text(
            _shown_mg(powder) / (shown(g_per_ml_text(density)) * 1000), float(room), unit="mL"
        )
        shown_density = shown(g_per_ml_text(filler_density))
        redone = (shown(ml_text(volume, grouping=False)) - float(room)) * shown_density * 1000
        filler_sum = result_text(redone, filler)
        fill_sum = result_text(_shown_mg(powder) + _mg_of(filler_sum[2:]), fill)
        per_capsule = (
            f"Room the powder takes: {mg_text(powder)} ÷ {g_per_ml_text(density)} (measured) {room_sum}; "
            f"filler per capsule ({ml_text(volume)} − {room} mL) × {g_per_ml_text(filler_density)} "
            f"{filler_sum}; fill per capsule {mg_text(powder)} + {filler_sum[2:]} {fill_sum}"
        )
    filler_text = filler_sum[2:]
    excipient_sum = result_text(_mg_of(filler_text) * made, excipient)
    batch_sum = result_text(_shown_mg(api) + _mg_of(excipient_sum[2:]), batch)
    lines += [
        full,
        f"{per_capsule}; for the batch {filler_text} × {made} {excipient_sum}.",
        f"Batch fill: {mg_text(api)} + {excipient_sum[2:]} {batch_sum} "
        f"(powder {percent_text(recipe.drug_share_percent)} of each fill).",
    ]
    aliquot = recipe.aliquot
    if aliquot is not None and aliquot.first_total_mg is not None and aliquot.first_take_mg is not None:
        take, weigh, total = aliquot.take_mg, aliquot.weigh_api_mg, aliquot.dilute_to_mg
        first, carry = aliquot.first_total_mg, aliquot.first_take_mg
        redone = _shown_mg(take) * _shown_mg(carry) * _shown_mg(weigh) / (_shown_mg(first) * _shown_mg(total))
        lines.append(
            f"Aliquot in two stages (one dilution would be too large): weigh {mg_text(weigh)} of powder, "
            f"dilute with filler to {mg_text(first)}, take {mg_text(carry)}, dilute to {mg_text(total)}, "
            f"take {mg_text(take)}: {mg_text(take)} × {mg_text(carry)} × {mg_text(weigh)} ÷ "
            f"({mg_text(first)} × {mg_text(total)}) {result_text(redone, aliquot.drug_in_take_mg)} "
            f"of powder{_portion_note(recipe)} (steps below)."
        )
    elif aliquot is not None:
        take, weigh, total = aliquot.take_mg, aliquot.weigh_api_mg, aliquot.dilute_to_mg
        redone = _shown_mg(take) * _shown_mg(weigh) / _shown_mg(total)
        lines.append(
            f"Aliquot (under the balance's minimum weighable quantity): weigh {mg_text(weigh)} of "
            f"powder, dilute with filler to {mg_text(total)}, take {mg_text(take)}: "
            f"{mg_text(take)} × {mg_text(weigh)} ÷ {mg_text(total)} {result_text(redone, aliquot.drug_in_take_mg)} "
            f"of powder{_portion_note(recipe)} (steps below)."
        )
    return lines


def _portion_note(recipe: CapsuleRecipe) -> str:
    """Where no total lets the portion read exactly, the amount needed beside what it holds."""
    aliquot = recipe.aliquot
    if aliquot is None or mg_text(aliquot.drug_in_take_mg) == mg_text(recipe.api_mg):
        return ""
    return f" ({mg_text(recipe.api_mg)} needed; the portion is read to the balance's step)"


def calculation_lines(recipe: Recipe) -> list[str]:
    """The calculations block, line by line, as the checker redoes it."""
    return _liquid_calculations(recipe) if isinstance(recipe, LiquidRecipe) else _capsule_calculations(recipe)


def weighings(recipe: Recipe) -> list[tuple[str, str]]:
    """(what is weighed, the weight as the balance shows it) for every weighing of the batch, in order."""
    balance = balance_of(recipe.balance_mwq_mg)
    if isinstance(recipe, LiquidRecipe):
        out: list[tuple[str, str]] = []
        mwq = balance.minimum_weighable_mg
        formula = formula_table().formula(recipe.formula)
        out += [(name, mg_text(mg)) for name, mg in vehicle_weighings(formula, recipe.batch_volume_ml, mwq)]
        if recipe.weigh_powder_mg is not None:
            what = "Powder for the stock" if recipe.dilution is not None else "Naltrexone powder"
            out.append((what, balance.text(recipe.weigh_powder_mg)))
        return out
    filler, powder = recipe.excipient_name, recipe.powder_name
    aliquot = recipe.aliquot
    if aliquot is not None:
        out = [
            (f"Aliquot: {powder}", mg_text(aliquot.weigh_api_mg)),
            (f"Aliquot: {filler} added", mg_text(aliquot.diluent_mg)),
            ("Aliquot: portion of the mixture", mg_text(aliquot.take_mg)),
        ]
        if recipe.excipient_after_aliquot_mg:
            out.append((f"Portion and {filler}, in total", mg_text(recipe.batch_fill_mg)))
        return out
    out = [(powder[:1].upper() + powder[1:], balance.text(recipe.api_mg))]
    if recipe.excipient_mg >= balance.minimum_weighable_mg:
        out.append((filler, balance.text(recipe.excipient_mg)))
    else:
        out.append((f"Powder and {filler}, in total", balance.text(recipe.batch_fill_mg)))
    return out
