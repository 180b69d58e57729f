"""The Liquid and Capsules pages show the figures the compounding record prints, in its words."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.ui.conftest import recomputed
from tests.ui.test_documents import text_of

# An amount as the program writes it: "1,163 mg", "0.5 mg", "1 mg/mL", "100 mL", "±10%".
FIGURE = re.compile(r"(?<![\w.,])\d[\d,]*(?:\.\d+)?\s?(?:mg/mL|g/mL|mg|mL|%)(?![\w/])")


def flat(text: str) -> str:
    """Text with every run of spaces, tabs and line breaks made one space (the PDF wraps lines)."""
    return " ".join(text.replace("\u00a0", " ").replace("\u2060", "").split())


def record_text(page: Any) -> str:
    page.record_fields.patient.setText("Ann Lee")
    page.record_fields.rx.setText("RX-1")
    return flat(text_of(page.record_pdf()))


def check_page_matches_record(page: Any) -> None:
    assert page.results.has_result, page.results.text()
    shown = flat(page.results.text())
    printed = record_text(page)
    # Every figure the page shows is one the record prints.
    missing = sorted({f for f in FIGURE.findall(shown) if flat(f) not in printed})
    assert not missing, f"on the page but not on the record: {missing}\n{shown}"
    # Each line of the record's formula is on the page with its own words beside its name.
    desk = page.desk()
    for name, amount in desk.printed_formula(page.recipe):
        assert flat(f"{name} {amount}") in shown
        assert flat(amount) in printed
    for what, weight in desk.printed_weighings(page.recipe):
        assert flat(f"{what} {weight}") in shown


@pytest.fixture
def with_pharmacy(window: Any) -> Any:
    from ui.settings.store import AppSettings

    window.apply_settings(AppSettings(clinic_name="Riverside Pharmacy"))
    return window


def set_combo(page: Any, combo: Any, data: str) -> None:
    index = combo.findData(data)
    assert index >= 0, data
    recomputed(page.qtbot, page, lambda: combo.setCurrentIndex(index))


def test_every_vehicle_from_tablets(qtbot: Any, with_pharmacy: Any) -> None:
    page = with_pharmacy.pages[1]
    page.qtbot = qtbot
    for index in range(page.formula.count()):
        set_combo(page, page.formula, page.formula.itemData(index))
        check_page_matches_record(page)


@pytest.mark.parametrize(
    ("strength", "volume", "potency"),
    [
        ("1 mg/mL", "100 mL", "99.5 %"),  # 100 mg ÷ 0.995 = 100.5 mg of powder to weigh
        ("0.5 mg/mL", "30 mL", "100 %"),  # 15 mg, under the 120 mg MWQ: made by dilution of a stock
    ],
)
def test_powder_liquid(qtbot: Any, with_pharmacy: Any, strength: str, volume: str, potency: str) -> None:
    page = with_pharmacy.pages[1]
    page.qtbot = qtbot
    set_combo(page, page.source, "powder")
    recomputed(qtbot, page, lambda: page.strength.set_text(strength))
    recomputed(qtbot, page, lambda: page.volume.set_text(volume))
    recomputed(qtbot, page, lambda: page.potency.set_text(potency))
    check_page_matches_record(page)


@pytest.mark.parametrize(
    ("strength", "count", "method", "size", "aliquot"),
    [
        # 1.5 mg × 31 = 46.5 mg of powder, under the 120 mg minimum weighable: by aliquot.
        ("1.5 mg", "30", "volume", "", True),
        # 4.5 mg × 101 = 454.5 mg of powder, over the 120 mg minimum: weighed as it is.
        ("4.5 mg", "100", "volume", "", False),
        ("1.5 mg", "30", "calibrated", "3", True),
        ("4.5 mg", "100", "calibrated", "3", False),
    ],
)
def test_capsules(
    qtbot: Any, with_pharmacy: Any, strength: str, count: str, method: str, size: str, aliquot: bool
) -> None:
    page = with_pharmacy.pages[2]
    page.qtbot = qtbot
    recomputed(qtbot, page, lambda: page.strength.set_text(strength))
    recomputed(qtbot, page, lambda: page.count.set_text(count))
    if size:
        set_combo(page, page.capsule_size, size)
    set_combo(page, page.method, method)
    check_page_matches_record(page)
    assert (page.recipe.aliquot is not None) == aliquot
    shown = flat(page.results.text())
    if aliquot:
        # Never "filler to weigh" the batch's amount when the balance weighs other amounts.
        assert " to weigh" not in shown.split("Steps")[0]
        assert "in the batch; weigh" in shown


def test_a_raised_dilution_batch(qtbot: Any, with_pharmacy: Any) -> None:
    # 0.25 mg/mL x 37 mL from tablets: 40 mL takes 10 mL of the 1 mg/mL stock, 50 marks of the 10 mL
    # oral syringe (0.2 mL marks); the 37 mL asked for is dispensed and 40 - 37 = 3 mL discarded.
    page = with_pharmacy.pages[1]
    page.qtbot = qtbot
    set_combo(page, page.source, "tablets")
    recomputed(qtbot, page, lambda: page.strength.set_text("0.25 mg/mL"))
    recomputed(qtbot, page, lambda: page.volume.set_text("37 mL"))
    check_page_matches_record(page)
    shown = flat(page.results.text())
    for figure in ("Batch volume 40 mL", "Dispensed 37 mL", "Surplus discarded 3 mL",
                   "2. Measure of the stock 10 mL with a 10 mL oral syringe (0.2 mL marks)"):  # fmt: skip
        assert figure in shown, shown
    printed = record_text(page)
    assert "40 mL made" in printed and "37 mL dispensed, as asked for; 3 mL surplus discarded" in printed
    assert "Stock measured into the batch with a 10 mL oral syringe (0.2 mL marks), 10 mL" in printed
