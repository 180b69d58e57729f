"""Required fields of a form: marked as such, checked as the form is filled, and listed at the
button that saves or signs, so a person sees what is still missing while typing rather than one
message at a time at the end.

    required = RequiredFields(dialog.ok_button)
    required.add(dialog.patient, "Patient", form.labelForField(dialog.patient))
    layout.addWidget(required.note)            # "Still needed: Patient, Rx number"
    if not required.check_all():               # on OK: every missing field marked, nothing saved
        return

A field's label carries a " *" and "Required" in its tooltip; the entry's accessible
description says "required". A field shows its state once it is left or the form is submitted:
an empty one gets the red border (a parsed field shows its own refusal), never while it is
first being typed into.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QAbstractButton, QFormLayout, QLabel, QLineEdit, QWidget

from ui.i18n import translate
from ui.widgets.fields import ParsedField
from ui.widgets.quiet_label import QuietLabel

MARK = " *"
_EMPTY_STYLE = "QLineEdit { border: 2px solid #b3261e; border-radius: 3px; padding: 1px 3px; }"


@dataclass
class _Required:
    widget: QLineEdit | ParsedField
    name: str
    filled: Callable[[], bool]
    wanted: Callable[[], bool]  # False while the field does not apply (hidden, or another choice)
    touched: bool = False

    @property
    def entry(self) -> QLineEdit:
        return self.widget.edit if isinstance(self.widget, ParsedField) else self.widget


def mark_label(label: QLabel | None) -> None:
    """'Patient:' shown as 'Patient *:', with 'Required' as its tooltip."""
    if label is None or label.text().rstrip().endswith(("*", "*:")):
        return
    text = label.text().rstrip()
    label.setText(f"{text[:-1]}{MARK}:" if text.endswith(":") else f"{text}{MARK}")
    label.setToolTip(translate("Required"))


def _applies(widget: QWidget, scope: QWidget | None) -> bool:
    """A field counts while it is enabled and shown within `scope` (a hidden row does not apply;
    a page not on screen still counts its rows)."""
    return widget.isEnabled() and widget.isVisibleTo(scope or widget.window())


class RequiredFields(QObject):
    """The required fields of one form and the button that needs them; `note` lists the missing."""

    changed = Signal()

    def __init__(
        self,
        button: QAbstractButton | None = None,
        parent: QObject | None = None,
        *,
        scope: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.button = button
        self.scope = scope  # the page or dialog whose shown rows count (default: the window)
        self._fields: list[_Required] = []
        # Hidden while nothing is missing; shown or hidden only once it is in its form.
        self.note = QuietLabel()
        self.note.setAccessibleName(translate("Required fields still missing"))
        self._tooltip = button.toolTip() if button is not None else ""

    def add(
        self,
        widget: QLineEdit | ParsedField,
        name: str,
        label: QLabel | None = None,
        *,
        filled: Callable[[], bool] | None = None,
        wanted: Callable[[], bool] | None = None,
    ) -> None:
        """A required field, named as its label names it; `filled` says whether it holds what it
        needs (default: any text; a parsed field must also be read)."""
        if filled is None:
            if isinstance(widget, ParsedField):
                field = widget
                # Read or not yet read, never read here: the first read loads the core.
                filled = lambda: bool(field.text().strip()) and field.known_error() is None  # noqa: E731
            else:
                edit = widget
                filled = lambda: bool(edit.text().strip())  # noqa: E731
        item = _Required(widget, name, filled, wanted or (lambda: _applies(widget, self.scope)))
        self._fields.append(item)
        mark_label(label)
        if isinstance(widget, ParsedField):
            widget.required_note = translate("required")
            widget.refresh_description()
        else:
            widget.setAccessibleDescription(translate("required"))
            widget.textChanged.connect(lambda _text, item=item: self._show(item))
        entry = item.entry
        entry.installEventFilter(self)
        if isinstance(widget, ParsedField):
            widget.value_changed.connect(self.update)
        else:
            entry.textChanged.connect(self.update)
        self.update()

    def add_form(
        self, form: QFormLayout, *widgets: QLineEdit | ParsedField, wanted: Callable[[], bool] | None = None
    ) -> None:
        """Required fields of a form layout, each named by its label there (in the app's
        language); `wanted`: when they are required, if not always."""
        for widget in widgets:
            label = form.labelForField(widget)
            shown = label if isinstance(label, QLabel) else None
            if shown is not None:
                name = shown.text().strip().rstrip(":").strip()
            else:
                name = widget.label if isinstance(widget, ParsedField) else widget.accessibleName()
            self.add(widget, name, shown, wanted=wanted)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            for item in self._fields:
                if item.entry is watched:
                    item.touched = True
                    self._show(item)
        return False

    def missing(self) -> list[str]:
        """The names of the required fields that apply and are empty (or not read), in form order."""
        return [item.name for item in self._fields if item.wanted() and not item.filled()]

    def check_all(self) -> bool:
        """The form is submitted: mark every required field, focus the first missing one; True
        when nothing is missing."""
        first: QWidget | None = None
        for item in self._fields:
            item.touched = True
            self._show(item)
            if first is None and item.wanted() and not item.filled():
                first = item.entry
        self.update()
        if first is not None:
            first.setFocus()
        return first is None

    def update(self) -> None:
        missing = self.missing()
        text = translate("Still needed: {fields}").format(fields=", ".join(missing)) if missing else ""
        self.note.setText(text)
        if self.button is not None:
            self.button.setToolTip(text or self._tooltip)
            self.button.setAccessibleDescription(text)
        self.changed.emit()

    def _show(self, item: _Required) -> None:
        """An empty required field, once left or submitted, is marked; filled, the mark goes."""
        if not item.touched:
            return
        if isinstance(item.widget, ParsedField):
            item.widget.check()  # its own words: "Not read — Patient: "" — is required"
            return
        empty = item.wanted() and not item.filled()
        item.widget.setStyleSheet(_EMPTY_STYLE if empty else "")
        item.widget.setAccessibleDescription(
            translate("required, still empty") if empty else translate("required")
        )


def form_rows(*boxes: QWidget) -> list[ParsedField]:
    """The parsed fields of these boxes' form layouts that must be filled in (not optional), in
    order: a page's calculation entries."""
    found: list[ParsedField] = []
    for box in boxes:
        form = box.layout()
        if not isinstance(form, QFormLayout):
            continue
        for row in range(form.rowCount()):
            item = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            widget = item.widget() if item is not None else None
            if isinstance(widget, ParsedField) and not getattr(widget, "optional", False):
                found.append(widget)
    return found


def require_rows(required: RequiredFields, *boxes: QWidget) -> None:
    """Every required parsed field of these boxes, marked at its label."""
    for box in boxes:
        form = box.layout()
        if isinstance(form, QFormLayout):
            required.add_form(form, *form_rows(box))
