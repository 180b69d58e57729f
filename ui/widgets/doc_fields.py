"""The names and numbers a printed document needs beyond the calculation: patient, Rx, signatures."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QFormLayout, QGroupBox, QWidget

from ui.widgets.forms import add_rows
from ui.widgets.forms import line_edit as _line


class HandoutFields(QGroupBox):
    """Who the patient handout is for (the clinic's name and contact come from Settings)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Handout", parent)
        self.patient = _line("patient's name")
        self.prescriber = _line("prescriber (optional)")
        self.large_print = QCheckBox("Large print")
        add_rows(
            QFormLayout(self),
            [("Patient:", self.patient), ("Prescriber:", self.prescriber), ("", self.large_print)],
        )


class RecordFields(QGroupBox):
    """What the compounding record and the container label carry besides the recipe."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Record and label", parent)
        self.patient = _line("patient's name")
        self.rx = _line("Rx number")
        self.prescriber = _line("prescriber (optional)")
        self.directions = _line("optional")
        self.directions.setToolTip("What the label tells the patient, e.g. Take 1.5 mL at bedtime")
        self.compounded_by = _line("optional")
        self.checked_by = _line("optional")
        add_rows(
            QFormLayout(self),
            [
                ("Patient:", self.patient),
                ("Rx number:", self.rx),
                ("Prescriber:", self.prescriber),
                ("Directions:", self.directions),
                ("Compounded by:", self.compounded_by),
                ("Checked by:", self.checked_by),
            ],
        )
