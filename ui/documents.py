"""The app's Desk (the core's facade, made from the settings) and the PDFs the pages offer."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ldn_desk.desk import CapsuleRecipe, Desk, LiquidRecipe, PharmacyInfo, PlanOutcome
    from ui.settings.store import AppSettings
    from ui.widgets.doc_fields import HandoutFields, RecordFields
    from ui.widgets.label_sheet import LabelOptions

    Recipe = LiquidRecipe | CapsuleRecipe


def desk_for(settings: AppSettings, *, documents: bool = True) -> Desk:
    """The facade with what a pharmacy set once: its syringes, paper and label layout. Without
    `documents`, for results only (a plan worked out as the person types): the syringes alone,
    since finding the paper of the computer's region reads labels.toml, which the first results
    need not wait for; a document is always made by a desk with its paper."""
    from ldn_desk.desk import Desk, DeskSettings, library_syringes

    syringes = library_syringes(settings.syringes)
    if not documents:
        return Desk(DeskSettings(syringes=syringes))
    return Desk(
        DeskSettings(
            syringes=syringes,
            paper=settings.paper().lower(),
            label_layout=settings.label_layout or None,
        )
    )


def handout_pdf(outcome: PlanOutcome | None, fields: HandoutFields, settings: AppSettings) -> bytes:
    """The patient handout for a plan outcome (the plan page's current plan, form and supply)."""
    from ldn_desk.desk import HandoutInfo
    from ldn_desk.errors import LdnDeskError

    if outcome is None:
        raise LdnDeskError("there is no plan yet: correct the marked entries first")
    info = HandoutInfo(
        patient=fields.patient.text(),
        date=dt.date.today(),
        prescriber=fields.prescriber.text(),
        clinic=settings.clinic_name,
        contact=settings.clinic_contact,
    )
    return desk_for(settings).handout_pdf(
        outcome,
        info,
        large_print=fields.large_print.isChecked(),
        accept_few_marks=fields.accept_few_marks.isChecked(),
        accept_many_capsules=fields.accept_many_capsules.isChecked(),
        language=fields.language.code(),
    )


def _pharmacy_info(fields: RecordFields, compounded: dt.date, settings: AppSettings) -> PharmacyInfo:
    from ldn_desk.desk import PharmacyInfo
    from ldn_desk.errors import InputError

    if not settings.clinic_name.strip():
        raise InputError(
            "pharmacy name",
            "",
            "is needed on the record and label; set it in Settings (Ctrl+,)",
            "Riverside Pharmacy",
        )
    return PharmacyInfo(
        patient=fields.patient.text(),
        rx=fields.rx.text(),
        pharmacy=settings.clinic_name,
        date=compounded,
        contact=settings.clinic_contact,
        prescriber=fields.prescriber.text(),
        compounded_by=fields.compounded_by.text(),
        checked_by=fields.checked_by.text(),
    )


def _recipe(recipe: Recipe | None) -> Recipe:
    from ldn_desk.errors import LdnDeskError

    if recipe is None:
        raise LdnDeskError("there is no recipe yet: correct the marked entries first")
    return recipe


def record_pdf(
    recipe: Recipe | None, fields: RecordFields, compounded: dt.date, settings: AppSettings
) -> bytes:
    """The compounding record for a liquid or capsule page's current recipe."""
    directions = fields.directions.text().strip() or None
    info = _pharmacy_info(fields, compounded, settings)
    return desk_for(settings).record_pdf(_recipe(recipe), info, directions=directions)


def label_pdf(
    recipe: Recipe | None,
    fields: RecordFields,
    compounded: dt.date,
    settings: AppSettings,
    options: LabelOptions | None = None,
) -> bytes:
    """The container labels, on the label layout chosen in Settings: as many as asked, from the
    first free position of a part-used sheet, with cut lines if asked."""
    directions = fields.directions.text().strip() or None
    info = _pharmacy_info(fields, compounded, settings)
    copies, skip, outline = (
        (1, 0, False)
        if options is None
        else (options.copies.value(), options.skip, options.outline.isChecked())
    )
    return desk_for(settings).label_pdf(
        _recipe(recipe),
        info,
        directions=directions,
        copies=copies,
        skip=skip,
        outline=outline,
        language=fields.language.code(),
    )


def mfr_pdf(recipe: Recipe | None, settings: AppSettings) -> bytes:
    """The master formulation record the page's current recipe follows."""
    desk = desk_for(settings)
    return desk.mfr_pdf(desk.mfr_for(_recipe(recipe)), pharmacy=settings.clinic_name)
