"""Beyond-use dates count the day of compounding as Day 1 (USP <795>)."""

from __future__ import annotations

import datetime as dt

import pytest

from ldn_desk.errors import InputError
from ldn_desk.recipes.bud import categories, study_bud, usp_bud
from ldn_desk.units.dates import day_n, parse_date


def test_fourteen_day_bud_made_1_march_ends_14_march() -> None:
    # The worked example in USP <795> terms: Day 1 is 1 March, Day 14 is 14 March.
    bud = usp_bud(dt.date(2026, 3, 1), "aqueous_unpreserved")
    assert bud.date == dt.date(2026, 3, 14)
    assert bud.days == 14
    assert "Refrigerate" in bud.storage
    assert "USP <795>" in bud.basis


@pytest.mark.parametrize(
    ("category", "days", "made", "expected"),
    [
        ("aqueous_preserved", 35, dt.date(2026, 12, 1), dt.date(2027, 1, 4)),  # 1 Dec + 34 days
        ("nonaqueous_liquid", 90, dt.date(2026, 1, 1), dt.date(2026, 3, 31)),  # Jan 31 + Feb 28 + Mar 31
        ("solid", 180, dt.date(2026, 12, 1), dt.date(2027, 5, 29)),  # 1 Dec + 179 days
    ],
)
def test_usp_categories(category: str, days: int, made: dt.date, expected: dt.date) -> None:
    bud = usp_bud(made, category)
    assert bud.days == days
    assert bud.date == expected


def test_leap_year_is_counted() -> None:
    # 2028 is a leap year: 14 days from 20 February, Day 1 the 20th, ends 4 March (29 Feb counted).
    assert usp_bud(dt.date(2028, 2, 20), "aqueous_unpreserved").date == dt.date(2028, 3, 4)


def test_study_date_cites_the_study() -> None:
    bud = study_bud(dt.date(2026, 12, 1), 60, "Refrigerate", "Fawcett 1997")
    assert bud.date == dt.date(2027, 1, 29)  # 1 Dec is Day 1, Day 60 is 29 Jan
    assert "Fawcett 1997" in bud.basis


def test_categories_come_from_resources() -> None:
    assert {c.days for c in categories().values()} == {14, 35, 90, 180}


def test_unknown_category_is_refused() -> None:
    with pytest.raises(InputError, match="BUD category"):
        usp_bud(dt.date(2026, 1, 1), "cream")


def test_day_n() -> None:
    assert day_n(dt.date(2026, 1, 1), 1) == dt.date(2026, 1, 1)
    assert day_n(dt.date(2026, 1, 1), 29) == dt.date(2026, 1, 29)


@pytest.mark.parametrize(
    "text", ["01/12/2026", "2026-13-01", "2026-02-30", "tomorrow", "2026-001-01", "26-12-01", "2026-12-1-1"]
)
def test_dates_are_year_month_day_only(text: str) -> None:
    with pytest.raises(InputError, match="compounded"):
        parse_date(text, "compounded")
