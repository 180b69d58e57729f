"""Names for screen readers: every field takes the words of its form label, every button its text."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QFormLayout,
    QLabel,
    QLayout,
    QWidget,
)


def _plain(text: str) -> str:
    """'&Save as PDF…' → 'Save as PDF'; 'Start date:' → 'Start date'."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip(":…. ").strip()


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


def name_widgets(root: QWidget) -> None:
    """Give each field in a form its row's label as its accessible name (the label is what a
    sighted user reads beside it), and each button without a name its own text."""
    for form in root.findChildren(QFormLayout):
        for row in range(form.rowCount()):
            label_item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field_item = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            if label_item is None or field_item is None:
                continue
            label = label_item.widget()
            if not isinstance(label, QLabel) or not _plain(label.text()):
                continue
            field = field_item.widget() or field_item.layout()
            if field is None:
                continue
            targets = _targets(field)
            for target in targets:
                if isinstance(target, QAbstractButton) and target.text():
                    name = f"{_plain(label.text())}: {_plain(target.text())}"
                else:
                    name = _plain(label.text())
                target.setAccessibleName(name)
            if targets:
                label.setBuddy(targets[0])  # Alt+ the label's letter, where it has one
    for button in root.findChildren(QAbstractButton):
        if not button.accessibleName() and _plain(button.text()):
            button.setAccessibleName(_plain(button.text()))
