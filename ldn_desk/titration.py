"""Titration plans: dated dose steps built from a protocol, a rule or a ladder, their edits and review.

Day 1 is the first day of the plan. The last step never overshoots the target: a plan that rises
by 1 mg from 1 mg to 4.5 mg goes 1, 2, 3, 4, 4.5 mg. Every edit returns a new plan.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from ldn_desk.dates import day_n
from ldn_desk.dose_range import Alert, check_daily_dose
from ldn_desk.dose_text import days_text, mg_text
from ldn_desk.errors import InputError
from ldn_desk.protocols import (
    EPS,
    TIME_WORDS,
    TIMES_OF_DAY,
    Protocol,
    ReviewRule,
    check_time,
    clean_mg,
    default_review_rule,
    find_protocol,
    kept_mg,
    load_protocols,
    load_review_rules,
    rising_doses,
)
from ldn_desk.units import Amount, Quantity, magnitude

_MAX_INTERVAL_DAYS = 365
_MAX_PLAN_DAYS = 3660


@dataclass(frozen=True)
class Step:
    """One dose taken every day from `from_day` to `to_day` (both included; None: open-ended)."""

    from_day: int
    to_day: int | None
    dose_mg: float
    time_of_day: str = "bedtime"

    def __post_init__(self) -> None:
        if self.from_day < 1:
            raise ValueError("a step starts on day 1 or later")
        if self.to_day is not None and self.to_day < self.from_day:
            raise ValueError("a step ends on or after the day it starts")
        if not (math.isfinite(self.dose_mg) and self.dose_mg > 0):
            raise ValueError("a step's dose is more than zero")
        check_time(self.time_of_day)

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


def _lay_out(segments: Sequence[Segment], time_of_day: str, length_days: int | None) -> tuple[Step, ...]:
    """Dated steps from (dose, days) segments: equal neighbours merge, the last step runs on
    open (or to `length_days`), and nothing runs past `length_days`."""
    merged: list[Segment] = []
    for dose, days in segments:
        if days is not None and days < 1:
            continue
        if merged and abs(merged[-1][0] - dose) < EPS:
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


def _segments(steps: Sequence[Step]) -> list[Segment]:
    out: list[Segment] = [(s.dose_mg, s.days) for s in steps]
    out[-1] = (out[-1][0], None)
    return out


@dataclass(frozen=True)
class Plan:
    """A dated titration plan. Build it with the plan_from_* functions; edits return new plans."""

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
        alerts = list(check_daily_dose(Quantity(self.target_mg, "mg"), "target", allow_high=self.allow_high))
        for dose in dict.fromkeys(s.dose_mg for s in self.steps):
            if dose > self.target_mg + EPS:
                raise InputError("dose", mg_text(dose), f"is above the target of {mg_text(self.target_mg)}")
            for alert in check_daily_dose(Quantity(dose, "mg"), "dose", allow_high=self.allow_high):
                if alert not in alerts:
                    alerts.append(alert)
        object.__setattr__(self, "alerts", tuple(alerts))
        self._check_calendar()

    def _check_calendar(self) -> None:
        """Every date the plan names (each step, the review window) must exist: a mistyped year
        such as 9999 would otherwise fail deep inside a printout."""
        last = max(self.review_latest_day, *(s.to_day or s.from_day for s in self.steps))
        check_calendar(self.start_date, last, "its review")

    # --- reading the plan -------------------------------------------------------------------
    @property
    def time_of_day(self) -> str:
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
            if step.dose_mg >= self.target_mg - EPS:
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

    def _review(self, from_start_weeks: int, at_target_weeks: int) -> int:
        day = from_start_weeks * 7 + 1
        reached = self.target_day
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

    # --- edits: each returns a new plan -------------------------------------------------------
    def _with_segments(self, segments: Sequence[Segment], note: str, **changes: object) -> Plan:
        steps = _lay_out(segments, self.time_of_day, self.length_days)
        return replace(self, steps=steps, edits=(*self.edits, note), **changes)  # type: ignore[arg-type]

    def _index_for_edit(self, day: int, what: str) -> int:
        index = self.step_index_on(day)
        if index is None:
            raise InputError(what, str(day), f"is after the plan's last day ({self.length_days})", "15")
        return index

    def hold(self, day: int, extra_days: int) -> Plan:
        """Keep the dose taken on `day` for `extra_days` more days; later steps move later."""
        if not 1 <= extra_days <= _MAX_INTERVAL_DAYS:
            raise InputError("extra days", str(extra_days), f"must be 1 to {_MAX_INTERVAL_DAYS}", "7")
        index = self._index_for_edit(day, "hold from day")
        if index == len(self.steps) - 1:
            raise InputError("hold from day", str(day), "is in the last step, which already runs on", "15")
        segments = _segments(self.steps)
        dose, days = segments[index]
        segments[index] = (dose, int(days or 0) + extra_days)
        note = f"Held {mg_text(dose)} for {days_text(extra_days)} more (step from day {self.steps[index].from_day})."
        return self._with_segments(segments, note)

    def hold_step(self, index: int, extra_days: int) -> Plan:
        """hold() by the step's position in `steps` (0 is the first step)."""
        if not 0 <= index < len(self.steps):
            raise InputError("step", str(index + 1), f"must be 1 to {len(self.steps)}", "2")
        return self.hold(self.steps[index].from_day, extra_days)

    def step_back(self, from_day: int) -> Plan:
        """From `from_day`, go back to the previous (lower) dose for one interval, then titrate up
        again through the same doses. With no lower dose before (the first step): halve it."""
        index = self._index_for_edit(from_day, "step back from day")
        step = self.steps[index]
        segments = _segments(self.steps)
        # The nearest earlier dose below this one (after an earlier step back, the step just
        # before may be higher); with none, half the dose (LDN Research Trust: "halve the dose").
        lower = [s.dose_mg for s in self.steps[:index] if s.dose_mg < step.dose_mg - EPS]
        if lower:
            back_mg = lower[-1]
        elif clean_mg(step.dose_mg / 2) > 0:
            back_mg = clean_mg(step.dose_mg / 2)
        else:
            raise InputError(
                "step back from day", str(from_day), f"{mg_text(step.dose_mg)} is too small to halve", "15"
            )
        before = segments[:index]
        if from_day > step.from_day:
            before.append((step.dose_mg, from_day - step.from_day))
        full_days = segments[index][1]
        again: list[Segment] = [(back_mg, self.interval_days), (step.dose_mg, full_days)]
        note = (
            f"From day {from_day}: back to {mg_text(back_mg)} for {days_text(self.interval_days)}, "
            f"then up again to {mg_text(step.dose_mg)}."
        )
        return self._with_segments([*before, *again, *segments[index + 1 :]], note)

    def with_target(self, target: Amount | float) -> Plan:
        """A new target (a float is read as mg). Lower: the plan stops rising at it. Higher: the
        plan goes on rising by its step (or its last rise) every interval, capped at the target."""
        target_mg = kept_mg(_mg_of(target, "target"), "target")
        segments = _segments(self.steps)
        if target_mg <= max(dose for dose, _ in segments) + EPS:
            capped: list[Segment] = []
            for dose, days in segments:
                if dose >= target_mg - EPS:
                    capped.append((target_mg, None))
                    break
                capped.append((dose, days))
            new_segments = capped
        else:
            top = segments[-1][0]
            rise = self.step_mg or _last_rise([dose for dose, _ in segments])
            more = rising_doses(top, rise, target_mg)[1:]
            new_segments = [
                *segments[:-1],
                (top, self.interval_days),
                *((d, self.interval_days) for d in more),
            ]
        note = f"Target changed from {self.target_text} to {mg_text(target_mg)}."
        return self._with_segments(new_segments, note, target_mg=target_mg)

    def with_time(self, time_of_day: str) -> Plan:
        time_of_day = check_time(time_of_day)
        steps = tuple(replace(step, time_of_day=time_of_day) for step in self.steps)
        return replace(self, steps=steps, edits=(*self.edits, f"Taken {TIME_WORDS[time_of_day]}."))

    def with_length(self, days: int | None) -> Plan:
        """End the plan after `days` days, or (None) let the last step run on."""
        if days is not None and not 1 <= days <= _MAX_PLAN_DAYS:
            raise InputError("days", str(days), f"must be 1 to {_MAX_PLAN_DAYS:,}", "112")
        steps = _lay_out(_segments(self.steps), self.time_of_day, days)
        return replace(self, steps=steps)


