"""Every dialog and message of the app in Spanish: each is opened offscreen in English and again in
Spanish, and none of the English texts stays; every text the code sends to the translator has a
finished entry in each shipped language."""

from __future__ import annotations

import importlib.util
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDialog,
    QFileDialog,
    QGroupBox,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QTableView,
    QTextBrowser,
    QWidget,
)

from ldn_desk.desk.log import Credentials, Store
from tests.ui.i18n_sources import source_strings
from tests.ui.test_log_page import LOG, fill_dialog, liquid_lots, open_log, ready_liquid
from tests.ui.test_plan_review import _saved_plan
from tests.ui.test_plan_saved import PLAN, _open
from ui.i18n import app_languages, i18n_dir, install_translators

SHIPPED = [code for code in app_languages() if code != "en"]
ADMIN = Credentials("Ada Admin", "admin-pass-1")
PHARMACIST = Credentials("Bea Lund", "bea-pass-22")

# Texts that read the same in both languages.
NAMES = (
    "Zyxwa Qorvanth",
    "Qelvra Austrum",
    "A. Pharmacist",
    "Ada Admin",
    "Bea Lund",
)  # typed, not translated
SAME_IN_SPANISH = {"LDN Desk #.#.#", "A#", "Plan", "Material", "CSV (*.csv)", "PDF (*.pdf)", "LDN Desk", "OK"}


def _shown(text: str) -> str:
    """A text as compared: no mnemonic '&', numbers as '#' (a record's number differs per run)."""
    return re.sub(r"\d+", "#", text.replace("&", "")).strip()


class Seen:
    """The texts each step of the tour showed: in its dialogs, message boxes, questions, input
    and file dialogs (which are answered, never shown)."""

    def __init__(self) -> None:
        self.step = ""
        self.texts: dict[str, set[str]] = defaultdict(set)
        self.core: set[str] = set()

    def add(self, *texts: str) -> None:
        for text in texts:
            for line in str(text).splitlines():
                if any(char.isalpha() for char in line):
                    self.texts[self.step].add(_shown(line))

    def widget(self, widget: QWidget) -> None:
        self.add(widget.windowTitle(), widget.toolTip(), widget.accessibleName())
        for child in widget.findChildren(QWidget):
            self.add(child.toolTip(), child.accessibleName())
            if (isinstance(child, QLabel) and not child.text().startswith("<")) or isinstance(
                child, QAbstractButton
            ):
                self.add(child.text())
            elif isinstance(child, QGroupBox):
                self.add(child.title())
            elif isinstance(child, QLineEdit):
                self.add(child.placeholderText())
            elif isinstance(child, QComboBox):
                self.add(*(child.itemText(i) for i in range(child.count())))
            elif isinstance(child, QTextBrowser):
                self.add(child.toPlainText())
            elif isinstance(child, QListWidget):
                self.add(*(child.item(i).text() for i in range(child.count())))
            if isinstance(child, QTableView) and child.model() is not None:
                model = child.model()
                for column in range(model.columnCount(QModelIndex())):
                    self.add(str(model.headerData(column, Qt.Orientation.Horizontal) or ""))


def _answer_everything(monkeypatch: pytest.MonkeyPatch, seen: Seen) -> None:
    """Dialogs are read and cancelled, message boxes read and answered Yes, input and file
    dialogs read and cancelled."""

    def exec_(self: QDialog) -> int:
        seen.widget(self)
        self.reject()
        return int(QDialog.DialogCode.Rejected.value)

    monkeypatch.setattr(QDialog, "exec", exec_)

    def message(_parent: Any, title: str, text: str, *args: Any) -> QMessageBox.StandardButton:
        seen.add(title, text)
        return QMessageBox.StandardButton.Yes

    for name in ("warning", "information", "question"):
        monkeypatch.setattr(QMessageBox, name, message)

    def text_input(_parent: Any, title: str, label: str, *args: Any, **kwargs: Any) -> tuple[str, bool]:
        seen.add(title, label)
        return "", False

    monkeypatch.setattr(QInputDialog, "getText", text_input)

    def file_dialog(
        _parent: Any, title: str, _where: str = "", filters: str = "", *args: Any
    ) -> tuple[str, str]:
        seen.add(title, *filters.split(";;"))
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", file_dialog)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", file_dialog)


