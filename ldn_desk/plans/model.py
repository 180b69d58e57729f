"""The plan's types: a dated Step, a Plan of steps with its review, and a clinician's edit as data.

Everything else in `ldn_desk.plans` builds, edits, measures or stores these; this module imports
none of it (only the protocol library's own types and checks), so nothing here can form a cycle.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from dataclasses import dataclass, field

from ldn_desk.errors import InputError
from ldn_desk.plans.protocols import TIME_WORDS, ReviewRule, check_time
from ldn_desk.recipes.choices import TimeOfDay
from ldn_desk.recipes.dose_range import Alert, check_daily_dose_mg
from ldn_desk.units.dates import day_n
from ldn_desk.units.dose_text import days_text, mg_text
from ldn_desk.units.language import tr
from ldn_desk.units.numeric import above, at_least

MAX_INTERVAL_DAYS = 365
MAX_PLAN_DAYS = 3660

Segment = tuple[float, int | None]  # (dose mg, days; None for the open last step)


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
        return tr(TIME_WORDS[self.time_of_day])

    @property
    def directions(self) -> str:
        """'1.5 mg daily at bedtime' — the dose as a patient reads it."""
        return f"{self.dose_text} daily {self.time_text}"

    @property
    def days_label(self) -> str:
        """'Days 15–28', 'Day 3' or 'From day 29'."""
        if self.to_day is None:
            return tr("From day {day}").format(day=self.from_day)
        if self.to_day == self.from_day:
            return tr("Day {day}").format(day=self.from_day)
        return tr("Days {first}–{last}").format(first=self.from_day, last=self.to_day)

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


@dataclass(frozen=True)
class Plan:
    """A dated titration plan. Build it with ldn_desk.plans.titration; the edits in
    ldn_desk.plans.edits return new plans."""

    start_date: dt.date
    steps: tuple[Step, ...]
    target_mg: float
    interval_days: int
    review_rule: ReviewRule
    step_mg: float | None = None  # the rise per step, where the plan has one rule
    protocol_key: str | None = None
    protocol_name: str = "Custom plan"
    source: str = ""
    allow_high: bool = False
    edits: tuple[str, ...] = ()  # what a clinician changed, in order, for the record
    alerts: tuple[Alert, ...] = field(init=False, compare=False)

    def __post_init__(self) -> None:
        if not self.steps:
            raise ValueError("a plan has at least one step")
        if self.steps[0].from_day != 1:
            raise ValueError("a plan starts on day 1")
        for before, after in itertools.pairwise(self.steps):
            if before.to_day is None or after.from_day != before.to_day + 1:
                raise ValueError("a plan's steps follow one another day by day")
        if not self.interval_days >= 1:
            raise ValueError("the interval is at least one day")
        # The target first: every dose is at or below it, so a refused dose is named as the target.
        alerts = list(check_daily_dose_mg(self.target_mg, "target", allow_high=self.allow_high))
        for dose in dict.fromkeys(s.dose_mg for s in self.steps):
            if above(dose, self.target_mg):
                raise InputError("dose", mg_text(dose), f"is above the target of {mg_text(self.target_mg)}")
            for alert in check_daily_dose_mg(dose, "dose", allow_high=self.allow_high):
                if alert not in alerts:
                    alerts.append(alert)
        object.__setattr__(self, "alerts", tuple(alerts))
        self._check_calendar()

    def _check_calendar(self) -> None:
        """Every date the plan names (each step, the review window) must exist: a mistyped year
        such as 9999 would otherwise fail deep inside a printout."""
        last = max(self.review_latest_day, *(s.to_day or s.from_day for s in self.steps))
        check_calendar(self.start_date, last, "its review")

    @property
    def time_of_day(self) -> TimeOfDay:
        return self.steps[0].time_of_day

    @property
    def length_days(self) -> int | None:
        """The plan's last day, or None when the last step runs on."""
        return self.steps[-1].to_day

    @property
    def target_text(self) -> str:
        return mg_text(self.target_mg)

    @property
    def target_day(self) -> int | None:
        """The first day at the target dose, or None if the plan never reaches it."""
        for step in self.steps:
            if at_least(step.dose_mg, self.target_mg):
                return step.from_day
        return None

    @property
    def review_day(self) -> int:
        """The later of the day after the rule's weeks from the start and after its weeks at target."""
        return self._review(self.review_rule.from_start_weeks, self.review_rule.at_target_weeks)

    @property
    def review_latest_day(self) -> int:
        """The same with the late ends of the windows: the review should happen by this day."""
        rule = self.review_rule
        return self._review(rule.from_start_latest_weeks, rule.at_target_latest_weeks)

    @property
    def at_target_since_day(self) -> int | None:
        """The first day of the last run at the target dose: after a step back in the target
        step, the day the plan returns to the target. None when the plan ends below it."""
        since: int | None = None
        for step in self.steps:
            if at_least(step.dose_mg, self.target_mg):
                since = step.from_day if since is None else since
            else:
                since = None
        return since

    def _review(self, from_start_weeks: int, at_target_weeks: int) -> int:
        day = from_start_weeks * 7 + 1
        # "N weeks at the target" counts from the last return to it: a step back in the middle of
        # the target step moves the review.
        reached = self.at_target_since_day
        if reached is not None:
            day = max(day, reached + at_target_weeks * 7)
        return day

    @property
    def review_date(self) -> dt.date:
        return day_n(self.start_date, self.review_day)

    @property
    def review_latest_date(self) -> dt.date:
        return day_n(self.start_date, self.review_latest_day)

    @property
    def review_text(self) -> str:
        rule = self.review_rule
        return (
            f"Review on day {self.review_day}: at least {rule.from_start_weeks} weeks from the start "
            f"and {rule.at_target_weeks} weeks at {self.target_text} (by day {self.review_latest_day})."
        )

    def days_through_review(self) -> int:
        """Days 1 to the review day, both included: what to supply until the review."""
        return self.review_day

    def date_of(self, day: int) -> dt.date:
        return day_n(self.start_date, day)

    def step_index_on(self, day: int) -> int | None:
        if day < 1:
            raise InputError("day", str(day), "day 1 is the first day of the plan", "1")
        for index, step in enumerate(self.steps):
            if step.covers(day):
                return index
        return None

    def dose_on(self, day: int) -> float | None:
        """The dose in mg on plan day `day`, or None after a plan of fixed length ends."""
        index = self.step_index_on(day)
        return None if index is None else self.steps[index].dose_mg

    def step_on(self, date: dt.date) -> Step | None:
        day = (date - self.start_date).days + 1
        return None if day < 1 else self._step_or_none(day)

    def _step_or_none(self, day: int) -> Step | None:
        index = self.step_index_on(day)
        return None if index is None else self.steps[index]

    def daily_doses(self, days: int) -> tuple[float, ...]:
        """The dose for each of days 1..days (0 after a plan of fixed length ends)."""
        out: list[float] = []
        for step in self.steps:
            end = days if step.to_day is None else min(step.to_day, days)
            out.extend([step.dose_mg] * max(0, end - step.from_day + 1))
        out.extend([0.0] * (days - len(out)))
        return tuple(out)


