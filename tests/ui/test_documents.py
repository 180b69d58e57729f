"""The pages' documents: made from the current result, previewed, printed and saved from the window."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog

import ui.widgets.preview as preview
from tests.ui.conftest import recomputed


def pages_of(data: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(data)).pages)


def text_of(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


class Accept:
    def __init__(self, printer: QPrinter, parent: Any = None) -> None:
        self.printer = printer

    def setWindowTitle(self, title: str) -> None:
        pass

    def exec(self) -> QDialog.DialogCode:
        return QDialog.DialogCode.Accepted


def test_handout_preview_shows_the_pdf_pages(qtbot: Any, window: Any, messages: list[str]) -> None:
    plan = window.pages[0]
    plan.handout_fields.patient.setText("José Müller-Ñúñez")
    made = window._document_bytes()
    assert made is not None and not messages
    choice, data = made
    assert choice.name == "Patient handout"
    assert data.startswith(b"%PDF")
    text = text_of(data)
    assert "José Müller-Ñúñez" in text and "1.5 mg" in text
    window.preview_document()
    dialog = window.last_preview
    qtbot.addWidget(dialog)
    assert dialog.pdf.ok
    assert dialog.pdf.page_count == pages_of(data) >= 2


def test_handout_without_a_patient_says_so(window: Any, messages: list[str]) -> None:
    assert window._document_bytes() is None
    assert messages and "patient" in messages[0]


def test_no_document_for_refused_input(qtbot: Any, window: Any, messages: list[str]) -> None:
    plan = window.pages[0]
    plan.handout_fields.patient.setText("Jane Smith")
    recomputed(qtbot, plan, lambda: plan.start_date.set_text("2026-02-30"))
    assert window._document_bytes() is None
    assert "correct the marked entries" in messages[0]


def test_print_from_the_window(window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "printed.pdf"

    def printer(paper_size: str = "A4") -> QPrinter:
        made = QPrinter(QPrinter.PrinterMode.HighResolution)
        made.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        made.setOutputFileName(str(out))
        return made

    monkeypatch.setattr(preview, "QPrintDialog", Accept)
    monkeypatch.setattr(preview, "make_printer", printer)
    window.pages[0].handout_fields.patient.setText("Jane Smith")
    window.print_action.trigger()
    assert out.read_bytes().startswith(b"%PDF")
    assert pages_of(out.read_bytes()) >= 2


def test_save_from_the_window(window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "handout.pdf"
    monkeypatch.setattr(preview.QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "PDF (*.pdf)"))
    window.pages[0].handout_fields.patient.setText("Jane Smith")
    window.save_pdf_action.trigger()
    assert target.read_bytes().startswith(b"%PDF")


def fill_record(page: Any) -> None:
    page.record_fields.patient.setText("Łukasz Øyvind")
    page.record_fields.rx.setText("RX-1001")
    page.record_fields.compounded_by.setText("A. Pharmacist")


@pytest.mark.parametrize("index", [1, 2])
def test_record_and_label_for_the_recipe(window: Any, messages: list[str], index: int) -> None:
    from ui.settings.store import AppSettings

    window.apply_settings(AppSettings(clinic_name="Riverside Pharmacy", clinic_contact="01234 567890"))
    window.show_page(index)
    page = window.pages[index]
    fill_record(page)
    names = [window.document_choice.itemText(i) for i in range(window.document_choice.count())]
    assert names == ["Compounding record", "Container label", "Master formulation record"]
    for position in (0, 1):
        window.document_choice.setCurrentIndex(position)
        made = window._document_bytes()
        assert made is not None, messages
        data = made[1]
        assert data.startswith(b"%PDF") and pages_of(data) >= 1
        text = text_of(data)
        assert "Łukasz Øyvind" in text and "RX-1001" in text and "Riverside Pharmacy" in text
    assert not messages


@pytest.mark.parametrize(("index", "mfr", "version"), [(1, "LDN-MFR-L1", 3), (2, "LDN-MFR-C1", 1)])
def test_the_mfr_the_recipe_follows(
    window: Any, messages: list[str], index: int, mfr: str, version: int
) -> None:
    # The default Liquid page makes tablets in water; the Capsules page, the volume method.
    window.show_page(index)
    window.document_choice.setCurrentIndex(2)
    made = window._document_bytes()
    assert made is not None, messages
    text = text_of(made[1])
    assert f"Master formulation record {mfr}" in text and f"version {version}" in text
    assert not messages


def test_record_needs_the_pharmacy_name_from_settings(window: Any, messages: list[str]) -> None:
    window.show_page(1)
    fill_record(window.pages[1])
    assert window._document_bytes() is None
    assert "Settings" in messages[0] and "pharmacy name" in messages[0]


def test_liquid_record_shows_the_worked_batch(window: Any, messages: list[str]) -> None:
    from ui.settings.store import AppSettings

    window.apply_settings(AppSettings(clinic_name="Riverside Pharmacy"))
    window.show_page(1)
    fill_record(window.pages[1])
    made = window._document_bytes()
    assert made is not None
    text = text_of(made[1])
    # 1 mg/mL × 100 mL from 50 mg tablets: 2 tablets, 100 mg naltrexone HCl.
    assert "100 mL" in text and "1 mg/mL" in text and "2 tablets" in text.replace("\n", " ")
