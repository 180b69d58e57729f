"""The program's one unit registry, and the strict parser for every amount a person types.

Raw text never reaches pint: a closed pattern splits it into a plain decimal number and a
unit word from our own table, and only then is a quantity built.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from enum import Enum
from typing import Any, TypeAlias

import pint
from pint.facets.plain.definitions import DimensionDefinition, ScaleConverter, UnitDefinition
from pint.util import UnitsContainer

from ldn_desk.errors import InputError
from ldn_desk.units.characters import is_hidden
from ldn_desk.units.characters import shown as _shown

# The units LDN needs, as pint's definition language writes them (the same names, symbols and
# factors as pint's default file). `_build_registry` enters them as the definition objects
# pint's parser makes of these lines, without running the parser (a few ms of every start);
# tests/core/test_units_registry.py checks they are the same, and that every conversion equals
# what a registry read from the lines and pint's full default registry give.
DEFINITIONS = (
    "gram = [mass] = g",
    "milligram = 1e-3 gram = mg",
    "microgram = 1e-6 gram = mcg",
    "kilogram = 1e3 gram = kg",
    "liter = [volume] = L",
    "milliliter = 1e-3 liter = mL",
    "day = [time]",
    "week = 7 day",
    "percent = 0.01 = pct",
)
# (name, symbol, reference unit or [dimension], factor), as the lines above say.
_UNITS: tuple[tuple[str, str | None, str | None, int | float], ...] = (
    ("gram", "g", "[mass]", 1),
    ("milligram", "mg", "gram", 1e-3),
    ("microgram", "mcg", "gram", 1e-6),
    ("kilogram", "kg", "gram", 1e3),
    ("liter", "L", "[volume]", 1),
    ("milliliter", "mL", "liter", 1e-3),
    ("day", None, "[time]", 1),
    ("week", None, "day", 7),
    ("percent", "pct", None, 0.01),
)


# Every unit expression the program writes or reads (the fields' unit words and canonical units),
# as the container of canonical names pint's parser makes of it. pint keeps no parsed "mg/mL" (its
# cache holds only single unit names) and compiles its tokenizer on the first parse, a few ms of
# each start; the registry answers these from the table instead. tests/core/test_units_registry.py
# checks each entry is what pint's parser reads from the text.
KNOWN_UNITS: dict[str, dict[str, int]] = {
    "g": {"gram": 1},
    "mg": {"milligram": 1},
    "mcg": {"microgram": 1},
    "kg": {"kilogram": 1},
    "L": {"liter": 1},
    "mL": {"milliliter": 1},
    "day": {"day": 1},
    "week": {"week": 1},
    "percent": {"percent": 1},
    "mg/mL": {"milligram": 1, "milliliter": -1},
    "mcg/mL": {"microgram": 1, "milliliter": -1},
    "g/mL": {"gram": 1, "milliliter": -1},
    "mg/L": {"milligram": 1, "liter": -1},
}


class _Registry(pint.UnitRegistry):  # type: ignore[type-arg]
    """pint's registry, reading the program's own unit expressions from KNOWN_UNITS."""

    _known: dict[str, UnitsContainer]

    def parse_units_as_container(
        self, input_string: str, as_delta: bool | None = None, case_sensitive: bool | None = None
    ) -> UnitsContainer:
        known = self._known.get(input_string)
        if known is not None:
            return known
        return super().parse_units_as_container(input_string, as_delta, case_sensitive)


def _build_registry() -> pint.UnitRegistry[Any]:
    # LDN needs a handful of units; pint's default file would cost more start-up than the work,
    # and so would reading even these few lines with pint's text parser.
    registry = _Registry(None, cache_folder=None)
    registry._known = {}  # pint's own parser while the units are defined, the table once they are
    # define() takes a definition object as it takes a line (pint annotates it as str | type).
    for name, symbol, reference, factor in _UNITS:
        if reference is not None and reference.startswith("["):
            registry.define(DimensionDefinition(reference))  # type: ignore[arg-type]
        container = UnitsContainer({} if reference is None else {reference: 1})
        unit = UnitDefinition(name, symbol, (), ScaleConverter(factor), container)
        registry.define(unit)  # type: ignore[arg-type]
    registry._known = {text: UnitsContainer(names) for text, names in KNOWN_UNITS.items()}
    return registry


ureg = _build_registry()
Quantity = ureg.Quantity
Amount: TypeAlias = "pint.Quantity[float]"


class Kind(Enum):
    """What a field wants: its canonical unit, the words it accepts, an example of good input."""

    MASS = ("mg", "4.5 mg")
    VOLUME = ("mL", "100 mL")
    CONCENTRATION = ("mg/mL", "1 mg/mL")
    DENSITY = ("g/mL", "0.3 g/mL")
    DURATION = ("day", "14 days")
    PERCENT = ("percent", "99.5 %")

    def __init__(self, canonical: str, example: str) -> None:
        self.canonical = canonical
        self.example = example


# unit word (after lower-casing) -> (pint unit, kind). Closed on purpose.
_UNIT_WORDS: dict[str, tuple[str, Kind]] = {
    "mg": ("mg", Kind.MASS),
    "mcg": ("mcg", Kind.MASS),
    "ug": ("mcg", Kind.MASS),
    "μg": ("mcg", Kind.MASS),
    "g": ("g", Kind.MASS),
    "ml": ("mL", Kind.VOLUME),
    "l": ("L", Kind.VOLUME),
    "mg/ml": ("mg/mL", Kind.CONCENTRATION),
    "mcg/ml": ("mcg/mL", Kind.CONCENTRATION),
    "ug/ml": ("mcg/mL", Kind.CONCENTRATION),
    "μg/ml": ("mcg/mL", Kind.CONCENTRATION),
    "g/ml": ("g/mL", Kind.DENSITY),
    "mg/l": ("mg/L", Kind.CONCENTRATION),
    "d": ("day", Kind.DURATION),
    "day": ("day", Kind.DURATION),
    "days": ("day", Kind.DURATION),
    "wk": ("week", Kind.DURATION),
    "wks": ("week", Kind.DURATION),
    "week": ("week", Kind.DURATION),
    "weeks": ("week", Kind.DURATION),
    # Spanish, for a pharmacy or prescriber working in it ("16 semanas", "14 días"); the accent
    # may be left out, as a keyboard without it writes them.
    "día": ("day", Kind.DURATION),
    "días": ("day", Kind.DURATION),
    "dia": ("day", Kind.DURATION),
    "dias": ("day", Kind.DURATION),
    "semana": ("week", Kind.DURATION),
    "semanas": ("week", Kind.DURATION),
    "%": ("percent", Kind.PERCENT),
}

_MAX_LENGTH = 40
_POINT_NUMBER = r"[0-9]+(?:\.[0-9]+)?"
_COMMA_NUMBER = r"[0-9]+(?:,[0-9]+)?"
_UNIT = r"[a-zμ%í]+(?:/[a-zμ]+)?"  # í: the Spanish "días"


@dataclass(frozen=True)
class ParseOptions:
    """How numbers are read: decimal point (default) or, where the user's settings say so, comma."""

    decimal_comma: bool = False


