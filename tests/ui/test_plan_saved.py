"""Saved plans on the Titration page keep the plan request; plans saved as page entries still open."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from ldn_desk.desk import CapsuleForm, FromLadder, FromProtocol, FromRule, LiquidForm, PlanEdit, PlanRequest
from ldn_desk.plans.jsondata import plan_to_json
from ldn_desk.plans.pipeline import build_plan
from ldn_desk.store import Store
from tests.ui.conftest import recomputed
from tests.ui.test_log_page import fill_dialog

PATIENT = "Qelvra Austrum"
START = dt.date(2026, 12, 1)
PLAN = 0


def _open(monkeypatch: pytest.MonkeyPatch, page: Any) -> Any:
    from ui.pages.plan.saved import OpenPlanDialog

    def choose(dialog: Any) -> None:
        dialog.patient.setText(PATIENT)
        dialog.find_plans()

    fill_dialog(monkeypatch, OpenPlanDialog, choose)
    return page.saved_plans.open_plan()


def test_a_plan_saved_as_page_entries_opens_and_is_saved_again_as_a_request(
    qtbot: Any, window: Any, monkeypatch: pytest.MonkeyPatch, messages: list[str]
) -> None:
    from ui.pages.plan.saved import SavePlanDialog

    # What an earlier version of the page saved: its entries as typed (here with the decimal
    # comma setting on), its edits as data, and the plan.
    expected = PlanRequest(
        FromRule(0.5, 0.5, 14),
        dt.date(2026, 12, 1),
        target_mg=2,
        time_of_day="morning",
        edits=(PlanEdit.hold(0, 7),),
        form=CapsuleForm((0.5, 1)),
    )
    entries = {
        "protocol": "",
        "custom": {"start": "0,5 mg", "step": "0,5 mg", "every": "2 weeks", "target": "2 mg"},
        "start_date": "2026-12-01",
        "time_of_day": "morning",
        "length": "",
        "form": "capsules",
        "liquid_strength": "suggested",
        "vehicle": "water",
        "capsule_set": "listed",
        "capsule_strengths": "0,5 mg; 1 mg",
    }
    old = {
        "format": 1,
        "page": entries,
        "edits": [{"edit": "hold", "index": 0, "days": 7}],
        "plan": plan_to_json(build_plan(expected)),
    }
    with Store.open_default() as store:
        store.save_plan(PATIENT, old)
    page = window.pages[PLAN]
    opened = _open(monkeypatch, page)
    assert opened is not None and page.outcome is not None
    assert page.outcome.request == expected
    assert not [text for text in messages if "differently" in text or "cannot be read" in text]
    # 0.5 mg held 7 more days (days 1-21), then 1 mg, 1.5 mg every 14 days, 2 mg from day 50.
    assert [(s.from_day, s.dose_mg) for s in page.plan.steps] == [(1, 0.5), (22, 1), (36, 1.5), (50, 2)]
    assert (page.start_dose.text(), page.every.text(), page.capsule_strengths.text()) == (
        "0.5 mg",
        "14 days",
        "0.5 mg, 1 mg",
    )
    # Saved again as its next version: now the request itself, version 1, with the plan.
    monkeypatch.setattr(SavePlanDialog, "exec", lambda dialog: int(dialog.accept() or dialog.result()))
    recomputed(qtbot, page, lambda: page.step_back())
    saved = page.saved_plans.save_plan()
    assert saved is not None and saved.version == 2
    assert saved.plan["format"] == 2 and saved.plan["request"]["version"] == 1
    assert saved.plan["request"]["edits"] == [
        {"edit": "hold", "index": 0, "days": 7},
        {"edit": "step back", "day": 1},
    ]


@pytest.mark.parametrize(
    ("request_", "words"),
    [
        (PlanRequest(FromLadder((0.1, 0.25), 7), START, form=CapsuleForm()), "cannot show (a dose ladder)"),
        # A vehicle this program no longer has: refused before anything on the page changes.
        (PlanRequest(FromProtocol("gentle"), START, form=LiquidForm(1.0, "syrup")), "vehicle"),
    ],
)
def test_a_saved_plan_the_page_cannot_show_is_refused_not_changed(
    window: Any, monkeypatch: pytest.MonkeyPatch, messages: list[str], request_: PlanRequest, words: str
) -> None:
    from ldn_desk.plans.saved import DOCUMENT_FORMAT, request_to_json

    plan = build_plan(request_)
    document = {"format": DOCUMENT_FORMAT, "request": request_to_json(request_), "plan": plan_to_json(plan)}
    with Store.open_default() as store:
        store.save_plan(PATIENT, document)
    page = window.pages[PLAN]
    before = (page.plan, page.protocol.currentData(), page.formula.currentData())
    assert _open(monkeypatch, page) is None
    assert any(words in text for text in messages), messages
    assert (page.plan, page.protocol.currentData(), page.formula.currentData()) == before


def test_the_open_dialog_finds_plans_by_part_of_a_name_and_lists_all(qtbot: Any, window: Any) -> None:
    from ui.pages.plan.saved import OpenPlanDialog

    page = window.pages[PLAN]
    document = page.desk().plan_document(page.outcome)
    with Store.open_default() as store:
        first = store.save_plan(PATIENT, document, patient_ref="1961-07-04")
        other = store.save_plan("Borin Tallow", document, patient_ref="MRN 7781")
    dialog = OpenPlanDialog("", "")
    qtbot.addWidget(dialog)
    dialog.patient.setText("austr")
    dialog.find_plans()
    assert [plan.plan_id for plan in dialog.found] == [first.plan_id]
    assert dialog.plans.item(0).text().startswith(f"{PATIENT} (1961-07-04) — plan {first.plan_id}")
    dialog.patient.setText("7781")
    dialog.find_plans()
    assert [plan.plan_id for plan in dialog.found] == [other.plan_id]
    dialog.patient.setText("nobody")
    dialog.find_plans()
    assert dialog.found == [] and dialog.message.text() == "No saved plans match."
    dialog.list_all()
    assert [plan.plan_id for plan in dialog.found] == [other.plan_id, first.plan_id]
    assert dialog.message.text() == "2 saved plans"


def test_a_patient_name_is_corrected_with_the_change_in_the_history(
    qtbot: Any, window: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QInputDialog

    from ui.pages.plan.saved import OpenPlanDialog

    page = window.pages[PLAN]
    with Store.open_default() as store:
        first = store.save_plan("Qelvra Austrom", page.desk().plan_document(page.outcome))
    dialog = OpenPlanDialog("austrom", "")
    qtbot.addWidget(dialog)
    assert [plan.plan_id for plan in dialog.found] == [first.plan_id]
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: (PATIENT, True))
    renamed = dialog.rename_chosen()
    assert renamed is not None and (renamed.version, renamed.patient) == (2, PATIENT)
    assert dialog.patient.text() == PATIENT and [plan.plan_id for plan in dialog.found] == [first.plan_id]
    history = dialog.history.toPlainText()
    assert "Version 2" in history and f"corrected from Qelvra Austrom to {PATIENT}" in history
    with Store.open_default() as store:
        assert [v.patient for v in store.plan_history(first.plan_id)] == ["Qelvra Austrom", PATIENT]