def _real_unsaved_question() -> Any:
    """ui.unsaved.ask_unsaved as written (the app tests answer it without asking)."""
    spec = importlib.util.spec_from_file_location(
        "unsaved_as_written", Path(__file__).parents[2] / "ui/unsaved.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.ask_unsaved


def _tour(qtbot: Any, monkeypatch: pytest.MonkeyPatch, data: Path) -> Seen:
    """Open every dialog and message the app has, in the language installed now, on a fresh log."""
    from ui.about import AboutDialog, HelpDialog
    from ui.main_window import MainWindow
    from ui.pages.log import files
    from ui.pages.log.dialogs import SaveRecordDialog
    from ui.pages.log.save import save_to_log
    from ui.pages.plan.saved import OpenPlanDialog
    from ui.settings.dialog import SettingsDialog
    from ui.settings.store import AppSettings
    from ui.team import (
        FormulasDialog,
        LotsDialog,
        UsersDialog,
        decision_credentials,
        session,
        signature_credentials,
        switch_user,
    )

    monkeypatch.setenv("LDN_DESK_DATA_DIR", str(data))
    session.sign_out()
    for answered in (SaveRecordDialog, OpenPlanDialog):  # filled and accepted in the last tour
        if "exec" in vars(answered):
            monkeypatch.delattr(answered, "exec")
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.pages_started, timeout=10_000):
        window.start_pages()
    window.apply_settings(AppSettings(clinic_name="Riverside Pharmacy", clinic_contact="01234 567890"))
    seen = Seen()
    _answer_everything(monkeypatch, seen)

    def step(name: str) -> None:
        seen.step = name

    step("main window status")
    seen.widget(window.statusBar())
    step("help")
    seen.widget(HelpDialog(window))
    step("about")
    seen.widget(AboutDialog(window))
    step("settings")
    settings = SettingsDialog(window.settings, window)
    settings.log_shared.setChecked(True)
    seen.widget(settings)
    step("unsaved question")
    _real_unsaved_question()(window, window.pages[PLAN].unsaved_what(), window.tr("closing LDN Desk"))
    step("nothing to save")
    window.show_page(LOG)  # the Log page keeps nothing to save
    window.save_work()
    step("no users")
    switch_user(window)

    step("save to log")
    liquid = ready_liquid(qtbot, window)
    save_to_log(liquid)  # read and cancelled
    fill_dialog(monkeypatch, SaveRecordDialog, liquid_lots)
    step("saved to log")
    record_id = save_to_log(liquid)
    assert record_id is not None, seen.texts[seen.step]
    log = open_log(qtbot, window)
    log.select_record(record_id)
    step("amend")
    log.amend()
    step("sign off")
    log.sign_off()
    step("recalculate")
    log.recalculate()
    from ldn_desk.desk import records

    seen.core.add(_shown(records.recalculate(log.store, record_id).summary()))  # the core's words
    step("preview")
    log.reprint()
    seen.widget(log.last_preview)
    step("log files")
    files.export_csv(log)
    files.backup(log)
    files.restore_backup(log)

    step("calendar")
    plan = window.pages[PLAN]
    window.show_page(PLAN)
    plan.save_calendar()
    step("save plan")
    plan.saved_plans.save_plan()
    _saved_plan()
    step("open plan")
    found = OpenPlanDialog("", "", window)
    found.list_all()
    seen.widget(found)
    found.rename_button.click()  # the newest plan is chosen: its name is asked
    assert _open(monkeypatch, plan) is not None
    step("review visit")
    review = plan.saved_plans.open_review()
    assert review is not None
    qtbot.addWidget(review)
    review.save_weeks()  # nothing typed: says so
    seen.widget(review)
    _answer_everything(monkeypatch, seen)

    with Store.open_default() as store:
        store.add_user(ADMIN.name, "AA", "administrator", ADMIN.password)
        store.add_user(PHARMACIST.name, "BL", "pharmacist", PHARMACIST.password, by=ADMIN)
    step("switch user")
    switch_user(window)
    session.sign_in(ADMIN)
    for name, dialog_class in (("users", UsersDialog), ("lots", LotsDialog), ("formulas", FormulasDialog)):
        step(name)
        dialog = dialog_class(window)
        qtbot.addWidget(dialog)
        seen.widget(dialog)
        if dialog_class is UsersDialog:
            step("add user")
            dialog.add_user()
        if dialog_class is FormulasDialog:
            step("approve formula")
            dialog.table.selectRow(0)
            dialog.approve()
    step("signature")
    signature_credentials(window, "verified", record_id)
    step("review decision")
    decision_credentials(window, 1)
    session.sign_out()
    step("new log")
    files.start_new_log(log)
    return seen


