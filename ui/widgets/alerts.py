"""A list of messages that stand next to results: an icon and words for each, never colour alone."""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ui.widgets.icons import LEVEL_ICONS, LEVEL_WORDS, pixmap
from ui.widgets.text import safe_html


def level_name(alert: Any) -> str:
    """The level word of a core Alert ('note', 'caution', 'warning'); strings pass through."""
    level = getattr(alert, "level", alert)
    return str(getattr(level, "value", level)).lower()


_ORDER = {"warning": 0, "caution": 1, "note": 2}  # most severe first


class AlertRow(QWidget):
    """One message: icon, the level in words, then the text (wrapped, selectable)."""

    def __init__(self, icon_name: str, word: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.word = word
        self.text = text
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.setSpacing(8)
        image = QLabel()
        image.setPixmap(pixmap(icon_name, 18))
        image.setAlignment(Qt.AlignmentFlag.AlignTop)
        image.setFixedWidth(20)
        label = QLabel(f"<b>{html.escape(word)}:</b> {safe_html(text)}")
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setAccessibleName(f"{word}: {text}")
        layout.addWidget(image)
        layout.addWidget(label, 1)
        self.label = label


class AlertList(QWidget):
    """Shows core Alerts (and refusals) in order of severity, hidden when there are none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        self.rows: list[AlertRow] = []
        self.setVisible(False)

    def clear(self) -> None:
        for row in self.rows:
            # Hide at once: deleteLater waits for the event loop, and a stale row must not linger.
            row.hide()
            self._layout.removeWidget(row)
            row.deleteLater()
        self.rows = []
        self.setVisible(False)

    def set_alerts(self, alerts: Iterable[Any]) -> None:
        """Core Alerts, or (level, text) pairs; duplicates are shown once."""
        self.clear()
        seen: set[tuple[str, str]] = set()
        items: list[tuple[str, str]] = []
        for alert in alerts:
            level, text = (
                (alert[0], alert[1]) if isinstance(alert, tuple) else (level_name(alert), str(alert))
            )
            key = (str(level).lower(), str(text))
            if key not in seen:
                seen.add(key)
                items.append(key)
        items.sort(key=lambda item: _ORDER.get(item[0], 3))
        for level, text in items:
            self.add(LEVEL_ICONS.get(level, "info"), LEVEL_WORDS.get(level, "Note"), text)

    def set_error(self, text: str, word: str = "Not calculated") -> None:
        self.clear()
        self.add("error", word, text)

    def add(self, icon_name: str, word: str, text: str) -> None:
        row = AlertRow(icon_name, word, text, self)
        self._layout.addWidget(row)
        self.rows.append(row)
        self.setVisible(True)

    def texts(self) -> list[str]:
        return [f"{row.word}: {row.text}" for row in self.rows]
