"""Liquid LDN recipes: whole tablets, q.s. volumes, serial dilution, powder weights, vehicles, dates."""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ldn_desk.errors import InputError, RecipeError
from ldn_desk.recipes.choices import Salt
from ldn_desk.recipes.dose_range import Level
from ldn_desk.recipes.liquid.batch import Plan, measurable_ml, powder_factor, whole_tablets
from ldn_desk.recipes.liquid.glassware import aliquot_on_a_mark, make_up_measure
from ldn_desk.recipes.liquid.model import Source
from ldn_desk.recipes.liquid.recipe import LiquidInput, LiquidRecipe, make_liquid
from ldn_desk.recipes.liquid.steps import DrugSource, batch_measure
from ldn_desk.units.quantity import Quantity

MADE = dt.date(2026, 12, 1)


def recipe(strength: float, volume: float, **options: Any) -> LiquidRecipe:
    return make_liquid(LiquidInput(Quantity(strength, "mg/mL"), Quantity(volume, "mL"), MADE, **options))


def texts(r: LiquidRecipe) -> list[str]:
    return [*r.steps, *(a.text for a in r.alerts), *(i.amount_text for i in r.ingredients)]


# --- from tablets, one step ------------------------------------------------------------------


def test_one_mg_per_ml_100_ml_uses_two_tablets() -> None:
    # 1 mg/mL x 100 mL = 100 mg = 2 x 50 mg tablets; q.s. to 100 mL (LDN Research Trust).
    r = recipe(1, 100)
    assert r.tablets == 2
    assert r.naltrexone_hcl_mg == 100
    assert r.batch_volume_ml == 100
    assert r.concentration_mg_per_ml == 1
    assert r.dilution is None
    assert r.weigh_powder_mg is None
    assert not any("raised" in a.text for a in r.alerts)
    # 100 mL is a mark of the 100 mL graduated cylinder (1 mL marks, ISO 4788), the smallest holding it
    assert any(
        "Make up to the 100 mL mark of the 100 mL graduated cylinder (1 mL marks) with purified water (q.s.)"
        in s
        for s in r.steps
    )
    assert r.ingredients[0].count == 2


def test_one_tablet_in_50_ml() -> None:
    # LDN Research Trust: one 50 mg tablet in 50 mL of water gives 1 mg/mL.
    r = recipe(1, 50)
    assert (r.tablets, r.batch_volume_ml) == (1, 50)


def test_volume_is_raised_to_the_next_whole_tablet() -> None:
    # 1 mg/mL x 60 mL = 60 mg; 60 / 50 = 1.2, so 2 tablets = 100 mg; 100 mg / 1 mg/mL = 100 mL.
    r = recipe(1, 60)
    assert r.tablets == 2
    assert r.batch_volume_ml == 100
    assert r.wanted_volume_ml == 60
    # The 60 mL prescribed is dispensed; the other 100 - 60 = 40 mL of the batch is discarded.
    assert (r.dispensed_ml, r.surplus_ml) == (60, 40)
    assert (
        "Volume raised from 60 mL to 100 mL to use 2 whole tablets; 60 mL is labelled and dispensed "
        "and the other 40 mL is discarded." in [a.text for a in r.alerts]
    )
    assert (
        "Shake the batch well and measure 60 mL of it with a 100 mL graduated cylinder (1 mL marks) into the "
        "bottle (the quantity dispensed); discard the remaining 40 mL: it is not dispensed or kept."
    ) in r.steps
    assert "oral suspension, 60 mL;" in r.steps[-1]


def test_strength_is_exact_when_the_volume_is_not_round() -> None:
    # 0.7 mg/mL x 100 mL = 70 mg -> 2 tablets = 100 mg; 100 / 0.7 = 142.857… mL, between the 2 mL
    # marks of the 250 mL cylinder. More whole tablets until the volume is a mark: 3 -> 214.29 mL,
    # 4 -> 285.71 mL (500 mL cylinder, 5 mL marks), 5 -> 357.14, 6 -> 428.57, 7 -> 350 / 0.7 = 500 mL.
    # The strength is never rounded: 350 mg / 500 mL = 0.7 mg/mL exactly.
    r = recipe(0.7, 100)
    assert r.tablets == 7
    assert r.batch_volume_ml == 500
    assert r.naltrexone_hcl_mg / r.batch_volume_ml == pytest.approx(0.7)
    assert any(
        "Make up to the 500 mL mark of the 500 mL graduated cylinder (5 mL marks)" in s for s in r.steps
    )
    assert (
        "Volume raised from 100 mL to 500 mL to use 7 whole tablets and make up to a cylinder's mark "
        "(2 tablets would make 142.9 mL, between the marks); 100 mL is labelled and dispensed and the "
        "other 400 mL is discarded."
    ) in [a.text for a in r.alerts]


def test_a_strength_no_whole_tablet_batch_puts_on_a_mark_is_refused() -> None:
    # 0.73 mg/mL: one 50 mg tablet makes 50 / 0.73 = 68.49… mL; n tablets make n x 68.49… mL, a
    # whole number of 1 mL (or coarser) marks only when n is a multiple of 73, over 2,000 mL.
    with pytest.raises(InputError, match=r"68\.5 mL, between the cylinder's marks") as caught:
        recipe(0.73, 60)
    assert caught.value.field == "strength"
    assert caught.value.example == "1 mg/mL"


