"""A refusal of the core is marked at its field, named as the label names it, quoting the text typed."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from tests.ui.conftest import recomputed
from tests.ui.test_pages import type_into

INTERNAL = ("potency_percent", "water_percent", "tablet_strength", "calibrated_fill", "drug_density")


def powder(qtbot: Any, page: Any) -> None:
    recomputed(qtbot, page, lambda: page.source.setCurrentIndex(page.source.findData("powder")))


@pytest.mark.parametrize(
    ("index", "setup", "field", "typed", "said"),
    [
        # DOMAIN.md: the certificate's assay is accepted from 90% to 110%.
        (2, None, "potency", "150 %", 'Assay (potency): "150 %" — must be between 90% and 110%'),
        # "0.995" (a fraction, not a percent) is 0.995 %, and is quoted as typed, never as "1%".
        (1, powder, "potency", "0.995", 'Assay (potency): "0.995" — must be between 90% and 110%'),
        (1, None, "tablet_strength", "500 mg", 'Tablet strength: "500 mg" — must be from 10 mg to 100 mg'),
        (1, None, "volume", "100000 mL", 'Volume: "100000 mL" — is more than 2,000 mL'),
    ],
)
def test_a_range_refusal_is_at_its_field_in_its_words(
    qtbot: Any, window: Any, index: int, setup: Any, field: str, typed: str, said: str
) -> None:
    page = window.pages[index]
    window.show_page(index)
    if setup is not None:
        setup(qtbot, page)
    widget = getattr(page, field)
    recomputed(qtbot, page, lambda: type_into(qtbot, widget, typed))
    shown = page.results.text()
    assert not page.results.has_result and page.recipe is None
    assert said in shown, shown
    assert not any(name in shown for name in INTERNAL)
    assert '"1%"' not in shown
    # Marked at the field: its border, an icon in the entry, and the words for a screen reader.
    assert widget.refusal() is not None and widget.refusal().startswith(said)
    assert widget.edit.accessibleDescription() == widget.refusal()
    assert widget._mark in widget.edit.actions()
    # Every other field is unmarked.
    assert [f for f in page.fields if f is not widget and (f.refusal() or f.error())] == []


def test_correcting_the_entry_lifts_the_refusal(qtbot: Any, window: Any) -> None:
    page = window.pages[2]
    window.show_page(2)
    recomputed(qtbot, page, lambda: type_into(qtbot, page.potency, "150 %"))
    assert page.potency.refusal()
    recomputed(qtbot, page, lambda: type_into(qtbot, page.potency, "99.5 %"))
    assert page.potency.refusal() is None and page.results.has_result
    assert page.potency._mark not in page.potency.edit.actions()


def test_a_message_does_not_move_the_fields_below_while_one_types(qtbot: Any, window: Any) -> None:
    page = window.pages[1]
    window.show_page(1)
    page.volume.edit.setFocus()
    qtbot.waitUntil(page.volume.edit.hasFocus)
    below = page.formula.mapTo(page, page.formula.rect().topLeft()).y()
    recomputed(qtbot, page, lambda: type_into(qtbot, page.volume, "100 cc"))
    assert page.volume.error() and "write mL" in page.volume.error()
    assert page.formula.mapTo(page, page.formula.rect().topLeft()).y() == below
    # The words come at the field once one leaves it, named as the label names it.
    qtbot.keyClick(page.volume.edit, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: page.volume._message_row.isVisible())
    assert 'Volume: "100 cc"' in page.volume._message.text()


def test_a_parse_refusal_names_the_label_too(qtbot: Any, window: Any) -> None:
    page = window.pages[2]
    window.show_page(2)
    recomputed(qtbot, page, lambda: type_into(qtbot, page.count, "2.5"))
    assert page.count.error().startswith('Capsules to dispense: "2.5" —')
    assert page.count.error() in page.results.text()
