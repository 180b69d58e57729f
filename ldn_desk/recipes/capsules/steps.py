"""The written side of a capsule recipe: the steps a pharmacist follows and the notes on the fill."""

from __future__ import annotations

import math

from ldn_desk.recipes.capsules.model import CapsuleFill, CapsuleInput, CapsuleRecipe
from ldn_desk.recipes.choices import Salt
from ldn_desk.recipes.dose_range import Alert, Level
from ldn_desk.recipes.weighing import BalanceUse, balance_for
from ldn_desk.reference.capsules import capsule_table
from ldn_desk.reference.drug import drug_table
from ldn_desk.reference.excipients import excipient_table
from ldn_desk.units.dates import long_date
from ldn_desk.units.dose_text import format_number, g_per_ml_text, mg_text, ml_text, percent_text
from ldn_desk.units.sums import result_text, shown


def _filler_text(powder_mg: float, filler_mg: float, fill_mg: float) -> str:
    """The filler of one capsule written so that powder + filler = the fill as printed: with a
    decimal more where the usual rounding would miss (1.355 mg + 93.645 mg = 95 mg, not 93.64 mg)."""
    text = mg_text(filler_mg)
    printed = shown(mg_text(fill_mg)) - shown(mg_text(powder_mg))
    if math.isclose(shown(text), printed, rel_tol=1e-9, abs_tol=1e-9):
        return text
    return f"{format_number(printed, 6)} mg"


def fill_alerts(inp: CapsuleInput, fill: CapsuleFill, name: str, share_percent: float) -> list[Alert]:
    """What the pharmacist is warned of about the fill: the filler, its density, the drug's share, the assay."""
    alerts: list[Alert] = []
    filler = excipient_table().filler(inp.excipient)
    if filler.contains_lactose:
        alerts.append(
            Alert(Level.CAUTION, f"{name} contains lactose — some patients need a lactose-free filler.")
        )
    if inp.calibrated_fill is None:
        alerts.extend(_published_fill_alerts(inp, fill, name))
    if inp.calibrated_fill is None and filler.density_range_g_per_ml is not None:
        low, high = filler.density_range_g_per_ml
        alerts.append(
            Alert(
                Level.NOTE,
                f"{name} bulk density varies from lot to lot ({g_per_ml_text(low)} to {g_per_ml_text(high)}; "
                f"{g_per_ml_text(fill.filler_density_mg_per_ml / 1000)} used): calibrate this lot by filling "
                "and weighing capsules where possible.",
            )
        )
    if inp.calibrated_fill is not None:
        estimate_mg = fill.volume_ml * 1000 * filler.bulk_density_g_per_ml
        measured_mg = fill.volume_ml * fill.filler_density_mg_per_ml
        limit = capsule_table().calibration.warn_outside_percent
        if abs(measured_mg - estimate_mg) > estimate_mg * limit / 100:
            alerts.append(
                Alert(
                    Level.WARNING,
                    f"The calibrated fill ({mg_text(measured_mg)}) is far from the volume estimate of "
                    f"{mg_text(estimate_mg)} for a size {fill.size} capsule of {name}: check the size and that "
                    "the weight was divided by the number of capsules filled.",
                )
            )
    share_limit = capsule_table().drug_share.alert_above_percent
    if share_percent > share_limit:
        rule = (
            ""
            if inp.drug_density is not None
            else "; with no drug density measured, the displacement is a rough estimate"
        )
        alerts.append(
            Alert(
                Level.WARNING,
                f"The drug is {percent_text(share_percent)} of each capsule's fill (more than "
                f"{percent_text(share_limit)}){rule}: consider a larger size.",
            )
        )
    usp = drug_table().powder
    low_assay, high_assay = usp.assay_low_percent, usp.assay_high_percent
    if not low_assay <= inp.potency_percent <= high_assay:
        alerts.append(
            Alert(
                Level.CAUTION,
                f"An assay of {percent_text(inp.potency_percent)} is outside the USP range for naltrexone HCl "
                f"({percent_text(low_assay)} to {percent_text(high_assay)}): check the certificate of analysis.",
            )
        )
    return alerts


