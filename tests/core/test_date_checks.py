"""Dates that make sense: year-month-day with one-digit parts, no record of a batch not yet made,
no expired component, a plan length that warns when it stops the titration short."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from ldn_desk.cli import EXIT_BAD_INPUT
from ldn_desk.desk import Desk, FromProtocol, LiquidForm, PlanRequest, records
from ldn_desk.errors import InputError
from ldn_desk.recipes.bud import ComponentExpiry, parse_expiry
from ldn_desk.recipes.liquid.recipe import LiquidInput
from ldn_desk.units.dates import parse_date
from ldn_desk.units.quantity import Quantity
from tests.core.cli_support import cli_json, run_cli

TODAY = dt.date(2026, 12, 2)
LIQUID = LiquidInput(Quantity(1, "mg/mL"), Quantity(100, "mL"), TODAY)
NAMES = records.RecordNames(patient="Ann Lee", rx_number="RX-1", compounded_by="A. Pharmacist")
DOCUMENT = records.DocumentSettings(pharmacy="Riverside Pharmacy", paper="a4")


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("2026-12-1", dt.date(2026, 12, 1)),
        ("2026-3-9", dt.date(2026, 3, 9)),
        ("2026-03-09", dt.date(2026, 3, 9)),
        (" 2027-1-31 ", dt.date(2027, 1, 31)),
    ],
)
def test_one_digit_month_and_day_are_read(text: str, date: dt.date) -> None:
    assert parse_date(text, "start date") == date


def test_a_one_digit_expiry_is_read_too() -> None:
    assert parse_expiry("2027-3-1") == dt.date(2027, 3, 1)
    assert parse_expiry("2027-2") == dt.date(2027, 2, 28)  # a month-only expiry runs to its last day


def test_the_command_line_reads_a_one_digit_day(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["schedule", "--protocol", "standard", "--start-date"]
    short = cli_json([*argv, "2026-12-1"], capsys)
    padded = cli_json([*argv, "2026-12-01"], capsys)
    assert short == padded
    code, _, err = run_cli([*argv, "2026-13-1"], capsys)
    assert code == EXIT_BAD_INPUT and "not a real calendar date" in err


def test_a_compounding_date_after_today_is_refused_by_the_facade() -> None:
    desk = Desk()
    assert desk.check_compounded(TODAY, TODAY) == TODAY
    with pytest.raises(InputError) as refused:
        desk.check_compounded(TODAY + dt.timedelta(days=1), TODAY)
    assert refused.value.field == "compounded"
    assert "2026-12-03" in str(refused.value) and "after today (2 December 2026)" in str(refused.value)


def test_a_record_of_a_batch_not_yet_made_is_refused_before_anything_is_saved() -> None:
    tomorrow = dataclasses.replace(LIQUID, compounded=TODAY + dt.timedelta(days=1))
    with pytest.raises(InputError, match="compounded"):
        records.new_record(tomorrow, NAMES, DOCUMENT, today=TODAY)
    assert records.new_record(LIQUID, NAMES, DOCUMENT, today=TODAY).compounded_on == TODAY


def test_a_component_expired_before_compounding_is_refused() -> None:
    expired = ComponentExpiry("Purified water", TODAY - dt.timedelta(days=1), "W-77")
    with pytest.raises(InputError, match="expired"):
        Desk().liquid_recipe(dataclasses.replace(LIQUID, expiries=(expired,)))


def test_a_plan_length_that_stops_before_the_target_is_warned_at_its_field() -> None:
    # Standard protocol (resources/protocols.toml): 1.5 mg, +1.5 mg every 14 days, to 4.5 mg:
    # 1.5 mg days 1–14, 3 mg days 15–28, 4.5 mg from day 29.
    request = PlanRequest(FromProtocol("standard"), TODAY, form=LiquidForm(1.0), length_days=21)
    outcome = Desk().plan(request)
    assert outcome.plan.steps[-1].dose_mg == 3.0
    [(field, alert)] = outcome.field_alerts
    assert field == "plan length" and alert in outcome.alerts
    assert "before it reaches the target of 4.5 mg" in alert.text
    assert "the last dose is 3 mg" in alert.text and "at least 29 days" in alert.text
    enough = Desk().plan(dataclasses.replace(request, length_days=29))
    assert enough.field_alerts == ()
    assert Desk().plan(dataclasses.replace(request, length_days=None)).field_alerts == ()
