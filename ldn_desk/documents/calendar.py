"""The tick-box calendar (one row a week) and the weekly symptom diary of the patient handout."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import getAscent, stringWidth
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from ldn_desk.documents.pdfbase import (
    FONT,
    FONT_BOLD,
    GREY,
    INK,
    KEPT_ROWS,
    RULE,
    SHADE,
    KeptRowsTable,
    Styles,
    grid_table,
    markup,
    printable,
)
from ldn_desk.units.dates import month_name, short_date, weekday_names
from ldn_desk.units.language import current_language, first_weekday, tr

NEW_DOSE = HexColor("#FFF1C7")
REVIEW = HexColor("#F6D5D1")


@dataclass(frozen=True)
class CalendarDay:
    """One day of the calendar: its date, what to take, and a flag when the dose changes."""

    date: dt.date
    lines: tuple[str, ...]  # e.g. ("1.5 mg", "draw up 1.5 mL")
    new_dose: bool = False
    note: str = ""  # e.g. "New dose", shown in bold
    review: bool = False  # the review visit: the day is marked in red


def month_heading(dates: Sequence[dt.date], *, first: bool) -> str:
    """'March 2026', or 'March – April 2026' for a week in which a month begins: the year is said
    with each month, so a plan of more than a year never shows '1 Dec' twice without it."""
    months = [date for date in dates if date.day == 1]
    if first and dates:
        months.insert(0, dates[0])
    names = list(dict.fromkeys((month_name(date), date.year) for date in months))
    if len(names) > 1 and names[0][1] == names[-1][1]:
        return tr("{months} {year}").format(months=" – ".join(name for name, _ in names), year=names[-1][1])
    return " – ".join(tr("{months} {year}").format(months=name, year=year) for name, year in names)


def _month_row_style(row: int, columns: int) -> list[tuple[object, ...]]:
    """A month heading row spanning the table, kept on the page of the week below it."""
    return [
        ("SPAN", (0, row), (columns - 1, row)),
        ("NOSPLIT", (0, row), (columns - 1, row + 1)),
        ("LEFTPADDING", (0, row), (columns - 1, row), 6),
        ("TOPPADDING", (0, row), (columns - 1, row), 3),
        ("BOTTOMPADDING", (0, row), (columns - 1, row), 3),
    ]


_KEEP_TOGETHER = ((" × ", "\u00a0×\u00a0"), (" mg", "\u00a0mg"), (" mL", "\u00a0mL"), (" mcg", "\u00a0mcg"))


def wrap_words(text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy line breaking at plain spaces only, so '1 × 0.5 mg' never leaves 'mg' alone on a line."""
    for plain, joined in _KEEP_TOGETHER:
        text = text.replace(plain, joined)
    out: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        words: list[str] = []
        for word in paragraph.split(" "):
            if "\u00a0×\u00a0" in word and stringWidth(word, font, size) > width:
                head, tail = word.split("\u00a0×\u00a0", 1)  # too wide: break after the ×, never in "0.5 mg"
                words += [f"{head}\u00a0×", tail]
            else:
                words.append(word)
        for word in words:
            candidate = f"{line} {word}" if line else word
            if line and stringWidth(candidate, font, size) > width:
                out.append(line)
                line = word
            else:
                line = candidate
        out.append(line)
    return [line.replace("\u00a0", " ") for line in out if line]


def note_size(note: str, width: float, size: float, smallest: float) -> float:
    """The type a note line is set in: the calendar's own when it fits the day's width, else the
    largest (in tenths of a point, never under the document's smallest) at which it fits one line,
    so "Dosis nueva" reads whole rather than a word a line; a note that fits at no allowed size
    keeps the calendar's type and wraps."""
    if stringWidth(note, FONT_BOLD, size) <= width:
        return size
    fit = math.floor(width / float(stringWidth(note, FONT_BOLD, 1)) * 10) / 10
    return fit if smallest <= fit < size else size