DEFAULT_OPTIONS = ParseOptions()


_FULL_WIDTH = range(0xFF01, 0xFF5F)  # full-width ASCII forms: the same characters, typed wide


def fold_typed(text: str, field: str, example: str) -> str:
    """The characters a person typed, folded only where two forms are the same character.

    Full-width ASCII (an East Asian keyboard's "４.５ ｍｇ") becomes ASCII, the micro sign becomes
    Greek mu and any space becomes a plain space. Everything that would change a value if folded
    is refused instead, naming the character: superscript and subscript digits ("30¹" is not 301),
    fractions, digits of other scripts, and invisible, control, bidi or unpaired surrogate
    characters (which would hide part of what was typed).
    """
    out: list[str] = []
    for char in text:
        code = ord(char)
        if code in _FULL_WIDTH:
            out.append(chr(code - 0xFEE0))
        elif char == "\u00b5":
            out.append("μ")
        elif char.isspace():
            out.append(" ")
        elif char.isascii():
            out.append(char)
        elif is_hidden(char):
            raise InputError(
                field, _shown(text), f"contains an invisible or control character ({_code(char)})", example
            )
        elif unicodedata.numeric(char, None) is not None:
            raise InputError(
                field, _shown(text), f"'{char}' ({_code(char)}) is not a plain digit; use 0-9", example
            )
        else:
            out.append(char)
    return "".join(out)


