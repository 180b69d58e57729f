"""One table model over a plan's steps: days, start date, daily dose, what to measure, when."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class PlanRow:
    """A core plan Step with the words the table shows beside it (all written by the core)."""

    step: Any  # ldn_desk.titration.Step
    starts: str  # long date of the step's first day
    measure: str  # "1.5 mL on the 3 mL syringe", "2 × 1.5 mg", or "" when no form is chosen
    measurable: bool = True


class PlanModel(QAbstractTableModel):
    """Read-only rows; replaced whole when the plan changes (plans are immutable)."""

    HEADERS = ("Days", "Starts", "Daily dose", "Measure", "When")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[PlanRow] = []
        self.measure_title = "Measure"

    def set_rows(self, rows: Sequence[PlanRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def set_measure_title(self, title: str) -> None:
        """'Measure (1 mg/mL)' or 'Capsules': says what the Measure column is measured from."""
        if title != self.measure_title:
            self.measure_title = title
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 3, 3)

    def clear(self) -> None:
        self.set_rows([])

    def row_at(self, row: int) -> PlanRow:
        return self._rows[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == 3 and not row.measurable:
            return "Not measurable as written: see the warnings"
        if role == Qt.ItemDataRole.DecorationRole and column == 3 and not row.measurable:
            from ui.icons import icon

            return icon("warning")
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _text(row: PlanRow, column: int) -> str | None:
        if column == 0:
            return str(row.step.days_label)
        if column == 1:
            return row.starts
        if column == 2:
            return str(row.step.dose_text)
        if column == 3:
            return row.measure
        if column == 4:
            return str(row.step.time_text)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.HEADERS):
            return self.measure_title if section == 3 else self.HEADERS[section]
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            return str(section + 1)
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
