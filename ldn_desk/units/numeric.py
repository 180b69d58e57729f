"""Comparing the core's plain numbers without being fooled by float noise: one policy, one tolerance.

Past the parser the core works in floats (`dose_mg`, `volume_ml`), and binary arithmetic and unit
conversion leave noise in the last bits: 1500 mcg becomes 1.5000000000000002 mg, 0.3 / 0.1 is
2.9999999999999996 graduations, 0.1 × 3 / 0.1 is 3.0000000000000004. Without care a comparison
or a ceil() turns that noise into a real change: an extra tablet, a larger flask, a volume that is
"not a whole number of marks", a dose "above the target".

This is NOT a clinical or measuring tolerance. How far a fill may stray (±10 %) or what a balance
weighs well (its MWQ) is pharmacy data and lives in resources/; this module only decides whether
two numbers that should be equal, are, once the computer's rounding is set aside.

The rule: two numbers are the same when they differ by at most one part in a billion of the larger
(`RELATIVE_TOLERANCE`). Relative, because noise scales with the numbers (micrograms and litres
alike); a part in a billion, because float64 noise is about 1e-16 of the value even after a chain
of conversions, while the finest real difference the program keeps is thousands of times larger
(a dose to 0.000001 mg is 2e-7 of 4.5 mg; a volume to 0.01 mL is 1e-5 of a 1,000 mL batch).
Zero is the same only as zero: noise is relative, and the core's amounts are positive.
"""

from __future__ import annotations

import math

RELATIVE_TOLERANCE = 1e-9


def same(a: float, b: float) -> bool:
    """a and b are equal but for float noise (a part in a billion of the larger)."""
    return math.isclose(a, b, rel_tol=RELATIVE_TOLERANCE, abs_tol=0.0)


def at_most(a: float, limit: float) -> bool:
    """a ≤ limit, forgiving noise that puts a hair above it (4.5000000000000001 mg ≤ 4.5 mg)."""
    return a <= limit or same(a, limit)


def at_least(a: float, limit: float) -> bool:
    """a ≥ limit, forgiving noise that puts a hair below it (119.99999999999999 mg ≥ 120 mg)."""
    return a >= limit or same(a, limit)


def above(a: float, limit: float) -> bool:
    """a > limit by more than noise: the negation of `at_most`."""
    return not at_most(a, limit)


def below(a: float, limit: float) -> bool:
    """a < limit by more than noise: the negation of `at_least`."""
    return not at_least(a, limit)


def whole(x: float) -> int | None:
    """x as an int when it is a whole number but for noise (2.9999999999999996 → 3), else None."""
    if not math.isfinite(x):
        return None
    nearest = round(x)
    return nearest if same(x, nearest) else None


def whole_count(x: float) -> int:
    """The fewest whole units that hold x: ceil(x), except that x a hair above a whole number
    is that number (30.000000000000004 tablets' worth is 30 tablets, not 31)."""
    exact = whole(x)
    return exact if exact is not None else math.ceil(x)


def whole_floor(x: float) -> int:
    """The most whole units that fit in x: floor(x), except that x a hair below a whole number
    is that number (3.9999999999999996 steps is 4 steps, not 3)."""
    exact = whole(x)
    return exact if exact is not None else math.floor(x)
