"""Plan steps: one daily dose over a run of days, and (dose, days) segments laid out as dated steps."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

from ldn_desk.errors import InputError
from ldn_desk.plans.protocols import TIME_WORDS, check_time
from ldn_desk.recipes.choices import TimeOfDay
from ldn_desk.units.dates import day_n
from ldn_desk.units.dose_text import days_text, mg_text
from ldn_desk.units.numeric import same
from ldn_desk.units.quantity import Amount, magnitude

MAX_INTERVAL_DAYS = 365
MAX_PLAN_DAYS = 3660


@dataclass(frozen=True)
class Step:
    """One dose taken every day from `from_day` to `to_day` (both included; None: open-ended)."""

    from_day: int
    to_day: int | None
    dose_mg: float
    time_of_day: TimeOfDay = TimeOfDay.BEDTIME

    def __post_init__(self) -> None:
        if self.from_day < 1:
            raise ValueError("a step starts on day 1 or later")
        if self.to_day is not None and self.to_day < self.from_day:
            raise ValueError("a step ends on or after the day it starts")
        if not (math.isfinite(self.dose_mg) and self.dose_mg > 0):
            raise ValueError("a step's dose is more than zero")
        object.__setattr__(self, "time_of_day", check_time(self.time_of_day))

    @property
    def days(self) -> int | None:
        return None if self.to_day is None else self.to_day - self.from_day + 1

    @property
    def dose_text(self) -> str:
        return mg_text(self.dose_mg)

    @property
    def time_text(self) -> str:
        return TIME_WORDS[self.time_of_day]

    @property
    def directions(self) -> str:
        """'1.5 mg daily at bedtime' — the dose as a patient reads it."""
        return f"{self.dose_text} daily {self.time_text}"

    @property
    def days_label(self) -> str:
        """'Days 15–28', 'Day 3' or 'From day 29'."""
        if self.to_day is None:
            return f"From day {self.from_day}"
        if self.to_day == self.from_day:
            return f"Day {self.from_day}"
        return f"Days {self.from_day}–{self.to_day}"

    def covers(self, day: int) -> bool:
        return self.from_day <= day and (self.to_day is None or day <= self.to_day)

    def start_date(self, plan_start: dt.date) -> dt.date:
        return day_n(plan_start, self.from_day)

    def end_date(self, plan_start: dt.date) -> dt.date | None:
        return None if self.to_day is None else day_n(plan_start, self.to_day)


def check_calendar(start_date: dt.date, last_day: int, what: str) -> None:
    """Refuse, naming the start date, a period from `start_date` (day 1) to `last_day` that runs
    past 31 December 9999, the last date the calendar holds."""
    try:
        day_n(start_date, last_day)
    except OverflowError:
        raise InputError(
            "start date",
            start_date.isoformat(),
            f"leaves no room in the calendar for the {days_text(last_day)} to {what}; check the year",
            "2026-12-01",
        ) from None


Segment = tuple[float, int | None]  # (dose mg, days; None for the open last step)


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
