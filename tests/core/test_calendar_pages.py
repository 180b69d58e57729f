"""The calendar over pages: each side of a page break keeps at least two weeks, and a month's
heading row never ends a page without its weeks (a lone review-day week on a page of its own
was what a Spanish handout printed, its "Dosis nueva / Frasco nuevo" cells being taller)."""

from __future__ import annotations

import datetime as dt

import pytest

from ldn_desk.documents.calendar import CalendarDay, _is_week, calendar_table
from ldn_desk.documents.pdfbase import KEPT_ROWS, make_styles

START = dt.date(2026, 12, 7)  # a Monday: the standard protocol's 57 days end on 1 February 2027
WIDTH = 500.0


def _days() -> list[CalendarDay]:
    return [
        CalendarDay(START + dt.timedelta(days=n), ("4.5 mg", "4.5 mL"), new_dose=n in (0, 14, 28),
                    note="New dose\nNew bottle" if n in (0, 14, 28) else "", review=n == 56)
        for n in range(57)
    ]  # fmt: skip


def _weeks(part: object) -> int:
    return sum(_is_week(row) for row in part._cellvalues)  # type: ignore[attr-defined]


@pytest.mark.parametrize("available", range(60, 900, 15))
def test_a_break_keeps_two_weeks_each_side_and_no_heading_at_a_page_foot(available: int) -> None:
    table = calendar_table(_days(), WIDTH, make_styles(12))
    _, height = table.wrap(WIDTH, 10_000)
    total = _weeks(table)
    assert total == 9  # 7 Dec 2026 to 1 Feb 2027 is 57 days: eight Monday-to-Sunday weeks and one day
    parts = table.split(WIDTH, available)
    if height <= available:
        assert len(parts) == 1
        return
    if not parts:
        return  # the whole calendar starts on the next page
    first, rest = parts
    assert _is_week(first._cellvalues[-1]), "a month heading ended the page"
    assert _weeks(first) >= KEPT_ROWS and _weeks(rest) >= KEPT_ROWS
    assert _weeks(first) + _weeks(rest) == total
    assert first.wrap(WIDTH, available)[1] <= available + 0.01


def test_a_calendar_with_room_for_most_of_it_still_carries_two_weeks_over() -> None:
    table = calendar_table(_days(), WIDTH, make_styles(12))
    _, height = table.wrap(WIDTH, 10_000)
    last_week = table._rowHeights[-1]  # type: ignore[attr-defined]
    _, rest = table.split(WIDTH, height - last_week / 2)  # all but half of the last week fits
    assert _weeks(rest) == KEPT_ROWS  # the review day's week does not go over alone


def test_a_note_too_wide_for_the_day_is_set_smaller_down_to_the_smallest_type() -> None:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from ldn_desk.documents.calendar import note_size
    from ldn_desk.documents.pdfbase import FONT_BOLD

    make_styles(12.0)  # registers the fonts
    # An A4 day column: (510.2 pt / 7) less 2 × 0.4 × 10.2 pt padding = 64.7 pt of text at 10.2 pt.
    width = 510.236 / 7 - 2 * 0.4 * 10.2
    assert note_size("New dose", width, 10.2, 9.0) == 10.2  # fits as it is
    size = note_size("Dosis nueva", width, 10.2, 9.0)  # 69.6 pt wide at 10.2 pt
    assert 9.0 <= size < 10.2 and stringWidth("Dosis nueva", FONT_BOLD, size) <= width
    # Wider than the day even at the smallest type: kept at the calendar's and wrapped.
    assert note_size("FRASCO NUEVO 5 mg/mL", width, 10.2, 9.0) == 10.2
