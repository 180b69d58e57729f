"""Views given a viewport made by the app: the same as the one Qt makes, seen and read alike."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListView, QTableView, QWidget

from ui.widgets.views import own_viewport


def _described(view: Any) -> dict[str, object]:
    viewport: QWidget = view.viewport()
    return {
        "name": viewport.objectName(),
        "background": viewport.backgroundRole(),
        "foreground": viewport.foregroundRole(),
        "filled": viewport.autoFillBackground(),
        "colour": viewport.palette().color(viewport.backgroundRole()).name(),
        "parent is the view": viewport.parentWidget() is view,
        "focus goes to the view": viewport.focusProxy() is view,
        "mouse tracking": viewport.hasMouseTracking(),
        "geometry": viewport.geometry().getRect(),
        "visible": viewport.isVisible(),
        "attributes": [a.name for a in Qt.WidgetAttribute if viewport.testAttribute(a)],
    }


@pytest.mark.parametrize("kind", [QTableView, QListView])
def test_own_viewport_is_set_up_as_qt_sets_up_its_own(qtbot: Any, kind: Any) -> None:
    made_by_qt, made_here = kind(), kind()
    own_viewport(made_here)
    for view in (made_by_qt, made_here):
        qtbot.addWidget(view)
        view.resize(300, 200)
        view.show()
    qtbot.waitExposed(made_here)
    assert made_here.viewport().objectName() == "qt_scrollarea_viewport"
    assert _described(made_here) == _described(made_by_qt)
