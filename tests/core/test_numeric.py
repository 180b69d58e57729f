"""The one tolerance helper: float noise is forgiven, a real difference never is."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ldn_desk.units.numeric import (
    RELATIVE_TOLERANCE,
    above,
    at_least,
    at_most,
    below,
    same,
    whole,
    whole_count,
    whole_floor,
)
from ldn_desk.units.quantity import Quantity

# Amounts from a microgram (in mg) to a large batch (in mg or mL): the range the core works in.
amounts = st.floats(min_value=1e-6, max_value=1e7, allow_nan=False, allow_infinity=False)
counts = st.integers(min_value=1, max_value=10**7)
# Float noise: a few units in the last place, the size that arithmetic and conversion leave.
ulps = st.integers(min_value=-16, max_value=16)


def _nudged(x: float, steps: int) -> float:
    """x moved by `steps` units in the last place."""
    direction = math.inf if steps > 0 else -math.inf
    for _ in range(abs(steps)):
        x = math.nextafter(x, direction)
    return x


def test_the_noise_the_core_meets_is_forgiven() -> None:
    # Each of these is the float the computer gives where the arithmetic means the whole number.
    assert 0.3 / 0.1 != 3 and whole(0.3 / 0.1) == 3  # 2.9999999999999996 graduations
    assert math.ceil(0.1 * 3 / 0.1) == 4 and whole_count(0.1 * 3 / 0.1) == 3  # 3 tablets, not 4
    converted = float(Quantity(1500, "mcg").to("mg").magnitude)  # 1500 mcg is 1.5 mg
    assert same(converted, 1.5)
    assert same(sum([0.1] * 10), 1.0) and sum([0.1] * 10) != 1.0


def test_a_real_difference_is_never_forgiven() -> None:
    # The finest differences the program keeps: a dose to 0.000001 mg, a volume to 0.01 mL.
    assert not same(4.5, 4.500001)
    assert below(4.499999, 4.5) and above(4.500001, 4.5)
    assert not same(1000.0, 1000.01)  # 0.01 mL in a 1,000 mL batch is a part in 100,000
    assert whole_count(30.000001) == 31
    assert whole_floor(3.999999) == 3
    assert whole(2.5) is None


def test_zero_is_the_same_only_as_zero() -> None:
    assert same(0.0, 0.0)
    assert not same(1e-300, 0.0)
    assert whole(1e-12) is None


@pytest.mark.parametrize("value", [math.inf, -math.inf, math.nan])
def test_not_a_number_is_no_whole_number(value: float) -> None:
    assert whole(value) is None
    assert not same(value, 1.0)


@given(amounts, ulps)
def test_a_few_ulps_apart_is_the_same(x: float, steps: int) -> None:
    y = _nudged(x, steps)
    assert same(x, y) and same(y, x)
    assert at_most(y, x) and at_least(y, x)
    assert not above(y, x) and not below(y, x)


@given(amounts, st.floats(min_value=1e-7, max_value=1.0))
def test_a_part_in_ten_million_or_more_is_a_difference(x: float, share: float) -> None:
    bigger = x * (1 + share)
    assert not same(x, bigger)
    assert below(x, bigger) and above(bigger, x)
    assert at_most(x, bigger) and not at_most(bigger, x)


@given(amounts, amounts)
def test_the_comparisons_agree_with_each_other(a: float, b: float) -> None:
    assert above(a, b) == (not at_most(a, b))
    assert below(a, b) == (not at_least(a, b))
    assert (at_most(a, b) and at_least(a, b)) == same(a, b)
    assert same(a, b) == same(b, a)
    assert above(a, b) == below(b, a)
    # Forgiving noise can only turn a strict answer into "the same", never reverse it.
    if a > b:
        assert not below(a, b)
    if same(a, b):
        assert abs(a - b) <= RELATIVE_TOLERANCE * max(a, b)


@given(counts, ulps)
def test_a_whole_number_with_noise_is_that_number(n: int, steps: int) -> None:
    x = _nudged(float(n), steps)
    assert whole(x) == n
    assert whole_count(x) == n
    assert whole_floor(x) == n


@given(amounts)
def test_whole_count_holds_x_and_whole_floor_fits_in_it(x: float) -> None:
    up, down = whole_count(x), whole_floor(x)
    assert at_least(up, x) and up - 1 < x
    assert at_most(down, x) and down + 1 > x
    assert up - down in (0, 1)
    assert (up == down) == (whole(x) is not None)