def test_five_mg_per_ml_alberta_strength() -> None:
    # 5 mg/mL x 30 mL = 150 mg = 3 tablets; 150 / 5 = 30 mL, no raise, and 5 mg/mL is not unusual.
    r = recipe(5, 30)
    assert (r.tablets, r.batch_volume_ml) == (3, 30)
    assert r.alerts == () or all("stronger" not in a.text for a in r.alerts)


def test_tablet_strength_is_configurable() -> None:
    # 1 mg/mL x 60 mL = 60 mg with 25 mg tablets: ceil(60 / 25) = 3 tablets = 75 mg -> 75 mL.
    r = recipe(1, 60, tablet_strength=Quantity(25, "mg"))
    assert (r.tablets, r.naltrexone_hcl_mg, r.batch_volume_ml) == (3, 75, 75)
    assert r.ingredients[0].name == "Naltrexone HCl 25 mg tablets"


def test_tablets_make_a_suspension_that_is_shaken() -> None:
    r = recipe(1, 100)
    assert r.is_suspension
    assert r.auxiliary_labels[0] == "Shake well before use"
    assert any("oral suspension" in s for s in r.steps)


# --- serial dilution ----------------------------------------------------------------------------


def test_low_strength_is_made_by_serial_dilution() -> None:
    # 0.1 mg/mL x 100 mL = 10 mg. Stock 1 mg/mL: 10 mg / 1 mg/mL = 10 mL of stock.
    # The stock: 1 tablet (50 mg) made up to 50 mL; 50 - 10 = 40 mL of stock is discarded.
    r = recipe(0.1, 100)
    d = r.dilution
    assert d is not None
    assert (d.stock_mg_per_ml, d.stock_tablets, d.stock_volume_ml) == (1, 1, 50)
    assert (d.aliquot_ml, d.final_volume_ml, d.leftover_ml) == (10, 100, 40)
    assert r.tablets == 1
    assert r.naltrexone_hcl_mg == pytest.approx(10)
    assert r.batch_volume_ml == 100
    joined = "\n".join(r.steps)
    assert "make up to the 50 mL mark of the 50 mL graduated cylinder (1 mL marks)" in joined
    assert "measure 10 mL of it (10 mg naltrexone HCl)" in joined
    assert "Make up to the 100 mL mark of the 100 mL graduated cylinder" in joined
    assert "Discard the remaining 40 mL of stock" in joined
    assert any("serial dilution" in a.text for a in r.alerts)


def test_dilution_adds_tablets_so_the_aliquot_is_at_most_half_the_stock() -> None:
    # 0.4 mg/mL x 200 mL = 80 mg = 80 mL of the 1 mg/mL stock. The aliquot is at most half the
    # stock (resources/liquid.toml), so the stock is at least 160 mL = 160 mg: 4 tablets -> 200 mL
    # of stock (2 tablets, 100 mL, would leave only 20 mL), 200 - 80 = 120 mL of it discarded.
    r = recipe(0.4, 200)
    d = r.dilution
    assert d is not None
    assert (d.stock_tablets, d.stock_volume_ml, d.aliquot_ml, d.leftover_ml) == (4, 200, 80, 120)
    assert r.tablets == 4
    assert any("80 mL of 200 mL of stock is used (a measured part, at most half" in a.text for a in r.alerts)
    assert "Discard the remaining 120 mL of stock; it is not dispensed or kept." in r.steps


def test_a_stock_exactly_twice_the_aliquot_is_enough() -> None:
    # 0.1 mg/mL x 500 mL = 50 mg = 50 mL of stock; at least 100 mL of stock = 2 tablets, exactly half.
    d = recipe(0.1, 500).dilution
    assert d is not None
    assert (d.stock_tablets, d.stock_volume_ml, d.aliquot_ml, d.leftover_ml) == (2, 100, 50, 50)


