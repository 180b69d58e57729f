"""One table model over a plan's steps: days, start date, daily dose, what to measure, when."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt

from ui.i18n import translate
from ui.models.table import RowsModel
from ui.widgets.text import unbroken


@dataclass(frozen=True)
class PlanRow:
    """A core plan Step with the words the table shows beside it (all written by the core)."""

    step: Any  # ldn_desk.plans.titration.Step
    starts: str  # long date of the step's first day
    measure: str  # "1.5 mL on the 3 mL syringe", "2 × 1.5 mg", or "" when no form is chosen
    measurable: bool = True
    days: str = ""  # the Days cell in the app's language ("" for the step's own words)
    time: str = ""  # the When cell in the app's language ("" for the step's own words)
    starts_short: str = ""  # the start date with its month shortened, for a narrow table ("3 dic 2026")


class PlanModel(RowsModel):
    """Read-only rows of an immutable plan; a new plan replaces them."""

    HEADERS = ("Days", "Starts", "Daily dose", "Measure", "When")
    _rows: list[PlanRow]

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.measure_title = translate("Measure")
        self.short_dates = False  # the Starts column writes "3 dic 2026" (set_short_dates)

    def set_rows(self, rows: Sequence[PlanRow]) -> bool:
        """Show these rows; False when they are the rows shown already (nothing to repaint). As
        many rows as before are changed in place, so the view keeps its selection and sizes."""
        new = list(rows)
        if new == self._rows:
            return False
        if len(new) == len(self._rows):
            self._rows = new
            last = self.index(len(new) - 1, len(self.HEADERS) - 1)
            self.dataChanged.emit(self.index(0, 0), last)
            return True
        self.beginResetModel()
        self._rows = new
        self.endResetModel()
        return True

    def set_measure_title(self, title: str) -> None:
        """'Measure (1 mg/mL)' or 'Capsules': says what the Measure column is measured from."""
        if title != self.measure_title:
            self.measure_title = title
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 3, 3)

    def set_short_dates(self, short: bool) -> None:
        """Start dates with the month shortened, where the table has no room for the long ones."""
        if short != self.short_dates:
            self.short_dates = short
            if self._rows:
                self.dataChanged.emit(self.index(0, 1), self.index(len(self._rows) - 1, 1))

    def clear(self) -> None:
        self.set_rows([])

    def row_at(self, row: int) -> PlanRow:
        return self._rows[row]

    def header_text(self, section: int) -> str:
        if section == 3:  # a title wrapped in a narrow column keeps "1 mg/mL" on one line
            return unbroken(self.measure_title)
        return translate(self.HEADERS[section])

    def row_text(self, row: int) -> str:
        """The whole row as one sentence, for screen readers (which read Qt tables cell by cell,
        without their headers): 'Days 1–14, from 2 December 2026: 1.5 mg at bedtime; Measure of
        1 mg/mL: 1.5 mL on the 3 mL syringe'."""
        shown = self._rows[row]
        step = shown.step
        text = translate("{days}, from {start}: {dose} {time}").format(
            days=self._text(shown, 0), start=shown.starts, dose=step.dose_text, time=self._text(shown, 4)
        )
        if shown.measure:
            text += f"; {self.measure_title}: {shown.measure}"
        if not shown.measurable:
            text += translate("; not for a patient as written, see the warnings")
        return text

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            role == Qt.ItemDataRole.AccessibleTextRole
            and index.isValid()
            and 0 <= index.row() < len(self._rows)
        ):
            return self.row_text(index.row())  # whichever cell has focus, the row is read whole
        return super().data(index, role)

    def _role_data(self, row: PlanRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and column == 3 and not row.measurable:
            return translate(
                "Not for a patient as written (not measurable, too few marks or too many capsules): see the warnings"
            )
        if role == Qt.ItemDataRole.DecorationRole and column == 3 and not row.measurable:
            from ui.widgets.icons import icon

            return icon("warning")
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return None

    def cell_text(self, row: PlanRow, column: int) -> str | None:
        """What a cell of this row shows (the page sizes its columns from it)."""
        return self._text(row, column)

    def _text(self, row: PlanRow, column: int) -> str | None:
        if column == 0:
            return row.days or str(row.step.days_label)
        if column == 1:
            return row.starts_short if self.short_dates and row.starts_short else row.starts
        if column == 2:
            return str(row.step.dose_text)
        if column == 3:
            return row.measure
        if column == 4:
            return row.time or str(row.step.time_text)
        return None