def _published_fill_alerts(inp: CapsuleInput, fill: CapsuleFill, name: str) -> list[Alert]:
    """Where a weighed fill of this filler and size is published, the estimate from volume and bulk
    density is checked against it: far apart, the table itself is in doubt, so ask for calibration."""
    table = capsule_table()
    published = fill.published_fill_mg
    if published is None:
        return []
    estimate_mg = fill.volume_ml * 1000 * excipient_table().filler(inp.excipient).bulk_density_g_per_ml
    apart = 100 * abs(estimate_mg - published) / published
    limit = table.published_fill.agree_within_percent
    if apart <= limit:
        return []
    return [
        Alert(
            Level.CAUTION,
            f"For a size {fill.size} capsule of {name} the volume estimate ({ml_text(fill.volume_ml)} × "
            f"{g_per_ml_text(estimate_mg / fill.volume_ml / 1000)} = {mg_text(estimate_mg)}) and the published "
            f"fill weight ({mg_text(published)}) are {percent_text(apart)} apart, more than "
            f"{percent_text(limit)}: the published weight is used; calibrate the fill with this lot "
            "(fill and weigh capsules) before making the batch.",
        )
    ]


def _method_step(inp: CapsuleInput, fill: CapsuleFill, name: str) -> str:
    if inp.calibrated_fill is None and fill.published_fill_mg is not None:
        basis = (
            f"Volume method with the published fill weight: a size {fill.size} capsule holds "
            f"{mg_text(fill.published_fill_mg)} of {name}"
        )
    elif inp.calibrated_fill is None:
        full_mg = fill.volume_ml * fill.filler_density_mg_per_ml
        basis = (
            f"Volume method (no published fill weight for {name}): a size {fill.size} capsule holds "
            f"{ml_text(fill.volume_ml)} × "
            f"{g_per_ml_text(fill.filler_density_mg_per_ml / 1000)} = {mg_text(full_mg)} of {name}"
        )
    else:
        basis = (
            f"Calibrated method: {mg_text(float(inp.calibrated_fill.to('mg').magnitude))} of this {name} lot "
            f"fills one size {fill.size} capsule"
        )
    if inp.drug_density is None:
        room = "less the powder's own weight (no drug density measured)"
    else:
        room = (
            f"less the room the powder takes ({mg_text(fill.powder_mg)} ÷ "
            f"{g_per_ml_text(fill.drug_density_mg_per_ml / 1000)})"
        )
    return f"{basis}, {room}: {mg_text(fill.filler_mg)} of {name} per capsule."


CORRECTION_PREFIX = "Powder correction:"


def _correction_step(inp: CapsuleInput, drug_hcl_mg: float, api_mg: float, powder: str) -> str | None:
    parts = []
    # The arithmetic as a checker would redo it: × the salt factor, ÷ the assay, ÷ the dry fraction.
    sums = [mg_text(drug_hcl_mg)]
    redone = shown(mg_text(drug_hcl_mg))
    if inp.salt == Salt.BASE:
        factor = format_number(drug_table().naltrexone.base_per_hcl, 6)
        parts.append(f"base powder for a dose written as HCl: × {factor}")
        sums.append(f"× {factor}")
        redone *= float(factor)
    if inp.potency_percent != 100:
        parts.append(f"assay {percent_text(inp.potency_percent)}")
        assay = format_number(inp.potency_percent / 100, 6)
        sums.append(f"÷ {assay}")
        redone /= float(assay)
    if inp.water_percent:
        parts.append(f"water {percent_text(inp.water_percent)}")
        dry = format_number(1 - inp.water_percent / 100, 6)
        sums.append(f"÷ {dry}")
        redone /= float(dry)
    if not parts:
        return None
    return (
        f"{CORRECTION_PREFIX} {mg_text(drug_hcl_mg)} of naltrexone HCl needs {mg_text(api_mg)} "
        f"of {powder} ({'; '.join(parts)}): {' '.join(sums)} {result_text(redone, api_mg)}."
    )