def test_dilution_raises_the_batch_until_the_aliquot_is_a_syringe_mark() -> None:
    # 0.25 mg/mL x 37 mL = 9.25 mg = 9.25 mL of the 1 mg/mL stock. The next 1 mL mark of the 50 mL
    # cylinder, 38 mL, takes 0.25 x 38 / 1 = 9.5 mL: the smallest measure holding it is the 10 mL
    # oral syringe, whose marks are 0.2 mL (9.5 / 0.2 = 47.5 marks, between two). 39 mL takes
    # 9.75 mL (48.75 marks); 40 mL takes 0.25 x 40 = 10 mg = 10 mL, 50 whole marks. The strength
    # stays exactly 0.25 mg/mL: 10 mg in 40 mL.
    r = recipe(0.25, 37)
    d = r.dilution
    assert d is not None
    assert d.stock_mg_per_ml == 1
    assert (d.aliquot_ml, r.batch_volume_ml, r.naltrexone_hcl_mg) == (10, 40, 10)
    assert d.measure is not None and d.measure.text == "a 10 mL oral syringe (0.2 mL marks)"
    assert (
        "Shake the stock well and measure 10 mL of it (10 mg naltrexone HCl) with a 10 mL oral syringe "
        "(0.2 mL marks); add it to a clean 50 mL graduated cylinder (1 mL marks) for the batch."
    ) in r.steps
    # The stock itself was made up in a 50 mL cylinder: the batch's is named as another, clean one.
    assert any("make up to the 50 mL mark of the 50 mL graduated cylinder" in step for step in r.steps)
    # 37 mL is dispensed (a mark of the 50 mL cylinder), 40 - 37 = 3 mL discarded.
    assert (r.dispensed_ml, r.surplus_ml) == (37, 3)
    assert (
        "Volume raised from 37 mL to 40 mL so the part of the stock it takes (10 mL) falls on a mark of a 10 mL "
        "oral syringe (0.2 mL marks); 37 mL is labelled and dispensed "
        "and the other 3 mL is discarded." in [a.text for a in r.alerts]
    )


def test_an_aliquot_on_a_mark_needs_no_raise() -> None:
    # 0.1 mg/mL x 37 mL = 3.7 mg = 3.7 mL of stock: 37 marks of the 5 mL syringe with 0.1 mL marks
    # (the finer of the two 5 mL syringes), so the batch stays 37 mL and all of it is dispensed.
    r = recipe(0.1, 37)
    d = r.dilution
    assert d is not None
    assert (d.aliquot_ml, r.batch_volume_ml, r.dispensed_ml, r.surplus_ml) == (3.7, 37, 37, 0)
    assert d.measure is not None and d.measure.text == "a 5 mL oral syringe (0.1 mL marks)"
    assert not any("raised" in a.text for a in r.alerts)


def test_an_aliquot_over_the_syringes_is_measured_in_a_cylinder() -> None:
    # 0.1 mg/mL x 123 mL: the batch is made up in the 250 mL cylinder (2 mL marks), so 124 mL, which
    # takes 12.4 mL of stock: over the 10 mL syringe, so the 25 mL cylinder (0.5 mL marks) measures
    # it, and 12.4 / 0.5 = 24.8 marks. 126 mL -> 12.6 mL (25.2), 128 mL -> 12.8 mL (25.6), 130 mL ->
    # 13 mL = 26 marks. 0.1 x 130 = 13 mg in 130 mL. The 123 mL asked for is dispensed as 124 mL, the
    # 250 mL cylinder's mark at or above it; 130 - 124 = 6 mL is discarded.
    r = recipe(0.1, 123)
    d = r.dilution
    assert d is not None
    assert (d.aliquot_ml, r.batch_volume_ml) == (13, 130)
    assert d.measure is not None and d.measure.text == "a 25 mL graduated cylinder (0.5 mL marks)"
    assert (r.dispensed_ml, r.surplus_ml) == (124, 6)


def test_the_powder_route_takes_its_aliquot_on_a_mark_too() -> None:
    # 0.25 mg/mL x 37 mL from powder: 9.25 mg, under the 120 mg MWQ, so a stock is weighed. The
    # stock that wastes least powder is 5 mg/mL in a 25 mL flask (125 mg). 37 mL takes
    # 0.25 x 37 / 5 = 1.85 mL, between the 0.1 mL marks of the 3 mL syringe; 38 mL takes
    # 0.25 x 38 / 5 = 1.9 mL = 19 marks. 9.5 mg in 38 mL; 37 mL dispensed, 1 mL discarded.
    r = recipe(0.25, 37, source="powder")
    d = r.dilution
    assert d is not None
    assert (d.stock_mg_per_ml, d.stock_volume_ml, d.aliquot_ml, r.batch_volume_ml) == (5, 25, 1.9, 38)
    assert d.measure is not None and d.measure.text == "a 3 mL oral syringe (0.1 mL marks)"
    assert (
        "Measure 1.9 mL of the stock (9.5 mg naltrexone HCl) with a 3 mL oral syringe (0.1 mL marks); "
        "add it to a clean 50 mL graduated cylinder (1 mL marks) for the batch."
    ) in r.steps
    assert (r.dispensed_ml, r.surplus_ml) == (37, 1)


def test_a_batch_raised_far_for_a_mark_is_flagged_with_a_rounder_strength() -> None:
    # 0.7 mg/mL x 100 mL: 7 tablets make 500 mL (test above) to dispense 100 mL; 500 > 4 x 100
    # (liquid.toml, surplus_caution_times), and 2 tablets would have made 142.9 mL: the raise is for
    # a mark. 0.5 mg/mL is the round strength nearest 0.7 (0.7 / 0.5 = 1.4 against 1 / 0.7 = 1.43),
    # and 0.5 x 100 = 50 mg, one tablet in 100 mL: nothing discarded.
    r = recipe(0.7, 100)
    assert (
        "500 mL is made to dispense 100 mL, so 400 mL is discarded, only to put a volume on a mark; a rounder "
        "strength such as 0.5 mg/mL, if the prescriber agrees, would waste less."
    ) in [a.text for a in r.alerts]
    assert recipe(0.5, 100).surplus_ml == 0
    # 0.123 mg/mL x 100 mL: 2,000 mL for the stock's part on a mark (246 mL, 123 of the 250 mL
    # cylinder's 2 mL marks; the refusal test above), 20 times the 100 mL; the round one nearest is 0.1 mg/mL.
    raised = recipe(0.123, 100)
    assert raised.batch_volume_ml == 2000
    assert any(
        "2,000 mL is made to dispense 100 mL" in a.text and "0.1 mg/mL" in a.text for a in raised.alerts
    )


