"""The Log page, Save to log and saved plans: records saved from the pages, found, corrected, reprinted."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog

from tests.ui.conftest import recomputed
from ui.settings.store import AppSettings

PATIENT = "Zyxwa Qorvanth"  # a name that cannot appear by chance in any message
RX = "RX-PRIVATE-0042"
LOG, LIQUID, CAPSULES, PLAN = 3, 1, 2, 0


@pytest.fixture
def app_window(window: Any) -> Any:
    window.apply_settings(
        AppSettings(clinic_name="Riverside Pharmacy", clinic_contact="01234 567890", paper_size="A4")
    )
    return window


def fill_dialog(monkeypatch: pytest.MonkeyPatch, dialog_class: Any, fill: Any) -> None:
    """The dialog's exec fills it as a person would and presses OK (or Save/Open)."""

    def exec_(self: Any) -> int:
        fill(self)
        if hasattr(self, "_try_accept"):
            self._try_accept()
        else:
            self.accept()
        return int(self.result())

    monkeypatch.setattr(dialog_class, "exec", exec_)


def liquid_lots(dialog: Any, lot: str = "NX-2291") -> None:
    # 1 mg/mL × 100 mL = 100 mg = two 50 mg tablets, made up to 100 mL with water (LDN Research Trust).
    table = dialog.ingredients
    for row, (maker, lot_number, expiry, amount) in enumerate(
        [("Accord", lot, "2027-03-31", "2 tablets"), ("Baxter", "W-77", "2027-01", "100 mL")]
    ):
        for key, text in (
            ("maker", maker),
            ("lot", lot_number),
            ("expiry", expiry),
            ("actual_amount", amount),
        ):
            table.set_value(row, key, text)


def ready_liquid(qtbot: Any, window: Any) -> Any:
    liquid = window.pages[LIQUID]
    recomputed(qtbot, liquid, lambda: liquid.compounded.set_text("2026-12-01"))
    assert liquid.recipe is not None and liquid.recipe.tablets == 2
    fields = liquid.record_fields
    fields.patient.setText(PATIENT)
    fields.rx.setText(RX)
    fields.compounded_by.setText("A. Pharmacist")
    return liquid


def save_liquid(qtbot: Any, window: Any, monkeypatch: pytest.MonkeyPatch, lot: str = "NX-2291") -> int:
    from ui.pages.log.dialogs import SaveRecordDialog
    from ui.pages.log.save import save_to_log

    liquid = ready_liquid(qtbot, window)
    fill_dialog(monkeypatch, SaveRecordDialog, lambda dialog: liquid_lots(dialog, lot))
    saved = save_to_log(liquid)
    assert saved is not None
    return saved


def open_log(qtbot: Any, window: Any) -> Any:
    log = window.pages[LOG]
    if not log._opened:
        with qtbot.waitSignal(log.log_opened, timeout=5_000):
            window.show_page(LOG)
    else:
        window.show_page(LOG)
    return log


def saved_and_shown(qtbot: Any, window: Any, monkeypatch: pytest.MonkeyPatch) -> tuple[int, Any]:
    """A liquid record saved to the log, selected on the Log page: its id, and the page."""
    record_id = save_liquid(qtbot, window, monkeypatch)
    log = open_log(qtbot, window)
    log.select_record(record_id)
    return record_id, log


def rows(log: Any) -> list[int]:
    return [log.model.row_at(row).id for row in range(log.model.rowCount())]


def test_the_log_is_the_fourth_page_and_opens_only_when_shown(qtbot: Any, window: Any) -> None:
    log = window.pages[LOG]
    assert window.sidebar.item(LOG).text() == "Log"
    assert window.page_actions[LOG].shortcut().toString() == "Ctrl+4"
    assert not log._opened  # start-up never waits for the log
    window.page_actions[LOG].trigger()
    qtbot.waitUntil(lambda: log._opened, timeout=5_000)
    assert log.model.rowCount() == 0
    assert "No records yet" in log.status.text()
    from ldn_desk.paths import log_path

    assert not log_path().exists()  # looking never makes a log file


