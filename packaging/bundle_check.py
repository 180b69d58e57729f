"""`ldn-desk --check-bundle IN.pdf OUT.pdf`: does a standalone build's PDF preview and printing work?

Only the standalone program has this check (the source run has its Python to ask). It opens IN.pdf
in the app's preview dialog (Qt's PDF module), prints it with the app's own print path to OUT.pdf
through Qt's print support, and prints one JSON line: the pages previewed and printed.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main(arguments: list[str]) -> int:
    if len(arguments) != 2:
        print("ldn-desk: --check-bundle needs a PDF to preview and a PDF to print to, "
              "e.g. --check-bundle handout.pdf printed.pdf", file=sys.stderr)  # fmt: skip
        return 2
    source, target = (Path(argument) for argument in arguments)
    from PySide6.QtPrintSupport import QPrinter

    from ui.app import make_application
    from ui.widgets.preview import PreviewDialog, make_printer, render_to_printer

    app = make_application()
    dialog = PreviewDialog(source.read_bytes(), source.name)
    dialog.show()
    app.processEvents()
    printer = make_printer("A4")
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(target))
    printed = render_to_printer(dialog.pdf, printer)
    previewed = dialog.pdf.page_count if dialog.pdf.ok else 0  # before closing: closing frees the PDF
    dialog.close()
    report = {"previewed_pages": previewed, "printed_pages": printed}
    print(json.dumps(report))
    return 0 if printed and report["previewed_pages"] == printed else 1
