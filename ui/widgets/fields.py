"""Input fields that read what a person types with the core's strict parser, and say why not.

A field holds a value only while its text parses. A refused entry is marked at the field with
an icon and the parser's own message in words; callers never get a value for it. A refusal is
worded with the field's label and the text exactly as typed, whether the parser or a later check
of the core (a range, a combination) refused it.

The words stand below the field once one leaves it: while one types, the mark (border, icon in
the entry) changes, but the message row keeps its place, so the fields below never jump.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtGui import QAction, QFocusEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from ui.i18n import shown_language, translate
from ui.widgets.icons import icon, pixmap

Parser = Callable[[str], Any]

_INVALID_STYLE = "QLineEdit { border: 2px solid #b3261e; border-radius: 3px; padding: 1px 3px; }"
_WARNING_STYLE = "QLineEdit { border: 2px solid #b26a00; border-radius: 3px; padding: 1px 3px; }"


class ParsedField(QWidget):
    """A line edit plus a message row; `value()` is the parsed value, or None when refused."""

    value_changed = Signal()

    def __init__(
        self,
        field: str,
        parser: Parser,
        default: str = "",
        *,
        placeholder: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.field = field
        self.label = field  # as the form's label names it (set_label); the refusals use it
        self._parser = parser
        self._value: Any = None
        self._error: str | None = None
        self._refusal: str | None = None  # the core refused the value this field gave
        self._warning: str | None = None  # the core took the value, with a warning about it
        self._checked = False
        self.picker: QWidget | None = None  # a date field's calendar button
        self.required_note = ""  # "required" once a form marks the field required
        self.edit = _Entry(default)
        self.edit.focus_left.connect(self._place_message)
        self._mark = QAction(icon("error"), "", self.edit)
        self._warning_mark = QAction(icon("warning"), "", self.edit)
        self.edit.setPlaceholderText(placeholder)
        self.edit.setAccessibleName(field)
        self.edit.setClearButtonEnabled(False)
        self._icon = QLabel()
        self._icon.setPixmap(pixmap("error", 16))
        self._icon.setFixedWidth(18)
        self._icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self._message = QLabel()
        self._message.setWordWrap(True)
        self._message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._message_row = QWidget()
        row = QHBoxLayout(self._message_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        row.addWidget(self._icon)
        row.addWidget(self._message, 1)
        self._message_row.setVisible(False)
        self._entry_row = QHBoxLayout()
        self._entry_row.setContentsMargins(0, 0, 0, 0)
        self._entry_row.setSpacing(4)
        self._entry_row.addWidget(self.edit, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(self._entry_row)
        layout.addWidget(self._message_row)
        self.edit.textChanged.connect(self._on_text_changed)

    # The first parse imports the core (pint); the window asks for it after it is shown.
    def check(self) -> None:
        """Parse the current text now and show or clear the message."""
        self._checked = True
        text = self.edit.text()
        from ldn_desk.errors import LdnDeskError

        try:
            value = self._parser(text)
        except LdnDeskError as error:
            self._set_state(None, self.worded(error))
        else:
            self._set_state(value, None)

    def add_beside(self, widget: QWidget) -> None:
        """A button or note on the entry's line, after it (a date field's calendar)."""
        self._entry_row.addWidget(widget)

    def set_label(self, label: str) -> None:
        """The field's name as its form label shows it ("Assay (potency)"), for its refusals."""
        self.label = label.strip().rstrip(":").strip() or self.field
        self.edit.setAccessibleName(self.label)
        self.name_picker()
        if self._checked:
            self.check()

    def name_picker(self) -> None:
        """A date field's calendar button is named after the field as a screen reader names it,
        in the app's language ("Start date: pick from a calendar")."""
        if self.picker is not None:
            name = self.edit.accessibleName() or self.label
            self.picker.setAccessibleName(translate("{field}: pick from a calendar").format(field=name))

    def worded(self, error: Exception) -> str:
        """A refusal in this field's words: its label, exactly what was typed, what is wrong."""
        from ldn_desk.desk import Desk
        from ldn_desk.errors import InputError

        typed = self.edit.text()
        language = shown_language()
        if isinstance(error, InputError):
            return Desk.say_refusal(self.label, typed, error.problem, error.example, language)
        return Desk.say_refusal(self.label, typed, str(error), "", language)

    def set_refusal(self, message: str | None) -> None:
        """Mark the field with a refusal of the core (a range, a combination) or clear it; the
        value is still read, so changing another field can lift the refusal."""
        if message != self._refusal:
            self._refusal = message
            self._show()

    def refusal(self) -> str | None:
        return self._refusal

    def set_marks(self, refusal: str | None, warning: str | None) -> None:
        """The refusal and the warning at once, the field marked again only when either changed."""
        if (refusal, warning) != (self._refusal, self._warning):
            self._refusal, self._warning = refusal, warning
            self._show()

    def set_warning(self, message: str | None) -> None:
        """Mark the field with a warning of the core about its value (read and used) or clear it."""
        if message != self._warning:
            self._warning = message
            self._show()

    def warning(self) -> str | None:
        return self._warning

    def _on_text_changed(self, _text: str) -> None:
        self._refusal = self._warning = None  # they were of the text that stood here
        if self._checked:
            self.check()
        else:
            self._show()
        self.value_changed.emit()

    def _set_state(self, value: Any, error: str | None) -> None:
        self._value = value
        self._error = error
        self._show()

    def _show(self) -> None:
        problem = self._error or self._refusal
        words, style, mark = "", "", None
        if self._error:
            words, style, mark = f"Not read — {self._error}", _INVALID_STYLE, self._mark
        elif self._refusal:
            words, style, mark = f"Refused — {self._refusal}", _INVALID_STYLE, self._mark
        elif self._warning:
            words, style, mark = f"Warning — {self._warning}", _WARNING_STYLE, self._warning_mark
        said = problem or self._warning or ""
        self._message.setText(words)
        self._icon.setPixmap(pixmap("warning" if mark is self._warning_mark else "error", 16))
        self.edit.setStyleSheet(style)
        self.edit.setAccessibleDescription(said or self.required_note)
        self.edit.setToolTip(said)
        actions = self.edit.actions()
        for action in (self._mark, self._warning_mark):
            action.setToolTip(said)
            if action is mark and action not in actions:
                self.edit.addAction(action, QLineEdit.ActionPosition.TrailingPosition)
            elif action is not mark and action in actions:
                self.edit.removeAction(action)
        self._place_message()

    def refresh_description(self) -> None:
        """Say again what the field is and what is wrong with it (after it is marked required)."""
        self._show()

    def _place_message(self) -> None:
        """Show or hide the words below the field, but not while one types in it."""
        if not self.edit.hasFocus():
            self._message_row.setVisible(bool(self._message.text()))

    def value(self) -> Any:
        if not self._checked:
            self.check()
        return self._value

    def is_valid(self) -> bool:
        """True when the text was read (an optional field left empty is valid, value None)."""
        return self.error() is None

    def known_error(self) -> str | None:
        """The refusal of the text as last read, without reading it (None before the first read)."""
        return self._error if self._checked else None

    def error(self) -> str | None:
        if not self._checked:
            self.check()
        return self._error

    def text(self) -> str:
        return self.edit.text()

    def set_text(self, text: str) -> None:
        self.edit.setText(text)

    def set_parser(self, parser: Parser) -> None:
        """Swap the reading rule (e.g. decimal comma turned on) and re-read the text."""
        self._parser = parser
        if self._checked:
            self.check()
        self.value_changed.emit()