def test_whole_tablets_alone_raise_no_waste_caution() -> None:
    # 1 mg/mL x 10 mL: one tablet makes 50 mL, 5 times the 10 mL dispensed, but no fewer tablets can
    # be used and 1 mg/mL is already round: the Volume raised alert says it, nothing more.
    r = recipe(1, 10)
    assert (r.batch_volume_ml, r.dispensed_ml) == (50, 10)
    assert not any("is made to dispense" in a.text for a in r.alerts)


def test_a_batch_raised_only_to_its_own_mark_says_so() -> None:
    # 0.1 mg/mL x 37.5 mL: the 50 mL cylinder's next 1 mL mark is 38 mL, which takes 3.8 mL of stock,
    # 38 marks of the 5 mL syringe (0.1 mL marks): raised for the batch's own mark, not the stock's.
    # 37.5 mL dispensed would be between marks too, so the whole 38 mL is dispensed.
    r = recipe(0.1, 37.5)
    assert r.batch_volume_ml == 38 and r.dilution is not None and r.dilution.aliquot_ml == 3.8
    assert (r.dispensed_ml, r.surplus_ml) == (38, 0)
    assert (
        "Volume raised from 37.5 mL to 38 mL to make it up to a mark of its measure; the whole batch is "
        "labelled and dispensed." in [a.text for a in r.alerts]
    )


def test_no_batch_with_an_aliquot_on_a_mark_is_refused_at_the_strength() -> None:
    # 0.123 mg/mL from tablets (1 mg/mL stock): a batch of V mL takes 0.123 x V mL of stock. On the
    # 1 mL marks of a 50-100 mL cylinder that is 12.3 mL for 100 mL (24.6 of the 25 mL cylinder's
    # 0.5 mL marks); V = 200 takes 24.6 mL (49.2 marks); 1,000 mL (10 mL marks) takes 123 mL, 61.5 of
    # the 250 mL cylinder's 2 mL marks; 2,000 mL (20 mL marks) takes 246 mL, 123 of them: on a mark,
    # but that is 20 times the 100 mL asked for. For 0.137 mg/mL the same search ends at 2,000 mL
    # with 274 mL, 54.8 of the 500 mL cylinder's 5 mL marks, and every smaller batch is off too.
    with pytest.raises(InputError) as caught:
        recipe(0.137, 100)
    assert caught.value.field == "strength"
    assert "between the marks of a 25 mL graduated cylinder (0.5 mL marks)" in caught.value.problem
    assert "13.7 mL of stock" in caught.value.problem
    assert caught.value.example == "0.1 mg/mL"  # the round strength nearest 0.137
    made = recipe(0.1, 100)  # and the example can be made: 10 mL of stock, 50 syringe marks
    assert made.dilution is not None and made.dilution.aliquot_ml == 10


def test_powder_with_no_stock_on_a_mark_is_refused_at_the_strength() -> None:
    # 1.37 mg/mL x 10 mL, powder at 90 % potency: 13.7 / 0.9 = 15.2 mg, under the MWQ. Each stock
    # (5, 10, 20, 50 mg/mL) takes 1.37 x V / stock mL: for 10 mg/mL, 1.37 mL at 10 mL (between the
    # 3 mL syringe's 0.1 mL marks); 0.137 x V is a whole number of 0.1 mL only where V is a multiple
    # of 100 mL, and then falls between a cylinder's coarser marks (13.7 mL of 0.5, 27.4 of 1 ...).
    with pytest.raises(InputError) as caught:
        recipe(1.37, 10, source="powder", potency_percent=90)
    assert caught.value.field == "strength"
    assert "falls on a mark of what it is measured with" in caught.value.problem
    assert caught.value.example == "1 mg/mL"
    assert recipe(1, 10, source="powder", potency_percent=90).dilution is not None


def test_at_the_threshold_one_step_is_enough() -> None:
    # 0.5 mg/mL (the single-step minimum) x 100 mL = 50 mg = 1 tablet in 100 mL: no dilution.
    r = recipe(0.5, 100)
    assert r.dilution is None
    assert (r.tablets, r.batch_volume_ml) == (1, 100)


def test_too_small_an_aliquot_is_refused_with_the_volume_that_works() -> None:
    # 0.01 mg/mL x 50 mL = 0.5 mg = 0.5 mL of stock, under 1 mL; 1 mL x 1 / 0.01 = 100 mL works.
    with pytest.raises(InputError) as caught:
        recipe(0.01, 50)
    assert caught.value.field == "volume"
    assert caught.value.example == "100 mL"


