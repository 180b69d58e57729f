"""Starts the desktop app: the frame first (menus, page list, a status line saying the engines
load), painted before anything else loads; then the core's engines and the page on screen with
its first results; then the other pages. ReportLab loads with the first document.

With LDN_DESK_STARTUP_MARKS set, each of those moments is printed to stderr as
`startup-mark NAME SECONDS` (time.monotonic()), for benchmarks/bench_startup.py."""

from __future__ import annotations

import gc
import os
import sys
import time
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
    from ui.i18n import install_translators

    install_translators(app)  # before any window: its words are translated as it is built
    return app


def mark(name: str) -> None:
    """Note a moment of the start-up for the benchmark (only when LDN_DESK_STARTUP_MARKS is set)."""
    if os.environ.get("LDN_DESK_STARTUP_MARKS"):
        print(f"startup-mark {name} {time.monotonic():.6f}", file=sys.stderr, flush=True)


def main(smoke: bool = False) -> int:
    """Open the main window. With `smoke`, show it, build every page, paint their first results,
    print one line saying so and return 0 (1, with the reason, when a page shows none)."""
    gc.disable()  # until the page on screen is built: see first_page
    app = make_application()
    from ui.main_window import MainWindow

    window = MainWindow()
    window.show()
    app.processEvents()  # the frame is painted before the engines load
    mark("frame")
    if smoke:
        return smoke_check(app, window)
    # The page on screen on the next turn of the event loop, the other pages on the one after
    # its first results are painted; what can wait (the document engine) a moment later.
    QTimer.singleShot(0, lambda: _first_then_others(window))
    QTimer.singleShot(AFTER_START_MS, window, window.after_start)
    return app.exec()


def first_page(window: MainWindow) -> None:
    """Build the page on screen (MainWindow.start_first_page) with Python's cyclic garbage
    collector paused since main() began, then freeze what start-up made and collect again.

    Start-up makes some 70,000 objects, nearly all lasting as long as the app (modules, classes,
    Qt's enums, the widgets' wrappers): on the way to the first results the collector ran about
    90 times over them (15 to 20 ms) and found a few hundred objects of garbage in all. Frozen
    (gc.freeze), they are left out of later collections; any of them is still freed as soon as
    nothing refers to it, only a cycle among them would be kept."""
    try:
        window.start_first_page()
    finally:
        gc.freeze()
        gc.enable()


def _first_then_others(window: MainWindow) -> None:
    first_page(window)
    QTimer.singleShot(0, window.start_pages)


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
    first_page(window)
    app.processEvents()  # the page on screen, its table painted with its first results
    mark("first-page")
    window.start_pages()
    app.processEvents()
    mark("pages")
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
