"""Too few marks is not measurable for a patient: the flag, the better choice, the advisor's split."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from ldn_desk.plans.measuring import advise_liquid_strength, measure_liquid
from ldn_desk.plans.titration import plan_from_ladder
from ldn_desk.recipes.dose_range import Level
from ldn_desk.recipes.dosing import Syringe, default_syringes, dose_to_volume, min_marks_per_dose
from ldn_desk.units.quantity import Quantity

START = dt.date(2026, 12, 1)
ONE_ML = Syringe(1, 0.01)
THREE_ML = Syringe(3, 0.1)
FIVE_ML_FINE = Syringe(5, 0.1)


def test_the_minimum_is_the_projects_setting() -> None:
    assert min_marks_per_dose() == 10  # resources/protocols.toml [advisor], an LDN Desk convention


def test_two_marks_is_flagged_with_a_weaker_strength_named() -> None:
    # 0.1 mg ÷ 5 mg/mL = 0.02 mL = 2 marks of 0.01 mL on the 1 mL syringe: measurable, but one mark
    # misread is 0.01 / 0.02 = 50 % of the dose. At 1 mg/mL the dose is 0.1 mL = 10 marks.
    dose = dose_to_volume(Quantity(0.1, "mg"), Quantity(5, "mg/mL"))
    assert (dose.measurable, dose.marks, dose.few_marks, dose.precise) == (True, 2, True, False)
    assert dose.syringe == ONE_ML and dose.volume_text == "0.02 mL"
    [better] = dose.better
    assert (better.strength_mg_per_ml, better.volume_ml, better.syringe, better.marks) == (1, 0.1, ONE_ML, 10)
    [alert] = dose.alerts
    assert alert.level is Level.WARNING
    assert "0.1 mg of 5 mg/mL is 0.02 mL, only 2 marks on the 1 mL syringe (0.01 mL marks)" in alert.text
    assert "50% error" in alert.text and "at least 10 marks" in alert.text
    assert "a weaker liquid, 1 mg/mL, where the dose is 0.1 mL, 10 marks on the 1 mL syringe" in alert.text


def test_a_finer_syringe_is_named_when_the_set_lacks_one() -> None:
    # 0.5 mg of 1 mg/mL = 0.5 mL: 5 marks of 0.1 mL on the 3 mL syringe; the usual 1 mL syringe
    # (0.01 mL marks) makes it 50 marks. On the 3 mL syringe alone, 0.5 mg/mL gives 0.5 ÷ 0.5 =
    # 1 mL = 10 marks. Both are offered, the syringe first.
    dose = dose_to_volume(Quantity(0.5, "mg"), Quantity(1, "mg/mL"), [THREE_ML])
    assert (dose.marks, dose.few_marks) == (5, True)
    finer, weaker = dose.better
    assert (finer.finer_syringe, finer.syringe, finer.marks) == (True, ONE_ML, 50)
    assert (weaker.finer_syringe, weaker.strength_mg_per_ml, weaker.volume_ml, weaker.marks) == (
        False,
        0.5,
        1,
        10,
    )
    assert (
        "a syringe with finer marks: 0.5 mL, 50 marks on the 1 mL syringe (0.01 mL marks)"
        in dose.alerts[0].text
    )


def test_the_syringe_that_gives_enough_marks_is_chosen_over_a_smaller_coarse_one() -> None:
    # 1.5 mL on a 3 mL syringe with 0.5 mL marks is 3 marks; on a 5 mL syringe with 0.1 mL marks
    # it is 15. The larger, finer syringe is the one to measure with.
    coarse = Syringe(3, 0.5)
    dose = dose_to_volume(Quantity(1.5, "mg"), Quantity(1, "mg/mL"), [coarse, FIVE_ML_FINE])
    assert (dose.syringe, dose.marks, dose.few_marks) == (FIVE_ML_FINE, 15, False)
    assert not dose.alerts


def test_exactly_ten_marks_is_enough() -> None:
    # 0.1 mg of 1 mg/mL = 0.1 mL = 10 marks of 0.01 mL: at the minimum, not under it.
    dose = dose_to_volume(Quantity(0.1, "mg"), Quantity(1, "mg/mL"))
    assert (dose.marks, dose.few_marks, dose.precise) == (10, False, True)


def test_a_plan_no_one_strength_measures_is_split_across_two() -> None:
    # 0.02 mg, 0.05 mg, 0.1 mg, 0.5 mg, 1 mg, 2 mg, 4.5 mg, 14 days each, on the usual syringes.
    # 1 mg/mL: 0.02 and 0.05 mL are 2 and 5 marks of 0.01 mL (too few); from 0.1 mg (0.1 mL, 10
    # marks) every step is enough. 0.1 mg/mL: 0.2 mL (20 marks), 0.5 mL (50), 1 mL (100), 5 mL
    # (50 of 0.1 mL), 10 mL (50 of 0.2 mL), but 20 and 45 mL are more than any syringe holds.
    # 0.5 mg/mL: 0.04 mL is 4 marks. 5 mg/mL: 0.004 mL is under one mark. No one strength measures
    # all seven; 0.1 mg/mL for the first two steps, then 1 mg/mL from day 29 keeps five of the seven
    # on the familiar strength.
    doses = [Quantity(v, "mg") for v in (0.02, 0.05, 0.1, 0.5, 1, 2, 4.5)]
    advice = advise_liquid_strength(plan_from_ladder(doses, 14, START))
    assert not advice.schedule.all_precise
    assert advice.split is not None
    split = advice.split
    assert (split.first.strength_mg_per_ml, split.second.strength_mg_per_ml, split.from_step) == (0.1, 1, 2)
    assert split.from_day == 29
    assert "0.1 mg/mL for days 1–28 (0.02 mg to 0.05 mg), then 1 mg/mL from day 29" in advice.reason
    assert "tenfold" in advice.reason


@settings(max_examples=150, deadline=None)
@given(
    doses=st.lists(
        st.integers(min_value=1, max_value=600).map(lambda k: k / 100), min_size=1, max_size=6, unique=True
    ),
    strength=st.sampled_from([0.1, 0.5, 1.0, 5.0]),
)
def test_every_step_shown_is_precise_or_visibly_flagged(doses: list[float], strength: float) -> None:
    # Property: each step a patient would be shown is at or above the minimum marks, or carries a
    # warning that names its volume (too few marks, or not measurable at all).
    plan = plan_from_ladder([Quantity(v, "mg") for v in sorted(doses)], 7, START)
    schedule = measure_liquid(plan, Quantity(strength, "mg/mL"))
    warnings = [a.text for a in schedule.alerts if a.level is Level.WARNING]
    for measure in schedule.measures:
        if measure.precise:
            assert measure.marks is not None and measure.marks >= min_marks_per_dose()
            assert measure.syringe in default_syringes()
        else:
            shown = measure.volume_text if measure.measurable else measure.calculated_volume_text
            assert any(shown in text for text in warnings), (measure.step.dose_text, shown, warnings)


@settings(max_examples=100, deadline=None)
@given(
    doses=st.lists(
        st.integers(min_value=1, max_value=600).map(lambda k: k / 100), min_size=1, max_size=5, unique=True
    ),
    strength=st.sampled_from([0.1, 0.5, 1.0, 5.0]),
    accept=st.booleans(),
)
def test_the_handout_words_never_hide_too_few_marks(
    doses: list[float], strength: float, accept: bool
) -> None:
    # Property: what the handout tells a patient for each step is either refused, or at or above the
    # minimum marks, or (accepted by the prescriber) says how few marks it is.
    from ldn_desk.documents.measures import step_measures
    from ldn_desk.errors import RecipeError

    plan = plan_from_ladder([Quantity(v, "mg") for v in sorted(doses)], 7, START)
    schedule = measure_liquid(plan, Quantity(strength, "mg/mL"))
    try:
        words = step_measures(plan, schedule, None, accept_few_marks=accept)
    except RecipeError as refused:
        assert not schedule.all_precise
        assert not accept or not schedule.all_measurable, str(refused)
        return
    for measure, said in zip(schedule.measures, words, strict=True):
        assert measure.measurable
        if measure.few_marks:
            assert accept and f"Only {measure.marks} marks" in said.instruction
        else:
            assert measure.precise and "Only" not in said.instruction


def _split_by_trying_every_step(schedules: list[Any], preferred: float) -> tuple[int, int, int] | None:
    """The split rule, written out: every pair and every step, the most steps on the preferred
    strength, then the most on the second; the first found of equals."""
    best = None
    for i, first in enumerate(schedules):
        for j, second in enumerate(schedules):
            if i == j:
                continue
            steps = len(first.measures)
            for k in range(1, steps):
                if all(m.precise for m in first.measures[:k]) and all(m.precise for m in second.measures[k:]):
                    on_preferred = (k if first.strength_mg_per_ml == preferred else 0) + (
                        steps - k if second.strength_mg_per_ml == preferred else 0
                    )
                    rank = (-on_preferred, -(steps - k))
                    if best is None or rank < best[0]:
                        best = (rank, (i, j, k))
    return None if best is None else best[1]


@settings(max_examples=200, deadline=None)
@given(
    st.integers(2, 12).flatmap(
        lambda n: st.lists(st.lists(st.booleans(), min_size=n, max_size=n), min_size=2, max_size=4)
    )
)
def test_the_split_is_found_as_by_trying_every_step(precise: list[list[bool]]) -> None:
    from types import SimpleNamespace

    from ldn_desk.plans.measuring import _split

    strengths = [1.0, 0.5, 0.1, 5.0]
    schedules = [
        SimpleNamespace(strength_mg_per_ml=strengths[n], measures=[SimpleNamespace(precise=p) for p in flags])
        for n, flags in enumerate(precise)
    ]
    found = _split(None, schedules, 10, 1.0)  # type: ignore[arg-type]
    expected = _split_by_trying_every_step(schedules, 1.0)
    if expected is None:
        assert found is None
    else:
        i, j, k = expected
        assert found is not None
        assert (found.first, found.second, found.from_step) == (schedules[i], schedules[j], k)