def _last_rise(doses: Sequence[float]) -> float:
    top = doses[-1]
    lower = [dose for dose in doses if dose < top - EPS]
    return top - lower[-1] if lower else top


def _mg_of(value: Amount | float, field_name: str) -> float:
    mg = float(value) if isinstance(value, int | float) else magnitude(value, "mg")
    if not (math.isfinite(mg) and mg > 0):
        raise InputError(
            field_name, mg_text(mg) if math.isfinite(mg) else str(mg), "must be more than zero", "4.5 mg"
        )
    return mg


def _interval(interval: Amount | int) -> int:
    days = float(interval) if isinstance(interval, int) else magnitude(interval, "day")
    if days != int(days) or not 1 <= days <= _MAX_INTERVAL_DAYS:
        raise InputError(
            "every",
            days_text(days) if days == int(days) else f"{days} days",
            f"must be a whole number of days, 1 to {_MAX_INTERVAL_DAYS}",
            "14 days",
        )
    return int(days)


def _build(
    doses_mg: Sequence[float],
    interval_days: int,
    start_date: dt.date,
    target_mg: float,
    *,
    time_of_day: str,
    days: int | None,
    review: ReviewRule | None,
    step_mg: float | None = None,
    protocol: Protocol | None = None,
    allow_high: bool = False,
) -> Plan:
    segments: list[Segment] = [(dose, interval_days) for dose in doses_mg]
    plan = Plan(
        start_date=start_date,
        steps=_lay_out(segments, check_time(time_of_day), None),
        target_mg=target_mg,
        interval_days=interval_days,
        review_rule=review or (protocol.review if protocol else default_review_rule()),
        step_mg=step_mg,
        protocol_key=protocol.key if protocol else None,
        protocol_name=protocol.name if protocol else "Custom plan",
        source=protocol.source if protocol else "Written by the prescriber",
        allow_high=allow_high,
    )
    return plan if days is None else plan.with_length(days)


