"""Windows and dialogs sized to the screen they open on: never taller or wider than it, never
so small that a dialog's title or fields are cut."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QWidget

# What a window manager's title bar and frame take, beside the room the title itself needs.
_TITLE_BAR_EXTRA = 140
_FRAME = QSize(16, 48)


def available(widget: QWidget) -> QRect:
    """The room on the screen the widget opens on (its parent's, else the primary screen)."""
    screen = widget.screen()
    if screen is None:
        parent = widget.parentWidget()
        screen = parent.screen() if parent is not None else None
    if screen is None:
        from PySide6.QtGui import QGuiApplication

        screen = QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1280, 720)


def room(widget: QWidget) -> QSize:
    """The largest client size that fits on the screen with the window's frame around it."""
    area = available(widget).size()
    return QSize(max(area.width() - _FRAME.width(), 320), max(area.height() - _FRAME.height(), 240))


def fit_window(widget: QWidget, width: int, height: int) -> None:
    """Open at the wanted size, or as much of it as the screen allows, placed on the screen."""
    most = room(widget)
    widget.resize(min(width, most.width()), min(height, most.height()))
    keep_on_screen(widget)


def keep_on_screen(widget: QWidget) -> None:
    """Shrink and move a (restored) window so all of it, frame included, is on its screen."""
    area = available(widget)
    most = room(widget)
    if widget.width() > most.width() or widget.height() > most.height():
        widget.resize(min(widget.width(), most.width()), min(widget.height(), most.height()))
    frame = widget.frameGeometry()
    x = min(max(frame.x(), area.x()), area.right() + 1 - frame.width())
    y = min(max(frame.y(), area.y()), area.bottom() + 1 - frame.height())
    if (x, y) != (frame.x(), frame.y()):
        widget.move(max(x, area.x()), max(y, area.y()))


def fit_dialog(dialog: QWidget, width: int = 0, height: int = 0) -> None:
    """Make a built dialog ready to open: its fields and buttons named for screen readers, Tab
    in the order its layout shows them, and a size wide enough for its title and as big as its
    fields ask (or the wanted size, if larger), capped to the screen (the dialog scrolls or
    wraps within)."""
    from ui.widgets.accessible import name_widgets
    from ui.widgets.focus import chain, in_reading_order

    name_widgets(dialog)
    chain(list(in_reading_order(dialog)))
    hint = dialog.sizeHint().expandedTo(dialog.minimumSizeHint())
    title = dialog.fontMetrics().horizontalAdvance(dialog.windowTitle()) + _TITLE_BAR_EXTRA
    wanted = QSize(max(width, hint.width(), title), max(height, hint.height()))
    most = room(dialog)
    dialog.resize(min(wanted.width(), most.width()), min(wanted.height(), most.height()))
