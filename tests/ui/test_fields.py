"""The unit-aware field: values read by the core parser, refusals shown in words at the field."""

from __future__ import annotations

from typing import Any

import pytest

from ldn_desk.units.quantity import magnitude
from ui.widgets.fields import QuantityField, count_field, date_field


def test_a_dose_in_mcg_is_read_as_mg(qtbot: Any) -> None:
    field = QuantityField("dose", "MASS", "100 mcg")
    qtbot.addWidget(field)
    # 100 mcg = 0.1 mg
    assert magnitude(field.value(), "mg") == pytest.approx(0.1)
    assert field.error() is None


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("4,5 mg", "decimal point"),
        ("100 cc", "write mL"),
        ("4.5", "needs a unit"),
        ("2+2 mg", "not a calculation"),
        ("", "is empty"),
    ],
)
def test_a_refused_entry_gives_no_value_and_says_why(qtbot: Any, text: str, words: str) -> None:
    field = QuantityField("dose", "MASS" if "cc" not in text else "VOLUME", "4.5 mg")
    qtbot.addWidget(field)
    field.show()
    field.set_text(text)
    assert field.value() is None
    assert not field.is_valid()
    message = field.error()
    assert message is not None and words in message
    # The message stands at the field, in words, with an icon beside it (not colour alone).
    assert field._message_row.isVisible()
    assert words in field._message.text()
    assert not field._icon.pixmap().isNull()
    assert field.edit.accessibleDescription() == message


def test_correcting_the_entry_clears_the_message(qtbot: Any) -> None:
    field = QuantityField("volume", "VOLUME", "100 cc")
    qtbot.addWidget(field)
    field.show()
    assert field.value() is None
    field.set_text("100 mL")
    assert magnitude(field.value(), "mL") == 100
    assert not field._message_row.isVisible()


def test_decimal_comma_setting_reads_a_comma_as_the_point(qtbot: Any) -> None:
    field = QuantityField("dose", "MASS", "4,5 mg")
    qtbot.addWidget(field)
    assert field.value() is None
    field.set_decimal_comma(True)
    # With the setting on, 4,5 mg is 4.5 mg — never 45 mg.
    assert magnitude(field.value(), "mg") == pytest.approx(4.5)


def test_typing_emits_value_changed(qtbot: Any) -> None:
    field = QuantityField("dose", "MASS", "")
    qtbot.addWidget(field)
    with qtbot.waitSignal(field.value_changed):
        qtbot.keyClicks(field.edit, "1")


def test_optional_field_left_empty_is_valid_with_no_value(qtbot: Any) -> None:
    field = QuantityField("drug density", "DENSITY", "", optional=True)
    qtbot.addWidget(field)
    assert field.is_valid() and field.value() is None
    field.set_text("0.5 mg")
    assert not field.is_valid()


def test_count_and_date_fields(qtbot: Any) -> None:
    count = count_field("count", "30")
    date = date_field("start date", "2026-12-01")
    qtbot.addWidget(count)
    qtbot.addWidget(date)
    assert count.value() == 30
    assert str(date.value()) == "2026-12-01"
    count.set_text("2.5")
    date.set_text("03/04/2026")
    assert count.value() is None and "whole number" in (count.error() or "")
    assert date.value() is None and "year-month-day" in (date.error() or "")
