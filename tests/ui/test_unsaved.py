"""Nothing lost: unsaved work is marked in the title and the status line, Ctrl+S saves it, and
closing, quitting or opening another plan asks first."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtGui import QKeySequence

from tests.ui.conftest import UnsavedAnswers, recomputed
from tests.ui.test_log_page import fill_dialog
from tests.ui.test_pages import type_into

PATIENT = "Qelvra Austrum"


def save_plan_dialog(monkeypatch: pytest.MonkeyPatch) -> None:
    from ui.pages.plan.saved import SavePlanDialog

    fill_dialog(monkeypatch, SavePlanDialog, lambda dialog: dialog.patient.setText(PATIENT))


def test_a_fresh_window_has_nothing_unsaved(window: Any) -> None:
    assert not window.isWindowModified()
    assert window.unsaved_status.text() == ""
    assert "[*]" in window.windowTitle()  # where Qt puts the mark


def test_a_changed_plan_is_marked_until_saved_with_ctrl_s(
    qtbot: Any, window: Any, monkeypatch: pytest.MonkeyPatch, messages: list[str]
) -> None:
    plan = window.pages[0]
    recomputed(qtbot, plan, lambda: type_into(qtbot, plan.length, "16 weeks"))
    assert window.isWindowModified()
    assert window.unsaved_status.text() == "Not saved: the plan"
    assert window.save_action.shortcut() == QKeySequence("Ctrl+S")
    save_plan_dialog(monkeypatch)
    window.save_action.trigger()
    assert plan.saved_plans.opened is not None and plan.saved_plans.opened.patient == PATIENT
    assert not window.isWindowModified() and window.unsaved_status.text() == ""
    assert not messages
    # A plan edit (a hold) marks it again.
    plan.hold_selected()
    qtbot.waitUntil(lambda: window.isWindowModified())


def test_closing_with_an_unsaved_plan_asks_and_cancel_keeps_the_window(
    qtbot: Any, window: Any, unsaved_answers: UnsavedAnswers
) -> None:
    plan = window.pages[0]
    recomputed(qtbot, plan, lambda: type_into(qtbot, plan.length, "16 weeks"))
    unsaved_answers.answer = "cancel"
    window.quit_action.trigger()  # Ctrl+Q
    assert unsaved_answers.asked == ["the plan / closing LDN Desk"]
    assert window.isVisible() and plan.length.text() == "16 weeks"
    unsaved_answers.answer = "discard"
    assert window.close()
    assert not window.isVisible()


def test_closing_with_save_saves_the_plan_first(
    qtbot: Any, window: Any, monkeypatch: pytest.MonkeyPatch, unsaved_answers: UnsavedAnswers
) -> None:
    from ldn_desk.store import Store

    plan = window.pages[0]
    recomputed(qtbot, plan, lambda: type_into(qtbot, plan.length, "16 weeks"))
    unsaved_answers.answer = "save"
    save_plan_dialog(monkeypatch)
    assert window.close()
    with Store.open_default() as store:
        [saved] = store.plans_for(PATIENT, None)
    assert saved.plan["request"]["length_days"] == 112  # 16 weeks × 7 days


def test_a_draft_record_is_marked_and_asked_about(
    qtbot: Any, window: Any, unsaved_answers: UnsavedAnswers
) -> None:
    liquid = window.pages[1]
    window.show_page(1)
    liquid.record_fields.rx.setText("RX-1001")
    assert window.isWindowModified()
    assert window.unsaved_status.text() == "Not saved: the draft record on the Liquid page"
    unsaved_answers.answer = "cancel"
    assert not window.close()
    assert unsaved_answers.asked == ["the draft record on the Liquid page / closing LDN Desk"]
    liquid.record_fields.rx.setText("")
    assert not window.isWindowModified()
    # The patient's name alone (shared with the plan's handout) is not a draft record.
    liquid.record_fields.patient.setText("Ann Lee")
    assert not liquid.has_unsaved()


def test_opening_another_plan_asks_first(qtbot: Any, window: Any, unsaved_answers: UnsavedAnswers) -> None:
    plan = window.pages[0]
    recomputed(qtbot, plan, lambda: type_into(qtbot, plan.length, "8 weeks"))
    assert plan.has_unsaved()
    unsaved_answers.answer = "cancel"
    assert plan.saved_plans.open_plan() is None
    assert unsaved_answers.asked == ["the plan / opening another plan"]


def test_cancelling_save_to_log_keeps_the_lots_and_names_typed(
    qtbot: Any, window: Any, monkeypatch: pytest.MonkeyPatch, messages: list[str]
) -> None:
    from tests.ui.test_log_page import liquid_lots, ready_liquid
    from ui.pages.log.dialogs import SaveRecordDialog
    from ui.pages.log.save import save_to_log

    liquid = ready_liquid(qtbot, window)
    seen: list[list[dict[str, str]]] = []

    def cancel(dialog: Any) -> int:
        seen.append(dialog.ingredients.lines())
        if len(seen) == 1:
            liquid_lots(dialog)
            dialog.patient_ref.setText("1961-07-04")
            dialog.checked_by.setText("B. Checker")
        else:
            assert dialog.patient_ref.text() == "1961-07-04"
        dialog.reject()
        return int(dialog.result())

    monkeypatch.setattr(SaveRecordDialog, "exec", cancel)
    assert save_to_log(liquid) is None
    assert liquid.record_fields.checked_by.text() == "B. Checker"  # back on the page
    assert window.isWindowModified()
    assert save_to_log(liquid) is None
    # Opened again, the dialog shows every maker, lot, expiry and amount typed before.
    assert [(line["lot"], line["expiry"], line["actual_amount"]) for line in seen[1]] == [
        ("NX-2291", "2027-03-31", "2 tablets"),
        ("W-77", "2027-01", "100 mL"),
    ]
    assert not messages
