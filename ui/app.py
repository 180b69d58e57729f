"""Starts the desktop app: the window first, the core (pint, ReportLab) just after it is shown."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from ui.settings.window_state import APPLICATION, ORGANIZATION

if TYPE_CHECKING:
    from ui.main_window import MainWindow


AFTER_START_MS = 600


def make_application() -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName(APPLICATION)
    return app


def main(smoke: bool = False) -> int:
    """Open the main window. With `smoke`, show it, build every page, paint their first results,
    print one line saying so and return 0 (1, with the reason, when a page shows none)."""
    app = make_application()
    from ui.main_window import MainWindow

    window = MainWindow()
    window.show()
    if smoke:
        return smoke_check(app, window)
    # The pages' engines load on the first turn of the event loop, after the window is up; what
    # can wait (the document engine) a moment later. --smoke measures neither the second.
    QTimer.singleShot(0, window.start_pages)
    QTimer.singleShot(AFTER_START_MS, window, window.after_start)
    return app.exec()


def smoke_check(app: QApplication, window: MainWindow) -> int:
    """What a person waits for at start-up, once: the frame, every page built, first results
    painted. One line on success; on any failure one line saying what, and status 1."""
    try:
        problem = _smoke_problem(app, window)
    except Exception as error:  # a broken installation shows here, as one line, never a traceback
        problem = f"{type(error).__name__}: {error}"
    if problem:
        print(f"ldn-desk: smoke check failed: {' '.join(problem.split())}", file=sys.stderr)
        return 1
    from ldn_desk import __version__

    print(
        f"LDN Desk {__version__}: window, pages and engines OK "
        f"({len(window.pages)} pages built, first results shown)"
    )
    return 0


def _smoke_problem(app: QApplication, window: MainWindow) -> str:
    """What is wrong with this installation, or "" when nothing is."""
    app.processEvents()
    window.start_pages()
    current = window.stack.currentIndex()
    for page in window.pages:  # each page painted once, as a person switching to it would see it
        window.stack.setCurrentWidget(page)
        app.processEvents()
    window.show_page(current)
    app.processEvents()
    window.hide()  # not close(): a check run must not overwrite the user's saved window state
    # Each job page's first result runs its engine (units, recipes, plans) on the defaults; the
    # Log page lists what is saved (maybe nothing).
    missing = [
        f"{page.title} ({page.results.text()[:120]})"
        for page in window.pages[:3]
        if not page.results.has_result
    ]
    if missing:
        return f"no first result on {', '.join(missing)}"
    # The documents' engines are loaded when a document is first made; here only found, which
    # costs nothing at start-up but catches one left out of the installation.
    from importlib.util import find_spec

    absent = [
        name for name in ("reportlab", "PySide6.QtPdf", "PySide6.QtPrintSupport") if find_spec(name) is None
    ]
    if absent:
        return f"not installed: {', '.join(absent)}"
    return ""
