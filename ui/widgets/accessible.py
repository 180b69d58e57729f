"""Names for screen readers: every field takes the words of its form label, every button its text."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QWidget,
)


def _plain(text: str) -> str:
    """'&Save as PDF…' → 'Save as PDF'; 'Start date:' → 'Start date'; 'Patient *:' → 'Patient'
    (a required field's mark is said by its description, "required", not in its name)."""
    plain = text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip(":…. ").strip()
    return plain.removesuffix(" *").rstrip(":").strip()


def _targets(item: QWidget | QLayout) -> list[QWidget]:
    """The widgets a form row holds: the widget itself (a parsed field's entry), or a row's widgets."""
    if isinstance(item, QLayout):
        found: list[QWidget] = []
        for index in range(item.count()):
            child = item.itemAt(index)
            if child is None:
                continue
            widget, layout = child.widget(), child.layout()
            if widget is not None:
                found.extend(_targets(widget))
            elif layout is not None:
                found.extend(_targets(layout))
        return found
    edit = getattr(item, "edit", None)  # a ParsedField: the entry is what a reader lands on
    return [edit if isinstance(edit, QWidget) else item]


def _name_row(label: QLabel, field: QWidget | QLayout) -> None:
    """The field (or the widgets of a row) named by the label a sighted user reads beside it."""
    if not _plain(label.text()):
        return
    targets = _targets(field)
    entries = [t for t in targets if not (isinstance(t, QAbstractButton) and t.text())]
    for target in targets:
        if isinstance(target, QAbstractButton) and target.text():
            name = f"{_plain(label.text())}: {_plain(target.text())}"
        elif len(entries) > 1 and target.accessibleName():  # a row of entries: "Compounded: from date"
            own = target.accessibleName().removeprefix(f"{_plain(label.text())}: ")  # named once only
            name = f"{_plain(label.text())}: {own}"
        else:
            name = _plain(label.text())
        target.setAccessibleName(name)
        owner = target.parentWidget()
        name_picker = getattr(owner, "name_picker", None)  # a date field's calendar: named with it
        if getattr(owner, "edit", None) is target and callable(name_picker):
            name_picker()
    if targets:
        label.setBuddy(targets[0])  # Alt+ the label's letter, where it has one


def _field_of(item: QLayoutItem | None) -> QWidget | QLayout | None:
    return None if item is None else (item.widget() or item.layout())


def name_widgets(root: QWidget) -> None:
    """Give each field in a form its row's label as its accessible name (the label is what a
    sighted user reads beside it), and each button without a name its own text. A grid's label
    names the field in the cell to its right when the label ends with a colon."""
    for form in root.findChildren(QFormLayout):
        for row in range(form.rowCount()):
            label_item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field = _field_of(form.itemAt(row, QFormLayout.ItemRole.FieldRole))
            label = label_item.widget() if label_item is not None else None
            if isinstance(label, QLabel) and field is not None:
                _name_row(label, field)
    for grid in root.findChildren(QGridLayout):
        for row in range(grid.rowCount()):
            for column in range(grid.columnCount() - 1):
                label_item = grid.itemAtPosition(row, column)
                label = label_item.widget() if label_item is not None else None
                field = _field_of(grid.itemAtPosition(row, column + 1))
                if isinstance(label, QLabel) and label.text().rstrip().endswith(":") and field is not None:
                    _name_row(label, field)
    for button in root.findChildren(QAbstractButton):
        if not button.accessibleName() and _plain(button.text()):
            button.setAccessibleName(_plain(button.text()))