def _cell_lines(
    day: CalendarDay, width: float, size: float, smallest: float | None = None
) -> list[tuple[str, bool, float]]:
    """The wrapped lines under the date: (text, bold, type size). The note (review, new dose) comes
    last, bold, each of its lines on one line where a slightly smaller type allows."""
    out = [(part, False, size) for line in day.lines for part in wrap_words(line, FONT, size, width)]
    for note in day.note.split("\n") if day.note else ():
        note_pt = note_size(note, width, size, size if smallest is None else smallest)
        out += [(part, True, note_pt) for part in wrap_words(note, FONT_BOLD, note_pt, width)]
    return out


def _widest_date(font_size: float) -> float:
    """The widest "30 Sep" of the language's months."""
    return _widest_in(current_language(), font_size)


@lru_cache(maxsize=64)  # asked by every day of the calendar
def _widest_in(language: str, font_size: float) -> float:
    del language  # the cache's key: short_date reads the current language
    return max(float(stringWidth(short_date(dt.date(2026, month, 28)).replace("28", "30"), FONT_BOLD, font_size))
               for month in range(1, 13))  # fmt: skip


class TextLines(Flowable):  # type: ignore[misc]
    """Short lines in one font and colour, set as a Paragraph of them would be (first baseline at
    the font's ascent, then one leading apart), drawn directly: the diary prints hundreds of these
    choice lists, and parsing each as a Paragraph was most of the diary's time."""

    def __init__(self, lines: Sequence[str], style: ParagraphStyle) -> None:
        super().__init__()
        self.lines = [printable(line, "diary") for line in lines]
        self.font, self.size, self.leading = style.fontName, float(style.fontSize), float(style.leading)
        self.color = style.textColor
        self.width = max((float(stringWidth(line, self.font, self.size)) for line in self.lines), default=0.0)
        self.height = self.leading * len(self.lines)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.setFillColor(self.color)
        canvas.setFont(self.font, self.size)
        y = self.height - float(getAscent(self.font, self.size))
        for line in self.lines:
            canvas.drawString(0, y, line)
            y -= self.leading


class DayCell(Flowable):  # type: ignore[misc]
    """A calendar square: date, dose lines, then a large tick box; drawn directly for speed.

    The table gives every cell the height of the fullest one, so text never runs into the box.
    """

    def __init__(
        self, day: CalendarDay | None, width: float, font_size: float, smallest: float | None = None
    ) -> None:
        super().__init__()
        self.day = day
        self.width = width
        self.font_size = font_size
        self.pad = font_size * 0.4
        self.box = font_size * 1.5
        self.lines: list[tuple[str, bool, float]] = []
        # The box sits beside the date when both fit on one row (normal print), else below the text.
        widest_date = _widest_date(font_size)
        self.box_on_top = widest_date + self.box + 3 * self.pad <= width
        if day is not None:
            for line in (*day.lines, day.note):
                printable(line, "calendar")
            self.lines = _cell_lines(day, width - 2 * self.pad, font_size, smallest)
        self.height = self.natural_height

    @property
    def natural_height(self) -> float:
        size = self.font_size
        text = size * 1.2 * len(self.lines) + size * 0.3
        if self.box_on_top:
            return self.pad + max(size * 1.2, self.box) + text + self.pad
        return self.pad + size * 1.2 * (1 + len(self.lines)) + size * 0.3 + self.box + self.pad

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        day = self.day
        size = self.font_size
        if day is None:
            canvas.setFillColor(SHADE)
            canvas.rect(0, 0, self.width, self.height, stroke=0, fill=1)
            return
        if day.review or day.new_dose:
            canvas.setFillColor(REVIEW if day.review else NEW_DOSE)
            canvas.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        canvas.setFillColor(INK)
        top = self.height - self.pad
        first_row = max(size * 1.2, self.box) if self.box_on_top else size * 1.2
        y = top - first_row / 2 - size * 0.35
        canvas.setFont(FONT_BOLD, size)
        canvas.drawString(self.pad, y, short_date(day.date))
        y = top - first_row - size * 0.95
        for text, bold, text_pt in self.lines:  # one leading a line, whatever the line's type
            canvas.setFont(FONT_BOLD if bold else FONT, text_pt)
            canvas.drawString(self.pad, y, text)
            y -= size * 1.2
        canvas.setStrokeColor(INK)
        canvas.setLineWidth(1.2)
        canvas.setFillColorRGB(1, 1, 1)
        box_y = top - self.box if self.box_on_top else self.pad
        canvas.rect(self.width - self.pad - self.box, box_y, self.box, self.box, stroke=1, fill=1)


