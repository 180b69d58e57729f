"""The Settings dialog: clinic, paper, syringes, balance, label layout, how numbers are read, and
where the log is (Log: this computer, or a shared database whose password goes to the keyring)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ui.i18n import language_names, translate
from ui.settings.store import PAPER_SIZES, AppSettings, default_paper_size
from ui.widgets.fields import QuantityField
from ui.widgets.forms import add_rows, dialog_buttons, dialog_layout, message_label, wrapped_label


def syringe_choices() -> list[tuple[tuple[float, float], str]]:
    """((capacity mL, graduation mL), 'Text') for each syringe in resources/syringes.toml."""
    from ldn_desk.reference.syringes import syringe_table
    from ldn_desk.units.dose_text import ml_text

    choices = []
    for entry in syringe_table().syringe:
        capacity, graduation = entry.capacity_ml, entry.graduation_ml
        text = translate("{capacity} syringe, marks every {marks}").format(
            capacity=ml_text(capacity), marks=ml_text(graduation)
        )
        choices.append(((capacity, graduation), text))
    return choices


def label_layouts() -> list[tuple[str, str]]:
    """(key, title) for each label layout in resources/labels.toml."""
    from ldn_desk.reference.labels import labels_table

    return [(key, entry.title) for key, entry in labels_table().layouts.items()]


class SettingsDialog(QDialog):
    def __init__(self, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("Settings"))
        self.result_settings: AppSettings | None = None
        self.clinic_name = QLineEdit(settings.clinic_name)
        self.clinic_name.setPlaceholderText(translate("e.g. Riverside Pharmacy"))
        self.clinic_contact = QLineEdit(settings.clinic_contact)
        self.clinic_contact.setPlaceholderText(translate("e.g. 12 High Street · 01234 567890"))
        self.paper_size = QComboBox()
        self.paper_size.addItem(
            translate("Automatic for this region ({paper})").format(paper=default_paper_size()), ""
        )
        for size in PAPER_SIZES:
            self.paper_size.addItem(translate(size), size)  # "Letter": "Carta"
        self.paper_size.setCurrentIndex(max(0, self.paper_size.findData(settings.paper_size)))
        self.label_layout = QComboBox()
        self.label_layout.addItem(translate("Automatic: the usual sheet for the paper size"), "")
        for key, title in label_layouts():
            self.label_layout.addItem(title, key)
        index = self.label_layout.findData(settings.label_layout)
        self.label_layout.setCurrentIndex(max(index, 0))
        self.syringes: list[tuple[tuple[float, float], QCheckBox]] = []
        syringe_box = QGroupBox(translate("Oral syringes the pharmacy dispenses"))
        syringe_layout = QVBoxLayout(syringe_box)
        for syringe, text in syringe_choices():
            box = QCheckBox(text)
            box.setChecked(not settings.syringes or syringe in settings.syringes)
            syringe_layout.addWidget(box)
            self.syringes.append((syringe, box))
        self.balance_mwq = QuantityField(
            "balance MWQ", "MASS", settings.balance_mwq, decimal_comma=settings.decimal_comma
        )
        self.decimal_comma = QCheckBox(translate("Read a comma as the decimal separator (4,5 mg = 4.5 mg)"))
        self.decimal_comma.setChecked(settings.decimal_comma)
        # The program's own language: read at start-up, so a change shows from the next start.
        self.interface_language = QComboBox()
        self.interface_language.addItem(translate("Automatic: the system's language"), "")
        for code, name in language_names():
            self.interface_language.addItem(name, code)
        self.interface_language.setCurrentIndex(
            max(0, self.interface_language.findData(settings.interface_language))
        )
        self.language_note = wrapped_label(translate("A new language shows when LDN Desk is started again."))
        log_box = self._log_box(settings)
        self.problem = message_label()
        form = add_rows(
            QFormLayout(),
            [
                ("Clinic or pharmacy name:", self.clinic_name),
                ("Contact:", self.clinic_contact),
                ("Paper size:", self.paper_size),
                ("Label layout:", self.label_layout),
                ("Balance minimum weighable quantity:", self.balance_mwq),
                ("", self.decimal_comma),
                ("Language of the program:", self.interface_language),
                ("", self.language_note),
            ],
        )
        buttons = dialog_buttons(
            self, QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        dialog_layout(self, form, syringe_box, log_box, self.problem, buttons)
        from ui.widgets.screen import fit_dialog

        fit_dialog(self)

    def _log_box(self, settings: AppSettings) -> QGroupBox:
        box = QGroupBox(translate("Log"))
        self.log_local = QRadioButton(translate("This computer (a file in the data folder)"))
        self.log_shared = QRadioButton(translate("Shared database (PostgreSQL), for several workstations"))
        (self.log_shared if settings.log_shared else self.log_local).setChecked(True)
        self.db_host = QLineEdit(settings.db_host)
        self.db_host.setPlaceholderText(translate("e.g. pharmacy-server"))
        self.db_port = QLineEdit(settings.db_port)
        self.db_name = QLineEdit(settings.db_name)
        self.db_user = QLineEdit(settings.db_user)
        self.db_user.setPlaceholderText(translate("e.g. pharmacy"))
        self.db_password = QLineEdit()
        self.db_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.db_password.setPlaceholderText(translate("kept in the system keyring, never in the settings"))
        self.password_note = wrapped_label()
        layout = QVBoxLayout(box)
        layout.addWidget(self.log_local)
        layout.addWidget(self.log_shared)
        self.db_form = add_rows(QFormLayout(), [
            ("Host:", self.db_host), ("Port:", self.db_port), ("Database:", self.db_name), ("User:", self.db_user),
            ("Password:", self.db_password),
        ])  # fmt: skip
        layout.addLayout(self.db_form)
        layout.addWidget(self.password_note)
        self.log_shared.toggled.connect(self._show_shared)
        self._show_shared(settings.log_shared)
        return box

    def _show_shared(self, shared: bool) -> None:
        for field in (self.db_host, self.db_port, self.db_name, self.db_user, self.db_password):
            field.setEnabled(shared)
        self.password_note.setVisible(shared)
        if shared and not self.password_note.text():
            self.password_note.setText(
                translate(
                    "Leave the password empty to keep the one saved before. It is kept in the operating system's "
                    "keyring where there is one."
                )
            )

    def _shared_database(self) -> object | None:
        """The shared database as typed (checked by the core), or None with the reason shown."""
        from ldn_desk.desk.log import shared_database
        from ldn_desk.errors import InputError

        try:
            return shared_database(
                self.db_host.text(), self.db_port.text(), self.db_name.text(), self.db_user.text()
            )
        except InputError as error:
            self.problem.setText(translate("Log: {error}").format(error=error))
            return None

    def collect(self) -> AppSettings | None:
        """The settings as entered, or None (with the reason shown) when something is refused."""
        self.balance_mwq.set_decimal_comma(self.decimal_comma.isChecked())
        if not self.balance_mwq.is_valid():
            self.problem.setText(translate("Correct the balance entry before saving."))
            return None
        chosen = tuple(key for key, box in self.syringes if box.isChecked())
        if not chosen:
            self.problem.setText(translate("Choose at least one syringe."))
            return None
        every = len(chosen) == len(self.syringes)
        shared = self.log_shared.isChecked()
        database = self._shared_database() if shared else None
        if shared and database is None:
            return None
        self.password_said: str | None = None
        if database is not None and self.db_password.text():
            from ldn_desk.desk.log import SharedDatabase, keep_password, use_shared_database

            assert isinstance(database, SharedDatabase)
            self.password_said = keep_password(database, self.db_password.text())
            if self.password_said is not None:  # no keyring: used for this run only, never written down
                use_shared_database(database, self.db_password.text())
        return AppSettings(
            clinic_name=self.clinic_name.text().strip(),
            clinic_contact=self.clinic_contact.text().strip(),
            paper_size=str(self.paper_size.currentData() or ""),
            syringes=() if every else chosen,
            balance_mwq=self.balance_mwq.text().strip(),
            label_layout=str(self.label_layout.currentData() or ""),
            decimal_comma=self.decimal_comma.isChecked(),
            interface_language=str(self.interface_language.currentData() or ""),
            log_shared=shared,
            db_host=self.db_host.text().strip(),
            db_port=self.db_port.text().strip(),
            db_name=self.db_name.text().strip(),
            db_user=self.db_user.text().strip(),
        )

    def accept(self) -> None:
        collected = self.collect()
        if collected is None:
            return
        self.result_settings = collected
        super().accept()
