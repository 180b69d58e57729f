"""Who and when a printed document is for: names, contacts, dates, checked for the bundled font."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields

from ldn_desk.documents.pdfbase import MAX_NAME_CHARS, printable
from ldn_desk.errors import InputError

_FIELD_NAMES = {
    "patient": "patient",
    "prescriber": "prescriber",
    "clinic": "clinic",
    "contact": "contact",
    "pharmacy": "pharmacy",
    "rx": "Rx number",
    "compounded_by": "compounded by",
    "checked_by": "checked by",
}
_MAX_RX_CHARS = 40
_EXAMPLES = {"rx": "RX-000123", "pharmacy": "Riverside Pharmacy", "clinic": "Riverside Clinic"}


def _clean_all(item: object, required: tuple[str, ...]) -> None:
    """Normalise every text field in place (frozen dataclass) and refuse what cannot print,
    naming the field and never its value (names are patient data)."""
    for spec in fields(item):  # type: ignore[arg-type]
        value = getattr(item, spec.name)
        if not isinstance(value, str):
            continue
        label = _FIELD_NAMES.get(spec.name, spec.name)
        limit = _MAX_RX_CHARS if spec.name == "rx" else MAX_NAME_CHARS
        cleaned = printable(value, label, max_chars=limit)
        if spec.name in required and not cleaned:
            raise InputError(
                label, None, "is needed on this document", _EXAMPLES.get(spec.name, "Jane Smith")
            )
        object.__setattr__(item, spec.name, cleaned)


@dataclass(frozen=True)
class HandoutInfo:
    """The handout header: the patient, the prescriber, and the clinic that prints it."""

    patient: str
    date: dt.date
    prescriber: str = ""
    clinic: str = ""
    contact: str = ""

    def __post_init__(self) -> None:
        _clean_all(self, ("patient",))


@dataclass(frozen=True)
class PharmacyInfo:
    """The record and label header: patient, Rx number, pharmacy, and who made and checked it."""

    patient: str
    rx: str
    pharmacy: str
    date: dt.date  # the day of compounding
    contact: str = ""
    prescriber: str = ""
    compounded_by: str = ""
    checked_by: str = ""
    dispensed: dt.date | None = None  # the date dispensed, printed on the label where given

    def __post_init__(self) -> None:
        _clean_all(self, ("patient", "rx", "pharmacy"))
        if self.dispensed is not None and not isinstance(self.dispensed, dt.date):
            raise InputError("date dispensed", str(self.dispensed), "must be a date", "2026-12-01")
        if self.dispensed is not None and self.dispensed < self.date:
            raise InputError(
                "date dispensed",
                self.dispensed.isoformat(),
                f"is before the day of compounding ({self.date.isoformat()})",
                self.date.isoformat(),
            )
