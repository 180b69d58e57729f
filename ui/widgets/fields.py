"""Input fields that read what a person types with the core's strict parser, and say why not.

A field holds a value only while its text parses. A refused entry is marked at the field with
an icon and the parser's own message in words; callers never get a value for it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from ui.widgets.icons import pixmap

Parser = Callable[[str], Any]

_INVALID_STYLE = "QLineEdit { border: 2px solid #b3261e; border-radius: 3px; padding: 1px 3px; }"


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
        self._parser = parser
        self._value: Any = None
        self._error: str | None = None
        self._checked = False
        self.edit = QLineEdit(default)
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
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
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
            self._set_state(None, str(error))
        else:
            self._set_state(value, None)

    def _on_text_changed(self, _text: str) -> None:
        if self._checked:
            self.check()
        self.value_changed.emit()

    def _set_state(self, value: Any, error: str | None) -> None:
        self._value = value
        self._error = error
        self._message_row.setVisible(error is not None)
        self._message.setText(f"Not read — {error}" if error else "")
        self.edit.setStyleSheet(_INVALID_STYLE if error else "")
        self.edit.setAccessibleDescription(error or "")
        self.edit.setToolTip(error or "")

    def value(self) -> Any:
        if not self._checked:
            self.check()
        return self._value

    def is_valid(self) -> bool:
        """True when the text was read (an optional field left empty is valid, value None)."""
        return self.error() is None

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
        hint = _EXAMPLES.get(kind, "")
        self.edit.setPlaceholderText(f"{hint} (optional)" if optional else hint)

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


_EXAMPLES = {
    "MASS": "e.g. 4.5 mg",
    "VOLUME": "e.g. 100 mL",
    "CONCENTRATION": "e.g. 1 mg/mL",
    "DENSITY": "e.g. 0.3 g/mL",
    "DURATION": "e.g. 14 days",
    "PERCENT": "e.g. 99.5 %",
}


def count_field(
    field: str, default: str, *, minimum: int = 1, maximum: int = 10_000, example: str = "30"
) -> ParsedField:
    """A whole number of things (capsules, days) read with the core's `parse_count`."""

    def parse(text: str) -> int:
        from ldn_desk.units.quantity import parse_count

        return parse_count(text, field, minimum=minimum, maximum=maximum, example=example)

    widget = ParsedField(field, parse, default, placeholder=f"e.g. {example}")
    return widget


def date_field(field: str, default: str) -> ParsedField:
    """An ISO date (2026-12-01) read with the core's `parse_date`; nothing else is guessed."""

    def parse(text: str) -> Any:
        from ldn_desk.units.dates import parse_date

        return parse_date(text, field)

    return ParsedField(field, parse, default, placeholder="e.g. 2026-12-01")
