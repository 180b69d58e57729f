"""Plan steps: (dose, days) segments laid out as dated steps, and back; doses read as mg."""

from __future__ import annotations

import math
from collections.abc import Sequence

from ldn_desk.errors import InputError
from ldn_desk.plans.model import Segment, Step
from ldn_desk.recipes.choices import TimeOfDay
from ldn_desk.units.dose_text import mg_text
from ldn_desk.units.numeric import same
from ldn_desk.units.quantity import Amount, magnitude


def lay_out(segments: Sequence[Segment], time_of_day: TimeOfDay, length_days: int | None) -> tuple[Step, ...]:
    """Dated steps from (dose, days) segments: equal neighbours merge, the last step runs on
    open (or to `length_days`), and nothing runs past `length_days`."""
    merged: list[Segment] = []
    for dose, days in segments:
        if days is not None and days < 1:
            continue
        if merged and same(merged[-1][0], dose):
            previous = merged[-1][1]
            merged[-1] = (dose, None if previous is None or days is None else previous + days)
        else:
            merged.append((dose, days))
    steps: list[Step] = []
    day = 1
    for index, (dose, days) in enumerate(merged):
        to_day = None if index == len(merged) - 1 or days is None else day + days - 1
        if length_days is not None and (to_day is None or to_day >= length_days):
            steps.append(Step(day, length_days, dose, time_of_day))
            break
        steps.append(Step(day, to_day, dose, time_of_day))
        if to_day is None:
            break
        day = to_day + 1
    return tuple(steps)


def segments_of(steps: Sequence[Step]) -> list[Segment]:
    out: list[Segment] = [(s.dose_mg, s.days) for s in steps]
    out[-1] = (out[-1][0], None)
    return out


def mg_of(value: Amount | float, field_name: str) -> float:
    """A dose given as an amount, or as a float read as mg; more than zero and finite."""
    mg = float(value) if isinstance(value, int | float) else magnitude(value, "mg")
    if not (math.isfinite(mg) and mg > 0):
        raise InputError(
            field_name, mg_text(mg) if math.isfinite(mg) else str(mg), "must be more than zero", "4.5 mg"
        )
    return mg
