"""Choices are StrEnums: text given is read into a member, stored and printed as the same text."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from store_samples import liquid

from ldn_desk.errors import InputError
from ldn_desk.plans.dispensing import dispense_capsules
from ldn_desk.plans.jsondata import plan_from_json, plan_to_json
from ldn_desk.plans.titration import plan_from_protocol
from ldn_desk.recipes.capsules.model import CapsuleInput, CapsuleMethod
from ldn_desk.recipes.capsules.recipe import make_capsules
from ldn_desk.recipes.choices import DosageForm, Salt, TimeOfDay
from ldn_desk.recipes.liquid.model import Source
from ldn_desk.recipes.liquid.recipe import LiquidInput, make_liquid
from ldn_desk.store import Store
from ldn_desk.store.records import RecordStatus
from ldn_desk.units.quantity import Quantity

MADE = dt.date(2026, 12, 1)


def test_each_member_is_the_text_it_always_was() -> None:
    # The words the command line, JSON and the log's database have always used.
    assert [str(m) for m in Salt] == ["HCl", "base"]
    assert [str(m) for m in Source] == ["tablets", "powder"]
    assert [str(m) for m in CapsuleMethod] == ["volume", "calibrated"]
    assert [str(m) for m in DosageForm] == ["liquid", "capsules"]
    assert [str(m) for m in TimeOfDay] == ["bedtime", "morning"]
    assert [str(m) for m in RecordStatus] == ["draft", "signed"]
    assert json.dumps({"salt": Salt.BASE, "form": DosageForm.LIQUID}) == '{"salt": "base", "form": "liquid"}'
    assert f"naltrexone {Salt.HCL} powder" == "naltrexone HCl powder"


def test_text_given_to_an_input_becomes_the_member() -> None:
    inp = LiquidInput(Quantity(1, "mg/mL"), Quantity(100, "mL"), MADE, source="powder", powder_salt="base")
    assert inp.source is Source.POWDER and inp.powder_salt is Salt.BASE
    recipe = make_liquid(inp)
    assert recipe.source is Source.POWDER and not recipe.is_suspension
    capsules = CapsuleInput(Quantity(1.5, "mg"), 30, MADE, salt="base")
    assert capsules.salt is Salt.BASE
    assert make_capsules(capsules).method is CapsuleMethod.VOLUME
    calibrated = CapsuleInput(Quantity(1.5, "mg"), 30, MADE, size="3", calibrated_fill=Quantity(90, "mg"))
    assert make_capsules(calibrated).method is CapsuleMethod.CALIBRATED


@pytest.mark.parametrize(
    ("build", "field"),
    [
        (lambda: LiquidInput(Quantity(1, "mg/mL"), Quantity(100, "mL"), MADE, source="Tablets"), "source"),
        (
            lambda: LiquidInput(Quantity(1, "mg/mL"), Quantity(100, "mL"), MADE, powder_salt="hcl"),
            "powder_salt",
        ),
        (lambda: CapsuleInput(Quantity(1.5, "mg"), 30, MADE, salt="sulfate"), "salt"),
        (lambda: CapsuleInput(Quantity(1.5, "mg"), 30, MADE, salt=None), "salt"),
    ],
)
def test_other_text_is_refused_not_guessed(build: Callable[[], object], field: str) -> None:
    with pytest.raises(InputError) as refused:
        build()
    assert refused.value.field == field


def test_a_plan_keeps_its_time_of_day_as_the_member_through_json() -> None:
    plan = plan_from_protocol("standard", MADE, time_of_day="morning")
    assert plan.time_of_day is TimeOfDay.MORNING
    assert all(step.time_of_day is TimeOfDay.MORNING for step in plan.steps)
    data = json.loads(json.dumps(plan_to_json(plan)))
    assert {step["time_of_day"] for step in data["steps"]} == {"morning"}
    again = plan_from_json(data)
    assert again == plan and again.time_of_day is TimeOfDay.MORNING
    with pytest.raises(InputError) as refused:
        plan_from_protocol("standard", MADE, time_of_day="noon")
    assert refused.value.field == "time of day"


def test_a_supply_names_its_form() -> None:
    plan = plan_from_protocol("standard", MADE)
    assert dispense_capsules(plan, [Quantity(1.5, "mg")], 28).form is DosageForm.CAPSULES


def test_the_log_stores_the_text_and_reads_back_the_member(tmp_path: Path) -> None:
    path = tmp_path / "log.sqlite3"
    with Store.open(path) as store:
        record_id = store.save_record(liquid(kind="liquid"))
        saved = store.record(record_id)
        assert saved.kind is DosageForm.LIQUID and saved.status is RecordStatus.DRAFT
        signed = store.sign_off(record_id, "B. Checker")
        assert signed.status is RecordStatus.SIGNED and signed.signed
        (found,) = store.search(status="signed")
        assert found.status is RecordStatus.SIGNED and found.kind is DosageForm.LIQUID
    with sqlite3.connect(path) as raw:
        assert raw.execute("SELECT kind, status FROM record").fetchall() == [("liquid", "signed")]
