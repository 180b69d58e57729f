"""A recipe's input and results as versioned plain data read back exactly; older records' options too."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any

import pytest

from ldn_desk.errors import InputError
from ldn_desk.recipes.bud import ComponentExpiry
from ldn_desk.recipes.capsules.recipe import CapsuleInput, make_capsules
from ldn_desk.recipes.legacy import differences_from_older, input_from_options
from ldn_desk.recipes.liquid.recipe import LiquidInput, make_liquid
from ldn_desk.recipes.records import (
    MISSING,
    RecordDataError,
    differences,
    input_data,
    input_from_data,
    make_recipe,
    recipe_data,
    recipe_from_data,
)
from ldn_desk.units.quantity import Quantity

MADE = dt.date(2026, 12, 1)

LIQUIDS = [
    # LDN Research Trust: 1 mg/mL, 100 mL from two 50 mg tablets.
    LiquidInput(Quantity(1, "mg/mL"), Quantity(100, "mL"), MADE),
    # 0.1 mg/mL is made by serial dilution of a stock (DOMAIN.md §4), not one tablet in 500 mL.
    LiquidInput(Quantity(0.1, "mg/mL"), Quantity(30, "mL"), MADE),
    # The preserved Fawcett 1997 formula carries its study's date.
    LiquidInput(Quantity(1, "mg/mL"), Quantity(150, "mL"), MADE, formula="fawcett_1997"),
    # 0.1 + 0.2 mg/mL is not exactly 0.3 in binary: every digit must come back.
    LiquidInput(Quantity(0.1 + 0.2, "mg/mL"), Quantity(60, "mL"), MADE, source="powder",
                potency_percent=99.3, water_percent=0.7, powder_salt="base"),
]  # fmt: skip
CAPSULES = [
    CapsuleInput(Quantity(1.5, "mg"), 30, MADE),
    # 30 × 0.5 mg = 15 mg of drug, under the 120 mg MWQ (DOMAIN.md §5): the aliquot method.
    CapsuleInput(Quantity(0.5, "mg"), 30, MADE, size="3"),
    CapsuleInput(Quantity(0.5, "mg"), 60, MADE, size="3", excipient="mcc", extra=2,
                 calibrated_fill=Quantity(92.3, "mg"), potency_percent=99.5, water_percent=0.5),
    CapsuleInput(Quantity(4.5, "mg"), 90, MADE, drug_density=Quantity(0.45, "g/mL"), salt="base"),
]  # fmt: skip


def stored(data: dict[str, Any]) -> Any:
    """What the log gives back: the data through JSON, as the store keeps it."""
    return json.loads(json.dumps(data, allow_nan=False))


@pytest.mark.parametrize("inp", [*LIQUIDS, *CAPSULES])
def test_an_input_reads_back_exactly_and_gives_the_same_recipe(inp: Any) -> None:
    data = stored(input_data(inp))
    assert input_from_data(data) == inp
    assert make_recipe(input_from_data(data)) == make_recipe(inp)
    assert all(not isinstance(value, dict | list) for value in data.values())  # flat plain data


def test_the_input_data_names_its_format_kind_and_units() -> None:
    data = input_data(LIQUIDS[3])
    assert (data["format"], data["kind"]) == (1, "liquid")
    assert data["strength_mg_per_ml"] == 0.1 + 0.2 and data["volume_ml"] == 60
    assert data["compounded"] == "2026-12-01" and data["powder_salt"] == "base"
    capsule = input_data(CAPSULES[2])
    assert capsule["kind"] == "capsules" and capsule["calibrated_fill_mg"] == 92.3
    assert capsule["drug_density_g_per_ml"] is None and capsule["count"] == 60


@pytest.mark.parametrize("inp", [*LIQUIDS, *CAPSULES])
def test_a_recipe_reads_back_exactly_without_being_worked_out_again(
    inp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    recipe = make_recipe(inp)
    data = stored(recipe_data(recipe))
    assert data["format"] == 1 and data["bud"]["date"] == recipe.bud.date.isoformat()
    import ldn_desk.recipes.records as records

    def never(_inp: Any) -> Any:
        raise AssertionError("a saved recipe is read, not calculated")

    monkeypatch.setattr(records, "make_liquid", never)
    monkeypatch.setattr(records, "make_capsules", never)
    assert recipe_from_data(data) == recipe


def test_the_parts_of_a_recipe_keep_their_types() -> None:
    dilution = make_liquid(LIQUIDS[1])
    again = recipe_from_data(stored(recipe_data(dilution)))
    assert dilution.dilution is not None and again.dilution == dilution.dilution
    aliquot = make_capsules(CAPSULES[1])
    again_capsules = recipe_from_data(stored(recipe_data(aliquot)))
    assert aliquot.aliquot is not None and again_capsules.aliquot == aliquot.aliquot
    assert [alert.level for alert in again_capsules.alerts] == [alert.level for alert in aliquot.alerts]


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"format": 2}, "newer LDN Desk"),
        ({"format": None}, "no format number"),
        ({"kind": "cream"}, "kind"),
        ({"colour": "red"}, "colour, unknown"),
        ({"volume_ml": "100 mL"}, "not a number"),
        ({"compounded": "1 Dec"}, "not a date"),
    ],
)
def test_inputs_that_cannot_be_read_back_are_refused_plainly(change: dict[str, Any], words: str) -> None:
    data = {**input_data(LIQUIDS[0]), **change}
    with pytest.raises(RecordDataError, match=words):
        input_from_data(data)


def test_a_missing_required_input_is_refused_and_the_inputs_own_checks_still_apply() -> None:
    data = input_data(LIQUIDS[0])
    del data["volume_ml"]
    with pytest.raises(RecordDataError, match="lack volume_ml"):
        input_from_data(data)
    with pytest.raises(InputError, match="strength"):
        input_from_data({**input_data(LIQUIDS[0]), "strength_mg_per_ml": 0})


def test_results_that_do_not_fit_the_recipe_are_refused_plainly() -> None:
    data = recipe_data(make_liquid(LIQUIDS[0]))
    with pytest.raises(RecordDataError, match=r"bud\.days"):
        recipe_from_data({**data, "bud": {**data["bud"], "days": "fourteen"}})
    with pytest.raises(RecordDataError, match="unknown fields"):
        recipe_from_data({**data, "extra_field": 1})


def test_differences_name_each_field_and_both_values() -> None:
    saved = recipe_data(make_liquid(LIQUIDS[0]))
    # USP <795> aqueous, not preserved: 14 days; pretend a change made it 30: 1 Dec (Day 1) → 30 Dec.
    now = {**saved, "bud": {**saved["bud"], "days": 30, "date": "2026-12-30"}, "tablets": 3}
    found = {difference.label: difference.texts() for difference in differences(saved, now)}
    assert found == {
        "tablets": ("2", "3"),
        "BUD › date": ("“2026-12-14”", "“2026-12-30”"),
        "BUD › days": ("14", "30"),
    }
    assert differences(saved, stored(saved)) == []
    # A difference past the digits shown is still shown, in full.
    noisy = {**saved, "naltrexone_hcl_mg": 100.00000000000001}
    (difference,) = differences(saved, noisy)
    assert difference.label == "naltrexone HCl (mg)" and "100.00000000000001" in str(difference)


def test_a_list_that_grew_is_a_difference_not_a_crash() -> None:
    saved = recipe_data(make_liquid(LIQUIDS[0]))
    now = {**saved, "steps": [*saved["steps"], "An extra step."]}
    (difference,) = differences(saved, now)
    assert difference.label == f"steps › {len(saved['steps']) + 1}"
    assert (difference.saved, difference.now) == (MISSING, "An extra step.")
    assert str(difference).endswith("(not there) saved, “An extra step.” now")


# -- records saved before the data carried a format ----------------------------------------------

# The options as the program then saved them: text as typed, None for an option left out.
OLD_LIQUID = {"strength": "1 mg/mL", "volume": "100 mL", "compounded": "2026-12-01", "source": "tablets",
              "tablet_strength": None, "formula": "water", "potency": None, "water": None, "salt": "HCl",
              "balance_mwq": None}  # fmt: skip
OLD_CAPSULES = {"strength": "0.5 mg", "count": "60", "size": "3", "excipient": "mcc", "extra": "2",
                "calibrated_fill": "92.3 mg", "drug_density": None, "potency": "99.5 %", "water": "0.5 %",
                "salt": "hcl", "balance_mwq": "120 mg", "compounded": "2026-12-01"}  # fmt: skip


def test_an_older_records_options_are_read_with_the_strict_parser() -> None:
    assert input_from_options("liquid", OLD_LIQUID) == LIQUIDS[0]
    assert input_from_options("capsules", OLD_CAPSULES) == CAPSULES[2]


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"strength": "1,5 mg/mL"}, "use a decimal point"),
        ({"volume": ".5 L"}, "leading zero"),
        ({"volume": "100 cc"}, "write mL"),
        ({"colour": "red"}, "not options of this recipe"),
        ({"volume": None}, "saved option volume"),
    ],
)
def test_an_older_records_options_that_cannot_be_read_are_refused(change: dict[str, Any], words: str) -> None:
    with pytest.raises(InputError, match=words):
        input_from_options("liquid", {**OLD_LIQUID, **change})


def test_older_results_are_compared_on_the_fields_they_hold() -> None:
    now = recipe_data(make_liquid(LIQUIDS[0]))
    # The command's JSON of then: numbers to 6 decimals, the BUD under its own names, text forms beside.
    older = {"tablets": 2, "naltrexone_hcl_mg": 100.0, "naltrexone_hcl_mg_text": "100 mg", "bud": "2026-12-14",
             "bud_days": 14, "steps": list(now["steps"]), "warnings": []}  # fmt: skip
    assert differences_from_older(older, now) == []
    # 100.0000004 was kept as 100.0 (6 decimals): not a difference; a BUD of 30 days is.
    assert differences_from_older(older, {**now, "naltrexone_hcl_mg": 100.0000004}) == []
    (difference,) = differences_from_older({**older, "bud_days": 30}, now)
    assert (difference.label, difference.texts()) == ("BUD days", ("30", "14"))


# Components' expiries cut the BUD short (USP <795>: never later than the earliest expiry).
TABLETS_EXPIRE = ComponentExpiry("Naltrexone HCl 50 mg tablets", dt.date(2026, 12, 10), lot="NX-2291")
FILLER_EXPIRES = ComponentExpiry("Microcrystalline cellulose", dt.date(2027, 3, 31))
WITH_EXPIRIES = [
    # 14-day aqueous BUD from 1 December 2026 (Day 1) is 14 December; the tablets expire on the
    # 10th: 10 December 2026, day 10.
    (LiquidInput(Quantity(1, "mg/mL"), Quantity(100, "mL"), MADE, expiries=(TABLETS_EXPIRE,)),
     dt.date(2026, 12, 10), 10),
    # 180-day solid BUD from 1 December 2026 is 29 May 2027 (30 + 31 + 28 + 31 + 30 + 29 = 179 days
    # after day 1); the filler expires on 31 March 2027: 30 + 31 + 28 + 31 = 120 days after, day 121.
    (CapsuleInput(Quantity(1.5, "mg"), 30, MADE, expiries=(FILLER_EXPIRES, ComponentExpiry(
        "Naltrexone HCl powder", dt.date(2027, 6, 30), lot="API-5"))), dt.date(2027, 3, 31), 121),
]  # fmt: skip


@pytest.mark.parametrize(("inp", "bud", "days"), WITH_EXPIRIES)
def test_component_expiries_are_kept_so_a_record_recalculates_with_them(
    inp: Any, bud: dt.date, days: int
) -> None:
    data = stored(input_data(inp))
    assert input_from_data(data) == inp
    again = make_recipe(input_from_data(data))
    assert (again.bud.date, again.bud.days) == (bud, days) and again.bud.limited_by
    assert again == make_recipe(inp)
    assert recipe_from_data(stored(recipe_data(again))) == again
    # Without them the preparation would keep its own, later date: dropping them would change the BUD.
    assert make_recipe(dataclasses.replace(inp, expiries=())).bud.date > bud


@pytest.mark.parametrize("inp", [*LIQUIDS, *CAPSULES])
def test_a_record_without_expiries_is_written_and_compared_as_before(inp: Any) -> None:
    assert "expiries" not in input_data(inp)
    saved = recipe_data(make_recipe(inp))
    assert "limited_by" not in saved["bud"]
    # Results saved before expiries were kept hold no such fields and still agree with today's.
    assert differences(saved, recipe_data(make_recipe(input_from_data(input_data(inp))))) == []


@pytest.mark.parametrize(
    "expiries",
    [
        [{"name": "Water", "expiry": "soon"}],
        [{"name": "Water", "expiry": "2027-01-31", "colour": "red"}],
        "Water",
    ],
)
def test_expiries_that_cannot_be_read_back_are_refused_plainly(expiries: Any) -> None:
    data = {**input_data(LIQUIDS[0]), "expiries": expiries}
    with pytest.raises(RecordDataError, match="expiries"):
        input_from_data(data)


def test_what_a_raised_batch_dispenses_is_kept_and_an_older_record_dispensed_its_batch() -> None:
    # 0.25 mg/mL x 37 mL: 40 mL made (10 mL of stock on the 10 mL syringe's marks), 37 mL dispensed.
    made = make_liquid(LiquidInput(Quantity(0.25, "mg/mL"), Quantity(37, "mL"), MADE))
    saved = recipe_data(made)
    assert (saved["batch_volume_ml"], saved["dispensed_volume_ml"]) == (40, 37)
    assert recipe_from_data(saved) == made
    # A record saved before the field was kept labelled and dispensed its whole batch.
    older = {key: value for key, value in saved.items() if key != "dispensed_volume_ml"}
    read = recipe_from_data(older)
    assert (read.dispensed_ml, read.surplus_ml) == (40, 0)  # type: ignore[union-attr]
    # A batch that dispenses all it makes is saved as before: no new key, so older records of such a
    # batch recalculate without a difference.
    whole = recipe_data(make_liquid(LiquidInput(Quantity(1, "mg/mL"), Quantity(100, "mL"), MADE)))
    assert "dispensed_volume_ml" not in whole
