"""Every printed equation on every document kind adds up as printed (tests/core/printed_sums.py)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable

import pdfplumber
import pytest
from printed_sums import equations, wrong
from test_documents_layout import CLINIC, HANDOUTS, PHARMACY, RECIPES

from ldn_desk.documents.label import label_pdf
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


@pytest.mark.parametrize("handout", ["liquid standard a4", "capsules weekly letter"])
def test_handout_sums_hold(handout: str) -> None:
    found = equations(_text(HANDOUTS[handout]("en")))
    assert [problem for problem in map(wrong, found) if problem] == []


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
