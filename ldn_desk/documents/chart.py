"""A small step chart of the daily dose over the weeks of a plan, drawn with ReportLab graphics."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.graphics.shapes import Drawing, Line, PolyLine, Rect, String
from reportlab.lib.colors import HexColor

from ldn_desk.documents.pdfbase import FONT, FONT_BOLD, GREY, INK, RULE
from ldn_desk.units.dose_text import mg_text
from ldn_desk.units.language import tr
from ldn_desk.units.numeric import whole_count

LINE = HexColor("#1F4E79")
REVIEW = HexColor("#B03A2E")
_MAX_Y_TICKS = 6
# Below this share of the top dose, a rung on a straight axis sits within a line's width of the
# baseline (0.1 mg on a ladder to 6 mg is 1/60 of the height): the axis is then drawn on a square
# root, so every rung stands clear, and the plan's first dose is labelled.
_SQRT_BELOW = 0.1


@dataclass(frozen=True)
class ChartStep:
    """A dose taken from `from_day` to `to_day` (both included)."""

    from_day: int
    to_day: int
    dose_mg: float


def _y_ticks(doses: Sequence[float]) -> list[float]:
    """The plan's own doses when there are few of them (the patient recognises them), else round steps."""
    distinct = sorted(set(doses))
    if len(distinct) <= _MAX_Y_TICKS:
        return [0.0, *distinct] if distinct[0] > 0 else distinct
    top = max(distinct)
    raw = top / (_MAX_Y_TICKS - 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    # Every whole step up to the top dose, and the next above it only where the top dose falls
    # between steps: a plan to 3 mg never shows a "4 mg" line the patient could take for a target.
    ticks = whole_count(top / step)
    return [round(i * step, 6) for i in range(ticks + 1)]


def labelled_ticks(
    ticks: Sequence[float], y_of: Callable[[float], float], font_size: float, *, keep: float | None = None
) -> list[float]:
    """The ticks whose labels can be printed without touching: from the top (the target the patient
    reaches) down, a tick is labelled only when it sits at least a line above the last one labelled.
    Weekly 1 mg ends 4 mg, 4.5 mg: "4.5 mg" is kept and "4 mg" keeps its grid line only. `keep`
    (the first dose of a widened axis) is labelled first, and the others make room for it."""
    gap = font_size * 1.2
    kept: list[float] = [] if keep is None else [keep]
    for tick in sorted(ticks, reverse=True):
        if tick != keep and all(abs(y_of(other) - y_of(tick)) >= gap for other in kept):
            kept.append(tick)
    return sorted(kept)


def _week_ticks(days: int) -> list[int]:
    """Week numbers to label on the day axis: every week for short plans, thinned for long ones."""
    weeks = math.ceil(days / 7)
    every = next(n for n in (1, 2, 4, 8, 13) if weeks / n <= 10)
    return [w for w in range(1, weeks + 1) if (w - 1) % every == 0]


def dose_chart(
    steps: Sequence[ChartStep],
    width: float,
    *,
    height: float | None = None,
    font_size: float = 9,
    review_day: int | None = None,
) -> Drawing:
    """A Drawing of the dose (mg) against the plan's weeks; a dashed line marks the review day."""
    if not steps:
        raise ValueError("a chart needs at least one step")
    last_day = max([s.to_day for s in steps] + ([review_day] if review_day else []))
    doses = [s.dose_mg for s in steps]
    ticks = _y_ticks(doses)
    y_top = max(ticks) or 1.0
    lowest = min((dose for dose in doses if dose > 0), default=y_top)
    widened = lowest / y_top < _SQRT_BELOW
    if widened and lowest not in ticks:
        ticks = sorted({*ticks, lowest})
    # A widened axis is drawn taller too, so that the first rung stands a line of type clear.
    height = height or max(90.0, font_size * 11.5) * (1.5 if widened else 1.0)
    label_width = max(len(mg_text(t)) for t in ticks) * font_size * 0.62 + font_size
    left, right = label_width, width - font_size
    bottom, top = font_size * 3.6, height - font_size * 1.6
    drawing = Drawing(width, height)
    # The renderer's starting font: left to its default, Helvetica is listed in the PDF, unembedded.
    drawing.initialFontName, drawing.initialFontSize = FONT, font_size

    def x_of(day: float) -> float:
        return left + (day - 1) / last_day * (right - left)

    def y_of(mg: float) -> float:
        share = math.sqrt(mg / y_top) if widened else mg / y_top
        return bottom + share * (top - bottom)

    drawing.add(
        Rect(left, bottom, right - left, top - bottom, fillColor=None, strokeColor=RULE, strokeWidth=0.5)
    )
    labelled = set(labelled_ticks(ticks, y_of, font_size, keep=lowest if widened else None))
    for tick in ticks:
        y = y_of(tick)
        drawing.add(Line(left, y, right, y, strokeColor=RULE, strokeWidth=0.3, strokeDashArray=[1, 2]))
        if tick in labelled:
            drawing.add(String(left - font_size * 0.4, y - font_size * 0.35, mg_text(tick), fontName=FONT,
                               fontSize=font_size, fillColor=INK, textAnchor="end"))  # fmt: skip
    for week in _week_ticks(last_day):
        x = x_of(7 * (week - 1) + 1)
        drawing.add(Line(x, bottom, x, bottom - font_size * 0.4, strokeColor=GREY, strokeWidth=0.5))
        drawing.add(String(x, bottom - font_size * 1.55, str(week), fontName=FONT, fontSize=font_size,
                           fillColor=INK, textAnchor="middle"))  # fmt: skip
    drawing.add(String((left + right) / 2, font_size * 0.4, tr("Week of the plan"), fontName=FONT,
                       fontSize=font_size, fillColor=GREY, textAnchor="middle"))  # fmt: skip
    title = tr("Daily dose (low doses drawn taller)") if widened else tr("Daily dose")
    drawing.add(String(left, top + font_size * 0.5, title, fontName=FONT_BOLD, fontSize=font_size,
                       fillColor=INK, textAnchor="start"))  # fmt: skip

    points: list[float] = []
    for step in steps:
        points += [x_of(step.from_day), y_of(step.dose_mg), x_of(step.to_day + 1), y_of(step.dose_mg)]
    drawing.add(PolyLine(points, strokeColor=LINE, strokeWidth=2.2))

    if review_day is not None:
        x = x_of(review_day)
        drawing.add(Line(x, bottom, x, top, strokeColor=REVIEW, strokeWidth=1.2, strokeDashArray=[4, 3]))
        drawing.add(String(x - font_size * 0.3, top + font_size * 0.5, tr("Review"), fontName=FONT_BOLD,
                           fontSize=font_size, fillColor=REVIEW, textAnchor="end"))  # fmt: skip
    return drawing
