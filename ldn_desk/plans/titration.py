"""Titration plans: dated dose steps built from a protocol, a rule or a ladder, their edits and review.

Day 1 is the first day of the plan. The last step never overshoots the target: a plan that rises
by 1 mg from 1 mg to 4.5 mg goes 1, 2, 3, 4, 4.5 mg. Every edit returns a new plan.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field

from ldn_desk.errors import InputError
from ldn_desk.plans import edits as plan_edits
from ldn_desk.plans.protocols import (
    TIMES_OF_DAY,
    Protocol,
    ReviewRule,
    check_time,
    default_review_rule,
    find_protocol,
    kept_mg,
    load_protocols,
    load_review_rules,
    rising_doses,
)
from ldn_desk.plans.steps import (
    MAX_INTERVAL_DAYS,
    Segment,
    Step,
    check_calendar,
    lay_out,
    mg_of,
)
from ldn_desk.recipes.choices import TimeOfDay
from ldn_desk.recipes.dose_range import Alert, check_daily_dose
from ldn_desk.units.dates import day_n
from ldn_desk.units.dose_text import days_text, mg_text
from ldn_desk.units.numeric import above, at_least, at_most, below
from ldn_desk.units.quantity import Amount, Quantity, magnitude


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
            if above(dose, self.target_mg):
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

    # --- edits: each returns a new plan (ldn_desk.plans.edits) -----------------------------------
    def hold(self, day: int, extra_days: int) -> Plan:
        """Keep the dose taken on `day` for `extra_days` more days; later steps move later."""
        return plan_edits.hold(self, day, extra_days)

    def hold_step(self, index: int, extra_days: int) -> Plan:
        """hold() by the step's position in `steps` (0 is the first step)."""
        return plan_edits.hold_step(self, index, extra_days)

    def step_back(self, from_day: int) -> Plan:
        """From `from_day`, back to the previous (lower) dose for one interval, then up again; with
        no lower dose before, half the dose."""
        return plan_edits.step_back(self, from_day)

    def with_target(self, target: Amount | float) -> Plan:
        """A new target (a float is read as mg): lower stops the rise there, higher rises on to it."""
        return plan_edits.with_target(self, target)

    def with_time(self, time_of_day: str) -> Plan:
        return plan_edits.with_time(self, time_of_day)

    def with_length(self, days: int | None) -> Plan:
        """End the plan after `days` days, or (None) let the last step run on."""
        return plan_edits.with_length(self, days)


def _interval(interval: Amount | int) -> int:
    days = float(interval) if isinstance(interval, int) else magnitude(interval, "day")
    if days != int(days) or not 1 <= days <= MAX_INTERVAL_DAYS:
        raise InputError(
            "every",
            days_text(days) if days == int(days) else f"{days} days",
            f"must be a whole number of days, 1 to {MAX_INTERVAL_DAYS}",
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
        steps=lay_out(segments, check_time(time_of_day), None),
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
    time_of_day: str = TimeOfDay.BEDTIME,
    days: int | None = None,
    review: ReviewRule | None = None,
    allow_high: bool = False,
) -> Plan:
    """Start at `start`, rise by `step` every `interval` (days) up to `target`, never above it."""
    start_mg, step_mg, target_mg = (
        kept_mg(mg_of(v, f), f) for v, f in ((start, "start"), (step, "step"), (target, "target"))
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
    time_of_day: str = TimeOfDay.BEDTIME,
    days: int | None = None,
    review: ReviewRule | None = None,
    allow_high: bool = False,
) -> Plan:
    """A clinician's rising ladder, one rung every `interval`. With a target, rungs stop at it
    (a rung above it becomes the target); a target above the last rung is refused."""
    if not doses:
        raise InputError("ladder", "", "needs at least one dose", "0.1 mg, 0.25 mg, 0.5 mg")
    rungs = [kept_mg(mg_of(dose, "ladder"), "ladder") for dose in doses]
    for lower, higher in itertools.pairwise(rungs):
        if at_most(higher, lower):
            raise InputError(
                "ladder",
                f"{mg_text(lower)}, {mg_text(higher)}",
                "each dose must be higher than the one before",
                "0.1 mg, 0.25 mg, 0.5 mg",
            )
    target_mg = rungs[-1] if target is None else kept_mg(mg_of(target, "target"), "target")
    if above(target_mg, rungs[-1]):
        raise InputError(
            "target",
            mg_text(target_mg),
            f"is above the ladder's last dose ({mg_text(rungs[-1])}); add the rungs to reach it",
            mg_text(rungs[-1]),
        )
    kept = [dose for dose in rungs if below(dose, target_mg)]
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
    "check_calendar",
    "default_review_rule",
    "find_protocol",
    "load_protocols",
    "load_review_rules",
    "plan_from_ladder",
    "plan_from_protocol",
    "plan_from_steps",
]
