"""The review dialog in a log with users: the decision is the signed-in prescriber's, the password
asked on recording (as signing asks); a technician, a wrong password and a cancel save nothing.
The same request as tests/core/test_review_prescriber.py through the facade and the command line.

The plan is the standard protocol from 1 December 2026 at 1 mg/mL (resources/protocols.toml)."""

from __future__ import annotations

import io
from typing import Any

import pytest
from pypdf import PdfReader

from ldn_desk.desk.log import Credentials, Store
from tests.ui.test_plan_review import _review, _type
from tests.ui.test_team import _answer_credentials

ADMIN = Credentials("Ada Admin", "admin-pass-1")
PRESCRIBER = Credentials("Eve Khan", "eve-pass-55555")
TECHNICIAN = Credentials("Dot Lee", "dot-pass-4444")


@pytest.fixture
def team_log() -> None:
    with Store.open_default() as store:
        store.add_user(ADMIN.name, "AA", "administrator", ADMIN.password)
        store.add_user(PRESCRIBER.name, "EK", "prescriber", PRESCRIBER.password, by=ADMIN)
        store.add_user(TECHNICIAN.name, "DL", "technician", TECHNICIAN.password, by=ADMIN)


def _versions(plan_id: int) -> list[str]:
    with Store.open_default() as store:
        return [v.change for v in store.plan_history(plan_id)]


def test_the_review_decision_is_the_signed_in_prescribers(
    qtbot: Any, window: Any, team_log: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.team import session

    session.sign_in(PRESCRIBER)
    dialog = _review(qtbot, window, monkeypatch)
    assert dialog.team and not dialog.prescriber.isEnabled()
    assert dialog.prescriber.text().startswith("Eve Khan (prescriber), signed in")
    _type(dialog, 5, pain="6")
    dialog.save_weeks()
    before = _versions(dialog.plan_id)
    dialog.decision.setCurrentIndex(dialog.decision.findData("step back"))
    dialog.reason.setText("vivid dreams at 4.5 mg")
    dialog.date.set_text("2027-01-26")
    # A wrong password, a technician's password, and a cancel: refused, nothing saved.
    _answer_credentials(monkeypatch, Credentials(PRESCRIBER.name, "wrong"))
    assert dialog.record_decision() is None and "wrong password for Eve Khan" in dialog.message.text()
    _answer_credentials(monkeypatch, TECHNICIAN)
    assert dialog.record_decision() is None
    assert "only a pharmacist or prescriber may save plans" in dialog.message.text()
    _answer_credentials(monkeypatch)
    assert dialog.record_decision() is None and "no password given" in dialog.message.text()
    assert _versions(dialog.plan_id) == before
    _answer_credentials(monkeypatch, PRESCRIBER)
    saved = dialog.record_decision()
    assert saved is not None and saved.plan["review"]["decision"]["prescriber_verified"] is True
    assert "Eve Khan, prescriber (verified: signed in as Eve Khan" in dialog.decision_text.text()
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(dialog.summary_pdf())).pages)
    assert "verified: signed in as Eve Khan" in " ".join(text.split())
