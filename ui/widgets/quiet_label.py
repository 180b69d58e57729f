"""A message line that takes no room while it has nothing to say (no blank strip in a dialog)."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel, QWidget


class QuietLabel(QLabel):
    """Wrapped words, hidden while empty and shown when given text. A label not yet in a layout
    is left alone (shown without a parent it would be a window of its own): it hides or shows
    itself when it is put in one."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)
        self._sync()

    def setText(self, text: str) -> None:
        super().setText(text)
        self._sync()

    def clear(self) -> None:
        super().clear()
        self._sync()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.ParentChange:
            self._sync()

    def _sync(self) -> None:
        if self.parentWidget() is not None and self.isHidden() == bool(self.text()):
            self.setVisible(bool(self.text()))
