"""The handout's QR code: the plan's short summary for the clinic's phone or scanner, never a name.

    text = plan_summary(plan, liquid, capsules)   # "LDN plan from 2026-12-01: 1.5 mg days 1-14; …"
    code = QrFlowable(text, size)                  # a small square for the clinician's small print

ASCII only, so any scanner reads it the same; at most MAX_STEPS steps are listed, a longer plan
is summed up by its first and last doses, so the code stays small enough to scan from paper.
"""

from __future__ import annotations

import itertools

from reportlab.graphics.barcode import qrencoder
from reportlab.platypus import Flowable

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


class QrFlowable(Flowable):  # type: ignore[misc]
    """A QR code of `text` as a square `size` points wide (medium error correction, a quiet zone
    of two modules). The code is worked out once, here; drawing fills one path of the dark runs,
    row by row, so a page draws it in a single fill rather than a shape per module."""

    BORDER = 2  # modules of quiet zone on each side

    def __init__(self, text: str, size: float) -> None:
        super().__init__()
        code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
        code.addData(text)
        code.make()
        self.text = text
        self.width = self.height = size
        self._modules: list[list[bool]] = [[bool(m) for m in row] for row in code.modules]

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        count = len(self._modules)
        box = self.width / (count + 2 * self.BORDER)
        path = self.canv.beginPath()
        for r, row in enumerate(self._modules):
            top = self.height - (r + self.BORDER + 1) * box
            column = 0
            for dark, run in itertools.groupby(row):
                length = len(list(run))
                if dark:
                    path.rect((column + self.BORDER) * box, top, length * box, box)
                column += length
        self.canv.saveState()
        self.canv.setFillColorRGB(0, 0, 0)
        self.canv.drawPath(path, stroke=0, fill=1)
        self.canv.restoreState()


__all__ = ["MAX_STEPS", "QrFlowable", "plan_summary"]
