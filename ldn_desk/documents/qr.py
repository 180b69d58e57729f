"""The handout's QR code: the plan's short summary for the clinic's phone or scanner, never a name.

    text = plan_summary(plan, liquid, capsules)   # "LDN plan from 2026-12-01: 1.5 mg days 1-14; …"
    drawing = qr_drawing(text, size)               # a small square for the clinician's small print

ASCII only, so any scanner reads it the same; at most MAX_STEPS steps are listed, a longer plan
is summed up by its first and last doses, so the code stays small enough to scan from paper.
"""

from __future__ import annotations

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing

from ldn_desk.documents.pdfbase import FONT
from ldn_desk.plans.measuring import CapsuleSchedule, LiquidSchedule
from ldn_desk.plans.model import Plan
from ldn_desk.units.dose_text import mg_per_ml_text, mg_text

MAX_STEPS = 6


def _days(from_day: int, to_day: int | None) -> str:
    if to_day is None:
        return f"from day {from_day}"
    return f"day {from_day}" if from_day == to_day else f"days {from_day}-{to_day}"


def plan_summary(
    plan: Plan, liquid: LiquidSchedule | None = None, capsules: CapsuleSchedule | None = None
) -> str:
    """The plan in one short ASCII line: start, doses and days, time, form, review. No patient."""
    steps = plan.steps
    if len(steps) <= MAX_STEPS:
        doses = "; ".join(f"{s.dose_text} {_days(s.from_day, s.to_day)}" for s in steps)
    else:
        doses = (
            f"{steps[0].dose_text} to {mg_text(max(s.dose_mg for s in steps))} in {len(steps)} steps, "
            f"every {plan.interval_days} days"
        )
    parts = [f"LDN plan from {plan.start_date.isoformat()}: {doses}", f"daily {plan.steps[0].time_text}"]
    if liquid is not None:
        parts.append(f"oral liquid {mg_per_ml_text(liquid.strength_mg_per_ml)}")
    elif capsules is not None:
        parts.append(f"capsules {', '.join(mg_text(s) for s in capsules.strengths_mg)}")
    parts.append(f"review {plan.review_date.isoformat()} (by {plan.review_latest_date.isoformat()})")
    text = ". ".join(parts) + "."
    # mg_text and the words above are ASCII; "–" never appears (days are written 1-14).
    return text.encode("ascii", "replace").decode("ascii")


def qr_drawing(text: str, size: float) -> Drawing:
    """A QR code of `text` as a square Drawing `size` points wide (medium error correction)."""
    widget = QrCodeWidget(text, barLevel="M", barBorder=2)
    x0, y0, x1, y1 = widget.getBounds()
    width, height = x1 - x0, y1 - y0
    drawing = Drawing(
        size, size, transform=[size / width, 0, 0, size / height, -x0 * size / width, -y0 * size / height]
    )
    # The renderer's starting font: left to its default, Helvetica is listed in the PDF, unembedded.
    drawing.initialFontName, drawing.initialFontSize = FONT, 8
    drawing.add(widget)
    return drawing


__all__ = ["MAX_STEPS", "plan_summary", "qr_drawing"]