def _code(char: str) -> str:
    return f"U+{ord(char):04X}"


def _normalise(text: str, field: str, kind: Kind) -> str:
    folded = fold_typed(text, field, kind.example).strip().lower()
    folded = re.sub(r"\s*/\s*", "/", folded)
    return folded


def _refuse(field: str, text: str, problem: str, kind: Kind) -> InputError:
    return InputError(field, text, problem, kind.example)


def _mended(
    field: str, text: str, problem: str, kind: Kind, mended: str, options: ParseOptions
) -> InputError:
    """A refusal whose example is what the person typed, mended ("0.5 mg" for ".5 mg", "5 mL" for
    "5 cc"), where that reads as an amount of the field; else the field's own example."""
    number_pattern = _COMMA_NUMBER if options.decimal_comma else _POINT_NUMBER
    match = re.fullmatch(rf"({number_pattern})\s*({_UNIT})?", mended)
    entry = _UNIT_WORDS.get(match.group(2) or "") if match else None
    example = kind.example
    if match is not None and entry is not None and entry[1] is kind:
        candidate = f"{match.group(1)} {'%' if kind is Kind.PERCENT else entry[0]}"
        try:
            parse_quantity(candidate, kind, field, options=options)
        except InputError:
            pass
        else:
            example = candidate
    return InputError(field, text, problem, example)


_MAX_WHOLE_DIGITS = 12  # no amount in a pharmacy reaches a trillion; past 28 digits decimals fail


def _read_number(field: str, text: str, number: str, kind: Kind, options: ParseOptions) -> float:
    if len(re.split(r"[.,]", number)[0].lstrip("0")) > _MAX_WHOLE_DIGITS:
        raise _refuse(field, text, "the number is too large", kind)
    value = float(number.replace(",", ".")) if options.decimal_comma else float(number)
    if not math.isfinite(value):
        raise _refuse(field, text, "the number is too large", kind)
    return value


def _diagnose(field: str, text: str, folded: str, kind: Kind, options: ParseOptions) -> InputError:
    """Explain why text that did not match the plain 'number unit' form was refused."""
    if not folded:
        return _refuse(field, text, "is empty; enter an amount with its unit", kind)
    if re.search(r"\bcc\b|[0-9]cc\b", folded):
        mended = re.sub(r"^(?=[.,][0-9])", "0", re.sub(r"cc\b", "ml", folded))
        return _mended(field, text, "'cc' is not used; write mL", Kind.VOLUME, mended, options)
    if re.search(r"\b(?:inf|infinity|nan)\b", folded):
        return _refuse(field, text, "is not a finite number", kind)
    if folded.startswith("-") or re.match(r"^[−–]", folded):
        return _refuse(field, text, "must be more than zero", kind)
    if options.decimal_comma and re.search(r"[0-9]\.[0-9]", folded):
        return _refuse(field, text, "your settings use a decimal comma; write the number with a comma", kind)
    if "," in folded and not options.decimal_comma:
        return _refuse(
            field,
            text,
            "commas are not read as numbers here (4,5 could mean 4.5 or 45); use a decimal point",
            kind,
        )
    if re.match(r"^[.,][0-9]", folded):
        return _mended(
            field, text, "write a leading zero before the decimal point", kind, "0" + folded, options
        )
    if re.search(r"[0-9][.,](?![0-9])", folded):
        return _refuse(field, text, "a decimal point must be followed by digits", kind)
    if re.search(r"[0-9]\s*e\s*[-+]?[0-9]", folded) or "^" in folded or "**" in folded:
        return _refuse(field, text, "exponents are not accepted; write the plain number", kind)
    if re.search(r"[+*×÷()=]|[0-9]\s*/\s*[0-9]|[0-9]\s*-", folded):
        return _refuse(field, text, "enter one plain number, not a calculation", kind)
    if len(re.findall(r"[0-9]+(?:[.,][0-9]+)?", folded)) > 1:
        return _refuse(field, text, "enter one number only", kind)
    if not re.search(r"[0-9]", folded):
        return _refuse(field, text, f"needs a number before the unit ({kind.canonical})", kind)
    return _refuse(field, text, f"is not an amount in {kind.canonical}", kind)


