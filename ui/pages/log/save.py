"""Save to log: the Liquid or Capsules page's recipe saved as a draft record, lots and all."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

if TYPE_CHECKING:
    from ldn_desk.desk.log import NewRecord
    from ldn_desk.desk.records import DocumentSettings


class LogEvents(QObject):
    """Tells the Log page of records saved from the other pages, so its table is never stale."""

    record_saved = Signal(int)


log_events = LogEvents()


def save_to_log_button(page: Any) -> QPushButton:
    """The button a recipe page shows under its record fields."""
    button = QPushButton("Save to log…")
    button.setToolTip("Save this recipe as a draft compounding record, with makers, lots and weights")
    button.clicked.connect(lambda: save_to_log(page))
    return button


def document_settings(page: Any, settings: Any) -> DocumentSettings:
    """What the printed record takes beyond the recipe, as the page prints it today."""
    from ldn_desk.desk.records import DocumentSettings
    from ldn_desk.errors import InputError

    if not settings.clinic_name.strip():
        raise InputError(
            "pharmacy name", "", "is needed on the record and label; set it in Settings (Ctrl+,)",
            "Riverside Pharmacy",
        )  # fmt: skip
    fields = page.record_fields
    return DocumentSettings(
        pharmacy=settings.clinic_name,
        contact=settings.clinic_contact,
        prescriber=fields.prescriber.text(),
        directions=fields.directions.text().strip() or None,
        paper=settings.paper().lower(),
    )


def build_record(page: Any, dialog: Any) -> NewRecord:
    """The NewRecord for the recipe the page shows (not worked out again), printed once by the
    same core function as `ldn-desk log add`."""
    from ldn_desk.desk.records import RecordNames, new_record

    document = document_settings(page, page.get_settings())
    fields = page.record_fields
    # The page's fields take the dialog's names, so the page prints what the log holds.
    fields.patient.setText(dialog.patient.text())
    fields.rx.setText(dialog.rx.text())
    fields.compounded_by.setText(dialog.compounded_by.text())
    fields.checked_by.setText(dialog.checked_by.text())
    names = RecordNames(
        patient=dialog.patient.text(),
        rx_number=dialog.rx.text(),
        compounded_by=dialog.compounded_by.text(),
        checked_by=dialog.checked_by.text(),
        patient_ref=dialog.patient_ref.text(),
    )
    return new_record(page.recipe_input, names, document, dialog.ingredients.lines(), recipe=page.recipe)


def save_to_log(page: Any, parent: QWidget | None = None) -> int | None:
    """Ask for the record's details and save it; returns the new record's id, or None."""
    from ldn_desk.desk.records import formula_lines
    from ui.pages.log.dialogs import SaveRecordDialog

    parent = parent or page
    if page.update_pending():
        page.recompute()  # an entry typed a moment ago: save the recipe it gives, not the one before
    if page.recipe is None or page.recipe_input is None:
        QMessageBox.information(
            parent, "Nothing to save", "There is no recipe to save yet: correct the marked entries first."
        )
        return None
    kind = "liquid" if page.title == "Liquid" else "capsules"
    dialog = SaveRecordDialog(kind, page.record_fields, formula_lines(page.recipe), parent)
    saved: list[int] = []
    notes: list[str] = []

    def attempt() -> None:
        from ldn_desk.desk.log import Store
        from ldn_desk.errors import LdnDeskError
        from ui.team import session

        new = build_record(page, dialog)
        with Store.open_default() as store:
            team = store.has_users()
            record_id = store.save_record(new, by=session.credentials if team else None)
            saved.append(record_id)
            if team:
                notes.append("Sign it as prepared, then a pharmacist verifies it, on the Log page.")
            elif dialog.sign_now.isChecked() and dialog.checked_by.text().strip():
                try:
                    store.sign_off(record_id, dialog.checked_by.text())
                except LdnDeskError as error:
                    notes.append(f"It was not signed off: {error}")

    dialog.attempt = attempt
    if dialog.exec() != SaveRecordDialog.DialogCode.Accepted or not saved:
        return None
    log_events.record_saved.emit(saved[0])
    QMessageBox.information(
        parent,
        "Saved to log",
        " ".join([f"Saved as record {saved[0]}. It is on the Log page (Ctrl+4).", *notes]),
    )
    return saved[0]
