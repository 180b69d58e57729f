"""What went into a batch: each ingredient's maker, lot, expiry and the amount really weighed."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ldn_desk.errors import InputError
from ldn_desk.units.characters import check_identifier

MAX_TEXT = 500
_EXPIRY = re.compile(r"[0-9]{4}-[0-9]{2}(-[0-9]{2})?")
_COUNTED = re.compile(r"[1-9][0-9]* (tablet|tablets|capsule|capsules)")


def checked_text(field_name: str, value: object, *, required: bool, private: bool = False) -> str:
    """Trimmed text of one line, every character visible (no control, invisible or bidi character);
    a private value (patient, Rx) is never repeated in the message."""
    if not isinstance(value, str):
        raise InputError(field_name, None, "must be text", "" if private else "AB1234")
    cleaned = value.strip()
    shown = None if private else value
    if required and not cleaned:
        raise InputError(field_name, None, "is required")
    if len(cleaned) > MAX_TEXT:
        raise InputError(field_name, None, f"is longer than {MAX_TEXT} characters")
    if any(ord(char) < 32 for char in cleaned):
        raise InputError(field_name, shown, "contains a line break or control character")
    # Invisible and bidi characters too: a lot or Rx number must be what it looks like on paper.
    return check_identifier(cleaned, field_name, private=private)


@dataclass(frozen=True)
class IngredientLine:
    """One line of a compounding record: what went in, from which maker and lot, and the amount
    really weighed or measured."""

    name: str
    maker: str = ""
    lot: str = ""
    expiry: str = ""  # as on the container: 2027-03-31 or 2027-03
    actual_amount: str = ""  # as entered, e.g. "15.2 mg", "100 mL" or "2 tablets"

    def __post_init__(self) -> None:
        for name in ("name", "maker", "lot", "expiry", "actual_amount"):
            cleaned = checked_text(
                f"ingredient {name.replace('_', ' ')}", getattr(self, name), required=name == "name"
            )
            object.__setattr__(self, name, cleaned)
        if self.expiry:
            _check_expiry(self.expiry)
        if self.actual_amount:
            _check_amount(self.actual_amount)

    @classmethod
    def as_saved(cls, name: str, maker: str, lot: str, expiry: str, actual_amount: str) -> IngredientLine:
        """A line read back from the log exactly as saved, not checked again: an earlier version may
        have kept text today's rules refuse (an invisible character), and a saved record must
        always be readable. A correction of it is checked like any new line."""
        line = object.__new__(cls)
        for key, value in zip(("name", "maker", "lot", "expiry", "actual_amount"),
                              (name, maker, lot, expiry, actual_amount), strict=True):  # fmt: skip
            object.__setattr__(line, key, value)
        return line

    def missing(self) -> list[str]:
        """What a checker still has to see before sign-off."""
        labels = {"maker": "maker", "lot": "lot", "expiry": "expiry", "actual_amount": "actual amount"}
        return [label for key, label in labels.items() if not getattr(self, key)]


def _check_amount(text: str) -> None:
    """A weight, a volume made up to, or whole tablets counted; refused with the parser's own words."""
    from ldn_desk.units.quantity import Kind, parse_quantity

    if _COUNTED.fullmatch(text):
        return
    try:
        parse_quantity(text, Kind.MASS, "actual amount")
    except InputError as refused:
        try:
            parse_quantity(text, Kind.VOLUME, "actual amount")  # a liquid made up to volume: "100 mL"
        except InputError:
            raise refused from None


def _check_expiry(text: str) -> None:
    if _EXPIRY.fullmatch(text):
        year, month, *day = (int(part) for part in text.split("-"))
        try:
            dt.date(year, month, day[0] if day else 1)
        except ValueError:
            pass
        else:
            return
    raise InputError("expiry", text, "write a real date as year-month-day or year-month", "2027-03-31")
