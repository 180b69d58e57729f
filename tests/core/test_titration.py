"""Titration plans: every library protocol against day counts worked by hand, the edits a
clinician makes, the review date, and properties of every plan."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ldn_desk.errors import DoseRangeError, InputError
from ldn_desk.plans.edits import hold, hold_step, step_back, with_length, with_target, with_time
from ldn_desk.plans.model import Plan, Step
from ldn_desk.plans.titration import (
    find_protocol,
    load_protocols,
    plan_from_ladder,
    plan_from_protocol,
    plan_from_steps,
)
from ldn_desk.recipes.dose_range import Level
from ldn_desk.units.quantity import Kind, Quantity, parse_quantity

START = dt.date(2026, 3, 1)  # day 1; March has 31 days, so day 32 is 1 April


def mg(value: float) -> Quantity:
    return Quantity(value, "mg")


def days(value: int) -> Quantity:
    return Quantity(value, "day")


def amount(text: str) -> Quantity:
    return parse_quantity(text, Kind.MASS, "amount")


def layout(plan: Plan) -> list[tuple[int, int | None, float]]:
    return [(s.from_day, s.to_day, s.dose_mg) for s in plan.steps]


# Worked by hand. A step of N days from day a ends on day a + N - 1; the next starts the day after.
# Review (rule "trial"): the later of day 8 x 7 + 1 = 57 and (first day at target) + 4 x 7.
PROTOCOLS = {
    # 1.5 mg days 1-14, 3 mg days 15-28, 4.5 mg from day 29 (Dieckmann / Tufts). Review max(57, 29 + 28 = 57).
    "standard": ([(1, 14, 1.5), (15, 28, 3), (29, None, 4.5)], 57),
    # weekly: 1 mg 1-7, 2 mg 8-14, 3 mg 15-21, 4 mg 22-28, then 4.5 mg (not 5) from 29. Review max(57, 57).
    "weekly_1mg": ([(1, 7, 1), (8, 14, 2), (15, 21, 3), (22, 28, 4), (29, None, 4.5)], 57),
    # nine doses 0.5 ... 4.5 mg, 14 days each: dose k (k = 0..7) on days 14k + 1 to 14k + 14, 4.5 mg from
    # 14 x 8 + 1 = 113. Review max(57, 113 + 28 = 141).
    "gentle": (
        [
            (1, 14, 0.5),
            (15, 28, 1),
            (29, 42, 1.5),
            (43, 56, 2),
            (57, 70, 2.5),
            (71, 84, 3),
            (85, 98, 3.5),
            (99, 112, 4),
            (113, None, 4.5),
        ],
        141,
    ),
    # the same doses 7 days each: 4.5 mg from 7 x 8 + 1 = 57. Review max(57, 57 + 28 = 85).
    "weekly_0_5mg": (
        [
            (1, 7, 0.5),
            (8, 14, 1),
            (15, 21, 1.5),
            (22, 28, 2),
            (29, 35, 2.5),
            (36, 42, 3),
            (43, 49, 3.5),
            (50, 56, 4),
            (57, None, 4.5),
        ],
        85,
    ),
    # the ladder 0.1, 0.25, 0.5, 1, 1.5, 2, 3, 4, 4.5 mg, 14 days a rung: 4.5 mg from 113. Review 141.
    "sensitive": (
        [
            (1, 14, 0.1),
            (15, 28, 0.25),
            (29, 42, 0.5),
            (43, 56, 1),
            (57, 70, 1.5),
            (71, 84, 2),
            (85, 98, 3),
            (99, 112, 4),
            (113, None, 4.5),
        ],
        141,
    ),
    # 1 mg then +0.5 mg every 14 days: 1, 1.5, 2, 2.5, 3, 3.5, 4 (7 steps, days 1-98), 4.5 mg from 99.
    # Review max(57, 99 + 28 = 127).
    "dysautonomia": (
        [
            (1, 14, 1),
            (15, 28, 1.5),
            (29, 42, 2),
            (43, 56, 2.5),
            (57, 70, 3),
            (71, 84, 3.5),
            (85, 98, 4),
            (99, None, 4.5),
        ],
        127,
    ),
    # 1.5 mg 4 weeks (days 1-28), 3 mg 4 weeks (29-56), then 4.5 mg from 57. Review max(57, 57 + 28 = 85).
    "ms_norway": ([(1, 28, 1.5), (29, 56, 3), (57, None, 4.5)], 85),
    # Hashimoto's (DOMAIN.md section 2: from 0.25 mg, +0.25-0.5 mg weekly to 1.5-3 mg, then 4.5 mg):
    # 0.25, 0.5, 1, 1.5, 2, 2.5, 3 mg, 7 days each (days 1-49), 4.5 mg from 7 x 7 + 1 = 50.
    # Review max(57, 50 + 28 = 78).
    "hashimoto": (
        [
            (1, 7, 0.25),
            (8, 14, 0.5),
            (15, 21, 1),
            (22, 28, 1.5),
            (29, 35, 2),
            (36, 42, 2.5),
            (43, 49, 3),
            (50, None, 4.5),
        ],
        78,
    ),
    # Long COVID in monthly steps (1 mg month 1, 2 mg month 2, up to 3-4.5 mg), a month of 28 days:
    # 1 mg days 1-28, 2 mg 29-56, 3 mg 57-84, 4.5 mg from 85. Review max(57, 85 + 28 = 113).
    "long_covid_monthly": ([(1, 28, 1), (29, 56, 2), (57, 84, 3), (85, None, 4.5)], 113),
}


def test_the_library_holds_every_protocol_of_domain_section_2() -> None:
    assert set(load_protocols()) == set(PROTOCOLS)
    for protocol in load_protocols().values():
        assert protocol.source.strip(), protocol.key
        assert protocol.review.source.strip()
        assert protocol.doses_mg[-1] == protocol.target_mg


@pytest.mark.parametrize("key", sorted(PROTOCOLS))
def test_protocol_days_and_review_worked_by_hand(key: str) -> None:
    expected, review_day = PROTOCOLS[key]
    plan = plan_from_protocol(key, START)
    assert layout(plan) == expected
    assert plan.review_day == review_day
    assert plan.review_date == START + dt.timedelta(days=review_day - 1)
    assert plan.protocol_key == key
    assert plan.alerts == ()  # every dose between 0.1 and 4.5 mg passes the range checks quietly


def test_standard_dates_and_review() -> None:
    plan = plan_from_protocol("standard", START)
    second = plan.steps[1]
    assert second.start_date(START) == dt.date(2026, 3, 15)  # day 15
    assert second.end_date(START) == dt.date(2026, 3, 28)  # day 28
    assert plan.steps[2].end_date(START) is None
    # day 57 = 1 March + 56 days = 26 April (31 days of March take day 31 to 31 March)
    assert plan.review_date == dt.date(2026, 4, 26)
    # late ends: max(12 x 7 + 1 = 85, 29 + 8 x 7 = 85)
    assert plan.review_latest_day == 85
    assert plan.days_through_review() == 57
    assert "day 57" in plan.review_text


def test_step_text() -> None:
    step = Step(15, 28, 3.0)
    assert step.dose_text == "3 mg"
    assert step.directions == "3 mg daily at bedtime"
    assert step.days_label == "Days 15–28"
    assert step.days == 14
    assert Step(29, None, 4.5, "morning").directions == "4.5 mg daily in the morning"
    assert Step(29, None, 4.5).days_label == "From day 29"


def test_rule_builder_matches_the_domain_example_and_the_weekly_protocol() -> None:
    plan = plan_from_steps(mg(1.5), mg(1.5), days(14), mg(4.5), START)
    assert layout(plan) == PROTOCOLS["standard"][0]
    weekly = plan_from_steps(mg(1), mg(1), Quantity(1, "week"), mg(4.5), START)
    assert layout(weekly) == PROTOCOLS["weekly_1mg"][0]


def test_rule_builder_never_overshoots_and_keeps_clean_doses() -> None:
    # 0.1 mg steps from 0.1 mg: float addition would give 0.30000000000000004; doses stay clean.
    plan = plan_from_steps(mg(0.1), mg(0.1), 7, mg(0.5), START)
    assert [s.dose_mg for s in plan.steps] == [0.1, 0.2, 0.3, 0.4, 0.5]
    # 1, 2.5, 4 then 4.5 (not 5.5)
    capped = plan_from_steps(mg(1), mg(1.5), 7, mg(4.5), START)
    assert [s.dose_mg for s in capped.steps] == [1, 2.5, 4, 4.5]


def test_ladder_builder() -> None:
    rungs = [mg(v) for v in (0.1, 0.25, 0.5)]
    plan = plan_from_ladder(rungs, days(7), START)
    assert layout(plan) == [(1, 7, 0.1), (8, 14, 0.25), (15, None, 0.5)]
    assert plan.target_mg == 0.5
    # a target between rungs: the rung above it becomes the target (0.4 mg, not 0.5 mg)
    lower = plan_from_ladder(rungs, days(7), START, mg(0.4))
    assert layout(lower) == [(1, 7, 0.1), (8, 14, 0.25), (15, None, 0.4)]


@pytest.mark.parametrize(
    ("build", "field"),
    [
        (lambda: plan_from_ladder([mg(1), mg(0.5)], 7, START), "ladder"),
        (lambda: plan_from_ladder([mg(1), mg(1)], 7, START), "ladder"),
        (lambda: plan_from_ladder([], 7, START), "ladder"),
        (lambda: plan_from_ladder([mg(0.5), mg(1)], 7, START, mg(2)), "target"),
        (lambda: plan_from_steps(mg(5), mg(1), 7, mg(4), START), "start"),
        (lambda: plan_from_steps(mg(1), mg(1), days(0), mg(4), START), "every"),
        (lambda: plan_from_steps(mg(1), mg(1), Quantity(1.5, "day"), mg(4), START), "every"),
        (lambda: plan_from_steps(mg(0.001), mg(0.001), 7, mg(4.5), START), "step"),
        (lambda: plan_from_steps(mg(1), mg(1), 7, mg(4.5), START, time_of_day="noon"), "time of day"),
        (lambda: plan_from_protocol("fast", START), "protocol"),
    ],
)
def test_bad_plans_are_refused_naming_the_field(build: object, field: str) -> None:
    with pytest.raises(InputError) as caught:
        build()  # type: ignore[operator]
    assert caught.value.field == field


def test_doses_pass_the_range_checks() -> None:
    with pytest.raises(DoseRangeError) as caught:
        plan_from_steps(mg(1), mg(1), 7, mg(12), START)
    assert caught.value.field == "target"
    high = plan_from_steps(mg(1), mg(1), 7, mg(12), START, allow_high=True)
    assert any(a.level is Level.WARNING for a in high.alerts)
    # above the usual 4.5 mg: a caution carried by the plan
    six = plan_from_steps(mg(1.5), mg(1.5), 14, mg(6), START)
    assert [a.level for a in six.alerts] == [Level.CAUTION]
    # under 0.05 mg: "check mg vs mcg"
    tiny = plan_from_ladder([mg(0.01), mg(0.1)], 7, START)
    assert any("mcg" in a.text for a in tiny.alerts)


def test_find_protocol_by_name() -> None:
    assert find_protocol("Weekly 1 mg").key == "weekly_1mg"
    assert find_protocol("MS (Norway)").key == "ms_norway"
    assert find_protocol("weekly-0.5mg").key == "weekly_0_5mg"


def test_reading_the_plan_by_day_and_date() -> None:
    plan = plan_from_protocol("standard", START)
    assert plan.dose_on(1) == 1.5
    assert plan.dose_on(14) == 1.5
    assert plan.dose_on(15) == 3
    assert plan.dose_on(1000) == 4.5  # the last step runs on
    assert plan.step_on(dt.date(2026, 3, 29)) == plan.steps[2]  # day 29
    assert plan.step_on(dt.date(2026, 2, 28)) is None
    with pytest.raises(InputError):
        plan.dose_on(0)
    # 14 x 1.5 + 14 x 3 + 2 x 4.5 over 30 days
    assert sum(plan.daily_doses(30)) == pytest.approx(21 + 42 + 9)


# --- edits ------------------------------------------------------------------------------------
def test_hold_moves_later_steps_and_the_review() -> None:
    plan = plan_from_protocol("standard", START)
    held = hold(plan, 15, 7)
    # 3 mg for 14 + 7 = 21 days: days 15-35; 4.5 mg from 36. Review max(57, 36 + 28 = 64).
    assert layout(held) == [(1, 14, 1.5), (15, 35, 3), (36, None, 4.5)]
    assert held.review_day == 64
    assert held.edits and "Held 3 mg" in held.edits[0]
    assert layout(plan) == PROTOCOLS["standard"][0]  # the original is unchanged
    assert hold_step(plan, 1, 7) == held
    with pytest.raises(InputError):
        hold(plan, 40, 7)  # the open last step already runs on
    with pytest.raises(InputError):
        hold(plan, 15, 0)


def test_step_back_mid_step_then_titrates_up_again() -> None:
    plan = plan_from_protocol("standard", START)
    back = step_back(plan, 20)
    # 3 mg days 15-19, back to 1.5 mg for one interval (20-33), 3 mg for its full 14 days (34-47),
    # then 4.5 mg from 48. Review max(57, 48 + 28 = 76).
    assert layout(back) == [(1, 14, 1.5), (15, 19, 3), (20, 33, 1.5), (34, 47, 3), (48, None, 4.5)]
    assert back.review_day == 76
    assert layout(plan) == PROTOCOLS["standard"][0]


def test_step_back_on_the_first_day_of_a_step_extends_the_dose_before() -> None:
    back = step_back(plan_from_protocol("standard", START), 15)
    # 1.5 mg days 1-14 and again 15-28 merge into one step; 3 mg 29-42; 4.5 mg from 43.
    assert layout(back) == [(1, 28, 1.5), (29, 42, 3), (43, None, 4.5)]


def test_step_back_on_the_first_step_halves_the_dose() -> None:
    back = step_back(plan_from_protocol("standard", START), 3)
    # 1.5 mg days 1-2, 0.75 mg (half) 3-16, 1.5 mg 17-30, 3 mg 31-44, 4.5 mg from 45
    assert layout(back) == [(1, 2, 1.5), (3, 16, 0.75), (17, 30, 1.5), (31, 44, 3), (45, None, 4.5)]


def test_step_back_at_target() -> None:
    back = step_back(plan_from_protocol("standard", START), 40)
    # 4.5 mg days 29-39, 3 mg 40-53, 4.5 mg again from 54
    assert layout(back)[2:] == [(29, 39, 4.5), (40, 53, 3), (54, None, 4.5)]


def test_step_back_twice_goes_lower_not_back_up() -> None:
    once = step_back(plan_from_protocol("standard", START), 40)
    # 4.5 mg 29-39, 3 mg 40-53, 4.5 mg from 54. Stepping back again on day 45 (in the 3 mg step whose
    # step before is 4.5 mg) goes down to 1.5 mg, the nearest earlier lower dose: 3 mg 40-44,
    # 1.5 mg 45-58, 3 mg for its full 14 days 59-72, then 4.5 mg from 73.
    twice = step_back(once, 45)
    assert layout(twice)[3:] == [(40, 44, 3), (45, 58, 1.5), (59, 72, 3), (73, None, 4.5)]
    assert len(twice.edits) == 2


def test_change_target() -> None:
    plan = plan_from_protocol("standard", START)
    assert layout(with_target(plan, mg(3))) == [(1, 14, 1.5), (15, None, 3)]
    # 2 mg is between 1.5 and 3 mg: the plan stops at 2 mg rather than overshooting
    assert layout(with_target(plan, 2)) == [(1, 14, 1.5), (15, None, 2)]
    higher = with_target(plan, mg(6))
    # 4.5 mg for one interval (29-42), then +1.5 mg: 6 mg from 43. Review max(57, 43 + 28 = 71).
    assert layout(higher) == [(1, 14, 1.5), (15, 28, 3), (29, 42, 4.5), (43, None, 6)]
    assert higher.review_day == 71
    assert higher.target_mg == 6
    assert [a.level for a in higher.alerts] == [Level.CAUTION]
    assert plan.target_mg == 4.5 and plan.alerts == ()
    # weekly 1 mg to 5.5 mg: 4.5 mg days 29-35, then 4.5 + 1 = 5.5 mg from 36
    weekly = with_target(plan_from_protocol("weekly_1mg", START), mg(5.5))
    assert layout(weekly)[-2:] == [(29, 35, 4.5), (36, None, 5.5)]
    with pytest.raises(DoseRangeError):
        with_target(plan, mg(11))


def test_time_and_length() -> None:
    plan = plan_from_protocol("standard", START, time_of_day="morning")
    assert {s.time_of_day for s in plan.steps} == {"morning"}
    assert with_time(plan, "bedtime").time_of_day == "bedtime"
    short = with_length(plan, 20)
    assert layout(short) == [(1, 14, 1.5), (15, 20, 3)]
    assert short.dose_on(21) is None
    assert layout(with_length(short, None)) == [(1, 14, 1.5), (15, None, 3)]
    assert plan_from_protocol("standard", START, days=112).length_days == 112
    # editing a plan of fixed length keeps its length
    assert hold(plan_from_protocol("standard", START, days=112), 1, 7).length_days == 112


def test_a_plan_checks_its_own_shape() -> None:
    with pytest.raises(ValueError):
        Step(0, 3, 1.0)
    with pytest.raises(ValueError):
        Step(5, 3, 1.0)
    with pytest.raises(ValueError):
        Step(1, 3, 0.0)
    good = plan_from_protocol("standard", START)
    with pytest.raises(ValueError):
        Plan(START, (Step(1, 14, 1.5), Step(16, None, 3.0)), 4.5, 14, good.review_rule)  # gap at day 15
    with pytest.raises(ValueError):
        Plan(START, (Step(2, None, 1.5),), 4.5, 14, good.review_rule)  # does not start on day 1


# --- properties -------------------------------------------------------------------------------
def _check_shape(plan: Plan) -> None:
    assert plan.steps[0].from_day == 1
    for before, after in zip(plan.steps, plan.steps[1:], strict=False):
        assert before.to_day is not None and after.from_day == before.to_day + 1
        assert before.dose_mg != after.dose_mg  # equal neighbours are merged
    assert all(s.dose_mg <= plan.target_mg + 1e-9 for s in plan.steps)
    assert plan.steps[-1].to_day == plan.length_days  # open (None) or the plan's length
    assert all(s.to_day is not None for s in plan.steps[:-1])


doses_mg = st.integers(min_value=1, max_value=90).map(lambda k: k * 0.05)  # 0.05 to 4.5 mg


@settings(max_examples=150, deadline=None)
@given(
    start=doses_mg,
    step=doses_mg,
    extra=st.integers(min_value=0, max_value=90),
    interval=st.integers(min_value=1, max_value=28),
    length=st.none() | st.integers(min_value=1, max_value=200),
)
def test_rule_plans_are_contiguous_from_day_1_and_never_exceed_the_target(
    start: float, step: float, extra: int, interval: int, length: int | None
) -> None:
    target = round(start + extra * 0.05, 2)
    plan = plan_from_steps(mg(start), mg(step), interval, mg(target), START, days=length)
    _check_shape(plan)
    if length is None:
        assert plan.steps[-1].dose_mg == pytest.approx(target)


@settings(max_examples=100, deadline=None)
@given(
    key=st.sampled_from(sorted(PROTOCOLS)),
    edits=st.lists(
        st.tuples(st.sampled_from(["hold", "back", "target"]), st.integers(min_value=1, max_value=150)),
        max_size=4,
    ),
)
def test_edited_plans_keep_their_shape_and_the_original(key: str, edits: list[tuple[str, int]]) -> None:
    original = plan_from_protocol(key, START)
    before = layout(original)
    plan = original
    for kind, n in edits:
        try:
            if kind == "hold":
                plan = hold(plan, n, 1 + n % 14)
            elif kind == "back":
                plan = step_back(plan, n)
            else:
                plan = with_target(plan, mg(round(0.5 + (n % 12) * 0.5, 2)))
        except InputError:
            continue  # holding the open last step is refused; the plan stays as it was
        _check_shape(plan)
    assert layout(original) == before


@pytest.mark.parametrize(
    "build",
    [
        lambda: plan_from_protocol("gentle", dt.date(9999, 12, 1)),
        # The standard plan reviews on day 57 (by day 85): 9999-11-10 + 84 days is past the calendar.
        lambda: plan_from_protocol("standard", dt.date(9999, 11, 10)),
        lambda: plan_from_steps(
            Quantity(1, "mg"), Quantity(1, "mg"), 14, Quantity(4, "mg"), dt.date(9999, 12, 31)
        ),
        lambda: plan_from_ladder([Quantity(1, "mg")], 7, dt.date(9999, 12, 31)),
        # A plan that fits, then an edit that moves its review past the calendar.
        lambda: hold(plan_from_protocol("standard", dt.date(9999, 9, 1)), 1, 365),
    ],
)
def test_a_start_date_too_late_for_the_calendar_is_refused(build: Any) -> None:
    with pytest.raises(InputError, match=r"^start date: \"9999-[0-9-]+\" — .*calendar"):
        build()


def test_the_latest_start_date_that_fits_still_builds() -> None:
    # Standard: review by day 85 (12 weeks + 1 day); 31 December 9999 is day 85 from 8 October 9999.
    plan = plan_from_protocol("standard", dt.date(9999, 10, 8))
    assert plan.review_latest_date == dt.date(9999, 12, 31)


@pytest.mark.parametrize(
    ("build", "field"),
    [
        # Doses are kept to 0.000001 mg (1 ng); 0.0000001 mg used to round to zero and crash.
        (lambda: plan_from_steps(amount("0.0000001 mg"), amount("5 mg"), 14, amount("6 mg"), START), "start"),
        (lambda: plan_from_steps(amount("1 mg"), amount("0.0000001 mg"), 14, amount("6 mg"), START), "step"),
        (
            lambda: plan_from_steps(amount("1 mg"), amount("1 mg"), 14, amount("0.0000004 mg"), START),
            "target",
        ),
        # Not zero, but not a whole number of nanograms either: refused, not silently rounded.
        (lambda: plan_from_steps(amount("0.0000015 mg"), amount("1 mg"), 14, amount("4 mg"), START), "start"),
        (lambda: plan_from_ladder([amount("0.0000001 mg"), amount("1 mg")], 7, START), "ladder"),
        (lambda: with_target(plan_from_protocol("standard", START), amount("0.0000001 mg")), "target"),
    ],
)
def test_a_dose_finer_than_a_nanogram_is_refused(build: Any, field: str) -> None:
    with pytest.raises(InputError, match=rf"^{field}: .*0\.000001 mg"):
        build()


def test_doses_from_other_units_keep_their_value() -> None:
    # 1500 mcg is 1.5 mg, though pint's conversion carries float noise.
    plan = plan_from_steps(amount("1500 mcg"), amount("0.001 mg"), 7, amount("1.502 mg"), START)
    assert [s.dose_mg for s in plan.steps] == [1.5, 1.501, 1.502]


def test_stepping_back_from_a_nanogram_cannot_halve_it() -> None:
    plan = plan_from_ladder([amount("0.000001 mg"), amount("1 mg")], 7, START)
    with pytest.raises(InputError, match=r"^step back from day: \"3\" — .*halve"):
        step_back(plan, 3)
