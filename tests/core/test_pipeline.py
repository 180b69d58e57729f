"""The one plan pipeline: a PlanRequest gives one PlanOutcome (plan, measures, supply, alerts)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from ldn_desk.errors import InputError, RecipeError
from ldn_desk.plans.dispensing import Overage
from ldn_desk.plans.edits import hold_step, step_back
from ldn_desk.plans.model import PlanEdit
from ldn_desk.plans.pipeline import (
    CapsuleForm,
    FromLadder,
    FromProtocol,
    FromRule,
    LiquidForm,
    PlanRequest,
    build_plan,
    plan_outcome,
)
from ldn_desk.plans.titration import plan_from_protocol
from ldn_desk.recipes.dose_range import Level
from ldn_desk.recipes.dosing import Syringe
from ldn_desk.units.dates import long_date

START = dt.date(2026, 12, 1)


def _layout(outcome_plan: object) -> list[tuple[int, int | None, float]]:
    steps = outcome_plan.steps  # type: ignore[attr-defined]
    return [(s.from_day, s.to_day, s.dose_mg) for s in steps]


def test_a_rule_in_liquid_gives_steps_volumes_and_fills() -> None:
    request = PlanRequest(FromRule(0.5, 0.5, 7), START, target_mg=2, form=LiquidForm(1.0))
    outcome = plan_outcome(request)
    # 0.5 mg rising by 0.5 mg every 7 days to 2 mg: 0.5 mg days 1-7, 1 mg 8-14, 1.5 mg 15-21, 2 mg from 22.
    assert _layout(outcome.plan) == [(1, 7, 0.5), (8, 14, 1.0), (15, 21, 1.5), (22, None, 2.0)]
    # Review (resources/protocols.toml, trial rule): max(8 weeks + 1 = day 57, day 22 + 4 weeks = 50).
    assert outcome.plan.review_day == 57 and outcome.days == 57
    # At 1 mg/mL each dose in mg is the same number of mL.
    assert outcome.liquid is not None
    assert [m.volume_ml for m in outcome.liquid.measures] == [0.5, 1.0, 1.5, 2.0]
    # Days 1-57: 7 x 0.5 + 7 x 1 + 7 x 1.5 + 36 x 2 = 3.5 + 7 + 10.5 + 72 = 93 mg.
    assert outcome.total_mg == 93
    # Water, 14-day BUD: days 1-14 hold 3.5 + 7 = 10.5 mL, 15-28 10.5 + 14 = 24.5 mL, 29-42 28 mL;
    # day 57 alone would be a fill of its own, and 43-57 (15 days) is over the BUD, so the last two
    # are evened out: 43-50 (8 x 2 = 16 mL) and 51-57 (7 x 2 = 14 mL).
    assert outcome.supply is not None
    assert [(f.from_day, f.to_day, f.volume_ml) for f in outcome.supply.fills] == [
        (1, 14, 10.5),
        (15, 28, 24.5),
        (29, 42, 28),
        (43, 50, 16),
        (51, 57, 14),
    ]
    # Each bottle: the larger of 5 % and 2 mL more, up to a whole mL; 10.5 + 2 = 12.5 -> 13 mL,
    # 24.5 + 2 = 26.5 -> 27 mL, 28 + 2 = 30 mL (5 % would be 1.4 mL), 16 + 2 = 18, 14 + 2 = 16.
    assert [f.dispensed_ml for f in outcome.supply.fills] == [13, 27, 30, 18, 16]
    assert outcome.more_needed_day is None  # the supply covers the plan shown (to the review day)
    assert outcome.supply_refusal is None and outcome.capsule_advice is None
    assert outcome.liquid_advice is not None  # the app shows what the advisor would choose


def test_a_protocol_with_a_new_target_and_edits_is_the_plan_edited_by_hand() -> None:
    edits = (PlanEdit.hold(1, 7), PlanEdit.step_back(40))
    request = PlanRequest(FromProtocol("standard"), START, time_of_day="morning", edits=edits, advise=False)
    by_hand = step_back(hold_step(plan_from_protocol("standard", START, time_of_day="morning"), 1, 7), 40)
    assert build_plan(request) == by_hand
    outcome = plan_outcome(request)
    assert outcome.plan == by_hand and outcome.liquid is None and outcome.supply is None
    assert outcome.liquid_advice is None and outcome.capsule_advice is None  # nothing asked for
    # A protocol with a target of its own: standard to 3 mg stops rising at 3 mg on day 15.
    lower = build_plan(PlanRequest(FromProtocol("standard"), START, target_mg=3))
    assert _layout(lower) == [(1, 14, 1.5), (15, None, 3)]


def test_capsules_of_listed_strengths_and_of_the_advisors_set() -> None:
    listed = plan_outcome(
        PlanRequest(FromProtocol("standard"), START, form=CapsuleForm((1.5, 3)), supply_days=28)
    )
    assert listed.capsules is not None
    # 1.5 mg = one 1.5 mg capsule; 3 mg = one 3 mg capsule (fewest capsules).
    assert [m.dose.text for m in listed.capsules.measures] == [
        "1 × 1.5 mg",
        "1 × 3 mg",
        "1 × 3 mg + 1 × 1.5 mg",
    ]
    # 28 days: 14 capsules of 1.5 mg and 14 of 3 mg in one fill (180-day BUD for solids).
    assert listed.supply is not None
    assert [[(c.strength_mg, c.count) for c in f.capsules] for f in listed.supply.fills] == [
        [(3, 14), (1.5, 14)]
    ]
    suggested = plan_outcome(PlanRequest(FromProtocol("standard"), START, form=CapsuleForm()))
    assert suggested.capsule_advice is not None and suggested.capsules == suggested.capsule_advice.schedule


def test_capsules_that_cannot_make_a_dose_are_measured_but_not_supplied() -> None:
    outcome = plan_outcome(PlanRequest(FromProtocol("standard"), START, form=CapsuleForm((3,)), advise=False))
    assert outcome.capsules is not None and not outcome.capsules.all_makeable
    assert outcome.supply is None and outcome.supply_refusal is None
    assert any("cannot be made" in alert.text for alert in outcome.alerts)


def test_fills_that_cannot_be_made_keep_the_plan_and_say_why() -> None:
    # Standard plan, days 1-14 at 1.5 mg = 21 mg; at 0.01 mg/mL that is 2,100 mL, over the largest batch.
    outcome = plan_outcome(PlanRequest(FromProtocol("standard"), START, form=LiquidForm(0.01), advise=False))
    assert outcome.supply is None
    assert isinstance(outcome.supply_refusal, InputError) and outcome.supply_refusal.field == "strength"
    assert outcome.alerts[-1].level is Level.CAUTION
    assert outcome.alerts[-1].text.startswith("No supply worked out: strength:")
    assert len(outcome.plan.steps) == 3


def test_the_patients_syringes_measure_each_step() -> None:
    # Only a 10 mL syringe with 0.5 mL marks: 1.5 mL is 3 marks, 3 mL 6 marks, 4.5 mL 9 marks.
    ten = Syringe(10, 0.5)
    request = PlanRequest(
        FromProtocol("standard"), START, form=LiquidForm(1.0), syringes=(ten,), advise=False
    )
    outcome = plan_outcome(request)
    assert outcome.liquid is not None
    assert {m.syringe for m in outcome.liquid.measures} == {ten}
    # The front end's syringes are used when the request names none.
    default = plan_outcome(dataclasses.replace(request, syringes=None), (ten,))
    assert default.liquid == outcome.liquid


def test_a_ladder_request_and_no_form_runs_both_advisors() -> None:
    outcome = plan_outcome(PlanRequest(FromLadder((0.1, 0.25, 0.5), 7), START))
    assert _layout(outcome.plan) == [(1, 7, 0.1), (8, 14, 0.25), (15, None, 0.5)]
    assert outcome.liquid_advice is not None and outcome.capsule_advice is not None
    assert outcome.liquid is None and outcome.capsules is None


def test_requests_are_plain_values() -> None:
    one = PlanRequest(FromLadder([0.5, 1], 7), START, form=CapsuleForm([0.5, 1]))  # type: ignore[arg-type]
    two = PlanRequest(FromLadder((0.5, 1), 7), START, form=CapsuleForm((0.5, 1)))
    assert one == two and hash(one) == hash(two)  # lists become tuples, so a request is a cache key
    with pytest.raises(InputError, match=r"^target: — is needed"):
        PlanRequest(FromRule(1, 1, 7), START)
    with pytest.raises(TypeError):
        PlanRequest(FromRule(1, 1, 7), START, target_mg=4, edits=("hold",))  # type: ignore[arg-type]


def test_refusals_name_the_request_field() -> None:
    with pytest.raises(InputError, match=r"^every:"):
        plan_outcome(PlanRequest(FromRule(1, 1, 1.5), START, target_mg=4))
    with pytest.raises(InputError, match=r"^days:"):
        plan_outcome(PlanRequest(FromProtocol("standard"), START, supply_days=0))
    with pytest.raises(RecipeError, match="No capsule set suggested"):
        # 0.0005 mg steps cannot be made from capsules of whole micrograms.
        plan_outcome(PlanRequest(FromLadder((0.0005, 0.001), 7), START, form=CapsuleForm()))


def test_a_supply_shorter_than_the_plan_shown_says_from_when_more_is_needed() -> None:
    # Standard from 1 December 2026, review day 57; 28 days supplied: day 29 is 29 December 2026.
    request = PlanRequest(FromProtocol("standard"), START, form=LiquidForm(1.0), supply_days=28)
    outcome = plan_outcome(request)
    assert outcome.more_needed_day == 29
    assert outcome.more_needed_from == START + dt.timedelta(days=28)
    assert any(
        f"the patient needs more from {long_date(START + dt.timedelta(days=28))} (day 29)" in a.text
        for a in outcome.alerts
    )
    # Through the review day (the default) nothing is said.
    full = plan_outcome(PlanRequest(FromProtocol("standard"), START, form=LiquidForm(1.0)))
    assert full.more_needed_day is None and full.more_needed_from is None


def test_the_request_carries_its_overage_to_the_fills() -> None:
    # 3 mL a bottle, no share: the first standard fill, 14 × 1.5 mL = 21 mL, is a 24 mL bottle.
    request = PlanRequest(FromProtocol("standard"), START, form=LiquidForm(1.0), overage=Overage(0, 3))
    outcome = plan_outcome(request)
    assert outcome.supply is not None
    assert outcome.supply.fills[0].dispensed_ml == 24
