"""The aliquot method: every weighing at or above the balance's MWQ, and exactly the drug needed."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ldn_desk.errors import InputError, RecipeError
from ldn_desk.recipes.aliquot import plan_aliquot, plan_two_stage_aliquot
from ldn_desk.recipes.weighing import balance_for


def test_thirty_one_capsules_of_half_a_milligram() -> None:
    # 31 capsules × 0.5 mg = 15.5 mg, under the Class A MWQ of 120 mg (USP <1176>).
    # A = 120 mg; T ≥ 120 × 120 / 15.5 = 929.03 mg → 930 mg (next 10 mg); there P = 15.5 × 930 / 120
    # = 120.125 mg, which a balance reading 1 mg cannot show. 940: 121.42; 950: 122.71; 960: 124 mg
    # exactly (960 is within 25 % of 930). Diluent T − A = 840 mg; left over 960 − 124 = 836 mg.
    plan = plan_aliquot(15.5, 120)
    assert plan.weigh_api_mg == 120
    assert plan.dilute_to_mg == 960
    assert plan.take_mg == 124
    assert plan.drug_in_take_mg == pytest.approx(15.5)
    assert plan.diluent_mg == 840
    assert plan.discard_mg == 836
    text = "\n".join(plan.steps)
    assert "Weigh 120 mg of naltrexone HCl powder." in text
    assert "Add 840 mg of filler" in text
    assert "960 mg of mixture in total" in text
    assert "Weigh 124 mg of this mixture: it holds 15.5 mg" in text
    assert "120.1" not in text


def test_a_portion_no_total_makes_exact_is_read_to_the_balance() -> None:
    # 15.5 mg at an assay of 99 %: 15.5 / 0.99 = 15.6566 mg needed. T ≥ 120 × 120 / 15.6566 = 919.7 → 920;
    # no total up to 920 × 1.25 = 1150 gives a whole-mg portion (15.6566 T / 120 is never whole: the
    # needed amount is 1550/99 mg), so P = 15.6566 × 920 / 120 = 120.03 mg reads 120 mg and holds
    # 120 × 120 / 920 = 15.65 mg.
    plan = plan_aliquot(15.5 / 0.99, 120)
    assert plan.dilute_to_mg == 920
    assert plan.take_mg == 120
    assert plan.drug_in_take_mg == pytest.approx(120 * 120 / 920)
    assert "holds 15.65 mg of naltrexone HCl powder (15.66 mg was needed" in "\n".join(plan.steps)


def test_thirty_capsules_of_half_a_milligram() -> None:
    # 30 × 0.5 mg = 15 mg (USP <1176> aliquot method): T ≥ 120 × 120 / 15 = 960 mg exactly, already a multiple of 10;
    # P = 15 × 960 / 120 = 120 mg, exactly the MWQ.
    plan = plan_aliquot(15, 120)
    assert plan.dilute_to_mg == 960
    assert plan.take_mg == pytest.approx(120)


def test_near_the_mwq_the_diluent_itself_must_be_weighable() -> None:
    # 100 mg needed: T ≥ 120 × 120 / 100 = 144 mg would leave only 24 mg of diluent to weigh, so
    # T = A + MWQ = 240 mg; P = 100 × 240 / 120 = 200 mg.
    plan = plan_aliquot(100, 120)
    assert plan.dilute_to_mg == 240
    assert plan.diluent_mg == 120
    assert plan.take_mg == pytest.approx(200)


def test_a_larger_first_weighing_and_a_whole_mg_total() -> None:
    # A = 200 mg, needed 15 mg, MWQ 120: T ≥ 120 × 200 / 15 = 1600 mg; P = 15 × 1600 / 200 = 120 mg.
    plan = plan_aliquot(15, 120, weigh_mg=200, total_step_mg=1)
    assert plan.dilute_to_mg == 1600
    assert plan.take_mg == pytest.approx(120)
    # 14 mg: T ≥ 120 × 200 / 14 = 1714.29 mg → 1715 mg; P = 14 × 1715 / 200 = 120.05 mg is not a
    # whole mg; P = 14 T / 200 = 7 T / 100 is whole first at T = 1800 (within 1715 × 1.25): P = 126 mg.
    plan = plan_aliquot(14, 120, weigh_mg=200, total_step_mg=1)
    assert plan.dilute_to_mg == 1800
    assert plan.take_mg == 126


def test_custom_names_appear_in_the_steps() -> None:
    plan = plan_aliquot(10, 50, substance="naltrexone base powder", diluent="lactose")
    assert any("of naltrexone base powder" in step for step in plan.steps)
    assert any("of lactose" in step for step in plan.steps)


@given(
    needed=st.floats(min_value=0.01, max_value=119.99, allow_nan=False),
    mwq=st.floats(min_value=120, max_value=500, allow_nan=False),
    step=st.sampled_from([1.0, 5.0, 10.0, 50.0]),
)
def test_invariants(needed: float, mwq: float, step: float) -> None:
    if needed >= mwq:
        return
    plan = plan_aliquot(needed, mwq, total_step_mg=step)
    read = balance_for(mwq).readability_mg
    # Every weighing is at least the MWQ (with float noise of a part in a billion).
    floor = mwq * (1 - 1e-9)
    assert plan.weigh_api_mg >= floor
    assert plan.dilute_to_mg - plan.weigh_api_mg >= floor
    assert plan.take_mg >= floor
    # The portion is what the balance shows: a whole number of its steps.
    assert math.isclose(plan.take_mg / read, round(plan.take_mg / read), rel_tol=1e-9)
    # It holds take × weigh / dilute_to, the amount needed to within a balance step of mixture (the
    # nearest reading, or the next one up where the nearest is under the MWQ).
    held = plan.take_mg * plan.weigh_api_mg / plan.dilute_to_mg
    assert math.isclose(plan.drug_in_take_mg, held, rel_tol=1e-9)
    assert abs(held - needed) <= read * plan.weigh_api_mg / plan.dilute_to_mg * (1 + 1e-9)
    # T is a whole number of steps, at least the least total that keeps every weighing at the MWQ
    # and no more than 25 % (resources/balance.toml) above it.
    assert math.isclose(plan.dilute_to_mg / step, round(plan.dilute_to_mg / step), rel_tol=1e-9)
    least = math.ceil(max(mwq * plan.weigh_api_mg / needed, plan.weigh_api_mg + mwq) / step - 1e-9) * step
    assert least * (1 - 1e-9) <= plan.dilute_to_mg <= least * 1.25 + step
    assert plan.take_mg < plan.dilute_to_mg


def test_float_noise_in_the_mwq_does_not_add_a_step() -> None:
    # MWQ 120.00000000000001 is 120 mg with float noise: A = 120 mg (not 121), and for 1 mg
    # T = 120 × 120 ÷ 1 = 14,400 mg, P = 1 × 14,400 ÷ 120 = 120 mg (not one step more).
    plan = plan_aliquot(1.0, 120.00000000000001, total_step_mg=1.0)
    assert plan.weigh_api_mg == 120
    assert plan.dilute_to_mg == 14400
    # A larger A keeps the same rule: A = 121 mg, T = 120 × 121 ÷ 1 = 14,520 mg, P = 120 mg.
    plan = plan_aliquot(1.0, 120.00000000000001, weigh_mg=121, total_step_mg=1.0)
    assert plan.dilute_to_mg == 14520


@pytest.mark.parametrize(
    ("needed", "mwq", "kwargs", "field"),
    [
        (120, 120, {}, "needed_mg"),  # weighable directly, no aliquot needed
        (0, 120, {}, "needed_mg"),
        (-5, 120, {}, "needed_mg"),
        (float("nan"), 120, {}, "needed_mg"),
        (15, 0, {}, "balance MWQ"),
        (15, 120, {"weigh_mg": 100}, "weigh_mg"),  # A under the MWQ
        (15, 120, {"total_step_mg": 0}, "total_step_mg"),
    ],
)
def test_bad_arguments_are_refused(needed: float, mwq: float, kwargs: dict[str, float], field: str) -> None:
    with pytest.raises(InputError, match=f"^{field}"):
        plan_aliquot(needed, mwq, **kwargs)  # type: ignore[arg-type]


def test_two_stages_for_a_mcg_level_batch() -> None:
    # 31 capsules × 0.01 mg = 0.31 mg. One dilution: T ≥ 120 × 120 / 0.31 = 46,451.6 → 46,460 mg,
    # more than the 20,000 mg practical maximum. Two: each takes about √(120 / 0.31) = 19.675;
    # T1 = 120 × 19.675 = 2,361.0 → 2,370 mg; P1 = 120 mg holds 120 × 120 / 2,370 = 6.0759 mg;
    # T2 ≥ 120 × 120 × 120 / (0.31 × 2,370) = 2,351.98 → 2,360 mg;
    # P2 = 0.31 × 2,370 × 2,360 / (120 × 120) = 120.409 mg, which a balance reading 1 mg shows as
    # 120 mg, at least the MWQ, holding 120 × 6.0759 / 2,360 = 0.30895 mg (0.31 mg needed).
    plan = plan_two_stage_aliquot(0.31, 120, 20000)
    assert plan.stages == 2
    assert (plan.weigh_api_mg, plan.first_total_mg, plan.first_take_mg, plan.dilute_to_mg) == (
        120,
        2370,
        120,
        2360,
    )
    assert plan.first_drug_mg == pytest.approx(120 * 120 / 2370)
    assert plan.take_mg == 120
    assert plan.drug_in_take_mg == pytest.approx(120 * (120 * 120 / 2370) / 2360)
    # filler: (2,370 − 120) + (2,360 − 120) = 4,490 mg; discarded (2,370 − 120) + (2,360 − 120) = 4,490 mg
    assert plan.diluent_mg == 4490
    assert plan.discard_mg == pytest.approx(4490)
    text = "\n".join(plan.steps)
    assert "Weigh 120 mg of the first mixture: it holds 6.076 mg" in text
    assert "Weigh 120 mg of the second mixture: it holds 0.309 mg" in text and "0.31 mg was needed" in text


def test_too_little_even_for_two_stages_is_refused_with_the_reason() -> None:
    # 0.0031 mg: each stage would need 120 × √(120 / 0.0031) = 23,610 mg, over 20,000 mg.
    with pytest.raises(RecipeError, match="too little to weigh even by two dilutions") as refused:
        plan_two_stage_aliquot(0.0031, 120, 20000)
    assert "more sensitive balance" in str(refused.value)


@given(needed=st.floats(0.005, 1.0), mwq=st.floats(10, 200))
def test_every_weighing_of_two_stages_is_at_least_the_mwq(needed: float, mwq: float) -> None:
    try:
        plan = plan_two_stage_aliquot(needed, mwq, 100_000)
    except RecipeError:
        return
    assert plan.first_total_mg is not None and plan.first_take_mg is not None
    for weighing in (
        plan.weigh_api_mg,
        plan.first_total_mg - plan.weigh_api_mg,
        plan.first_take_mg,
        plan.dilute_to_mg - plan.first_take_mg,
        plan.take_mg,
    ):
        assert weighing >= mwq * (1 - 1e-9)
    # mass balance: the portion, read on the balance, holds the drug needed to within one balance
    # step of the second mixture
    share = plan.weigh_api_mg / plan.first_total_mg * plan.first_take_mg / plan.dilute_to_mg
    assert abs(plan.take_mg * share - needed) <= balance_for(mwq).readability_mg * share * (1 + 1e-9)
    assert plan.take_mg * share == pytest.approx(plan.drug_in_take_mg)
