"""Titration plans built from a protocol, a rule (start, step, every, target) or a ladder.

Day 1 is the first day of the plan. The last step never overshoots the target: a plan that rises
by 1 mg from 1 mg to 4.5 mg goes 1, 2, 3, 4, 4.5 mg. The Plan type is in ldn_desk.plans.model and
its edits (each returns a new plan) in ldn_desk.plans.edits.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence

from ldn_desk.errors import InputError
from ldn_desk.plans.edits import with_length
from ldn_desk.plans.model import MAX_INTERVAL_DAYS, Plan, Segment, Step, check_calendar
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
from ldn_desk.plans.steps import lay_out, mg_of
from ldn_desk.recipes.choices import TimeOfDay
from ldn_desk.units.dose_text import days_text, mg_text
from ldn_desk.units.numeric import above, at_most, below
from ldn_desk.units.quantity import Amount, magnitude


def _interval(interval: Amount | float) -> int:
    days = float(interval) if isinstance(interval, int | float) else magnitude(interval, "day")
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
    return plan if days is None else with_length(plan, days)


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
    start: Amount | float,
    step: Amount | float,
    interval: Amount | float,
    target: Amount | float,
    start_date: dt.date,
    *,
    time_of_day: str = TimeOfDay.BEDTIME,
    days: int | None = None,
    review: ReviewRule | None = None,
    allow_high: bool = False,
) -> Plan:
    """Start at `start`, rise by `step` every `interval` up to `target`, never above it (a float
    is read as mg, or as days for the interval)."""
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
    doses: Sequence[Amount | float],
    interval: Amount | float,
    start_date: dt.date,
    target: Amount | float | None = None,
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