def plan_from_protocol(
    key: str, start_date: dt.date, *, time_of_day: str | None = None, days: int | None = None
) -> Plan:
    """The library protocol `key` (or its name) starting on `start_date` (day 1)."""
    chosen = find_protocol(key)
    return _build(
        chosen.doses_mg,
        chosen.interval_days,
        start_date,
        chosen.target_mg,
        time_of_day=time_of_day or chosen.time_of_day,
        days=days,
        review=None,
        step_mg=chosen.step_mg,
        protocol=chosen,
    )


def plan_from_steps(
    start: Amount,
    step: Amount,
    interval: Amount | int,
    target: Amount,
    start_date: dt.date,
    *,
    time_of_day: str = "bedtime",
    days: int | None = None,
    review: ReviewRule | None = None,
    allow_high: bool = False,
) -> Plan:
    """Start at `start`, rise by `step` every `interval` (days) up to `target`, never above it."""
    start_mg, step_mg, target_mg = (
        kept_mg(_mg_of(v, f), f) for v, f in ((start, "start"), (step, "step"), (target, "target"))
    )
    doses = rising_doses(start_mg, step_mg, target_mg)
    return _build(
        doses,
        _interval(interval),
        start_date,
        target_mg,
        time_of_day=time_of_day,
        days=days,
        review=review,
        step_mg=step_mg,
        allow_high=allow_high,
    )


def plan_from_ladder(
    doses: Sequence[Amount],
    interval: Amount | int,
    start_date: dt.date,
    target: Amount | None = None,
    *,
    time_of_day: str = "bedtime",
    days: int | None = None,
    review: ReviewRule | None = None,
    allow_high: bool = False,
) -> Plan:
    """A clinician's rising ladder, one rung every `interval`. With a target, rungs stop at it
    (a rung above it becomes the target); a target above the last rung is refused."""
    if not doses:
        raise InputError("ladder", "", "needs at least one dose", "0.1 mg, 0.25 mg, 0.5 mg")
    rungs = [kept_mg(_mg_of(dose, "ladder"), "ladder") for dose in doses]
    for lower, higher in itertools.pairwise(rungs):
        if higher <= lower + EPS:
            raise InputError(
                "ladder",
                f"{mg_text(lower)}, {mg_text(higher)}",
                "each dose must be higher than the one before",
                "0.1 mg, 0.25 mg, 0.5 mg",
            )
    target_mg = rungs[-1] if target is None else kept_mg(_mg_of(target, "target"), "target")
    if target_mg > rungs[-1] + EPS:
        raise InputError(
            "target",
            mg_text(target_mg),
            f"is above the ladder's last dose ({mg_text(rungs[-1])}); add the rungs to reach it",
            mg_text(rungs[-1]),
        )
    kept = [dose for dose in rungs if dose < target_mg - EPS]
    return _build(
        [*kept, target_mg],
        _interval(interval),
        start_date,
        target_mg,
        time_of_day=time_of_day,
        days=days,
        review=review,
        allow_high=allow_high,
    )


__all__ = [
    "TIMES_OF_DAY",
    "Plan",
    "Protocol",
    "ReviewRule",
    "Step",
    "default_review_rule",
    "find_protocol",
    "load_protocols",
    "load_review_rules",
    "plan_from_ladder",
    "plan_from_protocol",
    "plan_from_steps",
]
