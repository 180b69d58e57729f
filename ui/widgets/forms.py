"""Small builders the forms and dialogs share: labelled rows, a titled group, rows shown or hidden."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ui.i18n import translate
from ui.widgets.fields import ParsedField
from ui.widgets.quiet_label import QuietLabel

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialogButtonBox

# (label, field): the label is its text ("" for none) or a QLabel the page shows and hides itself.
Row = tuple[str | QLabel, QWidget | QLayout]


def add_rows(form: QFormLayout, rows: Iterable[Row]) -> QFormLayout:
    """Labelled rows; a label given as text is shown in the app's language. A parsed field takes
    its label as its name, so its refusals say what it says."""
    for label, field in rows:
        shown = translate(label) if isinstance(label, str) else label
        form.addRow(shown, field)
        if isinstance(field, ParsedField):
            field.set_label(shown if isinstance(shown, str) else shown.text())
    return form


def form_group(title: str, rows: Iterable[Row]) -> tuple[QGroupBox, QFormLayout]:
    """A titled box of labelled rows, and its layout for rows added or hidden later."""
    box = QGroupBox(translate(title))
    return box, add_rows(QFormLayout(box), rows)


def show_row(form: QFormLayout, widget: QWidget, shown: bool) -> None:
    """Show or hide a field with its label; a hidden field is disabled, so it never blocks a result."""
    widget.setVisible(shown)
    widget.setEnabled(shown)
    label = form.labelForField(widget)
    if label is not None:
        label.setVisible(shown)


def form_column(*widgets: QWidget) -> QWidget:
    """A page's form column: its groups top to bottom, the spare room below them."""
    column_widget = QWidget()
    column = QVBoxLayout(column_widget)
    column.setContentsMargins(0, 0, 8, 0)
    for widget in widgets:
        column.addWidget(widget)
    column.addStretch(1)
    return column_widget


def line_edit(placeholder: str, text: str = "") -> QLineEdit:
    """A text entry whose hint is also its name for screen readers."""
    edit = QLineEdit(text)
    edit.setPlaceholderText(translate(placeholder))
    edit.setAccessibleName(translate(placeholder))
    return edit


# Qt's own margin between a line edit's frame and its text, each side (QLineEditPrivate).
_LINE_EDIT_MARGIN = 2


def text_room(edit: QLineEdit) -> int:
    """The width a line edit has for its text (and its hint) at its present size."""
    from PySide6.QtWidgets import QStyle, QStyleOptionFrame

    option = QStyleOptionFrame()
    edit.initStyleOption(option)
    contents = edit.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, edit)
    margins = edit.textMargins()
    return contents.width() - 2 * _LINE_EDIT_MARGIN - margins.left() - margins.right()


def hint_shown_whole(edit: QLineEdit) -> QLineEdit:
    """A line edit never narrower than its hint ("part of a name or identifier"), so the hint is
    read whole, in whichever language it is written."""
    needed = edit.fontMetrics().horizontalAdvance(edit.placeholderText())
    edit.setMinimumWidth(edit.width() - text_room(edit) + needed + 1)
    return edit


def wrapped_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


def message_label() -> QuietLabel:
    """A dialog's message line: no room taken until there is something to say."""
    return QuietLabel()


def dialog_buttons(dialog: QDialog, buttons: QDialogButtonBox.StandardButton) -> QDialogButtonBox:
    """The dialog's button row: the accepting button calls `accept`, the other `reject`."""
    from PySide6.QtWidgets import QDialogButtonBox  # for dialogs only: not on the way to a page

    box = QDialogButtonBox(buttons)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


def dialog_layout(dialog: QDialog, form: QFormLayout, *widgets: QWidget) -> QVBoxLayout:
    """A dialog's form, then its other parts (boxes, the reason a value is refused, the buttons)."""
    layout = QVBoxLayout(dialog)
    layout.addLayout(form)
    for widget in widgets:
        layout.addWidget(widget)
    return layout
