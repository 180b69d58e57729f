"""The one formatter: ISMP dose-writing rules, and round trips through the parser."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ldn_desk.errors import InputError
from ldn_desk.units.dose_text import (
    days_text,
    format_number,
    mg_per_ml_text,
    mg_text,
    ml_text,
    percent_text,
    quantity_text,
    round_to,
)
from ldn_desk.units.quantity import Kind, Quantity, magnitude, parse_quantity


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0.5, "0.5 mg"),  # leading zero
        (1.0, "1 mg"),  # no trailing zero
        (4.5, "4.5 mg"),
        (0.125, "0.125 mg"),
        (45.178, "45.18 mg"),  # four significant figures
        (1234.5678, "1,235 mg"),  # comma from 1,000
        (999.96, "1,000 mg"),
        (0.005, "5 mcg"),  # tiny masses in mcg, never µg
    ],
)
def test_masses(value: float, text: str) -> None:
    assert mg_text(value) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0.455, "0.46 mL"),  # under 1 mL to the hundredth, half up
        (0.996, "1 mL"),
        (1.0, "1 mL"),
        (1.55, "1.6 mL"),  # 1 mL and over to the tenth
        (1.25, "1.3 mL"),
        (45.45, "45.5 mL"),
        (1000, "1,000 mL"),
        (0.004, "0.004 mL"),  # a real amount is never printed as 0 mL
    ],
)
def test_volumes(value: float, text: str) -> None:
    assert ml_text(value) == text


def test_other_kinds() -> None:
    assert mg_per_ml_text(1.0) == "1 mg/mL"
    assert mg_per_ml_text(0.1) == "0.1 mg/mL"
    assert days_text(1) == "1 day"
    assert days_text(14) == "14 days"
    assert percent_text(99.5) == "99.5%"
    assert quantity_text(Quantity(1500, "mcg")) == "1.5 mg"
    assert quantity_text(Quantity(2, "week")) == "14 days"
    assert format_number(-0.0001, 2) == "0"


def test_a_number_written_again_in_another_language_is_written_that_languages_way() -> None:
    # Written text is remembered; 1,163 mg in English must still read "1 163 mg" in Spanish (a
    # comma there is the decimal mark) and "1,163 mg" in English again, whatever came first.
    from ldn_desk.units.language import speaking

    assert mg_text(1163.0) == "1,163 mg"
    with speaking("es"):
        assert mg_text(1163.0) == "1\u00a0163 mg"
        assert ml_text(1163.0) == "1\u00a0163 mL"
    assert mg_text(1163.0) == "1,163 mg"
    assert ml_text(1163.0) == "1,163 mL"
    assert mg_text(1163.0, grouping=False) == "1163 mg"


def test_rounding_is_half_up_not_bankers() -> None:
    assert round_to(0.125, 2) == 0.13
    assert round_to(2.5, 0) == 3
    assert round_to(9114.0 - 46.5 - 1e-12, 0) == 9068  # float noise does not turn a half down
    assert mg_text(0.1 + 0.2) == "0.3 mg"


_UNSAFE = re.compile(r"(^|[^0-9])\.[0-9]|[0-9]\.0+\b(?!\.)|[0-9]\.[0-9]*0 |µg|\bcc\b|[0-9](mg|mL|mcg)")


def _assert_safe(text: str) -> None:
    assert not _UNSAFE.search(text), text


masses = st.floats(min_value=0.01, max_value=100_000, allow_nan=False, allow_infinity=False)
volumes = st.floats(min_value=0.01, max_value=10_000, allow_nan=False, allow_infinity=False)


@given(masses)
def test_mass_text_is_safe_and_reads_back(value: float) -> None:
    text = mg_text(value, grouping=False)
    _assert_safe(text)
    back = parse_quantity(text, Kind.MASS, "dose")
    assert mg_text(magnitude(back, "mg"), grouping=False) == text  # fixed point of print/read
    # four significant figures, at most three decimals
    assert magnitude(back, "mg") == pytest.approx(value, rel=5e-4, abs=5e-4)


@given(volumes)
def test_volume_text_is_safe_and_reads_back(value: float) -> None:
    text = ml_text(value, grouping=False)
    _assert_safe(text)
    back = magnitude(parse_quantity(text, Kind.VOLUME, "volume"), "mL")
    assert ml_text(back, grouping=False) == text
    assert back == pytest.approx(value, abs=(0.05 if value >= 1 else 0.005) + 1e-9)  # half a step


@given(masses)
def test_grouped_text_is_refused_by_the_parser_never_misread(value: float) -> None:
    text = mg_text(value)
    if "," in text:
        with pytest.raises(InputError):
            parse_quantity(text, Kind.MASS, "dose")
    else:
        back = magnitude(parse_quantity(text, Kind.MASS, "dose"), "mg")
        assert back == pytest.approx(value, rel=5e-4, abs=5e-4)
