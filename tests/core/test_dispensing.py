"""What to dispense: totals, liquid fills used up before their BUD from whole tablets, capsules."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ldn_desk.errors import InputError
from ldn_desk.plans.dispensing import Overage, dispense_capsules, dispense_liquid, total_mg
from ldn_desk.plans.titration import plan_from_ladder, plan_from_protocol
from ldn_desk.units.quantity import Quantity

START = dt.date(2026, 3, 1)
ONE_MG_PER_ML = Quantity(1, "mg/mL")


def test_total_drug_over_16_weeks_of_the_standard_protocol() -> None:
    plan = plan_from_protocol("standard", START)
    # 14 x 1.5 + 14 x 3 + (112 - 28) x 4.5 = 21 + 42 + 378 = 441 mg
    assert total_mg(plan, 112) == 441
    # through the review day (57): 21 + 42 + 29 x 4.5 = 193.5 mg
    assert total_mg(plan) == 193.5


def test_water_1_mg_per_ml_14_day_bud_16_weeks_standard() -> None:
    plan = plan_from_protocol("standard", START)
    result = dispense_liquid(plan, ONE_MG_PER_ML, 112)
    # Unpreserved water: 14-day BUD (USP <795>), made on the day it is due, so each fill covers 14 days.
    # Fill 1, days 1-14: 14 x 1.5 mL = 21 mL -> 21 mg -> 1 tablet (50 mg), batch 50 mL.
    # Fill 2, days 15-28: 14 x 3 mL = 42 mL -> 1 tablet, 50 mL.
    # Fills 3-8, days 29-112: 14 x 4.5 mL = 63 mL -> 63 mg -> 2 tablets, 100 mL each.
    # Each bottle adds the overage, the larger of 5 % and 2 mL (resources/liquid.toml), rounded up
    # to a whole mL on a mark of the cylinder it is measured in (1 mL marks on the 50 and 100 mL
    # cylinders): 21 + 2 = 23 mL; 42 + 2.1 = 44.1 -> 45 mL; 63 + 3.15 = 66.15 -> 67 mL. Still 1, 1
    # and 2 tablets (23, 45 and 67 mg).
    assert result.bud_days == 14
    assert [f.volume_ml for f in result.fills] == [21, 42, 63, 63, 63, 63, 63, 63]
    assert [f.dispensed_ml for f in result.fills] == [23, 45, 67, 67, 67, 67, 67, 67]
    assert [f.overage_ml for f in result.fills] == [2, 3, 4, 4, 4, 4, 4, 4]
    assert [f.tablets for f in result.fills] == [1, 1, 2, 2, 2, 2, 2, 2]
    assert [f.batch_volume_ml for f in result.fills] == [50, 50, 100, 100, 100, 100, 100, 100]
    assert [(f.from_day, f.to_day) for f in result.fills] == [(1 + 14 * k, 14 + 14 * k) for k in range(8)]
    # due on days 1, 15, 29, ...: 1, 15, 29 March, 12 and 26 April, 10 and 24 May, 7 June
    assert [f.due_date for f in result.fills] == [
        dt.date(2026, 3, 1),
        dt.date(2026, 3, 15),
        dt.date(2026, 3, 29),
        dt.date(2026, 4, 12),
        dt.date(2026, 4, 26),
        dt.date(2026, 5, 10),
        dt.date(2026, 5, 24),
        dt.date(2026, 6, 7),
    ]
    # each is used up on its last day, which is its BUD (Day 14 counting the day made as Day 1)
    assert all(f.use_by == f.due_date + dt.timedelta(days=13) for f in result.fills)
    assert result.total_mg == 441
    assert result.tablets == 14  # 1 + 1 + 6 x 2
    # left over after the bottles are filled: (50 - 23) + (50 - 45) + 6 x (100 - 67) = 27 + 5 + 198
    # = 230 mL, said once
    assert sum(f.leftover_ml or 0 for f in result.fills) == pytest.approx(230)
    assert any("230 mL of the batches" in a.text for a in result.alerts)
    # the overage said once (each bottle up to whole mL): 2 + 3 + 6 x 4 = 29 mL
    assert any("overage of 5% (at least 2 mL)" in a.text and "29 mL in all" in a.text for a in result.alerts)


def test_preserved_formula_with_its_60_day_study_date() -> None:
    plan = plan_from_protocol("standard", START)
    result = dispense_liquid(plan, ONE_MG_PER_ML, 112, formula="fawcett_1997")
    # Fawcett 1997: 60 days. Fill 1, days 1-60: 21 + 42 + 32 x 4.5 = 207 mL -> 5 tablets, 250 mL.
    # Fill 2, days 61-112: 52 x 4.5 = 234 mL -> 5 tablets, 250 mL.
    assert result.bud_days == 60
    assert [(f.from_day, f.to_day) for f in result.fills] == [(1, 60), (61, 112)]
    assert [f.volume_ml for f in result.fills] == [207, 234]
    assert [f.tablets for f in result.fills] == [5, 5]


def test_made_the_day_before_and_shorter_fills() -> None:
    plan = plan_from_protocol("standard", START)
    early = dispense_liquid(plan, ONE_MG_PER_ML, 28, made_days_before=1)
    # made a day early, 13 of the 14 BUD days are left: days 1-13 (13 x 1.5 = 19.5 mL), then 14-26
    # and a 2-day tail 27-28. 14-28 is 15 days, more than 13, so the two are evened out to 8 and 7
    # days: 14-21 (1.5 + 7 x 3 = 22.5 mL) and 22-28 (7 x 3 = 21 mL).
    assert [(f.from_day, f.to_day) for f in early.fills] == [(1, 13), (14, 21), (22, 28)]
    assert [f.volume_ml for f in early.fills] == [19.5, 22.5, 21]
    assert any(
        "evened out to 8 days and 7 days rather than 13 days and 2 days" in a.text for a in early.alerts
    )
    assert early.fills[0].compounded == dt.date(2026, 2, 28)
    assert early.fills[0].use_by == dt.date(2026, 3, 13)  # made 28 Feb = Day 1, Day 14 = 13 March
    weekly = dispense_liquid(plan, ONE_MG_PER_ML, 28, max_fill_days=7)
    assert [f.volume_ml for f in weekly.fills] == [10.5, 10.5, 21, 21]


def test_default_period_is_through_the_review_day() -> None:
    plan = plan_from_protocol("standard", START)
    result = dispense_liquid(plan, ONE_MG_PER_ML)
    # review day 57: fills 1-14, 15-28, 29-42, 43-56 would leave day 57 alone; 43-57 is 15 days, over
    # the 14-day BUD, so the last two are evened out: 43-50 (8 x 4.5 = 36 mL), 51-57 (7 x 4.5 = 31.5 mL)
    assert result.days == 57
    assert [(f.from_day, f.to_day) for f in result.fills][-2:] == [(43, 50), (51, 57)]
    assert [f.volume_ml for f in result.fills][-2:] == [36, 31.5]
    assert result.total_mg == 193.5


def test_capsule_counts_per_fill() -> None:
    plan = plan_from_protocol("standard", START)
    one = dispense_capsules(plan, [1.5], 112)
    # capsules keep 180 days (USP <795> solid): one fill of 14 x 1 + 14 x 2 + 84 x 3 = 294 capsules
    assert len(one.fills) == 1
    assert [(c.strength_mg, c.count) for c in one.fills[0].capsules] == [(1.5, 294)]
    assert one.total_mg == 441
    monthly = dispense_capsules(plan, [1.5, 3], 112, max_fill_days=28)
    # days 1-28: 14 x (1 x 1.5) + 14 x (1 x 3); then 28 x (3 + 1.5) in each of the three other fills
    assert [[(c.strength_mg, c.count) for c in f.capsules] for f in monthly.fills] == [
        [(3, 14), (1.5, 14)],
        [(3, 28), (1.5, 28)],
        [(3, 28), (1.5, 28)],
        [(3, 28), (1.5, 28)],
    ]
    assert [f.due_date for f in monthly.fills][1] == dt.date(2026, 3, 29)  # day 29
    with pytest.raises(InputError):
        dispense_capsules(plan, [3], 112)  # 1.5 mg cannot be made from 3 mg capsules


def test_bad_periods_are_refused() -> None:
    plan = plan_from_protocol("standard", START)
    with pytest.raises(InputError):
        dispense_liquid(plan, ONE_MG_PER_ML, 0)
    with pytest.raises(InputError):
        dispense_liquid(plan, ONE_MG_PER_ML, 28, made_days_before=14)  # nothing usable left
    with pytest.raises(InputError):
        dispense_liquid(plan, ONE_MG_PER_ML, 28, max_fill_days=0)


@settings(max_examples=40, deadline=None)
@given(
    key=st.sampled_from(["standard", "gentle", "sensitive", "weekly_1mg", "ms_norway"]),
    days=st.integers(min_value=1, max_value=200),
    strength=st.sampled_from([0.5, 1, 5]),
    formula=st.sampled_from(["water", "fawcett_1997"]),
    fill_days=st.none() | st.integers(min_value=1, max_value=40),
)
def test_fills_cover_every_day_once_hold_the_drug_and_keep_their_date(
    key: str, days: int, strength: float, formula: str, fill_days: int | None
) -> None:
    plan = plan_from_protocol(key, START)
    result = dispense_liquid(
        plan, Quantity(strength, "mg/mL"), days, formula=formula, max_fill_days=fill_days
    )
    covered = [day for f in result.fills for day in range(f.from_day, f.to_day + 1)]
    assert covered == list(range(1, days + 1))
    assert sum(f.total_mg for f in result.fills) == pytest.approx(total_mg(plan, days))
    for fill in result.fills:
        assert fill.due_date + dt.timedelta(days=fill.days - 1) <= fill.use_by
        assert fill.volume_ml is not None and fill.recipe is not None
        assert fill.volume_ml * strength >= fill.total_mg - 1e-9  # never short
        assert fill.volume_ml * strength <= fill.total_mg + 0.01 * strength + 1e-9  # no more than is used
        assert fill.recipe.batch_volume_ml >= fill.volume_ml - 1e-9
        if fill.recipe.dilution is None:
            assert fill.recipe.naltrexone_hcl_mg == pytest.approx(fill.tablets * 50)  # whole tablets


def test_a_fill_too_small_to_make_is_drawn_from_a_larger_batch() -> None:
    plan = plan_from_protocol("sensitive", START)
    # one day of 0.1 mg at 0.1 mg/mL is 1 mL; a 1 mL batch would need 0.1 mL of the 1 mg/mL stock,
    # under the 1 mL the liquid recipe measures well, so the recipe refuses it and the batch grows
    # (doubling: 2, 4, 8, 16 mL; 16 mL takes 1.6 mL of stock) while the fill stays 1 mL.
    result = dispense_liquid(plan, Quantity(0.1, "mg/mL"), 1, overage=Overage(0))
    (fill,) = result.fills
    assert fill.volume_ml == 1
    assert fill.recipe is not None and fill.recipe.dilution is not None
    assert fill.recipe.batch_volume_ml == 16
    assert fill.recipe.dilution.aliquot_ml == pytest.approx(1.6)


def test_a_fill_of_a_hundredth_of_a_ml_is_drawn_from_a_batch_large_enough_to_make() -> None:
    # 0.001 mg at 0.1 mg/mL is 0.01 mL; the bottle holds a whole mL, 1 mL. The batch doubles 1, 2,
    # 4, 8, 16 mL before the recipe takes at least 1 mL of the 1 mg/mL stock: 16 mL × 0.1 mg/mL
    # = 1.6 mg = 1.6 mL of stock, and 16 mL is a mark of the 25 mL cylinder (0.5 mL marks).
    plan = plan_from_ladder([Quantity(0.001, "mg")], 7, START)
    (fill,) = dispense_liquid(plan, Quantity(0.1, "mg/mL"), 1, overage=Overage(0)).fills
    assert fill.volume_ml == 0.01
    assert fill.recipe is not None and fill.recipe.dilution is not None
    assert fill.dispensed_ml == 1
    assert fill.recipe.dilution.aliquot_ml == pytest.approx(1.6)
    assert fill.recipe.batch_volume_ml == pytest.approx(16)


def test_fills_past_the_end_of_the_calendar_are_refused_naming_the_start_date() -> None:
    # The plan itself fits (review by 31 December 9999), but 112 days of fills do not.
    plan = plan_from_protocol("standard", dt.date(9999, 10, 8))
    for dispense in (
        lambda: dispense_liquid(plan, ONE_MG_PER_ML, 112),
        lambda: dispense_capsules(plan, [Quantity(1.5, "mg")], 112),
    ):
        with pytest.raises(InputError, match=r"^start date: \"9999-10-08\" — .*calendar"):
            dispense()
    # Made days before the first dose, from the first day of the calendar.
    early = plan_from_protocol("standard", dt.date(1, 1, 1))
    with pytest.raises(InputError, match=r"^start date: \"0001-01-01\" — .*calendar"):
        dispense_liquid(early, ONE_MG_PER_ML, 14, made_days_before=1)


# --- overage, short last fills, the end of the supply ----------------------------------------------


def test_the_overage_is_the_larger_of_its_share_and_its_fixed_volume() -> None:
    # 5 % of 21 mL is 1.05 mL, under 2 mL: 2 mL; 5 % of 63 mL is 3.15 mL, over 2 mL: 3.15 mL.
    overage = Overage(5, 2)
    assert overage.extra_ml(21) == 2
    assert overage.extra_ml(63) == pytest.approx(3.15)
    assert overage.text == "5% (at least 2 mL)"
    assert Overage(0, 3).text == "3 mL" and Overage(0).text == "none"


@pytest.mark.parametrize(
    ("percent", "at_least_ml", "problem"),
    [
        (-1, 0, "from 0 to 50%"),
        (60, 0, "from 0 to 50%"),
        (5, 25, "from 0 to 20 mL"),
        (float("nan"), 0, "number"),
    ],
)
def test_an_absurd_overage_is_refused(percent: float, at_least_ml: float, problem: str) -> None:
    with pytest.raises(InputError, match=problem) as refused:
        Overage(percent, at_least_ml)
    assert refused.value.field == "overage"


def test_an_overage_that_needs_another_tablet_gets_it() -> None:
    # 1 mg a day for 14 days at 1 mg/mL: 14 mL; 49 mL would be 1 tablet but with 5 % overage
    # 49 + 2.45 = 51.45 -> 52 mL (whole mL, a mark of the 100 mL cylinder) needs 52 mg: 2 tablets,
    # batch 100 mL, and 100 - 52 = 48 mL is left.
    plan = plan_from_ladder([Quantity(3.5, "mg")], 14, START)
    (fill,) = dispense_liquid(plan, ONE_MG_PER_ML, 14).fills
    assert fill.volume_ml == 49 and fill.dispensed_ml == 52
    assert fill.tablets == 2 and fill.batch_volume_ml == 100
    assert fill.leftover_ml == pytest.approx(48)


def test_a_last_day_or_two_joins_the_fill_before_when_the_bud_allows() -> None:
    # Weekly fills asked (14-day water BUD) for 15 days: 1-7, 8-14 and day 15 alone. Days 8-15 are
    # 8 days, within the 14-day BUD: day 15 joins fill 2, and the supply says so.
    plan = plan_from_protocol("standard", START)
    weekly = dispense_liquid(plan, ONE_MG_PER_ML, 15, max_fill_days=7)
    assert [(f.from_day, f.to_day) for f in weekly.fills] == [(1, 7), (8, 15)]
    assert any("The last 1 day (to day 15) join fill 2 (8 days" in a.text for a in weekly.alerts)


def test_a_short_tail_the_bud_cannot_take_is_evened_out_with_the_fill_before() -> None:
    plan = plan_from_protocol("standard", START)
    # A preserved liquid (Fawcett, 60-day BUD) for 62 days: 1-60 and 61-62; 1-62 is over the BUD,
    # so the two are evened out: 31 + 31 days.
    fawcett = dispense_liquid(plan, ONE_MG_PER_ML, 62, formula="fawcett_1997")
    assert [(f.from_day, f.to_day) for f in fawcett.fills] == [(1, 31), (32, 62)]
    assert any(
        "evened out to 31 days and 31 days rather than 60 days and 2 days" in a.text for a in fawcett.alerts
    )
    # Capsules (180-day BUD) for 181 days: 1-180 and day 181; 1-181 is over the BUD: 91 + 90.
    capsules = dispense_capsules(plan, [1.5], 181)
    assert [(f.from_day, f.to_day) for f in capsules.fills] == [(1, 91), (92, 181)]


def test_a_last_fill_of_a_week_or_more_is_kept() -> None:
    # Made a day early, 13 usable days, for 20 days: 1-13 and 14-20 (7 days, not short): kept.
    plan = plan_from_protocol("standard", START)
    early = dispense_liquid(plan, ONE_MG_PER_ML, 20, made_days_before=1)
    assert [(f.from_day, f.to_day) for f in early.fills] == [(1, 13), (14, 20)]
    assert not any("evened out" in a.text or "join fill" in a.text for a in early.alerts)


@settings(max_examples=60, deadline=None)
@given(
    days=st.integers(1, 120),
    fill_days=st.one_of(st.none(), st.integers(1, 30)),
    percent=st.floats(0, 20),
    at_least_ml=st.floats(0, 5),
    strength=st.sampled_from([0.5, 1.0, 2.0, 5.0]),
)
def test_fills_with_overage_never_cover_days_past_their_bud(
    days: int, fill_days: int | None, percent: float, at_least_ml: float, strength: float
) -> None:
    plan = plan_from_protocol("standard", START)
    result = dispense_liquid(
        plan,
        Quantity(strength, "mg/mL"),
        days,
        max_fill_days=fill_days,
        overage=Overage(percent, at_least_ml),
    )
    doses = plan.daily_doses(days)
    covered = [day for f in result.fills for day in range(f.from_day, f.to_day + 1)]
    assert covered == list(range(1, days + 1))  # every day once, in order
    for fill in result.fills:
        assert fill.volume_ml is not None and fill.dispensed_ml is not None
        # the doses counted are only those of days up to the BUD …
        assert plan.date_of(fill.to_day) <= fill.use_by
        assert fill.volume_ml * strength == pytest.approx(
            sum(doses[fill.from_day - 1 : fill.to_day]), abs=0.01 * strength
        )
        # … and the overage is what the bottle holds beyond them, never more days
        assert fill.dispensed_ml == pytest.approx(fill.volume_ml + fill.overage_ml)
        assert fill.overage_ml >= Overage(percent, at_least_ml).extra_ml(fill.volume_ml) - 1e-6
        # the bottle is whole mL (a mark of its cylinder: 2 mL from 100 mL, 5 mL from 250 mL)
        assert fill.dispensed_ml == round(fill.dispensed_ml)
        step = (
            1
            if fill.dispensed_ml <= 100
            else 2
            if fill.dispensed_ml <= 250
            else 5
            if fill.dispensed_ml <= 500
            else 10
        )
        assert fill.dispensed_ml % step == 0
        assert fill.overage_ml < Overage(percent, at_least_ml).extra_ml(fill.volume_ml) + step + 1e-9
        assert fill.recipe is not None and fill.recipe.batch_volume_ml >= fill.dispensed_ml - 1e-9
    if len(result.fills) > 1:
        # no fresh batch for a day or two: the last fill is at least half the shortest kept (7 days,
        # or the fill days asked when fewer); evening out 14 + 1 gives 8 + 7
        usable = 14 if fill_days is None else min(14, fill_days)
        assert 2 * result.fills[-1].days >= min(7, usable)


def test_a_fill_recipe_fills_its_bottle_and_labels_what_the_bottle_holds() -> None:
    plan = plan_from_protocol("standard", START)
    first = dispense_liquid(plan, ONE_MG_PER_ML, 14).fills[0]
    assert first.recipe is not None
    # days 1–14 of 1.5 mg at 1 mg/mL: 21 mL + 2 mL overage = 23 mL in the bottle, from a 50 mL batch
    # (one 50 mg tablet): 50 − 23 = 27 mL left of the batch.
    steps = first.recipe.steps
    assert "Label: naltrexone HCl 1 mg/mL oral suspension, 23 mL;" in steps[-1]
    assert "50 mL;" not in steps[-1]
    # 23 mL is 46 of the 0.5 mL marks of the 25 mL graduated cylinder (the smallest that holds it)
    assert "measure 23 mL of it with a 25 mL graduated cylinder (0.5 mL marks) into the bottle" in steps[-2]
    assert "discard the remaining 27 mL" in steps[-2]
    assert any("Make up to the 50 mL mark" in step for step in steps)  # the batch is still made whole