def _core_texts() -> set[str]:
    """Texts the core writes (the review's measures and decisions, the data sources, the label
    layouts) and the languages' own names: another part of the program translates them."""
    from ldn_desk.desk import Desk
    from ui.about import data_sources
    from ui.i18n import language_names
    from ui.settings.dialog import label_layouts

    desk = Desk()
    out = {m.title for m in desk.review_measures()} | set(desk.review_decisions().values())
    out |= {f"{m.title}: {m.scale_text}; leave empty when not written" for m in desk.review_measures()}
    out |= {f"{name}: {text}" for name, text in data_sources()}
    out |= {title for _key, title in label_layouts()} | {name for _code, name in language_names()}
    return {_shown(text) for text in out}


def test_every_dialog_and_message_reads_spanish(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    english_tour = _tour(qtbot, monkeypatch, tmp_path / "en")
    english = english_tour.texts
    app = QCoreApplication.instance()
    assert app is not None
    install_translators(app, "es")
    try:
        spanish = _tour(qtbot, monkeypatch, tmp_path / "es").texts
    finally:
        install_translators(app, "en")
    assert set(english) == set(spanish)
    assert len(english) == 27 and all(english.values())  # every step showed something
    assert sum(len(texts) for texts in english.values()) > 300
    core = _core_texts() | english_tour.core
    left = {
        step: sorted(text for text in english[step] & spanish[step] if text not in SAME_IN_SPANISH | core
                     and not any(text.startswith(name) for name in NAMES))
        for step in english
    }  # fmt: skip
    assert {step: texts for step, texts in left.items() if texts} == {}
    # Qt's own buttons come from qtbase_es.
    assert {"Aceptar", "Cancelar"} <= spanish["switch user"]
    assert "Cerrar" in spanish["users"]
    assert "¿Quién está trabajando?" in spanish["switch user"]


@pytest.mark.parametrize("code", SHIPPED)
def test_every_message_of_the_ts_catalog_stands_alone(code: str) -> None:
    """One source and one translation in each <message>: two entries a merge ran together keep
    only the first, and the second text shows in English."""
    root = ET.parse(i18n_dir() / f"ldn_desk_{code}.ts").getroot()
    run_together = [
        [source.text for source in message.findall("source")]
        for message in root.iter("message")
        if len(message.findall("source")) != 1 or len(message.findall("translation")) != 1
    ]
    assert run_together == []


@pytest.mark.parametrize("code", SHIPPED)
def test_every_text_the_code_translates_has_a_finished_entry(code: str) -> None:
    finished = set()
    for context in ET.parse(i18n_dir() / f"ldn_desk_{code}.ts").getroot().iter("context"):
        for message in context.iter("message"):
            translation = message.find("translation")
            if (
                translation is not None
                and (translation.text or "").strip()
                and translation.get("type") is None
            ):
                finished.add((context.findtext("name"), message.findtext("source")))
    found = list(source_strings())
    assert len(found) > 400
    missing = sorted(f"{where}: [{context}] {text!r}" for context, text, where in found
                     if text and (context, text) not in finished)  # fmt: skip
    assert missing == []


def test_the_source_reader_finds_a_text_given_each_way(tmp_path: Path) -> None:
    # The reader sees translate("…"), self.tr("…") in its class's context, a module constant, a
    # loop over a tuple of texts, and the form builders' labels; not a text built at run time.
    found = {(context, text) for context, text, _where in source_strings()}
    assert ("LDN Desk", "Who is working?") in found  # translate("…")
    assert ("MainWindow", "Unsaved changes") in found  # self.tr in MainWindow
    assert ("MainWindow", "Titration plan") in found  # self.tr(title) for title in PAGE_TITLES
    assert ("LDN Desk", "Lot on hand") in found  # translate(header) for header in HEADERS
    assert ("LDN Desk", "Host:") in found  # a row of add_rows
    assert ("LDN Desk", "who compounded") in found  # _line(text, "…")
    assert not any(text == "LDN Desk" for _context, text in found)  # QCoreApplication.translate(CONTEXT, …)