def _is_week(row: Sequence[object]) -> bool:
    """A row of day cells (ReportLab keeps each cell as the flowable or a tuple of flowables)."""
    first = row[0]
    return isinstance(first, DayCell) or (
        isinstance(first, tuple | list) and any(isinstance(f, DayCell) for f in first)
    )


@dataclass(frozen=True)
class RowKind:
    """What a row of a month-headed table is: "header" (the repeated first row), "month" (a month's
    heading), "week" (with the dates it shows) or "notes" (the large-print diary's line under a week)."""

    kind: str
    dates: tuple[dt.date, ...] = ()


MakeTable = Callable[[list[list[Any]], list[float | None], list[RowKind]], Table]


class MonthRowsTable(KeptRowsTable):
    """A table of weeks under month headings (the calendar, the diary) that, split over pages,
    starts each continued page with the month and year of its first week: a page of "8 Nov"
    rows alone never leaves the reader to guess the year."""

    kinds: list[RowKind]
    make: MakeTable
    heading_row: Callable[[str], list[Any]]

    def _continued(self, parts: list[Flowable]) -> list[Flowable]:
        if len(parts) != 2:
            return parts
        n = len(parts[0]._cellvalues)
        rows: list[list[Any]] = list(self._cellvalues)
        heights: list[float | None] = list(self._argH)
        kinds = self.kinds
        first = self.make(rows[:n], heights[:n], kinds[:n])
        more_rows, more_heights, more_kinds = rows[n:], heights[n:], kinds[n:]
        if more_kinds and more_kinds[0].kind == "week":
            heading = month_heading(more_kinds[0].dates, first=True)
            more_rows = [self.heading_row(heading), *more_rows]
            more_heights = [None, *more_heights]
            more_kinds = [RowKind("month"), *more_kinds]
        rest = self.make([rows[0], *more_rows], [heights[0], *more_heights], [kinds[0], *more_kinds])
        return [first, rest]

    def _splitRows(self, availHeight: float, doInRowSplit: int = 0) -> list[Flowable]:
        return self._continued(super()._splitRows(availHeight, doInRowSplit))


class CalendarTable(MonthRowsTable):
    """The calendar's weeks over pages: a month's heading row never ends a page (it goes over with
    its weeks), and each side of a break keeps at least KEPT_ROWS weeks, so the review day's week
    is never a page of its own. A week is never split inside."""

    def _splitRows(self, availHeight: float, doInRowSplit: int = 0) -> list[Flowable]:
        if doInRowSplit:
            return []
        rows = self._cellvalues
        weeks = [index for index, row in enumerate(rows) if _is_week(row)]
        n = self._getFirstPossibleSplitRowPosition(availHeight, ignoreSpans=0)
        if n >= len(rows):
            return [self]
        if len(weeks) < 2 * KEPT_ROWS:
            return []  # too few weeks to split with enough on each side: the calendar moves whole
        n = min(n, weeks[-KEPT_ROWS])  # the rows from n on hold the last KEPT_ROWS weeks
        while n > 0 and not _is_week(rows[n - 1]):
            n -= 1  # a month's heading (or the weekday row) goes over with the weeks under it
        if n <= weeks[KEPT_ROWS - 1]:
            return []  # fewer than KEPT_ROWS weeks would stay on this page
        self._rowSplitRange = None  # type: ignore[assignment]  # the break is chosen above
        parts: list[Flowable] = Table._splitRows(self, sum(self._rowHeights[:n]) + 0.01, 0)
        return self._continued(parts)


def calendar_font_pt(styles: Styles) -> float:
    """The calendar's type: a little under the body, never under the document's smallest."""
    return max(styles.size * 0.85, float(styles.small.fontSize))


def _month_row(heading: str, style: ParagraphStyle, columns: int) -> list[Any]:
    return [Paragraph(f"<b>{markup(heading)}</b>", style), *([""] * (columns - 1))]


