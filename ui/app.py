"""Starts the desktop app: the window first, the core (pint, ReportLab) just after it is shown."""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from ui.settings.window_state import APPLICATION, ORGANIZATION


def make_application() -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName(APPLICATION)
    return app


def main(smoke: bool = False) -> int:
    """Open the main window. With `smoke`, show it, process events once and return 0."""
    app = make_application()
    from ui.main_window import MainWindow

    window = MainWindow()
    window.show()
    if smoke:
        app.processEvents()
        window.hide()  # not close(): a check run must not overwrite the user's saved window state
        return 0
    # The pages' engines load on the first turn of the event loop, after the window is up.
    QTimer.singleShot(0, window.start_pages)
    return app.exec()
