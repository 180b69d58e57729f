"""The capsule advisor stays within a few strengths and a small search, however fine the steps."""

from __future__ import annotations

import datetime as dt

from ldn_desk.plans.measuring import advise_capsule_strengths, capsules_for_dose
from ldn_desk.plans.model import Plan
from ldn_desk.plans.titration import plan_from_steps
from ldn_desk.units.quantity import Quantity

START = dt.date(2026, 12, 1)


def _plan(step_mg: float) -> Plan:
    return plan_from_steps(
        Quantity(step_mg, "mg"), Quantity(step_mg, "mg"), Quantity(14, "day"), Quantity(4.5, "mg"), START
    )


def test_quarter_milligram_steps_get_a_set_within_three_capsules() -> None:
    # 0.25 mg to 4.5 mg in 0.25 mg steps: 18 doses. 2.25, 2, 0.75 and 0.25 mg make each with at
    # most three capsules, e.g. 4.5 = 2.25 + 2.25, 3.75 = 2.25 + 0.75 + 0.75, 2.75 = 2 + 0.75.
    plan = _plan(0.25)
    advice = advise_capsule_strengths(plan)
    strengths = advice.schedule.strengths_mg
    assert len(strengths) <= 4
    for step in plan.steps:
        made = capsules_for_dose(step.dose_mg, strengths)
        assert made.makeable and made.total_capsules <= 3


def test_tenth_milligram_steps_fall_back_to_four_strengths_and_say_so() -> None:
    # 45 doses from 0.1 mg to 4.5 mg: four strengths give at most 4 + 10 + 20 = 34 sums of one to
    # three capsules (multisets of size 1, 2 and 3 from 4), fewer than 45 doses, so no set fits
    # the three-capsule limit; the advisor must still answer with a set that makes every dose.
    plan = _plan(0.1)
    advice = advise_capsule_strengths(plan)
    strengths = advice.schedule.strengths_mg
    assert len(strengths) <= 4
    assert all(capsules_for_dose(s.dose_mg, strengths).makeable for s in plan.steps)
    assert "more than 3" in advice.reason