def test_saved_from_the_liquid_page_it_is_in_the_log_and_a_lot_recall_finds_it(
    qtbot: Any, app_window: Any, monkeypatch: pytest.MonkeyPatch, messages: list[str]
) -> None:
    record_id = save_liquid(qtbot, app_window, monkeypatch)
    assert any(f"record {record_id}" in text for text in messages)
    log = open_log(qtbot, app_window)
    assert rows(log) == [record_id]
    summary = log.model.row_at(0)
    assert (summary.patient, summary.rx_number, summary.lots) == (PATIENT, RX, ("NX-2291", "W-77"))
    # A recall: the lot typed in another case and spacing finds every record that used it.
    recomputed(qtbot, log, lambda: log.lot.setText(" nx-2291 "))
    assert rows(log) == [record_id]
    recomputed(qtbot, log, lambda: log.lot.setText("NX-9999"))
    assert rows(log) == [] and "No records match" in log.status.text()
    recomputed(qtbot, log, lambda: log.lot.setText(""))
    recomputed(qtbot, log, lambda: log.patient.setText("qorvanth"))
    assert rows(log) == [record_id]
    recomputed(qtbot, log, lambda: log.date_from.set_text("2026-12-02"))
    assert rows(log) == []
    recomputed(qtbot, log, lambda: log.date_from.set_text("1 Dec"))  # refused: no stale rows
    assert rows(log) == [] and log.date_from.error()
    recomputed(qtbot, log, lambda: log.date_from.set_text(""))
    assert rows(log) == [record_id]
    recomputed(qtbot, log, lambda: log.date_from.set_text("2026-12-31"))
    recomputed(qtbot, log, lambda: log.date_to.set_text("2026-01-01"))
    assert rows(log) == [] and "is before the from date" in log.status.text()


def test_the_detail_view_shows_ingredients_lots_and_the_bud(
    qtbot: Any, app_window: Any, monkeypatch: pytest.MonkeyPatch, messages: list[str]
) -> None:
    record_id, log = saved_and_shown(qtbot, app_window, monkeypatch)
    text = log.results.text()
    assert f"Record {record_id}: Liquid, Rx {RX} (draft)" in text
    for expected in ("Accord", "NX-2291", "2027-03-31", "2 tablets", "Baxter", "W-77", "A. Pharmacist"):
        assert expected in text
    # USP <795>: aqueous, not preserved: 14 days; made 1 December 2026 (Day 1) -> 14 December 2026.
    assert "14 December 2026" in text
    assert "Version 1" in text and "Draft: not signed off yet" in text
    # Options and results in the safe form (ISMP: 1 mg, never 1.0 mg).
    assert "Strength\n1 mg/mL" in text and "Balance MWQ\n120 mg" in text
    assert "Naltrexone HCl\n100 mg" in text and "Batch volume\n100 mL" in text
    assert ".0 m" not in text and "Potency" not in text  # a tablet batch takes no certificate values
    assert "kept as first printed" in text


def test_sign_off_then_amend_makes_version_2_and_keeps_version_1(
    qtbot: Any, app_window: Any, monkeypatch: pytest.MonkeyPatch, messages: list[str]
) -> None:
    from ldn_desk.store import Store
    from ui.pages.log.dialogs import AmendDialog

    first, log = saved_and_shown(qtbot, app_window, monkeypatch)
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: ("B. Checker", True))
    with qtbot.waitSignal(log.log_changed, timeout=5_000):
        log.sign_button.click()
    assert log.record.signed and log.record.checked_by == "B. Checker"

    def correct(dialog: Any) -> None:
        dialog.reason.setText("wrong lot entered")
        dialog.ingredients.set_value(0, "lot", "NX-2292")

    fill_dialog(monkeypatch, AmendDialog, correct)
    with qtbot.waitSignal(log.log_changed, timeout=5_000):
        log.amend_button.click()
    second = log.record.id
    assert second != first and log.record.supersedes == first and not log.record.signed
    text = log.results.text()
    assert "Version 1" in text and "Version 2" in text
    assert "wrong lot entered" in text and "lot: “NX-2291” → “NX-2292”" in text
    with Store.open_default() as store:
        history = store.history(second)
        assert [version.id for version in history] == [first, second]
        assert history[0].ingredients[0].lot == "NX-2291" and history[0].signed  # version 1 unchanged
        version_1_pdf = store.printed_pdf(first)
    # The corrected version is printed with its corrected lot; version 1 keeps its own print.
    assert "NX-2292" in pdf_text(log.reprint_pdf()) and "NX-2291" not in pdf_text(log.reprint_pdf())
    assert version_1_pdf is not None and "NX-2291" in pdf_text(version_1_pdf)
    # The recall still finds the corrected record's first version.
    recomputed(qtbot, log, lambda: log.lot.setText("NX-2291"))
    assert rows(log) == [first]
    log.select_record(first)
    assert not log.amend_button.isEnabled() and "newer version" in log.results.text()


