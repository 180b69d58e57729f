"""The capsule advisor stays within a few strengths and a small search, however fine the steps."""

from __future__ import annotations

import datetime as dt
import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from ldn_desk.plans.measuring import _fewest, _natural_strengths, advise_capsule_strengths, capsules_for_dose
from ldn_desk.plans.model import Plan
from ldn_desk.plans.titration import plan_from_ladder, plan_from_steps
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


def _fewest_by_enumeration(dose: int, strengths: tuple[int, ...]) -> tuple[int, ...] | None:
    """Every way to make `dose` from `strengths` (largest first): the fewest capsules, and among
    those the most of the larger strengths, i.e. the greatest count tuple."""
    ways: list[tuple[int, ...]] = []

    def walk(i: int, left: int, counts: tuple[int, ...]) -> None:
        if i == len(strengths):
            if left == 0:
                ways.append(counts)
            return
        for count in range(left // strengths[i] + 1):
            walk(i + 1, left - count * strengths[i], (*counts, count))

    walk(0, dose, ())
    return max(ways, key=lambda counts: (-sum(counts), counts)) if ways else None


@settings(max_examples=300, deadline=None)
@given(
    st.integers(1, 150),
    st.lists(st.integers(1, 40), min_size=1, max_size=4, unique=True),
    st.none() | st.integers(0, 12),
)
def test_fewest_capsules_match_every_way_of_making_the_dose(
    dose: int, strengths: list[int], cap: int | None
) -> None:
    ordered = tuple(sorted(strengths, reverse=True))
    expected = _fewest_by_enumeration(dose, ordered)
    if expected is not None and cap is not None and sum(expected) > cap:
        expected = None
    assert _fewest(dose, ordered, cap) == expected


def _advice_by_enumeration(plan: Plan) -> tuple[float, ...]:
    """The advisor's rule, written out: of the smallest sets (up to four strengths of its pool)
    making every dose within three capsules, the first needing fewest capsules over the doses;
    with none, the set whose largest count for one dose is smallest, then fewest in all, then
    fewest strengths, then the first."""
    doses = sorted({round(step.dose_mg * 1000) for step in plan.steps})
    pool = _natural_strengths(plan)
    subsets = [c for size in range(1, min(len(pool), 4) + 1) for c in itertools.combinations(pool, size)]
    ranked = []
    for order, subset in enumerate(subsets):
        mcg = tuple(sorted((round(s * 1000) for s in subset), reverse=True))
        made = [_fewest_by_enumeration(dose, mcg) for dose in doses]
        if all(m is not None for m in made):
            counts = [sum(m) for m in made if m is not None]
            ranked.append((subset, max(counts), sum(counts), order))
    for size in range(1, 5):
        within = [r for r in ranked if len(r[0]) == size and r[1] <= 3]
        if within:
            return min(within, key=lambda r: (r[2], r[3]))[0]
    return min(ranked, key=lambda r: (r[1], r[2], len(r[0]), r[3]))[0]


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(10, 45), min_size=2, max_size=7, unique=True))
def test_the_advisor_follows_its_rule_for_odd_doses(doses_mcg: list[int]) -> None:
    # Low doses in micrograms (10 to 45 mcg), so every way of making each can be listed.
    plan = plan_from_ladder([d / 1000 for d in sorted(doses_mcg)], 7, START)
    assert advise_capsule_strengths(plan).strengths_mg == _advice_by_enumeration(plan)
