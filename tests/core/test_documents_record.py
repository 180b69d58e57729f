"""The compounding record: every item USP <795> asks for, safe dose text, same bytes for the same batch."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from printed_sums import equations, wrong
from pypdf import PdfReader

from ldn_desk.documents.info import PharmacyInfo
from ldn_desk.documents.pdfbase import PageSetup, page_count
from ldn_desk.documents.record import record_pdf
from ldn_desk.documents.textrules import dose_text_problems
from ldn_desk.recipes.capsules.recipe import CapsuleInput, make_capsules
from ldn_desk.recipes.liquid.recipe import LiquidInput, make_liquid
from ldn_desk.units.quantity import Quantity

MADE = dt.date(2026, 3, 1)
INFO = PharmacyInfo(
    patient="José Müller-Ñúñez",
    rx="RX-2026-000123",
    pharmacy="Apteka pod Złotym Lwem — Compounding Department, Łódź Centrum",
    date=MADE,
    contact="+48 42 000 00 00",
    prescriber="Dr Øyvind Ødegård",
    compounded_by="Łukasz Nowak",
    checked_by="Ana Núñez",
)


def text_of(pdf: bytes) -> str:
    pages = [(page.extract_text() or "") for page in PdfReader(io.BytesIO(pdf)).pages]
    return " ".join(" ".join(pages).replace("\u00a0", " ").split())


@pytest.fixture(scope="module")
def liquid_pdf() -> bytes:
    recipe = make_liquid(LiquidInput(Quantity(1, "mg/mL"), Quantity(100, "mL"), MADE))
    return record_pdf(recipe, INFO, PageSetup("a4"))


@pytest.fixture(scope="module")
def capsule_pdf() -> bytes:
    recipe = make_capsules(CapsuleInput(Quantity(1.5, "mg"), 30, MADE))
    return record_pdf(recipe, INFO, PageSetup("letter"))


def test_liquid_record_holds_the_usp_items(liquid_pdf: bytes) -> None:
    text = text_of(liquid_pdf)
    for expected in (
        "Compounding record: Naltrexone HCl 1 mg/mL oral suspension",
        "RX-2026-000123",
        "José Müller-Ñúñez",
        "Dr Øyvind Ødegård",
        "Łukasz Nowak",
        "Ana Núñez",
        "1 March 2026",
        "100 mL made",
        # 1 mg/mL × 100 mL = 100 mg naltrexone HCl = 2 whole 50 mg tablets.
        "1 mg/mL × 100 mL = 100 mg naltrexone HCl",
        "100 mg ÷ 50 mg per tablet = 2 whole tablets",
        "Maker",
        "Lot",
        "Expiry",
        "Actual amount",
        "Equipment",
        "Mortar and pestle",
        "Steps",
        "Quality control",
        "made up to 100 mL at the mark",
        # USP <795> aqueous, not preserved: 14 days with 1 March as Day 1 = 14 March 2026.
        "Do not use after 14 March 2026",
        "USP <795> default: Aqueous, not preserved",
        "Refrigerate (2–8 °C)",
        "Label text",
        "This medicine was compounded by the pharmacy.",
        "Compounded by",
        "Checked by",
        "Signature",
    ):
        assert expected in text, expected
    assert dose_text_problems(text) == []


def test_capsule_record_shows_the_calculations_and_qc_limits(capsule_pdf: bytes) -> None:
    text = text_of(capsule_pdf)
    for expected in (
        "Naltrexone HCl 1.5 mg capsules",
        "31 capsules made: 30 capsules to dispense and 1 extra",
        "30 to dispense + 1 extra = 31",
        "1.5 mg × 31 = 46.5 mg naltrexone HCl",  # 1.5 mg × 31 capsules
        # Size 5: 0.13 mL × 0.3 g/mL = 39 mg fill; filler 39 − 1.5 = 37.5 mg a capsule.
        "0.13 mL × 0.3 g/mL = 39 mg of filler",
        "39 mg − 1.5 mg of powder = 37.5 mg",
        # 46.5 mg is under the 120 mg MWQ: weigh 120 mg; T ≥ 120 × 120 ÷ 46.5 = 309.7 → 310, where the
        # portion 46.5 × 310 ÷ 120 = 120.125 mg does not read on a 1 mg balance; 320: 124 mg exactly.
        "weigh 120 mg of powder, dilute with filler to 320 mg, take 124 mg",
        # Every weighing has its actual-weight line: A, the filler added (320 − 120 = 200 mg), the
        # portion, and the portion made up with filler to the batch fill 31 × 39 = 1,209 mg.
        "Weighings: the actual weight of each",
        "Aliquot: naltrexone HCl powder 120 mg",
        "Aliquot: Microcrystalline cellulose (Avicel) added 200 mg",
        "Aliquot: portion of the mixture 124 mg",
        "Portion and Microcrystalline cellulose (Avicel), in total 1,209 mg",
        "Empty shells: 10 weighed",
        # The balance identified and checked (resources/balance.toml: Class A, sensitivity 6 mg).
        "Class A prescription balance: reads 1 mg, sensitivity 6 mg, minimum weighable quantity 120 mg",
        "reads within ±6 mg",
        "Container Amber dispensing vial with child-resistant cap",
        "Quantity made (capsules) 31 capsules (30 to dispense)",
        "Deviations from the master formulation record",
        "Reviewed for completeness and released by Ana Núñez",
        "Time started · finished",
        # QC (UNC teaching lab): each ±10 % of 39 mg = 35.1–42.9 mg; average ±3 % = 37.83–40.17 mg.
        "35.1 mg to 42.9 mg (±10% of 39 mg)",
        "37.83 mg to 40.17 mg (±3% of 39 mg)",
        "Individual fill weights",
        # Solid, USP <795>: 180 days from 1 March 2026 (Day 1) = 27 August 2026.
        "Do not use after 27 August 2026",
        "Solid (capsules, powders), 180 days",
        "Capsule shells, size 5",
        "Microcrystalline cellulose (Avicel)",
    ):
        assert expected in text, expected
    assert dose_text_problems(text) == []
    assert PdfReader(io.BytesIO(capsule_pdf)).pages[0].mediabox.height == pytest.approx(792)  # Letter, 11 in


def test_serial_dilution_record_shows_both_steps() -> None:
    recipe = make_liquid(LiquidInput(Quantity(0.1, "mg/mL"), Quantity(60, "mL"), MADE))
    text = text_of(record_pdf(recipe, INFO))
    # 0.1 mg/mL × 60 mL = 6 mg, taken as 6 mL of a 1 mg/mL stock (one 50 mg tablet in 50 mL); 6 mL
    # is 30 of the 0.2 mL marks of the 10 mL oral syringe, the smallest measure holding it.
    assert "0.1 mg/mL × 60 mL = 6 mg naltrexone HCl" in text
    assert (
        "take 6 mL of stock = 6 mg, measured on a mark of a 10 mL oral syringe (0.2 mL marks), made up to 60 mL"
    ) in text
    assert "Stock measured into the batch with a 10 mL oral syringe (0.2 mL marks), 6 mL" in text
    assert "Stock left over and discarded: 44 mL" in text
    assert dose_text_problems(text) == []


def test_same_batch_gives_the_same_bytes(liquid_pdf: bytes) -> None:
    recipe = make_liquid(LiquidInput(Quantity(1, "mg/mL"), Quantity(100, "mL"), MADE))
    assert record_pdf(recipe, INFO, PageSetup("a4")) == liquid_pdf
    assert page_count(liquid_pdf) == len(PdfReader(io.BytesIO(liquid_pdf)).pages)


def test_each_ingredient_line_prints_its_maker_lot_expiry_and_actual_amount() -> None:
    from ldn_desk.recipes.lots import IngredientLine

    recipe = make_capsules(CapsuleInput(Quantity(4.5, "mg"), 30, MADE))
    lines = (
        IngredientLine("Naltrexone HCl powder", "Medisca", "API-5", "2028-01-31", "139.6 mg"),
        # Entered in another case and spacing, it still stands beside the formula's own line.
        IngredientLine("microcrystalline  cellulose (avicel)", "FMC", "MCC-9", "2028-06", "2.7 g"),
        IngredientLine("Amber vial", "Wheaton", "AV-3"),  # not a formula line: a row of its own
    )
    text = text_of(record_pdf(recipe, INFO, PageSetup("a4"), ingredients=lines))
    # 4.5 mg × 31 capsules = 139.5 mg of naltrexone HCl powder (assay 100 %, over the 120 mg MWQ,
    # so weighed directly); the table, row by row:
    assert "Naltrexone HCl powder 139.5 mg Medisca API-5 2028-01-31 139.6 mg" in text
    assert "FMC MCC-9 2028-06 2.7 g" in text and "microcrystalline  cellulose" not in text
    assert "Amber vial Wheaton AV-3" in text
    # Without lines the columns stay blank to fill in by hand, as on the page's own print.
    assert "Medisca" not in text_of(record_pdf(recipe, INFO, PageSetup("a4")))


# --- the printed arithmetic ------------------------------------------------------------------------


def capsule_record_text(strength: float, count: int, **options: Any) -> str:
    recipe = make_capsules(CapsuleInput(Quantity(strength, "mg"), count, MADE, **options))
    return text_of(record_pdf(recipe, INFO))


ALIQUOT_CASES: dict[str, tuple[float, int, dict[str, Any]]] = {
    # 0.5 mg × 31 = 15.5 mg, under the 120 mg MWQ; size 3 MCC fill 0.3 mL × 0.3 g/mL = 90 mg.
    "0.5 mg MCC": (0.5, 30, {"size": "3"}),
    # 1.5 mg × 31 = 46.5 mg HCl ÷ 0.99 ÷ 0.995 = 47.21 mg of powder; the portion is
    # 47.206 × 310 ÷ 120 = 121.95 mg, printed 121.9 mg, and 121.9 × 120 ÷ 310 = 47.19, not 47.21.
    "1.5 mg HCl at 99%": (1.5, 30, {"size": "4", "calibrated_fill": Quantity(95, "mg"),
                                   "potency_percent": 99.0, "water_percent": 0.5}),
    # Base: 46.5 × 0.9035 ÷ 0.99 ÷ 0.995 = 42.65 mg of base powder.
    "1.5 mg base at 99%": (1.5, 30, {"size": "4", "calibrated_fill": Quantity(95, "mg"), "salt": "base",
                                    "potency_percent": 99.0, "water_percent": 0.5}),
    # Lactose, size suggested: 4.5 mg × 61 = 274.5 mg, weighed directly.
    "4.5 mg lactose": (4.5, 60, {"excipient": "lactose"}),
}  # fmt: skip


@pytest.mark.parametrize("case", ALIQUOT_CASES)
def test_every_printed_equals_sign_holds_for_the_printed_numbers(case: str) -> None:
    # A checker redoes each sum with the numbers on the page; "=" must then give the printed result,
    # and where rounding shows, the record writes "≈" instead.
    strength, count, options = ALIQUOT_CASES[case]
    text = capsule_record_text(strength, count, **options)
    found = equations(text)
    assert len(found) >= 4
    assert [problem for problem in map(wrong, found) if problem] == []


def test_rounded_aliquot_portion_is_not_claimed_exact() -> None:
    strength, count, options = ALIQUOT_CASES["1.5 mg HCl at 99%"]
    text = capsule_record_text(strength, count, **options)
    # 47.2063 mg × 310 mg ÷ 120 mg = 121.95 mg, read on a 1 mg balance as 122 mg (no total up to
    # 310 × 1.25 makes it whole: the amount needed is not a whole fraction); 122 × 120 ÷ 310 = 47.226 mg,
    # ≈ 47.23 mg from the printed numbers, and the 47.21 mg needed is said beside it.
    assert "take 122 mg: 122 mg × 120 mg ÷ 310 mg ≈ 47.23 mg of powder (47.21 mg needed" in text
    # 0.5 mg in size 3: 89.5 mg × 31 = 2,774.5 mg of filler, printed to the half mg so that with
    # 15.5 mg of powder the printed parts make the 2,790 mg batch fill (90 mg × 31) exactly.
    strength, count, options = ALIQUOT_CASES["0.5 mg MCC"]
    text = capsule_record_text(strength, count, **options)
    assert "89.5 mg × 31 = 2,774.5 mg" in text
    assert "Batch fill: 15.5 mg + 2,774.5 mg = 2,790 mg" in text


def test_record_shows_the_powder_correction_arithmetic() -> None:
    strength, count, options = ALIQUOT_CASES["1.5 mg base at 99%"]
    text = capsule_record_text(strength, count, **options)
    calculations = text[text.index("Calculations") : text.index("Equipment")]
    # 46.5 mg HCl × 0.9035 (base per HCl) ÷ 0.99 (assay) ÷ 0.995 (1 − 0.5 % water) = 42.650 mg.
    assert "46.5 mg × 0.9035 ÷ 0.99 ÷ 0.995 ≈ 42.65 mg" in calculations
    # The base powder weighs less than the HCl it stands for: the table says it delivers it.
    assert "42.65 mg (delivers 46.5 mg naltrexone HCl)" in text


def test_aliquot_record_names_the_weighings_beside_the_batch_amounts() -> None:
    strength, count, options = ALIQUOT_CASES["0.5 mg MCC"]
    text = capsule_record_text(strength, count, **options)
    formula = text[text.index("Formula:") : text.index("Calculations")]
    # Weigh 120 mg of drug, dilute with 960 − 120 = 840 mg of filler; take 124 mg of it and
    # make up to 2,790 mg with 2,790 − 124 = 2,666 mg more filler.
    assert "15.5 mg in the batch; weigh 120 mg for the aliquot" in formula
    # The calculations do not tell the pharmacist to weigh the 15.5 mg itself.
    assert "powder needed 15.5 mg (naltrexone HCl powder)" in text
    assert "powder to weigh 15.5 mg" not in text
    assert "2,775 mg in the batch; weigh 840 mg for the aliquot, then 2,666 mg" in formula


def test_a_measured_drug_density_is_used_in_the_calculations_as_in_the_steps() -> None:
    # 4.5 mg, size 4 (0.21 mL), MCC 0.3 g/mL, drug density 0.5 g/mL: the capsule full of filler is
    # 0.21 × 0.3 = 63 mg; the powder takes 4.5 ÷ 500 mg/mL = 0.009 mL; filler (0.21 − 0.009) × 300
    # = 60.3 mg; fill 4.5 + 60.3 = 64.8 mg. The own-weight rule would give 63 − 4.5 = 58.5 mg.
    text = capsule_record_text(4.5, 30, size="4", drug_density=Quantity(0.5, "g/mL"))
    calculations = text[text.index("Calculations") : text.index("Equipment")]
    assert "size 4 holds 0.21 mL × 0.3 g/mL = 63 mg of filler" in calculations
    assert "4.5 mg ÷ 0.5 g/mL (measured) = 0.009 mL" in calculations
    assert "(0.21 mL − 0.009 mL) × 0.3 g/mL = 60.3 mg" in calculations
    assert "fill per capsule 4.5 mg + 60.3 mg = 64.8 mg" in calculations
    assert "0.21 mL × 0.3 g/mL = 64.8" not in text and "63 mg − 4.5 mg" not in calculations
    # 4.5 × 31 = 139.5 mg of powder: the balance reads whole mg, so it is weighed as 140 mg.
    assert "weighed as 140 mg, what the balance reads" in calculations
    assert "Naltrexone HCl powder 140 mg" in text  # its line in the weighings table
    assert "139.5 mg needed, read to the balance's 1 mg" in text


def test_a_vehicle_solid_under_the_mwq_gets_its_aliquot_and_each_solid_its_weighing() -> None:
    # Fawcett 1997 per 100 mL: sodium benzoate 100 mg, under the 120 mg MWQ. 125 mg in a 10 mL flask
    # is 12.5 mg/mL, and 8 mL of it holds 8 × 12.5 = 100 mg (120 to 124 mg give no whole mL).
    recipe = make_liquid(LiquidInput(Quantity(1, "mg/mL"), Quantity(100, "mL"), MADE, formula="fawcett_1997"))
    text = text_of(record_pdf(recipe, INFO, PageSetup("a4")))
    assert "weigh 125 mg, dissolve it in purified water in a 10 mL volumetric flask" in text
    assert "measure 8 mL of it (8 mL × 12.5 mg/mL = 100 mg)" in text
    weighed = text[text.index("Weighings: the actual weight of each") : text.index("Steps")]
    assert "Ascorbic acid 500 mg" in weighed
    assert "Sodium benzoate, for its 10 mL aliquot solution 125 mg" in weighed
    assert "Class A prescription balance" in text
    assert "weigh it by the aliquot method or make a larger batch" not in text


def test_study_bud_cites_its_source_once() -> None:
    recipe = make_liquid(LiquidInput(Quantity(1, "mg/mL"), Quantity(100, "mL"), MADE, formula="fawcett_1997"))
    text = text_of(record_pdf(recipe, INFO))
    # Fawcett 1997: 60 days at 4 °C; 1 March 2026 is Day 1, so the last day is 29 April 2026.
    assert (
        "Do not use after 29 April 2026 Basis Stability study: 60 days Source Fawcett, Morgan & Woods, Ann Pharmacother 1997;31:1291"
        in text
    )
    assert text.count("stable 60 days at 4 °C") == 1


def test_powder_stock_record_shows_the_correction_arithmetic() -> None:
    recipe = make_liquid(
        LiquidInput(Quantity(1, "mg/mL"), Quantity(100, "mL"), MADE, source="powder",
                    potency_percent=99.0, water_percent=0.5)
    )  # fmt: skip
    text = text_of(record_pdf(recipe, INFO))
    # 100 mg ÷ 0.99 ÷ 0.995 = 101.5 mg, under the 120 mg MWQ: a 20 mg/mL stock of 10 mL (at least
    # twice the 5 mL aliquot) holds 200 mg HCl, weighed as 200 ÷ 0.99 ÷ 0.995 = 203.04 mg of powder;
    # 5 mL of it is 100 mg.
    assert "corrected for potency 99% and water 0.5%: 200 mg ÷ 0.99 ÷ 0.995 ≈ 203 mg" in text
    assert "203 mg (the weighing step shows the arithmetic)" in text
    # 5 mL: 50 of the 0.1 mL marks of the finer 5 mL oral syringe.
    assert (
        "take 5 mL of stock = 100 mg, measured on a mark of a 5 mL oral syringe (0.1 mL marks), made up to 100 mL"
    ) in text


def test_preserved_formula_record_shows_the_vehicle_scaled() -> None:
    recipe = make_liquid(LiquidInput(Quantity(1, "mg/mL"), Quantity(130, "mL"), MADE, formula="fawcett_1997"))
    text = text_of(record_pdf(recipe, INFO))
    # 130 mL of 1 mg/mL needs 130 mg: 3 whole 50 mg tablets, so 150 mL. Fawcett per 100 mL: ascorbic
    # acid 0.5 g, sodium benzoate 0.1 g, glycerol 20 mL; × 150/100 = 1.5 → 750 mg, 150 mg, 30 mL.
    # The 130 mL asked for is dispensed (a mark of the 250 mL cylinder's 2 mL marks); 150 − 130 = 20 mL is not.
    assert (
        "150 mL made (raised to use 3 whole tablets); 130 mL dispensed, as asked for; 20 mL surplus discarded"
    ) in text
    assert (
        "Vehicle: the formula per 100 mL × 1.5 for 150 mL: ascorbic acid 500 mg × 1.5 = 750 mg; "
        "sodium benzoate 100 mg × 1.5 = 150 mg; glycerol 20 mL × 1.5 = 30 mL; purified water to 150 mL."
    ) in text
    # Water alone has nothing to scale.
    plain = make_liquid(LiquidInput(Quantity(1, "mg/mL"), Quantity(100, "mL"), MADE))
    assert "Vehicle: the formula" not in text_of(record_pdf(plain, INFO))


def test_a_two_stage_aliquot_record_shows_both_dilutions() -> None:
    # 10 mcg × 31 = 0.31 mg (worked in test_aliquot): 120 mg → 2,370 mg; 120 mg of it → 2,360 mg;
    # 120.409 mg would be taken, read on a 1 mg balance as 120 mg: 120 × 120 × 120 ÷ (2,370 × 2,360)
    # = 0.30895, which prints as 0.309 mg, so "=", with the 0.31 mg needed beside it.
    recipe = make_capsules(CapsuleInput(Quantity(0.01, "mg"), 30, MADE, size="3"))
    text = text_of(record_pdf(recipe, INFO))
    assert "Aliquot in two stages (one dilution would be too large): weigh 120 mg of powder, dilute" in text
    assert "120 mg × 120 mg × 120 mg ÷ (2,370 mg × 2,360 mg) ≈ 0.309 mg of powder (0.31 mg needed" in text
    assert "Weigh 120 mg of the first mixture" in text


def test_a_component_expiry_sets_the_bud_and_the_record_says_why() -> None:
    from ldn_desk.recipes.bud import ComponentExpiry, parse_expiry

    # Water-based liquid made 1 March 2026: 14 days (USP <795>, aqueous, not preserved) would end on
    # 14 March 2026; the tablets' lot expires "2026-03" on the box, read as 31 March: no change.
    # A lot expiring 10 March 2026 comes first and sets the date.
    tablets = ComponentExpiry("Naltrexone HCl 50 mg tablets", parse_expiry("2026-03-10"), lot="NX-2291")
    unchanged = make_liquid(LiquidInput(Quantity(1, "mg/mL"), Quantity(100, "mL"), MADE,
                                        expiries=(ComponentExpiry("Water", parse_expiry("2026-03")),)))  # fmt: skip
    assert unchanged.bud.date == dt.date(2026, 3, 14) and not unchanged.bud.limited_by
    recipe = make_liquid(LiquidInput(Quantity(1, "mg/mL"), Quantity(100, "mL"), MADE, expiries=(tablets,)))
    assert recipe.bud.date == dt.date(2026, 3, 10) and recipe.bud.days == 10  # 1 to 10 March
    text = text_of(record_pdf(recipe, INFO))
    assert (
        "Basis Earliest expiry of a component: Naltrexone HCl 50 mg tablets, lot NX-2291, 10 March 2026; it "
        "comes before the date the preparation would otherwise have (USP <795> default: Aqueous, not "
        "preserved (water activity ≥ 0.6), 14 days: 14 March 2026)"
    ) in text
    assert "never later than the earliest expiry of any component" in text
    # The steps, the QC line and the label text all carry the shortened date, never the old one.
    assert "do not use after 10 March 2026" in text
    assert "Do not use after 10 March 2026 (an ingredient's expiry date)" in text
    # 14 March appears only where the record says what the date would otherwise have been: in the
    # basis and in the note beside it.
    assert text.count("14 March 2026") == 2
    assert any("Naltrexone HCl 50 mg tablets, lot NX-2291 expires then" in a.text for a in recipe.alerts)


def test_an_expired_component_or_an_unreadable_expiry_is_refused() -> None:
    from ldn_desk.errors import InputError
    from ldn_desk.recipes.bud import ComponentExpiry, parse_expiry

    old = ComponentExpiry("Naltrexone HCl 50 mg tablets", dt.date(2026, 2, 28))
    with pytest.raises(
        InputError, match=r"^expiry: \"2026-02-28\" — of Naltrexone HCl 50 mg tablets is before"
    ):
        make_liquid(LiquidInput(Quantity(1, "mg/mL"), Quantity(100, "mL"), MADE, expiries=(old,)))
    assert parse_expiry("2028-02") == dt.date(2028, 2, 29)  # a month-only expiry runs to its last day
    for bad in ("03/2027", "2027-13", "2027-02-30", "next year"):
        with pytest.raises(InputError, match=r"^expiry:"):
            parse_expiry(bad)


def test_a_base_preparation_is_named_as_base_on_the_record() -> None:
    strength, count, options = ALIQUOT_CASES["1.5 mg base at 99%"]
    text = capsule_record_text(strength, count, **options)
    assert (
        "Compounding record: Naltrexone (as base) capsules, each equivalent to naltrexone HCl 1.5 mg" in text
    )
    assert "Naltrexone HCl 1.5 mg capsules" not in text


def test_the_record_shows_the_directions_written_from_the_dose() -> None:
    from ldn_desk.documents.content import Directions

    recipe = make_liquid(LiquidInput(Quantity(1, "mg/mL"), Quantity(100, "mL"), MADE))
    text = text_of(record_pdf(recipe, INFO, directions=Directions(dose_mg=4.5, add="Take with food.")))
    # 4.5 mg of 1 mg/mL is 4.5 mL.
    assert (
        "Take 4.5 mL (4.5 mg) by mouth once a day at bedtime. Measure with an oral syringe. Take with food."
        in text
    )


@pytest.mark.parametrize(
    ("strength", "volume", "options", "says"),
    [
        # 0.7 mg/mL x 100 mL = 70 mg: 2 tablets (100 mg) make 100 / 0.7 = 142.9 mL, between the 2 mL
        # marks of the 250 mL cylinder; 7 tablets make 350 / 0.7 = 500 mL, a mark of the 500 mL one.
        # The 100 mL asked for is dispensed (measured in the 100 mL cylinder); 500 - 100 = 400 mL is not.
        (0.7, 100, {}, ("500 mL made (raised to use 7 whole tablets and make up to a cylinder's mark); 100 mL "
                        "dispensed, as asked for; 400 mL surplus discarded",
                        "Batch made up to volume in the 500 mL graduated cylinder (5 mL marks)",
                        "Quantity dispensed measured out of the batch with a 100 mL graduated cylinder (1 mL marks), 100 mL",
                        "Made 500 mL; dispensed 100 mL; surplus discarded, not dispensed or kept: 500 mL − 100 mL = 400 mL.")),
        # 1 mg/mL x 90 mL = 90 mg: 2 tablets, 100 mL, already a mark: raised for whole tablets only.
        (1, 90, {}, ("100 mL made (raised to use 2 whole tablets); 90 mL dispensed, as asked for; 10 mL surplus "
                     "discarded",
                     "Batch made up to volume in the 100 mL graduated cylinder (1 mL marks)")),
        # powder: 142.9 mL is between the 2 mL marks of the 250 mL cylinder; the next mark is 144 mL,
        # which is also the mark the 142.9 mL asked for is dispensed at: all of it is dispensed.
        (1, 142.9, {"source": "powder"}, ("144 mL made and dispensed (142.9 mL asked for; raised to a mark of its measure)",
                                          "Batch made up to volume in the 250 mL graduated cylinder (2 mL marks)")),
        # 0.25 mg/mL x 37 mL from the 1 mg/mL stock: 38 mL takes 9.5 mL, between the 0.2 mL marks of the
        # 10 mL syringe; 40 mL takes 0.25 x 40 / 1 = 10 mL, 50 marks. Stock: 1 tablet in 50 mL.
        (0.25, 37, {}, ("40 mL made (raised to a mark of its measure at which the part of the stock it takes "
                        "(10 mL) is a mark of a 10 mL oral syringe (0.2 mL marks)); 37 mL dispensed, as asked for; "
                        "3 mL surplus discarded",
                        "Stock made up to volume in the 50 mL graduated cylinder (1 mL marks)",
                        "Stock measured into the batch with a 10 mL oral syringe (0.2 mL marks), 10 mL",
                        "Batch made up to volume in the 50 mL graduated cylinder (1 mL marks)")),
    ],
)  # fmt: skip
def test_a_raised_batch_says_why_and_names_its_measure(
    strength: float, volume: float, options: dict[str, Any], says: tuple[str, ...]
) -> None:
    recipe = make_liquid(LiquidInput(Quantity(strength, "mg/mL"), Quantity(volume, "mL"), MADE, **options))
    text = text_of(record_pdf(recipe, INFO, PageSetup("a4")))
    for line in says:
        assert line in text
    assert "raised to use whole tablets" not in text  # once printed for powder and dilutions too


def test_a_mortar_is_listed_only_where_tablets_are_ground() -> None:
    tablets = text_of(
        record_pdf(make_liquid(LiquidInput(Quantity(1, "mg/mL"), Quantity(100, "mL"), MADE)), INFO)
    )
    powder = make_liquid(LiquidInput(Quantity(1, "mg/mL"), Quantity(100, "mL"), MADE, source="powder"))
    dissolved = text_of(record_pdf(powder, INFO))
    assert "Mortar and pestle" in tablets and "Grind" in tablets
    assert "Mortar and pestle" not in dissolved and "weighing boats" in dissolved


def test_the_equipment_lists_every_measure_the_steps_use() -> None:
    # 0.25 mg/mL x 38 mL, preserved vehicle (Fawcett per 100 mL: ascorbic acid 500 mg, sodium
    # benzoate 100 mg, glycerol 20 mL). The stock's part: 38 mL takes 9.5 mL of 1 mg/mL stock,
    # between the 10 mL syringe's 0.2 mL marks, so 40 mL (10 mL of stock, 50 marks); x 40/100 = 0.4:
    # sodium benzoate 40 mg, under the 120 mg MWQ: 200 mg in the 10 mL flask (20 mg/mL), 2 mL of it
    # (2 x 20 = 40 mg) on the 3 mL syringe; glycerol 8 mL on the 10 mL syringe (40 marks); the
    # 38 mL asked for measured out in a 50 mL cylinder, 40 - 38 = 2 mL discarded.
    recipe = make_liquid(
        LiquidInput(Quantity(0.25, "mg/mL"), Quantity(38, "mL"), MADE, formula="fawcett_1997")
    )
    text = text_of(record_pdf(recipe, INFO, PageSetup("a4")))
    for row in (
        "Class A prescription balance",
        "Sodium benzoate aliquot solution made up to volume in the 10 mL volumetric flask",
        "Sodium benzoate aliquot solution measured with a 3 mL oral syringe (0.1 mL marks), 2 mL",
        "Glycerol measured with a 10 mL oral syringe (0.2 mL marks), 8 mL",
        "Stock made up to volume in the 50 mL graduated cylinder (1 mL marks)",
        "Stock measured into the batch with a 10 mL oral syringe (0.2 mL marks), 10 mL",
        "Batch made up to volume in the 50 mL graduated cylinder (1 mL marks)",
        "Quantity dispensed measured out of the batch with a 50 mL graduated cylinder (1 mL marks), 38 mL",
    ):
        assert row in text, row
    assert "glycerol 8 mL measured with a 10 mL oral syringe (0.2 mL marks)" in text  # the vehicle step
    assert (
        "made up to 40 mL at the mark (q.s.)" in text and "38 mL in the bottle, as on the label" in text
    )  # QC


def test_a_batch_of_what_was_asked_lists_no_dispensing_measure() -> None:
    # 1 mg/mL x 100 mL: 2 tablets make exactly 100 mL, all dispensed; nothing is measured out of it.
    recipe = make_liquid(LiquidInput(Quantity(1, "mg/mL"), Quantity(100, "mL"), MADE))
    text = text_of(record_pdf(recipe, INFO, PageSetup("a4")))
    assert "100 mL made and dispensed" in text
    assert "Quantity dispensed measured" not in text and "surplus" not in text
