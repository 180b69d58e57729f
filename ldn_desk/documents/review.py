"""The review summary: the dose and each diary measure on one time axis, the per-dose table, the
diary week by week, and the decision with its reason. For the prescriber and the patient's notes.

The summary describes what the diary held at each dose; it says nothing of what caused what.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, Rect, String
from reportlab.lib.colors import HexColor
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from ldn_desk.documents.chart import LINE, REVIEW
from ldn_desk.documents.pdfbase import (
    FONT,
    FONT_BOLD,
    GREY,
    INK,
    RULE,
    PageSetup,
    Styles,
    build_pdf,
    grid_table,
    make_styles,
    markup,
    para,
    printable,
)
from ldn_desk.plans.model import Plan
from ldn_desk.plans.review import (
    Decision,
    DiaryEntry,
    Measure,
    dose_summary,
    recorded_measures,
    shown_weeks,
    used_measures,
    week_doses,
)
from ldn_desk.units.dates import long_date, short_date
from ldn_desk.units.dose_text import format_number, mg_text
from ldn_desk.units.language import tr

SUMMARY_PT = 9.5
TITLE = "LDN review summary"
MEASURE_INK = HexColor("#6A3D9A")
# Said under the chart in place of the diary's panels when no week holds a value for any measure.
NONE_RECORDED = "No measure has been recorded in the diary yet: the chart shows the dose only."
DESCRIPTIVE = (
    "Each mean is over the diary weeks spent wholly at that dose; weeks not written, and measures "
    "left empty, are left out (n: the weeks counted). Weeks in which the dose changed are shown apart. "
    "Words circled are scored by their place on the diary (1 the first word). The table describes what "
    "was recorded at each dose; it does not show what caused it."
)


def _y_labels(item: Measure) -> list[tuple[float, str]]:
    if item.words:
        return [(float(i), word) for i, word in enumerate(item.words, 1)]
    return [(item.low, format_number(item.low, 0)), (item.high, format_number(item.high, 0))]


def response_chart(
    plan: Plan,
    diary: Sequence[DiaryEntry],
    measures: Sequence[Measure],
    width: float,
    *,
    font_size: float = 8,
) -> Drawing:
    """The daily dose and each measure in panels one above the other, sharing the week axis; a
    measure's weeks are joined only where the weeks follow one another (a gap stays a gap). A
    measure of `measures` with no value in any week has no panel (see `NONE_RECORDED`)."""
    recorded = recorded_measures(diary)
    measures = [m for m in measures if m in recorded]
    weeks = shown_weeks(plan, diary)
    last_day = weeks * 7
    label_width = font_size * 5.2
    left, right = label_width, width - font_size
    dose_h, panel_h, gap = font_size * 8, font_size * 4.2, font_size * 2.2
    axis = font_size * 3.2
    height = axis + dose_h + len(measures) * (panel_h + gap) + gap
    drawing = Drawing(width, height)
    drawing.initialFontName, drawing.initialFontSize = FONT, font_size

    def x_of(day: float) -> float:
        return left + (day - 1) / last_day * (right - left)

    def text(
        x: float, y: float, value: str, *, bold: bool = False, anchor: str = "start", ink: object = INK
    ) -> None:
        drawing.add(String(x, y, value, fontName=FONT_BOLD if bold else FONT, fontSize=font_size, fillColor=ink,
                           textAnchor=anchor))  # fmt: skip

    # Panels from the top: the dose, then each measure.
    top = height - gap
    doses = [s.dose_mg for s in plan.steps]
    dose_top = max(doses)
    bottom = top - dose_h
    drawing.add(Rect(left, bottom, right - left, dose_h, fillColor=None, strokeColor=RULE, strokeWidth=0.5))
    text(left, top + font_size * 0.45, "Daily dose", bold=True)
    for value in sorted(set(doses)) if len(set(doses)) <= 4 else (min(doses), dose_top):
        y = bottom + value / dose_top * (dose_h - font_size)
        drawing.add(Line(left, y, right, y, strokeColor=RULE, strokeWidth=0.3, strokeDashArray=[1, 2]))
        text(left - font_size * 0.4, y - font_size * 0.35, mg_text(value), anchor="end")
    points: list[float] = []
    for step in plan.steps:
        end = min(step.to_day or last_day, last_day)
        if step.from_day > last_day:
            break
        y = bottom + step.dose_mg / dose_top * (dose_h - font_size)
        points += [x_of(step.from_day), y, x_of(end + 1), y]
    drawing.add(PolyLine(points, strokeColor=LINE, strokeWidth=2))
    if plan.review_day <= last_day:
        x = x_of(plan.review_day)
        drawing.add(Line(x, axis, x, top, strokeColor=REVIEW, strokeWidth=1, strokeDashArray=[4, 3]))
        text(x - font_size * 0.3, top + font_size * 0.45, "Review day", bold=True, anchor="end", ink=REVIEW)
    by_week = {e.week: e for e in diary}
    for item in measures:
        top = bottom - gap
        bottom = top - panel_h
        drawing.add(
            Rect(left, bottom, right - left, panel_h, fillColor=None, strokeColor=RULE, strokeWidth=0.5)
        )
        scale = "" if item.words else f" ({item.scale_text})"
        text(left, top + font_size * 0.45, f"{item.title}{scale}", bold=True)
        low, high = (1.0, float(len(item.words))) if item.words else (item.low, item.high)

        def y_of(value: float, low: float = low, high: float = high, bottom: float = bottom) -> float:
            pad = font_size * 0.6
            return bottom + pad + (value - low) / ((high - low) or 1) * (panel_h - 2 * pad)

        labels = _y_labels(item)
        for value, label in labels[:: max(1, len(labels) - 1)] if len(labels) > 2 else labels:
            text(left - font_size * 0.4, y_of(value) - font_size * 0.35, label, anchor="end")
        run: list[float] = []
        for week in range(1, weeks + 2):
            entry = by_week.get(week)
            score = None if entry is None else entry.score(item.key)
            if score is not None:
                x, y = x_of(7 * week - 3), y_of(score)
                drawing.add(Circle(x, y, font_size * 0.28, fillColor=MEASURE_INK, strokeColor=MEASURE_INK))
                run += [x, y]
                continue
            if len(run) >= 4:
                drawing.add(PolyLine(run, strokeColor=MEASURE_INK, strokeWidth=1.2))
            run = []
    for week in range(1, weeks + 1):
        if weeks > 12 and (week - 1) % 2:
            continue
        x = x_of(7 * (week - 1) + 1)
        drawing.add(Line(x, bottom, x, bottom - font_size * 0.4, strokeColor=GREY, strokeWidth=0.5))
        text(x, bottom - font_size * 1.5, str(week), anchor="middle")
    text((left + right) / 2, font_size * 0.3, "Week of the plan", anchor="middle", ink=GREY)
    return drawing


def _cell(value: str, styles: Styles, *, bold: bool = False) -> Paragraph:
    return Paragraph(markup(value, "review"), styles.cell_bold if bold else styles.cell)


_PAD = 3.0  # points of padding each side of a cell: seven measures and the notes fit across a page
_NARROW = [(side, (0, 0), (-1, -1), _PAD) for side in ("LEFTPADDING", "RIGHTPADDING")]


def _fit(texts: Sequence[str], styles: Styles) -> float:
    """A column just wide enough for the widest of `texts` in the bold cell type, with the cell's
    padding."""
    return (
        float(max(stringWidth(text, FONT_BOLD, styles.cell_bold.fontSize) for text in texts)) + 2 * _PAD + 1
    )


def _widths(width: float, fixed: list[float], columns: list[float], least_rest: float) -> list[float]:
    """The fixed columns, the measure columns (shrunk together when they do not fit) and, where
    `least_rest` is given, a last column taking what is left (at least that much)."""
    room = width - sum(fixed) - least_rest
    scale = min(1.0, room / sum(columns))
    measured = [c * scale for c in columns]
    if least_rest:
        return [*fixed, *measured, width - sum(fixed) - sum(measured)]
    spare = (width - sum(fixed) - sum(measured)) / len(measured)
    return [*fixed, *(m + spare for m in measured)]


def _summary_table(plan: Plan, diary: Sequence[DiaryEntry], measures: Sequence[Measure], styles: Styles,
                   width: float) -> Flowable:  # fmt: skip
    head = ["Dose", "Weeks", *(m.heading for m in measures)]
    rows = [[_cell(h, styles, bold=True) for h in head]]
    for row in dose_summary(plan, diary):
        weeks = ", ".join(str(w) for w in row.weeks)
        rows.append(
            [_cell(row.dose_text, styles), _cell(weeks, styles),
             *(_cell(row.means[m.key].text(1 if m.decimals == 0 else 2), styles) for m in measures)]
        )  # fmt: skip
    # A mean wraps at its space ("4.5" over "(n=2)") where the column is narrow; a heading never.
    columns = [_fit([m.heading, "10.25"], styles) for m in measures]
    return grid_table(rows, _widths(width, [width * 0.12, width * 0.12], columns, 0.0), style=_NARROW)


def _week_label(week: int, first: dt.date, *, with_year: bool = False) -> str:
    """'11 (10 May)': the week and the day it began, the date never broken over two lines; with
    the year ('54 (7 Dec 2027)') where the diary's months repeat."""
    year = f"\u00a0{first.year}" if with_year else ""
    began = short_date(first).replace(" ", "\u00a0")  # '10 May', '10 may': the current language's
    return f"{week} ({began}{year})"


