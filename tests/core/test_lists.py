"""The one list grammar (ldn_desk/units/lists.py): separators, the decimal comma, refusals, round trips."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ldn_desk.errors import InputError
from ldn_desk.units.lists import MAX_ITEMS, list_text, parse_list, parse_values, split_items
from ldn_desk.units.quantity import Kind, ParseOptions, magnitude

POINT = ParseOptions(decimal_comma=False)
COMMA = ParseOptions(decimal_comma=True)

# Doses as a plan keeps them: whole micrograms from 1 mcg to 100 mg, as exact decimal text.
micrograms = st.integers(min_value=1, max_value=100_000)
separators = st.sampled_from([",", ", ", " , ", ",  ", ";", "; ", " ;"])


def _mg_text(mcg: int, options: ParseOptions) -> str:
    text = f"{mcg / 1000:.3f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if options.decimal_comma else text


@pytest.mark.parametrize(
    "text",
    ["0.5 mg,1 mg", "0.5 mg, 1 mg", "0.5 mg ,1 mg", "0.5 mg;1 mg", " 0.5 mg ;  1 mg ", "500 mcg, 1 mg"],
)
def test_a_comma_after_a_unit_separates_with_or_without_a_space(text: str) -> None:
    assert parse_values(text, Kind.MASS, "ladder") == (0.5, 1.0)


@pytest.mark.parametrize("text", ["4,5 mg", "0.5 mg, 4,5 mg", "0,5 mg,1 mg"])
def test_a_comma_between_digits_is_refused_as_a_decimal_comma(text: str) -> None:
    with pytest.raises(InputError, match=r"^ladder: .*use a decimal point"):
        parse_list(text, Kind.MASS, "ladder")


def test_with_the_decimal_comma_setting_a_comma_between_digits_is_the_decimal_mark() -> None:
    assert parse_values("1,5 mg, 3 mg", Kind.MASS, "capsules", options=COMMA) == (1.5, 3.0)
    assert parse_values("0,5 mg,1 mg; 1,25 mg", Kind.MASS, "ladder", options=COMMA) == (0.5, 1.0, 1.25)
    with pytest.raises(InputError, match="decimal comma"):
        parse_list("1.5 mg, 3 mg", Kind.MASS, "capsules", options=COMMA)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "is empty"),
        ("   ", "is empty"),
        ("0.5 mg, , 1 mg", "empty item"),
        ("0.5 mg, 1 mg,", "empty item"),
        (",0.5 mg", "empty item"),
        ("0.5, 1 mg", '"0.5" — needs a unit'),  # never read as 0.5 mg
        ("0.5 mg, 1 mL", "needs a weight"),
        ("0.5 mg, .5 mg", "leading zero"),
        (", ".join(["1 mg"] * (MAX_ITEMS + 1)), f"at most {MAX_ITEMS}"),
        ("1 mg, " * 400, "too long"),
    ],
)
def test_refusals_name_the_field_and_say_why(text: str, words: str) -> None:
    with pytest.raises(InputError) as refused:
        parse_list(text, Kind.MASS, "ladder", example="0.1 mg, 0.25 mg")
    message = str(refused.value)
    assert message.startswith("ladder:") and words in message, message
    assert len(message) < 200  # a long entry is cut short in the message


@given(st.lists(micrograms, min_size=1, max_size=MAX_ITEMS), st.data(), st.sampled_from([POINT, COMMA]))
def test_any_separators_give_the_same_list(
    mcg: list[int], data: st.DataObject, options: ParseOptions
) -> None:
    texts = [f"{_mg_text(value, options)} mg" for value in mcg]
    joined = texts[0]
    for text in texts[1:]:
        joined += data.draw(separators) + text
    # Each dose is a whole number of micrograms: reading its decimal text gives value / 1000 mg.
    assert parse_values(joined, Kind.MASS, "ladder", options=options) == tuple(v / 1000 for v in mcg)


@given(st.lists(micrograms, min_size=1, max_size=MAX_ITEMS), st.sampled_from([POINT, COMMA]))
def test_list_text_reads_back_as_the_same_values(mcg: list[int], options: ParseOptions) -> None:
    values = [value / 1000 for value in mcg]
    text = list_text(values, "mg", options=options)
    assert parse_values(text, Kind.MASS, "capsules", options=options) == tuple(values)


@given(st.integers(min_value=0, max_value=999), st.integers(min_value=1, max_value=999))
def test_a_decimal_comma_is_never_guessed(whole: int, fraction: int) -> None:
    text = f"{whole},{fraction} mg"
    assert split_items(text) == [text]  # never split into "whole" and "fraction mg"
    with pytest.raises(InputError, match="decimal point"):
        parse_list(text, Kind.MASS, "dose")
    if whole > 0:
        (read,) = parse_list(text, Kind.MASS, "dose", options=COMMA)
        assert magnitude(read, "mg") == float(f"{whole}.{fraction}")


@given(st.text(max_size=80), st.sampled_from([POINT, COMMA]))
def test_any_text_is_read_or_refused_never_crashes(text: str, options: ParseOptions) -> None:
    try:
        values = parse_values(text, Kind.MASS, "capsules", options=options)
    except InputError as refused:
        assert str(refused).startswith("capsules:")
    else:
        assert 1 <= len(values) <= MAX_ITEMS and all(value > 0 for value in values)


def test_very_small_and_converted_values_are_written_without_losing_them() -> None:
    # 0.0000001 mg would round to "0 mg" at six decimals: every digit is kept instead.
    assert list_text([0.0000001, 1.5000000000000002], "mg") == "0.0000001 mg, 1.5 mg"
    assert list_text([1.5, 3.0], "mg", options=COMMA) == "1,5 mg, 3 mg"
