"""Cancelling never throws away what was typed: a correction (Amend) dialog and a review visit
closed without saving show every entry again when opened again for the same record or plan, as
Save to log does (test_record_dates.test_cancelling_keeps_the_expiries_the_date_dispensed_and_the_names)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QDialog, QInputDialog

from ldn_desk.store import Store
from tests.ui.test_log_page import app_window, open_log, save_liquid  # noqa: F401  (a fixture)
from tests.ui.test_plan_review import _review, _type

# Everything a correction can change, as a person would type it over a saved liquid record
# (1 mg/mL × 100 mL from two 50 mg tablets and water: test_log_page.liquid_lots).
CORRECTION = {
    "reason": "lot and expiry misread from the box",
    "patient": "Zyxwa Q. Qorvanth",
    "patient_ref": "1961-04-02",
    "rx": "RX-PRIVATE-0043",
    "compounded_by": "B. Checker",
    "prescriber": "Dr A. Jones",
    "directions": "Take 1.5 mL at bedtime",
}
TABLETS_LINE = {"maker": "Accord UK", "lot": "NX-2292", "expiry": "2027-04-30", "actual_amount": "2 tablets"}
WATER_LINE = {"maker": "Baxter", "lot": "W-78", "expiry": "2027-02", "actual_amount": "100 mL"}


def _amend_entries(dialog: Any) -> tuple[dict[str, str], list[dict[str, str]]]:
    edits = {key: edit.text() for key, edit in dialog._edits().items()}
    lines = [{key: line[key] for key in TABLETS_LINE} for line in dialog.ingredients.lines()]
    return edits, lines


def test_a_cancelled_correction_shows_every_entry_again(
    qtbot: Any,
    app_window: Any,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
    messages: list[str],
) -> None:
    from ui.pages.log.dialogs import AmendDialog

    record_id = save_liquid(qtbot, app_window, monkeypatch)
    log = open_log(qtbot, app_window)
    log.select_record(record_id)
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: ("B. Checker", True))
    with qtbot.waitSignal(log.log_changed, timeout=5_000):
        log.sign_button.click()  # signed: the correction needs its reason
    seen: list[tuple[dict[str, str], list[dict[str, str]]]] = []

    def type_then_cancel(dialog: Any) -> int:
        for key, text in CORRECTION.items():
            dialog._edits()[key].setText(text)
        for row, line in enumerate((TABLETS_LINE, WATER_LINE)):
            for key, text in line.items():
                dialog.ingredients.set_value(row, key, text)
        dialog.reject()  # Cancel, or the window closed
        return int(QDialog.DialogCode.Rejected)

    def look_then_cancel(dialog: Any) -> int:
        seen.append(_amend_entries(dialog))
        dialog.reject()
        return int(QDialog.DialogCode.Rejected)

    monkeypatch.setattr(AmendDialog, "exec", type_then_cancel)
    log.amend_button.click()
    monkeypatch.setattr(AmendDialog, "exec", look_then_cancel)
    log.amend_button.click()
    assert seen == [(CORRECTION, [TABLETS_LINE, WATER_LINE])]
    with Store.open_default() as store:
        assert [version.id for version in store.history(record_id)] == [record_id]  # nothing saved
        assert store.record(record_id).ingredients[0].lot == "NX-2291"
    assert messages == [f"Saved to log: Saved as record {record_id}. It is on the Log page (Ctrl+4)."]


def test_a_closed_review_shows_the_decision_the_prescriber_and_the_diary_again(
    qtbot: Any, window: Any, monkeypatch: pytest.MonkeyPatch, messages: list[str]
) -> None:
    saved_plans = window.pages[0].saved_plans
    first = _review(qtbot, window, monkeypatch)
    decision = first.decision.findData("increase")
    assert decision > 0  # not the first choice, so showing it again is seen
    first.decision.setCurrentIndex(decision)
    first.reason.setText("pain no lower at 4.5 mg")
    first.prescriber.setText("Dr A. Khan")
    first.to_dose.setText("6 mg")
    first.date.set_text("2027-01-26")
    # Week 2 of the standard plan (3 mg from day 15, DOMAIN.md), as the patient wrote it.
    _type(first, 2, pain="6", sleep="fair", side_effects="vivid dreams", notes="busy week")
    typed = first.typed()
    first.reject()  # closed without saving a week or the decision

    again = saved_plans.open_review()
    qtbot.addWidget(again)
    columns = [*again.measure_keys, "side_effects", "notes"]
    week_2 = {key: again.diary.item(1, 1 + columns.index(key)).text() for key in columns}
    assert again.decision.currentData() == "increase"
    assert (again.reason.text(), again.prescriber.text(), again.to_dose.text(), again.date.text()) == (
        "pain no lower at 4.5 mg", "Dr A. Khan", "6 mg", "2027-01-26",
    )  # fmt: skip
    assert {key: week_2[key] for key in ("pain", "sleep", "side_effects", "notes")} == {
        "pain": "6", "sleep": "fair", "side_effects": "vivid dreams", "notes": "busy week",
    }  # fmt: skip
    assert again.typed() == typed  # and still unsaved: the diary differs from the saved one
    assert not messages, messages
