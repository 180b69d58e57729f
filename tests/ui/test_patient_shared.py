"""The patient is typed once: the name and identifier show on the Plan, Liquid and Capsules pages,
and reach each page's documents and dialogs."""

from __future__ import annotations

from typing import Any

from tests.ui.test_documents import text_of
from ui.pages.log.dialogs import SaveRecordDialog
from ui.pages.plan.saved import SavePlanDialog


def test_name_and_identifier_typed_on_one_page_show_on_all(window: Any, qtbot: Any) -> None:
    plan, liquid, capsules = window.pages[:3]
    qtbot.keyClicks(liquid.record_fields.patient, "Jane Smith")
    qtbot.keyClicks(capsules.record_fields.patient_ref, "1961-04-02")
    for fields in (plan.handout_fields, liquid.record_fields, capsules.record_fields):
        assert fields.patient.text() == "Jane Smith"
        assert fields.patient_ref.text() == "1961-04-02"
    # A correction on the plan page reaches the recipe pages too.
    plan.handout_fields.patient.setText("Jane Smyth")
    assert liquid.record_fields.patient.text() == capsules.record_fields.patient.text() == "Jane Smyth"


def test_the_shared_patient_reaches_the_dialogs(window: Any, qtbot: Any) -> None:
    plan, liquid = window.pages[:2]
    plan.handout_fields.patient.setText("Mara Lindqvist")
    plan.handout_fields.patient_ref.setText("MRN 4471")
    record = SaveRecordDialog("liquid", liquid.record_fields, [("Naltrexone", "100 mg")], window)
    qtbot.addWidget(record)
    assert (record.patient.text(), record.patient_ref.text()) == ("Mara Lindqvist", "MRN 4471")
    saved = SavePlanDialog(
        plan.handout_fields.patient.text(), plan.handout_fields.patient_ref.text(), None, window
    )
    qtbot.addWidget(saved)
    assert (saved.patient.text(), saved.patient_ref.text()) == ("Mara Lindqvist", "MRN 4471")


def test_the_record_printed_from_the_capsules_page_names_the_patient_typed_on_the_plan(
    window: Any, qtbot: Any
) -> None:
    from tests.ui.conftest import recomputed

    plan, _liquid, capsules = window.pages[:3]
    plan.handout_fields.patient.setText("Tomas Okafor")
    capsules.record_fields.rx.setText("RX-10431")
    from ui.settings.store import AppSettings

    window.apply_settings(AppSettings(clinic_name="Riverside Pharmacy"))
    recomputed(qtbot, capsules, lambda: capsules.strength.set_text("1.5 mg"))
    assert "Tomas Okafor" in text_of(capsules.record_pdf())
