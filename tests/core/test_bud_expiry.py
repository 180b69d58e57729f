"""The beyond-use date is never later than the earliest expiry of a component (USP <795>)."""

from __future__ import annotations

import datetime as dt

import pytest

from ldn_desk.errors import InputError
from ldn_desk.recipes.bud import ComponentExpiry, limit_to_expiry, parse_expiry, usp_bud
from ldn_desk.recipes.capsules.recipe import CapsuleInput, make_capsules
from ldn_desk.units.quantity import Quantity

MADE = dt.date(2026, 3, 1)


def test_the_earliest_expiry_sets_the_date_and_says_which() -> None:
    # Solid, USP <795>: 180 days with 1 March 2026 as Day 1 ends on 27 August 2026.
    bud = usp_bud(MADE, "solid")
    assert bud.date == dt.date(2026, 8, 27)
    components = (
        ComponentExpiry("Naltrexone HCl powder", dt.date(2027, 1, 31), lot="NP-1"),
        ComponentExpiry("Microcrystalline cellulose", dt.date(2026, 6, 30), lot="MC-77"),
    )
    limited = limit_to_expiry(bud, MADE, components)
    # 1 March to 30 June 2026 counted with 1 March as Day 1: 31 + 30 + 31 + 30 = 122 days.
    assert (limited.date, limited.days) == (dt.date(2026, 6, 30), 122)
    assert limited.limited_by == "Microcrystalline cellulose, lot MC-77"
    assert limited.basis.startswith("Earliest expiry of a component: Microcrystalline cellulose, lot MC-77")
    assert "27 August 2026" in limited.basis
    assert limited.storage == bud.storage


def test_expiries_after_the_date_change_nothing() -> None:
    bud = usp_bud(MADE, "aqueous_unpreserved")  # 14 March 2026
    assert limit_to_expiry(bud, MADE, [ComponentExpiry("Water", dt.date(2026, 3, 14))]) is bud
    assert limit_to_expiry(bud, MADE, []) is bud


def test_a_component_expiring_on_the_day_of_compounding_gives_one_day() -> None:
    limited = limit_to_expiry(usp_bud(MADE, "solid"), MADE, [ComponentExpiry("Gelatin shells", MADE)])
    assert (limited.date, limited.days) == (MADE, 1)


def test_an_expired_component_is_refused() -> None:
    with pytest.raises(InputError, match=r"^expiry: \"2026-02-28\" — of Lactose, lot L-9 is before the day"):
        limit_to_expiry(
            usp_bud(MADE, "solid"), MADE, [ComponentExpiry("Lactose", dt.date(2026, 2, 28), "L-9")]
        )


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("2027-03-31", dt.date(2027, 3, 31)),
        ("2027-03", dt.date(2027, 3, 31)),
        ("2026-02", dt.date(2026, 2, 28)),
    ],
)
def test_expiry_as_printed_on_the_container(text: str, date: dt.date) -> None:
    assert parse_expiry(text) == date


def test_capsule_steps_and_alerts_carry_the_shortened_date() -> None:
    expiring = ComponentExpiry("Microcrystalline cellulose", dt.date(2026, 6, 30))
    recipe = make_capsules(CapsuleInput(Quantity(1.5, "mg"), 30, MADE, expiries=(expiring,)))
    assert recipe.bud.date == dt.date(2026, 6, 30)
    (label_step,) = [step for step in recipe.steps if "do not use after" in step]
    assert label_step.startswith("Label: do not use after 30 June 2026 — Earliest expiry of a component")
    assert any("Microcrystalline cellulose expires then" in alert.text for alert in recipe.alerts)
