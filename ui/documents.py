"""The app's Desk (the core's facade, made from the settings) and the PDFs the pages offer."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ldn_desk.desk import CapsuleRecipe, Desk, LiquidRecipe, PharmacyInfo
    from ui.pages.plan.page import PlanPage
    from ui.pages.recipe import RecipePage
    from ui.settings.store import AppSettings

    Recipe = LiquidRecipe | CapsuleRecipe


def desk_for(settings: AppSettings) -> Desk:
    """The facade with what a pharmacy set once: its syringes, paper and label layout."""
    from ldn_desk.desk import Desk, DeskSettings, library_syringes

    return Desk(
        DeskSettings(
            syringes=library_syringes(settings.syringes),
            paper=settings.paper().lower(),
            label_layout=settings.label_layout or None,
        )
    )


def handout_pdf(page: PlanPage, settings: AppSettings) -> bytes:
    """The patient handout for the plan page's current plan, form and supply."""
    from ldn_desk.desk import HandoutInfo
    from ldn_desk.errors import LdnDeskError

    if page.outcome is None:
        raise LdnDeskError("there is no plan yet: correct the marked entries first")
    fields = page.handout_fields
    info = HandoutInfo(
        patient=fields.patient.text(),
        date=dt.date.today(),
        prescriber=fields.prescriber.text(),
        clinic=settings.clinic_name,
        contact=settings.clinic_contact,
    )
    return desk_for(settings).handout_pdf(
        page.outcome,
        info,
        large_print=fields.large_print.isChecked(),
        accept_few_marks=fields.accept_few_marks.isChecked(),
        accept_many_capsules=fields.accept_many_capsules.isChecked(),
    )


def _pharmacy_info(page: RecipePage, settings: AppSettings) -> PharmacyInfo:
    from ldn_desk.desk import PharmacyInfo
    from ldn_desk.errors import InputError

    if not settings.clinic_name.strip():
        raise InputError(
            "pharmacy name",
            "",
            "is needed on the record and label; set it in Settings (Ctrl+,)",
            "Riverside Pharmacy",
        )
    fields = page.record_fields
    return PharmacyInfo(
        patient=fields.patient.text(),
        rx=fields.rx.text(),
        pharmacy=settings.clinic_name,
        date=page.compounded.value(),
        contact=settings.clinic_contact,
        prescriber=fields.prescriber.text(),
        compounded_by=fields.compounded_by.text(),
        checked_by=fields.checked_by.text(),
    )


def _recipe(page: RecipePage) -> Recipe:
    from ldn_desk.errors import LdnDeskError

    if page.recipe is None:
        raise LdnDeskError("there is no recipe yet: correct the marked entries first")
    return page.recipe


def record_pdf(page: RecipePage, settings: AppSettings) -> bytes:
    """The compounding record for a liquid or capsule page's current recipe."""
    directions = page.record_fields.directions.text().strip() or None
    info = _pharmacy_info(page, settings)
    return desk_for(settings).record_pdf(_recipe(page), info, directions=directions)


def label_pdf(page: RecipePage, settings: AppSettings) -> bytes:
    """The container label, on the label layout chosen in Settings."""
    directions = page.record_fields.directions.text().strip() or None
    info = _pharmacy_info(page, settings)
    return desk_for(settings).label_pdf(_recipe(page), info, directions=directions)
