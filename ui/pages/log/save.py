"""Save to log: the Liquid or Capsules page's recipe saved as a draft record, lots and all."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from ui.i18n import app_date, core_error, translate

if TYPE_CHECKING:
    from ldn_desk.desk.log import NewRecord
    from ldn_desk.desk.records import DocumentSettings


class LogEvents(QObject):
    """Tells the Log page of records saved from the other pages, so its table is never stale."""

    record_saved = Signal(int)


log_events = LogEvents()


def save_to_log_button(page: Any) -> QPushButton:
    """The button a recipe page shows under its record fields."""
    button = QPushButton(translate("Save to log…"))
    button.setToolTip(
        translate("Save this recipe as a draft compounding record, with makers, lots and weights")
    )
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


def build_record(page: Any, dialog: Any) -> tuple[NewRecord, tuple[tuple[int, float], ...]]:
    """The NewRecord for the recipe the page shows (not worked out again), printed once by the
    same core function as `ldn-desk log add`, and the (lot id, quantity) it draws on. With lots
    chosen the recipe is worked out again from them, as `ldn-desk log add --lot` does."""
    import dataclasses

    from ldn_desk.desk.records import RecordNames, new_record, record_with_lots, with_expiries

    # The date dispensed and the lines' expiries, read at their fields, go the way of
    # `ldn-desk log add --dispensed/--expiry`: the earliest expiry caps the BUD.
    document = dataclasses.replace(
        document_settings(page, page.get_settings()), dispensed=dialog.dispensed_on()
    )
    expiries = dialog.expiries()
    inp = with_expiries(page.recipe_input, expiries)
    recipe = None if expiries else page.recipe
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
    lines, chosen = dialog.ingredients.lines(), dialog.chosen_lots()
    if not chosen:
        return new_record(inp, names, document, lines, recipe=recipe), ()
    draft = record_with_lots(inp, names, document, lines, chosen, recipe=recipe)
    return draft.record, draft.draws


def lot_offers(page: Any, lines: list[tuple[str, str]]) -> list[list[tuple[Any, str]]]:
    """For each formula line, the lots on hand a record may draw on (none when the log has none)."""
    from ldn_desk.desk.log import Store, log_exists
    from ldn_desk.desk.records import lot_choice_text, usable_lots
    from ldn_desk.errors import LdnDeskError

    if not log_exists():  # looking for lots never makes a log: with none, lots are typed
        return [[] for _line in lines]
    try:
        with Store.open_default() as store:
            lots = store.lots()
    except LdnDeskError:
        return [[] for _line in lines]  # no log yet, or it cannot be read: lots are typed
    day = page.recipe_input.compounded
    return [[(lot, lot_choice_text(lot)) for lot in usable_lots(lots, name, day)] for name, _amount in lines]


def show_lot_certificate(page: Any, dialog: Any) -> None:
    """A chosen powder lot's certificate (assay, water, salt) goes into the page's fields, shown
    read-only while the lot is chosen, and the recipe is worked out again from it; the dialog's
    recipe amounts follow. Without a powder lot the fields are typed again."""
    from ldn_desk.desk.records import drawn_amounts, formula_lines

    powder = next(
        (lot for lot, _amount in dialog.chosen_lots().values() if lot.assay_percent is not None), None
    )
    if not all(hasattr(page, name) for name in ("potency", "water", "salt")):
        return
    potency, water, salt = page.potency, page.water, page.salt
    if powder is not None:
        potency.set_text(f"{powder.assay_percent:g} %")
        water.set_text(f"{powder.water_percent:g} %")
        salt.setCurrentIndex(max(0, salt.findData("HCl" if powder.salt == "hydrochloride" else "base")))
    why = (
        translate("From the certificate of lot {lot}; choose no lot to type it").format(lot=powder.lot)
        if powder is not None
        else ""
    )
    for field in (potency, water):
        field.edit.setReadOnly(powder is not None)
        field.edit.setToolTip(why)
    salt.setEnabled(powder is None)
    salt.setToolTip(why)
    if powder is None:
        return
    page.recompute()
    if page.recipe is not None:
        table = dialog.ingredients
        for row, (_name, amount) in enumerate(formula_lines(page.recipe)[: table.rowCount()]):
            item = table.item(row, 1)
            if item is not None:
                item.setText(amount)
        dialog.drawn = drawn_amounts(page.recipe)  # what is weighed from the lot, worked out again


def unlock_certificate(page: Any) -> None:
    for name in ("potency", "water"):
        field = getattr(page, name, None)
        if field is not None:
            field.edit.setReadOnly(False)
            field.edit.setToolTip("")
    if getattr(page, "salt", None) is not None:
        page.salt.setEnabled(True)
        page.salt.setToolTip("")


def show_lot_bud(page: Any, dialog: Any) -> None:
    """The BUD the record will carry with the lots chosen and the expiries typed, and why when a
    component's expiry caps it; a powder lot's certificate (assay, water, salt) that the recipe
    is worked out again with."""
    from ldn_desk.desk.records import capped_bud, input_from_lots, make_recipe, with_expiries
    from ldn_desk.errors import LdnDeskError

    lots = [lot for lot, _amount in dialog.chosen_lots().values()]
    expiries = dialog.expiries()
    if not lots and not expiries:
        bud = page.recipe.bud if page.recipe is not None else None
        dialog.bud.setText(
            ""
            if bud is None
            else translate("BUD: {date} (no component expiry comes before it).").format(
                date=app_date(bud.date)
            )
        )
        return
    try:
        if lots:
            bud = make_recipe(with_expiries(input_from_lots(page.recipe_input, lots), expiries)).bud
        else:  # typed expiries only: the recipe stays as shown, its BUD capped
            bud = capped_bud(page.recipe, page.recipe_input.compounded, expiries)
    except LdnDeskError as error:
        said = core_error(error)
        dialog.bud.setText(
            translate("These lots cannot be used: {error}").format(error=said) if lots else said
        )
        return
    # The date in the same words the record prints ("1 March 2027", "1 de marzo de 2027").
    date = app_date(bud.date)
    text = (
        translate("BUD with these lots: {date}").format(date=date)
        if lots
        else translate("BUD: {date}").format(date=date)
    )
    if bud.limited_by:
        text += translate(" (capped: {ingredient} expires then)").format(ingredient=bud.limited_by)
    for lot in lots:
        if lot.assay_percent is not None:
            text += translate(". Powder lot {lot}: assay {assay} %, water {water} %, {salt}, from its certificate; "
                              "the recipe is worked out with them").format(
                lot=lot.lot, assay=f"{lot.assay_percent:g}", water=f"{lot.water_percent:g}", salt=lot.salt)  # fmt: skip
    dialog.bud.setText(text + ".")


def save_to_log(page: Any, parent: QWidget | None = None) -> int | None:
    """Ask for the record's details and save it; returns the new record's id, or None."""
    from ldn_desk.desk.records import drawn_amounts, formula_lines
    from ui.pages.log.dialogs import SaveRecordDialog

    parent = parent or page
    required = getattr(page, "required", None)
    if required is not None and not required.check_all():
        return None  # each missing field is marked, the first has the focus, the button's note lists them
    if page.update_pending():
        page.recompute()  # an entry typed a moment ago: save the recipe it gives, not the one before
    if page.recipe is None or page.recipe_input is None:
        QMessageBox.information(
            parent,
            translate("Nothing to save"),
            translate("There is no recipe to save yet: correct the marked entries first."),
        )
        return None
    kind = "liquid" if page.title == "Liquid" else "capsules"
    # Cancelling never throws away what was typed: the lots and weights come back next time.
    typed = getattr(page, "record_draft", None)
    lines = formula_lines(page.recipe)
    dialog = SaveRecordDialog(kind, page.record_fields, lines, parent, typed, lot_offers(page, lines),
                              page.recipe_input.compounded, drawn_amounts(page.recipe))  # fmt: skip

    def lots_changed() -> None:
        show_lot_certificate(page, dialog)
        show_lot_bud(page, dialog)

    dialog.lots_changed = lots_changed
    dialog.bud_changed = lambda: show_lot_bud(page, dialog)
    lots_changed()
    saved: list[int] = []
    notes: list[str] = []

    def attempt() -> None:
        from ldn_desk.desk.log import Store
        from ldn_desk.errors import LdnDeskError
        from ui.team import session

        new, draws = build_record(page, dialog)
        with Store.open_default() as store:
            team = store.has_users()
            record_id = store.save_record(new, by=session.credentials if team else None, draws=draws)
            saved.append(record_id)
            if team:
                notes.append(
                    translate("Sign it as prepared, then a pharmacist verifies it, on the Log page.")
                )
            elif dialog.sign_now.isChecked() and dialog.checked_by.text().strip():
                try:
                    store.sign_off(record_id, dialog.checked_by.text())
                except LdnDeskError as error:
                    notes.append(translate("It was not signed off: {error}").format(error=error))

    dialog.attempt = attempt
    if dialog.exec() != SaveRecordDialog.DialogCode.Accepted or not saved:
        typed_now = dialog.typed()
        filled = (
            typed_now["patient_ref"].strip()
            or typed_now["dispensed"].strip()
            or any(any(v.strip() for v in line.values()) for line in typed_now["lines"].values())
        )
        page.record_draft = typed_now if filled else None
        fields = page.record_fields  # the names typed in the dialog stay on the page
        for edit, typed_text in (
            (fields.patient, dialog.patient.text()),
            (fields.patient_ref, dialog.patient_ref.text()),
            (fields.rx, dialog.rx.text()),
            (fields.compounded_by, dialog.compounded_by.text()),
            (fields.checked_by, dialog.checked_by.text()),
        ):
            edit.setText(typed_text)
        page.unsaved_changed.emit()
        return None
    page.record_draft = None
    unlock_certificate(page)  # the lot is used: the next batch's assay is typed or chosen again
    log_events.record_saved.emit(saved[0])
    if hasattr(page, "mark_saved"):
        page.mark_saved()  # the draft is in the log now
    QMessageBox.information(
        parent,
        translate("Saved to log"),
        " ".join(
            [
                translate("Saved as record {record}. It is on the Log page (Ctrl+4).").format(
                    record=saved[0]
                ),
                *notes,
            ]
        ),
    )
    return saved[0]
