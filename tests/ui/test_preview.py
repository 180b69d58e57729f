"""Preview of a PDF in the app, printing through a (stand-in) system dialog, and Save as PDF."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog

import ui.widgets.preview as preview


def two_page_pdf() -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    for number in (1, 2):
        pdf.drawString(72, 720, f"Page {number}: 1.5 mg daily at bedtime")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def test_preview_shows_every_page(qtbot: Any) -> None:
    data = two_page_pdf()
    dialog = preview.PreviewDialog(data, "Patient handout")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.pdf.ok and dialog.pdf.page_count == 2
    assert dialog.view.document() is dialog.pdf.document


def test_preview_refuses_bytes_that_are_not_a_pdf() -> None:
    with pytest.raises(ValueError):
        preview.PdfBytes(b"hello")


class AcceptingDialog:
    """Stands in for QPrintDialog: the person presses Print without changing anything."""

    shown = 0

    def __init__(self, printer: QPrinter, parent: Any = None) -> None:
        self.printer = printer

    def setWindowTitle(self, title: str) -> None:
        self.title = title

    def exec(self) -> QDialog.DialogCode:
        AcceptingDialog.shown += 1
        return QDialog.DialogCode.Accepted


class CancellingDialog(AcceptingDialog):
    def exec(self) -> QDialog.DialogCode:
        return QDialog.DialogCode.Rejected


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def test_print_renders_every_page_onto_the_printer(qtbot: Any, tmp_path: Path, monkeypatch: Any) -> None:
    from pypdf import PdfReader

    monkeypatch.setattr(preview, "QPrintDialog", AcceptingDialog)
    out = tmp_path / "printed.pdf"
    printed = preview.print_pdf(two_page_pdf(), "Patient handout", printer=pdf_printer(out))
    assert printed == 2
    assert out.read_bytes().startswith(b"%PDF")
    assert len(PdfReader(out).pages) == 2


def test_cancelled_print_prints_nothing(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.setattr(preview, "QPrintDialog", CancellingDialog)
    out = tmp_path / "printed.pdf"
    assert preview.print_pdf(two_page_pdf(), "Label", printer=pdf_printer(out)) == 0
    assert not out.exists()


def test_save_as_pdf_writes_the_same_bytes(tmp_path: Path, monkeypatch: Any) -> None:
    data = two_page_pdf()
    target = tmp_path / "handout"
    monkeypatch.setattr(
        preview.QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), "PDF (*.pdf)")
    )
    saved = preview.save_pdf(data, "Patient handout")
    assert saved == tmp_path / "handout.pdf"
    assert saved.read_bytes() == data


def test_save_cancelled_writes_nothing(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.setattr(preview.QFileDialog, "getSaveFileName", lambda *args, **kwargs: ("", ""))
    assert preview.save_pdf(two_page_pdf(), "Patient handout") is None
    assert list(tmp_path.iterdir()) == [tmp_path / "config"]


def test_preview_dialog_print_and_save_buttons(qtbot: Any, tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.setattr(preview, "QPrintDialog", AcceptingDialog)
    monkeypatch.setattr(preview, "make_printer", lambda paper_size="A4": pdf_printer(tmp_path / "p.pdf"))
    monkeypatch.setattr(
        preview.QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(tmp_path / "s.pdf"), "")
    )
    dialog = preview.PreviewDialog(two_page_pdf(), "Compounding record")
    qtbot.addWidget(dialog)
    assert dialog.print_document() == 2
    assert dialog.save_document() == tmp_path / "s.pdf"


def test_save_as_pdf_proposes_the_patient_the_document_and_the_date(
    window: Any, tmp_path: Path, monkeypatch: Any, messages: list[str]
) -> None:
    import datetime as dt

    from PySide6.QtCore import QStandardPaths

    proposed: list[str] = []
    folder = tmp_path / "pdfs"
    folder.mkdir()

    def ask(_parent: Any, _title: str, path: str, _filter: str) -> tuple[str, str]:
        proposed.append(path)
        return str(folder / Path(path).name), "PDF (*.pdf)"

    monkeypatch.setattr(preview.QFileDialog, "getSaveFileName", ask)
    window.pages[0].handout_fields.patient.setText("José Müller")
    window.save_pdf_action.trigger()
    today = dt.date.today().isoformat()
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    assert Path(proposed[0]) == Path(documents) / f"José-Müller-patient-handout-{today}.pdf"
    saved = folder / f"José-Müller-patient-handout-{today}.pdf"
    assert saved.read_bytes().startswith(b"%PDF")
    assert str(saved) in window.statusBar().currentMessage()  # says where it saved
    # The folder is remembered for the next document.
    window.save_pdf_action.trigger()
    assert Path(proposed[1]).parent == folder
    assert preview.suggested_file_name("Compounding record", "", dt.date(2026, 12, 1)) == (
        "compounding-record-2026-12-01.pdf"
    )
    assert not messages