def test_a_cancelled_correction_comes_back_for_its_record_and_never_for_another(
    qtbot: Any, app_window: Any, monkeypatch: pytest.MonkeyPatch, messages: list[str]
) -> None:
    from ui.pages.log.dialogs import EDITABLE, AmendDialog

    lot_column = 2 + EDITABLE.index("lot")  # after the ingredient and the recipe amount
    first = save_liquid(qtbot, app_window, monkeypatch, lot="NX-2291")
    second = save_liquid(qtbot, app_window, monkeypatch, lot="NX-3150")
    log = open_log(qtbot, app_window)
    log.select_record(first)
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: ("B. Checker", True))
    with qtbot.waitSignal(log.log_changed, timeout=5_000):
        log.sign_button.click()
    assert log.record.id == first and log.record.signed  # a signed record: a correction needs a reason
    seen: list[tuple[str, str, str]] = []

    def look_then_cancel(correct: bool) -> Any:
        def exec_(dialog: Any) -> int:
            seen.append(
                (dialog.reason.text(), dialog.ingredients.item(0, lot_column).text(), dialog.windowTitle())
            )
            if correct:
                dialog.reason.setText("wrong lot entered")
                dialog.ingredients.set_value(0, "lot", "NX-2292")
            return int(QDialog.DialogCode.Rejected)

        return exec_

    monkeypatch.setattr(AmendDialog, "exec", look_then_cancel(correct=True))
    log.amend_button.click()
    monkeypatch.setattr(AmendDialog, "exec", look_then_cancel(correct=False))
    log.amend_button.click()  # opened again for the same record: the correction is still there
    log.select_record(second)
    log.amend_button.click()  # another record: nothing of the first one's correction
    assert seen == [
        ("", "NX-2291", f"Amend record {first}"),
        ("wrong lot entered", "NX-2292", f"Amend record {first}"),
        ("", "NX-3150", f"Amend record {second}"),
    ]
    assert sorted(rows(log)) == sorted([first, second])  # nothing was saved
    assert not log.record.signed and log.record.ingredients[0].lot == "NX-3150"


def test_an_amendment_with_nothing_changed_is_refused_in_the_dialog(
    qtbot: Any, app_window: Any, monkeypatch: pytest.MonkeyPatch, messages: list[str]
) -> None:
    from ui.pages.log.dialogs import AmendDialog

    first, log = saved_and_shown(qtbot, app_window, monkeypatch)
    seen: list[str] = []

    def exec_(dialog: Any) -> int:
        dialog._try_accept()
        seen.append(dialog.message.text())
        return int(QDialog.DialogCode.Rejected)

    monkeypatch.setattr(AmendDialog, "exec", exec_)
    log.amend_button.click()
    assert seen and "changes" in seen[0] and "Not saved" in seen[0]
    assert rows(log) == [first]


def pdf_text(pdf: bytes) -> str:
    import io

    from pypdf import PdfReader

    pages = [(page.extract_text() or "") for page in PdfReader(io.BytesIO(pdf)).pages]
    return " ".join(" ".join(pages).replace("\u00a0", " ").split())


def printed(record_id: int) -> bytes:
    """The record's PDF as the log keeps it from its first print."""
    from ldn_desk.store import Store

    with Store.open_default() as store:
        pdf = store.printed_pdf(record_id)
    assert pdf is not None
    return pdf


def later_bud(monkeypatch: pytest.MonkeyPatch, days: int) -> None:
    """A later program that dates an unpreserved aqueous preparation `days` days, not USP's 14."""
    import dataclasses

    from ldn_desk.recipes import bud

    known = bud.categories()
    changed = {**known, "aqueous_unpreserved": dataclasses.replace(known["aqueous_unpreserved"], days=days)}
    monkeypatch.setattr(bud, "categories", lambda: changed)