def _months_repeat(firsts: Sequence[dt.date]) -> bool:
    """Whether a month comes round again over these weeks (December 2026 and December 2027)."""
    return len({(d.year, d.month) for d in firsts}) > len({d.month for d in firsts})


def _diary_table(plan: Plan, diary: Sequence[DiaryEntry], measures: Sequence[Measure], styles: Styles,
                 width: float) -> Flowable:  # fmt: skip
    head = ["Week", "Dose", *(m.heading for m in measures), "Side effects, notes"]
    rows = [[_cell(h, styles, bold=True) for h in head]]
    by_week = {e.week: e for e in diary}
    weeks = shown_weeks(plan, diary)
    firsts = [week_doses(plan, week).first for week in range(1, weeks + 1)]
    with_year = _months_repeat(firsts)
    labels = [_week_label(week, first, with_year=with_year) for week, first in enumerate(firsts, 1)]
    for week in range(1, weeks + 1):
        doses = week_doses(plan, week)
        entry = by_week.get(week)
        label = labels[week - 1]
        if entry is None:
            rows.append([_cell(label, styles), _cell(doses.dose_text, styles),
                         *(_cell("—", styles) for _ in measures), _cell("not written", styles)])  # fmt: skip
            continue
        scores = [
            _cell("—" if entry.score(m.key) is None else m.score_text(entry.score(m.key) or 0.0), styles)
            for m in measures
        ]
        words = "; ".join(t for t in (entry.side_effects, entry.notes) if t)
        rows.append([_cell(label, styles), _cell(doses.dose_text, styles), *scores,
                     _cell(printable(words, "notes", multiline=False) if words else "", styles)])  # fmt: skip
    columns = [_fit([m.heading, *m.words, "100.25" if m.decimals else "10"], styles) for m in measures]
    # The week column holds "11 (10 May)" on one line where the page allows, else breaks it
    # after the week's number, never inside the date.
    week_width = min(max(width * 0.11, _fit(labels, styles)), width * 0.16)
    return grid_table(rows, _widths(width, [week_width, width * 0.1], columns, width * 0.18), style=_NARROW)


