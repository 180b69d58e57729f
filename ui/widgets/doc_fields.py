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
        self.patient_ref = _line("date of birth or clinic identifier (optional)")
        self.prescriber = _line("prescriber (optional)")
        self.large_print = QCheckBox("Large print")
        from ldn_desk.reference.protocols import protocol_table  # reference data only: no pint at start-up

        advisor = protocol_table().advisor
        # What the prescriber accepts explicitly; the handout refuses these steps otherwise.
        self.accept_few_marks = QCheckBox(f"Accept doses under {advisor.min_marks_per_dose} syringe marks")
        self.accept_few_marks.setToolTip(
            "Print a step whose volume fills fewer marks than a patient can measure precisely; "
            "the handout flags it"
        )
        self.accept_many_capsules = QCheckBox(
            f"Accept more than {advisor.handout_max_capsules_per_dose} capsules a dose"
        )
        self.accept_many_capsules.setToolTip("Print a step of many capsules a dose; the handout flags it")
        add_rows(
            QFormLayout(self),
            [
                ("Patient:", self.patient),
                ("Identifier:", self.patient_ref),
                ("Prescriber:", self.prescriber),
                ("", self.large_print),
                ("", self.accept_few_marks),
                ("", self.accept_many_capsules),
            ],
        )


class RecordFields(QGroupBox):
    """What the compounding record and the container label carry besides the recipe."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Record and label", parent)
        self.patient = _line("patient's name")
        self.patient_ref = _line("date of birth or clinic identifier (optional)")
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
                ("Identifier:", self.patient_ref),
                ("Rx number:", self.rx),
                ("Prescriber:", self.prescriber),
                ("Directions:", self.directions),
                ("Compounded by:", self.compounded_by),
                ("Checked by:", self.checked_by),
            ],
        )
