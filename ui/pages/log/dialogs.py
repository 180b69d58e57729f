"""Small dialogs of the log: save a recipe as a draft record, and amend a record with a reason."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.i18n import core_error, core_text, translate
from ui.widgets.fields import ParsedField, add_date_picker
from ui.widgets.forms import line_edit, message_label
from ui.widgets.icons import pixmap
from ui.widgets.required import RequiredFields
from ui.widgets.screen import fit_dialog
from ui.widgets.text import capitalised

# Columns a person fills in; the ingredient's name (and the recipe's amount) come from the recipe.
EDITABLE = ("maker", "lot", "expiry", "actual_amount")
HEADERS = ("Ingredient", "Recipe amount", "Maker", "Lot", "Expiry", "Actual amount", "Lot on hand")
LOT_COLUMN = len(HEADERS) - 1
NO_LOT = "(none: type maker, lot and expiry)"


class IngredientTable(QTableWidget):
    """One row per ingredient line: name and recipe amount fixed, maker/lot/expiry/actual typed."""

    def __init__(
        self, rows: Sequence[tuple[str, str, dict[str, str]]], parent: QWidget | None = None
    ) -> None:
        super().__init__(len(rows), len(HEADERS), parent)
        self.setHorizontalHeaderLabels([translate(header) for header in HEADERS])
        self.setAccessibleName(translate("Ingredients"))
        self.verticalHeader().setVisible(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)  # the lot on hand takes what room is left
        self.setColumnWidth(0, 210)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        for column, width in zip(range(2, 7), (110, 100, 90, 110, 300), strict=True):  # room to type in
            self.setColumnWidth(column, width)
        for row, (name, amount, values) in enumerate(rows):
            # Shown in the app's language; the record keeps the core's words (kept in the item).
            for column, (text, shown) in enumerate(
                ((name, capitalised(core_text(name))), (amount, core_text(amount)))
            ):
                item = QTableWidgetItem(shown)
                item.setData(Qt.ItemDataRole.UserRole, text)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.setItem(row, column, item)
            for offset, key in enumerate(EDITABLE):
                self.setItem(row, 2 + offset, QTableWidgetItem(values.get(key, "")))
            blank = QTableWidgetItem("")
            blank.setFlags(blank.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.setItem(row, LOT_COLUMN, blank)
        self.after: QWidget | None = None  # what Tab goes to after the last lot choice
        self.setMinimumHeight(self.horizontalHeader().height() + 34 * max(1, len(rows)) + 8)
        self.setMinimumWidth(900)

    # Tab moves from cell to cell to type each line in, and out of the table after the last
    # one (Shift+Tab before the first) instead of wrapping round inside it.
    def _at_edge(self, forward: bool) -> bool:
        current = self.currentIndex()
        if not current.isValid():
            return True
        last_row, last_column = self.rowCount() - 1, 2 + len(EDITABLE) - 1  # the last typed cell
        if forward:
            return current.row() == last_row and current.column() == last_column
        return current.row() == 0 and current.column() <= 2  # the first typed cell, or before it

    def lot_boxes(self) -> list[QWidget]:
        """The lot choices (drop-downs in the last column), top to bottom."""
        boxes = (self.cellWidget(row, LOT_COLUMN) for row in range(self.rowCount()))
        return [box for box in boxes if box is not None and box.isEnabled()]

    def _leave(self, forward: bool) -> bool:
        """Out of the typed cells: forward to the first lot choice (reached by Tab too), else
        to the next control; never round again."""
        boxes = self.lot_boxes()
        if forward and boxes:
            boxes[0].setFocus(Qt.FocusReason.TabFocusReason)
            return True
        return QWidget.focusNextPrevChild(self, forward)

    def focusNextPrevChild(self, next: bool) -> bool:
        from PySide6.QtWidgets import QApplication

        boxes = self.lot_boxes()
        focused = QApplication.focusWidget()
        if focused in boxes:  # from one lot choice to the next; before the first, the cells
            index = boxes.index(focused) + (1 if next else -1)
            if 0 <= index < len(boxes):
                boxes[index].setFocus(Qt.FocusReason.TabFocusReason)
                return True
            if not next:
                self.setFocus(Qt.FocusReason.BacktabFocusReason)
            elif self.after is not None:
                self.after.setFocus(Qt.FocusReason.TabFocusReason)
            else:
                return QWidget.focusNextPrevChild(self, next)
            return True
        if self._at_edge(next):
            return self._leave(next)
        return super().focusNextPrevChild(next)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        hints = QAbstractItemDelegate.EndEditHint
        forward = hint == hints.EditNextItem
        if hint in (hints.EditNextItem, hints.EditPreviousItem) and self._at_edge(forward):
            super().closeEditor(editor, hints.SubmitModelCache)
            self._leave(forward)
            return
        super().closeEditor(editor, hint)

    def set_value(self, row: int, key: str, text: str) -> None:
        item = self.item(row, 2 + EDITABLE.index(key))
        if item is not None:
            item.setText(text)

    def set_fixed(self, row: int, key: str, fixed: bool) -> None:
        """A value taken from a chosen lot is shown, not typed over."""
        item = self.item(row, 2 + EDITABLE.index(key))
        if item is not None:
            editable = Qt.ItemFlag.ItemIsEditable
            item.setFlags(item.flags() & ~editable if fixed else item.flags() | editable)

    def lines(self) -> list[dict[str, str]]:
        """The lines as typed, for the core's Ingredient (which checks expiry and amount)."""
        made: list[dict[str, str]] = []
        for row in range(self.rowCount()):
            name_item = self.item(row, 0)
            line = {"name": str(name_item.data(Qt.ItemDataRole.UserRole) or "") if name_item else ""}
            for offset, key in enumerate(EDITABLE):
                item = self.item(row, 2 + offset)
                line[key] = item.text().strip() if item else ""
            made.append(line)
        return made


