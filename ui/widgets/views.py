"""Item views whose viewport the app makes itself, the same as the one Qt would make."""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractItemView, QWidget


def own_viewport(view: QAbstractItemView) -> None:
    """Give `view` a viewport made here, set up as Qt sets up its own (its name, the Base colour
    role, a filled background), for a view whose viewport the app reads (its width, its events).

    PySide wraps a widget that Qt made by trying each widget class it knows in turn, which the
    first time loads some thirty of them and builds their enums (about 13 ms while the first page
    is built); a widget made here is wrapped already."""
    viewport = QWidget(view)
    viewport.setObjectName("qt_scrollarea_viewport")
    viewport.setBackgroundRole(QPalette.ColorRole.Base)
    viewport.setAutoFillBackground(True)
    view.setViewport(viewport)
