"""Container labels: the USP <795> content, named layouts, sheets and single labels, refusals."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from ldn_desk.documents.content import label_content
from ldn_desk.documents.info import PharmacyInfo
from ldn_desk.documents.label import find_layout, label_pdf, layouts
from ldn_desk.documents.pdfbase import page_count
from ldn_desk.documents.textrules import dose_text_problems
from ldn_desk.errors import InputError
from ldn_desk.recipes.capsules.recipe import CapsuleInput, make_capsules
from ldn_desk.recipes.liquid.recipe import LiquidInput, make_liquid
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
        "Rx RX-000123",
    ):
        assert expected in joined, expected
    assert "Keep in the refrigerator" not in joined  # the storage line already says it


@pytest.mark.parametrize("layout", ["avery_l7160", "avery_l7163", "avery_l7165", "letter_5163", "letter_5164",
                                    "single_4x2in", "single_100x50mm"])  # fmt: skip
def test_each_layout_prints_the_whole_label(layout: str) -> None:
    pdf = label_pdf(CAPSULES, INFO, layout)
    (text,) = text_of(pdf)
    for expected in ("Øyvind Łukasz Müller-Ñúñez", "Naltrexone HCl 1.5 mg capsules", "Quantity: 30 capsules",
                     "Do not use after 27 August 2026", "compounded by the pharmacy", "Rx RX-000123"):  # fmt: skip
        assert expected in text, (layout, expected)
    assert dose_text_problems(text) == []


def test_sheet_layout_geometry_from_resources() -> None:
    sheet = find_layout("avery_l7160")
    assert (sheet.columns, sheet.rows, sheet.per_page) == (3, 7, 21)
    x, y = sheet.origin(0)
    # 7.25 mm from the left; top edge 15.15 mm below the A4 top (297 mm), label 38.1 mm tall.
    assert x == pytest.approx(7.25 / 25.4 * 72)
    assert y == pytest.approx((297 - 15.15 - 38.1) / 25.4 * 72, abs=0.5)
    x4, y4 = sheet.origin(4)  # second row, second column
    assert x4 - x == pytest.approx(66.04 / 25.4 * 72)
    assert y - y4 == pytest.approx(38.1 / 25.4 * 72)
    single = find_layout("single_4x2in")
    assert single.page_size == pytest.approx((288, 144))  # 4 × 2 in at 72 pt an inch
    assert set(layouts()) >= {"avery_l7160", "letter_5160", "single_4x2in"}


def test_copies_continue_on_new_sheets_after_skipped_labels() -> None:
    assert page_count(label_pdf(LIQUID, INFO, "avery_l7163", copies=14)) == 1  # 2 × 7 = 14 a sheet
    assert page_count(label_pdf(LIQUID, INFO, "avery_l7163", copies=15)) == 2
    assert page_count(label_pdf(LIQUID, INFO, "avery_l7163", copies=2, skip=13)) == 2
    assert page_count(label_pdf(LIQUID, INFO, "single_4x2in", copies=3)) == 3


def test_a_label_too_small_for_the_text_is_refused() -> None:
    with pytest.raises(InputError, match=r"^layout: \"letter_5160\" — is too small"):
        label_pdf(LIQUID, INFO, "letter_5160")


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