# --- vehicles and dating ----------------------------------------------------------------------


def test_water_is_unpreserved_fourteen_days_refrigerated() -> None:
    # USP <795> aqueous not preserved: 14 days; 1 December is Day 1, so the last day is 14 December.
    r = recipe(1, 100)
    assert r.bud.date == dt.date(2026, 12, 14)
    assert r.bud.days == 14
    assert "Refrigerate" in r.storage
    assert "USP <795>" in r.bud_basis


def test_fawcett_100_ml_ingredients_and_study_date() -> None:
    # Fawcett 1997 per 100 mL: ascorbic acid 0.5 g = 500 mg, sodium benzoate 0.1 g = 100 mg,
    # glycerol 20 mL, 2 x 50 mg tablets; 60 days at 4 °C: 1 Dec + 59 days = 29 January 2027.
    r = recipe(1, 100, formula="fawcett_1997")
    amounts = {i.name: i.amount_text for i in r.ingredients}
    assert amounts["Ascorbic acid"] == "500 mg"
    assert amounts["Sodium benzoate"] == "100 mg"
    assert amounts["Glycerol"] == "20 mL"
    assert r.tablets == 2
    assert r.bud.date == dt.date(2027, 1, 29)
    assert r.bud.days == 60
    assert "Fawcett" in r.bud_basis
    assert "Protect from light" in r.auxiliary_labels


def test_fawcett_scales_to_the_batch() -> None:
    # 250 mL is 2.5 x the 100 mL formula: ascorbic acid 1,250 mg, sodium benzoate 250 mg,
    # glycerol 50 mL; 1 mg/mL x 250 mL = 250 mg = 5 tablets.
    r = recipe(1, 250, formula="fawcett_1997")
    amounts = {i.name: i.amount_text for i in r.ingredients}
    assert amounts["Ascorbic acid"] == "1,250 mg"
    assert amounts["Sodium benzoate"] == "250 mg"
    assert amounts["Glycerol"] == "50 mL"
    assert r.tablets == 5
    assert not any("minimum weighable" in a.text for a in r.alerts)


def test_small_fawcett_batch_warns_about_weighing_the_benzoate() -> None:
    # 50 mL: sodium benzoate 0.1 g x 0.5 = 50 mg, under the 120 mg minimum weighable quantity.
    r = recipe(1, 50, formula="fawcett_1997")
    assert any("Sodium benzoate 50 mg is under" in a.text for a in r.alerts)


def test_fawcett_at_another_strength_falls_back_to_usp_preserved() -> None:
    # The study covers 1 mg/mL from tablets only; 0.5 mg/mL gets USP aqueous preserved, 35 days:
    # 1 Dec + 34 days = 4 January 2027.
    r = recipe(0.5, 100, formula="fawcett_1997")
    assert r.bud.days == 35
    assert r.bud.date == dt.date(2027, 1, 4)
    assert any("35 days applies" in a.text for a in r.alerts)
    assert "Refrigerate" in r.storage  # the formula's storage stays on the label


def test_fawcett_from_powder_falls_back_to_usp_preserved() -> None:
    r = recipe(1, 200, formula="fawcett_1997", source="powder")
    assert r.bud.days == 35
    assert any("made from powder" in a.text for a in r.alerts)


# --- from powder -------------------------------------------------------------------------------


def test_powder_factor_for_potency_and_water() -> None:
    # 100 mg HCl at 99.0 % potency and 0.5 % water: 100 / 0.99 / 0.995 = 101.52 mg.
    assert 100 * powder_factor(1.0, 99.0, 0.5) == pytest.approx(101.5177, abs=1e-4)
    # As base: 100 x 0.9035 / 0.99 / 0.995 = 91.72 mg.
    assert 100 * powder_factor(0.9035, 99.0, 0.5) == pytest.approx(91.7213, abs=1e-4)


def test_powder_weighed_directly_when_over_the_mwq() -> None:
    # 1 mg/mL x 200 mL = 200 mg HCl; 200 / 0.99 / 0.995 = 203.04 mg on the balance (over 120 mg).
    r = recipe(1, 200, source="powder", potency_percent=99.0, water_percent=0.5)
    assert r.tablets == 0
    assert r.weigh_powder_mg == pytest.approx(203.0354, abs=1e-4)
    assert r.dilution is None
    assert r.batch_volume_ml == 200
    assert any("Weigh 203 mg of naltrexone HCl powder" in s for s in r.steps)


def test_powder_with_a_finer_balance() -> None:
    # 1 mg/mL x 100 mL = 100 mg HCl -> 101.52 mg, over a 100 mg minimum, so weighed directly.
    r = recipe(
        1, 100, source="powder", potency_percent=99.0, water_percent=0.5, balance_mwq=Quantity(100, "mg")
    )
    assert r.dilution is None
    assert r.weigh_powder_mg == pytest.approx(101.5177, abs=1e-4)
    assert any("Weigh 101.5 mg" in s for s in r.steps)


