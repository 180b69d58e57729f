"""The sign and result of a printed equation, so the printed operands give the printed result.

A checker redoes each calculation line with the numbers as printed. "=" is written only when they
give the printed result exactly; "≈" when the result is rounded, and then only when it is within
half a unit of its last printed digit of what the printed operands give. Where the usual
rounding misses that, the result is printed with more decimals (122.5 mg × 61 = 7,472.5 mg, not
"= 7,473 mg").
"""

from __future__ import annotations

import math

from ldn_desk.units.dose_text import format_number, mg_text

_MORE_DECIMALS = 4  # at most this many places beyond what the amount's own text shows


def _number(text: str) -> float:
    """The number of a printed amount, in the unit written ('7,473 mg' → 7473)."""
    return float(text.split()[0].replace(",", "").replace("\u00a0", ""))


def _decimals(text: str) -> int:
    number = text.split()[0]
    return len(number.split(".")[1]) if "." in number else 0


def result_text(redone: float, value: float, *, unit: str = "mg") -> str:
    """'= 7,472.5 mg' or '≈ 2,903 mg': the sign and the result `value` of a line whose printed
    operands give `redone` (both in `unit`, mg or mL, or '' for a bare number)."""
    text = mg_text(value) if unit == "mg" else f"{format_number(value, 6)} {unit}".strip()
    if unit == "mg" and text.endswith(" mcg"):
        text = f"{format_number(value, 6)} mg"  # the operands are in mg: so is the result
    start = _decimals(text)
    for decimals in range(start, start + _MORE_DECIMALS + 1):
        if decimals > start:
            text = f"{format_number(value, decimals)} {unit}".strip()
        shown = _number(text)
        if math.isclose(shown, redone, rel_tol=1e-9, abs_tol=1e-12):
            return f"= {text}"
        if abs(shown - redone) < 0.5 * 10.0 ** -_decimals(text) * (1 - 1e-9):
            return f"≈ {text}"
    return f"≈ {text}"


def shown(text: str) -> float:
    """The number of a printed amount ('7,472.5 mg' → 7472.5), in the unit it is written in."""
    return _number(text)
