"""The names and numbers a printed document needs beyond the calculation: patient, Rx, signatures."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QGroupBox, QLineEdit, QWidget

from ui.i18n import translate
from ui.widgets.forms import add_rows
from ui.widgets.forms import line_edit as _line


class LanguageChoice(QComboBox):
    """The language of what the patient reads (the handout, the label): each language the core
    has a catalog for, by its own name; English first."""

    def __init__(self, what: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from ldn_desk.units.language import language_name, languages

        for code in languages():
            self.addItem(language_name(code), code)
        self.setAccessibleName(translate(what))
        self.setToolTip(translate(what))

    def code(self) -> str:
        return str(self.currentData() or "en")

    def set_code(self, code: str) -> None:
        self.setCurrentIndex(max(0, self.findData(code)))


class HandoutFields(QGroupBox):
    """Who the patient handout is for (the clinic's name and contact come from Settings)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(translate("Handout"), parent)
        self.patient = _line("patient's name")
        self.language = LanguageChoice("The patient's language, for the handout")
        self.patient_ref = _line("date of birth or clinic identifier (optional)")
        self.prescriber = _line("prescriber (optional)")
        self.large_print = QCheckBox(translate("Large print"))
        from ldn_desk.reference.protocols import protocol_table  # reference data only: no pint at start-up

        advisor = protocol_table().advisor
        # What the prescriber accepts explicitly; the handout refuses these steps otherwise.
        self.accept_few_marks = QCheckBox(
            translate("Accept doses under {marks} syringe marks").format(marks=advisor.min_marks_per_dose)
        )
        self.accept_few_marks.setToolTip(
            translate(
                "Print a step whose volume fills fewer marks than a patient can measure precisely; "
                "the handout flags it"
            )
        )
        self.accept_many_capsules = QCheckBox(
            translate("Accept more than {count} capsules a dose").format(
                count=advisor.handout_max_capsules_per_dose
            )
        )
        self.accept_many_capsules.setToolTip(
            translate("Print a step of many capsules a dose; the handout flags it")
        )
        self.form = add_rows(
            QFormLayout(self),
            [
                ("Patient:", self.patient),
                ("Language:", self.language),  # the patient's, right under the name
                ("Identifier:", self.patient_ref),
                ("Prescriber:", self.prescriber),
                ("", self.large_print),
                ("", self.accept_few_marks),
                ("", self.accept_many_capsules),
            ],
        )


class RecordFields(QGroupBox):
    """What the compounding record and the container label carry besides the recipe."""

    def edits(self) -> tuple[QLineEdit, ...]:
        """Every entry of the box, top to bottom."""
        return self._edits

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(translate("Record and label"), parent)
        self.patient = _line("patient's name")
        # The label speaks to the patient; the record stays in the pharmacy's language.
        self.language = LanguageChoice("The patient's language, for the label")
        self.patient_ref = _line("date of birth or clinic identifier (optional)")
        self.rx = _line("Rx number")
        self.prescriber = _line("prescriber (optional)")
        self.directions = _line("optional")
        self.directions.setToolTip(translate("What the label tells the patient, e.g. Take 1.5 mL at bedtime"))
        self.compounded_by = _line("optional")
        self.checked_by = _line("optional")
        self._edits = (
            self.patient,
            self.patient_ref,
            self.rx,
            self.prescriber,
            self.directions,
            self.compounded_by,
            self.checked_by,
        )
        self.form = add_rows(
            QFormLayout(self),
            [
                ("Patient:", self.patient),
                ("Language:", self.language),  # the patient's, right under the name
                ("Identifier:", self.patient_ref),
                ("Rx number:", self.rx),
                ("Prescriber:", self.prescriber),
                ("Directions:", self.directions),
                ("Compounded by:", self.compounded_by),
                ("Checked by:", self.checked_by),
            ],
        )