def test_base_powder_is_corrected_by_the_salt_factor() -> None:
    # 200 mg HCl as base: 200 x 0.9035 = 180.7; 180.7 / 0.99 / 0.995 = 180.7 / 0.98505 = 183.4425 mg.
    r = recipe(1, 200, source="powder", potency_percent=99.0, water_percent=0.5, powder_salt="base")
    assert r.weigh_powder_mg == pytest.approx(183.4425, abs=1e-4)
    assert r.ingredients[0].name == "Naltrexone base powder"
    assert any("dissolves less readily" in a.text for a in r.alerts)


def test_powder_under_the_mwq_goes_through_a_stock() -> None:
    # 1 mg/mL x 100 mL = 100 mg HCl = 101.52 mg of powder, under 120 mg. Stocks (mg/mL: aliquot,
    # flask for at least twice the aliquot and 120 x 0.99 x 0.995 = 118.2 mg HCl, HCl in it):
    # 50: 2 mL, 10 mL, 500 mg; 20: 5 mL, 10 mL, 200 mg; 10: 10 mL, 25 mL, 250 mg; 5: 20 mL, 50 mL
    # (25 mL would be 80 % taken), 250 mg; 2: 50 mL, 100 mL, 200 mg. Least powder: 20 mg/mL (the
    # stronger of the two at 200 mg), 10 mL flask, 200 / 0.99 / 0.995 = 203.04 mg weighed; take
    # 100 / 20 = 5 mL; discard 5 mL.
    r = recipe(1, 100, source="powder", potency_percent=99.0, water_percent=0.5)
    d = r.dilution
    assert d is not None
    assert (d.stock_mg_per_ml, d.stock_volume_ml, d.aliquot_ml, d.leftover_ml) == (20, 10, 5, 5)
    assert d.stock_tablets == 0
    assert d.stock_powder_mg == pytest.approx(200 / 0.99 / 0.995, abs=1e-4)
    assert r.weigh_powder_mg == d.stock_powder_mg
    assert r.naltrexone_hcl_mg == pytest.approx(100)
    joined = "\n".join(r.steps)
    assert "weigh 203 mg of naltrexone HCl powder" in joined
    assert "10 mL volumetric flask" in joined
    assert "Measure 5 mL of the stock (100 mg naltrexone HCl)" in joined
    assert "Discard the remaining 5 mL of stock" in joined
    assert any("(101.5 mg) is under" in a.text for a in r.alerts)


def test_powder_dissolves_so_no_shake_label() -> None:
    r = recipe(1, 200, source="powder")
    assert not r.is_suspension
    assert "Shake well before use" not in r.auxiliary_labels
    assert any("oral solution" in s for s in r.steps)


def test_potency_outside_usp_range_is_flagged() -> None:
    r = recipe(1, 200, source="powder", potency_percent=97.0)
    assert any("outside the USP range" in a.text for a in r.alerts)


# --- strengths and bad input -------------------------------------------------------------------


def test_unusual_strengths_are_flagged() -> None:
    assert any(a.level is Level.CAUTION and "stronger than usual" in a.text for a in recipe(6, 30).alerts)
    assert any("very dilute" in a.text for a in recipe(0.02, 100).alerts)


@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"strength": Quantity(0, "mg/mL")}, "strength"),
        ({"strength": Quantity(-1, "mg/mL")}, "strength"),
        ({"strength": Quantity(1, "mg")}, "strength"),
        ({"strength": 1.0}, "strength"),
        ({"strength": Quantity(0.001, "mg/mL")}, "strength"),
        ({"strength": Quantity(150, "mg/mL")}, "strength"),  # above the ~100 mg/mL solubility
        ({"volume": Quantity(0, "mL")}, "volume"),
        ({"volume": Quantity(2500, "mL")}, "volume"),
        ({"volume": Quantity(float("nan"), "mL")}, "volume"),
        ({"source": "capsules"}, "source"),
        ({"formula": "syrup"}, "formula"),
        ({"tablet_strength": Quantity(0, "mg")}, "tablet_strength"),
        ({"potency_percent": 0.0}, "potency_percent"),
        ({"potency_percent": 150.0}, "potency_percent"),
        ({"water_percent": -1.0}, "water_percent"),
        ({"water_percent": 100.0}, "water_percent"),
        ({"powder_salt": "sulfate"}, "powder_salt"),
        ({"balance_mwq": Quantity(0, "mg")}, "balance_mwq"),
    ],
)
def test_bad_input_names_the_field(options: dict[str, Any], field: str) -> None:
    values: dict[str, Any] = {
        "strength": Quantity(1, "mg/mL"),
        "volume": Quantity(100, "mL"),
        "compounded": MADE,
    }
    values.update(options)
    with pytest.raises(InputError) as caught:
        LiquidInput(**values)
    assert caught.value.field == field
    assert caught.value.example


def test_volume_raised_past_the_limit_is_refused() -> None:
    # 0.53 mg/mL x 1,999 mL = 1,059.47 mg -> 22 tablets = 1,100 mg -> 1,100 / 0.53 = 2,075.5 mL > 2,000 mL.
    with pytest.raises(InputError, match=r"2,075\.5 mL") as caught:
        recipe(0.53, 1999)
    assert caught.value.field == "volume"
    assert caught.value.text == "1999 mL"  # echoed without a thousands comma, so it reads back