EDIT_KINDS = ("hold", "hold day", "step back", "halve")


@dataclass(frozen=True)
class PlanEdit:
    """A clinician's change to a plan, kept as data so a saved plan can be edited the same way again
    (ldn_desk.plans.edits.apply_edit applies it).

    "hold": keep step `index` (0 is the first) for `days` more days; "hold day": the same for the
    step taken on plan day `day`; "step back": from `day`, go back to the previous dose for one
    interval, then up again; "halve": from `day`, half the dose for one interval, then climb again
    through the plan's doses.
    """

    kind: str
    index: int = 0
    days: int = 0
    day: int = 0

    def __post_init__(self) -> None:
        if self.kind not in EDIT_KINDS:
            raise ValueError(f"an edit is one of {', '.join(EDIT_KINDS)}, not {self.kind!r}")
        for name in ("index", "days", "day"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool):
                raise ValueError(f"an edit's {name} is a whole number, not {value!r}")

    @classmethod
    def hold(cls, index: int, days: int) -> PlanEdit:
        return cls("hold", index=index, days=days)

    @classmethod
    def hold_day(cls, day: int, days: int) -> PlanEdit:
        return cls("hold day", day=day, days=days)

    @classmethod
    def step_back(cls, day: int) -> PlanEdit:
        return cls("step back", day=day)

    @classmethod
    def halve(cls, day: int) -> PlanEdit:
        return cls("halve", day=day)
