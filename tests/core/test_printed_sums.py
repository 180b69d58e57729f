"""Every printed equation on every document kind adds up as printed (tests/core/printed_sums.py)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from functools import cache

import pdfplumber
import pytest
from printed_sums import equations, misprinted_numbers, relations, wrong, wrong_relation
from test_documents_layout import CLINIC, HANDOUTS, LANGUAGES, PHARMACY, RECIPES

from ldn_desk.documents.label import Directions, label_pdf
from ldn_desk.documents.mfr import mfr_pdf, mfrs
from ldn_desk.documents.record import record_pdf
from ldn_desk.recipes.capsules.recipe import CapsuleInput, make_capsules
from ldn_desk.recipes.liquid.recipe import LiquidInput, make_liquid
from ldn_desk.units.quantity import Quantity

pytestmark = pytest.mark.slow

START = dt.date(2026, 3, 1)
MORE: dict[str, Callable[[], object]] = {
    "liquid powder stock": lambda: make_liquid(
        LiquidInput(Quantity(0.05, "mg/mL"), Quantity(30, "mL"), START, source="powder", potency_percent=99,
                    water_percent=0.5)),
    "liquid powder 0.7": lambda: make_liquid(LiquidInput(Quantity(0.7, "mg/mL"), Quantity(140, "mL"), START,
                                                         source="powder")),
    # 40 mL made (10 mL of stock on the 10 mL syringe's marks), 37 mL dispensed: 40 mL − 37 mL = 3 mL
    "liquid raised dilution": lambda: make_liquid(LiquidInput(Quantity(0.25, "mg/mL"), Quantity(37, "mL"), START,
                                                              formula="fawcett_1997")),
    "capsules measured density": lambda: make_capsules(CapsuleInput(Quantity(4.5, "mg"), 60, START,
                                                                    drug_density=Quantity(0.3, "g/mL"))),
    "capsules calibrated": lambda: make_capsules(CapsuleInput(Quantity(3, "mg"), 100, START, size="3",
                                                              calibrated_fill=Quantity(120, "mg"))),
}  # fmt: skip


def _text(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return "\n".join(page.extract_text() or "" for page in doc.pages)


@pytest.mark.parametrize("recipe", [*RECIPES, *MORE])
def test_record_and_label_sums_hold(recipe: str) -> None:
    made = {**RECIPES, **MORE}[recipe]()
    found = equations(_text(record_pdf(made, PHARMACY)))  # type: ignore[arg-type]
    assert found  # at least the drug in the batch
    found += equations(_text(label_pdf(made, PHARMACY)))  # type: ignore[arg-type]
    assert [problem for problem in map(wrong, found) if problem] == []


@pytest.mark.parametrize("mfr", [m.label for m in mfrs()])
def test_mfr_sums_hold(mfr: str) -> None:
    (chosen,) = [m for m in mfrs() if m.label == mfr]
    found = equations(_text(mfr_pdf(chosen, pharmacy=CLINIC)))
    assert found
    assert [problem for problem in map(wrong, found) if problem] == []


def _dose_mg(made: object) -> float:
    """A dose the label can write exactly: 2 mL of a liquid, 2 capsules."""
    strength = getattr(made, "concentration_mg_per_ml", None)
    if strength is None:
        return round(2 * made.drug_hcl_mg / made.capsules, 6)  # type: ignore[attr-defined]
    return round(2 * strength, 6)


@pytest.mark.parametrize("recipe", [*RECIPES, *MORE])
def test_record_and_label_relations_hold(recipe: str) -> None:
    # The record (English only) and the label in each language, with a dose in its directions.
    made = {**RECIPES, **MORE}[recipe]()
    record = _text(record_pdf(made, PHARMACY))  # type: ignore[arg-type]
    found = relations(record)
    for language in LANGUAGES:
        label = _text(label_pdf(made, PHARMACY, "single_100x50mm", language=language,  # type: ignore[arg-type]
                                directions=Directions(dose_mg=_dose_mg(made))))  # fmt: skip
        on_label = relations(label)
        assert any(r.text.startswith(("Take", "Tome")) for r in on_label), label  # the dose in mL or capsules
        assert misprinted_numbers(label, language) == []
        found += on_label
    if recipe.startswith("liquid"):
        assert any("naltrexone HCl in" in r.text for r in found)  # the make-up step's strength × volume
    assert [problem for problem in map(wrong_relation, found) if problem] == []


@cache
def _handout_text(handout: str, language: str) -> str:
    return _text(HANDOUTS[handout](language))


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("handout", HANDOUTS)
def test_handout_sums_and_relations_hold(handout: str, language: str) -> None:
    text = _handout_text(handout, language)
    assert [problem for problem in map(wrong, equations(text)) if problem] == []
    found = relations(text)
    if handout != "capsules weekly a4 large print":  # its plan rows wrap the capsule counts apart
        assert found
    assert [problem for problem in map(wrong_relation, found) if problem] == []
    assert misprinted_numbers(text, language) == []


def test_the_check_finds_a_wrong_line() -> None:
    # 0.7 × 142.9 = 100.03, not exactly 100; 46.5 + 1,163 = 1,209.5, which an inspector rounds to
    # 1,210; 122.5 × 61 = 7,472.5 exactly; (0.21 − 0.015) × 0.3 g/mL = 0.0585 g = 58.5 mg.
    text = (
        "Drug in the batch: 0.7 mg/mL × 142.9 mL = 100 mg naltrexone HCl. Batch fill: 46.5 mg + 1,163 mg "
        "≈ 1,209 mg (powder). Filler: 122.5 mg × 61 = 7,472.5 mg; filler per capsule (0.21 mL − 0.015 mL) "
        "× 0.3 g/mL = 58.5 mg; take 6 mL of stock = 6 mg."
    )
    found = equations(text)
    assert [e.text for e in found] == [
        "0.7 mg/mL × 142.9 mL = 100 mg",
        "46.5 mg + 1,163 mg ≈ 1,209 mg",
        "122.5 mg × 61 = 7,472.5 mg",
        "filler per capsule (0.21 mL − 0.015 mL) × 0.3 g/mL = 58.5 mg",
    ]
    problems = [wrong(e) for e in found]
    assert problems[0] is not None and "100.03" in problems[0]
    assert problems[1] is not None and "1209.5" in problems[1]
    assert problems[2:] == [None, None]
    # "≈" within half a unit of the last digit holds: 0.7 × 142.9 = 100.03 ≈ 100 mg
    assert wrong(equations("x: 0.7 mg/mL × 142.9 mL ≈ 100 mg")[0]) is None
    # A sum in an aside after a number: 2 mL × 20 mg/mL = 40 mg holds, 41 mg does not.
    (aside,) = equations("(20 mg/mL); measure 2 mL of it (2 mL × 20 mg/mL = 40 mg) with a syringe")
    assert aside.text.endswith("2 mL × 20 mg/mL = 40 mg") and wrong(aside) is None
    (slip,) = equations("(20 mg/mL); measure 2 mL of it (2 mL × 20 mg/mL = 41 mg) with a syringe")
    assert wrong(slip) is not None


def _mutated(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def test_the_check_finds_a_wrong_relation_of_each_kind() -> None:
    # A real record (0.1 mg/mL from a 1 mg/mL stock: 6 mL of stock = 6 mg, 0.1 × 60 = 6 mg) and a
    # real Spanish handout (1 mg/mL: 1.5 mg is 1.5 mL); each line is printed right, then changed.
    record = _text(record_pdf(RECIPES["liquid serial dilution"](), PHARMACY))  # type: ignore[arg-type]
    capsules = _text(record_pdf(RECIPES["capsules volume"](), PHARMACY))  # type: ignore[arg-type]
    handout = _handout_text("liquid standard a4", "es")
    weekly = _handout_text("capsules weekly letter", "en")
    for text in (record, capsules, handout, weekly):
        assert [p for p in map(wrong_relation, relations(text)) if p] == []
    changes = [
        (record, "take 6 mL of stock = 6 mg", "take 6 mL of stock = 5 mg"),
        (record, "stock 1 mg/mL, 50 mL (50 mg naltrexone HCl)", "stock 1 mg/mL, 50 mL (55 mg naltrexone HCl)"),
        (record, "measure 6 mL of it (6 mg naltrexone HCl)", "measure 6 mL of it (0.6 mg naltrexone HCl)"),
        (record, "1 naltrexone HCl 50 mg tablet (50 mg naltrexone HCl)",
         "1 naltrexone HCl 50 mg tablet (100 mg naltrexone HCl)"),
        (record, "0.1 mg/mL (6 mg naltrexone HCl in 60 mL)", "0.1 mg/mL (6 mg naltrexone HCl in 66 mL)"),
        # 4.5 mg in 60 capsules: 4.5 mg of drug and the filler make each fill (volume method)
        (capsules, " mg in all", "1 mg in all"),
        (handout, "1.5 mg Cargue 1.5 mL", "1.5 mg Cargue 1.6 mL"),
        (handout, "3 mg 3 mg 3 mg 3 mg 3 mg 3 mg 4.5 mg\n3 mL 3 mL 3 mL 3 mL 3 mL 3 mL 4.5 mL",
         "3 mg 3 mg 3 mg 3 mg 3 mg 3 mg 4.5 mg\n3 mL 3 mL 3 mL 3 mL 3 mL 3 mL 4 mL"),
        (weekly, "3 mg Take 3 capsules of 1 mg", "3 mg Take 2 capsules of 1 mg"),
        ("Naltrexone HCl 1 mg/mL oral suspension. Take 1.5 mL (1.5 mg) by mouth.",
         "Take 1.5 mL (1.5 mg)", "Take 1.5 mL (15 mg)"),
        ("Naltrexona clorhidrato 1.5 mg, cápsulas. Tome 2 cápsulas (3 mg) por vía oral.",
         "Tome 2 cápsulas (3 mg)", "Tome 2 cápsulas (4.5 mg)"),
    ]  # fmt: skip
    for text, old, new in changes:
        before = relations(text)
        after = relations(_mutated(text, old, new))
        assert len(after) == len(before), new  # the changed line is still read as a relation
        problems = [p for p in map(wrong_relation, after) if p]
        assert len(problems) == 1, (new, problems)


def test_spanish_numbers_are_read_and_misprinted_ones_found() -> None:
    # Spanish thousands take a no-break space: 1\u00a0250 mg + 40 mg = 1\u00a0290 mg is read as 1,290.
    (right,) = equations("Total: 1\u00a0250 mg + 40 mg = 1\u00a0290 mg.")
    assert right.result == 1290 and wrong(right) is None
    (off,) = equations("Total: 1\u00a0250 mg + 40 mg = 1\u00a0300 mg.")
    assert wrong(off) is not None and "1290" in (wrong(off) or "")
    # A decimal comma, or an English thousands comma, in a Spanish document; a no-break space in
    # an English one.
    assert misprinted_numbers("Tome 1,5 mL (1,5 mg) al acostarse.", "es") != []
    assert misprinted_numbers("Total: 1,290 mg.", "es") != []
    assert misprinted_numbers("Total: 1\u00a0290 mg; tome 1.5 mL.", "es") == []
    assert misprinted_numbers("Total: 1\u00a0290 mg.", "en") != []
    assert misprinted_numbers("Total: 1,290 mg; take 1.5 mL.", "en") == []