def test_reprint_gives_the_bytes_of_the_first_print_with_the_lots(
    qtbot: Any, app_window: Any, monkeypatch: pytest.MonkeyPatch, messages: list[str], tmp_path: Path
) -> None:
    record_id, log = saved_and_shown(qtbot, app_window, monkeypatch)
    first_print = printed(record_id)
    assert log.reprint_pdf() == first_print
    text = pdf_text(first_print)
    for expected in ("Accord", "NX-2291", "2027-03-31", "2 tablets", "Baxter", "W-77", PATIENT, RX):
        assert expected in text
    # Through the window's own Save as PDF, as for any page's document.
    out = tmp_path / "again.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(out), "PDF (*.pdf)"))
    assert [app_window.document_choice.itemText(i) for i in range(app_window.document_choice.count())] == [
        "Compounding record (as first printed)",
        "Signatures and audit trail",
    ]
    app_window.save_document()
    assert out.read_bytes() == first_print
    log.reprint()  # the in-app preview of the same bytes
    assert log.last_preview.pdf.data == first_print
    log.last_preview.close()
    assert "kept as first printed" in log.results.text()
    assert not [text for text in messages if "Printed again" in text]


def test_after_a_program_change_reprint_is_unchanged_and_recalculate_says_what_differs(
    qtbot: Any, app_window: Any, monkeypatch: pytest.MonkeyPatch, messages: list[str]
) -> None:
    record_id, log = saved_and_shown(qtbot, app_window, monkeypatch)
    log.recalculate_button.click()
    assert messages[-1].startswith("Same calculation today: ") and "exactly as it was saved" in messages[-1]
    later_bud(monkeypatch, 30)
    assert log.reprint_pdf() == printed(record_id)
    log.recalculate_button.click()
    # 30 days from 1 December 2026 (Day 1) is 30 December 2026; the record keeps 14 December.
    assert messages[-1].startswith("Calculated differently today: ")
    assert "BUD › days: 14 saved, 30 now" in messages[-1]
    assert "BUD › date: “2026-12-14” saved, “2026-12-30” now" in messages[-1]
    assert "14 December 2026" in pdf_text(log.reprint_pdf())


def test_a_reprint_that_is_not_the_first_print_says_so(
    qtbot: Any, app_window: Any, monkeypatch: pytest.MonkeyPatch, messages: list[str]
) -> None:
    from ldn_desk.desk import records

    _record_id, log = saved_and_shown(qtbot, app_window, monkeypatch)
    note = (
        "Record 1 was saved before LDN Desk kept each record's printed PDF, so this is not the first print."
    )
    again = records.Reprint(1, b"%PDF-1.4 printed again", False, note)
    monkeypatch.setattr(records, "reprint", lambda store, record_id: again)
    assert log.reprint_pdf() == again.pdf
    assert messages[-1] == f"Printed again, not the first print: {note}"


def test_save_to_log_saves_the_recipe_shown_without_working_it_out_again(
    qtbot: Any, app_window: Any, monkeypatch: pytest.MonkeyPatch, messages: list[str]
) -> None:
    from ldn_desk.recipes import records as recipe_records
    from ldn_desk.recipes.liquid import recipe as liquid_recipe
    from ldn_desk.store import Store

    liquid = ready_liquid(qtbot, app_window)
    shown = liquid.recipe

    def never(_inp: Any) -> Any:
        raise AssertionError("the recipe on the page is saved, not worked out again")

    from ui.pages.log.dialogs import SaveRecordDialog
    from ui.pages.log.save import save_to_log

    def no_expiries(dialog: Any) -> None:
        # Lots and weights but no expiry yet: an expiry typed is the BUD's to weigh, so the
        # recipe is then worked out again with it (tests/ui/test_record_dates.py).
        liquid_lots(dialog)
        for row in range(dialog.ingredients.rowCount()):
            dialog.ingredients.set_value(row, "expiry", "")

    fill_dialog(monkeypatch, SaveRecordDialog, no_expiries)
    working = liquid_recipe.make_liquid
    monkeypatch.setattr(liquid_recipe, "make_liquid", never)
    monkeypatch.setattr(recipe_records, "make_liquid", never)
    record_id = save_to_log(liquid)
    # Only these two back (undo() would also lift the fixture that keeps the test's data folder).
    monkeypatch.setattr(liquid_recipe, "make_liquid", working)
    monkeypatch.setattr(recipe_records, "make_liquid", working)
    assert record_id is not None
    with Store.open_default() as store:
        saved = store.record(record_id)
    assert recipe_records.recipe_from_data(saved.results) == shown
    assert saved.inputs == recipe_records.input_data(liquid.recipe_input)


