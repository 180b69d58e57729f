"""Patient data stays in the log: never in log output or in an error message."""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from pathlib import Path

import pytest
from store_samples import PATIENT, PATIENT_REF, RX, fill_log, liquid

from ldn_desk.errors import LdnDeskError
from ldn_desk.store import Ingredient, Store, restore, start_new_log

PRIVATE = (PATIENT, PATIENT.split()[0], PATIENT.split()[1], PATIENT_REF, RX)


def _clean(text: str) -> None:
    for secret in PRIVATE:
        assert secret.casefold() not in text.casefold(), text


def test_no_log_output_names_a_patient(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    path = tmp_path / "log.sqlite3"
    with Store.open(path) as store:
        record_id = store.save_record(liquid())
        store.sign_off(record_id, "B. Checker")
        store.amend(record_id, {"bud": dt.date(2026, 12, 10)}, reason="BUD corrected")
        store.search(patient=PATIENT, lot="NX-2291")
        plan = store.save_plan(PATIENT, {"steps": [1.5]}, patient_ref=PATIENT_REF)
        store.save_plan(PATIENT, {"steps": [1.5, 3]}, change="step up", plan_id=plan.plan_id)
        store.plans_for(PATIENT)
        copy = store.backup(tmp_path / "copy.sqlite3")
        store.export_csv(tmp_path / "out.csv", patient=PATIENT)
    restore(copy, path)
    start_new_log(path)
    assert caplog.records  # the store does log its events ...
    for entry in caplog.records:
        _clean(entry.getMessage())  # ... and none of them names a patient


def _broken(text: str, char: str) -> str:
    """The text with a control character inside it (at the ends it would simply be trimmed)."""
    return text[:3] + char + text[3:]


def _errors(store: Store, record_id: int) -> list[LdnDeskError]:
    caught: list[LdnDeskError] = []
    attempts = [
        lambda: liquid(patient=_broken(PATIENT, "\n")),
        lambda: liquid(patient_ref=_broken(PATIENT_REF, "\x07")),
        lambda: liquid(rx_number=_broken(RX, "\t")),
        lambda: liquid(patient=PATIENT * 40),
        lambda: liquid(rx_number=RX * 40),
        lambda: store.sign_off(record_id, "B. Checker"),
        lambda: store.amend(record_id, {"patient": _broken(PATIENT, "\r")}),
        lambda: store.amend(record_id, {"status": PATIENT}),
        lambda: store.amend(record_id, {"bud": dt.date(2000, 1, 1)}),
        lambda: store.save_plan(_broken(PATIENT, "\n"), {}),
        lambda: store.plans_for(PATIENT, _broken(PATIENT_REF, "\n")),
        lambda: store.search(status=PATIENT),
        lambda: store.save_plan(PATIENT, {}, plan_id=store.save_plan("Someone Else", {}).plan_id),
        lambda: store.record(10_000),
    ]
    for attempt in attempts:
        try:
            attempt()
        except LdnDeskError as error:
            caught.append(error)
    assert len(caught) == len(attempts)
    return caught


def test_no_error_message_names_a_patient(tmp_path: Path) -> None:
    with Store.open(tmp_path / "log.sqlite3") as store:
        record_id = store.save_record(liquid(ingredients=(Ingredient("Purified water"),)))  # lot etc. missing
        for error in _errors(store, record_id):
            _clean(str(error))


def test_a_damaged_log_full_of_patient_data_is_reported_without_it(tmp_path: Path) -> None:
    path = tmp_path / "log.sqlite3"
    fill_log(path, 50)
    data = bytearray(path.read_bytes())
    data[4096 * 3 : 4096 * 3 + 64] = b"\x00" * 64
    path.write_bytes(bytes(data))
    with pytest.raises(LdnDeskError) as raised, Store.open(path) as store:
        store.check()
    _clean(str(raised.value))


def test_the_file_refuses_a_change_without_repeating_the_data(tmp_path: Path) -> None:
    with Store.open(tmp_path / "log.sqlite3") as store:
        store.sign_off(store.save_record(liquid()), "B. Checker")
        with pytest.raises(sqlite3.IntegrityError) as raised:
            store._conn.execute("UPDATE record SET patient = ?", (PATIENT + " changed",))
    _clean(str(raised.value))
