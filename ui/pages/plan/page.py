"""Titration plan page: protocol or custom steps, the plan as a table and chart, advisors, edits."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QRect, Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from ui.bounded import BoundedCall, Pending
from ui.i18n import app_speaking, core_error, core_text, translate
from ui.models.plan import PlanModel
from ui.pages.base import DocumentChoice, Page, formula_names, row_table
from ui.pages.plan.measures import CUSTOM, SUGGESTED, strength_list_parser
from ui.pages.plan.saved import SavedPlansBox
from ui.pages.plan.worker import PlanWorker
from ui.widgets.chart import DoseChart
from ui.widgets.doc_fields import HandoutFields
from ui.widgets.fields import ParsedField, QuantityField, date_field
from ui.widgets.forms import form_column, form_group
from ui.widgets.required import RequiredFields, require_rows
from ui.widgets.text import TextWidths, unbroken

if TYPE_CHECKING:
    from ldn_desk.desk import (
        CapsuleSchedule,
        Desk,
        DeskSettings,
        Dispensing,
        LiquidSchedule,
        Plan,
        PlanEdit,
        PlanOutcome,
        PlanRequest,
    )
    from ui.settings.store import AppSettings


def _protocol_names() -> list[tuple[str, str]]:
    """(key, name) of each library protocol, from the reference data alone (no pint at start-up)."""
    from ldn_desk.reference.protocols import protocol_table

    return [(key, core_text(entry.name)) for key, entry in protocol_table().protocols.items()]


# Columns whose cells may wrap at spaces when the table is short of room (Days, Starts, When;
# "day 29" kept whole), and the order in which columns give way to the Measure column's least
# width (Daily dose only down to its widest cell, its title wrapping).
_WRAPPING = (0, 1, 4)
_GIVING_WAY = (1, 4, 0, 2)


class UnbrokenDelegate(QStyledItemDelegate):
    """Cells drawn with each number kept on the line of its unit; the model's text (what a
    screen reader and the comparison with the record read) stays as the core wrote it."""

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        option.text = unbroken(option.text)


class WorkedAhead:
    """An entry handed to the worker at the keystroke: what it asked for, the job's number and,
    once it came back, its result ((True, outcome) or (False, the exception))."""

    def __init__(self, request: PlanRequest, settings: DeskSettings, number: int) -> None:
        self.request = request
        self.settings = settings
        self.number = number
        self.result: tuple[bool, Any] | None = None

    def asks(self, request: PlanRequest, settings: DeskSettings) -> bool:
        """True when the form, read again, asks for what was worked out."""
        return request == self.request and settings == self.settings


class PlanPage(Page):
    title = "Titration plan"
    plan_changed = Signal()

    def __init__(self, get_settings: Callable[[], AppSettings], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.get_settings = get_settings
        self.outcome: PlanOutcome | None = None
        self.plan: Plan | None = None
        self.schedule: LiquidSchedule | CapsuleSchedule | None = None
        self.supply: Dispensing | None = None
        self.edits: list[tuple[str, PlanEdit]] = []  # in order, each with its name for the log
        self.undo_stack = QUndoStack(self)  # the edits and entries, for Edit ▸ Undo / Redo
        self.committed: dict[ParsedField, str] = {}  # each entry's text as the undo stack has it
        # Capsule searches can run long on odd doses: they run bounded, never freezing the window.
        self.planner = BoundedCall(self)
        self.planner.finished_late.connect(self.recompute)
        # Typing is worked out off the GUI thread, so the window never waits for the core.
        self.worker = PlanWorker(self)
        self.worker.worked_out.connect(self._worked_out)
        self._awaiting: int | None = None  # the job whose outcome the page is waiting for
        self._ahead: WorkedAhead | None = None  # the entry being typed, worked out during its debounce
        self._build_form()
        self._build_results()
        self.place_beside_results(self.form_widget)

    # Form -------------------------------------------------------------------------------------
    def _build_form(self) -> None:
        self.protocol = QComboBox()
        self.protocol.setAccessibleName(translate("Protocol"))
        for key, name in _protocol_names():
            self.protocol.addItem(name, key)
        self.protocol.addItem(translate("Custom: start, step, every, target"), CUSTOM)
        self.protocol.currentIndexChanged.connect(self._protocol_changed)
        self.start_dose = self.watch(QuantityField("start", "MASS", "1 mg"))
        self.step_dose = self.watch(QuantityField("step", "MASS", "1 mg"))
        self.every = self.watch(QuantityField("every", "DURATION", "7 days"))
        self.target = self.watch(QuantityField("target", "MASS", "4.5 mg"))
        self.start_date = self.watch(date_field("start date", dt.date.today().isoformat()))
        self.length = self.watch(QuantityField("plan length", "DURATION", "", optional=True))
        self.length.edit.setPlaceholderText(translate("runs on (e.g. 16 weeks)"))
        self.refusal_fields = {
            "start": self.start_dose,
            "step": self.step_dose,
            "every": self.every,
            "target": self.target,
            "start date": self.start_date,
            "plan length": self.length,
        }
        self.when = QComboBox()
        self.when.addItem(translate("At bedtime"), "bedtime")
        self.when.addItem(translate("In the morning"), "morning")
        self.form_kind = QComboBox()
        self.form_kind.addItem(translate("Liquid"), "liquid")
        self.form_kind.addItem(translate("Capsules"), "capsules")
        self.liquid_strength = QComboBox()
        self.liquid_strength.setAccessibleName(translate("Liquid strength"))
        self.capsule_set = QComboBox()
        self.capsule_set.addItem(translate("Suggested by the advisor"), SUGGESTED)
        self.capsule_set.addItem(translate("These strengths:"), "listed")
        self.capsule_strengths = self.watch(
            ParsedField("capsule strengths", strength_list_parser("capsule strengths", False), "1.5 mg, 3 mg")
        )
        self.formula = QComboBox()
        self.formula.setAccessibleName(translate("Vehicle"))
        for key, name in formula_names():
            self.formula.addItem(name, key)
        # A plan split across two strengths: the second bottle and the step day it starts.
        self.switch_strength = QComboBox()
        self.switch_strength.setAccessibleName(translate("Second strength"))
        self.switch_strength.setToolTip(
            translate(
                "A second bottle of another strength from the first day of a step on; "
                "the handout calls out the change of bottle"
            )
        )
        self.switch_day = QSpinBox()
        self.switch_day.setAccessibleName(translate("Second strength from day"))
        self.switch_day.setRange(2, 3660)
        self.switch_day.setPrefix(translate("from day "))
        self.switch_day.valueChanged.connect(self.input_changed)
        self.switch_row = QWidget()
        switch_layout = QHBoxLayout(self.switch_row)
        switch_layout.setContentsMargins(0, 0, 0, 0)
        switch_layout.addWidget(self.switch_strength, 1)
        switch_layout.addWidget(self.switch_day)
        self.watch_choices(
            self.protocol,
            self.when,
            self.form_kind,
            self.liquid_strength,
            self.capsule_set,
            self.formula,
            self.switch_strength,
        )
        self.custom_box, _ = form_group(
            "Custom steps",
            [
                ("Start at:", self.start_dose),
                ("Rise by:", self.step_dose),
                ("Every:", self.every),
                ("Up to:", self.target),
            ],
        )
        plan_box, _ = form_group(
            "Plan",
            [
                ("Protocol:", self.protocol),
                ("Start date:", self.start_date),
                ("Taken:", self.when),
                ("Length:", self.length),
            ],
        )
        self.liquid_label = QLabel(translate("Strength:"))
        self.formula_label = QLabel(translate("Vehicle:"))
        self.switch_label = QLabel(translate("Then:"))
        self.capsule_label = QLabel(translate("Capsules:"))
        form_box, _ = form_group(
            "What the patient takes",
            [
                ("Form:", self.form_kind),
                (self.liquid_label, self.liquid_strength),
                (self.switch_label, self.switch_row),
                (self.formula_label, self.formula),
                (self.capsule_label, self.capsule_set),
                ("", self.capsule_strengths),
            ],
        )
        self.handout_fields = HandoutFields()
        self.hold_days = QSpinBox()
        self.hold_days.setRange(1, 365)
        self.hold_days.setValue(7)
        self.hold_days.setSuffix(translate(" days"))
        self.hold_button = QPushButton(translate("Hold selected step"))
        self.hold_button.setToolTip(translate("Keep the selected step's dose longer; later steps move later"))
        self.hold_button.clicked.connect(self.hold_selected)
        hold_row = QHBoxLayout()
        hold_row.addWidget(self.hold_days)
        hold_row.addWidget(self.hold_button, 1)
        self.back_day = QSpinBox()
        self.back_day.setRange(1, 3660)
        self.back_day.setPrefix(translate("day "))
        self.back_button = QPushButton(translate("Step back from"))
        self.back_button.setToolTip(
            translate("From this day, go back to the previous dose for one interval, then up again")
        )
        self.back_button.clicked.connect(self.step_back)
        self.halve_button = QPushButton(translate("Halve from"))
        self.halve_button.setToolTip(
            translate(
                "From this day, half the dose for one interval, then climb again through the plan's doses"
            )
        )
        self.halve_button.clicked.connect(self.halve)
        # The day on its own line and the two ways back under it: the form column stays narrow
        # enough (in Spanish too) to leave the plan table room for every column.
        back_row = QHBoxLayout()
        back_row.addWidget(self.back_day)
        back_row.addStretch(1)
        back_buttons = QHBoxLayout()
        back_buttons.addWidget(self.back_button, 1)
        back_buttons.addWidget(self.halve_button, 1)
        self.undo_button = QPushButton(translate("Undo all changes"))
        self.undo_button.clicked.connect(self.clear_edits)
        edit_box, _ = form_group(
            "Change the plan",
            [
                ("Hold for:", hold_row),
                ("Side effects:", back_row),
                ("", back_buttons),
                ("", self.undo_button),
            ],
        )
        self.saved_plans = SavedPlansBox(self)
        self.handout_fields.patient.textChanged.connect(self.unsaved_changed)
        self.calendar_button = QPushButton(translate("Save calendar file (.ics)…"))
        self.calendar_button.setToolTip(
            translate(
                "The plan as all-day reminders for the patient's phone: one per dose change and the review"
            )
        )
        self.calendar_button.clicked.connect(self.save_calendar)
        handout_form = self.handout_fields.layout()
        if isinstance(handout_form, QFormLayout):
            handout_form.addRow("", self.calendar_button)
        # The plan's entries (those of the choices made) are required: Save plan says which are
        # still missing, and each shows it once left (the Save plan dialog asks for the patient).
        self.required = RequiredFields(self.saved_plans.save_button, scope=self)
        require_rows(self.required, plan_box, self.custom_box, form_box)
        self.saved_plans.show_required(self.required.note)
        self.results_updated.connect(self.required.update)  # rows shown or hidden with a choice
        self.form_widget = form_column(
            plan_box, self.custom_box, form_box, edit_box, self.handout_fields, self.saved_plans
        )
        self._protocol_changed()
        self._form_changed()

    def _build_results(self) -> None:
        self.model = PlanModel(self)
        self._row_heights: dict[tuple[str, int, int], int] = {}
        self._text_widths = TextWidths()  # in the table's font
        self._widths: dict[int, tuple[int, int]] = {}  # column: (its widest text, the least it may take)
        self._measure_least = 0  # the Measure column's least width: its longest word and its icon
        self._fitting = False
        self.table = row_table(self.model, translate("Plan steps"))
        header = self.table.horizontalHeader()
        # Sized from the texts here (_size_columns): Qt's ResizeToContents asks every cell of a
        # 101-row plan for its size on each change, most of a keystroke's budget.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        # The Measure column takes the room the others leave (_fit_columns); Qt's Stretch
        # would keep its old width when the table narrows below the other columns' sum.
        header.setStretchLastSection(False)
        # A title wider than its column wraps onto a second line (_fit_header), never cut.
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        # The Measure column names each syringe with its marks: wrapped, never cut short, and
        # never between a number and its unit ("3 mL", "0.1 mL marks").
        self.table.setWordWrap(True)
        for column in (3, *_WRAPPING):
            self.table.setItemDelegateForColumn(column, UnbrokenDelegate(self.table))
        header.sectionResized.connect(self._column_resized)
        self.table.viewport().installEventFilter(self)
        self.table.selectionModel().currentRowChanged.connect(self._row_selected)
        self.chart = DoseChart()
        self.results.add_view(self.table, 0)
        self.results.add_view(self.chart, 0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_columns()  # the window was resized: the columns share the room again
        return super().eventFilter(watched, event)

    def _fit_columns(self) -> None:
        """Every column in view, none cut: each as wide as its widest text, and the Measure column
        the room they leave, never narrower than a few words. Where that is more than the table
        has (a narrow window, the longer Spanish dates), the Starts and When columns wrap at
        spaces, then the titles of Daily dose and Days, each no narrower than its longest word;
        Days and Daily dose never part a number from its unit. Rows then grow to their text."""
        header = self.table.horizontalHeader()
        least_measure = max(12 * self.table.fontMetrics().averageCharWidth(), self._measure_least)
        widths = {column: natural for column, (natural, _least) in self._widths.items()}
        excess = sum(widths.values()) + least_measure - self.table.viewport().width()
        for column in _GIVING_WAY:
            if excess <= 0 or column not in self._widths:
                break
            natural, least = self._widths[column]
            cut = min(excess, natural - least)
            widths[column] -= cut
            excess -= cut
        widths[3] = max(self.table.viewport().width() - sum(widths.values()), least_measure)
        self._fitting = True  # one fit of the rows for the whole change, not one per column
        try:
            changed = False
            for column, width in widths.items():
                if header.sectionSize(column) != width:
                    header.resizeSection(column, width)
                    changed = True
        finally:
            self._fitting = False
        if changed:
            self._fit_table()

    def _column_resized(self, column: int, _old: int, _new: int) -> None:
        if not self._fitting:
            self._fit_table()

    def _wrap_rows(self) -> None:
        """Each row as tall as its tallest wrapped text (Measure, and Starts or When where the
        table is short of room); measured here, since asking every cell for its size costs a
        keystroke's budget."""
        metrics = self.table.fontMetrics()
        base = self.table.verticalHeader().defaultSectionSize()
        icon = self._icon_room()
        header = self.table.verticalHeader()
        columns = self.table.horizontalHeader()
        wrapping = [
            3,
            *(c for c in _WRAPPING if c in self._widths and columns.sectionSize(c) < self._widths[c][0]),
        ]
        for row in range(self.model.rowCount()):
            shown = self.model.row_at(row)
            height = base
            for column in wrapping:
                room = self.table.columnWidth(column) - 8  # the cell's text margins
                if column == 3 and not shown.measurable:
                    room -= icon
                text = shown.measure if column == 3 else self.model.cell_text(shown, column) or ""
                key = (text, max(room, 1), base)
                tall = self._row_heights.get(key)
                if tall is None:  # the same few texts recur on every keystroke
                    if len(self._row_heights) > 4096:
                        self._row_heights.clear()
                    box = metrics.boundingRect(
                        QRect(0, 0, max(room, 1), 10_000), Qt.TextFlag.TextWordWrap, unbroken(text)
                    )
                    tall = self._row_heights[key] = max(base, box.height() + 4)
                height = max(height, tall)
            if header.sectionSize(row) != height:
                self.table.setRowHeight(row, height)

    def _size_columns(self) -> None:
        """Each column but Measure: the width of its widest text (Measure takes the rest and wraps),
        and the least it may take when the table is short of room (_fit_columns)."""
        metrics = self.table.fontMetrics()
        width_of = self._text_widths.measurer(metrics, self.table.font().key())
        header = self.table.horizontalHeader()
        header_metrics = header.fontMetrics()
        rows = [self.model.row_at(row) for row in range(self.model.rowCount())]
        for column in (0, 1, 2, 4):
            texts = {unbroken(self.model.cell_text(row, column) or "") for row in rows}
            widest = max(map(width_of, texts), default=0)
            title = unbroken(str(self.model.headerData(column, Qt.Orientation.Horizontal)))
            natural = max(widest + 16, header_metrics.horizontalAdvance(title) + 20)
            title_word = max(header_metrics.horizontalAdvance(word) for word in title.split(" ")) + 20
            if column in _WRAPPING:
                words = {word for text in texts for word in text.split(" ")}
                widest = max(map(width_of, words), default=0)
            self._widths[column] = (natural, min(natural, max(widest + 16, title_word)))
        # A step not measurable has its warning icon beside its words ("0.124 mL: not measurable"):
        # the column is never so narrow that a word of it is cut.
        icon = self._icon_room()
        measures = {(row.measure, row.measurable) for row in rows if row.measure}
        self._measure_least = max(
            (
                max(map(width_of, unbroken(text).split(" "))) + 8 + (0 if measurable else icon)
                for text, measurable in measures
            ),
            default=0,
        )

    def _icon_room(self) -> int:
        """The width a cell's warning icon takes from its text, with the icon's margins."""
        size = self.table.iconSize().width()
        if size <= 0:  # the style's size for item views' icons, when the view names none
            size = self.table.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize, None, self.table)
        return size + 16

    def _fit_table(self) -> None:
        """As tall as its rows (up to eight, then it scrolls), so the details below get the room."""
        self._wrap_rows()
        rows = min(max(self.model.rowCount(), 1), 8)
        height = self._fit_header() + 2 * self.table.frameWidth()
        height += (
            sum(self.table.verticalHeader().sectionSize(r) for r in range(rows))
            if self.model.rowCount()
            else 30
        )
        # Never so tall that the window outgrows a small screen: beyond a third of it, the table scrolls.
        from ui.widgets.screen import available

        most = max(available(self).height() // 3, self.table.verticalHeader().defaultSectionSize() * 3)
        self.table.setFixedHeight(min(height + 4, most))

    def _fit_header(self) -> int:
        """Each title ("Measure of 1 mg/mL") wrapped to its column, never cut: the header grows a
        line where a narrow window leaves a column too narrow for its title. Its height."""
        header = self.table.horizontalHeader()
        metrics = header.fontMetrics()
        tallest = 0
        for column in range(self.model.columnCount()):
            title = unbroken(str(self.model.headerData(column, Qt.Orientation.Horizontal)))
            room = max(header.sectionSize(column) - 12, 1)  # the section's text margins
            box = metrics.boundingRect(QRect(0, 0, room, 10_000), Qt.TextFlag.TextWordWrap, title)
            tallest = max(tallest, box.height())
        height = max(header.sizeHint().height(), tallest + 8)
        if header.minimumHeight() != height:
            header.setMinimumHeight(height)
        return height

    def _protocol_changed(self) -> None:
        custom = self.protocol.currentData() == CUSTOM
        self.custom_box.setVisible(custom)
        for field in (self.start_dose, self.step_dose, self.every, self.target):
            field.setEnabled(custom)

    def _form_changed(self) -> None:
        liquid = self.form_kind.currentData() == "liquid"
        self.liquid_label.setVisible(liquid)
        self.liquid_strength.setVisible(liquid)
        self.formula_label.setVisible(liquid)
        self.formula.setVisible(liquid)
        self.switch_label.setVisible(liquid)
        self.switch_row.setVisible(liquid)
        self.switch_day.setEnabled(self.switch_strength.currentData() is not None)
        self.capsule_label.setVisible(not liquid)
        self.capsule_set.setVisible(not liquid)
        listed = not liquid and self.capsule_set.currentData() == "listed"
        self.capsule_strengths.setVisible(listed)
        self.capsule_strengths.setEnabled(listed)

    def choice_changed(self) -> None:
        self._protocol_changed()
        self._form_changed()
        self.input_changed()

    def start(self) -> None:
        from ldn_desk.reference.protocols import protocol_table
        from ldn_desk.units.dose_text import mg_per_ml_text

        self.liquid_strength.blockSignals(True)
        self.liquid_strength.addItem(translate("Suggested by the advisor"), SUGGESTED)
        for value in protocol_table().advisor.liquid_strengths_mg_per_ml:
            self.liquid_strength.addItem(mg_per_ml_text(value), value)
        self.liquid_strength.blockSignals(False)
        self.switch_strength.blockSignals(True)
        self.switch_strength.addItem(translate("No second strength"), None)
        for value in protocol_table().advisor.liquid_strengths_mg_per_ml:
            self.switch_strength.addItem(mg_per_ml_text(value), value)
        self.switch_strength.blockSignals(False)
        self._form_changed()
        for field in self.fields:
            field.edit.editingFinished.connect(lambda f=field: self._entry_finished(f))
        self.reset_undo()
        super().start()

    # Unsaved work ------------------------------------------------------------------------------
    def form_state(self) -> tuple[object, ...]:
        """The entries, choices, edits and patient a saved plan keeps."""
        combos = (
            self.protocol,
            self.when,
            self.form_kind,
            self.liquid_strength,
            self.switch_strength,
            self.capsule_set,
            self.formula,
        )
        return (
            tuple(field.text() for field in self.fields),
            tuple(combo.currentIndex() for combo in combos),
            tuple(edit for _name, edit in self.edits),
            self.handout_fields.patient.text(),
        )

    def unsaved_what(self) -> str:
        return translate("the plan")

    def patient_name(self) -> str:
        return self.handout_fields.patient.text().strip()

    def save_work(self) -> bool:
        return self.saved_plans.save_plan() is not None

    def apply_settings(self, settings: AppSettings) -> None:
        super().apply_settings(settings)
        self.capsule_strengths.set_parser(strength_list_parser("capsule strengths", settings.decimal_comma))

    # Edits ------------------------------------------------------------------------------------
    def _row_selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.back_day.setValue(self.model.row_at(current.row()).step.from_day)

    def selected_step(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def hold_selected(self) -> None:
        index = self.selected_step()
        if index is None:
            index = 0
        from ldn_desk.desk import PlanEdit  # an edit as data, so a saved plan keeps it

        self.add_edit("hold", PlanEdit.hold(index, self.hold_days.value()))

    def step_back(self) -> None:
        from ldn_desk.desk import PlanEdit

        self.add_edit("step back", PlanEdit.step_back(self.back_day.value()))

    def halve(self) -> None:
        from ldn_desk.desk import PlanEdit

        self.add_edit("halve", PlanEdit.halve(self.back_day.value()))

    def add_edit(self, name: str, edit: PlanEdit) -> None:
        from ui.pages.plan.undo import AddEdit

        self.undo_stack.push(AddEdit(self, name, edit))  # pushing does it (redo)

    def clear_edits(self) -> None:
        from ui.pages.plan.undo import ClearEdits

        if self.edits:
            self.undo_stack.push(ClearEdits(self))

    def _entry_finished(self, field: ParsedField) -> None:
        """An entry left or confirmed with a new text: one step to undo."""
        from ui.pages.plan.undo import ChangeEntry

        before = self.committed.get(field, field.text())
        if field.text() != before:
            self.undo_stack.push(ChangeEntry(self, field, before, field.text()))

    def reset_undo(self) -> None:
        """A fresh start (the first plan, a plan opened): nothing to undo before it."""
        self.undo_stack.clear()
        self.committed = {field: field.text() for field in self.fields}

    # Results ----------------------------------------------------------------------------------
    def desk(self) -> Desk:
        """The core's facade, with the settings as they are now (the patient's syringes)."""
        from ui.documents import desk_for

        return desk_for(self.get_settings())

    def plan_desk(self) -> Desk:
        """The facade for working out the plan shown (desk() makes the documents, with the paper)."""
        from ui.documents import desk_for

        return desk_for(self.get_settings(), documents=False)

    def plan_request(self) -> PlanRequest:
        """What the form asks for, as the one request every front end makes."""
        from ldn_desk.desk import CapsuleForm, FromProtocol, FromRule, LiquidForm, PlanRequest
        from ldn_desk.errors import InputError
        from ldn_desk.units.quantity import magnitude

        length = self.length.value()
        days = None
        if length is not None:
            days_float = magnitude(length, "day")
            if days_float != int(days_float):
                raise InputError(
                    "plan length", self.length.text(), "must be a whole number of days", "16 weeks"
                )
            days = int(days_float)
        key = self.protocol.currentData()
        source: FromProtocol | FromRule
        target = None
        if key == CUSTOM:
            source = FromRule(
                magnitude(self.start_dose.value(), "mg"),
                magnitude(self.step_dose.value(), "mg"),
                magnitude(self.every.value(), "day"),
            )
            target = magnitude(self.target.value(), "mg")
        else:
            source = FromProtocol(str(key))
        form: LiquidForm | CapsuleForm
        if self.form_kind.currentData() == "liquid":
            strength = self.liquid_strength.currentData()
            chosen = None if strength in (None, SUGGESTED) else float(strength)
            second = self.switch_strength.currentData()
            if second is None:
                form = LiquidForm(chosen, str(self.formula.currentData()))
            else:
                form = LiquidForm(
                    chosen, str(self.formula.currentData()), float(second), self.switch_day.value()
                )
        elif self.capsule_set.currentData() == SUGGESTED:
            form = CapsuleForm(None)
        else:
            form = CapsuleForm(tuple(self.capsule_strengths.value()))
        return PlanRequest(
            source=source,
            start_date=self.start_date.value(),
            target_mg=target,
            length_days=days,
            time_of_day=str(self.when.currentData()),
            edits=tuple(edit for _name, edit in self.edits),
            form=form,
        )

    def work_out(self, request: PlanRequest, desk: Desk | None = None) -> PlanOutcome:
        """The request's outcome from the facade; with capsules, bounded in time (see ui.bounded).
        Safe off the GUI thread when given the desk (it reads no widget)."""
        from ldn_desk.desk import CapsuleForm
        from ldn_desk.errors import RecipeError

        desk = desk if desk is not None else self.plan_desk()
        form = request.form
        if not isinstance(form, CapsuleForm):
            return desk.plan(request)
        try:
            outcome: PlanOutcome = self.planner.call((request, desk.settings), lambda: desk.plan(request))
        except Pending:
            if form.strengths_mg is None:
                raise RecipeError("Still working out a capsule set for these doses…") from None
            raise RecipeError("Still working out which of these capsules make each dose…") from None
        except RecipeError as error:
            if form.strengths_mg is None and error.field == "capsules":
                raise RecipeError(f'{error} Choose "These strengths:" and list the capsules.') from None
            raise
        return outcome

    # Typing: the outcome is worked out in the background ---------------------------------------
    def input_changed(self) -> None:
        self._stop_waiting()  # whatever is in hand is for an older entry
        super().input_changed()
        if super().update_pending():  # a good entry: its debounce has begun
            self._work_ahead()

    def _work_ahead(self) -> None:
        """Start working out the entry now, off the GUI thread, while the debounce waits for the
        typing to pause: when it ends, the outcome is shown at once if the form still asks for the
        same (debounce_ended). A capsule plan waits for the pause, as before: only one capsule
        search runs at a time, and one started for a half-typed dose would hold back the next."""
        from ldn_desk.desk import CapsuleForm

        read = self._read_form()
        if read is None or isinstance(read[0].form, CapsuleForm):
            return  # a refusal is shown when the debounce ends, at the field
        request, desk = read
        self._ahead = WorkedAhead(request, desk.settings, self._hand_over(request, desk))

    def debounce_ended(self) -> None:
        """Read the form now and show its outcome, worked out off the GUI thread: the one worked
        out since the keystroke when the form asks for the same, else a new one. A form that
        cannot be read is refused at once, as before."""
        if not self.started:
            return
        ahead, self._ahead = self._ahead, None
        read = None if any(f.isEnabled() and f.error() for f in self.fields) else self._read_form()
        if read is None:
            self.recompute()  # shows the refusal
            return
        request, desk = read
        if ahead is None or not ahead.asks(request, desk.settings):
            self._awaiting = self._hand_over(request, desk)
        elif ahead.result is None:
            self._awaiting = ahead.number  # still being worked out: shown when it is
        else:
            self._show_worked(ahead.result)

    def _read_form(self) -> tuple[PlanRequest, Desk] | None:
        """The request the form makes and the desk to work it out; None when the core refuses it."""
        from ldn_desk.errors import LdnDeskError

        try:
            return self.plan_request(), self.plan_desk()
        except LdnDeskError:
            return None

    def _hand_over(self, request: PlanRequest, desk: Desk) -> int:
        """The request to the worker thread; the job's number."""
        return self.worker.run(lambda: self.work_out(request, desk))

    def update_pending(self) -> bool:
        return super().update_pending() or self._awaiting is not None

    def _stop_waiting(self) -> None:
        if self._awaiting is not None or self._ahead is not None:
            self.worker.supersede()
            self._awaiting = self._ahead = None

    def _worked_out(self, number: int, result: tuple[bool, Any]) -> None:
        ahead = self._ahead
        if ahead is not None and number == ahead.number:
            ahead.result = result  # kept until the debounce ends
            return
        if number != self._awaiting:
            return  # stale: a newer entry was made since
        self._awaiting = None
        self._show_worked(result)

    def _show_worked(self, result: tuple[bool, Any]) -> None:
        ok, value = result

        def show() -> None:
            if not ok:
                raise value
            self.show_outcome(value)

        self.show_computed(show)

    def recompute(self) -> None:
        """Work out and show the results now (an answer newer than any in the background)."""
        self._stop_waiting()
        super().recompute()

    def compute(self) -> None:
        self.show_outcome(self.work_out(self.plan_request()))

    def show_outcome(self, outcome: PlanOutcome) -> None:
        with app_speaking():  # the steps' own words (days, when) and the dates in the app's language
            self._show_outcome(outcome)

    def _show_outcome(self, outcome: PlanOutcome) -> None:
        from ui.pages.plan import shown

        plan = outcome.plan
        schedule = outcome.liquid or outcome.capsules
        self.outcome, self.plan, self.schedule, self.supply = outcome, plan, schedule, outcome.supply
        title = shown.measure_title(outcome)
        if title is not None:
            self.model.set_measure_title(title)
        if self.model.set_rows(shown.plan_rows(outcome)):
            self._size_columns()
            self._fit_columns()
            self._fit_table()
        self.chart.set_steps(*shown.chart_steps(outcome))
        headline = shown.headline(outcome)
        details = shown.details_html(outcome)
        self.results.show_result(headline, outcome.alerts, details)
        self.warn_at_fields(outcome.field_alerts)
        steps = len(plan.steps)
        self.table.setAccessibleDescription(
            translate("{steps} step: {headline}" if steps == 1 else "{steps} steps: {headline}").format(
                steps=steps, headline=headline
            )
        )
        self.undo_button.setEnabled(bool(self.edits))
        self.plan_changed.emit()

    def on_no_result(self) -> None:
        self.outcome = self.plan = self.schedule = self.supply = None
        self.model.clear()
        self.table.setAccessibleDescription(translate("No plan until the marked entries are corrected"))
        self.chart.clear()

    def documents(self) -> list[DocumentChoice]:
        return [
            DocumentChoice(translate("Patient handout"), self.handout_pdf),
            DocumentChoice(translate("Review summary (saved plan)"), self.review_summary_pdf),
        ]

    def save_calendar(self) -> str | None:
        """Save the plan shown as an iCalendar file (no patient name in it), where the person chooses."""
        from PySide6.QtWidgets import QFileDialog, QMessageBox

        from ldn_desk.errors import LdnDeskError

        if self.outcome is None or not self.results.has_result:
            QMessageBox.information(
                self,
                translate("No calendar"),
                translate("There is no plan yet: correct the marked entries first."),
            )
            return None
        fields = self.handout_fields
        try:
            data = self.desk().plan_calendar(
                self.outcome,
                accept_few_marks=fields.accept_few_marks.isChecked(),
                accept_many_capsules=fields.accept_many_capsules.isChecked(),
            )
        except LdnDeskError as error:
            QMessageBox.warning(self, translate("Cannot make the calendar"), core_error(error))
            return None
        path, _ = QFileDialog.getSaveFileName(
            self, translate("Save the calendar file"), "ldn-plan.ics", translate("Calendar (*.ics)")
        )
        if not path:
            return None
        try:
            return self.desk().save_calendar(data, path)
        except LdnDeskError as error:
            QMessageBox.warning(self, translate("Calendar not saved"), core_error(error))
            return None

    def review_summary_pdf(self) -> bytes:
        """The review summary of the saved plan open (its latest version), refused when none is."""
        from ldn_desk.desk.log import Store
        from ldn_desk.errors import LdnDeskError

        opened = self.saved_plans.opened
        if opened is None:
            raise LdnDeskError("open or save a plan first: the review summary is of a saved plan")
        desk = self.desk()
        with Store.open_default() as store:
            review = desk.open_review(store, opened.plan_id)
        return desk.review_summary_pdf(review, clinic=self.get_settings().clinic_name)

    def handout_pdf(self) -> bytes:
        from ui.documents import handout_pdf

        return handout_pdf(self.outcome, self.handout_fields, self.get_settings())
