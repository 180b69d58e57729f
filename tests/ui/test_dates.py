"""Dates at the field: a compounding date after today refused, a plan length that stops the
titration short warned, one-digit days read, and a calendar beside each date field."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import QDate

from tests.ui.conftest import recomputed
from tests.ui.test_pages import type_into


@pytest.mark.parametrize("index", [1, 2])
def test_a_compounding_date_after_today_is_refused_at_its_field(
    qtbot: Any, window: Any, messages: list[str], index: int
) -> None:
    page = window.pages[index]
    window.show_page(index)
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    recomputed(qtbot, page, lambda: type_into(qtbot, page.compounded, tomorrow))
    assert page.recipe is None and not page.results.has_result
    said = page.compounded.refusal()
    assert said is not None and said.startswith(f'Compounded on: "{tomorrow}" — is after today')
    assert said in page.results.text()
    # Nothing to print or save: the documents are refused too.
    assert window._document_bytes() is None
    assert messages and "correct the marked entries" in messages[0]


def test_a_one_digit_day_is_read_as_the_date(qtbot: Any, window: Any) -> None:
    page = window.pages[1]
    window.show_page(1)
    recomputed(qtbot, page, lambda: type_into(qtbot, page.compounded, "2026-11-1"))
    assert page.compounded.value() == dt.date(2026, 11, 1)
    assert page.recipe is not None and page.recipe_input.compounded == dt.date(2026, 11, 1)


def test_a_plan_length_shorter_than_the_titration_is_warned_at_its_field(qtbot: Any, window: Any) -> None:
    plan = window.pages[0]
    # The default protocol reaches its target after more than 21 days (standard: on day 29).
    recomputed(qtbot, plan, lambda: type_into(qtbot, plan.length, "21 days"))
    assert plan.results.has_result  # a warning, not a refusal: the plan is shown
    warned = plan.length.warning()
    assert warned is not None and "before it reaches the target" in warned
    assert plan.length._warning_mark in plan.length.edit.actions()
    assert warned in plan.results.text()
    recomputed(qtbot, plan, lambda: type_into(qtbot, plan.length, "16 weeks"))
    assert plan.length.warning() is None


def test_a_warning_that_stands_is_not_taken_off_and_put_back(
    qtbot: Any, window: Any, monkeypatch: Any
) -> None:
    plan = window.pages[0]
    recomputed(qtbot, plan, lambda: type_into(qtbot, plan.length, "21 days"))
    warned = plan.length.warning()
    assert warned is not None and "before it reaches the target" in warned
    marked: list[tuple[Any, Any]] = []
    show = plan.length._show
    monkeypatch.setattr(
        plan.length,
        "_show",
        lambda: (marked.append((plan.length.warning(), plan.length.styleSheet())), show()),
    )
    # Another time of day: the same plan length, the same warning; the field is left as it is.
    recomputed(qtbot, plan, lambda: plan.when.setCurrentIndex(plan.when.findData("morning")))
    assert plan.results.has_result and plan.length.warning() == warned
    assert marked == []
    # Another target: the warning names it, and the field is marked once, with the new words.
    plan.recompute()
    assert marked == []
    recomputed(qtbot, plan, lambda: plan.protocol.setCurrentIndex(plan.protocol.findData("")))
    assert marked == []  # the custom defaults (1 mg rising 1 mg a week to 4.5 mg): the same words
    recomputed(qtbot, plan, lambda: type_into(qtbot, plan.target, "4 mg"))
    changed = plan.length.warning()
    assert changed is not None and "the target of 4 mg: the last dose is 3 mg" in changed
    assert [words for words, _style in marked] == [changed]


def test_the_calendar_beside_a_date_field_writes_the_day_picked(qtbot: Any, window: Any) -> None:
    page = window.pages[2]
    window.show_page(2)
    picker = page.compounded.picker
    assert picker is not None and picker.isVisible()
    picker.opening()
    today = dt.date.today()
    assert picker.calendar.selectedDate() == QDate(today.year, today.month, today.day)
    recomputed(qtbot, page, lambda: picker.picked(QDate(2026, 11, 3)))
    assert page.compounded.text() == "2026-11-03"
    assert page.recipe is not None and page.recipe_input.compounded == dt.date(2026, 11, 3)
    for date_field in (window.pages[0].start_date, window.pages[1].compounded):
        assert date_field.picker is not None
