"""Every printed equation, redone from the printed numbers as an inspector with a calculator would.

`equations(text)` finds each "a × b = c", "a + b ≈ c", "a ÷ b − d = c" (with units, thousands
separators and brackets) in a document's text; `wrong(equation)` says what is wrong with one:
"=" must hold exactly with the operands as printed, "≈" must hold to within half a unit of the
result's last printed digit (so an inspector rounding the sum gets the printed figure). A relation
with no operator ("take 6 mL of stock = 6 mg") and a formula in words ("tablets = drug ÷ 50 mg")
are not equations with numbers, and are left alone.
"""

from __future__ import annotations

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
