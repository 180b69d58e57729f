"""Typed lists: several amounts in one entry ('0.5 mg, 1 mg, 1.5 mg'), read the same everywhere.

The one rule, for the command line and every app field that takes a list:

- Items are separated by a comma or a semicolon; spaces around a separator are optional, so
  `0.5 mg,1 mg`, `0.5 mg, 1 mg` and `0.5 mg; 1 mg` are the same list.
- A comma standing directly between two digits (`4,5`) never separates items: it is a decimal
  comma and belongs to the number. With the decimal point (the default) the parser refuses it,
  since `4,5 mg` could mean 4.5 mg or 45 mg; with the decimal-comma setting it is the decimal
  mark, so `1,5 mg, 3 mg` is 1.5 mg and 3 mg. Nothing is ever guessed.
- Each item is read by the strict parser with its own unit: `0.5, 1 mg` is refused ('0.5' needs
  a unit), never read as 0.5 mg and 1 mg.
- An empty item (`0.5 mg, , 1 mg`, a trailing comma) is refused, not skipped; at most 30 items.

`list_text` writes numbers the program holds back into an entry that this grammar reads as the
same values (exactly for values to six decimals; otherwise to within a conversion's float noise).
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable
from decimal import Decimal

from ldn_desk.errors import InputError
from ldn_desk.units.dose_text import format_number
from ldn_desk.units.quantity import DEFAULT_OPTIONS, Amount, Kind, ParseOptions, magnitude, parse_quantity

MAX_ITEMS = 30
_ITEM_CHARS = 40  # the parser's own limit for one amount
_MAX_CHARS = MAX_ITEMS * (_ITEM_CHARS + 2)
_TEXT_DECIMALS = 6  # a plan keeps doses to 0.000001 mg
_NOISE = 1e-12  # relative: a unit conversion's float noise (1500 mcg → 1.5000000000000002 mg)
_DIGITS = frozenset("0123456789")


def _folded(char: str) -> str:
    # Full-width digits and commas count as the ASCII ones, as the parser reads them.
    return unicodedata.normalize("NFKC", char)


def split_items(text: str) -> list[str]:
    """The items of `text` as typed (spaces kept), cut at each separator of the rule above."""
    items: list[str] = []
    start = 0
    for index, char in enumerate(text):
        folded = _folded(char)
        if folded == ",":
            before = _folded(text[index - 1]) if index > 0 else ""
            after = _folded(text[index + 1]) if index + 1 < len(text) else ""
            if before in _DIGITS and after in _DIGITS:
                continue  # a decimal comma, part of the number
        elif folded != ";":
            continue
        items.append(text[start:index])
        start = index + 1
    items.append(text[start:])
    return items


def parse_list(
    text: str,
    kind: Kind,
    field: str,
    *,
    example: str | None = None,
    options: ParseOptions = DEFAULT_OPTIONS,
) -> tuple[Amount, ...]:
    """Read a typed list of amounts of one kind, each in the kind's canonical unit, in the order
    given. Refused, naming the field: an empty entry or item, more than 30 items, and any item
    the strict parser refuses (its own message, naming the item)."""
    shown_example = example or f"{kind.example}, {kind.example}"
    if not isinstance(text, str):
        raise InputError(field, None, "expected amounts separated by commas", shown_example)
    if len(text) > _MAX_CHARS:
        raise InputError(field, text[:_ITEM_CHARS] + "…", "is too long for a list of amounts", shown_example)
    if not text.strip():
        raise InputError(field, text, "is empty; enter the amounts separated by commas", shown_example)
    items = split_items(text)
    if any(not item.strip() for item in items):
        raise InputError(
            field, text, "has an empty item; write one amount between each pair of commas", shown_example
        )
    if len(items) > MAX_ITEMS:
        raise InputError(field, text[:_ITEM_CHARS] + "…", f"at most {MAX_ITEMS} amounts", shown_example)
    return tuple(parse_quantity(item.strip(), kind, field, options=options) for item in items)


def parse_values(
    text: str,
    kind: Kind,
    field: str,
    *,
    example: str | None = None,
    options: ParseOptions = DEFAULT_OPTIONS,
) -> tuple[float, ...]:
    """`parse_list` as plain numbers in the kind's canonical unit (mg, mL, mg/mL, days …)."""
    amounts = parse_list(text, kind, field, example=example, options=options)
    return tuple(magnitude(amount, kind.canonical) for amount in amounts)


def amount_text(value: float, unit: str, *, options: ParseOptions = DEFAULT_OPTIONS) -> str:
    """One number the program holds as an entry the parser reads back: '1.5 mg' (or '1,5 mg'
    with the decimal comma); no thousands separator, up to six decimals."""
    number = format_number(value, _TEXT_DECIMALS, grouping=False)
    if not math.isclose(float(number), value, rel_tol=_NOISE, abs_tol=0.0):
        number = f"{Decimal(repr(value)):f}"  # finer than six decimals: every digit, never a rounded amount
    if options.decimal_comma:
        number = number.replace(".", ",")
    return f"{number} {unit}"


def list_text(values: Iterable[float], unit: str, *, options: ParseOptions = DEFAULT_OPTIONS) -> str:
    """'1.5 mg, 3 mg': values as an entry `parse_list` reads back as the same values."""
    return ", ".join(amount_text(value, unit, options=options) for value in values)
