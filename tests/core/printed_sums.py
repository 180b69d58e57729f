"""Every printed equation, redone from the printed numbers as an inspector with a calculator would.

`equations(text)` finds each "a × b = c", "a + b ≈ c", "a ÷ b − d = c" (with units, thousands
separators and brackets) in a document's text; `wrong(equation)` says what is wrong with one:
"=" must hold exactly with the operands as printed, "≈" must hold to within half a unit of the
result's last printed digit (so an inspector rounding the sum gets the printed figure). A formula
in words ("tablets = drug ÷ 50 mg") is not an equation with numbers, and is left alone.

`relations(text)` finds the lines that state a quantity relation without an operator, in English
and in Spanish, and writes each as the product an inspector would work: "take 6 mL of stock = 6 mg"
(with the stock's strength), "grind 2 naltrexone HCl 50 mg tablets (100 mg naltrexone HCl)",
"Each capsule: 0.5 mg of naltrexone HCl and 89.5 mg of filler, 90 mg in all",
"1 mg/mL (100 mg naltrexone HCl in 100 mL)", "Take 1.5 mL (1.5 mg)", a plan row's "1.5 mg Draw up
1.5 mL", "3 mg Take 3 capsules of 1 mg", and a calendar week's doses over its volumes. A dose in mL
is worked with each strength the document names ("Your liquid: 1 mg/mL"), and holds if one fits.
`misprinted_numbers(text, language)` finds numbers written in the other language's way: in
Spanish the decimal point stays in doses and thousands take a no-break space ("1 290 mg"), so a
comma between digits is wrong there; in English a no-break space between digits is.
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

import pint

NUMBER = r"\d{1,3}(?:[,\u00a0]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
UNIT = r"mg/mL|g/mL|mcg|mg|mL|g"
_SIGN = re.compile(r"\s([=≈])\s")
_RESULT = re.compile(rf"^\s*({NUMBER})(?:\s*({UNIT})\b)?")
_TOKEN = re.compile(rf"({NUMBER})(?:\s*({UNIT})\b)?|([×÷+−()])")
# Where the left side of an equation starts: after a colon, a semicolon, a full stop or a comma
# followed by a space (a thousands comma has none), or an opening of a bracketed aside.
_LEFT_END = re.compile(r"(?:[:;]\s|\.\s|,\s|=\s|≈\s)")
_OPERATOR = {"×": "*", "÷": "/", "+": "+", "−": "-"}


@dataclass(frozen=True)
class Equation:
    text: str  # as printed: "0.7 mg/mL × 142.9 mL = 100 mg"
    expression: str  # what is redone: "Q(0.7, 'mg/mL') * Q(142.9, 'mL')"
    sign: str  # "=" or "≈"
    result: Decimal
    unit: str  # "" for a bare number


@cache
def _units() -> pint.UnitRegistry:
    return pint.UnitRegistry()


def _number(text: str) -> Decimal:
    return Decimal(text.replace(",", "").replace("\u00a0", ""))


def _balanced(tokens: list[str]) -> list[str]:
    """The tokens with unmatched brackets (an aside's opening, a closing of one) dropped."""
    opened: list[int] = []
    dropped: set[int] = set()
    for index, token in enumerate(tokens):
        if token == "(":
            opened.append(index)
        elif token == ")":
            if opened:
                opened.pop()
            else:
                dropped.add(index)
    dropped.update(opened)
    return [token for index, token in enumerate(tokens) if index not in dropped]


def _left_side(text: str) -> list[str] | None:
    """The left side's tokens in Python ('Q(...)', '*', '('), or None when it is not arithmetic
    with numbers (no operator between two numbers)."""
    tokens: list[str] = []
    for match in _TOKEN.finditer(text):
        number, unit, symbol = match.groups()
        if number is not None:
            if tokens and tokens[-1].startswith("Q("):
                tokens = []  # two numbers with no operator between: the equation starts here
            elif len(tokens) >= 2 and tokens[-1] == "(" and tokens[-2].startswith("Q("):
                tokens = []  # "2 mL of it (2 mL × 20 mg/mL = 40 mg)": the aside's sum starts here
            tokens.append(f"Q({str(_number(number))!r}, {unit or ''!r})")
        elif symbol in _OPERATOR:
            if tokens and tokens[-1] in _OPERATOR.values():
                tokens.pop()  # "+ −": keep the later operator
            tokens.append(_OPERATOR[symbol])
        else:
            tokens.append(symbol)
    while tokens and tokens[0] in _OPERATOR.values():
        tokens.pop(0)
    tokens = _balanced(tokens)
    # empty brackets (an aside in words: "(measured)") go
    squeezed = " ".join(tokens).replace("( )", "").split()
    numbers = sum(1 for t in squeezed if t.startswith("Q("))
    operators = sum(1 for t in squeezed if t in _OPERATOR.values())
    if numbers < 2 or operators < 1:
        return None
    return squeezed


def equations(text: str) -> list[Equation]:
    """Every equation with printed numbers on both sides, in reading order."""
    flat = re.sub(r"[ \t\r\n]+", " ", text)  # a no-break space is a thousands separator: kept
    found: list[Equation] = []
    for sign in _SIGN.finditer(flat):
        result = _RESULT.match(flat[sign.end() - 1 :])
        if result is None:
            continue
        before = flat[: sign.start()]
        starts = [m.end() for m in _LEFT_END.finditer(before)]
        left = before[starts[-1] if starts else 0 :]
        tokens = _left_side(left)
        if tokens is None:
            continue
        printed = f"{left.strip()} {sign.group(1)} {result.group(0).strip()}"
        found.append(
            Equation(
                printed, " ".join(tokens), sign.group(1), _number(result.group(1)), result.group(2) or ""
            )
        )
    return found


def redone(equation: Equation) -> float:
    """The left side worked from the printed numbers, in the result's unit."""
    units = _units()

    def quantity(number: str, unit: str) -> pint.Quantity:
        return units.Quantity(float(number), unit or "dimensionless")

    value = eval(equation.expression, {"__builtins__": {}}, {"Q": quantity})  # our own tokens only
    if equation.unit:
        return float(value.to(equation.unit).magnitude)
    if value.dimensionless:
        return float(value.to("dimensionless").magnitude)
    return float(value.magnitude)  # "100 mg ÷ 50 mg per tablet = 2 whole tablets" is mg ÷ mg


def wrong(equation: Equation) -> str | None:
    """None when the equation holds as printed, else what an inspector would find."""
    value = redone(equation)
    printed = float(equation.result)
    exponent = equation.result.as_tuple().exponent
    assert isinstance(exponent, int)
    half_unit = 0.5 * 10.0**exponent
    if equation.sign == "=":
        if math.isclose(value, printed, rel_tol=1e-9, abs_tol=1e-12):
            return None
        return f"{equation.text!r}: the printed numbers give {value!r}, not exactly {equation.result}"
    if abs(value - printed) < half_unit * (1 - 1e-9):
        return None
    return (
        f"{equation.text!r}: the printed numbers give {value!r}, which does not round to "
        f"{equation.result} at its last digit"
    )


# --- relations without an operator ------------------------------------------------------------

_N = rf"({NUMBER})"
_STRENGTH = re.compile(rf"{_N} mg/mL")
_TABLETS = re.compile(rf"\b(\d+) naltrexone HCl {_N} mg tablets? \({_N} mg naltrexone HCl\)")
_IN_VOLUME = re.compile(rf"{_N} mg/mL \({_N} mg naltrexone HCl in {_N} mL\)")
_STOCK = re.compile(rf"stock {_N} mg/mL, {_N} mL \({_N} mg naltrexone HCl\)")
_TAKE_STOCK = re.compile(rf"take {_N} mL of stock = {_N} mg")
_MEASURE_STOCK = re.compile(rf"measure {_N} mL of it \({_N} mg naltrexone HCl\)")
_STOCK_NAMED = re.compile(rf"(?:the|a) {_N} mg/mL stock|stock {_N} mg/mL")
_DOSE_ML = re.compile(rf"\b(?:Take|Tome) {_N} mL \({_N} mg\)")
_ROW_ML = re.compile(rf"{_N} mg (?:Draw up|Cargue) {_N} mL\b")
_ROW_CAPSULES = re.compile(
    rf"{_N} mg (?:Take|Tome) (\d+) (?:capsules?|cápsulas?) (?:of|de) {_N} mg\b(?! (?:and|y)\b)"
)
_CAPSULE_DOSE = re.compile(rf"\b(?:Take|Tome) (\d+) (?:capsules?|cápsulas?) \({_N} mg\)")
_CAPSULE_STRENGTH = re.compile(
    rf"{_N} mg(?: capsules|, cápsulas)|(?:naltrexone HCl|naltrexona clorhidrato) {_N} mg\b(?!/)"
)
_CAPSULE_FILL = re.compile(
    rf"Each capsule: {_N} mg of naltrexone HCl(?: \({_N} mg of [^)]*powder\))? and {_N} mg of [^;]*?, "
    rf"{_N} mg in all"
)
_DOSES_LINE = re.compile(rf"^(?:{NUMBER} mg ?)+$")
_VOLUMES_LINE = re.compile(rf"^(?:{NUMBER} mL ?)+$")


@dataclass(frozen=True)
class Relation:
    text: str  # as printed: "take 6 mL of stock = 6 mg"
    candidates: tuple[str, ...]  # products that may give the result, one a strength
    result: Decimal
    unit: str


def _q(number: str, unit: str) -> str:
    return f"Q({str(_number(number))!r}, {unit!r})"


def _before(text: str, index: int, pattern: re.Pattern[str]) -> str | None:
    """The last strength `pattern` names before `index` (its first group that matched)."""
    found = None
    for match in pattern.finditer(text, 0, index):
        found = next(group for group in match.groups() if group is not None)
    return found


def relations(text: str) -> list[Relation]:
    """Every quantity relation stated without an operator, in reading order of its kind."""
    flat = re.sub(r"[ \t\r\n]+", " ", text)
    found: list[Relation] = []

    def add(match: re.Match[str], products: list[str], result: str, unit: str) -> None:
        found.append(Relation(match.group(0), tuple(products), _number(result), unit))

    for m in _TABLETS.finditer(flat):
        add(m, [f"{_q(m.group(1), '')} * {_q(m.group(2), 'mg')}"], m.group(3), "mg")
    for m in _IN_VOLUME.finditer(flat):
        add(m, [f"{_q(m.group(1), 'mg/mL')} * {_q(m.group(3), 'mL')}"], m.group(2), "mg")
    for m in _STOCK.finditer(flat):
        add(m, [f"{_q(m.group(1), 'mg/mL')} * {_q(m.group(2), 'mL')}"], m.group(3), "mg")
    for pattern in (_TAKE_STOCK, _MEASURE_STOCK):
        for m in pattern.finditer(flat):
            stock = _before(flat, m.start(), _STOCK_NAMED)
            if stock is not None:
                add(m, [f"{_q(m.group(1), 'mL')} * {_q(stock, 'mg/mL')}"], m.group(2), "mg")
    strengths = sorted({str(_number(n)) for n in _STRENGTH.findall(flat)})
    for pattern in (_DOSE_ML, _ROW_ML):
        for m in pattern.finditer(flat):
            ml, mg = (m.group(1), m.group(2)) if pattern is _DOSE_ML else (m.group(2), m.group(1))
            add(m, [f"{_q(ml, 'mL')} * {_q(s, 'mg/mL')}" for s in strengths], mg, "mg")
    for m in _ROW_CAPSULES.finditer(flat):
        add(m, [f"{_q(m.group(2), '')} * {_q(m.group(3), 'mg')}"], m.group(1), "mg")
    for m in _CAPSULE_FILL.finditer(flat):
        powder = m.group(2) or m.group(1)  # the powder weighed, where it differs from the HCl
        add(m, [f"{_q(powder, 'mg')} + {_q(m.group(3), 'mg')}"], m.group(4), "mg")
    capsule_strengths = sorted(
        {str(_number(a or b)) for a, b in _CAPSULE_STRENGTH.findall(flat)}
        - {str(_number(n)) for n in strengths}
    )
    for m in _CAPSULE_DOSE.finditer(flat):
        add(m, [f"{_q(m.group(1), '')} * {_q(s, 'mg')}" for s in capsule_strengths], m.group(2), "mg")
    # A calendar week: a line of doses over a line of the volumes that give them, day by day.
    lines = [line.strip() for line in text.splitlines()]
    for doses, volumes in itertools.pairwise(lines):
        if not (_DOSES_LINE.match(doses) and _VOLUMES_LINE.match(volumes)):
            continue
        mgs, mls = re.findall(_N, doses), re.findall(_N, volumes)
        if len(mgs) != len(mls):
            continue
        for mg, ml in zip(mgs, mls, strict=True):
            found.append(
                Relation(f"{mg} mg / {ml} mL (calendar day)",
                         tuple(f"{_q(ml, 'mL')} * {_q(s, 'mg/mL')}" for s in strengths), _number(mg), "mg")
            )  # fmt: skip
    return found


def wrong_relation(relation: Relation) -> str | None:
    """None when one of the relation's products gives its result exactly, else what is wrong."""
    values = [
        redone(Equation(relation.text, expression, "=", relation.result, relation.unit))
        for expression in relation.candidates
    ]
    if any(math.isclose(v, float(relation.result), rel_tol=1e-9, abs_tol=1e-12) for v in values):
        return None
    return f"{relation.text!r}: the printed numbers give {values!r}, not {relation.result} {relation.unit}"


_COMMA_BETWEEN_DIGITS = re.compile(r"\d,\d")
_SPACE_BETWEEN_DIGITS = re.compile(r"\d\u00a0\d")


def misprinted_numbers(text: str, language: str) -> list[str]:
    """Numbers written in the other language's way, each with a little of its context."""
    pattern = _COMMA_BETWEEN_DIGITS if language == "es" else _SPACE_BETWEEN_DIGITS
    return [text[max(0, m.start() - 20) : m.end() + 20] for m in pattern.finditer(text)]
