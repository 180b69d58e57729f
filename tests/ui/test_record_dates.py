"""Dates in the Save to log dialog: each line's expiry and the date dispensed, read at the field
(with a calendar), refused there when before the day of compounding, the earliest expiry capping
the BUD, the same record as `ldn-desk log add --expiry/--dispensed`; what was typed survives a
cancel; Tab reaches the lot choices."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ldn_desk.desk.log import Store
from tests.ui.test_keyboard_dialogs import show_active
from tests.ui.test_log_page import PATIENT, RX, fill_dialog, ready_liquid

# ready_liquid: 1 mg/mL × 100 mL compounded 2026-12-01, two 50 mg tablets made up with water.
# USP <795> aqueous preparation: 14 days, so 2026-12-14 unless a component expires first.
COMPOUNDED = dt.date(2026, 12, 1)


@pytest.fixture
def app_window(window: Any) -> Any:
    from ui.settings.store import AppSettings

    window.apply_settings(
        AppSettings(clinic_name="Riverside Pharmacy", clinic_contact="01234 567890", paper_size="A4")
    )
    return window


def _lines(dialog: Any) -> list[str]:
    return [dialog.ingredients.item(row, 0).text() for row in range(dialog.ingredients.rowCount())]


def _type_lines(dialog: Any, tablets_expiry: str, water_expiry: str) -> None:
    table = dialog.ingredients
    for row, (maker, lot, amount) in enumerate(
        [("Accord", "NX-2291", "2 tablets"), ("Baxter", "W-77", "100 mL")]
    ):
        for key, text in (("maker", maker), ("lot", lot), ("actual_amount", amount)):
            table.set_value(row, key, text)
    dialog.expiry_fields[0].set_text(tablets_expiry)
    dialog.expiry_fields[1].set_text(water_expiry)


def test_each_line_has_an_expiry_date_field_with_a_calendar_and_the_date_dispensed(
    qtbot: Any, app_window: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ldn_desk.desk.records import formula_lines
    from ui.pages.log.dialogs import SaveRecordDialog
    from ui.pages.log.save import save_to_log

    liquid = ready_liquid(qtbot, app_window)
    seen: dict[str, Any] = {}

    def look(self: Any) -> int:
        seen["labels"] = [field.label for field in self.expiry_fields]
        seen["pickers"] = [field.picker is not None for field in (*self.expiry_fields, self.dispensed)]
        seen["dispensed"] = self.dispensed.label
        self.reject()
        return int(self.result())

    monkeypatch.setattr(SaveRecordDialog, "exec", look)
    save_to_log(liquid)
    names = [name for name, _amount in formula_lines(liquid.recipe)]
    assert seen["labels"] == [f"Expiry of {name}" for name in names]
    assert seen["pickers"] == [True] * (len(names) + 1)
    assert seen["dispensed"] == "Date dispensed"


def test_an_expired_component_and_an_early_dispensing_date_are_refused_at_their_fields(
    qtbot: Any, app_window: Any, monkeypatch: pytest.MonkeyPatch, messages: list[str]
) -> None:
    from ui.pages.log.dialogs import SaveRecordDialog
    from ui.pages.log.save import save_to_log

    liquid = ready_liquid(qtbot, app_window)
    seen: dict[str, Any] = {}

    def fill(dialog: Any) -> None:
        _type_lines(dialog, "2026-11-30", "2027-01")  # the tablets expired the day before compounding
        dialog._try_accept()
        tablets = dialog.expiry_fields[0]
        seen["tablets"] = tablets.error()
        seen["message"] = dialog.message.text()
        seen["open"] = dialog.result() != SaveRecordDialog.DialogCode.Accepted
        tablets.set_text("2027-03-31")
        dialog.dispensed.set_text("2026-11-28")  # three days before the batch was made
        dialog._try_accept()
        seen["dispensed"] = dialog.dispensed.error()
        seen["still_open"] = dialog.result() != SaveRecordDialog.DialogCode.Accepted
        dialog.dispensed.set_text("2026-12-1")  # the day it was made, as typed in a hurry

    fill_dialog(monkeypatch, SaveRecordDialog, fill)
    record_id = save_to_log(liquid)
    tablets = "Naltrexone HCl 50 mg tablets"
    assert seen["tablets"] == (
        f'Expiry of {tablets}: "2026-11-30" — is before the day of compounding (2026-12-01): an expired '
        "component cannot be used, e.g. 2027-12-01"
    )
    assert seen["message"] == f"Not saved — {seen['tablets']}" and seen["open"]
    assert seen["dispensed"] == (
        'Date dispensed: "2026-11-28" — is before the day of compounding (2026-12-01), e.g. 2026-12-01'
    )
    assert seen["still_open"]
    assert record_id is not None, messages
    with Store.open_default() as store:
        record = store.record(record_id)
    assert record.document["dispensed"] == "2026-12-01"


def test_the_earliest_expiry_caps_the_bud_as_log_add_expiry_does(
    qtbot: Any, app_window: Any, monkeypatch: pytest.MonkeyPatch, messages: list[str],
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    import json

    from ldn_desk.cli import EXIT_OK, main
    from ldn_desk.desk import records
    from ldn_desk.desk.log import log_location
    from ui.pages.log.dialogs import SaveRecordDialog
    from ui.pages.log.save import save_to_log

    liquid = ready_liquid(qtbot, app_window)
    assert liquid.recipe.bud.date == dt.date(2026, 12, 14)  # 2026-12-01 + 14 days − 1 (USP <795>)
    seen: dict[str, Any] = {}

    def fill(dialog: Any) -> None:
        seen["names"] = _lines(dialog)
        seen["before"] = dialog.bud.text()
        # The tablets expire on 2026-12-10, before the 14-day date: the BUD is cut to that day.
        _type_lines(dialog, "2026-12-10", "2027-01")
        dialog.dispensed.set_text("2026-12-02")
        seen["bud"] = dialog.bud.text()

    fill_dialog(monkeypatch, SaveRecordDialog, fill)
    app_id = save_to_log(liquid)
    assert app_id is not None, messages
    tablets, water = seen["names"]
    # The dates in the words the record prints them in (a long date, as "Do not use after").
    assert seen["before"] == "BUD: 14 December 2026 (no component expiry comes before it)."
    assert seen["bud"] == f"BUD: 10 December 2026 (capped: {tablets}, lot NX-2291 expires then)."
    folder = str(log_location()).rsplit("/", 1)[0]
    code = main(["log", "add", "liquid", "--strength", "1 mg/mL", "--volume", "100 mL", "--compounded", "2026-12-01",
                 "--patient", PATIENT, "--rx", RX, "--compounded-by", "A. Pharmacist", "--pharmacy",
                 "Riverside Pharmacy", "--contact", "01234 567890", "--paper", "a4",
                 "--ingredient", f"{tablets} | Accord | NX-2291 | 2026-12-10 | 2 tablets",
                 "--ingredient", f"{water} | Baxter | W-77 | 2027-01 | 100 mL",
                 "--expiry", f"{tablets} | NX-2291 | 2026-12-10", "--expiry", f"{water} | W-77 | 2027-01",
                 "--dispensed", "2026-12-02", "--data-dir", folder, "--json"])  # fmt: skip
    out, err = capsys.readouterr()
    assert code == EXIT_OK, err
    with Store.open_default() as store:
        app, cli = store.record(app_id), store.record(int(json.loads(out)["id"]))
        assert app.bud == cli.bud == dt.date(2026, 12, 10)
        assert app.document["dispensed"] == cli.document["dispensed"] == "2026-12-02"
        assert app.inputs == cli.inputs and app.results == cli.results
        assert app.ingredients == cli.ingredients and app.document == cli.document
        # The same record, printed the same.
        assert records.reprint(store, app_id).pdf == records.reprint(store, cli.id).pdf


def test_cancelling_keeps_the_expiries_the_date_dispensed_and_the_names(
    qtbot: Any, app_window: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.pages.log.dialogs import SaveRecordDialog
    from ui.pages.log.save import save_to_log

    liquid = ready_liquid(qtbot, app_window)

    def cancel(self: Any) -> int:
        _type_lines(self, "2027-03-31", "2027-01")
        self.dispensed.set_text("2026-12-02")
        self.compounded_by.setText("B. Checker")
        self.reject()
        return int(self.result())

    monkeypatch.setattr(SaveRecordDialog, "exec", cancel)
    assert save_to_log(liquid) is None
    seen: list[Any] = []

    def look(self: Any) -> int:
        seen.append(([field.text() for field in self.expiry_fields], self.dispensed.text(),
                     self.compounded_by.text(), self.ingredients.lines()[1]["lot"]))  # fmt: skip
        self.reject()
        return int(self.result())

    monkeypatch.setattr(SaveRecordDialog, "exec", look)
    assert save_to_log(liquid) is None
    assert seen == [(["2027-03-31", "2027-01"], "2026-12-02", "B. Checker", "W-77")]


class _Lot:
    """What the dialog reads of a lot on hand."""

    def __init__(self, lot_id: int, lot: str, unit: str) -> None:
        self.id, self.maker, self.lot, self.unit = lot_id, "Accord", lot, unit
        self.expiry = dt.date(2027, 6, 30)


def test_tab_reaches_each_lot_choice_after_the_table_then_the_dates(window: Any, qtbot: Any) -> None:
    from ui.pages.log.dialogs import SaveRecordDialog

    liquid = window.pages[1]
    offers = [
        [(_Lot(1, "NX-1", "tablets"), "Accord · lot NX-1")],
        [(_Lot(2, "W-1", "mL"), "Accord · lot W-1")],
    ]
    dialog = SaveRecordDialog("liquid", liquid.record_fields, [("Naltrexone tablets", "2 tablets"),
                              ("Purified water", "100 mL")], window, None, offers, COMPOUNDED)  # fmt: skip
    qtbot.addWidget(dialog)
    show_active(window, dialog)
    table = dialog.ingredients
    table.setFocus()
    table.setCurrentCell(1, 5)  # the last typed cell: Actual amount of the last line
    seen = []
    for _press in range(5):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    first, second = dialog.lot_choices
    assert seen[:3] == [first, second, dialog.expiry_fields[0].edit]
    # A lot is chosen from the keyboard, too.
    first.setFocus()
    qtbot.keyClick(first, Qt.Key.Key_Down)
    assert first.currentIndex() == 1
    assert dialog.ingredients.lines()[0]["lot"] == "NX-1" and dialog.expiry_fields[0].text() == "2027-06-30"
    assert dialog.expiry_fields[0].edit.isReadOnly()  # the lot's own expiry, not typed over
    # Backwards from the first lot choice goes into the table, not past it.
    qtbot.keyClick(first, Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is table


def _bud_shown(monkeypatch: pytest.MonkeyPatch, liquid: Any, expiry: str) -> tuple[str, str]:
    """The dialog's BUD line as it opens, then with the tablets' expiry typed; then cancelled."""
    from ui.pages.log.dialogs import SaveRecordDialog
    from ui.pages.log.save import save_to_log

    seen: list[str] = []

    def look(dialog: Any) -> int:
        seen.append(dialog.bud.text())
        _type_lines(dialog, expiry, "2027-01")
        seen.append(dialog.bud.text())
        dialog.reject()
        return int(dialog.result())

    monkeypatch.setattr(SaveRecordDialog, "exec", look)
    assert save_to_log(liquid) is None
    return seen[0], seen[1]


def test_the_bud_in_the_dialog_is_the_long_date_the_record_prints(
    qtbot: Any, app_window: Any, monkeypatch: pytest.MonkeyPatch, messages: list[str]
) -> None:
    from ldn_desk.desk import records
    from tests.ui.test_log_page import pdf_text
    from ui.pages.log.dialogs import SaveRecordDialog
    from ui.pages.log.save import save_to_log

    liquid = ready_liquid(qtbot, app_window)
    # 2026-12-01 + 14 days − 1 = 2026-12-14 (USP <795> aqueous); tablets expiring 2026-12-10 cap it.
    before, capped = _bud_shown(monkeypatch, liquid, "2026-12-10")
    assert before == "BUD: 14 December 2026 (no component expiry comes before it)."
    assert capped.startswith("BUD: 10 December 2026 (capped: ") and "2026-12" not in capped
    fill_dialog(monkeypatch, SaveRecordDialog, lambda dialog: _type_lines(dialog, "2026-12-10", "2027-01"))

    record_id = save_to_log(liquid)
    assert record_id is not None, messages
    with Store.open_default() as store:
        printed = pdf_text(records.reprint(store, record_id).pdf)
    assert "10 December 2026" in printed  # the record says the date in the same words


def test_the_bud_in_the_spanish_dialog_is_a_spanish_long_date(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.ui.conftest import spanish_main_window
    from ui.settings.store import AppSettings

    with spanish_main_window(qtbot) as window:
        window.apply_settings(AppSettings(clinic_name="Riverside Pharmacy", paper_size="A4"))
        liquid = ready_liquid(qtbot, window)
        before, capped = _bud_shown(monkeypatch, liquid, "2026-12-10")
    # The same dates as above (14 days from 2026-12-01, capped by the tablets on 2026-12-10).
    assert before == "Fecha límite de uso (BUD): 14 de diciembre de 2026 (ningún componente caduca antes)."
    assert capped.startswith("Fecha límite de uso (BUD): 10 de diciembre de 2026 (")
    assert "2026-12" not in capped and "December" not in capped
