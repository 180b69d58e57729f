"""Keyboard order: Tab follows what the eye reads (each form top to bottom, then the results,
then the window's action bar), worked out from the layouts rather than the order of creation."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLayout, QScrollArea, QSplitter, QStackedWidget, QWidget


def _takes_tab(widget: QWidget) -> bool:
    return bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)


def _in_layout(layout: QLayout) -> Iterator[QWidget]:
    for index in range(layout.count()):
        item = layout.itemAt(index)
        if item is None:
            continue
        widget, inner = item.widget(), item.layout()
        if widget is not None:
            yield from in_reading_order(widget)
        elif inner is not None:
            yield from _in_layout(inner)


def in_reading_order(widget: QWidget) -> Iterator[QWidget]:
    """The widgets under `widget` that Tab stops at, in the order their layouts show them
    (a form layout lists its rows top to bottom, each label before its field)."""
    if _takes_tab(widget) and not isinstance(widget, (QScrollArea, QStackedWidget)):
        yield widget  # an input, a button, a table: Tab stops here and goes no deeper
        return
    if isinstance(widget, QScrollArea):
        inner = widget.widget()
        if inner is not None:
            yield from in_reading_order(inner)
        return
    if isinstance(widget, (QSplitter, QStackedWidget)):
        for index in range(widget.count()):
            child = widget.widget(index)
            if child is not None:
                yield from in_reading_order(child)
        return
    layout = widget.layout()
    if layout is not None:
        yield from _in_layout(layout)


def chain(widgets: list[QWidget]) -> None:
    """Tab goes from each widget to the next; Qt skips those hidden or disabled at the time."""
    for first, second in pairwise(widgets):
        QWidget.setTabOrder(first, second)


def first_field(widget: QWidget) -> QWidget | None:
    """Where a person starts typing on a page: its first shown, enabled stop."""
    for candidate in in_reading_order(widget):
        if candidate.isVisibleTo(widget) and candidate.isEnabled():
            return candidate
    return None
