"""The app in Spanish: Qt's translators for the app and for Qt's own dialogs, chosen in Settings or
from the system; the patient's language beside the name, saved with the plan; the catalogs compiled."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QDialogButtonBox, QGroupBox, QLabel

from ldn_desk.documents.textrules import dose_text_problems
from tests.ui.conftest import spanish_main_window
from ui.i18n import app_languages, i18n_dir, install_translators, interface_language, save_language

SHIPPED = [code for code in app_languages() if code != "en"]
LRELEASE = Path(sys.executable).parent / "pyside6-lrelease"


@pytest.fixture
def spanish(qtbot: Any) -> Iterator[None]:
    app = QCoreApplication.instance()
    assert app is not None
    assert install_translators(app, "es") == "es"
    yield
    install_translators(app, "en")


def _pdf_text(pdf: bytes) -> str:
    return " ".join(" ".join((p.extract_text() or "") for p in PdfReader(io.BytesIO(pdf)).pages).split())


def test_the_language_is_the_one_chosen_else_the_systems() -> None:
    assert "es" in app_languages()
    assert interface_language("", QLocale("es_MX")) == "es"
    assert interface_language("", QLocale("en_US")) == "en"
    assert interface_language("", QLocale("fr_FR")) == "en"  # no French yet: English
    assert interface_language("es", QLocale("en_US")) == "es"
    save_language("es")
    assert interface_language(system=QLocale("en_US")) == "es"


@pytest.mark.parametrize("code", SHIPPED)
def test_every_app_catalog_is_complete_and_its_qm_matches(code: str, tmp_path: Path) -> None:
    source = i18n_dir() / f"ldn_desk_{code}.ts"
    for message in ET.parse(source).getroot().iter("message"):
        translation = message.find("translation")
        assert translation is not None and (translation.text or "").strip(), message.findtext("source")
        assert translation.get("type") not in {"unfinished", "obsolete", "vanished"}, message.findtext(
            "source"
        )
    compiled = tmp_path / "fresh.qm"
    tool = str(LRELEASE) if LRELEASE.exists() else shutil.which("pyside6-lrelease")
    assert tool, "pyside6-lrelease comes with PySide6"
    subprocess.run([tool, "-silent", str(source), "-qm", str(compiled)], check=True)
    assert compiled.read_bytes() == (i18n_dir() / f"ldn_desk_{code}.qm").read_bytes(), (
        f"run: pyside6-lrelease {source} -qm {source.with_suffix('.qm')}"
    )


def test_the_app_starts_in_spanish(window_in_spanish: Any) -> None:
    window = window_in_spanish
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus == ["&Archivo", "&Editar", "&Ir a", "&Equipo", "Ay&uda"]
    assert [window.sidebar.item(n).text() for n in range(4)] == [
        "Plan de ajuste de dosis", "Líquido", "Cápsulas", "Registro"
    ]  # fmt: skip
    assert window.settings_action.text() == "&Configuración…"
    assert window.windowTitle() == "Plan de ajuste de dosis[*] — LDN Desk"  # [*]: the unsaved mark
    plan = window.pages[0]
    titles = {box.title() for box in plan.findChildren(QGroupBox)}
    assert {"Plan", "Qué toma el paciente", "Cambiar el plan", "Hoja para el paciente"} <= titles
    labels = {label.text() for label in plan.findChildren(QLabel)}
    assert {"Protocolo:", "Fecha de inicio *:", "Paciente:", "Prescriptor:"} <= labels
    assert plan.undo_button.text() == "Deshacer todos los cambios"
    assert window.document_choice.itemText(0) == "Hoja informativa para el paciente"


def test_qts_own_dialog_buttons_are_in_spanish(spanish: None, qtbot: Any) -> None:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    texts = {button.text().replace("&", "") for button in box.buttons()}
    assert "Cancelar" in texts


def test_settings_offers_the_programs_language(window_in_spanish: Any, qtbot: Any) -> None:
    from ui.settings.dialog import SettingsDialog
    from ui.settings.store import load_settings, save_settings

    dialog = SettingsDialog(window_in_spanish.settings, window_in_spanish)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Configuración"
    choices = [dialog.interface_language.itemText(i) for i in range(dialog.interface_language.count())]
    assert choices[0] == "Automático: el idioma del sistema" and "Español" in choices and "English" in choices
    dialog.interface_language.setCurrentIndex(dialog.interface_language.findData("es"))
    collected = dialog.collect()
    assert collected is not None and collected.interface_language == "es"
    save_settings(collected)
    assert load_settings().interface_language == "es"
    assert interface_language(system=QLocale("en_US")) == "es"


@pytest.fixture
def window_in_spanish(spanish: None, qtbot: Any) -> Any:
    from ui.main_window import MainWindow

    main = MainWindow()
    qtbot.addWidget(main)
    main.show()
    with qtbot.waitSignal(main.pages_started, timeout=10_000):
        main.start_pages()
    return main


def test_the_patients_language_beside_the_name_prints_and_is_saved_with_the_plan(window: Any) -> None:
    from ui.documents import handout_pdf
    from ui.pages.plan.saved import plan_document, restore_page

    plan = window.pages[0]
    fields = plan.handout_fields
    assert [fields.language.itemData(i) for i in range(fields.language.count())][:2] == ["en", "es"]
    fields.patient.setText("Ana Ruiz")
    fields.language.set_code("es")
    text = _pdf_text(handout_pdf(plan.outcome, fields, window.settings))
    assert "Su plan de naltrexona en dosis bajas (LDN)" in text
    assert "Your low-dose naltrexone" not in text
    document = plan_document(plan)
    assert document["language"] == "es"
    fields.language.set_code("en")
    restore_page(plan, document)
    assert fields.language.code() == "es"
    # A plan saved before languages were saved opens in English.
    older = {key: value for key, value in document.items() if key != "language"}
    restore_page(plan, older)
    assert fields.language.code() == "en"


def test_the_label_language_is_beside_the_patient_and_the_record_stays_english(window: Any) -> None:
    from ui.documents import label_pdf, record_pdf
    from ui.settings.store import AppSettings

    liquid = window.pages[1]
    fields = liquid.record_fields
    fields.patient.setText("Ana Ruiz")
    fields.rx.setText("RX-7")
    fields.language.set_code("es")
    settings = AppSettings(clinic_name="Farmacia Sol")
    label = _pdf_text(label_pdf(liquid.recipe, fields, dt.date(2026, 3, 1), settings))
    assert "RX-7 · elaborado" in label and "Receta RX-7" not in label and "Cantidad:" in label
    record = _pdf_text(record_pdf(liquid.recipe, fields, dt.date(2026, 3, 1), settings))
    assert "Cantidad:" not in record and "Receta RX-7" not in record


# A fresh process prints the main window's menu titles (the language it started in).
_MENU_TITLES = (
    "import os; os.environ['QT_QPA_PLATFORM']='offscreen'\n"
    "from ui.app import make_application\n"
    "app = make_application()\n"
    "from ui.main_window import MainWindow\n"
    "w = MainWindow()\n"
    "print([a.text() for a in w.menuBar().actions()])\n"
)


def test_a_spanish_system_starts_the_app_in_spanish(tmp_path: Path) -> None:
    # A fresh process on a Spanish system, no language chosen: the app's own words are Spanish.
    code = _MENU_TITLES
    env = {"LANG": "es_ES.UTF-8", "LC_ALL": "es_ES.UTF-8", "XDG_CONFIG_HOME": str(tmp_path), "HOME": str(tmp_path),
           "PATH": "/usr/bin:/bin", "PYTHONPATH": str(Path(__file__).resolve().parents[2])}  # fmt: skip
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert "'&Archivo'" in done.stdout, done.stderr


def test_a_process_a_test_reads_in_english_speaks_english_from_a_spanish_shell(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The screen probe, --smoke and the start-up checks read English words (Print…, the smoke
    line): run from a developer's es_ES shell, their processes still start in English."""
    from tests.ui.conftest import english_env

    for name in ("LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.setenv(name, "es_ES.UTF-8")
    monkeypatch.setenv("LANGUAGE", "es")
    code = _MENU_TITLES
    env = english_env(XDG_CONFIG_HOME=str(tmp_path), HOME=str(tmp_path),
                      PYTHONPATH=str(Path(__file__).resolve().parents[2]))  # fmt: skip
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert "'&File'" in done.stdout and "Archivo" not in done.stdout, done.stderr


def _page_words(window: Any) -> set[str]:
    """The pages' own words: group titles, labels, buttons and their tips (not the results the
    core writes, which are the pharmacist's, in English)."""
    from PySide6.QtWidgets import QAbstractButton

    out: set[str] = set()
    for page in window.pages:
        results = set(page.results.findChildren(QLabel))
        out |= {label.text() for label in page.findChildren(QLabel) if label not in results}
        for button in page.findChildren(QAbstractButton):
            out |= {button.text(), button.toolTip()}
        out |= {box.title() for box in page.findChildren(QGroupBox)}
    return {text for text in out if any(char.isalpha() for char in text) and not text.startswith("<")}


def test_every_page_reads_spanish(window: Any, qtbot: Any) -> None:
    english = _page_words(window)
    with spanish_main_window(qtbot) as main:
        spanish = _page_words(main)
    assert len(english) > 80
    assert english & spanish <= {"Plan"}  # "Plan" is Spanish too


# --- The pages' results in Spanish ----------------------------------------------------------------

CORE = "⟪core⟫"  # what the core wrote, once through core_text: its catalog is tested on its own
# Words of English that Spanish never writes alone: one of them left on a Spanish page is a text
# of the page's that was not translated.
ENGLISH = set(
    [
        "the",
        "of",
        "and",
        "to",
        "in",
        "on",
        "from",
        "with",
        "by",
        "for",
        "is",
        "are",
        "not",
        "was",
        "be",
        "it",
        "this",
        "that",
        "than",
        "then",
        "when",
        "every",
        "each",
        "day",
        "days",
        "week",
        "weeks",
        "review",
        "supply",
        "make",
        "made",
        "weigh",
        "weighed",
        "batch",
        "tablet",
        "tablets",
        "syringe",
        "marks",
        "mark",
        "fill",
        "fills",
        "filler",
        "strength",
        "source",
        "steps",
        "step",
        "target",
        "average",
        "record",
        "draft",
        "signed",
        "version",
        "saved",
        "capsules",
        "capsule",
        "size",
        "drug",
        "powder",
        "measure",
        "measurable",
        "water",
        "vehicle",
        "storage",
        "container",
        "labels",
        "label",
        "recipe",
        "ingredients",
        "ingredient",
        "weighings",
        "dose",
        "doses",
        "daily",
        "starts",
        "none",
        "suggested",
        "advisor",
        "changes",
        "changed",
        "shown",
        "reason",
        "patient",
        "compounded",
        "checked",
        "status",
        "printed",
        "signatures",
        "versions",
        "trail",
        "results",
        "options",
        "liquid",
        "extra",
        "dispensed",
        "calculating",
        "corrected",
        "kept",
        "only",
        "more",
        "needed",
        "balance",
        "shows",
        "stock",
        "discard",
        "bottle",
        "bottles",
        "bedtime",
        "morning",
    ]
)


def _shown_texts(page: Any) -> list[str]:
    """Every text the page shows: labels, buttons, group titles, the combos' choices shown, the
    tables' headers and cells, and the results (headline, alerts, details)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QTableView, QWidget

    texts = [page.results.text()]
    for widget in page.findChildren(QWidget):
        if not widget.isVisibleTo(page):
            continue
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QComboBox):
            texts.append(widget.currentText())
        elif isinstance(widget, QTableView):
            model = widget.model()
            for column in range(model.columnCount()):
                texts.append(str(model.headerData(column, Qt.Orientation.Horizontal) or ""))
                for row in range(model.rowCount()):
                    texts.append(str(model.index(row, column).data() or ""))
    return texts


def _english_left(texts: list[str], kept: tuple[str, ...] = ()) -> list[str]:
    """The lines of `texts` with an English word, once the core's words and `kept` (the values a
    record keeps as recorded) are taken out."""
    left = []
    for text in texts:
        for line in re.sub(r"<[^>]+>", " ", text).splitlines():
            bare = line.replace(CORE, " ")
            for value in sorted(kept, key=len, reverse=True):
                bare = bare.replace(value, " ")
            if {word.lower() for word in re.findall(r"[A-Za-z]+", bare)} & ENGLISH:
                left.append(line)
    return left


@pytest.fixture
def core_marked(monkeypatch: pytest.MonkeyPatch) -> None:
    """The core's messages come back as a mark, so only the page's own words are left to read."""
    from ldn_desk.desk import Desk

    monkeypatch.setattr(Desk, "say", staticmethod(lambda text, language=None: CORE if text else text))


# Each case: a page (0 plan, 1 liquid, 2 capsules) and entries that show more of its results.
RESULT_CASES: dict[str, tuple[int, list[tuple[str, str]]]] = {
    "plan with a liquid and its supply": (0, [("choose:liquid_strength", "1")]),
    "plan with capsules": (0, [("choose:form_kind", "capsules")]),
    "liquid from tablets": (1, []),
    "liquid from powder": (1, [("choose:source", "powder")]),
    "liquid by serial dilution": (1, [("strength", "0.05 mg/mL")]),
    "capsules by aliquot": (2, []),
    "capsules by the calibrated method": (
        2,
        [("choose:capsule_size", "3"), ("choose:method", "calibrated"), ("strength", "4.5 mg")],
    ),
}


def _enter(qtbot: Any, page: Any, steps: list[tuple[str, str]]) -> None:
    from tests.ui.conftest import recomputed

    for name, text in steps:
        if name.startswith("choose:"):
            combo = getattr(page, name.removeprefix("choose:"))
            index = next(i for i in range(combo.count()) if str(combo.itemData(i)).startswith(text))
            recomputed(qtbot, page, lambda c=combo, i=index: c.setCurrentIndex(i))
        else:
            field = getattr(page, name)
            recomputed(qtbot, page, lambda f=field, t=text: f.set_text(t))


@pytest.mark.parametrize("name", list(RESULT_CASES))
def test_a_pages_results_leave_no_english_in_spanish(
    name: str, qtbot: Any, window: Any, core_marked: None
) -> None:
    index, steps = RESULT_CASES[name]
    # The check finds the English: the English page has plenty of its words.
    page = window.pages[index]
    window.sidebar.setCurrentRow(index)
    _enter(qtbot, page, steps)
    assert page.results.has_result, page.results.text()
    assert len(_english_left(_shown_texts(page))) > 5
    with spanish_main_window(qtbot) as main:
        page = main.pages[index]
        main.sidebar.setCurrentRow(index)
        _enter(qtbot, page, steps)
        assert page.results.has_result, page.results.text()
        texts = _shown_texts(page)
        assert _english_left(texts) == [], texts
        shown = " ".join(texts)
    # Dates as the Spanish documents write them (the beyond-use date, the review), and the doses
    # in the ISMP form in every language.
    assert re.search(r"\d{1,2} de [a-z]+ de 20\d\d", shown), shown
    assert dose_text_problems(shown.replace(CORE, "")) == [], shown


def _stored(value: Any) -> Iterator[str]:
    """Every text a record keeps (its options, results and lines), as it was recorded."""
    if isinstance(value, dict):
        for item in value.values():
            yield from _stored(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _stored(item)
    elif isinstance(value, str) and value:
        yield value


def test_the_log_pages_record_view_reads_spanish_around_the_recorded_values(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, core_marked: None, messages: list[str]
) -> None:
    from tests.ui.test_log_page import open_log, save_liquid
    from ui.settings.store import AppSettings

    with spanish_main_window(qtbot) as main:
        main.apply_settings(AppSettings(clinic_name="Farmacia Sol", clinic_contact="01234 567890"))
        record_id = save_liquid(qtbot, main, monkeypatch)
        log = open_log(qtbot, main)
        log.select_record(record_id)
        record = log.record
        assert record is not None and record.id == record_id
        kept = (
            *_stored(record.inputs),
            *_stored(record.results),
            *(text for line in record.ingredients for text in (line.name, line.actual_amount)),
        )
        texts = _shown_texts(log)
        shown = "\n".join(texts)
        assert _english_left(texts, tuple(kept)) == [], shown
    # The labels are Spanish and the values as recorded: made 1 December 2026, aqueous and not
    # preserved, USP <795> gives 14 days (Day 1 the day made): 14 December 2026.
    assert f"Registro {record_id}: Líquido" in shown and "(borrador)" in shown
    assert "Fecha límite de uso\n14 de diciembre de 2026" in shown
    assert "Fecha de elaboración\n1 de diciembre de 2026" in shown
    assert "2 tablets" in shown and "NX-2291" in shown  # the lines as entered, never translated
