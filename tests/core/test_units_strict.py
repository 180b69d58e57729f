"""The strict reading of typed numbers: the same digits in another width are read, anything that
would change a value if folded (superscripts, fractions, other scripts) or hide part of what was
typed (invisible, bidi, control characters) is refused with the character named."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ldn_desk.errors import InputError
from ldn_desk.units.quantity import Kind, magnitude, parse_count, parse_quantity


@pytest.mark.parametrize(
    ("typed", "mg"),
    [
        ("４.５ ｍｇ", 4.5),  # full-width: the same characters typed wide
        ("4.5\u00a0mg", 4.5),  # a no-break space from a copied document
        ("１５００ mcg", 1.5),
    ],
)
def test_same_characters_in_another_form_are_read(typed: str, mg: float) -> None:
    assert magnitude(parse_quantity(typed, Kind.MASS, "dose"), "mg") == pytest.approx(mg)


@pytest.mark.parametrize(
    ("typed", "named"),
    [
        ("30¹ mg", "U+00B9"),  # NFKC would read this as 301 mg
        ("1² mg", "U+00B2"),
        ("1₂ mg", "U+2082"),
        ("½ mg", "U+00BD"),
        ("٤.٥ mg", "U+0664"),  # Arabic-Indic digits
        ("४ mg", "U+096A"),  # Devanagari
        ("4.5\u200bmg", "U+200B"),  # zero-width space
        ("4.5 mg\u202e", "U+202E"),  # right-to-left override
        ("4\u2066.5 mg", "U+2066"),
        ("4.5 mg\ud800", "U+D800"),  # an unpaired surrogate (invalid UTF-8 on the command line)
    ],
)
def test_characters_that_would_change_or_hide_a_value_are_refused(typed: str, named: str) -> None:
    with pytest.raises(InputError) as refused:
        parse_quantity(typed, Kind.MASS, "dose")
    message = str(refused.value)
    assert message.startswith("dose:")
    assert named in message
    assert "e.g. 4.5 mg" in message


@pytest.mark.parametrize("typed", ["30¹", "3⁰", "3０¹", "٣٠", "30\u200d"])
def test_counts_refuse_the_same_characters(typed: str) -> None:
    with pytest.raises(InputError, match=r"^count:"):
        parse_count(typed, "count")


def test_full_width_count_is_the_same_count() -> None:
    assert parse_count("３０", "count") == 30


_ODD = st.characters(categories=["Nd", "No", "Nl", "Cf", "Co", "Cs", "Zs", "Sm", "Pd"])
_TYPED = st.lists(st.one_of(_ODD, st.sampled_from(list("0123456789. mg"))), max_size=12).map("".join)
_FULL_WIDTH = {chr(code): chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)}


@given(_TYPED)
def test_any_reading_is_the_plain_ascii_reading(typed: str) -> None:
    """Whatever is accepted reads as exactly the number its ASCII (or full-width) digits say."""
    try:
        value = magnitude(parse_quantity(typed, Kind.MASS, "dose"), "mg")
    except InputError:
        return
    plain = "".join(_FULL_WIDTH.get(char, char) for char in typed)
    number = re.search(r"[0-9]+(?:\.[0-9]+)?", plain)
    assert number is not None
    assert all(char.isascii() or char.isspace() for char in plain)
    assert value == float(number.group())


@given(st.text(alphabet=_ODD, min_size=1, max_size=6))
def test_counts_of_odd_characters_never_change_value(typed: str) -> None:
    try:
        value = parse_count(typed, "count")
    except InputError:
        return
    plain = "".join(_FULL_WIDTH.get(char, char) for char in typed).strip()
    assert str(value) == plain.lstrip("0") or (value == 0 and set(plain) == {"0"})
