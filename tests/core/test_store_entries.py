"""Log entries: a recipe input written as command options reads back as the very same recipe."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from ldn_desk.recipes.capsules.recipe import CapsuleInput, make_capsules
from ldn_desk.recipes.liquid.recipe import LiquidInput, make_liquid
from ldn_desk.store import entries
from ldn_desk.units.quantity import Quantity

MADE = dt.date(2026, 12, 1)


@pytest.mark.parametrize(
    "inp",
    [
        LiquidInput(Quantity(1, "mg/mL"), Quantity(100, "mL"), MADE),
        # 0.1 + 0.2 mg/mL is not exactly 0.3 in binary: the options must carry every digit.
        LiquidInput(Quantity(0.1 + 0.2, "mg/mL"), Quantity(60, "mL"), MADE, source="powder",
                    potency_percent=99.3, water_percent=0.7, powder_salt="base"),
    ],
)  # fmt: skip
def test_liquid_input_round_trips_through_the_options(inp: Any) -> None:
    options = entries.options_from_input("liquid", inp)
    assert all(value is None or isinstance(value, str) for value in options.values())
    assert entries.recipe_from_options("liquid", options) == make_liquid(inp)


@pytest.mark.parametrize(
    "inp",
    [
        CapsuleInput(Quantity(1.5, "mg"), 30, MADE),
        CapsuleInput(Quantity(0.5, "mg"), 60, MADE, size="3", excipient="mcc", extra=2,
                     calibrated_fill=Quantity(92.3, "mg"), potency_percent=99.5, water_percent=0.5),
        CapsuleInput(Quantity(4.5, "mg"), 90, MADE, drug_density=Quantity(0.45, "g/mL"), salt="base"),
    ],
)  # fmt: skip
def test_capsule_input_round_trips_through_the_options(inp: Any) -> None:
    options = entries.options_from_input("capsules", inp)
    assert entries.recipe_from_options("capsules", options) == make_capsules(inp)


def test_new_record_keeps_the_options_and_the_date_and_refuses_unknown_ones() -> None:
    from ldn_desk.errors import InputError

    inp = LiquidInput(Quantity(1, "mg/mL"), Quantity(100, "mL"), MADE)
    new = entries.new_record(
        "liquid", entries.options_from_input("liquid", inp), patient="Test Patient", rx_number="RX-1",
        compounded_by="A. Pharmacist", document={"pharmacy": "Riverside Pharmacy", "paper": "a4"},
    )  # fmt: skip
    # USP <795>: aqueous, not preserved: 14 days; made 1 December 2026 (Day 1) -> 14 December 2026.
    assert (new.compounded_on, new.bud) == (MADE, dt.date(2026, 12, 14))
    assert new.inputs["compounded"] == "2026-12-01" and new.results["tablets"] == 2
    with pytest.raises(InputError, match="recipe options"):
        entries.new_record("liquid", {"strength": "1 mg/mL", "colour": "red"}, patient="P", rx_number="R",
                           compounded_by="C", document={"pharmacy": "X"})  # fmt: skip
