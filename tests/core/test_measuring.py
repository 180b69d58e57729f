"""What to measure at each step: liquid volumes and syringes, capsule combinations, advisors."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ldn_desk.errors import InputError
from ldn_desk.plans.measuring import (
    advise_capsule_strengths,
    advise_liquid_strength,
    capsules_for_dose,
    measure_capsules,
    measure_liquid,
)
from ldn_desk.plans.titration import plan_from_ladder, plan_from_protocol
from ldn_desk.recipes.dose_range import Level
from ldn_desk.recipes.dosing import Syringe
from ldn_desk.units.quantity import Quantity

START = dt.date(2026, 3, 1)


def per_ml(value: float) -> Quantity:
    return Quantity(value, "mg/mL")


# Oral syringes without a 5 mL one marked in 0.1 mL.
COARSE = [Syringe(1, 0.01), Syringe(3, 0.1), Syringe(5, 0.2), Syringe(10, 0.2)]


def test_standard_at_1_mg_per_ml_on_coarse_syringes() -> None:
    schedule = measure_liquid(plan_from_protocol("standard", START), per_ml(1), COARSE)
    # 1.5 mg / 1 mg/mL = 1.5 mL = 15 marks of 0.1 mL on the 3 mL syringe; 3 mg = 3 mL = 30 marks, the
    # whole 3 mL syringe; 4.5 mL is more than 3 mL and 4.5 / 0.2 = 22.5 marks on the 5 and 10 mL
    # syringes, so it is not measurable in one draw.
    assert [m.volume_ml for m in schedule.measures] == [1.5, 3, 4.5]
    assert [m.volume_text for m in schedule.measures] == ["1.5 mL", "3 mL", "4.5 mL"]
    assert [None if m.syringe is None else m.syringe.capacity_ml for m in schedule.measures] == [3, 3, None]
    assert [m.measurable for m in schedule.measures] == [True, True, False]
    assert not schedule.all_measurable
    assert [a.level for a in schedule.alerts] == [Level.WARNING]
    assert schedule.syringes == (Syringe(3, 0.1),)


def test_standard_at_1_mg_per_ml_on_the_usual_syringes() -> None:
    # The usual set has a 5 mL syringe with 0.1 mL marks: 4.5 mL is 45 of them.
    schedule = measure_liquid(plan_from_protocol("standard", START), per_ml(1))
    assert schedule.all_measurable
    assert schedule.syringes == (Syringe(3, 0.1), Syringe(5, 0.1))


def test_finer_syringe_measures_every_standard_step() -> None:
    syringes = [Syringe(3, 0.1), Syringe(5, 0.1)]
    schedule = measure_liquid(plan_from_protocol("standard", START), per_ml(1), syringes)
    assert schedule.all_measurable  # 4.5 mL = 45 marks of 0.1 mL on the 5 mL syringe
    assert [m.syringe.capacity_ml for m in schedule.measures if m.syringe] == [3, 3, 5]


@pytest.mark.parametrize(
    ("dose", "strengths", "expected"),
    [
        (3, [1.5], [(1.5, 2)]),  # 3 = 2 x 1.5 (the example)
        (4.5, [1.5, 3], [(3, 1), (1.5, 1)]),  # 2 capsules, not 3 x 1.5
        (4.5, [0.5, 1.5, 3], [(3, 1), (1.5, 1)]),
        (4, [2, 0.5], [(2, 2)]),
        (0.35, [0.1, 0.25], [(0.25, 1), (0.1, 1)]),
        # 6 mg from 4.5/3/1.5: 4.5 + 1.5 and 3 + 3 are both 2 capsules; ties go to the larger strength
        (6, [4.5, 3, 1.5], [(4.5, 1), (1.5, 1)]),
        # 0.3 mg from 0.25/0.1: greedy would take 0.25 and fail on 0.05; 3 x 0.1 is exact
        (0.3, [0.25, 0.1], [(0.1, 3)]),
    ],
)
def test_fewest_capsules(dose: float, strengths: list[float], expected: list[tuple[float, int]]) -> None:
    made = capsules_for_dose(dose, strengths)
    assert [(c.strength_mg, c.count) for c in made.capsules] == expected


def test_a_dose_the_set_cannot_make_is_reported() -> None:
    made = capsules_for_dose(1, [1.5, 3])
    assert not made.makeable
    assert "cannot be made" in made.text
    schedule = measure_capsules(
        plan_from_protocol("weekly_1mg", START), [Quantity(1.5, "mg"), Quantity(3, "mg")]
    )
    # 1 mg, 2 mg, 4 mg cannot be made from 1.5 mg and 3 mg; 3 mg = 1 x 3 mg; 4.5 mg = 3 mg + 1.5 mg
    assert [m.dose.makeable for m in schedule.measures] == [False, False, True, False, True]
    assert sum(a.level is Level.WARNING for a in schedule.alerts) == 3
    assert not schedule.all_makeable


def test_many_capsules_for_one_dose_is_a_caution() -> None:
    schedule = measure_capsules(plan_from_protocol("gentle", START), [0.5])
    # 4.5 mg from 0.5 mg capsules is 9 capsules a dose (limit 3 in resources/protocols.toml)
    assert schedule.measures[-1].dose.total_capsules == 9
    assert any("9 capsules" in a.text for a in schedule.alerts)


def test_capsule_strengths_are_checked() -> None:
    with pytest.raises(InputError):
        capsules_for_dose(1, [])
    with pytest.raises(InputError):
        capsules_for_dose(1, [0.0005])  # half a microgram


@settings(max_examples=200, deadline=None)
@given(
    strengths=st.lists(
        st.integers(min_value=1, max_value=60).map(lambda k: k * 0.05), min_size=1, max_size=4
    ),
    counts=st.lists(st.integers(min_value=0, max_value=4), min_size=4, max_size=4),
)
def test_capsules_sum_to_the_dose_and_never_need_more_than_a_known_way(
    strengths: list[float], counts: list[int]
) -> None:
    chosen = [round(s, 2) for s in strengths]
    dose = round(sum(s * c for s, c in zip(chosen, counts, strict=False)), 2)
    if dose <= 0:
        return
    made = capsules_for_dose(dose, chosen)
    assert made.makeable
    assert sum(c.strength_mg * c.count for c in made.capsules) == pytest.approx(dose)
    assert made.total_capsules <= sum(counts[: len(chosen)])


# --- advisors ---------------------------------------------------------------------------------
def test_liquid_advisor_default_strengths_for_standard() -> None:
    advice = advise_liquid_strength(plan_from_protocol("standard", START))
    # Tried 1, 0.5, 0.1, 5 mg/mL. 1 mg/mL: 1.5, 3, 4.5 mL, all on the 5 mL syringe with 0.1 mL
    # marks (15, 30, 45 marks, each at least 10): one syringe. 5 mg/mL: 0.3, 0.6, 0.9 mL, all on
    # the 1 mL syringe (30, 60, 90 marks of 0.01 mL): one syringe too. 0.5 mg/mL: 3, 6, 9 mL need
    # the 10 mL syringe for 9 mL but 3 mL is 15 marks there, so one syringe as well, but it is
    # neither preferred nor listed first. 0.1 mg/mL: 15 mL is beyond every syringe.
    # A tie on one syringe goes to the preferred 1 mg/mL.
    assert advice.strength_mg_per_ml == 1
    assert "the 5 mL syringe (0.1 mL marks)" in advice.reason


def test_liquid_advisor_keeps_1_mg_per_ml_rather_than_save_a_syringe() -> None:
    # Gentle: 0.5 mg to 4.5 mg in 0.5 mg steps. At 5 mg/mL every dose is 0.1-0.9 mL on the 1 mL
    # syringe alone (one syringe), but 0.5 mg is then 0.1 mL = 10 marks of 0.01 mL, under the 15
    # the gentle protocol keeps (resources/protocols.toml). At 1 mg/mL, 0.5 and 1 mL are 50 and
    # 100 marks on the 1 mL syringe and 1.5-4.5 mL are 15-45 marks of 0.1 mL: every step at 15 or
    # more, with two syringes. Precision and the familiar strength come before one syringe fewer.
    advice = advise_liquid_strength(plan_from_protocol("gentle", START))
    assert advice.strength_mg_per_ml == 1
    assert "measures every step to at least 10 marks" in advice.reason
    assert "Chosen over" not in advice.reason  # the familiar strength needs no excuse


def test_liquid_advisor_says_what_another_strength_costs() -> None:
    # Sensitive: 0.1 mg first. At 1 mg/mL that is 0.1 mL, 10 marks of 0.01 mL: the minimum, but
    # under the 15 the sensitive protocol keeps. At 0.5 mg/mL it is 0.2 mL (20 marks) and every
    # later step is at least 20 marks: 1 mg = 2 mL (20 marks of 0.1 mL), 4.5 mg = 9 mL (45 marks
    # of 0.2 mL on the 10 mL syringe).
    advice = advise_liquid_strength(plan_from_protocol("sensitive", START))
    assert advice.strength_mg_per_ml == 0.5
    assert "Chosen over 1 mg/mL for precision" in advice.reason
    assert "0.1 mg is 0.1 mL, 10 marks on the 1 mL syringe (0.01 mL marks)" in advice.reason
    assert "the dose in mL is not the dose in mg" in advice.reason
    assert "4.5 mg is 9 mL" in advice.reason


def test_liquid_advisor_prefers_1_mg_per_ml_on_a_tie() -> None:
    # One 10 mL syringe with 0.1 mL marks: 0.5 mg/mL gives 3, 6, 9 mL and 1 mg/mL gives 1.5, 3, 4.5 mL;
    # both measure every step on that one syringe, so the preferred 1 mg/mL wins though listed second.
    advice = advise_liquid_strength(
        plan_from_protocol("standard", START), [per_ml(0.5), per_ml(1)], [Syringe(10, 0.1)]
    )
    assert advice.strength_mg_per_ml == 1


def test_liquid_advisor_will_not_choose_a_too_coarse_dose() -> None:
    # 0.1 mg at 5 mg/mL is 0.02 mL: 2 marks on the 1 mL syringe, "measurable" but under the 10-mark
    # floor. 0.5 mg/mL gives 0.2 mL (20 marks) up to 9 mL (45 marks of 0.2 mL), every step.
    plan = plan_from_protocol("sensitive", START)
    advice = advise_liquid_strength(plan, [per_ml(5), per_ml(0.5)])
    assert advice.strength_mg_per_ml == 0.5
    assert advice.schedule.all_measurable


def test_liquid_advisor_says_when_nothing_measures_every_step() -> None:
    advice = advise_liquid_strength(plan_from_protocol("standard", START), [per_ml(1)], COARSE)
    assert advice.strength_mg_per_ml == 1
    assert "measures 2 of 3" in advice.reason
    assert advice.split is None  # one strength only: nothing to split across


def test_capsule_advisor() -> None:
    standard = advise_capsule_strengths(plan_from_protocol("standard", START))
    assert standard.strengths_mg == (1.5,)  # 1, 2 and 3 capsules of 1.5 mg
    # weekly 1 mg (1, 2, 3, 4, 4.5 mg): 4.5 needs 4.5 or 0.5; {0.5} alone needs 9 capsules for 4.5;
    # {0.5, 2}: 1 = 2 x 0.5, 2 = 2, 3 = 2 + 2 x 0.5, 4 = 2 x 2, 4.5 = 2 x 2 + 0.5, at most 3 capsules.
    weekly = advise_capsule_strengths(plan_from_protocol("weekly_1mg", START))
    assert weekly.strengths_mg == (2, 0.5)
    assert weekly.schedule.all_makeable
    # with no limit on capsules, one strength is enough
    assert advise_capsule_strengths(
        plan_from_protocol("weekly_1mg", START), max_per_dose=10
    ).strengths_mg == (0.5,)


def test_capsule_advisor_from_given_candidates() -> None:
    plan = plan_from_ladder([Quantity(v, "mg") for v in (0.5, 1, 1.5)], 7, START)
    advice = advise_capsule_strengths(plan, [1.5, 0.5, 1])
    assert advice.strengths_mg == (0.5,)  # 1, 2 and 3 capsules
    with pytest.raises(InputError):
        advise_capsule_strengths(plan, [2])


def test_a_step_that_cannot_be_measured_shows_its_calculated_volume() -> None:
    # 1.25 mg of 1 mg/mL is 1.25 mL: 12.5 marks on the 3 mL syringe (0.1 mL), and a direction
    # from 1 mL is written to the tenth, so it is not measurable. Shown as 1.25 mL, never "1.3 mL".
    plan = plan_from_ladder([Quantity(1.25, "mg")], 14, START)
    measure = measure_liquid(plan, Quantity(1, "mg/mL")).measures[0]
    assert not measure.measurable
    assert measure.calculated_volume_text == "1.25 mL"
    assert measure.volume_text == "1.25 mL"  # what a screen shows next to "not measurable"
    assert measure.dose.calculated_volume_text == "1.25 mL"
    assert measure.dose.volume_text == "1.25 mL"  # the dose never carries the rounded "1.3 mL" either
    # A measurable step reads the same either way: 1.5 mL on the 3 mL syringe.
    fine = measure_liquid(plan_from_ladder([Quantity(1.5, "mg")], 14, START), Quantity(1, "mg/mL"))
    assert fine.measures[0].volume_text == fine.measures[0].calculated_volume_text == "1.5 mL"
