"""Typed free text held to the dose-writing rules (ISMP, DOMAIN.md §7), and printed text checked by the same rules."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ldn_desk.errors import InputError
from ldn_desk.units.dose_text import mg_text, ml_text
from ldn_desk.units.free_text import check_free_text, dose_text_problems, find_problems

EXAMPLE = "Take 1.5 mL (1.5 mg) by mouth at bedtime"


@pytest.mark.parametrize(
    ("typed", "found", "meaning"),
    [
        ("Take .5 mL at bedtime", ".5", "leading zero"),
        ("Take 1.0 mL at bedtime", "1.0", "trailing zero"),
        ("Take 1.50 mg at bedtime", "1.50", "trailing zero"),
        ("Take 4,5 mg at bedtime", "4,5", "decimal comma"),
        ("Make up to 1000 mL", "1000 mL", "1,000"),
        ("Take 4.5mg at bedtime", "5mg", "no space"),
        ("Take 100 µg at bedtime", "µg", "µg"),
        ("Take 5 cc at bedtime", "cc", "cc"),
        ("Take 5 ml at bedtime", "ml", "mL misspelled"),
        ("Take 2 mls at bedtime", "mls", "mL misspelled"),
        ("Take 1 teaspoon at bedtime", "teaspoon", "kitchen measure"),
        ("Take 1 tsp at bedtime", "tsp", "kitchen measure"),
        ("Take 1 tablespoonful", "tablespoonful", "kitchen measure"),
        ("Take 1.5 mL qhs", "qhs", "bedtime"),
        ("Take 1.5 mL q.h.s.", "q.h.s.", "bedtime"),
        ("Take 1.5 mL HS", "HS", "bedtime"),
        ("Take 1.5 mL qn", "qn", "bedtime"),
        ("Take 1.5 mL QD", "QD", "daily"),
        ("Take 1.5 mL q.d.", "q.d.", "daily"),
        ("Take 1.5 mL OD", "OD", "daily"),
        ("Take 1.5 mL QOD", "QOD", "every other day"),
        ("Take 1.5 mL TIW", "TIW", "three times a week"),
        ("Take 1.5 mL per os", "per os", "by mouth"),
        ("Take 10 IU", "IU", "units"),
        ("Take 10 U", " U", "units"),
        ("Take 1.5 mL UD", "UD", "as directed"),
        ("D/C after 2 weeks", "D/C", "discharge"),
        ("Take 1.5 mL x3d", "x3d", "3 days"),
        ("Take 1 mg. daily", "mg.", "full stop"),
        ("Take 1.5 mL @ bedtime", "@", "misread as 2"),
        ("Take 1 mL & 0.5 mL", "&", "misread as 2"),
        ("Take 1 mL + 0.5 mL", "+", "misread as 4"),
    ],
)
def test_each_rule_refuses_typed_text(typed: str, found: str, meaning: str) -> None:
    problems = find_problems(typed)
    assert problems, typed
    assert problems[0].found == found
    assert meaning in problems[0].rule.meaning


@pytest.mark.parametrize(
    "good",
    [
        "Take 0.5 mL (0.5 mg) by mouth once a day at bedtime. Measure with an oral syringe.",
        "Take 1 capsule (1.5 mg) by mouth in the morning. Swallow whole.",
        "Make up to 1,000 mL; 100 mcg; 2–8 °C; 12 March 2026; 99.1 × 38.1 mm",
        "Take with food. Shake well. Never use a kitchen spoon.",
        "Rinse the oral syringe. Store in the fridge. Hold for 2 days before surgery.",
        "Take 1.5 mL. Then 3 mL from day 15.",  # a sentence may end after a unit
    ],
)
def test_safe_text_passes(good: str) -> None:
    assert find_problems(good) == []
    assert check_free_text(good, "directions", EXAMPLE) == good


def test_the_programs_own_sums_pass_as_printed_but_not_as_typed() -> None:
    # The record prints "Batch fill: 15.5 mg + 2,775 mg ≈ 2,790 mg": "+" is the program's, in a sum.
    printed = "Batch fill: 15.5 mg + 2,775 mg ≈ 2,790 mg"
    assert dose_text_problems(printed) == []
    assert [p.found for p in find_problems(printed)] == ["+"]


def test_a_refusal_names_the_field_the_words_at_fault_and_a_good_example() -> None:
    typed = "For Jane Smith: take .5 mL QD"
    with pytest.raises(InputError) as refused:
        check_free_text(typed, "directions", EXAMPLE)
    error = refused.value
    assert error.field == "directions"
    assert str(error) == (
        'directions: — ".5" is a number without its leading zero: write 0.5, not .5 '
        f"(1 more problem after it), e.g. {EXAMPLE}"
    )
    assert "Jane" not in str(error)  # free text may hold a name: only the words at fault are shown


def test_printed_problems_give_their_context() -> None:
    (problem,) = dose_text_problems("… Draw up .5 mL in the 1 mL oral syringe …")
    assert problem.startswith("a number without its leading zero") and "Draw up .5 mL" in problem


@given(st.floats(min_value=0.001, max_value=99_999, allow_nan=False, allow_infinity=False))
def test_the_formatter_never_writes_what_the_checker_refuses(value: float) -> None:
    # One rule set: any dose the one formatter writes, in a sentence, passes the typed-text check.
    sentence = f"Take {ml_text(value)} ({mg_text(value)}) by mouth at bedtime."
    assert find_problems(sentence) == [], sentence