def test_capsules_save_to_log_and_sign_off_at_once(
    qtbot: Any, app_window: Any, monkeypatch: pytest.MonkeyPatch, messages: list[str]
) -> None:
    from ui.pages.log.dialogs import SaveRecordDialog
    from ui.pages.log.save import save_to_log

    capsules = app_window.pages[CAPSULES]
    recomputed(qtbot, capsules, lambda: capsules.compounded.set_text("2026-12-01"))
    fields = capsules.record_fields
    fields.patient.setText("Pellam Ustrovny")
    fields.rx.setText("RX-CAPS-7")
    fields.compounded_by.setText("A. Pharmacist")
    fields.checked_by.setText("B. Checker")

    def fill(dialog: Any) -> None:
        assert dialog.kind == "capsules" and dialog.sign_now.isEnabled()
        dialog.sign_now.setChecked(True)
        for row in range(dialog.ingredients.rowCount()):
            amount = f"{capsules.recipe.capsules} capsules" if row == 2 else "100 mg"
            for key, text in (
                ("maker", "Medisca"),
                ("lot", f"LOT-{row}"),
                ("expiry", "2028-01"),
                ("actual_amount", amount),
            ):
                dialog.ingredients.set_value(row, key, text)

    fill_dialog(monkeypatch, SaveRecordDialog, fill)
    record_id = save_to_log(capsules)
    assert record_id is not None
    log = open_log(qtbot, app_window)
    log.select_record(record_id)
    assert log.record.kind == "capsules" and log.record.signed and log.record.checked_by == "B. Checker"
    assert log.reprint_pdf() == printed(record_id)
    text = pdf_text(log.reprint_pdf())  # the checker named when saving, and each line's lot
    assert "B. Checker" in text and all(f"LOT-{row}" in text for row in range(3))


def test_save_to_log_refuses_without_a_pharmacy_name_and_saves_nothing(
    qtbot: Any, window: Any, monkeypatch: pytest.MonkeyPatch, messages: list[str]
) -> None:
    from ui.pages.log.dialogs import SaveRecordDialog
    from ui.pages.log.save import save_to_log

    liquid = ready_liquid(qtbot, window)
    seen: list[str] = []

    def exec_(dialog: Any) -> int:
        liquid_lots(dialog)
        dialog._try_accept()
        seen.append(dialog.message.text())
        return int(dialog.result())

    monkeypatch.setattr(SaveRecordDialog, "exec", exec_)
    assert save_to_log(liquid) is None
    assert "pharmacy name" in seen[0] and PATIENT not in seen[0]
    from ldn_desk.paths import log_path

    assert not log_path().exists()


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"this is not a database, just some bytes " * 50, "damaged"),
        (None, "not an LDN Desk log"),
    ],
)
def test_a_bad_log_file_is_explained_left_untouched_and_can_be_set_aside(
    qtbot: Any,
    window: Any,
    monkeypatch: pytest.MonkeyPatch,
    messages: list[str],
    content: bytes | None,
    words: str,
) -> None:
    import sqlite3

    from ldn_desk.paths import log_path

    path = log_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    if content is None:  # another program's database
        with sqlite3.connect(path) as other:
            other.execute("CREATE TABLE patients (name TEXT)")
            other.execute("INSERT INTO patients VALUES (?)", (PATIENT,))
        other.close()
    else:
        path.write_bytes(content)
    before = path.read_bytes()
    log = open_log(qtbot, window)
    assert log.views.currentWidget() is log.problem
    shown = f"{log.problem.title.text()} {log.problem.text.text()}"
    assert words in shown and "start a new log" in shown.lower() and "restore a backup" in shown.lower()
    assert PATIENT not in shown
    assert path.read_bytes() == before  # the file is exactly as it was
    # Start a new log: the old file is moved aside whole, and the page works again.
    with qtbot.waitSignal(log.log_changed, timeout=5_000):
        log.problem.new_button.click()
    assert log.views.currentIndex() == 0
    kept = [p for p in path.parent.iterdir() if p != path and p.is_file() and p.read_bytes() == before]
    assert len(kept) == 1
    assert all(PATIENT not in text for text in messages)


