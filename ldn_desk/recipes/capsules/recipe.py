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
import math

from ldn_desk.errors import InputError, RecipeError
from ldn_desk.recipes.aliquot import Aliquot, plan_aliquot
from ldn_desk.recipes.bud import dated_by_components, usp_bud
from ldn_desk.recipes.capsules.model import (
    CapsuleFill,
    CapsuleInput,
    CapsuleMethod,
    CapsuleRecipe,
    capsule_sizes,
    capsule_volume_ml,
    excipients,
)
from ldn_desk.recipes.capsules.steps import fill_alerts, write_steps
from ldn_desk.recipes.choices import Salt
from ldn_desk.recipes.dose_range import Alert, Level, check_daily_dose
from ldn_desk.reference.balance import balance_table
from ldn_desk.reference.capsules import capsule_table
from ldn_desk.reference.drug import drug_table
from ldn_desk.reference.excipients import excipient_table
from ldn_desk.units.dose_text import mg_text, ml_text
from ldn_desk.units.numeric import above, at_least

__all__ = [
    "CapsuleFill",
    "CapsuleInput",
    "CapsuleMethod",
    "CapsuleRecipe",
    "capsule_sizes",
    "capsule_volume_ml",
    "excipients",
    "make_capsules",
    "powder_per_hcl",
    "suggest_size",
]


def suggest_size(fill_volume_ml: float) -> str:
    """The smallest capsule whose body volume holds `fill_volume_ml`."""
    if not (math.isfinite(fill_volume_ml) and fill_volume_ml > 0):
        raise InputError("fill volume", f"{fill_volume_ml}", "must be more than zero", "0.2 mL")
    for size in reversed(capsule_sizes()):
        if at_least(capsule_volume_ml(size), fill_volume_ml):
            return size
    largest = capsule_sizes()[0]
    raise RecipeError(
        f"A fill of {ml_text(fill_volume_ml)} is more than the largest capsule "
        f"(size {largest}, {ml_text(capsule_volume_ml(largest))}) holds.",
        field="strength",
    )


def powder_per_hcl(salt: Salt, potency_percent: float, water_percent: float) -> float:
    """mg of powder to weigh per mg of naltrexone HCl: salt factor ÷ (assay × dry fraction).

    The assay is on the anhydrous basis (USP), so the lot's water is corrected for as well.
    """
    salt_factor = drug_table().naltrexone.salt_factor(salt)
    return salt_factor / ((potency_percent / 100) * (1 - water_percent / 100))


def _fill(inp: CapsuleInput, powder_mg: float) -> CapsuleFill:
    bulk_mg_per_ml = 1000 * excipient_table().filler(inp.excipient).bulk_density_g_per_ml
    measured = None if inp.drug_density is None else 1000 * float(inp.drug_density.to("g/mL").magnitude)
    if inp.size is None:
        # The fill to hold: the powder's own volume plus the least filler that keeps the powder at
        # or under the alert share t:  p ≤ t × (p + filler)  ⇔  filler ≥ p (1 − t) / t.
        share = capsule_table().drug_share.alert_above_percent / 100
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
    making = capsule_table().making
    each, average = making.qc_each_percent / 100, making.qc_average_percent / 100
    bud, expiry_alerts = dated_by_components(usp_bud(inp.compounded, "solid"), inp.compounded, inp.expiries)
    alerts.extend(expiry_alerts)

    aliquot: Aliquot | None = None
    after_mg: float | None = None
    if api_mg < mwq_mg:
        aliquot = plan_aliquot(api_mg, mwq_mg, substance=powder, diluent=name)
        if above(aliquot.take_mg, batch_fill_mg):
            raise RecipeError(
                f"The whole batch fill ({mg_text(batch_fill_mg)}) is less than the aliquot portion "
                f"({mg_text(aliquot.take_mg)}) the balance needs: make more capsules or choose a larger size.",
                field="count",
            )
        after_mg = max(0.0, batch_fill_mg - aliquot.take_mg)
        practical_mg = balance_table().aliquot.practical_max_total_mg
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
        method=CapsuleMethod.VOLUME if inp.calibrated_fill is None else CapsuleMethod.CALIBRATED,
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
