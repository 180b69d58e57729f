"""Capsule recipes: worked examples for both methods, corrections, aliquots, sizes and bad input."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from ldn_desk.errors import DoseRangeError, InputError, RecipeError
from ldn_desk.recipes.capsules.recipe import (
    CapsuleInput,
    CapsuleRecipe,
    capsule_sizes,
    make_capsules,
    powder_per_hcl,
    suggest_size,
)
from ldn_desk.recipes.dose_range import Level
from ldn_desk.recipes.weighing import balance_for
from ldn_desk.units.quantity import Quantity

MADE = dt.date(2026, 12, 1)


def mg(value: float) -> Any:
    return Quantity(value, "mg")


def recipe(strength_mg: float, count: int, **kwargs: Any) -> CapsuleRecipe:
    return make_capsules(CapsuleInput(strength=mg(strength_mg), count=count, compounded=MADE, **kwargs))


def alert_texts(result: CapsuleRecipe) -> str:
    return "\n".join(alert.text for alert in result.alerts)


# --- volume method -------------------------------------------------------------------------------


def test_size_3_lactose_30_capsules_of_1_5_mg() -> None:
    # The published fill of a size 3 capsule with lactose is 293 mg (DOMAIN.md §5), used instead of
    # the estimate 0.30 mL × 0.98 g/mL = 294 mg (0.34 % apart: within 3 %, so no call to calibrate).
    # 30 capsules + 1 extra = 31; each holds 1.5 mg drug, which displaces its own weight:
    # filler 293 − 1.5 = 291.5 mg; fill 293 mg. Batch: drug 31 × 1.5 = 46.5 mg, filler
    # 31 × 291.5 = 9,036.5 mg, fill 31 × 293 = 9,083 mg.
    result = recipe(1.5, 30, size="3", excipient="lactose")
    assert result.capsules == 31
    assert result.method == "volume"
    assert result.published_fill_mg == 293
    assert result.size == "3" and not result.size_suggested
    assert result.fill_per_capsule_mg == pytest.approx(293)
    assert result.excipient_per_capsule_mg == pytest.approx(291.5)
    assert result.api_mg == pytest.approx(46.5)
    assert result.drug_hcl_mg == pytest.approx(46.5)
    assert result.excipient_mg == pytest.approx(9036.5)
    assert result.batch_fill_mg == pytest.approx(9083)
    # QC: each 293 ± 10 % = 263.7 to 322.3 mg; the average 293 ± 3 % = 284.21 to 301.79 mg.
    assert result.qc_each_low_mg == pytest.approx(263.7)
    assert result.qc_each_high_mg == pytest.approx(322.3)
    assert result.qc_average_low_mg == pytest.approx(284.21)
    assert result.qc_average_high_mg == pytest.approx(301.79)
    assert "published fill weight: a size 3 capsule holds 293 mg of Lactose monohydrate" in "\n".join(
        result.steps
    )
    assert "calibrate the fill" not in alert_texts(result)
    assert "contains lactose — some patients need a lactose-free filler" in alert_texts(result)
    assert result.excipient_name == "Lactose monohydrate"


def test_size_4_lactose_uses_the_published_fill_and_asks_for_calibration() -> None:
    # Size 4 with lactose: the estimate 0.21 mL × 0.98 g/mL = 205.8 mg, the published fill 195 mg;
    # (205.8 − 195) ÷ 195 = 5.54 %, more than the 3 % convention: 195 mg is used and the recipe
    # asks for a calibrated fill. 1 mg × (30 + 1): filler 195 − 1 = 194 mg each, fill 195 mg.
    result = recipe(1, 30, size="4", excipient="lactose")
    assert result.fill_per_capsule_mg == pytest.approx(195)
    assert result.excipient_per_capsule_mg == pytest.approx(194)
    caution = [a for a in result.alerts if "5.54% apart" in a.text]
    assert len(caution) == 1 and caution[0].level is Level.CAUTION
    assert "205.8 mg" in caution[0].text and "195 mg" in caution[0].text
    assert "calibrate the fill with this lot" in caution[0].text


def test_a_calibrated_fill_wins_over_the_published_one() -> None:
    # This lactose lot weighed 200 mg in size 4: 200 − 1 = 199 mg of filler, nothing asked.
    result = recipe(1, 30, size="4", excipient="lactose", calibrated_fill=mg(200))
    assert result.fill_per_capsule_mg == pytest.approx(200)
    assert result.published_fill_mg is None
    assert "apart" not in alert_texts(result)


def test_mcc_has_no_published_fill_and_says_so() -> None:
    # MCC: 0.30 mL × 0.3 g/mL = 90 mg, the bulk-density estimate, with the reason it is used.
    result = recipe(3, 60, size="3")
    assert result.published_fill_mg is None
    assert "no published fill weight for Microcrystalline cellulose (Avicel)" in result.steps[1]


def test_size_3_mcc_60_capsules_of_3_mg_weighs_the_drug_directly() -> None:
    # MCC: 0.30 mL × 0.3 g/mL = 90 mg per capsule. 60 + 1 = 61 capsules; filler 90 − 3 = 87 mg each.
    # Drug 61 × 3 = 183 mg (at least the 120 mg MWQ, so no aliquot); filler 61 × 87 = 5,307 mg.
    result = recipe(3, 60, size="3")
    assert result.capsules == 61
    assert result.api_mg == pytest.approx(183)
    assert result.excipient_mg == pytest.approx(5307)
    assert result.fill_per_capsule_mg == pytest.approx(90)
    assert result.aliquot is None
    assert result.excipient_after_aliquot_mg is None
    assert "Weigh 183 mg of naltrexone HCl powder." in result.steps
    assert any(step.startswith("Weigh 5,307 mg of Microcrystalline cellulose") for step in result.steps)
    # MCC varies lot to lot: the volume method says so and suggests calibrating.
    assert "varies from lot to lot" in alert_texts(result)
    assert "calibrate this lot" in alert_texts(result)
    assert "lactose-free" not in alert_texts(result)


def test_measured_drug_density_takes_its_volume_from_the_filler() -> None:
    # Size 3 MCC, 4.5 mg at 0.5 g/mL: the drug takes 4.5 mg ÷ 500 mg/mL = 0.009 mL, so filler is
    # (0.30 − 0.009) mL × 300 mg/mL = 87.3 mg and the fill 4.5 + 87.3 = 91.8 mg.
    result = recipe(4.5, 30, size="3", drug_density=Quantity(0.5, "g/mL"))
    assert result.excipient_per_capsule_mg == pytest.approx(87.3)
    assert result.fill_per_capsule_mg == pytest.approx(91.8)
    assert any("less the room the powder takes" in step for step in result.steps)


def test_extra_capsules_are_counted() -> None:
    # 30 + 3 extra = 33 capsules of 3 mg: 99 mg of drug.
    result = recipe(3, 30, size="3", extra=3)
    assert result.capsules == 33
    assert result.api_mg == pytest.approx(99)
    assert result.steps[0].startswith("Make 33 capsules, size 3: 30 to dispense and 3 extra")


# --- calibrated method ---------------------------------------------------------------------------


def test_calibrated_fill() -> None:
    # This MCC lot: 150 mg fills one size 1 capsule. 90 + 2 extra = 92 capsules of 4.5 mg:
    # filler 150 − 4.5 = 145.5 mg each, 92 × 145.5 = 13,386 mg; drug 92 × 4.5 = 414 mg.
    result = recipe(4.5, 90, size="1", extra=2, calibrated_fill=mg(150))
    assert result.method == "calibrated"
    assert result.excipient_per_capsule_mg == pytest.approx(145.5)
    assert result.excipient_mg == pytest.approx(13386)
    assert result.api_mg == pytest.approx(414)
    assert result.fill_per_capsule_mg == pytest.approx(150)
    # A measured lot needs no lot-to-lot note.
    assert "varies from lot to lot" not in alert_texts(result)
    assert any(step.startswith("Calibrated method: 150 mg of this") for step in result.steps)


def test_calibrated_fill_with_drug_density() -> None:
    # The lot's own density in size 1: 150 mg ÷ 0.50 mL = 300 mg/mL. Drug 4.5 mg at 0.6 g/mL takes
    # 4.5 ÷ 600 = 0.0075 mL; filler (0.50 − 0.0075) × 300 = 147.75 mg; fill 152.25 mg.
    result = recipe(4.5, 30, size="1", calibrated_fill=mg(150), drug_density=Quantity(0.6, "g/mL"))
    assert result.excipient_per_capsule_mg == pytest.approx(147.75)
    assert result.fill_per_capsule_mg == pytest.approx(152.25)


def test_calibrated_fill_far_from_the_estimate_is_questioned() -> None:
    # 900 mg in a size 3 (estimate 90 mg of MCC): likely 10 capsules weighed and not divided.
    result = recipe(3, 60, size="3", calibrated_fill=mg(900))
    warnings = [a for a in result.alerts if a.level is Level.WARNING]
    assert any("divided by the number of capsules" in a.text for a in warnings)
    # 120 mg is within 50 % of 90 mg (a denser grade): no such warning.
    assert "divided by" not in alert_texts(recipe(3, 60, size="3", calibrated_fill=mg(120)))


def test_calibrated_fill_needs_its_size() -> None:
    with pytest.raises(InputError, match=r"^calibrated_fill: \"90 mg\" — belongs to the capsule size"):
        CapsuleInput(strength=mg(1.5), count=30, compounded=MADE, calibrated_fill=mg(90))


# --- potency and salt ----------------------------------------------------------------------------


def test_potency_correction_keeps_the_fill() -> None:
    # 98 % assay: 2 mg HCl needs 2 ÷ 0.98 = 2.040816 mg powder. 61 capsules: 122 mg HCl,
    # 124.4898 mg powder. Size 3 MCC: filler 90 − 2.040816 = 87.959184 mg, fill still 90 mg.
    result = recipe(2, 60, size="3", potency_percent=98.0)
    assert result.drug_hcl_mg == pytest.approx(122)
    assert result.api_mg == pytest.approx(124.4898, abs=1e-4)
    assert result.powder_per_capsule_mg == pytest.approx(2.040816, abs=1e-6)
    assert result.excipient_per_capsule_mg == pytest.approx(87.959184, abs=1e-6)
    assert result.fill_per_capsule_mg == pytest.approx(90)
    assert any(
        s.startswith("Powder correction: 122 mg of naltrexone HCl needs 124.5 mg") for s in result.steps
    )


def test_base_powder_water_and_assay() -> None:
    # Base powder, assay 99 % anhydrous, water 1 %: per mg HCl 0.9035 ÷ (0.99 × 0.99) = 0.921845 mg.
    # 60 + 1 capsules × 3 mg = 183 mg HCl → 183 × 0.921845 = 168.6976 mg of base powder.
    assert powder_per_hcl("base", 99, 1) == pytest.approx(0.921845, abs=1e-6)
    result = recipe(3, 60, size="3", salt="base", potency_percent=99.0, water_percent=1.0)
    assert result.api_mg == pytest.approx(168.6976, abs=1e-4)
    assert result.drug_hcl_mg == pytest.approx(183)
    assert result.powder_name == "naltrexone base powder"
    correction = next(s for s in result.steps if s.startswith("Powder correction"))
    assert "× 0.9035" in correction and "assay 99%" in correction and "water 1%" in correction


def test_assay_outside_usp_range_is_flagged() -> None:
    # USP: 98.0-102.0 % (resources/drug.toml); 97.5 % is accepted but flagged.
    result = recipe(3, 60, size="3", potency_percent=97.5)
    assert "outside the USP range" in alert_texts(result)
    assert "outside the USP range" not in alert_texts(recipe(3, 60, size="3", potency_percent=101.0))


# --- the balance ---------------------------------------------------------------------------------


def test_thirty_half_milligram_capsules_use_an_aliquot() -> None:
    # 30 + 1 = 31 capsules × 0.5 mg = 15.5 mg, under the 120 mg MWQ. A = 120 mg;
    # T ≥ 120 × 120 ÷ 15.5 = 929.03 → 930 mg, where P = 120.125 mg, which a balance reading 1 mg
    # cannot show; T = 960 gives P = 15.5 × 960 ÷ 120 = 124 mg exactly.
    # Size 3 MCC: batch fill 31 × 90 = 2,790 mg, so 2,790 − 124 = 2,666 mg of MCC is added
    # to the portion; the MCC in the capsules is 124 − 15.5 + 2,666 = 2,774.5 = 31 × 89.5 mg.
    result = recipe(0.5, 30, size="3")
    assert result.aliquot is not None
    assert result.aliquot.weigh_api_mg == 120
    assert result.aliquot.dilute_to_mg == 960
    assert result.aliquot.take_mg == 124
    assert result.excipient_after_aliquot_mg == pytest.approx(2666)
    assert result.excipient_mg == pytest.approx(2774.5)
    assert "minimum weighable quantity" in alert_texts(result)
    steps = "\n".join(result.steps)
    assert "Aliquot method" in steps
    assert "Weigh 124 mg of this mixture: it holds 15.5 mg of naltrexone HCl powder." in steps
    assert "until the mixture weighs 2,790 mg in total" in steps


def test_a_more_sensitive_balance_needs_no_aliquot() -> None:
    # An electronic balance with a 10 mg MWQ weighs the 15.5 mg directly.
    result = recipe(0.5, 30, size="3", balance_mwq=mg(10))
    assert result.aliquot is None
    assert "Weigh 15.5 mg of naltrexone HCl powder." in result.steps


def test_fill_under_the_mwq_needs_a_finer_balance_for_qc() -> None:
    # Size 3 MCC fill is 90 mg, under the 120 mg MWQ; size 3 lactose (293 mg) is not.
    assert "check the fill weights on a more sensitive balance" in alert_texts(recipe(3, 60, size="3"))
    lactose = recipe(3, 60, size="3", excipient="lactose")
    assert "more sensitive balance" not in alert_texts(lactose)


def test_batch_too_small_for_the_aliquot_is_refused() -> None:
    # 1 + 1 capsules, size 5 MCC: the whole fill is 2 × 0.13 × 300 = 78 mg, less than any 120 mg portion.
    with pytest.raises(RecipeError, match="aliquot portion"):
        recipe(0.5, 1, size="5")


# --- sizes ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("volume_ml", "size"),
    [(0.01, "5"), (0.13, "5"), (0.14, "4"), (0.30, "3"), (0.31, "2"), (0.95, "00"), (1.37, "000")],
)
def test_suggest_size(volume_ml: float, size: str) -> None:
    assert suggest_size(volume_ml) == size


def test_nothing_larger_than_000() -> None:
    with pytest.raises(RecipeError, match="largest capsule"):
        suggest_size(1.4)


def test_sizes_are_listed_largest_first() -> None:
    assert capsule_sizes() == ("000", "00", "0", "1", "2", "3", "4", "5")


def test_size_suggested_keeps_the_drug_a_small_share() -> None:
    # 4.5 mg in MCC: to keep the drug ≤ 10 % the capsule must hold 4.5 ÷ 300 + 4.5 × 0.9 ÷ (0.1 × 300)
    # = 0.015 + 0.135 = 0.15 mL: size 4 (0.21 mL), not size 5 (0.13 mL).
    result = recipe(4.5, 90)
    assert result.size == "4" and result.size_suggested
    assert result.drug_share_percent == pytest.approx(100 * 4.5 / 63)  # 0.21 × 300 = 63 mg
    assert "smallest capsule that holds this fill" in "\n".join(result.steps)
    # 1.5 mg: 0.005 + 0.045 = 0.05 mL, size 5.
    assert recipe(1.5, 90).size == "5"


def test_large_share_is_warned() -> None:
    # 4.5 mg in a size 5 MCC capsule (0.13 × 300 = 39 mg): 4.5 ÷ 39 = 11.5 % of the fill.
    result = recipe(4.5, 90, size="5")
    assert result.drug_share_percent == pytest.approx(11.538, abs=1e-3)
    assert "of each capsule's fill (more than 10%)" in alert_texts(result)


def test_drug_that_does_not_fit_is_refused() -> None:
    # 9 mg at 0.05 g/mL takes 9 ÷ 50 = 0.18 mL, more than a size 5 body (0.13 mL).
    with pytest.raises(RecipeError, match="does not fit a size 5 capsule"):
        recipe(9, 30, size="5", drug_density=Quantity(0.05, "g/mL"))


# --- dose range, BUD -----------------------------------------------------------------------------


def test_dose_range_is_checked_per_capsule() -> None:
    assert "above the usual LDN target" in alert_texts(recipe(5, 30, size="3"))
    with pytest.raises(DoseRangeError, match=r"^strength"):
        recipe(12, 30, size="3")


def test_bud_is_180_days_for_solids() -> None:
    # 1 December 2026 is Day 1; Day 180 is 29 May 2027 (as in test_bud).
    result = recipe(1.5, 30, size="3")
    assert result.bud.date == dt.date(2027, 5, 29)
    assert result.bud.days == 180
    assert result.storage == result.bud.storage
    assert "29 May 2027" in result.steps[-1]


# --- mass balance --------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(
    strength=st.floats(min_value=0.05, max_value=10),
    count=st.integers(min_value=1, max_value=1000),
    extra=st.integers(min_value=1, max_value=5),
    size=st.sampled_from([None, *capsule_sizes()]),
    excipient=st.sampled_from(["mcc", "lactose"]),
    calibrated=st.one_of(st.none(), st.floats(min_value=30, max_value=1500)),
    density=st.one_of(st.none(), st.floats(min_value=0.2, max_value=1.5)),
    potency=st.floats(min_value=90, max_value=110),
    water=st.floats(min_value=0, max_value=19.9),
    salt=st.sampled_from(["HCl", "base"]),
    mwq=st.floats(min_value=10, max_value=300),
)
def test_mass_balance(
    strength: float,
    count: int,
    extra: int,
    size: str | None,
    excipient: str,
    calibrated: float | None,
    density: float | None,
    potency: float,
    water: float,
    salt: str,
    mwq: float,
) -> None:
    if calibrated is not None and size is None:
        size = "3"
    inp = CapsuleInput(
        strength=mg(strength),
        count=count,
        compounded=MADE,
        size=size,
        excipient=excipient,
        extra=extra,
        calibrated_fill=None if calibrated is None else mg(calibrated),
        drug_density=None if density is None else Quantity(density, "g/mL"),
        potency_percent=potency,
        water_percent=water,
        salt=salt,
        balance_mwq=mg(mwq),
    )
    try:
        result = make_capsules(inp)
    except RecipeError:
        assume(False)
        return
    made = count + extra
    assert result.capsules == made
    # Powder + filler weighed into the batch = the fill of every capsule made.
    assert math.isclose(result.api_mg + result.excipient_mg, made * result.fill_per_capsule_mg, rel_tol=1e-9)
    # Each capsule delivers the strength, as naltrexone HCl, after potency, water and salt.
    assert math.isclose(result.drug_hcl_mg / made, strength, rel_tol=1e-12)
    salt_factor = 0.9035 if salt == "base" else 1.0  # resources/drug.toml base_per_hcl
    delivered = result.api_mg * (potency / 100) * (1 - water / 100) / salt_factor
    assert math.isclose(delivered, result.drug_hcl_mg, rel_tol=1e-9)
    assert result.excipient_per_capsule_mg > 0
    assert result.qc_each_low_mg < result.qc_average_low_mg < result.fill_per_capsule_mg
    assert result.fill_per_capsule_mg < result.qc_average_high_mg < result.qc_each_high_mg
    if result.aliquot is None:
        assert result.api_mg >= mwq
    else:
        plan = result.aliquot
        floor = mwq * (1 - 1e-9)
        assert min(plan.weigh_api_mg, plan.diluent_mg, plan.take_mg) >= floor
        # The portion read on the balance holds the powder needed, to within one of its steps of
        # mixture; in two stages the first mixture is diluted again: its part P1 of T1 carries the drug on.
        first = 1.0 if plan.first_total_mg is None else (plan.first_take_mg or 0.0) / plan.first_total_mg
        share = plan.weigh_api_mg / plan.dilute_to_mg * first
        read = balance_for(mwq).readability_mg
        assert abs(plan.take_mg * share - result.api_mg) <= read * share * (1 + 1e-9)
        assert result.excipient_after_aliquot_mg is not None
        assert math.isclose(
            plan.take_mg + result.excipient_after_aliquot_mg, result.batch_fill_mg, rel_tol=1e-9
        )


# --- bad input -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"strength": mg(0)}, "strength"),
        ({"strength": mg(-1)}, "strength"),
        ({"strength": Quantity(1, "mL")}, "strength"),
        ({"strength": 1.5}, "strength"),
        ({"count": 0}, "count"),
        ({"count": 2.5}, "count"),
        ({"count": True}, "count"),
        ({"extra": 0}, "extra"),
        ({"compounded": "2026-12-01"}, "compounded"),
        ({"size": "6"}, "size"),
        ({"size": 3}, "size"),
        ({"excipient": "calcium carbonate"}, "excipient"),
        ({"excipient": "displacement"}, "excipient"),
        ({"size": "3", "calibrated_fill": mg(0)}, "calibrated_fill"),
        ({"drug_density": Quantity(0.5, "mL")}, "drug_density"),
        ({"drug_density": mg(0.5)}, "drug_density"),
        ({"potency_percent": 0.0}, "potency_percent"),
        ({"potency_percent": 989.0}, "potency_percent"),
        ({"potency_percent": float("nan")}, "potency_percent"),
        ({"water_percent": -1.0}, "water_percent"),
        ({"water_percent": 25.0}, "water_percent"),
        ({"salt": "sulfate"}, "salt"),
        ({"salt": "hcl"}, "salt"),
        ({"balance_mwq": mg(0)}, "balance_mwq"),
    ],
)
def test_bad_input_names_the_field(changes: dict[str, Any], field: str) -> None:
    values: dict[str, Any] = {"strength": mg(1.5), "count": 30, "compounded": MADE, **changes}
    with pytest.raises(InputError, match=f"^{field}"):
        CapsuleInput(**values)


def test_the_published_fills_belong_to_a_filler_we_have() -> None:
    from ldn_desk.reference.capsules import capsule_table
    from ldn_desk.reference.excipients import excipient_table

    assert capsule_table().published_fill.filler in excipient_table().fillers


def test_a_mcg_dose_is_weighed_in_two_stages_and_recorded_so() -> None:
    # 10 mcg × (30 + 1) = 0.31 mg of powder: one dilution would be 46,460 mg of mixture (over the
    # 20,000 mg maximum), so two: 120 mg → 2,370 mg, 120 mg of it → 2,360 mg, 120.4 mg taken
    # (worked in test_aliquot). Size 3 MCC: the batch fill is 31 × 90 = 2,790 mg, so
    # 2,790 − 120.409 = 2,669.6 mg of filler is added to the portion.
    result = recipe(0.01, 30, size="3")
    assert result.aliquot is not None and result.aliquot.stages == 2
    assert result.aliquot.dilute_to_mg == 2360
    assert result.excipient_after_aliquot_mg == pytest.approx(2790 - result.aliquot.take_mg)
    assert any("diluted in two stages (2,370 mg, then 2,360 mg)" in a.text for a in result.alerts)
    assert not any("use a two-stage aliquot" in a.text for a in result.alerts)


def test_a_dose_too_small_for_two_stages_is_refused() -> None:
    # 0.1 mcg × 31 = 3.1 mcg: each mixture would be over 20,000 mg.
    with pytest.raises(RecipeError, match="too little to weigh even by two dilutions"):
        recipe(0.0001, 30, size="3")
