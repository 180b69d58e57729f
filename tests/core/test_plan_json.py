"""Plans and their edits as JSON: what is saved comes back as the very same plan."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from ldn_desk.errors import InputError
from ldn_desk.plans.edits import apply_edit, apply_edits
from ldn_desk.plans.jsondata import edits_from_json, edits_to_json, plan_from_json, plan_to_json
from ldn_desk.plans.model import PlanEdit
from ldn_desk.plans.titration import plan_from_protocol, plan_from_steps
from ldn_desk.units.quantity import Quantity

START = dt.date(2026, 12, 1)


def _through_text(data: object) -> object:
    """What the log stores and reads back: JSON text."""
    return json.loads(json.dumps(data, allow_nan=False))


def test_a_plan_with_a_hold_and_a_step_back_round_trips_exactly() -> None:
    # Standard protocol (resources/protocols.toml): 1.5 mg, +1.5 mg every 14 days, to 4.5 mg.
    edits = [PlanEdit.hold(0, 7), PlanEdit.step_back(22)]
    plan = apply_edits(plan_from_protocol("standard", START), edits)
    # Held 7 days: 1.5 mg on days 1-21, 3 mg from day 22. Stepped back on day 22: 1.5 mg for one
    # 14-day interval (days 22-35, merged with days 1-21), then 3 mg for 14 days (36-49), then 4.5 mg.
    assert [(s.from_day, s.to_day, s.dose_mg) for s in plan.steps] == [
        (1, 35, 1.5),
        (36, 49, 3.0),
        (50, None, 4.5),
    ]
    again = plan_from_json(_through_text(plan_to_json(plan)))  # type: ignore[arg-type]
    assert again == plan
    assert again.edits == plan.edits and len(plan.edits) == 2
    assert again.alerts == plan.alerts
    assert edits_from_json(_through_text(edits_to_json(edits))) == edits  # type: ignore[arg-type]


def test_a_custom_plan_with_odd_floats_round_trips_exactly() -> None:
    # 0.1 mg rising by 0.1 mg: sums such as 0.1 + 0.2 are not exact in binary and must survive.
    plan = plan_from_steps(
        Quantity(0.1, "mg"),
        Quantity(0.1, "mg"),
        3,
        Quantity(0.5, "mg"),
        START,
        time_of_day="morning",
        days=40,
    )
    plan = apply_edit(plan, PlanEdit.hold(1, 5))
    assert plan_from_json(_through_text(plan_to_json(plan))) == plan  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"format": 99},
        {"format": 1, "start_date": "2026-12-01"},
        {**plan_to_json(plan_from_protocol("standard", START)), "steps": []},
        {**plan_to_json(plan_from_protocol("standard", START)), "start_date": "1 Dec"},
    ],
)
def test_damaged_plan_data_is_refused_with_a_message(data: dict[str, object]) -> None:
    with pytest.raises(InputError, match="saved plan"):
        plan_from_json(data)


def test_unknown_edits_are_refused() -> None:
    with pytest.raises(InputError, match="saved plan"):
        edits_from_json([{"edit": "delete"}])
    with pytest.raises(InputError, match="saved plan"):
        edits_from_json([{"edit": "hold", "index": "one"}])
    with pytest.raises(InputError, match="saved plan"):
        edits_from_json({"edit": "hold"})  # type: ignore[arg-type]
