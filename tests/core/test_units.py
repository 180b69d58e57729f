"""The strict parser: what a person types in a field, read or refused with a clear message."""

from __future__ import annotations

import math

import pytest

from ldn_desk.errors import InputError, LdnDeskError
from ldn_desk.units.quantity import Kind, ParseOptions, magnitude, parse_count, parse_quantity


@pytest.mark.parametrize(
    ("text", "kind", "unit", "expected"),
    [
        ("4.5 mg", Kind.MASS, "mg", 4.5),
        ("4.5mg", Kind.MASS, "mg", 4.5),
        ("  4.5   MG ", Kind.MASS, "mg", 4.5),
        ("100 mcg", Kind.MASS, "mg", 0.1),
        ("100 ug", Kind.MASS, "mg", 0.1),
        ("100 µg", Kind.MASS, "mg", 0.1),  # micro sign, folded by NFKC
        ("0.5 g", Kind.MASS, "mg", 500),
        ("1 mg/mL", Kind.CONCENTRATION, "mg/mL", 1),
        ("1 mg / ml", Kind.CONCENTRATION, "mg/mL", 1),
        ("500 mcg/mL", Kind.CONCENTRATION, "mg/mL", 0.5),
        ("100 mL", Kind.VOLUME, "mL", 100),
        ("0.25 L", Kind.VOLUME, "mL", 250),
        ("14 days", Kind.DURATION, "day", 14),
        ("1 day", Kind.DURATION, "day", 1),
        ("2 weeks", Kind.DURATION, "day", 14),
        ("0.3 g/mL", Kind.DENSITY, "g/mL", 0.3),
        ("99.5 %", Kind.PERCENT, "percent", 99.5),
        ("99.5", Kind.PERCENT, "percent", 99.5),
        ("４.５ mg", Kind.MASS, "mg", 4.5),  # full-width digits fold to ASCII
    ],
)
def test_reads_plain_amounts(text: str, kind: Kind, unit: str, expected: float) -> None:
    assert magnitude(parse_quantity(text, kind, "field"), unit) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "kind", "words"),
    [
        ("4,5 mg", Kind.MASS, "decimal point"),
        ("1,000 mL", Kind.VOLUME, "decimal point"),
        (".5 mg", Kind.MASS, "leading zero"),
        ("5. mg", Kind.MASS, "followed by digits"),
        ("4.5", Kind.MASS, "needs a unit"),
        ("mg", Kind.MASS, "needs a number"),
        ("", Kind.MASS, "empty"),
        ("0 mg", Kind.MASS, "more than zero"),
        ("-1 mg", Kind.MASS, "more than zero"),
        ("−1 mg", Kind.MASS, "more than zero"),
        ("inf mg", Kind.MASS, "finite"),
        ("nan mg", Kind.MASS, "finite"),
        ("1e3 mg", Kind.MASS, "exponents"),
        ("10**2 mg", Kind.MASS, "exponents"),
        ("2^3 mg", Kind.MASS, "exponents"),
        ("2*3 mg", Kind.MASS, "calculation"),
        ("1+1 mg", Kind.MASS, "calculation"),
        ("1/2 mg", Kind.MASS, "calculation"),
        ("(1) mg", Kind.MASS, "calculation"),
        ("1 2 mg", Kind.MASS, "one number"),
        ("5 cc", Kind.VOLUME, "write mL"),
        ("5cc", Kind.VOLUME, "write mL"),
        ("1 mg/mL", Kind.MASS, "not a strength"),
        ("4.5 mg", Kind.VOLUME, "not a weight"),
        ("100 mL", Kind.CONCENTRATION, "not a volume"),
        ("4.5 kg", Kind.MASS, "'kg' is not a unit"),
        ("4.5 tsp", Kind.VOLUME, "'tsp' is not a unit"),
        ("four mg", Kind.MASS, "needs a number"),
        ("__import__('os') mg", Kind.MASS, "calculation"),
        ("mg 4.5", Kind.MASS, "not an amount"),
        ("1" * 400 + " mg", Kind.MASS, "too long"),
    ],
)
def test_refuses_with_a_message_naming_the_field(text: str, kind: Kind, words: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_quantity(text, kind, "dose")
    message = str(caught.value)
    assert message.startswith("dose:")
    assert words in message
    assert "e.g." in message  # a valid example is always offered
    assert isinstance(caught.value, LdnDeskError)


@pytest.mark.parametrize(
    ("text", "kind", "options", "example"),
    [
        (".5 mg", Kind.MASS, ParseOptions(), "0.5 mg"),  # the dose typed, with its zero
        (".5mg", Kind.MASS, ParseOptions(), "0.5 mg"),  # and the space the dose rules want
        (".25 mcg", Kind.MASS, ParseOptions(), "0.25 mcg"),
        (".5 mg/ml", Kind.CONCENTRATION, ParseOptions(), "0.5 mg/mL"),
        (",5 mg", Kind.MASS, ParseOptions(decimal_comma=True), "0,5 mg"),
        ("5 cc", Kind.VOLUME, ParseOptions(), "5 mL"),
        (".5 cc", Kind.VOLUME, ParseOptions(), "0.5 mL"),
        # Mended text that is still no amount of the field: the field's own example.
        (".5 mL", Kind.MASS, ParseOptions(), Kind.MASS.example),
        (".0 mg", Kind.MASS, ParseOptions(), Kind.MASS.example),
        (".5 tsp", Kind.VOLUME, ParseOptions(), Kind.VOLUME.example),
    ],
)
def test_a_refusal_offers_what_was_typed_mended_as_its_example(
    text: str, kind: Kind, options: ParseOptions, example: str
) -> None:
    with pytest.raises(InputError) as caught:
        parse_quantity(text, kind, "dose", options=options)
    assert caught.value.example == example


def test_zero_is_accepted_only_where_allowed() -> None:
    assert magnitude(parse_quantity("0 mg", Kind.MASS, "x", allow_zero=True), "mg") == 0


def test_decimal_comma_setting_reads_comma_as_decimal_and_never_as_thousands() -> None:
    comma = ParseOptions(decimal_comma=True)
    assert magnitude(parse_quantity("4,5 mg", Kind.MASS, "dose", options=comma), "mg") == 4.5
    assert magnitude(parse_quantity("1,500 mg", Kind.MASS, "dose", options=comma), "mg") == 1.5
    with pytest.raises(InputError, match="decimal comma"):
        parse_quantity("4.5 mg", Kind.MASS, "dose", options=comma)


def test_non_text_is_refused() -> None:
    with pytest.raises(InputError):
        parse_quantity(4.5, Kind.MASS, "dose")  # type: ignore[arg-type]


@pytest.mark.parametrize(("text", "expected"), [("30", 30), (" 7 ", 7), ("1", 1)])
def test_counts(text: str, expected: int) -> None:
    assert parse_count(text, "count") == expected


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("0", "at least 1"),
        ("2.5", "whole number"),
        ("30 caps", "no unit"),
        ("-3", "no unit"),
        ("99999", "at most"),
    ],
)
def test_bad_counts(text: str, words: str) -> None:
    with pytest.raises(InputError, match=words):
        parse_count(text, "count")


def test_parsed_values_are_finite_floats() -> None:
    value = magnitude(parse_quantity("0.000001 mg", Kind.MASS, "dose"), "mg")
    assert math.isfinite(value) and value > 0


@pytest.mark.parametrize(
    ("text", "days"),
    [("16 semanas", 112), ("1 semana", 7), ("14 días", 14), ("14 dias", 14), ("1 día", 1), ("2 Semanas", 14)],
)
def test_a_duration_is_read_in_spanish_too(text: str, days: int) -> None:
    # A week is 7 days: 16 × 7 = 112.
    assert magnitude(parse_quantity(text, Kind.DURATION, "plan length"), "day") == days


def test_a_spanish_duration_word_is_only_a_duration() -> None:
    with pytest.raises(InputError, match="needs a weight"):
        parse_quantity("3 semanas", Kind.MASS, "dose")
    with pytest.raises(InputError, match="'meses' is not a unit this field knows"):
        parse_quantity("3 meses", Kind.DURATION, "plan length")
