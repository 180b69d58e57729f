"""Dose to volume: worked examples, float noise, the nearest measurable volumes, bad input."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from ldn_desk.errors import DoseRangeError, InputError
from ldn_desk.recipes.dose_range import Level
from ldn_desk.recipes.dosing import (
    DoseVolume,
    NearestVolume,
    Syringe,
    default_syringes,
    dose_to_volume,
    syringe_measures,
)
from ldn_desk.units.dose_text import round_volume_ml
from ldn_desk.units.quantity import Amount, Quantity


def mg(value: float) -> Amount:
    return Quantity(value, "mg")


def mg_per_ml(value: float) -> Amount:
    return Quantity(value, "mg/mL")


ONE_ML = Syringe(1, 0.01)
THREE_ML = Syringe(3, 0.1)
FIVE_ML_FINE = Syringe(5, 0.1)
FIVE_ML = Syringe(5, 0.2)
TEN_ML = Syringe(10, 0.2)
# The set before the 5 mL syringe with 0.1 mL marks was added: 4.5 mL cannot be measured on it.
COARSE = (ONE_ML, THREE_ML, FIVE_ML, TEN_ML)


# --- the syringes -----------------------------------------------------------------------------


def test_default_syringes_are_the_typical_set_smallest_first() -> None:
    # Typical graduations (ISMP): 1 mL by 0.01 mL, 3 mL by 0.1 mL, 5 mL by 0.1 mL and by 0.2 mL,
    # 10 mL by 0.2 mL; of two the same size, the finer marks first.
    assert default_syringes() == (ONE_ML, THREE_ML, FIVE_ML_FINE, FIVE_ML, TEN_ML)
    assert default_syringes() is default_syringes()  # read once


def test_labels_use_safe_dose_text() -> None:
    assert ONE_ML.label == "1 mL syringe (0.01 mL marks)"
    assert THREE_ML.label == "3 mL syringe (0.1 mL marks)"
    assert str(Syringe(0.5, 0.01)) == "0.5 mL syringe (0.01 mL marks)"  # leading zero


@pytest.mark.parametrize(
    ("capacity", "graduation", "field", "problem"),
    [
        (1, 0.3, "graduation", "does not divide"),  # 1 / 0.3 = 3.33 marks
        (5, 0.3, "graduation", "does not divide"),  # 5 / 0.3 = 16.7 marks
        (1, 2, "graduation", "larger than"),
        (0, 0.1, "syringe size", "more than zero"),
        (-3, 0.1, "syringe size", "more than zero"),
        (3, float("nan"), "graduation", "finite"),
        (float("inf"), 0.1, "syringe size", "finite"),
        (1, 0.005, "graduation", "0.01 mL"),  # would be written "0.01 mL": not its real size
        (1.25, 0.05, "syringe size", "0.1 mL"),  # would be written "1.3 mL"
        (1000, 0.01, "graduation", "marks"),  # 100,000 marks is no oral syringe
    ],
)
def test_a_syringe_that_cannot_exist_is_refused(
    capacity: float, graduation: float, field: str, problem: str
) -> None:
    with pytest.raises(InputError) as caught:
        Syringe(capacity, graduation)
    assert caught.value.field == field
    assert problem in str(caught.value)


@pytest.mark.parametrize("bad", [True, "3", None])
def test_a_syringe_needs_numbers(bad: object) -> None:
    with pytest.raises(InputError):
        Syringe(bad, 0.1)  # type: ignore[arg-type]


def test_a_syringe_holds_floats_even_from_whole_numbers() -> None:
    syringe = Syringe(3, 1)
    assert isinstance(syringe.capacity_ml, float)
    assert isinstance(syringe.graduation_ml, float)


# --- measurable on one syringe ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("syringe", "volume_ml", "measurable"),
    [
        (THREE_ML, 0.3, True),  # 0.3 / 0.1 = 2.9999999999999996 in floats: 3 marks
        (ONE_ML, 0.07, True),  # 0.07 / 0.01 = 7.000000000000001: 7 marks
        (Syringe(1, 0.1), 0.7, True),  # 0.7 / 0.1 = 6.999999999999999: 7 marks
        (THREE_ML, 0.1 + 0.2, True),  # 0.30000000000000004 is still 3 marks
        (ONE_ML, 0.305, False),  # 30.5 marks
        (THREE_ML, 0.35, False),  # 3.5 marks
        (FIVE_ML, 4.5, False),  # 4.5 / 0.2 = 22.5 marks
        (FIVE_ML, 4.4, True),  # 22 marks
        (ONE_ML, 1.0, True),  # the whole syringe: 100 marks
        (ONE_ML, 1.01, False),  # 101 marks, but more than it holds
        (THREE_ML, 3.0000000001, True),  # float noise at the capacity
        (ONE_ML, 0.001, False),  # a tenth of a mark
        (ONE_ML, 0.0, False),  # nothing to measure
        (ONE_ML, -0.5, False),
        (ONE_ML, float("nan"), False),
    ],
)
def test_syringe_measures(syringe: Syringe, volume_ml: float, measurable: bool) -> None:
    assert syringe_measures(syringe, volume_ml) is measurable


# --- worked examples --------------------------------------------------------------------------


def test_1_5_mg_at_1_mg_per_ml_is_1_5_ml_on_the_3_ml_syringe() -> None:
    # 1.5 mg ÷ 1 mg/mL = 1.5 mL. The 1 mL syringe holds too little; on the 3 mL syringe
    # 1.5 ÷ 0.1 = 15 whole marks.
    result = dose_to_volume(mg(1.5), mg_per_ml(1))
    assert result.volume_ml == pytest.approx(1.5)
    assert result.volume_text == "1.5 mL"
    assert result.syringe == THREE_ML
    assert result.measurable
    assert result.nearest == ()
    assert result.alerts == ()


def test_0_5_mg_at_1_mg_per_ml_is_0_5_ml_on_the_1_ml_syringe() -> None:
    # 0.5 mg ÷ 1 mg/mL = 0.5 mL = 50 marks of 0.01 mL on the 1 mL syringe.
    result = dose_to_volume(mg(0.5), mg_per_ml(1))
    assert (result.volume_text, result.syringe, result.measurable) == ("0.5 mL", ONE_ML, True)


def test_0_25_mg_at_1_mg_per_ml_is_0_25_ml_on_the_1_ml_syringe() -> None:
    # 0.25 mg ÷ 1 mg/mL = 0.25 mL = 25 marks of 0.01 mL.
    result = dose_to_volume(mg(0.25), mg_per_ml(1))
    assert (result.volume_text, result.syringe) == ("0.25 mL", ONE_ML)


def test_4_5_mg_at_1_mg_per_ml_is_not_measurable_on_coarse_syringes() -> None:
    # 4.5 mg ÷ 1 mg/mL = 4.5 mL. Too much for the 1 mL and 3 mL syringes; on the 5 mL and
    # 10 mL syringes (0.2 mL marks) 4.5 ÷ 0.2 = 22.5 marks, not whole. Nearest: 22 marks =
    # 4.4 mL (× 1 mg/mL = 4.4 mg) and 23 marks = 4.6 mL (4.6 mg), on the smaller, 5 mL syringe.
    result = dose_to_volume(mg(4.5), mg_per_ml(1), COARSE)
    assert result.volume_text == "4.5 mL"
    assert not result.measurable
    assert result.syringe is None
    assert [(n.volume_text, n.dose_text, n.syringe) for n in result.nearest] == [
        ("4.4 mL", "4.4 mg", FIVE_ML),
        ("4.6 mL", "4.6 mg", FIVE_ML),
    ]
    [alert] = result.alerts
    assert alert.level is Level.WARNING
    assert "not a whole number of marks" in alert.text
    assert "4.4 mL (4.4 mg) or 4.6 mL (4.6 mg) on the 5 mL syringe (0.2 mL marks)" in alert.text


def test_4_5_mg_is_measurable_on_a_5_ml_syringe_with_0_1_ml_marks() -> None:
    # 4.5 mL ÷ 0.1 mL = 45 whole marks; 5 mL holds it. In the default set too.
    for pool in ([*COARSE, Syringe(5, 0.1)], None):
        result = dose_to_volume(mg(4.5), mg_per_ml(1), pool)
        assert result.measurable
        assert result.syringe == Syringe(5, 0.1)


@pytest.mark.parametrize("pool", [(FIVE_ML, FIVE_ML_FINE), (FIVE_ML_FINE, FIVE_ML), None])
def test_of_two_syringes_that_both_measure_a_volume_the_finer_marks_win(
    pool: tuple[Syringe, ...] | None,
) -> None:
    # 4.4 mL is 22 marks of 0.2 mL and 44 marks of 0.1 mL: both 5 mL syringes measure it; the
    # 0.1 mL marks are chosen whatever the order given.
    result = dose_to_volume(mg(4.4), mg_per_ml(1), pool)
    assert result.syringe == FIVE_ML_FINE


def test_a_third_of_a_ml_gives_the_hundredths_either_side() -> None:
    # 1 mg ÷ 3 mg/mL = 0.333… mL, not whole hundredths. 33 marks = 0.33 mL × 3 mg/mL = 0.99 mg;
    # 34 marks = 0.34 mL × 3 mg/mL = 1.02 mg.
    result = dose_to_volume(mg(1), mg_per_ml(3))
    # Written as calculated: "0.33 mL", the rounded text, would read as 0.33 mL = 0.99 mg.
    assert result.volume_text == "0.333 mL"
    assert not result.measurable
    assert [(n.volume_ml, n.syringe) for n in result.nearest] == [(0.33, ONE_ML), (0.34, ONE_ML)]
    assert [n.dose_mg for n in result.nearest] == pytest.approx([0.99, 1.02])
    assert "0.333 mL" in result.alerts[0].text


def test_float_noise_does_not_make_a_dose_unmeasurable() -> None:
    # 0.3 mg ÷ 1 mg/mL = 0.3 mL = 3 marks of 0.1 mL (the float quotient is 2.9999999999999996).
    assert dose_to_volume(mg(0.3), mg_per_ml(1), [THREE_ML]).syringe == THREE_ML
    # 0.07 mg ÷ 1 mg/mL = 0.07 mL = 7 marks of 0.01 mL (float quotient 7.000000000000001).
    assert dose_to_volume(mg(0.07), mg_per_ml(1)).syringe == ONE_ML
    # 0.7 mg ÷ 2 mg/mL = 0.35 mL = 35 marks of 0.01 mL.
    assert dose_to_volume(mg(0.7), mg_per_ml(2)).syringe == ONE_ML


def test_the_full_10_ml_syringe_still_measures() -> None:
    # 4.5 mg ÷ 0.5 mg/mL = 9 mL = 45 marks of 0.2 mL; 5 mL is too small, 10 mL holds it.
    assert dose_to_volume(mg(4.5), mg_per_ml(0.5)).syringe == TEN_ML
    # 3 mg ÷ 1 mg/mL = 3 mL: exactly the 3 mL syringe's capacity (30 marks).
    assert dose_to_volume(mg(3), mg_per_ml(1)).syringe == THREE_ML


def test_more_than_the_largest_syringe_needs_more_than_one_draw() -> None:
    # 4.5 mg ÷ 0.1 mg/mL = 45 mL, more than the 10 mL syringe holds.
    result = dose_to_volume(mg(4.5), mg_per_ml(0.1))
    assert result.volume_text == "45 mL"
    assert not result.measurable
    assert result.nearest == ()  # any one-draw volume would be a quarter of the dose or less
    [alert] = result.alerts
    assert alert.level is Level.WARNING
    assert "more than one draw" in alert.text
    assert "10 mL" in alert.text


def test_less_than_one_mark_cannot_be_measured() -> None:
    # 0.05 mg ÷ 10 mg/mL = 0.005 mL, half of the finest mark (0.01 mL). One mark would give
    # 0.01 mL × 10 mg/mL = 0.1 mg, twice the dose.
    result = dose_to_volume(mg(0.05), mg_per_ml(10))
    assert not result.measurable
    assert [(n.volume_text, n.dose_text) for n in result.nearest] == [("0.01 mL", "0.1 mg")]
    alert = result.alerts[-1]
    assert "less than one mark (0.01 mL)" in alert.text
    assert "0.005 mL" in alert.text


def test_a_volume_the_rounding_rule_cannot_write_is_not_offered() -> None:
    # 1.25 mg ÷ 1 mg/mL = 1.25 mL is 25 marks on a 3 mL syringe with 0.05 mL marks, but from
    # Volumes from 1 mL are written to the tenth, so a direction would say 1.3 mL.
    result = dose_to_volume(mg(1.25), mg_per_ml(1), [Syringe(3, 0.05)])
    assert not result.measurable
    assert [n.volume_text for n in result.nearest] == ["1.2 mL", "1.3 mL"]
    assert "written to the tenth" in result.alerts[0].text
    # 0.85 mL is 17 marks of 0.05 mL and is written exactly: measurable on the same syringe.
    assert dose_to_volume(mg(0.85), mg_per_ml(1), [Syringe(3, 0.05)]).measurable


def test_the_smallest_syringe_wins_whatever_order_the_set_is_given_in() -> None:
    # 0.6 mL: 60 marks on the 1 mL syringe and 6 marks on the 3 mL one; the 1 mL is chosen.
    result = dose_to_volume(mg(0.6), mg_per_ml(1), [TEN_ML, THREE_ML, ONE_ML])
    assert result.syringe == ONE_ML


def test_dose_range_alerts_are_carried_and_the_hard_limit_refused() -> None:
    # 5 mg is above the usual 4.5 mg target: a caution; 5 mL = 50 marks of 0.1 mL.
    result = dose_to_volume(mg(5), mg_per_ml(1))
    assert result.syringe == FIVE_ML_FINE
    assert [alert.level for alert in result.alerts] == [Level.CAUTION]
    with pytest.raises(DoseRangeError):
        dose_to_volume(mg(12), mg_per_ml(1))
    # 12 mg ÷ 2 mg/mL = 6 mL = 30 marks on the 10 mL syringe, once the override is explicit.
    allowed = dose_to_volume(mg(12), mg_per_ml(2), allow_high=True)
    assert allowed.syringe == TEN_ML
    assert allowed.alerts[0].level is Level.WARNING


# --- bad input --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("dose", "strength", "field"),
    [
        (Quantity(1.5, "mL"), mg_per_ml(1), "dose"),
        (mg(1.5), mg(1), "strength"),
        (mg(1.5), mg_per_ml(0), "strength"),
        (mg(1.5), mg_per_ml(-1), "strength"),
        (mg(0), mg_per_ml(1), "dose"),
        (mg(float("nan")), mg_per_ml(1), "dose"),
        (1.5, mg_per_ml(1), "dose"),
    ],
)
def test_wrong_amounts_are_refused_by_field(dose: object, strength: object, field: str) -> None:
    with pytest.raises(InputError) as caught:
        dose_to_volume(dose, strength)  # type: ignore[arg-type]
    assert caught.value.field == field


def test_an_empty_or_wrong_syringe_set_is_refused() -> None:
    with pytest.raises(InputError, match="at least one syringe"):
        dose_to_volume(mg(1), mg_per_ml(1), [])
    with pytest.raises(InputError, match="Syringe"):
        dose_to_volume(mg(1), mg_per_ml(1), [(3, 0.1)])  # type: ignore[list-item]


def test_a_result_cannot_claim_a_syringe_it_does_not_name() -> None:
    with pytest.raises(ValueError):
        DoseVolume(1.0, 1.0, 1.0, "1 mL", None, True, (), ())
    with pytest.raises(ValueError):
        DoseVolume(1.0, 1.0, 1.0, "1 mL", ONE_ML, True, (NearestVolume(0.9, 0.9, ONE_ML),), ())


# --- properties -------------------------------------------------------------------------------

_TYPICAL = [
    Syringe(capacity, graduation)
    for capacity, graduation in [
        (0.5, 0.01),
        (1, 0.01),
        (1, 0.05),
        (1, 0.1),
        (3, 0.1),
        (3, 0.05),
        (5, 0.1),
        (5, 0.2),
        (10, 0.2),
        (10, 0.5),
        (20, 1),
    ]
]

syringe_sets = st.lists(st.sampled_from(_TYPICAL), min_size=1, max_size=5, unique=True)
doses_mg = st.integers(min_value=5, max_value=1000).map(lambda n: n / 100)  # 0.05 to 10 mg
strengths = st.sampled_from([0.1, 0.2, 0.25, 0.5, 1, 1.5, 2, 2.5, 3, 4.5, 5, 10])


def _whole_marks(volume_ml: float, graduation_ml: float) -> bool:
    # Decimal from the shortest repr, so the check does not share the module's float tolerance.
    marks = Decimal(repr(round(volume_ml, 9))) / Decimal(repr(graduation_ml))
    return marks == marks.to_integral_value() and marks >= 1


@given(doses_mg, strengths, syringe_sets)
@example(1.25, 1, [Syringe(3, 0.05)])  # whole marks, but "1.3 mL" in writing
@example(0.3, 1, [THREE_ML, ONE_ML])  # float noise: 0.3 / 0.1
def test_a_measurable_volume_is_whole_marks_on_the_smallest_syringe_that_holds_it(
    dose_mg: float, strength: float, syringes: list[Syringe]
) -> None:
    result = dose_to_volume(mg(dose_mg), mg_per_ml(strength), syringes, allow_high=True)
    if result.measurable:
        assert result.syringe is not None
        assert result.syringe in syringes
        assert _whole_marks(result.volume_ml, result.syringe.graduation_ml)
        assert result.volume_ml <= result.syringe.capacity_ml + 1e-9
        assert abs(round_volume_ml(result.volume_ml) - result.volume_ml) < 1e-9  # the text is exact
        smaller = [s for s in syringes if s.capacity_ml < result.syringe.capacity_ml]
        assert not any(syringe_measures(s, result.volume_ml) for s in smaller)
        assert result.nearest == ()
    else:
        assert result.syringe is None
        assert result.alerts[-1].level is Level.WARNING


@given(doses_mg, strengths, syringe_sets)
def test_nearest_volumes_are_measurable_and_straddle_the_dose(
    dose_mg: float, strength: float, syringes: list[Syringe]
) -> None:
    result = dose_to_volume(mg(dose_mg), mg_per_ml(strength), syringes, allow_high=True)
    volumes = [option.volume_ml for option in result.nearest]
    assert volumes == sorted(volumes)
    for option in result.nearest:
        assert option.syringe in syringes
        assert syringe_measures(option.syringe, option.volume_ml)
        assert _whole_marks(option.volume_ml, option.syringe.graduation_ml)
        assert option.dose_mg == pytest.approx(option.volume_ml * strength)
        assert option.volume_ml != pytest.approx(result.volume_ml)
    below = [v for v in volumes if v < result.volume_ml]
    above = [v for v in volumes if v > result.volume_ml]
    assert len(below) <= 1 and len(above) <= 1


@given(doses_mg, strengths, syringe_sets)
def test_nothing_measurable_lies_between_the_nearest_volumes(
    dose_mg: float, strength: float, syringes: list[Syringe]
) -> None:
    # Brute force over every mark of every syringe: no volume that is measurable and written
    # exactly (under 1 mL to the hundredth, from 1 mL to the tenth) is closer to the calculated volume than the offered ones.
    result = dose_to_volume(mg(dose_mg), mg_per_ml(strength), syringes, allow_high=True)
    if result.measurable or not result.nearest:
        return
    wanted = result.volume_ml
    below = next((n.volume_ml for n in result.nearest if n.volume_ml < wanted), None)
    above = next((n.volume_ml for n in result.nearest if n.volume_ml > wanted), None)
    for syringe in syringes:
        marks = round(syringe.capacity_ml / syringe.graduation_ml)
        for k in range(1, marks + 1):
            volume = round(k * syringe.graduation_ml, 9)
            if abs(round_volume_ml(volume) - volume) > 1e-9:
                continue
            if volume < wanted - 1e-9:
                assert below is not None and volume <= below + 1e-9, (syringe, volume)
            elif volume > wanted + 1e-9:
                assert above is not None and volume >= above - 1e-9, (syringe, volume)