def _calendar_grid(
    rows: list[list[Any]], heights: list[float | None], kinds: list[RowKind], column: float, styles: Styles
) -> Table:
    del heights  # a week is as tall as its fullest day (set on its cells)
    style: list[tuple[object, ...]] = []
    for index, kind in enumerate(kinds):
        if kind.kind == "month":
            style += _month_row_style(index, 7)
    table = CalendarTable(rows, colWidths=[column] * 7, repeatRows=1, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.6, RULE),
                ("LEFTPADDING", (0, 1), (-1, -1), 0),
                ("RIGHTPADDING", (0, 1), (-1, -1), 0),
                ("TOPPADDING", (0, 1), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 1), (-1, -1), 0),
                ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                *style,  # month rows: their own padding, after the day cells' none
            ]
        )
    )
    table.kinds = kinds
    table.make = lambda r, h, k: _calendar_grid(r, h, k, column, styles)
    table.heading_row = lambda heading: _month_row(heading, styles.cell, 7)
    return table


def calendar_table(days: Sequence[CalendarDay], width: float, styles: Styles) -> Table:
    """Weeks as rows from the locale's first day of the week (Monday, or Sunday in the US), under
    a heading row for each month that begins; the weekday row repeats on every page, and a page
    the calendar continues on starts with its month and year."""
    if not days:
        raise ValueError("a calendar needs at least one day")
    font_size = calendar_font_pt(styles)
    column = width / 7
    by_date = {day.date: day for day in days}
    start = first_weekday()
    first = days[0].date - dt.timedelta(days=(days[0].date.weekday() - start) % 7)
    names = weekday_names()
    header = [Paragraph(f"<b>{markup(names[(start + i) % 7])}</b>", styles.cell) for i in range(7)]
    rows: list[list[Any]] = [header]
    kinds = [RowKind("header")]
    monday = first
    while monday <= days[-1].date:
        dates = [monday + dt.timedelta(days=offset) for offset in range(7)]
        shown = [date for date in dates if date in by_date]
        heading = month_heading(shown, first=len(rows) == 1)
        if heading:
            rows.append(_month_row(heading, styles.cell, 7))
            kinds.append(RowKind("month"))
        week = [DayCell(by_date.get(date), column, font_size, float(styles.small.fontSize)) for date in dates]
        height = max(cell.natural_height for cell in week)  # a week is as tall as its fullest day
        for cell in week:
            cell.height = height
        rows.append(list(week))
        kinds.append(RowKind("week", tuple(shown)))
        monday += dt.timedelta(days=7)
    return _calendar_grid(rows, [None] * len(rows), kinds, column, styles)


@dataclass(frozen=True)
class DiaryWeek:
    """One row of the symptom diary: the week's dates and the dose taken that week."""

    number: int
    first: dt.date
    last: dt.date
    dose_text: str


_CELL_PAD = 16.0  # the default cell padding (6 + 6) and a little slack, so a word is never split


def _fit(size: float, *words: str) -> float:
    return float(max(stringWidth(word, FONT_BOLD, size) for word in words)) + _CELL_PAD


def _diary_widths(
    width: float, size: float, columns: Sequence[tuple[str, tuple[str, ...]]], *, notes_inline: bool
) -> list[float] | None:
    """Week and dose columns sized to their text, each symptom column to its longest word, notes
    the rest; None when the notes column would be too narrow to write in at this type size.
    With the notes on their own line the symptom columns share what is left; None if the
    columns alone are wider than the page."""
    symptom = [_fit(size, *title.split(), *choices) for title, choices in columns]
    fixed = [_fit(size, f"{short_date(dt.date(2026, 9, 22))} –"), _fit(size, "0.25 mg")]
    left = width - sum(fixed) - sum(symptom)
    if notes_inline:
        return None if left < width * 0.22 else [*fixed, *symptom, left]
    if left < 0:
        return None
    return [*fixed, *(w + left / len(symptom) for w in symptom)]


