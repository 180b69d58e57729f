"""Starts the desktop app: the window first, the core (pint, ReportLab) just after it is shown."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from ui.settings.window_state import APPLICATION, ORGANIZATION

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def make_application() -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName(APPLICATION)
    from ui.i18n import install_translators

    install_translators(app)  # before any window: its words are translated as it is built
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
    # The pages' engines load on the first turn of the event loop, after the window is up.
    QTimer.singleShot(0, window.start_pages)
    return app.exec()


def smoke_check(app: QApplication, window: MainWindow) -> int:
    """What a person waits for at start-up, once: the frame, every page built, first results painted."""
    app.processEvents()
    window.start_pages()
    current = window.stack.currentIndex()
    for page in window.pages:  # each page painted once, as a person switching to it would see it
        window.stack.setCurrentWidget(page)
        app.processEvents()
    window.show_page(current)
    app.processEvents()
    window.hide()  # not close(): a check run must not overwrite the user's saved window state
    # Every job page shows a result for its defaults; the Log page lists what is saved (maybe nothing).
    missing = [page.title for page in window.pages[:3] if not page.results.has_result]
    if missing:
        print(f"ldn-desk: smoke check: no first result on {', '.join(missing)}", file=sys.stderr)
        return 1
    print(f"ldn-desk: smoke check: {len(window.pages)} pages built, first results shown")
    return 0