def review_summary_pdf(
    plan: Plan,
    diary: Sequence[DiaryEntry],
    setup: PageSetup | None = None,
    *,
    patient: str,
    printed: dt.date,
    decision: Decision | None = None,
    next_plan: Plan | None = None,
    clinic: str = "",
) -> bytes:
    """The review summary of `plan` and the diary kept on it, with the decision where one was made
    (and the next phase's first dose). The same input gives the same bytes."""
    setup = setup or PageSetup()
    styles = make_styles(SUMMARY_PT)
    width = setup.frame_width
    measures = used_measures(diary)
    written = len(diary)
    story: list[Flowable] = [
        para(TITLE, styles.title),
        para(
            f"Patient: {printable(patient, 'patient')}"
            + (f" · {printable(clinic, 'clinic')}" if clinic else ""),
            styles.bold,
        ),
        para(
            f"{plan.protocol_name}, from {long_date(plan.start_date)}; review due {long_date(plan.review_date)} "
            f"(by {long_date(plan.review_latest_date)}). Diary: {written} of {shown_weeks(plan, diary)} weeks written.",
            styles.body,
        ),
        para("Dose and diary over the weeks", styles.heading),
        response_chart(plan, diary, measures, width),
        *(
            []
            if recorded_measures(diary)
            else [Spacer(1, styles.size * 0.4), para(tr(NONE_RECORDED), styles.body)]
        ),
        KeepTogether(
            [
                para("At each dose", styles.heading),
                _summary_table(plan, diary, measures, styles, width),
                Spacer(1, styles.size * 0.4),
                para(DESCRIPTIVE, styles.small),
            ]
        ),
        para("The diary week by week", styles.heading),
        _diary_table(plan, diary, measures, styles, width),
    ]
    decided: list[Flowable] = [para("The decision", styles.heading)]
    if decision is None:
        decided.append(para("No decision has been recorded yet.", styles.body))
    else:
        decided += [
            para(f"{decision.title} ({long_date(decision.decided_on)})", styles.bold),
            para(f"Reason: {decision.reason}", styles.body),
            para(f"Prescriber: {decision.prescriber_text}", styles.body),
        ]
        if next_plan is not None:
            first = next_plan.steps[0]
            decided.append(
                para(
                    f"Next phase from {long_date(next_plan.start_date)}: {first.directions}"
                    + (
                        f", then {', '.join(s.dose_text for s in next_plan.steps[1:])}"
                        if len(next_plan.steps) > 1
                        else ""
                    )
                    + f". Next review due {long_date(next_plan.review_date)}.",
                    styles.body,
                )
            )
        elif decision.kind == "stop":
            decided.append(para("The trial is stopped: no further plan.", styles.body))
    story.append(KeepTogether(decided))

    def footer(page: int, pages: int) -> str:
        date = long_date(printed).replace(" ", "\u00a0")  # never broken when a long name wraps
        return f"{patient} · {TITLE} printed {date} · page {page} of {pages}"

    return build_pdf(story, setup, styles, title=TITLE, author=clinic, footer=footer)


__all__ = ["DESCRIPTIVE", "NONE_RECORDED", "TITLE", "response_chart", "review_summary_pdf"]
