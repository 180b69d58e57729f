"""Keyboard: each page opens with the cursor in its first field, Tab walks the form top to bottom,
then the results, then the document bar, and never stays inside a table."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTableView

# What Tab stops at on each page, in order (a subset: each must come after the one before).
EXPECTED = {
    0: ["Protocol", "Start date", "Taken", "Length", "Form", "Strength", "Vehicle", "Hold for",
        "Patient", "Prescriber", "Save plan", "Plan steps", "Details", "Document", "Preview", "Print",
        "Save as PDF"],
    1: ["Strength", "Volume", "Vehicle", "Compounded on", "Made from", "Tablet strength", "Patient",
        "Rx number", "Save to log", "Details", "Document", "Preview", "Print", "Save as PDF"],
    2: ["Strength", "Capsules to dispense", "Compounded on", "Capsule size", "Filler", "Patient",
        "Save to log", "Details", "Document", "Save as PDF"],
    3: ["Compounding records", "Details", "Document", "Save as PDF"],
}  # fmt: skip


def walk(qtbot: Any, steps: int) -> list[str]:
    """Press Tab `steps` times from where the focus is; the names of the widgets it stopped at."""
    seen = []
    for _ in range(steps):
        focused = QApplication.focusWidget()
        assert focused is not None
        seen.append(focused.accessibleName())
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    return seen


@pytest.fixture
def active(window: Any, qtbot: Any) -> Any:
    with qtbot.waitActive(window):
        window.activateWindow()
    return window


@pytest.mark.parametrize("index", [0, 1, 2, 3])
def test_tab_walks_each_page_in_reading_order(active: Any, qtbot: Any, index: int) -> None:
    active.show_page(index)
    first = QApplication.focusWidget()
    assert first is not None and active.pages[index].isAncestorOf(first)  # the cursor is on the page
    seen = walk(qtbot, 40)
    positions = []
    for name in EXPECTED[index]:
        assert name in seen, f"Tab never reached {name!r} on page {index}: {seen}"
        positions.append(seen.index(name))
    assert positions == sorted(positions), seen
    # The action bar comes once the page's own fields are done, and Tab then goes on to the pages list.
    assert seen.index("Save as PDF") < seen.index("Pages")


def test_first_focus_is_the_first_field(active: Any) -> None:
    active.show_page(0)
    assert QApplication.focusWidget() is active.pages[0].protocol
    active.show_page(1)
    assert QApplication.focusWidget() is active.pages[1].strength.edit


def test_tab_leaves_the_plan_table(active: Any, qtbot: Any) -> None:
    page = active.pages[0]
    active.show_page(0)
    page.table.setFocus()
    page.table.selectRow(0)
    qtbot.keyClick(page.table, Qt.Key.Key_Tab)
    assert not isinstance(QApplication.focusWidget(), QTableView)
    assert QApplication.focusWidget() is page.results.details
    qtbot.keyClick(page.results.details, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is active.document_choice
    # Shift+Tab goes back the same way, into the table and out of it again.
    qtbot.keyClick(active.document_choice, Qt.Key.Key_Backtab)
    qtbot.keyClick(page.results.details, Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is page.table
    qtbot.keyClick(page.table, Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is not page.table
