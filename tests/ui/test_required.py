"""Required fields: marked at their label (" *", the entry's accessible description "required"),
shown as empty once left or when the form is submitted, and listed at the button that needs them
— on the pages and in the dialogs. Cancelling a dialog keeps what was typed for the next time."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from tests.ui.test_log_page import CAPSULES, LIQUID, PLAN, app_window, ready_liquid

__all__ = ["app_window"]  # the fixture, used by name


def _leave(entry: QLineEdit) -> None:
    """The entry loses the focus, as when Tab moves on."""
    QApplication.sendEvent(entry, QFocusEvent(QEvent.Type.FocusOut))


def test_the_record_pages_mark_patient_and_rx_and_their_button_lists_what_is_missing(
    window: Any,
) -> None:
    for index in (LIQUID, CAPSULES):
        page = window.pages[index]
        fields = page.record_fields
        fields.patient.setText("")
        fields.rx.setText("")
        assert fields.form.labelForField(fields.patient).text() == "Patient *:"
        assert fields.form.labelForField(fields.rx).text() == "Rx number *:"
        assert fields.patient.accessibleDescription() == "required"
        # The page is not on screen: its rows still count.
        assert page.required.note.text() == "Still needed: Patient, Rx number"
        assert page.save_to_log_button.toolTip() == "Still needed: Patient, Rx number"
        fields.rx.setText("RX-1")
        assert page.required.note.text() == "Still needed: Patient"
        fields.patient.setText("A. Patient")
        assert page.required.note.text() == ""
        assert page.save_to_log_button.toolTip().startswith("Save this recipe")


def test_an_empty_required_field_is_marked_once_left_not_while_first_typed(window: Any) -> None:
    fields = window.pages[LIQUID].record_fields
    fields.patient.setText("")
    assert fields.patient.styleSheet() == ""  # not yet left: no red border while typing
    _leave(fields.patient)
    assert "border" in fields.patient.styleSheet()
    assert fields.patient.accessibleDescription() == "required, still empty"
    fields.patient.setText("A. Patient")  # filled: the mark goes at once
    assert fields.patient.styleSheet() == ""
    assert fields.patient.accessibleDescription() == "required"


def test_save_to_log_with_the_patient_missing_marks_it_and_opens_no_dialog(
    qtbot: Any, app_window: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.pages.log.dialogs import SaveRecordDialog
    from ui.pages.log.save import save_to_log

    liquid = ready_liquid(qtbot, app_window)
    liquid.record_fields.patient.setText("")
    opened: list[Any] = []
    monkeypatch.setattr(SaveRecordDialog, "exec", lambda self: opened.append(self) or 0)
    assert save_to_log(liquid) is None
    assert opened == []
    assert "border" in liquid.record_fields.patient.styleSheet()
    assert liquid.required.note.text() == "Still needed: Patient"


def test_a_calculation_entry_left_empty_is_listed(window: Any) -> None:
    liquid = window.pages[LIQUID]
    liquid.record_fields.patient.setText("A. Patient")
    liquid.record_fields.rx.setText("RX-1")
    liquid.volume.set_text("")
    liquid.volume.check()
    assert liquid.required.note.text() == "Still needed: Volume"
    assert liquid.volume.edit.accessibleDescription() == liquid.volume.error()  # its refusal, read out


def test_the_plan_pages_save_button_lists_an_empty_plan_entry(window: Any) -> None:
    plan = window.pages[PLAN]
    label = plan.start_date.parentWidget().layout().labelForField(plan.start_date)
    assert label.text() == "Start date *:" and plan.start_date.edit.accessibleDescription() == "required"
    plan.start_date.set_text("")
    assert plan.required.note.text() == "Still needed: Start date"
    assert plan.saved_plans.save_button.toolTip() == "Still needed: Start date"
    assert plan.saved_plans.save_plan() is None  # refused before any dialog, the entry marked
    assert plan.start_date.error()
    plan.start_date.set_text("2026-12-01")
    assert plan.required.note.text() == ""


def test_the_save_record_dialog_lists_what_is_missing_at_ok_and_stays_open(
    qtbot: Any, app_window: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.pages.log.dialogs import SaveRecordDialog
    from ui.pages.log.save import save_to_log

    liquid = ready_liquid(qtbot, app_window)
    seen: list[tuple[bool, str]] = []

    def press_ok(self: Any) -> int:
        self.rx.setText("")
        self.compounded_by.setText("")
        self._try_accept()
        seen.append((self.result() == SaveRecordDialog.DialogCode.Accepted, self.required.note.text()))
        self.reject()
        return int(self.result())

    monkeypatch.setattr(SaveRecordDialog, "exec", press_ok)
    assert save_to_log(liquid) is None
    assert seen == [(False, "Still needed: Rx number, Compounded by")]


def test_a_team_form_names_the_empty_reason_and_keeps_it_when_cancelled(qtbot: Any) -> None:
    from ui.team import AskDialog

    parent = QWidget()
    qtbot.addWidget(parent)
    reason = QLineEdit()
    dialog = AskDialog(parent, "Recall lot NX-9", [("Reason:", reason)])
    dialog.accept()
    assert dialog.result() != AskDialog.DialogCode.Accepted
    assert dialog.required.note.text() == "Still needed: Reason"
    assert "border" in reason.styleSheet()
    reason.setText("maker's notice")
    dialog.reject()
    again = QLineEdit()
    reopened = AskDialog(parent, "Recall lot NX-9", [("Reason:", again)])
    assert again.text() == "maker's notice"  # what was typed comes back
    reopened.accept()
    assert reopened.result() == AskDialog.DialogCode.Accepted
    fresh = QLineEdit()
    AskDialog(parent, "Recall lot NX-9", [("Reason:", fresh)])
    assert fresh.text() == ""  # once done, the next form starts empty


def test_a_reason_typed_for_one_user_never_comes_back_for_another(qtbot: Any) -> None:
    from ui.team import AskDialog

    parent = QWidget()
    qtbot.addWidget(parent)
    reason = QLineEdit()
    dialog = AskDialog(parent, "Disable user", [("Reason:", reason)], about="A. Tech")
    reason.setText("left the pharmacy")
    dialog.reject()
    other = QLineEdit()
    AskDialog(parent, "Disable user", [("Reason:", other)], about="B. Checker")
    assert other.text() == ""  # the audit trail must not get A. Tech's reason for B. Checker
    same = QLineEdit()
    AskDialog(parent, "Disable user", [("Reason:", same)], about="A. Tech")
    assert same.text() == "left the pharmacy"


def test_a_cancelled_team_form_never_keeps_a_password(qtbot: Any) -> None:
    from ui.team import AskDialog, _password

    parent = QWidget()
    qtbot.addWidget(parent)
    name, password = QLineEdit(), _password()
    dialog = AskDialog(parent, "Add user", [("Name:", name), ("Password:", password)])
    name.setText("B. Checker")
    password.setText("secret-words")
    dialog.reject()
    name2, password2 = QLineEdit(), _password()
    AskDialog(parent, "Add user", [("Name:", name2), ("Password:", password2)])
    assert (name2.text(), password2.text()) == ("B. Checker", "")


def test_the_credentials_dialog_needs_name_and_password(qtbot: Any) -> None:
    from ui.team import CredentialsDialog

    dialog = CredentialsDialog("Sign in", "Who is working?")
    qtbot.addWidget(dialog)
    tried: list[Any] = []
    dialog.attempt = tried.append
    dialog._ok()
    assert tried == []  # nothing tried with an empty form
    assert dialog.required.note.text().startswith("Still needed: ")
    assert dialog.name.accessibleDescription().startswith("required")


def test_the_review_and_the_correction_name_what_is_missing_in_spanish(qtbot: Any) -> None:
    """The reason and the prescriber are listed as their labels say them, in the app's language."""
    import datetime as dt

    from ldn_desk.desk import Desk, FromProtocol, LiquidForm, PlanRequest
    from ldn_desk.desk.log import Ingredient, Store
    from tests.ui.conftest import spanish_main_window
    from ui.pages.log.dialogs import AmendDialog
    from ui.pages.plan.review import ReviewDialog

    class Signed:  # what AmendDialog reads of a saved, verified record: a correction needs a reason
        id, status = 7, "verified"
        patient, patient_ref, rx_number, compounded_by = "Jane Smith", "", "RX-7", "A. Pharmacist"
        document: dict[str, object] = {"prescriber": "Dr A. Jones", "directions": None}  # noqa: RUF012
        ingredients = (
            Ingredient("Naltrexone HCl 50 mg tablets", "Accord", "NX-1", "2027-03-31", "2 tablets"),
        )

    desk = Desk()
    request = PlanRequest(FromProtocol("standard"), dt.date(2026, 12, 1), form=LiquidForm(1.0))
    with Store.open_default() as store:
        saved = store.save_plan("Jane Smith", desk.plan_document(desk.plan(request)))
    with spanish_main_window(qtbot) as window:
        review = ReviewDialog(desk, saved, window)
        qtbot.addWidget(review)
        assert review.record_decision() is None  # nothing typed: not recorded
        review_note = review.required.note.text()
        amend = AmendDialog(Signed(), 2, window)
        qtbot.addWidget(amend)
        amend.ingredients.set_value(0, "lot", "NX-2")
        amend._try_accept()
        amend_note = amend.required.note.text()
    assert review_note == "Falta: Motivo, Prescriptor"  # the field's Spanish label, "Prescriptor:"
    assert amend_note == "Falta: Motivo"