def _line(text: str, placeholder: str) -> QLineEdit:
    return line_edit(placeholder, text)


class _LogDialog(QDialog):
    """A form, a message row for refusals, and OK/Cancel; `attempt` decides whether it closes."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.message = message_label()
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._icon = QLabel()
        self._icon.setPixmap(pixmap("error", 18))
        self._icon.setVisible(False)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._try_accept)
        self.buttons.rejected.connect(self.reject)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addLayout(self.form)
        self.attempt: Callable[[], None] | None = None
        self.required = RequiredFields(self.buttons.button(QDialogButtonBox.StandardButton.Ok))
        self.checked_fields: list[ParsedField] = []  # read at the field; a refusal there stops the save

    def finish_layout(self) -> None:
        from PySide6.QtWidgets import QHBoxLayout

        row = QHBoxLayout()
        row.addWidget(self._icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.message, 1)
        self.layout_.addLayout(row)
        self.layout_.addWidget(self.required.note)
        self.layout_.addWidget(self.buttons)

    def show_problem(self, text: str) -> None:
        self._icon.setVisible(bool(text))
        self.message.setText(translate("Not saved — {reason}").format(reason=text) if text else "")

    def _try_accept(self) -> None:
        """Run the save; a refusal stays in the dialog with its message, nothing half-done."""
        from ldn_desk.errors import LdnDeskError

        if not self.required.check_all():
            self.show_problem(self.required.note.text())
            return
        for field in self.checked_fields:
            field.check()
            problem = field.error() if field.isEnabled() else None
            if problem:
                self.show_problem(problem)
                field.edit.setFocus()
                return
        try:
            if self.attempt is not None:
                self.attempt()
        except LdnDeskError as error:
            self.show_problem(core_error(error))
            return
        self.accept()


class SaveRecordDialog(_LogDialog):
    """Save the page's recipe as a draft record: who, Rx, and each ingredient's maker and lot."""

    def __init__(
        self,
        kind: str,
        record_fields: Any,
        lines: Sequence[tuple[str, str]],
        parent: QWidget | None = None,
        typed: dict[str, Any] | None = None,
        lot_offers: Sequence[Sequence[tuple[Any, str]]] | None = None,
        compounded: dt.date | None = None,
        drawn: Sequence[str] | None = None,
    ) -> None:
        """`lot_offers`: for each line, the (lot, how it is offered) a record may draw on;
        `compounded`: the day of compounding, which no component's expiry and no date dispensed
        may come before; `drawn`: for each line, the amount a lot gives it (what is weighed)."""
        super().__init__(translate("Save to log"), parent)
        self.kind = kind
        self.compounded = compounded
        self.drawn = list(drawn) if drawn is not None else []
        typed = typed or {}  # what was typed the last time the dialog was cancelled
        self.patient = _line(record_fields.patient.text(), "patient's name")
        self.patient_ref = _line(
            record_fields.patient_ref.text(), "date of birth or clinic identifier (optional)"
        )
        self.rx = _line(record_fields.rx.text(), "Rx number")
        self.compounded_by = _line(record_fields.compounded_by.text(), "who compounded")
        self.checked_by = _line(record_fields.checked_by.text(), "who checked (optional)")
        self.sign_now = QCheckBox(translate("Sign off now as the checker (final from then on)"))
        self.sign_now.setChecked(False)
        self.sign_now.setEnabled(bool(self.checked_by.text().strip()))
        self.checked_by.textChanged.connect(lambda text: self.sign_now.setEnabled(bool(text.strip())))
        self.form.addRow(translate("Patient:"), self.patient)
        self.form.addRow(translate("Patient identifier:"), self.patient_ref)
        self.form.addRow(translate("Rx number:"), self.rx)
        self.form.addRow(translate("Compounded by:"), self.compounded_by)
        self.form.addRow(translate("Checked by:"), self.checked_by)
        self.form.addRow("", self.sign_now)
        self.required.add_form(self.form, self.patient, self.rx, self.compounded_by)
        before = typed.get("lines", {})
        self.ingredients = IngredientTable([(name, amount, before.get(name, {})) for name, amount in lines])
        # Each line's expiry is typed (or picked) in a date field below the table, read at once.
        self.ingredients.setColumnHidden(2 + EDITABLE.index("expiry"), True)
        self.dates_form = QFormLayout()
        self.bud_changed: Callable[[], None] | None = None
        self.expiry_fields = [self._expiry_field(row, name) for row, (name, _amount) in enumerate(lines)]
        self.dispensed = self._dispensed_field(str(typed.get("dispensed", "")))
        self.dates_form.addRow(translate("Date dispensed:"), self.dispensed)
        self.dispensed.set_label(translate("Date dispensed"))
        self.checked_fields = [*self.expiry_fields, self.dispensed]
        self.ingredients.itemChanged.connect(self._item_changed)
        # Lots on hand: for each line a lot can supply, the approved, in-date lots of its kind.
        self.lots_changed: Callable[[], None] | None = None
        self.lot_choices: list[QComboBox | None] = []
        self._lots: list[list[Any]] = []
        chosen_before = typed.get("lots", {})
        for row, (name, _amount) in enumerate(lines):
            offered = list(lot_offers[row]) if lot_offers is not None else []
            self._lots.append(offered)
            if not offered:
                self.lot_choices.append(None)
                continue
            box = QComboBox()
            box.setAccessibleName(
                translate("Lot on hand for {ingredient}").format(ingredient=core_text(name))
            )
            box.addItem(translate(NO_LOT), None)
            for lot, text in offered:
                box.addItem(core_text(text), lot.id)
            self.ingredients.setCellWidget(row, LOT_COLUMN, box)
            self.lot_choices.append(box)
            if chosen_before.get(name) is not None:
                index = box.findData(chosen_before[name])
                if index > 0:
                    box.setCurrentIndex(index)
                    self._lot_chosen(row, keep_amount=True)
            box.currentIndexChanged.connect(lambda _index, row=row: self._lot_chosen(row))
            box.currentTextChanged.connect(box.setToolTip)
            box.setToolTip(box.currentText())
        self._room_for_lots()
        self.bud = message_label()
        self.bud.setAccessibleName(translate("Beyond-use date with the chosen lots"))
        note = QLabel(
            translate(
                "Choose a lot on hand where there is one, or enter each ingredient's maker, lot and expiry "
                "(2027-03-31 or 2027-03) and the amount really weighed or measured (e.g. 15.2 mg, 100 mL, "
                "2 tablets). The record is saved as a draft; it can be completed by an amendment and signed off "
                "later."
            )
        )
        note.setWordWrap(True)
        self.layout_.addWidget(self.ingredients, 1)
        self.layout_.addLayout(self.dates_form)
        self.layout_.addWidget(self.bud)
        self.layout_.addWidget(note)
        self.finish_layout()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(translate("Save draft"))
        self._tab_order()
        fit_dialog(self, 1140, 640)

    def _room_for_lots(self) -> None:
        """The table wide enough for the longest lot offered ("Accord · lot NX-2291 · exp
        2027-03-31 · 60 tablets on hand") beside the other columns, so no offer is cut."""
        table = self.ingredients
        widest = max((box.sizeHint().width() for box in self.lot_choices if box is not None), default=0)
        if not widest:
            return
        others = sum(
            max(table.columnWidth(column), table.sizeHintForColumn(column) if column == 1 else 0)
            for column in range(LOT_COLUMN)
            if not table.isColumnHidden(column)
        )
        frame = 2 * table.frameWidth() + table.verticalScrollBar().sizeHint().width()
        table.setMinimumWidth(max(table.minimumWidth(), others + widest + frame))

    def _expiry_field(self, row: int, name: str) -> ParsedField:
        """A line's expiry, as on its container (2027-03-31, or 2027-03 for the month's last day),
        refused at the field when it is before the day of compounding."""
        label = translate("Expiry of {name}").format(name=core_text(name))

        def parse(text: str) -> Any:
            from ldn_desk.desk.records import component_expiry

            if not text.strip():
                return None  # not known yet: the record shows it missing until it is amended
            day = self.compounded or dt.date.min
            return component_expiry(name, self._line_text(row, "lot"), text, day, label)

        item = self.ingredients.item(row, 2 + EDITABLE.index("expiry"))
        field = ParsedField(
            label, parse, item.text() if item else "", placeholder=translate("e.g. 2027-03-31 or 2027-03")
        )
        add_date_picker(field)
        self.dates_form.addRow(f"{label}:", field)
        field.set_label(label)
        field.edit.textChanged.connect(lambda text, row=row: self._expiry_typed(row, text))
        field.edit.editingFinished.connect(field.check)
        return field

    def _dispensed_field(self, text: str) -> ParsedField:
        def parse(typed: str) -> Any:
            from ldn_desk.desk.records import check_dispensed
            from ldn_desk.units.dates import parse_date

            if not typed.strip():
                return None  # not dispensed yet: the label leaves the date out
            day = parse_date(typed, "date dispensed")
            if self.compounded is not None:
                check_dispensed(day, self.compounded)
            return day

        field = ParsedField(
            "date dispensed", parse, text, placeholder=translate("e.g. 2026-12-02 (optional)")
        )
        add_date_picker(field)
        field.edit.editingFinished.connect(field.check)
        return field

    def _line_text(self, row: int, key: str) -> str:
        item = self.ingredients.item(row, 2 + EDITABLE.index(key))
        return item.text().strip() if item is not None else ""

    def _expiry_typed(self, row: int, text: str) -> None:
        if self._line_text(row, "expiry") != text.strip():
            self.ingredients.set_value(row, "expiry", text.strip())
        if self.bud_changed is not None:
            self.bud_changed()

    def _item_changed(self, item: QTableWidgetItem) -> None:
        """An expiry set in the table (a chosen lot's) shows in its date field."""
        if item.column() != 2 + EDITABLE.index("expiry") or item.row() >= len(self.expiry_fields):
            return
        field = self.expiry_fields[item.row()]
        if field.text().strip() != item.text().strip():
            field.set_text(item.text())

    def _tab_order(self) -> None:
        """Top to bottom: the names, the table, each line's lot on hand, the dates, the buttons."""
        chain: list[QWidget] = [self.patient, self.patient_ref, self.rx, self.compounded_by, self.checked_by,
                                self.sign_now, self.ingredients]  # fmt: skip
        chain += [box for box in self.lot_choices if box is not None]
        chain += [widget for field in self.checked_fields for widget in (field.edit, field.picker) if widget]
        chain += [button for button in self.buttons.buttons()]
        self.ingredients.after = chain[chain.index(self.ingredients) + 1 + len(self.ingredients.lot_boxes())]
        for before, after in itertools.pairwise(chain):
            QWidget.setTabOrder(before, after)

    def expiries(self) -> list[Any]:
        """The component expiries typed for the lines no lot is chosen for (a chosen lot brings
        its own), for the BUD: never later than the earliest. Only those read."""
        chosen = self.chosen_lots()
        made = []
        for row, field in enumerate(self.expiry_fields):
            if row not in chosen and field.text().strip() and field.is_valid():
                made.append(field.value())
        return made

    def dispensed_on(self) -> dt.date | None:
        value = self.dispensed.value()
        return value if isinstance(value, dt.date) else None

    def _lot_chosen(self, row: int, keep_amount: bool = False) -> None:
        """A chosen lot fills its line's maker, lot and expiry (shown, not typed over) and the
        amount in the lot's unit; choosing none gives the line back to be typed."""
        lot = self.chosen_lot(row)
        table = self.ingredients
        for key in ("maker", "lot", "expiry"):
            table.set_fixed(row, key, lot is not None)
        if row < len(getattr(self, "expiry_fields", [])):
            field = self.expiry_fields[row]
            field.edit.setReadOnly(lot is not None)
            if field.picker is not None:
                field.picker.setEnabled(lot is None)
        if lot is not None:
            table.set_value(row, "maker", lot.maker)
            table.set_value(row, "lot", lot.lot)
            table.set_value(row, "expiry", lot.expiry.isoformat())
        elif not keep_amount:
            for key in ("maker", "lot", "expiry", "actual_amount"):
                table.set_value(row, key, "")
        if self.lots_changed is not None:
            self.lots_changed()  # a powder's certificate may change the recipe's amounts
        amount_item = table.item(row, 1)
        # What the line takes from the lot (by the aliquot method, what is weighed for the
        # aliquot), when it is in the lot's unit, is what is drawn unless the person types otherwise.
        given = self.drawn[row] if row < len(self.drawn) else (amount_item.text() if amount_item else "")
        amount = re.match(r"(\d+(?:\.\d+)?) ([A-Za-z]+)", given)
        unit = amount[2].lower().rstrip("s") if amount else None
        if amount and lot is not None and not keep_amount and unit == lot.unit.lower().rstrip("s"):
            table.set_value(row, "actual_amount", f"{amount[1]} {amount[2]}")

    def chosen_lot(self, row: int) -> Any:
        box = self.lot_choices[row] if row < len(self.lot_choices) else None
        if box is None or box.currentData() is None:
            return None
        return next(lot for lot, _text in self._lots[row] if lot.id == box.currentData())

    def chosen_lots(self) -> dict[int, tuple[Any, str]]:
        """Row → (lot chosen, the amount typed for it)."""
        lines = self.ingredients.lines()
        return {row: (lot, lines[row]["actual_amount"]) for row in range(len(self.lot_choices))
                if (lot := self.chosen_lot(row)) is not None}  # fmt: skip

    def typed(self) -> dict[str, Any]:
        """What was typed here, to show again when the dialog is cancelled and opened again."""
        lines = self.ingredients.lines()
        return {
            "patient_ref": self.patient_ref.text(),
            "lines": {line["name"]: {k: v for k, v in line.items() if k != "name"} for line in lines},
            "lots": {lines[row]["name"]: lot.id for row, (lot, _amount) in self.chosen_lots().items()},
            "dispensed": self.dispensed.text(),
        }


class AmendDialog(_LogDialog):
    """A corrected version of a record, with the reason; the version it corrects stays as it was."""

    def __init__(self, record: Any, next_version: int, parent: QWidget | None = None) -> None:
        super().__init__(translate("Amend record {record}").format(record=record.id), parent)
        self.record = record
        self.patient = _line(record.patient, "patient's name")
        self.patient_ref = _line(record.patient_ref, "patient identifier")
        self.rx = _line(record.rx_number, "Rx number")
        self.compounded_by = _line(record.compounded_by, "who compounded")
        self.prescriber = _line(str(record.document.get("prescriber") or ""), "prescriber")
        self.directions = _line(str(record.document.get("directions") or ""), "label directions")
        self.reason = _line("", "why, e.g. wrong lot number entered")
        intro = QLabel(
            translate(
                "Saves version {version} of this record; this version is kept as it is. A signed record needs a reason."
            ).format(version=next_version)
        )
        intro.setWordWrap(True)
        self.layout_.insertWidget(0, intro)
        self.form.addRow(translate("Reason:"), self.reason)
        self.form.addRow(translate("Patient:"), self.patient)
        self.form.addRow(translate("Patient identifier:"), self.patient_ref)
        self.form.addRow(translate("Rx number:"), self.rx)
        self.form.addRow(translate("Compounded by:"), self.compounded_by)
        self.form.addRow(translate("Prescriber:"), self.prescriber)
        self.form.addRow(translate("Directions:"), self.directions)
        self.ingredients = IngredientTable(
            [(item.name, "", {key: getattr(item, key) for key in EDITABLE}) for item in record.ingredients]
        )
        self.ingredients.setColumnHidden(1, True)  # a saved line keeps no recipe amount of its own
        self.layout_.addWidget(self.ingredients, 1)
        self.finish_layout()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(translate("Save new version"))
        self.required.add_form(self.form, self.patient, self.rx, self.compounded_by)
        self.required.add_form(
            self.form, self.reason, wanted=lambda: str(getattr(record, "status", "draft")) != "draft"
        )
        fit_dialog(self, 760, 560)

    def _edits(self) -> dict[str, QLineEdit]:
        return {"reason": self.reason, "patient": self.patient, "patient_ref": self.patient_ref, "rx": self.rx,
                "compounded_by": self.compounded_by, "prescriber": self.prescriber,
                "directions": self.directions}  # fmt: skip

    def typed(self) -> dict[str, Any]:
        """What was typed here, to show again when the dialog is cancelled and opened again."""
        return {
            **{key: edit.text() for key, edit in self._edits().items()},
            "lines": self.ingredients.lines(),
        }

    def restore(self, typed: dict[str, Any]) -> None:
        for key, edit in self._edits().items():
            edit.setText(str(typed.get(key, edit.text())))
        for row, line in enumerate(typed.get("lines", [])[: self.ingredients.rowCount()]):
            for key in EDITABLE:
                self.ingredients.set_value(row, key, str(line.get(key, "")))

    def changes(self) -> dict[str, Any]:
        """The fields that differ from the record, as Store.amend takes them."""
        from ldn_desk.desk.log import Ingredient

        record = self.record
        changes: dict[str, Any] = {}
        for key, edit in (
            ("patient", self.patient),
            ("patient_ref", self.patient_ref),
            ("rx_number", self.rx),
            ("compounded_by", self.compounded_by),
        ):
            if edit.text().strip() != getattr(record, key):
                changes[key] = edit.text()
        document = dict(record.document)
        for key, edit in (("prescriber", self.prescriber), ("directions", self.directions)):
            text = edit.text().strip()
            if text != str(document.get(key) or ""):
                document[key] = text or (None if key == "directions" else "")
        if document != record.document:
            changes["document"] = document
        lines = tuple(Ingredient(**line) for line in self.ingredients.lines())
        if lines != record.ingredients:
            changes["ingredients"] = lines
        return changes
