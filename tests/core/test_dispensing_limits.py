"""Fills that no batch can hold are refused on the liquid strength, never on a hidden field."""

from __future__ import annotations

import datetime as dt

import pytest

from ldn_desk.cli import main
from ldn_desk.errors import InputError
from ldn_desk.plans.dispensing import dispense_liquid
from ldn_desk.plans.titration import plan_from_protocol
from ldn_desk.units.quantity import Quantity


def test_a_very_dilute_liquid_is_refused_on_its_strength() -> None:
    # Standard plan, first fill days 1-14 at 1.5 mg a day = 21 mg; at 0.01 mg/mL that is
    # 21 / 0.01 = 2,100 mL, and 5 % overage 2,205 mL, over the 2,000 mL largest batch the liquid
    # recipe makes.
    plan = plan_from_protocol("standard", dt.date(2026, 12, 1))
    with pytest.raises(InputError) as refused:
        dispense_liquid(plan, Quantity(0.01, "mg/mL"))
    assert refused.value.field == "strength"
    assert "2205 mL" in str(refused.value)
    assert "stronger liquid" in str(refused.value)


def test_the_command_names_the_liquid_option(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        ["schedule", "--protocol", "standard", "--liquid", "0.01 mg/mL", "--start-date", "2026-12-01"]
    )
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith('ldn-desk: --liquid: "0.01 mg/mL"')
    assert err.count("\n") == 1


def test_a_dilute_but_workable_liquid_still_dispenses() -> None:
    # 0.1 mg/mL: the first fill is 21 mg / 0.1 mg/mL = 210 mL, within one batch.
    plan = plan_from_protocol("standard", dt.date(2026, 12, 1))
    supply = dispense_liquid(plan, Quantity(0.1, "mg/mL"))
    assert supply.fills[0].volume_ml == pytest.approx(210)