def test_a_newer_log_is_refused_not_migrated(qtbot: Any, window: Any, messages: list[str]) -> None:
    from ldn_desk.paths import log_path
    from ldn_desk.store import SCHEMA_VERSION, Store

    with Store.open(log_path()) as store:
        store._conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    before = log_path().read_bytes()
    log = open_log(qtbot, window)
    assert log.views.currentWidget() is log.problem and "newer" in log.problem.title.text()
    assert log_path().read_bytes() == before


def test_backup_and_restore_from_the_page(
    qtbot: Any, app_window: Any, monkeypatch: pytest.MonkeyPatch, messages: list[str], tmp_path: Path
) -> None:
    first = save_liquid(qtbot, app_window, monkeypatch)
    log = open_log(qtbot, app_window)
    backup = tmp_path / "backup.sqlite3"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(backup), ""))
    log.backup_button.click()
    assert backup.exists() and any("Backup written and checked" in text for text in messages)
    second = save_liquid(qtbot, app_window, monkeypatch, lot="NX-3000")
    open_log(qtbot, app_window)
    assert rows(log) == [second, first]
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(backup), ""))
    with qtbot.waitSignal(log.log_changed, timeout=5_000):
        log.restore_button.click()  # the question is answered Yes
    asked = [text for text in messages if text.startswith("Restore an older backup?")]
    assert len(asked) == 1 and f"drop 1 record (1 patient): {second} (" in asked[0]
    assert rows(log) == [first]
    # Export what the search shows, as CSV.
    out = tmp_path / "log.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(out), ""))
    log.export_button.click()
    assert "NX-2291" in out.read_text(encoding="utf-8")


def test_the_model_pages_through_a_large_log(qtbot: Any, qtmodeltester: Any, tmp_path: Path) -> None:
    from ldn_desk.store import Ingredient, NewRecord, Store
    from ui.models.log import LogModel

    with Store.open(tmp_path / "big.sqlite3") as store:
        for number in range(250):
            store.save_record(
                NewRecord(
                    kind="liquid",
                    rx_number=f"RX-{number}",
                    patient="Test Patient",
                    compounded_on=dt.date(2026, 1, 1) + dt.timedelta(days=number),
                    bud=dt.date(2027, 1, 1),
                    compounded_by="A. Pharmacist",
                    inputs={},
                    results={},
                    ingredients=(
                        Ingredient("Purified water", "Baxter", f"W-{number % 7}", "2027-01", "100 mL"),
                    ),
                )
            )
        model = LogModel(page_size=100)
        model.set_fetch(lambda offset, limit: store.search(limit=limit, offset=offset))
        assert model.rowCount() == 100 and model.canFetchMore()
        assert model.row_at(0).rx_number == "RX-249"  # newest first
        model.fetchMore()
        assert model.rowCount() == 200
        qtmodeltester.check(model)  # the tester fetches the rest too
        assert model.rowCount() == 250 and not model.canFetchMore()
        assert len({model.row_at(row).id for row in range(250)}) == 250
        model.set_fetch(lambda offset, limit: store.search(lot=" w-3 ", limit=limit, offset=offset))
        assert model.rowCount() == 36  # records 3, 10, …, 248 used lot W-3: (248 - 3) / 7 + 1 = 36
        assert model.data(model.index(0, 7)) == "W-3"
        qtmodeltester.check(model)


