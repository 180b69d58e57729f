"""Container labels: the USP <795> content, named layouts, sheets and single labels, refusals."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from ldn_desk.documents.content import Directions, label_content
from ldn_desk.documents.info import PharmacyInfo
from ldn_desk.documents.label import find_layout, label_pdf, layouts
from ldn_desk.documents.pdfbase import page_count
from ldn_desk.documents.textrules import dose_text_problems
from ldn_desk.errors import InputError
from ldn_desk.recipes.capsules.recipe import CapsuleInput, make_capsules
from ldn_desk.recipes.liquid.recipe import LiquidInput, make_liquid
from ldn_desk.units.language import speaking
from ldn_desk.units.quantity import Quantity

MADE = dt.date(2026, 3, 1)
INFO = PharmacyInfo(
    patient="Øyvind Łukasz Müller-Ñúñez",
    rx="RX-000123",
    pharmacy="Northern Integrative Pain and Fatigue Clinic of Saint-Étienne",
    date=MADE,
    contact="+33 4 00 00 00 00",
)
LIQUID = make_liquid(LiquidInput(Quantity(1, "mg/mL"), Quantity(100, "mL"), MADE, formula="fawcett_1997"))
CAPSULES = make_capsules(CapsuleInput(Quantity(1.5, "mg"), 30, MADE))


def text_of(pdf: bytes) -> list[str]:
    return [
        " ".join((p.extract_text() or "").replace("\u00a0", " ").split())
        for p in PdfReader(io.BytesIO(pdf)).pages
    ]


def test_liquid_label_has_the_usp_content() -> None:
    lines = label_content(LIQUID, INFO).lines()
    joined = " | ".join(lines)
    for expected in (
        "Øyvind Łukasz Müller-Ñúñez",
        "Naltrexone HCl 1 mg/mL oral suspension",
        "Take by mouth once a day",
        "Quantity: 100 mL",
        # Fawcett 1997 study dating: 60 days, 1 March as Day 1 = 29 April 2026.
        "Do not use after 29 April 2026",
        "Refrigerate (2–8 °C)",
        "Shake well before use",
        "Protect from light",
        "This medicine was compounded by the pharmacy.",
        "Northern Integrative Pain and Fatigue Clinic of Saint-Étienne",
        "RX-000123 · compounded 1 March 2026",  # typed with its own prefix: printed once
    ):
        assert expected in joined, expected
    assert "Rx RX" not in joined
    assert "Keep in the refrigerator" not in joined  # the storage line already says it


@pytest.mark.parametrize("layout", sorted(layouts()))
def test_each_layout_prints_the_whole_label(layout: str) -> None:
    pdf = label_pdf(CAPSULES, INFO, layout)
    (text,) = text_of(pdf)
    for expected in ("Øyvind Łukasz Müller-Ñúñez", "Naltrexone HCl 1.5 mg capsules", "Quantity: 30 capsules",
                     "Do not use after 27 August 2026", "compounded by the pharmacy", "RX-000123"):  # fmt: skip
        assert expected in text, (layout, expected)
    assert dose_text_problems(text) == []
    assert "Rx RX" not in text


def test_sheet_layout_geometry_from_resources() -> None:
    sheet = find_layout("avery_l7163")
    assert (sheet.columns, sheet.rows, sheet.per_page) == (2, 7, 14)
    x, y = sheet.origin(0)
    # 4.65 mm from the left; top edge 15.15 mm below the A4 top (297 mm), label 38.1 mm tall.
    assert x == pytest.approx(4.65 / 25.4 * 72)
    assert y == pytest.approx((297 - 15.15 - 38.1) / 25.4 * 72, abs=0.5)
    x3, y3 = sheet.origin(3)  # second row, second column
    assert x3 - x == pytest.approx(101.6 / 25.4 * 72)
    assert y - y3 == pytest.approx(38.1 / 25.4 * 72)
    single = find_layout("single_4x2in")
    assert single.page_size == pytest.approx((288, 144))  # 4 × 2 in at 72 pt an inch
    assert set(layouts()) >= {"avery_l7163", "letter_5163", "single_4x2in"}


def test_copies_continue_on_new_sheets_after_skipped_labels() -> None:
    assert page_count(label_pdf(LIQUID, INFO, "avery_l7163", copies=14)) == 1  # 2 × 7 = 14 a sheet
    assert page_count(label_pdf(LIQUID, INFO, "avery_l7163", copies=15)) == 2
    assert page_count(label_pdf(LIQUID, INFO, "avery_l7163", copies=2, skip=13)) == 2
    assert page_count(label_pdf(LIQUID, INFO, "single_4x2in", copies=3)) == 3


def test_a_label_too_small_for_the_text_is_refused() -> None:
    # Avery L7163 (99.1 × 38.1 mm) holds this label at 6 pt or more; with every name at its
    # longest (120 characters) and 284 characters of directions it needs more lines than its
    # 34 mm inside the margins hold.
    name = "Maria-Magdalena Łukasiewicz-Øyvindsdóttir de la Santísima Trinidad " * 2
    long = PharmacyInfo(patient=name[:120], rx="RX-1", pharmacy=name[:120], date=MADE, contact=name[:120],
                        prescriber=name[:120])  # fmt: skip
    said = "Swallow with a full glass of water and keep the syringe clean and dry. " * 2
    wordy = Directions(text=said, add=said)
    label_pdf(LIQUID, INFO, "avery_l7163", directions=wordy)
    with pytest.raises(
        InputError, match=r"^layout: \"avery_l7163\" — is too small for this label's text at 6 pt"
    ):
        label_pdf(LIQUID, long, "avery_l7163", directions=wordy)


@pytest.mark.parametrize(
    ("retired", "instead"), [("letter_5160", "letter_5163"), ("avery_l7160", "avery_l7163")]
)
def test_sheets_too_small_for_a_whole_label_are_not_offered(retired: str, instead: str) -> None:
    # Avery 5160 labels are 25.4 mm tall and L7160 labels 63.5 mm wide: neither holds the lines of
    # a label (prescriber, dispensing date, directions from the dose) at 6 pt, so neither is listed.
    assert retired not in layouts()
    with pytest.raises(InputError) as refused:
        label_pdf(LIQUID, INFO, retired)
    assert str(refused.value).startswith(f'layout: "{retired}" — is no longer offered')
    assert refused.value.example == instead


@pytest.mark.parametrize(("kwargs", "field"), [({"layout": "a4"}, "layout"), ({"copies": 0}, "copies"),
                                               ({"skip": 14}, "skip")])  # fmt: skip
def test_bad_label_choices_are_refused(kwargs: dict[str, object], field: str) -> None:
    with pytest.raises(InputError) as caught:
        label_pdf(LIQUID, INFO, **kwargs)  # type: ignore[arg-type]
    assert caught.value.field == field


def test_same_label_gives_the_same_bytes() -> None:
    assert label_pdf(LIQUID, INFO, "avery_l7163", copies=3) == label_pdf(
        LIQUID, INFO, "avery_l7163", copies=3
    )


def test_custom_directions_are_checked_for_the_font() -> None:
    content = label_content(LIQUID, INFO, "Take 1.5 mL by mouth at bedtime.")
    assert content.directions == "Take 1.5 mL by mouth at bedtime."
    with pytest.raises(InputError, match=r"^directions:"):
        label_content(LIQUID, INFO, "每晚 1.5 mL")


def test_every_container_says_keep_out_of_the_reach_of_children() -> None:
    # The capsule vial always said it; a liquid bottle's warnings come from its formula and did not.
    water = make_liquid(LiquidInput(Quantity(1, "mg/mL"), Quantity(100, "mL"), MADE))
    for recipe in (LIQUID, water, CAPSULES):
        lines = label_content(recipe, INFO).lines()
        assert lines.count("Keep out of the reach of children") == 1, lines
    # It follows the formula's own warnings: Fawcett 1997 keeps "Protect from light".
    assert label_content(LIQUID, INFO).auxiliary[-2:] == (
        "For oral use only",
        "Keep out of the reach of children",
    )


def sizes_of(pdf: bytes) -> set[float]:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return {round(char["size"], 2) for page in document.pages for char in page.chars}


@pytest.mark.parametrize("layout", sorted(layouts()))
def test_every_line_is_at_least_the_minimum_size(layout: str) -> None:
    # The Rx number, contact and compounded statement printed at 0.85 × 6.5 = 5.5 pt on L7160;
    # resources/labels.toml sets 6 pt as the least for any line.
    for recipe in (LIQUID, CAPSULES):
        pdf = label_pdf(recipe, PRESCRIBED, layout, directions=Directions(dose_mg=1.5))
        assert min(sizes_of(pdf)) >= 6, layout


PRESCRIBED = PharmacyInfo(
    patient="Jane Smith",
    rx="RX-000123",
    pharmacy="Riverside Pharmacy",
    date=MADE,
    contact="020 7946 0000",
    prescriber="Dr Øyvind Ødegård",
    dispensed=dt.date(2026, 3, 3),
)


def test_label_carries_the_prescriber_and_the_date_dispensed() -> None:
    lines = label_content(CAPSULES, PRESCRIBED).lines()
    assert "Prescriber: Dr Øyvind Ødegård" in lines
    assert "RX-000123 · compounded 1 March 2026 · dispensed 3 March 2026" in lines
    (text,) = text_of(label_pdf(CAPSULES, PRESCRIBED, "avery_l7163"))
    assert "Prescriber: Dr Øyvind Ødegård" in text and "dispensed 3 March 2026" in text
    # Neither is printed when not given.
    plain = " | ".join(label_content(CAPSULES, INFO).lines())
    assert "Prescriber" not in plain and "dispensed" not in plain


def test_a_dispensing_date_the_batch_cannot_have_is_refused() -> None:
    with pytest.raises(
        InputError, match=r"^date dispensed: \"2026-02-28\" — is before the day of compounding"
    ):
        PharmacyInfo(patient="Ann", rx="RX-1", pharmacy="P", date=MADE, dispensed=dt.date(2026, 2, 28))
    # Water-based liquid: 14-day USP BUD, 1 March (Day 1) to 14 March; 15 March is too late.
    water = make_liquid(LiquidInput(Quantity(1, "mg/mL"), Quantity(100, "mL"), MADE))
    late = PharmacyInfo(patient="Ann", rx="RX-1", pharmacy="P", date=MADE, dispensed=dt.date(2026, 3, 15))
    with pytest.raises(InputError, match=r"^date dispensed: .* after the beyond-use date \(14 March 2026\)"):
        label_content(water, late)


def test_directions_are_written_from_the_dose_and_time_of_day() -> None:
    # 1 mg/mL: 1.5 mg is 1.5 mL; 0.5 mg is 0.5 mL (leading zero, to the hundredth under 1 mL).
    liquid = label_content(LIQUID, INFO, Directions(dose_mg=1.5)).directions
    assert liquid == "Take 1.5 mL (1.5 mg) by mouth once a day at bedtime. Measure with an oral syringe."
    morning = label_content(LIQUID, INFO, Directions(dose_mg=0.5, time_of_day="morning")).directions
    assert morning.startswith("Take 0.5 mL (0.5 mg) by mouth once a day in the morning.")
    # 1.5 mg capsules: 3 mg is 2 capsules, 1.5 mg is 1 capsule.
    assert label_content(CAPSULES, INFO, Directions(dose_mg=3)).directions == (
        "Take 2 capsules (3 mg) by mouth once a day at bedtime."
    )
    assert label_content(CAPSULES, INFO, Directions(dose_mg=1.5)).directions.startswith(
        "Take 1 capsule (1.5 mg)"
    )
    # Without a dose (a titration) they point to the plan, and still name the time of day.
    assert label_content(CAPSULES, INFO).directions == (
        "Take by mouth once a day at bedtime, the number of capsules shown on your titration plan."
    )


def test_the_pharmacist_adds_to_the_written_directions() -> None:
    asked = Directions(dose_mg=1.5, add="Take with food.")
    assert label_content(CAPSULES, INFO, asked).directions == (
        "Take 1 capsule (1.5 mg) by mouth once a day at bedtime. Take with food."
    )
    with pytest.raises(InputError, match=r"^added directions: — \"qhs\" is a Latin abbreviation for bedtime"):
        Directions(dose_mg=1.5, add="Repeat qhs")


@pytest.mark.parametrize(
    ("recipe", "dose", "problem"),
    [
        # 1.25 mg of 1 mg/mL is 1.25 mL; from 1 mL, directions give volumes to the tenth only.
        (LIQUID, 1.25, "is 1.25 mL of 1 mg/mL by calculation"),
        # 2 mg ÷ 1.5 mg = 1.33 capsules.
        (CAPSULES, 2, "is not a whole number of 1.5 mg capsules"),
        (CAPSULES, 0, "must be more than zero"),
    ],
)
def test_a_dose_the_directions_cannot_say_is_refused(recipe: object, dose: float, problem: str) -> None:
    with pytest.raises(InputError) as refused:
        label_content(recipe, INFO, Directions(dose_mg=dose))  # type: ignore[arg-type]
    assert refused.value.field == "dose" and problem in str(refused.value)


def test_typed_directions_are_held_to_the_dose_writing_rules() -> None:
    # The example: every part of it breaks a rule; the first is named, with a good example.
    with pytest.raises(InputError) as refused:
        label_pdf(LIQUID, INFO, directions="Take .5 mL QD, or 1 teaspoon (5 cc) qhs")
    message = str(refused.value)
    assert message.startswith('directions: — ".5" is a number without its leading zero')
    assert "more problems after it" in message
    assert message.endswith("e.g. Take 1.5 mL (1.5 mg) by mouth at bedtime")


def test_a_preparation_from_naltrexone_base_is_named_as_base() -> None:
    base = make_capsules(CapsuleInput(Quantity(1.5, "mg"), 30, MADE, salt="base"))
    name = "Naltrexone (as base) capsules, each equivalent to naltrexone HCl 1.5 mg"
    assert name in label_content(base, INFO).lines()
    assert "Naltrexone HCl 1.5 mg capsules" not in label_content(base, INFO).lines()
    powder = make_liquid(LiquidInput(Quantity(1, "mg/mL"), Quantity(100, "mL"), MADE, source="powder",
                                     powder_salt="base"))  # fmt: skip
    assert (
        "Naltrexone (as base) oral solution, equivalent to naltrexone HCl 1 mg/mL"
        in label_content(powder, INFO).lines()
    )
    # From the HCl salt the name stays as it was.
    assert "Naltrexone HCl 1.5 mg capsules" in label_content(CAPSULES, INFO).lines()


def test_an_ingredient_expiry_cuts_the_beyond_use_date_short_and_the_label_says_so() -> None:
    from ldn_desk.recipes.bud import ComponentExpiry

    # Capsules made 1 March 2026: 180 days (USP <795> solid) would run to 27 August 2026, but the
    # filler lot expires 30 June 2026, which becomes the date.
    expiring = ComponentExpiry("Microcrystalline cellulose", dt.date(2026, 6, 30), lot="MC-77")
    short = make_capsules(CapsuleInput(Quantity(1.5, "mg"), 30, MADE, expiries=(expiring,)))
    lines = label_content(short, INFO).lines()
    assert "Do not use after 30 June 2026 (an ingredient's expiry date)" in lines
    (text,) = text_of(label_pdf(short, INFO, "avery_l7163"))
    assert "Do not use after 30 June 2026 (an ingredient's expiry date)" in text
    # A later expiry changes nothing.
    later = ComponentExpiry("Microcrystalline cellulose", dt.date(2027, 1, 31))
    same = make_capsules(CapsuleInput(Quantity(1.5, "mg"), 30, MADE, expiries=(later,)))
    assert "Do not use after 27 August 2026" in label_content(same, INFO).lines()


def test_a_fill_label_states_what_its_bottle_holds() -> None:
    from ldn_desk.plans.dispensing import dispense_liquid
    from ldn_desk.plans.titration import plan_from_protocol

    # Standard, first fill: 14 × 1.5 mL = 21 mL + the 2 mL overage = 23 mL, drawn from a 50 mL batch
    # (one tablet). The label says 23 mL, not the batch's 50 mL.
    plan = plan_from_protocol("standard", dt.date(2026, 3, 1))
    fill = dispense_liquid(plan, Quantity(1, "mg/mL"), 28).fills[0]
    assert fill.recipe is not None and fill.dispensed_ml == 23 and fill.batch_volume_ml == 50
    content = label_content(fill.recipe, INFO, quantity_ml=fill.dispensed_ml)
    assert content.quantity == "23 mL"
    assert label_content(fill.recipe, INFO).quantity == "23 mL"  # the recipe dispenses the fill
    assert (fill.recipe.dispensed_ml, fill.recipe.surplus_ml) == (23, 27)
    text = "\n".join(
        page.extract_text()
        for page in PdfReader(io.BytesIO(label_pdf(fill.recipe, INFO, quantity_ml=23))).pages
    )
    assert "23 mL" in text and "50 mL" not in text
    # More than the batch, or a quantity on capsules, is refused.
    with pytest.raises(InputError, match="no more than the batch"):
        label_content(fill.recipe, INFO, quantity_ml=60)
    capsules = make_capsules(CapsuleInput(Quantity(1.5, "mg"), 30, dt.date(2026, 3, 1)))
    with pytest.raises(InputError, match="capsules are counted"):
        label_content(capsules, INFO, quantity_ml=10)


@pytest.mark.parametrize(
    ("language", "typed", "printed"),
    [
        ("en", "2026-0042", "Rx 2026-0042"),
        ("en", "RX-2026-0042", "RX-2026-0042"),  # its own prefix: printed once, as typed
        ("en", "Rx 2026-0042", "Rx 2026-0042"),
        ("en", "rx#77", "rx#77"),
        ("en", "RX/9", "RX/9"),
        ("en", "RXA12", "Rx RXA12"),  # no separator after the letters: not a prefix
        ("en", "Rx12", "Rx Rx12"),
        ("es", "2026-0042", "Receta 2026-0042"),
        ("es", "RX-2026-0042", "RX-2026-0042"),
    ],
)
def test_an_rx_number_typed_with_its_prefix_prints_the_prefix_once(
    language: str, typed: str, printed: str
) -> None:
    info = PharmacyInfo(patient="Ann Lee", rx=typed, pharmacy="Leeds Compounding Pharmacy", date=MADE)
    with speaking(language):  # the lines are worded when read
        lines = label_content(LIQUID, info, language=language).lines()
    assert f"{printed} · " in lines[1], lines[1]
    assert lines[1].startswith(printed)
    (text,) = text_of(label_pdf(LIQUID, info, "avery_l7163", language=language))
    assert printed in text and f"Rx {printed}" not in text and f"Receta {printed}" not in text