def diary_table(
    weeks: Sequence[DiaryWeek],
    width: float,
    styles: Styles,
    *,
    columns: Sequence[tuple[str, tuple[str, ...]]],
    notes: str = "Notes, side effects",
) -> Table:
    """Rows to write in: week and dose, then one column per symptom, under a heading for each month
    that begins. A column with choices prints them in every row for the patient to circle; one
    without is left blank to write in. The notes column takes the rest of the width; where that is
    too narrow (large print), the notes take a line of their own below each week. The type never
    goes under the document's smallest."""
    smallest = styles.small.fontSize
    layout: tuple[float, list[float], bool] | None = None
    for notes_inline in (True, False):
        for scale in (1.0, 0.9, 0.8, 0.7):
            size = max(styles.cell.fontSize * scale, smallest)
            widths = _diary_widths(width, size, columns, notes_inline=notes_inline)
            if widths is not None:
                layout = (size, widths, notes_inline)
                break
        if layout is not None:
            break
    if layout is None:
        raise ValueError("too many diary columns for the page width")
    size, widths, notes_inline = layout
    cell = ParagraphStyle("diary", parent=styles.cell, fontSize=size, leading=size * 1.28)
    choice_style = ParagraphStyle("choice", parent=cell, textColor=GREY, leading=cell.fontSize * 1.45)
    header = [Paragraph(f"<b>{tr('Week')}</b>", cell), Paragraph(f"<b>{tr('Dose')}</b>", cell)]
    header += [Paragraph(f"<b>{markup(title)}</b>", cell) for title, _ in columns]
    if notes_inline:
        header.append(Paragraph(f"<b>{markup(notes)}</b>", cell))
    count = len(header)
    most_choices = max((len(choices) for _, choices in columns), default=0)
    week_height = max(styles.size * 3.6, choice_style.leading * most_choices + 8)
    rows: list[list[Any]] = [header]
    heights: list[float | None] = [None]
    kinds = [RowKind("header")]
    for week in weeks:
        dates = [
            week.first + dt.timedelta(days=offset) for offset in range((week.last - week.first).days + 1)
        ]
        heading = month_heading(dates, first=len(rows) == 1)
        if heading:
            rows.append(_month_row(heading, cell, count))
            heights.append(None)
            kinds.append(RowKind("month"))
        dates_text = f"{markup(short_date(week.first))} –<br/>{markup(short_date(week.last))}"
        row: list[Any] = [
            Paragraph(f"<b>{week.number}</b><br/>{dates_text}", cell),
            Paragraph(markup(week.dose_text), cell),
            *[TextLines(choices, choice_style) for _, choices in columns],
        ]
        rows.append([*row, Paragraph("", cell)] if notes_inline else row)
        heights.append(week_height)
        kinds.append(RowKind("week", tuple(dates)))
        if not notes_inline:
            rows.append(
                [Paragraph(f"<font color='#555555'>{markup(notes)}:</font>", cell), *([""] * (count - 1))]
            )
            heights.append(size * 3.2)
            kinds.append(RowKind("notes"))
    return _diary_grid(rows, heights, kinds, widths, cell)


def _diary_grid(
    rows: list[list[Any]],
    heights: list[float | None],
    kinds: list[RowKind],
    widths: list[float],
    cell: ParagraphStyle,
) -> Table:
    count = len(widths)
    style: list[tuple[object, ...]] = []
    for index, kind in enumerate(kinds):
        if kind.kind == "month":
            style += _month_row_style(index, count)
        elif kind.kind == "notes":  # the notes line spans the row and stays with its week
            style += [("SPAN", (0, index), (-1, index)), ("NOSPLIT", (0, index - 1), (-1, index))]
    table = grid_table(rows, widths, row_heights=heights, style=style, table_class=MonthRowsTable)
    assert isinstance(table, MonthRowsTable)
    table.kinds = kinds
    table.make = lambda r, h, k: _diary_grid(r, h, k, widths, cell)
    table.heading_row = lambda heading: _month_row(heading, cell, count)
    return table


__all__ = [
    "CalendarDay",
    "DayCell",
    "DiaryWeek",
    "calendar_font_pt",
    "calendar_table",
    "diary_table",
    "month_heading",
    "note_size",
    "short_date",
]