def test_a_saved_plan_with_a_hold_reopens_with_the_hold(
    qtbot: Any, window: Any, monkeypatch: pytest.MonkeyPatch, messages: list[str]
) -> None:
    from ui.pages.plan.saved import OpenPlanDialog, SavePlanDialog

    plan_page = window.pages[PLAN]
    recomputed(qtbot, plan_page, lambda: plan_page.start_date.set_text("2026-12-01"))
    plan_page.table.selectRow(1)
    plan_page.hold_days.setValue(7)
    plan_page.hold_selected()
    held = plan_page.plan
    # Standard protocol: 1.5 mg days 1-14, 3 mg from day 15 held 7 days more -> days 15-35, 4.5 mg from 36.
    assert [(s.from_day, s.to_day, s.dose_mg) for s in held.steps] == [
        (1, 14, 1.5),
        (15, 35, 3.0),
        (36, None, 4.5),
    ]

    def who(dialog: Any) -> None:
        dialog.patient.setText(PATIENT)
        dialog.patient_ref.setText("1961-07-04")

    fill_dialog(monkeypatch, SavePlanDialog, who)
    saved = plan_page.saved_plans.save_plan()
    assert saved is not None and saved.version == 1
    # A second edit saved as the next version of the same plan.
    plan_page.back_day.setValue(15)
    plan_page.step_back()
    stepped = plan_page.plan
    version_2 = plan_page.saved_plans.save_plan()
    assert (version_2.plan_id, version_2.version, version_2.change) == (saved.plan_id, 2, "step back")
    # Start over: the page forgets, then reopens the patient's plan with the hold and the step back.
    plan_page.clear_edits()
    recomputed(qtbot, plan_page, lambda: plan_page.start_date.set_text("2027-01-05"))
    assert plan_page.plan != stepped
    history: list[str] = []

    def choose(dialog: Any) -> None:
        dialog.patient.setText(PATIENT.lower())
        dialog.find_plans()
        assert dialog.plans.count() == 1
        history.append(dialog.history.toPlainText())

    fill_dialog(monkeypatch, OpenPlanDialog, choose)
    opened = plan_page.saved_plans.open_plan()
    assert opened is not None and opened.version == 2
    assert plan_page.plan == stepped
    assert [name for name, _edit in plan_page.edits] == ["hold", "step back"]
    assert "Held 3 mg for 7 days more" in plan_page.results.text()
    assert "Version 1" in history[0] and "Version 2" in history[0] and "step back" in history[0]
    assert not [text for text in messages if "differently" in text]


def test_an_older_backup_is_not_restored_when_the_loss_is_declined(
    qtbot: Any, app_window: Any, monkeypatch: pytest.MonkeyPatch, messages: list[str], tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QMessageBox

    first = save_liquid(qtbot, app_window, monkeypatch)
    log = open_log(qtbot, app_window)
    backup = tmp_path / "backup.sqlite3"
    log.store.backup(backup)
    second = save_liquid(qtbot, app_window, monkeypatch, lot="NX-3000")
    open_log(qtbot, app_window)
    asked: list[str] = []

    def decline(_parent: Any, title: str, text: str, *args: Any) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", decline)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(backup), ""))
    log.restore_button.click()
    assert len(asked) == 1 and f": {second} (" in asked[0]
    assert rows(log) == [second, first]  # nothing dropped


@pytest.mark.parametrize(
    "failure",
    [
        "the log could not be replaced (the disk is full); the log was left as it was",
        OSError(28, "No space left on device"),  # one the core did not word
    ],
)
def test_a_failed_restore_shows_why_and_the_log_that_is_there(
    qtbot: Any,
    app_window: Any,
    monkeypatch: pytest.MonkeyPatch,
    messages: list[str],
    tmp_path: Path,
    failure: str | OSError,
) -> None:
    import ldn_desk.desk.log as desk_log

    first = save_liquid(qtbot, app_window, monkeypatch)
    log = open_log(qtbot, app_window)
    backup = tmp_path / "backup.sqlite3"
    log.store.backup(backup)
    error = desk_log.LogUnavailableError(failure) if isinstance(failure, str) else failure

    def fail(*args: Any, **kwargs: Any) -> None:
        raise error

    monkeypatch.setattr(desk_log, "restore", fail)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(backup), ""))
    log.restore_button.click()
    assert messages[-1] == f"Not restored: {error}"
    assert log.store is not None and log.views.currentIndex() == 0
    assert rows(log) == [first] and "No records" not in log.status.text()


def test_log_times_are_shown_in_local_time_with_the_offset(monkeypatch: Any) -> None:
    import time

    from ui.pages.log.detail import when

    if not hasattr(time, "tzset"):
        return
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        # 01:18 UTC on 22 November is 20:18 the evening before in New York (UTC-05:00 in winter).
        assert when("2026-11-22T01:18:00+00:00") == "21 November 2026, 20:18 (UTC-05:00)"
    finally:
        monkeypatch.undo()
        time.tzset()
