"""A list of messages that stand next to results: an icon and words for each, never colour alone."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QListView,
    QSizePolicy,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from ui.i18n import core_text, translate
from ui.widgets.icons import LEVEL_ICONS, icon
from ui.widgets.text import unbroken
from ui.widgets.views import own_viewport


def level_word(level: str) -> str:
    """The word beside an alert's icon, in the app's language: never colour or icon alone."""
    words = {"note": translate("Note"), "caution": translate("Caution"), "warning": translate("Warning")}
    return words.get(level, words["note"])


def level_name(alert: Any) -> str:
    """The level word of a core Alert ('note', 'caution', 'warning'); strings pass through."""
    level = getattr(alert, "level", alert)
    return str(getattr(level, "value", level)).lower()


_ORDER = {"warning": 0, "caution": 1, "note": 2}  # most severe first


Message = tuple[str, str, str]  # icon name, level word, text

# Past this height the list scrolls, so a plan with dozens of warnings leaves room for its table.
MAX_HEIGHT_PX = 240
_ICON_PX = 18
_PAD_PX = 4  # above and below each message
AnyIndex = QModelIndex | QPersistentModelIndex


class AlertModel(QAbstractListModel):
    """The messages, one a row: '<Level>: <text>' with the level's icon."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.messages: list[Message] = []
        self.lines: list[str] = []  # each message as shown, its number kept with its unit

    def set_messages(self, messages: list[Message]) -> None:
        self.beginResetModel()
        self.messages = list(messages)
        self.lines = [unbroken(f"{word}: {text}") for _name, word, text in self.messages]
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.messages)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.messages):
            return None
        name, word, text = self.messages[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.lines[index.row()]
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{word}: {text}"
        if role == Qt.ItemDataRole.DecorationRole:
            return icon(name)
        return None


class _WrappedRows(QStyledItemDelegate):
    """Each message wrapped to the list's width, its height measured once per text and width."""

    def __init__(self, view: AlertList) -> None:
        super().__init__(view)
        self.view = view
        self._heights: dict[tuple[str, int], int] = {}

    def text_width(self) -> int:
        return max(self.view.viewport().width() - _ICON_PX - 16, 40)

    def row_height(self, text: str) -> int:
        width = self.text_width()
        height = self._heights.get((text, width))
        if height is None:
            if len(self._heights) > 4096:
                self._heights.clear()
            box = self.view.fontMetrics().boundingRect(
                QRect(0, 0, width, 100_000), Qt.TextFlag.TextWordWrap, text
            )
            height = self._heights[(text, width)] = max(box.height(), _ICON_PX) + 2 * _PAD_PX
        return height

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        # The view asks for every row when the messages change: read the line from the model's
        # list, not through Qt's data() call.
        lines = self.view.model_.lines
        row = index.row()
        text = lines[row] if 0 <= row < len(lines) else str(index.data())
        return QSize(self.view.viewport().width(), self.row_height(text))

    def initStyleOption(self, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        super().initStyleOption(option, index)
        option.features |= QStyleOptionViewItem.ViewItemFeature.WrapText
        option.displayAlignment = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


class AlertList(QListView):
    """Shows core Alerts (and refusals) in order of severity, hidden when there are none.

    One model and view (napari's way): each message a row with its icon and its level in words
    before the text; rows can be selected and copied (Ctrl+C). Laying out a word-wrapped label
    per message took most of a keystroke on a long plan; a view lays out only the rows in sight,
    and the same messages again change nothing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        own_viewport(self)
        self.model_ = AlertModel(self)
        self.setModel(self.model_)
        self.rows_delegate = _WrappedRows(self)
        self.setItemDelegate(self.rows_delegate)
        self.setWordWrap(True)
        self.setUniformItemSizes(False)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setIconSize(QSize(_ICON_PX, _ICON_PX))
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAccessibleName(translate("Alerts"))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.viewport().setAutoFillBackground(False)
        self.setVisible(False)

    def _show(self, messages: list[Message]) -> None:
        if messages == self.model_.messages:
            return
        self.model_.set_messages(messages)
        self.setVisible(bool(messages))
        self._fit()

    def _fit(self) -> None:
        """As tall as the messages, up to MAX_HEIGHT_PX, then it scrolls."""
        total = 2 * self.frameWidth()
        for line in self.model_.lines:
            total += self.rows_delegate.row_height(line)
            if total >= MAX_HEIGHT_PX:
                break
        self.setFixedHeight(min(total, MAX_HEIGHT_PX))

    def resizeEvent(self, event: Any) -> None:  # the text wraps again at the new width
        super().resizeEvent(event)
        self._fit()

    def keyPressEvent(self, event: Any) -> None:
        from PySide6.QtGui import QKeySequence  # built with the shortcuts, after the first page

        if event.matches(QKeySequence.StandardKey.Copy):
            rows = sorted(index.row() for index in self.selectedIndexes())
            QGuiApplication.clipboard().setText("\n".join(self.texts()[row] for row in rows))
            return
        super().keyPressEvent(event)

    def clear(self) -> None:
        self._show([])

    def set_alerts(self, alerts: Iterable[Any]) -> None:
        """Core Alerts, or (level, text) pairs; duplicates are shown once."""
        seen: set[tuple[str, str]] = set()
        items: list[tuple[str, str]] = []
        for alert in alerts:
            level, text = (
                (alert[0], alert[1]) if isinstance(alert, tuple) else (level_name(alert), str(alert))
            )
            key = (str(level).lower(), core_text(str(text)))  # the core's English, in the app's language
            if key not in seen:
                seen.add(key)
                items.append(key)
        items.sort(key=lambda item: _ORDER.get(item[0], 3))
        self._show([(LEVEL_ICONS.get(level, "info"), level_word(level), text) for level, text in items])

    def set_error(self, text: str, word: str = "") -> None:
        self._show([("error", word or translate("Not calculated"), text)])

    def add(self, icon_name: str, word: str, text: str) -> None:
        self._show([*self.model_.messages, (icon_name, word, text)])

    def texts(self) -> list[str]:
        return [f"{word}: {text}" for _icon, word, text in self.model_.messages]

    def count(self) -> int:
        """How many messages are shown."""
        return len(self.model_.messages)