def parse_quantity(
    text: str,
    kind: Kind,
    field: str,
    *,
    allow_zero: bool = False,
    options: ParseOptions = DEFAULT_OPTIONS,
) -> Amount:
    """Read 'number unit' typed by a person into a quantity in the kind's canonical unit.

    Refuses, naming the field: the wrong dimension, a bare number or a bare unit, zero (unless
    allowed) or negative amounts, non-finite values, and anything but one plain number and a unit.
    """
    if not isinstance(text, str):
        raise InputError(field, None, "expected text such as the example", kind.example)
    if len(text) > _MAX_LENGTH:
        raise _refuse(field, text[:_MAX_LENGTH] + "…", "is too long for an amount", kind)
    folded = _normalise(text, field, kind)
    number_pattern = _COMMA_NUMBER if options.decimal_comma else _POINT_NUMBER
    match = re.fullmatch(rf"({number_pattern})\s*({_UNIT})?", folded)
    if match is None:
        raise _diagnose(field, text, folded, kind, options)
    number, unit_word = match.group(1), match.group(2)
    if unit_word is None:
        if kind is not Kind.PERCENT:
            raise _refuse(field, text, f"needs a unit ({kind.canonical})", kind)
        unit_word = "%"
    if unit_word == "cc":
        raise _mended(field, text, "'cc' is not used; write mL", Kind.VOLUME, f"{number} ml", options)
    entry = _UNIT_WORDS.get(unit_word)
    if entry is None:
        raise _refuse(field, text, f"'{unit_word}' is not a unit this field knows", kind)
    unit, unit_kind = entry
    if unit_kind is not kind:
        raise _refuse(field, text, f"needs {_describe(kind)}, not {_describe(unit_kind)}", kind)
    value = _read_number(field, text, number, kind, options)
    if value == 0 and not allow_zero:
        raise _refuse(field, text, "must be more than zero", kind)
    return Quantity(value, unit).to(kind.canonical)


def _describe(kind: Kind) -> str:
    return {
        Kind.MASS: "a weight (mg or mcg)",
        Kind.VOLUME: "a volume (mL)",
        Kind.CONCENTRATION: "a strength (mg/mL)",
        Kind.DENSITY: "a density (g/mL)",
        Kind.DURATION: "a number of days or weeks",
        Kind.PERCENT: "a percentage",
    }[kind]


def parse_count(
    text: str, field: str, *, minimum: int = 1, maximum: int = 10_000, example: str = "30"
) -> int:
    """Read a whole number of things (capsules, tablets) within [minimum, maximum]."""
    folded = fold_typed(str(text), field, example).strip()
    if not re.fullmatch(r"[0-9]{1,9}", folded):
        if re.fullmatch(r"[0-9]+[.,][0-9]+", folded):
            raise InputError(field, text, "must be a whole number", example)
        raise InputError(field, text, "must be a whole number with no unit", example)
    value = int(folded)
    if value < minimum:
        raise InputError(field, text, f"must be at least {minimum}", example)
    if value > maximum:
        raise InputError(field, text, f"must be at most {maximum:,}", example)
    return value


def magnitude(quantity: Amount, unit: str) -> float:
    """A plain float in the named unit, for the edges (JSON, PDF text, the formatter)."""
    return float(quantity.to(unit).magnitude)
