"""Undo and redo of plan edits (hold, step back, undo all) and entries (target, length)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from tests.ui.conftest import recomputed
from tests.ui.test_pages import type_into


def steps(page: Any) -> list[tuple[int, float]]:
    return [(s.from_day, s.dose_mg) for s in page.plan.steps]


def wait_plan(qtbot: Any, page: Any) -> None:
    qtbot.waitUntil(lambda: not page.update_pending() and page.plan is not None)


def test_the_edit_menu_has_undo_and_redo(window: Any) -> None:
    assert window.edit_menu.title() == "&Edit"
    assert window.undo_action.shortcut() == QKeySequence("Ctrl+Z")
    assert window.redo_action.shortcut() == QKeySequence("Ctrl+Shift+Z")
    assert window.undo_action in window.edit_menu.actions()
    assert not window.undo_action.isEnabled()  # nothing done yet


def test_a_hold_and_a_step_back_undone_and_redone(qtbot: Any, window: Any) -> None:
    page = window.pages[0]
    wait_plan(qtbot, page)
    # Standard: 1.5 mg days 1-14, 3 mg days 15-28, 4.5 mg from day 29 (resources/protocols.toml).
    plain = steps(page)
    assert plain[:3] == [(1, 1.5), (15, 3.0), (29, 4.5)]
    recomputed(qtbot, page, page.hold_selected)  # the first step held 7 more days
    held = steps(page)
    assert held[:3] == [(1, 1.5), (22, 3.0), (36, 4.5)]
    recomputed(qtbot, page, lambda: window.undo_action.trigger())
    assert steps(page) == plain and page.edits == []
    recomputed(qtbot, page, lambda: window.redo_action.trigger())
    assert steps(page) == held and [name for name, _ in page.edits] == ["hold"]
    recomputed(qtbot, page, page.clear_edits)  # "Undo all changes" is one step too
    assert steps(page) == plain
    recomputed(qtbot, page, lambda: window.undo_action.trigger())
    assert steps(page) == held


def test_a_length_change_is_undone_and_redone(qtbot: Any, window: Any) -> None:
    page = window.pages[0]
    wait_plan(qtbot, page)
    page.length.edit.setFocus()
    recomputed(qtbot, page, lambda: type_into(qtbot, page.length, "3 weeks"))
    qtbot.keyClick(page.length.edit, Qt.Key.Key_Return)  # the entry confirmed: one undo step
    assert window.undo_action.isEnabled() and "change of Length" in window.undo_action.text()
    assert page.plan.length_days == 21
    recomputed(qtbot, page, lambda: window.undo_action.trigger())
    assert page.length.text() == "" and page.plan.length_days is None
    recomputed(qtbot, page, lambda: window.redo_action.trigger())
    assert page.length.text() == "3 weeks" and page.plan.length_days == 21