class _Entry(QLineEdit):
    """A line edit that says when the focus leaves it (the field then places its message)."""

    focus_left = Signal()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.focus_left.emit()


class QuantityField(ParsedField):
    """An amount with a unit of one kind (`Kind` name: 'MASS', 'VOLUME', 'CONCENTRATION', …)."""

    def __init__(
        self,
        field: str,
        kind: str,
        default: str = "",
        *,
        allow_zero: bool = False,
        optional: bool = False,
        decimal_comma: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        self.kind_name = kind
        self.allow_zero = allow_zero
        self.optional = optional
        self.field = field
        super().__init__(field, self._make_parser(decimal_comma), default, parent=parent)
        hint = translate("e.g. {example}").format(example=_EXAMPLES[kind]) if kind in _EXAMPLES else ""
        self.edit.setPlaceholderText(translate("{hint} (optional)").format(hint=hint) if optional else hint)

    def _make_parser(self, decimal_comma: bool) -> Parser:
        field, kind_name, allow_zero, optional = self.field, self.kind_name, self.allow_zero, self.optional

        def parse(text: str) -> Any:
            if optional and not text.strip():
                return None  # not given: valid, and the caller leaves the option out
            from ldn_desk.units.quantity import Kind, ParseOptions, parse_quantity

            options = ParseOptions(decimal_comma=decimal_comma)
            return parse_quantity(text, Kind[kind_name], field, allow_zero=allow_zero, options=options)

        return parse

    def set_decimal_comma(self, decimal_comma: bool) -> None:
        self.set_parser(self._make_parser(decimal_comma))


_EXAMPLES = {  # as the core reads them, in every language
    "MASS": "4.5 mg",
    "VOLUME": "100 mL",
    "CONCENTRATION": "1 mg/mL",
    "DENSITY": "0.3 g/mL",
    "DURATION": "14 days",
    "PERCENT": "99.5 %",
}


def count_field(
    field: str, default: str, *, minimum: int = 1, maximum: int = 10_000, example: str = "30"
) -> ParsedField:
    """A whole number of things (capsules, days) read with the core's `parse_count`."""

    def parse(text: str) -> int:
        from ldn_desk.units.quantity import parse_count

        return parse_count(text, field, minimum=minimum, maximum=maximum, example=example)

    widget = ParsedField(
        field, parse, default, placeholder=translate("e.g. {example}").format(example=example)
    )
    return widget


def date_field(field: str, default: str) -> ParsedField:
    """An ISO date (2026-12-01) read with the core's `parse_date`; nothing else is guessed."""

    def parse(text: str) -> Any:
        from ldn_desk.units.dates import parse_date

        return parse_date(text, field)

    widget = ParsedField(
        field, parse, default, placeholder=translate("e.g. {example}").format(example="2026-12-01")
    )
    add_date_picker(widget)
    return widget


class DatePicker(QToolButton):
    """A calendar beside a date field: it opens on the field's date and writes the date picked
    as year-month-day, the one form every date field reads."""

    def __init__(self, field: ParsedField) -> None:
        super().__init__()
        self.field = field
        self.setText("…")
        self.setToolTip(translate("Pick the date from a calendar"))
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        # Month and weekday names in the app's language; the field still reads year-month-day.
        self.calendar.setLocale(QLocale(shown_language()))
        self.calendar.clicked.connect(self.picked)
        self.calendar.activated.connect(self.picked)
        menu = QMenu(self)
        holder = QWidgetAction(menu)
        holder.setDefaultWidget(self.calendar)
        menu.addAction(holder)
        menu.aboutToShow.connect(self.opening)
        self.setMenu(menu)

    def opening(self) -> None:
        value = self.field.value()
        day = value if isinstance(value, dt.date) else dt.date.today()
        self.calendar.setSelectedDate(QDate(day.year, day.month, day.day))

    def picked(self, date: QDate) -> None:
        self.field.set_text(dt.date(date.year(), date.month(), date.day()).isoformat())
        menu = self.menu()
        if menu is not None:
            menu.hide()
        self.field.edit.setFocus()


def add_date_picker(field: ParsedField) -> DatePicker:
    picker = DatePicker(field)
    field.add_beside(picker)
    field.picker = picker
    field.name_picker()
    return picker
