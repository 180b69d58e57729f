"""Search keys: lot numbers and patient names reduced so that spelling variants still match."""

from __future__ import annotations

from ldn_desk.units.characters import is_hidden


def lot_key(lot: str) -> str:
    """'ab 12-3 ' and 'AB12-3' are the same lot on a recall: case and spaces never matter, and
    neither does an invisible character a lot saved by an earlier version may hold."""
    return "".join(char for char in "".join(str(lot).split()) if not is_hidden(char)).upper()


def patient_key(*parts: str) -> str:
    """Case-folded, single-spaced name and identifier, so 'Jane  DOE' finds 'jane doe'."""
    return " ".join(" ".join(str(part).split()) for part in parts if str(part).strip()).casefold()