def _needed(balance: BalanceUse, mass_mg: float) -> str:
    """Beside a weight the balance cannot show exactly, the amount it stands for."""
    if mg_text(balance.shown(mass_mg)) == mg_text(mass_mg):
        return ""
    return f" ({mg_text(mass_mg)} needed, read to the balance's {mg_text(balance.readability_mg)})"


def write_steps(inp: CapsuleInput, fill: CapsuleFill, recipe: CapsuleRecipe) -> tuple[str, ...]:
    """The steps to make, fill, check and label the batch, from the recipe's finished numbers."""
    name, powder, made = recipe.excipient_name, recipe.powder_name, recipe.capsules
    drug_mg, powder_mg, fill_mg = (
        recipe.drug_per_capsule_mg,
        recipe.powder_per_capsule_mg,
        recipe.fill_per_capsule_mg,
    )
    api_mg, excipient_mg, batch_fill_mg = recipe.api_mg, recipe.excipient_mg, recipe.batch_fill_mg
    mwq_mg = float(inp.balance_mwq.to("mg").magnitude)
    making = capsule_table().making
    each, average = making.qc_each_percent / 100, making.qc_average_percent / 100
    bud = recipe.bud

    as_powder = "" if powder_mg == drug_mg else f" ({mg_text(powder_mg)} of {powder})"
    steps = [
        f"Make {made} capsules, size {fill.size}: {inp.count} to dispense and {inp.extra} extra "
        "for losses in filling.",
        _method_step(inp, fill, name),
        f"Each capsule: {mg_text(drug_mg)} of naltrexone HCl{as_powder} and "
        f"{_filler_text(powder_mg, fill.filler_mg, fill_mg)} of {name}, {mg_text(fill_mg)} in all.",
    ]
    if fill.size_suggested:
        steps.insert(1, f"Size {fill.size} is the smallest capsule that holds this fill.")
    correction = _correction_step(inp, recipe.drug_hcl_mg, api_mg, powder)
    if correction:
        steps.append(correction)

    aliquot = recipe.aliquot
    if aliquot is not None:  # the powder is under the balance's minimum weighable quantity
        after_mg = recipe.excipient_after_aliquot_mg or 0.0
        steps.extend(aliquot.steps)
        if after_mg > 0:
            steps.append(
                f"To that portion add {name} by geometric dilution until the mixture weighs "
                f"{mg_text(batch_fill_mg)} in total ({mg_text(after_mg)} of {name})."
            )
        else:
            steps.append(f"That portion is the whole batch's fill ({mg_text(batch_fill_mg)}).")
    else:
        balance = balance_for(mwq_mg)
        steps.append(f"Weigh {balance.text(api_mg)} of {powder}{_needed(balance, api_mg)}.")
        if excipient_mg >= mwq_mg:
            steps.append(
                f"Weigh {balance.text(excipient_mg)} of {name}{_needed(balance, excipient_mg)} and mix with the "
                "powder by geometric dilution."
            )
        else:
            # Too little filler to weigh alone: read the total instead, which is at least the MWQ.
            steps.append(
                f"Add {name} by geometric dilution until the mixture weighs {mg_text(batch_fill_mg)} in total "
                f"({mg_text(excipient_mg)} of {name})."
            )
    steps.extend(
        [
            f"Fill the {made} capsules evenly, {mg_text(fill_mg)} in each.",
            f"Check the fill weights (filled capsule less the empty shell): each between "
            f"{mg_text(fill_mg * (1 - each))} and {mg_text(fill_mg * (1 + each))} "
            f"(±{percent_text(each * 100)}); the average between {mg_text(fill_mg * (1 - average))} and "
            f"{mg_text(fill_mg * (1 + average))} (±{percent_text(average * 100)}).",
            # The basis has brackets of its own ("Solid (capsules, powders)"): a dash, not more brackets.
            f"Label: do not use after {long_date(bud.date)} — {bud.basis}. {bud.storage}.",
        ]
    )
    return tuple(steps)
