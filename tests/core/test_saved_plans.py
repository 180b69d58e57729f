"""Saved plans keep the PlanRequest as versioned plain data; plans saved as page entries still open."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from ldn_desk.errors import InputError
from ldn_desk.plans.dispensing import Overage
from ldn_desk.plans.jsondata import plan_to_json
from ldn_desk.plans.model import PlanEdit
from ldn_desk.plans.pipeline import (
    CapsuleForm,
    FromLadder,
    FromProtocol,
    FromRule,
    LiquidForm,
    PlanRequest,
    build_plan,
    plan_outcome,
)
from ldn_desk.plans.saved import plan_document, read_plan_document, request_from_json, request_to_json
from ldn_desk.recipes.dosing import Syringe

START = dt.date(2026, 12, 1)


def _through_text(data: object) -> Any:
    """What the log stores and reads back: JSON text."""
    return json.loads(json.dumps(data, allow_nan=False))


@pytest.mark.parametrize(
    "request_",
    [
        PlanRequest(FromProtocol("standard"), START, edits=(PlanEdit.hold(0, 7), PlanEdit.step_back(22))),
        PlanRequest(
            FromRule(0.1, 0.1, 3),
            START,
            target_mg=0.5,
            length_days=40,
            time_of_day="morning",
            form=LiquidForm(0.5, "fawcett_1997"),
            syringes=(Syringe(1, 0.01), Syringe(5, 0.2)),
            supply_days=30,
            fill_days=7,
            advise=False,
        ),
        PlanRequest(FromLadder((0.1, 0.25, 0.5), 7), START, target_mg=0.25, form=CapsuleForm((0.25, 0.1))),
        PlanRequest(FromProtocol("gentle"), START, form=CapsuleForm()),
        PlanRequest(FromProtocol("gentle"), START, form=LiquidForm()),
        PlanRequest(FromProtocol("standard"), START, form=LiquidForm(1.0), overage=Overage(7.5, 1.5)),
    ],
)
def test_a_request_round_trips_exactly(request_: PlanRequest) -> None:
    assert request_from_json(_through_text(request_to_json(request_))) == request_


def test_a_request_saved_before_the_overage_was_kept_reads_with_the_default() -> None:
    data = _through_text(request_to_json(PlanRequest(FromProtocol("standard"), START, form=LiquidForm(1.0))))
    del data["overage"]
    assert request_from_json(data).overage is None
    data["overage"] = {"percent": 80, "at_least_ml": 0}
    with pytest.raises(InputError, match="refused"):
        request_from_json(data)


def test_a_saved_plan_reopens_as_its_request_and_the_plan_it_gave() -> None:
    request = PlanRequest(FromProtocol("standard"), START, edits=(PlanEdit.hold(1, 7),), form=LiquidForm(1.0))
    outcome = plan_outcome(request)
    document = _through_text(plan_document(outcome))
    assert document["format"] == 2 and document["request"]["version"] == 1
    opened = read_plan_document(document)
    assert opened.request == request and not opened.migrated
    assert opened.saved_plan == outcome.plan == build_plan(opened.request)


def _page_document(page: dict[str, Any], edits: list[dict[str, Any]], plan: Any) -> dict[str, Any]:
    """A plan as the Titration page saved it before requests were stored: its entries as typed."""
    entries = {
        "protocol": "standard",
        "custom": {"start": "1 mg", "step": "1 mg", "every": "7 days", "target": "4.5 mg"},
        "start_date": "2026-12-01",
        "time_of_day": "bedtime",
        "length": "",
        "form": "liquid",
        "liquid_strength": "suggested",
        "vehicle": "water",
        "capsule_set": "suggested",
        "capsule_strengths": "1.5 mg, 3 mg",
        **page,
    }
    return {"format": 1, "page": entries, "edits": edits, "plan": plan_to_json(plan)}


def test_a_plan_saved_as_page_entries_is_read_into_a_request() -> None:
    # Custom steps typed with the decimal comma setting on; 16 weeks = 112 days; capsules listed
    # with a semicolon, as that setting then asked. An unused entry ("garbage") is not read.
    page = {
        "protocol": "",
        "custom": {"start": "0,5 mg", "step": "0,5 mg", "every": "2 weeks", "target": "3 mg"},
        "time_of_day": "morning",
        "length": "16 weeks",
        "form": "capsules",
        "capsule_set": "listed",
        "capsule_strengths": "0,5 mg; 1 mg",
        "liquid_strength": "garbage",
    }
    expected = PlanRequest(
        FromRule(0.5, 0.5, 14),
        START,
        target_mg=3,
        length_days=112,
        time_of_day="morning",
        edits=(PlanEdit.hold(0, 7),),
        form=CapsuleForm((0.5, 1)),
    )
    saved_plan = build_plan(expected)
    opened = read_plan_document(
        _through_text(_page_document(page, [{"edit": "hold", "index": 0, "days": 7}], saved_plan))
    )
    assert opened.migrated and opened.request == expected
    assert build_plan(opened.request) == opened.saved_plan


def test_a_protocol_saved_as_page_entries_keeps_its_chosen_liquid() -> None:
    expected = PlanRequest(
        FromProtocol("weekly_1mg"), START, time_of_day="bedtime", form=LiquidForm(2.0, "fawcett_1997")
    )
    document = _page_document(
        {"protocol": "weekly_1mg", "liquid_strength": 2.0, "vehicle": "fawcett_1997"},
        [],
        build_plan(expected),
    )
    assert read_plan_document(_through_text(document)).request == expected


@pytest.mark.parametrize(
    "document",
    [
        [],
        {"format": 9},
        {"format": 2, "request": {"version": 7}, "plan": {}},
        {
            "format": 2,
            "request": {
                **request_to_json(PlanRequest(FromProtocol("standard"), START)),
                "source": {"kind": "guess"},
            },
        },
        {
            "format": 2,
            "request": {**request_to_json(PlanRequest(FromProtocol("standard"), START)), "target_mg": "4.5"},
        },
        {"format": 1, "page": {"protocol": "", "custom": {"start": "half a mg"}}, "plan": {}},
    ],
)
def test_damaged_saved_plans_are_refused_with_a_message(document: object) -> None:
    with pytest.raises(InputError, match=r"^saved plan: — "):
        read_plan_document(document)
