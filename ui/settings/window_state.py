"""Where the app keeps its settings, and the window's size and last page (read at start-up).

Kept apart from the settings themselves so that showing the window needs nothing more.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QStandardPaths

ORGANIZATION = "LDN Desk"
APPLICATION = "LDN Desk"
LANGUAGE_KEY = "interface/language"  # the app's own language ("" or missing: the system's)


def open_store() -> QSettings:
    """An INI file in the user's config folder (tests move it with QSettings.setPath)."""
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION)


def save_window_state(geometry: QByteArray, page: int, store: QSettings | None = None) -> None:
    store = store or open_store()
    store.setValue("window/geometry", geometry)
    store.setValue("window/page", page)
    store.sync()


def load_window_state(store: QSettings | None = None) -> tuple[QByteArray | None, int]:
    store = store or open_store()
    geometry = store.value("window/geometry")
    try:
        page = int(str(store.value("window/page", 0)))
    except ValueError:
        page = 0
    return (geometry if isinstance(geometry, QByteArray) else None), page


def load_pdf_folder(store: QSettings | None = None) -> Path:
    """The folder a PDF was last saved to, else the user's documents folder."""
    store = store or open_store()
    folder = store.value("files/pdf_folder")
    if isinstance(folder, str) and folder and Path(folder).is_dir():
        return Path(folder)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents or Path.home())


def save_pdf_folder(folder: Path, store: QSettings | None = None) -> None:
    store = store or open_store()
    store.setValue("files/pdf_folder", str(folder))
    store.sync()