def test_text_follows_the_dose_writing_rules() -> None:
    cases = [recipe(1, 60), recipe(0.25, 37, formula="fawcett_1997"), recipe(1, 100, source="powder")]
    for r in cases:
        for line in texts(r):
            assert not re.search(r"(?<![0-9])\.[0-9]", line), line  # leading zero
            assert not re.search(r"[0-9]\.[0-9]*0 (mg|mL)", line), line  # trailing zero
            assert not re.search(r"\b(cc|ml|µg)\b", line), line


# --- helpers and properties --------------------------------------------------------------------


def test_whole_tablets_and_measurable_volumes() -> None:
    assert whole_tablets(100, 50) == 2
    assert whole_tablets(100.00000000001, 50) == 2  # float noise does not cost a tablet
    assert whole_tablets(100.1, 50) == 3
    assert measurable_ml(9.25) == pytest.approx(9.3)  # from 1 mL: to the tenth, rounded up
    assert measurable_ml(0.333) == pytest.approx(0.34)  # under 1 mL: to the hundredth
    assert measurable_ml(3.0000000001) == pytest.approx(3.0)


strengths = st.integers(min_value=1, max_value=5000).map(lambda n: n / 100)  # 0.01 to 50 mg/mL
volumes = st.integers(min_value=100, max_value=20000).map(lambda n: n / 10)  # 10 to 2,000 mL


@settings(max_examples=300, deadline=None)
@given(strength=strengths, volume=volumes)
def test_tablet_mass_balance(strength: float, volume: float) -> None:
    try:
        r = recipe(strength, volume)
    except InputError as error:
        # too small an aliquot or past the volume limit; or no whole-tablet batch on a mark
        assert error.field in {"volume", "strength"}
        if error.field == "strength":
            assert "between the cylinder's marks" in error.problem or "on a mark" in error.problem
        return
    assert r.concentration_mg_per_ml == strength
    assert r.naltrexone_hcl_mg == pytest.approx(strength * r.batch_volume_ml, rel=1e-9)
    assert r.batch_volume_ml >= volume * (1 - 1e-9)
    assert r.batch_volume_ml <= 2000 * (1 + 1e-9)
    if r.dilution is None:
        assert r.tablets * 50 == pytest.approx(r.naltrexone_hcl_mg)
        # the volume is a cylinder's mark, and no fewer tablets make one (no spare tablet)
        assert make_up_measure(r.batch_volume_ml, suspension=True) is not None
        fewest = math.ceil(strength * volume / 50 - 1e-9)
        assert all(
            make_up_measure(k * 50 / strength, suspension=True) is None for k in range(fewest, r.tablets)
        )
    else:
        d = r.dilution
        assert r.tablets * 50 == pytest.approx(d.stock_hcl_mg)
        assert d.aliquot_ml * d.stock_mg_per_ml == pytest.approx(r.naltrexone_hcl_mg)
        assert d.aliquot_ml <= d.stock_volume_ml
        assert d.aliquot_ml >= 1
        assert strength < 0.5
        assert aliquot_on_a_mark(d.aliquot_ml) is not None  # on a mark of the measure it is taken with


@settings(max_examples=300, deadline=None)
@given(
    strength=strengths,
    volume=volumes,
    potency=st.integers(min_value=900, max_value=1100).map(lambda n: n / 10),
    water=st.integers(min_value=0, max_value=150).map(lambda n: n / 10),
    salt=st.sampled_from(["HCl", "base"]),
)
def test_powder_mass_balance(strength: float, volume: float, potency: float, water: float, salt: str) -> None:
    try:
        r = recipe(
            strength, volume, source="powder", potency_percent=potency, water_percent=water, powder_salt=salt
        )
    except InputError as error:
        assert error.field == "volume" or (error.field == "strength" and "on a mark" in error.problem)
        return
    factor = (0.9035 if salt == "base" else 1.0) / (potency / 100) / (1 - water / 100)
    assert r.tablets == 0
    assert r.concentration_mg_per_ml == strength
    assert r.naltrexone_hcl_mg == pytest.approx(strength * r.batch_volume_ml, rel=1e-9)
    assert r.weigh_powder_mg is not None
    assert r.weigh_powder_mg >= 120 * (1 - 1e-9)  # never asks to weigh under the MWQ
    if r.dilution is None:
        assert r.weigh_powder_mg == pytest.approx(r.naltrexone_hcl_mg * factor)
    else:
        d = r.dilution
        assert d.stock_mg_per_ml <= 100  # within the solubility
        assert d.stock_mg_per_ml >= 2 * strength
        assert r.weigh_powder_mg == pytest.approx(d.stock_hcl_mg * factor)
        assert d.aliquot_ml * d.stock_mg_per_ml == pytest.approx(r.naltrexone_hcl_mg)
        assert math.isclose(d.final_volume_ml, r.batch_volume_ml)
        assert aliquot_on_a_mark(d.aliquot_ml) is not None


