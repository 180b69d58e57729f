"""What the Log page shows when the log file cannot be used: what is wrong, and the ways on."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.i18n import translate
from ui.widgets.icons import pixmap


class LogProblem(QWidget):
    """What is wrong with the log file, in words, and the two ways on; the file is not touched."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        icon = QLabel()
        icon.setPixmap(pixmap("warning", 32))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.title = QLabel()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.new_button = QPushButton(translate("Start a new log"))
        self.restore_button = QPushButton(translate("Restore a backup…"))
        self.retry_button = QPushButton(translate("Try again"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.retry_button)
        buttons.addStretch(1)
        words = QVBoxLayout()
        words.addWidget(self.title)
        words.addWidget(self.text)
        words.addSpacing(8)
        words.addLayout(buttons)
        words.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.setSpacing(16)
        layout.addWidget(icon)
        layout.addLayout(words, 1)

    def show_problem(self, title: str, text: str) -> None:
        self.title.setText(title)
        self.text.setText(text)


def problem_title(error: Exception) -> str:
    from ldn_desk.desk.log import DamagedLogError, ForeignFileError, NewerLogError

    if isinstance(error, DamagedLogError):
        return translate("The compounding log is damaged")
    if isinstance(error, ForeignFileError):
        return translate("The log file is not an LDN Desk log")
    if isinstance(error, NewerLogError):
        return translate("The log was written by a newer LDN Desk")
    return translate("The compounding log cannot be opened")
