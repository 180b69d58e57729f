"""Titration plans and their edits as plain JSON data, and back, exactly (for saved plans).

data = plan_to_json(plan)            # every field; json.dumps/loads keeps the floats exact
plan_from_json(data) == plan         # the same plan, edits and all
edit = PlanEdit.hold(0, 7)           # an edit as data (ldn_desk.plans.model); edits.apply_edit applies it
edits_from_json(edits_to_json([edit])) == [edit]
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from ldn_desk.errors import InputError
from ldn_desk.plans.model import EDIT_KINDS, Plan, PlanEdit, Step
from ldn_desk.plans.protocols import ReviewRule, check_time

FORMAT = 1


def _refused(problem: str) -> InputError:
    return InputError("saved plan", None, problem, "a plan saved by LDN Desk")


def plan_to_json(plan: Plan) -> dict[str, Any]:
    """Every field of the plan as JSON data (alerts are worked out again when it is read)."""
    return {
        "format": FORMAT,
        "start_date": plan.start_date.isoformat(),
        "steps": [
            {"from_day": s.from_day, "to_day": s.to_day, "dose_mg": s.dose_mg, "time_of_day": s.time_of_day}
            for s in plan.steps
        ],
        "target_mg": plan.target_mg,
        "interval_days": plan.interval_days,
        "review_rule": dataclasses.asdict(plan.review_rule),
        "step_mg": plan.step_mg,
        "protocol_key": plan.protocol_key,
        "protocol_name": plan.protocol_name,
        "source": plan.source,
        "allow_high": plan.allow_high,
        "edits": list(plan.edits),
    }


def plan_from_json(data: Mapping[str, Any]) -> Plan:
    """The plan `plan_to_json` wrote; refused with a clear message when it is not one."""
    if not isinstance(data, Mapping):
        raise _refused("is not a JSON object")
    if data.get("format") != FORMAT:
        raise _refused(f"is in format {data.get('format')!r}; this program reads format {FORMAT}")
    try:
        step_mg = data["step_mg"]
        return Plan(
            start_date=dt.date.fromisoformat(data["start_date"]),
            steps=tuple(
                Step(
                    int(s["from_day"]),
                    None if s["to_day"] is None else int(s["to_day"]),
                    float(s["dose_mg"]),
                    check_time(str(s["time_of_day"])),
                )
                for s in data["steps"]
            ),
            target_mg=float(data["target_mg"]),
            interval_days=int(data["interval_days"]),
            review_rule=ReviewRule(**data["review_rule"]),
            step_mg=None if step_mg is None else float(step_mg),
            protocol_key=data["protocol_key"],
            protocol_name=str(data["protocol_name"]),
            source=str(data["source"]),
            allow_high=bool(data["allow_high"]),
            edits=tuple(str(note) for note in data["edits"]),
        )
    except InputError:
        raise
    except (KeyError, TypeError, ValueError) as error:
        raise _refused(f"is incomplete or damaged ({type(error).__name__})") from None


def edit_to_json(edit: PlanEdit) -> dict[str, Any]:
    if edit.kind == "hold":
        return {"edit": edit.kind, "index": edit.index, "days": edit.days}
    if edit.kind == "hold day":
        return {"edit": edit.kind, "day": edit.day, "days": edit.days}
    return {"edit": edit.kind, "day": edit.day}


def edits_to_json(edits: Iterable[PlanEdit]) -> list[dict[str, Any]]:
    return [edit_to_json(edit) for edit in edits]


def edits_from_json(data: Iterable[Mapping[str, Any]]) -> list[PlanEdit]:
    if not isinstance(data, list | tuple):
        raise _refused("has edits that are not a JSON list")
    made: list[PlanEdit] = []
    for item in data:
        if not isinstance(item, Mapping) or "edit" not in item:
            raise _refused("has an edit that is not a JSON object with its kind")
        kind = str(item["edit"])
        if kind not in EDIT_KINDS:
            raise _refused(f"has an edit of unknown kind {kind!r}")
        values = {key: item[key] for key in ("index", "days", "day") if key in item}
        for name, value in values.items():
            if not isinstance(value, int) or isinstance(value, bool):
                raise _refused(f"has an edit whose {name} is not a whole number")
        made.append(PlanEdit(kind, **values))
    return made
