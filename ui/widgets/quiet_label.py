"""Lines of words sized to what they say: a message that takes no room while it has nothing to
say (no blank strip in a dialog), and a line that wraps rather than being cut."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize
from PySide6.QtGui import QResizeEvent
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


class WrappedLine(QLabel):
    """Words on one line where they fit and on two where they do not, never cut (a status bar's
    line). A wrapped QLabel asks for a narrow, tall box; this one asks for its text's width and
    the height that text takes at the width it has."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)

    def sizeHint(self) -> QSize:
        margins = self.contentsMargins()
        width = self.fontMetrics().horizontalAdvance(self.text()) + margins.left() + margins.right()
        return QSize(width, self.heightForWidth(self.width() if self.width() > 0 else width))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.heightForWidth(event.size().width()) != event.size().height():
            self.updateGeometry()  # one line or two now: the status bar takes the new height
