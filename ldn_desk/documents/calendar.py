"""The tick-box calendar (one row a week) and the weekly symptom diary of the patient handout."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from ldn_desk.documents.pdfbase import (
    FONT,
    FONT_BOLD,
    GREY,
    INK,
    RULE,
    SHADE,
    Styles,
    grid_table,
    markup,
    printable,
)

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
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


def short_date(date: dt.date) -> str:
    """'3 Mar' — the month in letters, so a day can never be read as a month."""
    return f"{date.day} {date.strftime('%b')}"


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


def _cell_lines(day: CalendarDay, width: float, size: float) -> list[tuple[str, bool]]:
    """The wrapped lines under the date: (text, bold). The note (review, new dose) comes last, bold."""
    out = [(part, False) for line in day.lines for part in wrap_words(line, FONT, size, width)]
    if day.note:
        out += [(part, True) for part in wrap_words(day.note, FONT_BOLD, size, width)]
    return out


class DayCell(Flowable):  # type: ignore[misc]
    """A calendar square: date, dose lines, then a large tick box; drawn directly for speed.

    The table gives every cell the height of the fullest one, so text never runs into the box.
    """

    def __init__(self, day: CalendarDay | None, width: float, font_size: float) -> None:
        super().__init__()
        self.day = day
        self.width = width
        self.font_size = font_size
        self.pad = font_size * 0.4
        self.box = font_size * 1.5
        self.lines: list[tuple[str, bool]] = []
        # The box sits beside the date when both fit on one row (normal print), else below the text.
        widest_date = stringWidth("30 Sep", FONT_BOLD, font_size)
        self.box_on_top = widest_date + self.box + 3 * self.pad <= width
        if day is not None:
            for line in (*day.lines, day.note):
                printable(line, "calendar")
            self.lines = _cell_lines(day, width - 2 * self.pad, font_size)
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
        for text, bold in self.lines:
            canvas.setFont(FONT_BOLD if bold else FONT, size)
            canvas.drawString(self.pad, y, text)
            y -= size * 1.2
        canvas.setStrokeColor(INK)
        canvas.setLineWidth(1.2)
        canvas.setFillColorRGB(1, 1, 1)
        box_y = top - self.box if self.box_on_top else self.pad
        canvas.rect(self.width - self.pad - self.box, box_y, self.box, self.box, stroke=1, fill=1)


def calendar_table(days: Sequence[CalendarDay], width: float, styles: Styles) -> Table:
    """Weeks as rows, Monday to Sunday; the header row repeats on every page."""
    if not days:
        raise ValueError("a calendar needs at least one day")
    font_size = styles.size * 0.85
    column = width / 7
    by_date = {day.date: day for day in days}
    first = days[0].date - dt.timedelta(days=days[0].date.weekday())
    header = [Paragraph(f"<b>{name[:3]}</b>", styles.cell) for name in WEEKDAYS]
    cells: list[list[DayCell]] = []
    monday = first
    while monday <= days[-1].date:
        dates = [monday + dt.timedelta(days=offset) for offset in range(7)]
        cells.append([DayCell(by_date.get(date), column, font_size) for date in dates])
        monday += dt.timedelta(days=7)
    for row in cells:  # a week is as tall as its fullest day, so text never meets a tick box
        height = max(cell.natural_height for cell in row)
        for cell in row:
            cell.height = height
    rows: list[list[Flowable]] = [header, *cells]
    table = Table(rows, colWidths=[column] * 7, repeatRows=1, hAlign="LEFT")
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
            ]
        )
    )
    return table


@dataclass(frozen=True)
class DiaryWeek:
    """One row of the symptom diary: the week's dates and the dose taken that week."""

    number: int
    first: dt.date
    last: dt.date
    dose_text: str


def _diary_widths(
    width: float, size: float, columns: Sequence[tuple[str, tuple[str, ...]]]
) -> list[float] | None:
    """Week and dose columns sized to their text, each symptom column to its longest word, notes
    the rest; None when the notes column would be too narrow to write in at this type size."""
    pad = 16.0  # the default cell padding (6 + 6) and a little slack, so a word is never split

    def fit(*words: str) -> float:
        return float(max(stringWidth(word, FONT_BOLD, size) for word in words)) + pad

    symptom = [fit(*title.split(), *choices) for title, choices in columns]
    fixed = [fit("22 Mar –"), fit("0.25 mg")]
    notes = width - sum(fixed) - sum(symptom)
    return None if notes < width * 0.22 else [*fixed, *symptom, notes]


def diary_table(
    weeks: Sequence[DiaryWeek],
    width: float,
    styles: Styles,
    *,
    columns: Sequence[tuple[str, tuple[str, ...]]],
) -> Table:
    """Rows to write in: week and dose, then one column per symptom. A column with choices
    prints them in every row for the patient to circle; one without is left blank to write in."""
    cell = styles.cell
    widths = None
    for scale in (1.0, 0.9, 0.8, 0.7):  # large print on A4: a slightly smaller table, never split words
        widths = _diary_widths(width, styles.cell.fontSize * scale, columns)
        if widths is not None:
            size = styles.cell.fontSize * scale
            cell = ParagraphStyle("diary", parent=styles.cell, fontSize=size, leading=size * 1.28)
            break
    if widths is None:
        raise ValueError("too many diary columns for the page width")
    choice_style = ParagraphStyle("choice", parent=cell, textColor=GREY, leading=cell.fontSize * 1.45)
    header = [Paragraph("<b>Week</b>", cell), Paragraph("<b>Dose</b>", cell)]
    header += [Paragraph(f"<b>{markup(title)}</b>", cell) for title, _ in columns]
    header.append(Paragraph("<b>Notes, side effects</b>", cell))
    rows: list[list[Flowable]] = [header]
    for week in weeks:
        rows.append(
            [
                Paragraph(
                    f"<b>{week.number}</b><br/>{markup(short_date(week.first))} –<br/>{markup(short_date(week.last))}",
                    cell,
                ),
                Paragraph(markup(week.dose_text), cell),
                *[
                    Paragraph("<br/>".join(markup(c) for c in choices), choice_style)
                    for _, choices in columns
                ],
                Paragraph("", cell),
            ]
        )
    most_choices = max((len(choices) for _, choices in columns), default=0)
    row_height = max(styles.size * 3.6, choice_style.leading * most_choices + 8)
    return grid_table(rows, widths, row_heights=[None, *([row_height] * len(weeks))])


__all__ = ["CalendarDay", "DayCell", "DiaryWeek", "calendar_table", "diary_table", "short_date"]