def test_fawcett_study_date_needs_the_study_tablets() -> None:
    # The study used 50 mg tablets; 1 mg/mL from 25 mg tablets falls back to USP preserved, 35 days.
    r = recipe(1, 100, formula="fawcett_1997", tablet_strength=Quantity(25, "mg"))
    assert r.bud.days == 35
    assert any("made from 25 mg tablets" in a.text for a in r.alerts)


@pytest.mark.parametrize(
    ("strength", "volume", "source", "says"),
    [
        # powder solution of 200 mL: a volumetric flask of its own (ISO 1042)
        (1, 200, Source.POWDER, "Make up to the mark of the 200 mL volumetric flask (200 mL)"),
        # powder solution of 150 mL: no such flask; 75 of the 2 mL marks of the 250 mL cylinder
        (1, 150, Source.POWDER, "Make up to the 150 mL mark of the 250 mL graduated cylinder (2 mL marks)"),
        # 5 mg/mL from one 50 mg tablet: 10 mL, 50 of the 0.2 mL marks of the 10 mL cylinder
        (5, 10, Source.TABLETS, "Make up to the 10 mL mark of the 10 mL graduated cylinder (0.2 mL marks)"),
        # 1.5 mg/mL: 1 tablet makes 33.3 mL, 2 make 66.7 mL, both between marks; 3 make 150 / 1.5 = 100 mL
        (1.5, 30, Source.TABLETS, "Make up to the 100 mL mark of the 100 mL graduated cylinder (1 mL marks)"),
        # powder, 142.9 mL asked: raised to the next 2 mL mark of the 250 mL cylinder, 144 mL
        (1, 142.9, Source.POWDER, "Make up to the 144 mL mark of the 250 mL graduated cylinder (2 mL marks)"),
    ],
)
def test_the_make_up_step_names_its_measure(
    strength: float, volume: float, source: Source, says: str
) -> None:
    made = recipe(strength, volume, source=source)
    assert any(says in step for step in made.steps), made.steps


def test_a_batch_volume_between_the_marks_is_refused_not_written() -> None:
    # The batch is always raised to a mark (batch.py), so no recipe reaches this; a plan built
    # past that rule is refused rather than told to "make up to 142.9 mL" in a container that
    # cannot show it. 100 mg at 0.7 mg/mL is 100 / 0.7 = 142.857 mL: in the 250 mL cylinder
    # (2 mL marks) that is 71.4 marks, not a whole number.
    made = recipe(0.7, 100)  # the real recipe: 7 tablets in 500 mL (350 mg / 0.7 mg/mL)
    assert made.batch_volume_ml == 500
    drug = DrugSource(Source.TABLETS, 0.7, 50, 100, 0, Salt.HCL, 1.0)
    between = Plan(2, 100, round(100 / 0.7, 6), None, None, "")
    with pytest.raises(RecipeError, match=r"142\.9 mL is not a mark") as refused:
        batch_measure(between, drug)
    assert refused.value.field == "volume" and "such as 100 mL" in str(refused.value)
    on_mark = Plan(7, 350, 500, None, None, "")
    assert batch_measure(on_mark, drug).text == "the 500 mL graduated cylinder (5 mL marks)"


def test_a_powder_weight_the_balance_cannot_show_says_what_it_reads() -> None:
    # 1 mg/mL x 144 mL = 144 mg HCl; 144 / 0.99 / 0.995 = 146.18 mg, over the 120 mg minimum; the
    # Class A balance reads 1 mg, so it shows 146 mg. 150 mg at 100 %, no water, reads exactly.
    r = recipe(1, 144, source="powder", potency_percent=99.0, water_percent=0.5)
    assert r.steps[0].endswith("≈ 146.2 mg): 146 mg as the balance reads it (to 1 mg).")
    exact = recipe(1, 150, source="powder")
    assert "as the balance reads it" not in exact.steps[0] and "Weigh 150 mg" in exact.steps[0]
    # With a finer balance (MWQ 12 mg, reads 0.1 mg) 146.2 mg is shown as it is.
    fine = recipe(
        1, 144, source="powder", potency_percent=99.0, water_percent=0.5, balance_mwq=Quantity(12, "mg")
    )
    assert "as the balance reads it" not in fine.steps[0]


@settings(max_examples=200, deadline=None)
@given(
    strength=st.sampled_from([0.1, 0.2, 0.25, 0.5, 1.0, 2.0, 5.0]),
    volume=st.integers(min_value=10, max_value=1000),
    source=st.sampled_from(["tablets", "powder"]),
)
def test_the_round_strengths_offered_are_never_refused_for_marks(
    strength: float, volume: int, source: str
) -> None:
    # The strengths a refusal offers (batch.py): each makes a batch whose stock part, where there is
    # one, falls on a mark of the syringe or cylinder that measures it (every whole volume from 10 to
    # 1,000 mL of each was once worked through: none is refused at the strength).
    try:
        r = recipe(strength, volume, source=source)
    except InputError as error:
        assert error.field == "volume"  # too small a part of the stock, or too large a batch
        return
    if r.dilution is not None:
        assert aliquot_on_a_mark(r.dilution.aliquot_ml) is not None
