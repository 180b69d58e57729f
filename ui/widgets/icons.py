"""The app's own SVG icons from resources/icons, loaded once and drawn at any size."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon, QPixmap

from ldn_desk.reference.files import resource_path

# What an Alert level (ldn_desk.recipes.dose_range.Level values) looks like: icon and the word said with it.
LEVEL_ICONS = {"note": "info", "caution": "caution", "warning": "warning"}


def icon_path(name: str) -> str:
    return str(resource_path("icons", f"{name}.svg"))


@cache
def icon(name: str) -> QIcon:
    return QIcon(icon_path(name))


def pixmap(name: str, size: int = 18) -> QPixmap:
    return icon(name).pixmap(QSize(size, size))
