"""The app's team: who is working, signing with a password on the Log page, and the users, lots
and formulas dialogs, each limited by the role table the core enforces."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from ldn_desk.desk.log import Credentials, Store
from tests.ui.test_log_page import open_log, pdf_text, save_liquid

ADMIN = Credentials("Ada Admin", "admin-pass-1")
PHARMACIST = Credentials("Bea Lund", "bea-pass-22")
SECOND = Credentials("Cy Moss", "cy-pass-333")
TECHNICIAN = Credentials("Dot Lee", "dot-pass-4444")


@pytest.fixture
def app_window(window: Any) -> Any:
    from ui.settings.store import AppSettings

    window.apply_settings(
        AppSettings(clinic_name="Riverside Pharmacy", clinic_contact="01234 567890", paper_size="A4")
    )
    return window


@pytest.fixture
def team_log() -> None:
    from ldn_desk.desk import Desk
    from ldn_desk.desk.records import mfr_sha

    with Store.open_default() as store:
        store.add_user(ADMIN.name, "AA", "administrator", ADMIN.password)
        for who, initials, role in ((PHARMACIST, "BL", "pharmacist"), (SECOND, "CM", "pharmacist"),
                                    (TECHNICIAN, "DL", "technician")):  # fmt: skip
            store.add_user(who.name, initials, role, who.password, by=ADMIN)
        mfr = Desk().mfr("LDN-MFR-L1")
        store.approve_formula(mfr.id, mfr.version, mfr_sha(mfr)["sha256"], PHARMACIST)


def _answer_credentials(monkeypatch: pytest.MonkeyPatch, *answers: Credentials) -> list[str]:
    """Each CredentialsDialog is filled with the next answer and OK pressed; the problems shown are kept."""
    from ui.team import CredentialsDialog

    queue = list(answers)
    problems: list[str] = []

    def exec_(self: Any) -> int:
        while queue:
            who = queue.pop(0)
            self.name.setText(who.name)
            self.password.setText(who.password)
            self._ok()
            if self.result() == CredentialsDialog.DialogCode.Accepted:
                return int(self.result())
            problems.append(self.problem.text())
        self.reject()
        return int(self.result())

    monkeypatch.setattr(CredentialsDialog, "exec", exec_)
    return problems


def test_who_is_working_is_asked_with_a_password_and_shown(
    qtbot: Any,
    app_window: Any,
    team_log: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert app_window.user_label.text() == "Not signed in"
    assert app_window.switch_user_action.shortcut().toString() == "Ctrl+U"
    problems = _answer_credentials(monkeypatch, Credentials(PHARMACIST.name, "wrong-password"), PHARMACIST)
    app_window.switch_user_action.trigger()
    assert problems and "wrong password for Bea Lund" in problems[0]
    assert app_window.user_label.text() == "Bea Lund (pharmacist)"
    _answer_credentials(monkeypatch, TECHNICIAN)  # a quick switch to the technician
    app_window.switch_user_action.trigger()
    assert app_window.user_label.text() == "Dot Lee (technician)"


def test_the_dialogs_disable_what_the_role_may_not_do(
    qtbot: Any,
    app_window: Any,
    team_log: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from ui.team import FormulasDialog, LotsDialog, UsersDialog, session

    session.sign_in(TECHNICIAN)
    users, lots, formulas = UsersDialog(), LotsDialog(), FormulasDialog()
    for dialog in (users, lots, formulas):
        qtbot.addWidget(dialog)
    assert not users.action_buttons["Add user…"].isEnabled()
    assert not lots.action_buttons["Approve"].isEnabled() and lots.action_buttons["Quarantine…"].isEnabled()
    assert not formulas.action_buttons["Approve this version"].isEnabled()
    assert lots.action_buttons["Approve"].toolTip() == "Only a pharmacist may approve lots"
    assert users.action_buttons["Add user…"].toolTip() == "Only an administrator may manage users"
    session.sign_in(ADMIN)
    admin_users = UsersDialog()
    qtbot.addWidget(admin_users)
    assert admin_users.action_buttons["Add user…"].isEnabled()
    assert admin_users.table.rowCount() == 4 and admin_users.table.item(1, 2).text() == "pharmacist"
    states = [formulas.table.item(row, 3).text() for row in range(formulas.table.rowCount())]
    assert states[0].startswith("approved by Bea Lund") and states[1] == "draft (not approved)"


def test_a_record_saved_in_the_app_is_prepared_verified_and_released_with_passwords(
    qtbot: Any,
    app_window: Any,
    team_log: None,
    monkeypatch: pytest.MonkeyPatch,
    messages: list[str],
) -> None:
    from ui.team import session

    session.sign_in(TECHNICIAN)
    record_id = save_liquid(qtbot, app_window, monkeypatch)
    log = open_log(qtbot, app_window)
    log.select_record(record_id)
    assert "None by a signed-in user" in log.results.text()  # saved, not yet signed
    _answer_credentials(monkeypatch, TECHNICIAN)
    with qtbot.waitSignal(log.log_changed, timeout=5_000):
        log.sign_button.click()
    # The technician cannot verify: refused by the core, the record stays a draft.
    _answer_credentials(monkeypatch, TECHNICIAN)
    log.sign_button.click()
    assert any("only a pharmacist may verify" in said for said in messages)
    assert not log.record.signed
    _answer_credentials(monkeypatch, PHARMACIST)
    with qtbot.waitSignal(log.log_changed, timeout=5_000):
        log.sign_button.click()
    _answer_credentials(monkeypatch, SECOND)
    with qtbot.waitSignal(log.log_changed, timeout=5_000):
        log.sign_button.click()
    text = log.results.text()
    assert log.record.signed and log.record.checked_by == PHARMACIST.name
    assert "Prepared by Dot Lee (technician)" in text and "Verified by Bea Lund (pharmacist)" in text
    assert "Released by Cy Moss (pharmacist)" in text and "Audit trail" in text
    # The page's second document prints each signature with its meaning and time.
    sheet = pdf_text(log.signatures_pdf())
    assert "Verified by Bea Lund (pharmacist)" in sheet and "UTC" in sheet


def test_a_recall_in_the_app_lists_and_prints_the_records(
    qtbot: Any,
    app_window: Any,
    team_log: None,
    monkeypatch: pytest.MonkeyPatch,
    messages: list[str],
) -> None:
    from ldn_desk.store.lots import NewLot
    from ui.team import LotsDialog, session
    from ui.widgets.preview import PreviewDialog

    with Store.open_default() as store:
        lot = store.receive_lot(NewLot("tablets", "Naltrexone HCl 50 mg tablets", "Accord", "NX-2291",
                                       dt.date(2027, 3, 31), dt.date(2026, 11, 20), 30, "tablets"), TECHNICIAN)  # fmt: skip
    session.sign_in(PHARMACIST)
    dialog = LotsDialog()
    qtbot.addWidget(dialog)
    dialog.table.selectRow(0)
    dialog.action_buttons["Approve"].click()
    assert dialog.table.item(0, 7).text() == "approved"
    session.sign_in(TECHNICIAN)
    record_id = save_liquid(qtbot, app_window, monkeypatch)  # names lot NX-2291 on its line
    session.sign_in(PHARMACIST)
    monkeypatch.setattr(
        "ui.team._ask", lambda parent, title, fields: fields[0][1].setText("maker's notice") or True
    )
    monkeypatch.setattr(PreviewDialog, "open", lambda self: None)
    dialog.table.selectRow(0)
    dialog.action_buttons["Recall…"].click()
    assert dialog.table.item(0, 7).text() == "recalled"
    assert dialog.last_recall_pdf is not None and dialog.last_recall_pdf.startswith(b"%PDF")
    with Store.open_default() as store:
        assert [line.record_id for line in store.recall_list(lot.id)] == [record_id]


def test_the_same_signature_rules_hold_in_the_store_the_command_line_and_the_app(
    qtbot: Any, app_window: Any, team_log: None, monkeypatch: pytest.MonkeyPatch, messages: list[str],
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    import io
    import sys

    from ldn_desk.cli import EXIT_BAD_INPUT, main
    from ldn_desk.desk.log import AccessError
    from ui.team import session

    session.sign_in(PHARMACIST)
    record_id = save_liquid(qtbot, app_window, monkeypatch)
    with Store.open_default() as store:
        store.sign(record_id, "prepared", PHARMACIST)
        # The store: the pharmacist who prepared it cannot verify it.
        with pytest.raises(AccessError, match="cannot also verify"):
            store.sign(record_id, "verified", PHARMACIST)
    # The command line: the same refusal, one line, exit 2.
    monkeypatch.setattr(sys, "stdin", io.StringIO(f"{PHARMACIST.password}\n"))
    code = main(["log", "verify", str(record_id), "--as", PHARMACIST.name, "--password-stdin"])
    assert code == EXIT_BAD_INPUT and "cannot also verify" in capsys.readouterr().err
    # The app: the same refusal shown, and the record still a draft.
    log = open_log(qtbot, app_window)
    log.select_record(record_id)
    assert log.sign_button.text() == "Sign as verified…"
    _answer_credentials(monkeypatch, PHARMACIST)
    log.sign_button.click()
    assert any("cannot also verify" in said for said in messages)
    with Store.open_default() as store:
        assert not store.record(record_id).signed and store.check().ok


def test_a_new_log_from_the_app_keeps_the_team_and_needs_its_administrator(
    qtbot: Any, app_window: Any, team_log: None, messages: list[str]
) -> None:
    from ui.pages.log import files
    from ui.team import session

    log = open_log(qtbot, app_window)
    session.sign_in(TECHNICIAN)
    files.start_new_log(log)
    assert any("No new log" in said and "only an administrator" in said for said in messages)
    with Store.open_default() as store:
        assert store.formula_versions() != []  # the log was left as it was
    session.sign_in(ADMIN)
    with qtbot.waitSignal(log.log_changed, timeout=5_000):
        files.start_new_log(log)
    with Store.open_default() as store:
        assert store.formula_versions() == [] and store.count() == 0  # a new, empty log
        assert [user.name for user in store.users()] == [
            ADMIN.name,
            PHARMACIST.name,
            SECOND.name,
            TECHNICIAN.name,
        ]
        assert store.check().ok
