"""Makes the PDFs the pages offer with the documents package, the page's names and the settings."""

from __future__ import annotations

import datetime as dt
from typing import Any


def page_setup(settings: Any, *, large_print: bool = False) -> Any:
    from ldn_desk.documents.pdfbase import PageSetup

    return PageSetup(paper=settings.paper().lower(), large_print=large_print)


def handout_pdf(page: Any, settings: Any) -> bytes:
    """The patient handout for the plan page's current plan, form and supply."""
    from ldn_desk.documents.handout import handout_pdf as make
    from ldn_desk.documents.info import HandoutInfo
    from ldn_desk.plans.measuring import LiquidSchedule

    fields = page.handout_fields
    info = HandoutInfo(
        patient=fields.patient.text(),
        date=dt.date.today(),
        prescriber=fields.prescriber.text(),
        clinic=settings.clinic_name,
        contact=settings.clinic_contact,
    )
    liquid = page.schedule if isinstance(page.schedule, LiquidSchedule) else None
    capsules = None if liquid is not None else page.schedule
    setup = page_setup(settings, large_print=fields.large_print.isChecked())
    return make(page.plan, info, setup, liquid=liquid, capsules=capsules, supply=page.supply)


def _pharmacy_info(page: Any, settings: Any) -> Any:
    from ldn_desk.documents.info import PharmacyInfo
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


def record_pdf(page: Any, settings: Any) -> bytes:
    """The compounding record for a liquid or capsule page's current recipe."""
    from ldn_desk.documents.record import record_pdf as make

    directions = page.record_fields.directions.text().strip() or None
    return make(page.recipe, _pharmacy_info(page, settings), page_setup(settings), directions=directions)


def label_pdf(page: Any, settings: Any) -> bytes:
    """The container label, on the label layout chosen in Settings."""
    from ldn_desk.documents.label import label_pdf as make

    directions = page.record_fields.directions.text().strip() or None
    layout = settings.label_layout or None
    return make(page.recipe, _pharmacy_info(page, settings), layout, directions=directions)
