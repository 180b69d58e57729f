"""The app checks the log at start-up, off the GUI thread, and the Log page says what it found."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import Any

from ldn_desk.paths import log_path
from ldn_desk.store import Ingredient, NewRecord, Store
from ui.pages.log.page import LogPage
from ui.settings.store import AppSettings

PATIENT = "Zyxwa Qorvanth"  # a name that cannot appear by chance in any message


def liquid() -> NewRecord:
    # LDN Research Trust: 1 mg/mL from two 50 mg tablets to 100 mL; USP <795>: 14 days -> 14 December.
    return NewRecord(
        kind="liquid", rx_number="RX-1", patient=PATIENT, compounded_on=dt.date(2026, 12, 1),
        bud=dt.date(2026, 12, 14), compounded_by="A. Pharmacist", inputs={"strength": "1 mg/mL"},
        results={"tablets": 2},
        ingredients=(Ingredient("Naltrexone HCl 50 mg tablets", "Accord", "NX-2291", "2027-03-31", "2 tablets"),),
    )  # fmt: skip


def _page(qtbot: Any) -> LogPage:
    page = LogPage(AppSettings)
    qtbot.addWidget(page)
    return page


def _saved_log() -> Path:
    path = log_path()
    with Store.open(path) as store:
        store.save_record(liquid())
        store.sign_off(store.save_record(liquid()), "B. Checker")
    return path


def test_a_sound_log_is_said_to_match(qtbot: Any) -> None:
    _saved_log()
    page = _page(qtbot)
    with qtbot.waitSignal(page.checked_signal(), timeout=20_000) as waited:
        page.start()
    assert waited.args[0] is True
    assert "all 2 records match" in page.check_note.text() and page.check_ok is True


def _change_outside(path: Any) -> None:
    """Record 2's patient changed by another program, its rules dropped first."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("DROP TRIGGER record_signed_is_final")
    conn.execute("DROP TRIGGER record_content_is_final")
    conn.execute("UPDATE record SET patient = 'Zyxwa Qorvantx' WHERE id = 2")
    conn.close()


def test_a_changed_record_is_said_plainly_on_the_log_page(qtbot: Any) -> None:
    path = _saved_log()
    _change_outside(path)
    page = _page(qtbot)
    with qtbot.waitSignal(page.checked_signal(), timeout=20_000):
        page.start()
    text = page.check_note.text()
    assert page.check_ok is False and not page.check_note.isHidden()
    assert "changed outside LDN Desk" in text and "Record 2 is the first that does not match" in text
    assert PATIENT not in text


def test_no_log_yet_means_no_check(qtbot: Any) -> None:
    page = _page(qtbot)
    page.start()
    assert page.checker is None and page.check_note.isHidden()


def test_the_log_check_says_what_it_found_in_spanish(qtbot: Any) -> None:
    from PySide6.QtCore import QCoreApplication

    from ldn_desk.units import language
    from ui.i18n import install_translators

    path = _saved_log()
    app = QCoreApplication.instance()
    assert app is not None
    install_translators(app, "es")
    try:
        page = _page(qtbot)
        language.missing.clear()
        with qtbot.waitSignal(page.checked_signal(), timeout=20_000):
            page.start()
        sound = page.check_note.text()
        # Two records saved by _saved_log, both as LDN Desk saved them.
        assert sound.startswith("Registro comprobado al iniciar") and "sus 2 registros coinciden" in sound
        _change_outside(path)
        page = _page(qtbot)
        with qtbot.waitSignal(page.checked_signal(), timeout=20_000):
            page.start()
        text = page.check_note.text()
    finally:
        install_translators(app, "en")
    assert page.check_ok is False
    assert "El registro se cambió fuera de LDN Desk." in text
    assert "El registro 2 es el primero que no coincide." in text
    # The findings (two triggers gone, record 2 changed) and what to do, each in Spanish, whole.
    assert "falta el disparador record_signed_is_final del registro" in text, text
    assert "No se ha cambiado nada." in text, text
    assert "outside" not in text and "missing" not in text, text
    assert sorted(message for _code, message in language.missing) == []
