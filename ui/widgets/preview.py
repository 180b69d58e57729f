"""PDF preview inside the app (QtPdf), printing through the system dialog, and Save as PDF."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, QSize, QSizeF
from PySide6.QtGui import QAction, QKeySequence, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

# Printing renders each page as an image; 300 dpi is sharp for text and keeps memory modest.
_PRINT_DPI_MAX = 300


class PdfBytes:
    """A QPdfDocument read from bytes in memory (the buffer must live as long as the document)."""

    def __init__(self, data: bytes) -> None:
        if not data.startswith(b"%PDF"):
            raise ValueError("not a PDF")
        self.data = data
        self.buffer = QBuffer()
        self.buffer.setData(QByteArray(data))
        self.buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument()
        self.document.load(self.buffer)

    def close(self) -> None:
        """Let go of the document and its pages (pdfium keeps rendered pages until then)."""
        self.document.close()
        self.buffer.close()
        self.buffer.setData(QByteArray())

    @property
    def page_count(self) -> int:
        return int(self.document.pageCount())

    @property
    def ok(self) -> bool:
        return self.document.status() == QPdfDocument.Status.Ready and self.page_count > 0


def suggested_file_name(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-").lower() + ".pdf"


def save_pdf(data: bytes, name: str, parent: QWidget | None = None) -> Path | None:
    """Ask where to save (the system dialog) and write the bytes as they are."""
    path, _filter = QFileDialog.getSaveFileName(
        parent, f"Save {name} as PDF", suggested_file_name(name), "PDF (*.pdf)"
    )
    if not path:
        return None
    target = Path(path)
    if target.suffix.lower() != ".pdf":
        target = target.with_suffix(".pdf")
    from ldn_desk.private_file import write_private

    try:
        write_private(target, data)  # whole or not at all, owner-only, never through a link
    except OSError as error:
        QMessageBox.warning(parent, "Not saved", f"Could not save {target}: {error.strerror or error}")
        return None
    return target


def render_to_printer(pdf: PdfBytes, printer: QPrinter) -> int:
    """Draw every page onto the printer, scaled to fit the printable area; returns pages printed."""
    dpi = min(printer.resolution(), _PRINT_DPI_MAX)
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    printed = 0
    try:
        for index in range(pdf.page_count):
            if index:
                printer.newPage()
            points: QSizeF = pdf.document.pagePointSize(index)
            pixels = QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi))
            image = pdf.document.render(index, pixels)
            area = QRectF(printer.pageLayout().paintRectPixels(printer.resolution()))
            area.moveTo(QPointF(0, 0))
            scale = min(area.width() / image.width(), area.height() / image.height())
            target = QRectF(0, 0, image.width() * scale, image.height() * scale)
            painter.drawImage(target, image)
            printed += 1
    finally:
        painter.end()
    return printed


def make_printer(paper_size: str = "A4") -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    size = QPageSize.PageSizeId.Letter if paper_size == "Letter" else QPageSize.PageSizeId.A4
    printer.setPageSize(QPageSize(size))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    return printer


def print_pdf(
    data: bytes,
    name: str,
    parent: QWidget | None = None,
    *,
    paper_size: str = "A4",
    printer: QPrinter | None = None,
) -> int:
    """Open the system print dialog; if accepted, print the PDF. Returns pages printed (0: none)."""
    pdf = PdfBytes(data)
    printer = printer or make_printer(paper_size)
    printer.setDocName(name)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(f"Print {name}")
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return 0
    return render_to_printer(pdf, printer)


class PreviewDialog(QDialog):
    """Shows a PDF made in memory, with Print and Save as PDF."""

    def __init__(self, data: bytes, name: str, settings: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.paper_size = settings.paper() if settings is not None else "A4"
        self.setWindowTitle(f"Preview — {name}")
        self.pdf = PdfBytes(data)
        self.view = QPdfView()
        self.view.setDocument(self.pdf.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        pages = self.pdf.page_count
        summary = QLabel(f"{name}: {pages} page" + ("" if pages == 1 else "s"))
        print_button = QPushButton("Print…")
        print_button.setToolTip("Print (Ctrl+P)")
        print_button.clicked.connect(self.print_document)
        save_button = QPushButton("Save as PDF…")
        save_button.setToolTip("Save as PDF (Ctrl+S)")
        save_button.clicked.connect(self.save_document)
        close_button = QPushButton("Close")
        close_button.clicked.connect(self.reject)
        self.print_button, self.save_button, self.close_button = print_button, save_button, close_button
        self.print_action = self._shortcut(QKeySequence.StandardKey.Print, "Ctrl+P", self.print_document)
        self.save_action = self._shortcut(QKeySequence.StandardKey.Save, "Ctrl+S", self.save_document)
        buttons = QHBoxLayout()
        buttons.addWidget(summary, 1)
        buttons.addWidget(print_button)
        buttons.addWidget(save_button)
        buttons.addWidget(close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        from ui.widgets.screen import fit_dialog, keep_on_screen

        # A page's width at a readable zoom, as tall as the screen allows, the buttons always in view.
        fit_dialog(self, 860, 900)
        keep_on_screen(self)
        # A window may keep a closed dialog's object; the PDF's memory must not stay with it.
        self.finished.connect(self.release)

    def _shortcut(self, standard: QKeySequence.StandardKey, usual: str, slot: Any) -> QAction:
        action = QAction(self)
        key = QKeySequence(standard)
        action.setShortcut(key if not key.isEmpty() else QKeySequence(usual))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def release(self) -> None:
        """Free the document and the rendered pages once the dialog is closed."""
        self.pdf.close()

    def print_document(self) -> int:
        return print_pdf(self.pdf.data, self.name, self, paper_size=self.paper_size)

    def save_document(self) -> Path | None:
        return save_pdf(self.pdf.data, self.name, self)
