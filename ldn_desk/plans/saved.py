"""Saved plans as plain data: the PlanRequest (versioned) and the plan it gave, and back.

    document = plan_document(outcome)     # {"format": 2, "request": {...}, "plan": {...}}
    opened = read_plan_document(document)  # the request to work out again, and the plan as saved

A plan saved before requests were stored (format 1) holds the Titration page's entries as they
were typed; it is read into a request here (migrated on read), so it reopens like any other.
Each entry is read with the decimal point and, failing that, the decimal comma: no text reads
both ways with different values (`1,5 mg` is refused with the point, `1.5 mg` with the comma).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ldn_desk.errors import InputError
from ldn_desk.plans.dispensing import Overage
from ldn_desk.plans.jsondata import edits_from_json, edits_to_json, plan_from_json, plan_to_json
from ldn_desk.plans.model import Plan
from ldn_desk.plans.pipeline import (
    CapsuleForm,
    Form,
    FromLadder,
    FromProtocol,
    FromRule,
    LiquidForm,
    PlanOutcome,
    PlanRequest,
    PlanSource,
)
from ldn_desk.recipes.dosing import Syringe
from ldn_desk.units.dates import parse_date
from ldn_desk.units.language import SOURCE_LANGUAGE, check_language, languages
from ldn_desk.units.lists import parse_values
from ldn_desk.units.quantity import Kind, ParseOptions, magnitude, parse_quantity

DOCUMENT_FORMAT = 2
REQUEST_VERSION = 1
_PAGE_FORMAT = 1  # the Titration page's entries as typed, before requests were stored
_CUSTOM = ""  # that page's protocol choice for "custom start, step, every, target"
_SUGGESTED = "suggested"
_READINGS = (ParseOptions(decimal_comma=False), ParseOptions(decimal_comma=True))

JsonObject = dict[str, Any]


def _refused(problem: str) -> InputError:
    return InputError("saved plan", None, problem, "a plan saved by LDN Desk")


# --- writing -------------------------------------------------------------------------------------
def _source_json(source: PlanSource) -> JsonObject:
    if isinstance(source, FromProtocol):
        return {"kind": "protocol", "protocol": source.protocol}
    if isinstance(source, FromRule):
        return {
            "kind": "rule",
            "start_mg": source.start_mg,
            "step_mg": source.step_mg,
            "every_days": source.every_days,
        }
    return {"kind": "ladder", "doses_mg": list(source.doses_mg), "every_days": source.every_days}


def _form_json(form: Form | None) -> JsonObject | None:
    if form is None:
        return None
    if isinstance(form, LiquidForm):
        out: JsonObject = {
            "kind": "liquid",
            "strength_mg_per_ml": form.strength_mg_per_ml,
            "formula": form.formula,
        }
        if form.switch_mg_per_ml is not None:
            # written only for a split plan, so a plan of one strength reads as before
            out.update(switch_mg_per_ml=form.switch_mg_per_ml, switch_day=form.switch_day)
        return out
    strengths = None if form.strengths_mg is None else list(form.strengths_mg)
    return {"kind": "capsules", "strengths_mg": strengths}


def request_to_json(request: PlanRequest) -> JsonObject:
    """Every field of the request as JSON data; json.dumps/loads keeps the floats exact."""
    syringes = request.syringes
    return {
        "version": REQUEST_VERSION,
        "source": _source_json(request.source),
        "start_date": request.start_date.isoformat(),
        "target_mg": request.target_mg,
        "length_days": request.length_days,
        "time_of_day": request.time_of_day,
        "edits": edits_to_json(request.edits),
        "form": _form_json(request.form),
        "syringes": None
        if syringes is None
        else [{"capacity_ml": s.capacity_ml, "graduation_ml": s.graduation_ml} for s in syringes],
        "supply_days": request.supply_days,
        "fill_days": request.fill_days,
        "advise": request.advise,
        "overage": None
        if request.overage is None
        else {"percent": request.overage.percent, "at_least_ml": request.overage.at_least_ml},
    }


def plan_document(outcome: PlanOutcome, language: str | None = None) -> JsonObject:
    """What the log keeps for a saved plan: the request, the plan it gave (to check on reopening),
    and the language the patient's handout and label are written in."""
    return {
        "format": DOCUMENT_FORMAT,
        "request": request_to_json(outcome.request),
        "plan": plan_to_json(outcome.plan),
        "language": check_language(language),
    }


# --- reading -------------------------------------------------------------------------------------
def _number(data: Mapping[str, Any], key: str) -> float:
    value = data[key]
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise _refused(f"has {key} that is not a number")
    return float(value)


def _optional_number(data: Mapping[str, Any], key: str) -> float | None:
    return None if data.get(key) is None else _number(data, key)


def _whole(data: Mapping[str, Any], key: str) -> int | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise _refused(f"has {key} that is not a whole number")
    return value


def _text(data: Mapping[str, Any], key: str) -> str:
    value = data[key]
    if not isinstance(value, str):
        raise _refused(f"has {key} that is not text")
    return value


def _object(value: object, what: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise _refused(f"has {what} that is not a JSON object")
    return value


def _numbers(value: object, key: str) -> tuple[float, ...]:
    if not isinstance(value, list):
        raise _refused(f"has {key} that is not a list")
    return tuple(_number({key: item}, key) for item in value)


def _source_from(data: Mapping[str, Any]) -> PlanSource:
    kind = data.get("kind")
    if kind == "protocol":
        return FromProtocol(_text(data, "protocol"))
    if kind == "rule":
        return FromRule(_number(data, "start_mg"), _number(data, "step_mg"), _number(data, "every_days"))
    if kind == "ladder":
        return FromLadder(_numbers(data["doses_mg"], "doses_mg"), _number(data, "every_days"))
    raise _refused(f"has a plan source of unknown kind {kind!r}")


def _form_from(value: object) -> Form | None:
    if value is None:
        return None
    data = _object(value, "a form")
    kind = data.get("kind")
    if kind == "liquid":
        return LiquidForm(
            _optional_number(data, "strength_mg_per_ml"),
            _text(data, "formula"),
            _optional_number(data, "switch_mg_per_ml"),
            _whole(data, "switch_day"),
        )
    if kind == "capsules":
        strengths = data.get("strengths_mg")
        return CapsuleForm(None if strengths is None else _numbers(strengths, "strengths_mg"))
    raise _refused(f"has a form of unknown kind {kind!r}")


def _syringes_from(value: object) -> tuple[Syringe, ...] | None:
    if value is None:
        return None
    if not isinstance(value, list):
        raise _refused("has syringes that are not a list")
    return tuple(
        Syringe(_number(item, "capacity_ml"), _number(item, "graduation_ml"))
        for item in (_object(entry, "a syringe") for entry in value)
    )


def _overage_from(data: object) -> Overage | None:
    """A request's overage (absent from plans saved before it was kept: the pharmacy's default)."""
    if data is None:
        return None
    overage = _object(data, "an overage")
    return Overage(_number(overage, "percent"), _number(overage, "at_least_ml"))


def request_from_json(data: object) -> PlanRequest:
    """The request `request_to_json` wrote; refused with a clear message when it is not one."""
    request = _object(data, "a request")
    if request.get("version") != REQUEST_VERSION:
        raise _refused(
            f"holds a request of version {request.get('version')!r}; this program reads version {REQUEST_VERSION}"
        )
    try:
        time = request.get("time_of_day")
        if time is not None and not isinstance(time, str):
            raise _refused("has a time of day that is not text")
        advise = request.get("advise", True)
        if not isinstance(advise, bool):
            raise _refused("has advise that is not true or false")
        return PlanRequest(
            source=_source_from(_object(request["source"], "a plan source")),
            start_date=dt.date.fromisoformat(_text(request, "start_date")),
            target_mg=_optional_number(request, "target_mg"),
            length_days=_whole(request, "length_days"),
            time_of_day=time,
            edits=tuple(edits_from_json(request.get("edits", []))),
            form=_form_from(request.get("form")),
            syringes=_syringes_from(request.get("syringes")),
            supply_days=_whole(request, "supply_days"),
            fill_days=_whole(request, "fill_days"),
            advise=advise,
            overage=_overage_from(request.get("overage")),
        )
    except InputError as error:
        if error.field == "saved plan":
            raise
        raise _refused(f"holds a value that is refused ({error})") from None
    except (KeyError, TypeError, ValueError) as error:
        raise _refused(f"is incomplete or damaged ({type(error).__name__})") from None


@dataclass(frozen=True)
class OpenedPlan:
    """A saved plan read back: the request to work out again, the plan as it was saved, and
    whether it was saved in the older form (the page's entries) and read into a request."""

    request: PlanRequest
    saved_plan: Plan
    migrated: bool = False
    language: str = SOURCE_LANGUAGE  # the patient's documents' language (plans saved before it: English)


def _read_old(text: object, kind: Kind, field: str) -> float:
    """An entry the page kept as typed, read as it was then (see the module's note on commas)."""
    if not isinstance(text, str):
        raise _refused(f"has a {field} entry that is not text")
    first: InputError | None = None
    for options in _READINGS:
        try:
            return magnitude(parse_quantity(text, kind, field, options=options), kind.canonical)
        except InputError as error:
            first = first or error
    raise _refused(f"has an entry that cannot be read ({first})")


def _read_old_list(text: object, field: str) -> tuple[float, ...]:
    if not isinstance(text, str):
        raise _refused(f"has a {field} entry that is not text")
    first: InputError | None = None
    for options in _READINGS:
        try:
            return parse_values(text, Kind.MASS, field, options=options)
        except InputError as error:
            first = first or error
    raise _refused(f"has an entry that cannot be read ({first})")


def _whole_days(days: float, field: str) -> int:
    if days != int(days):
        raise _refused(f"has a {field} that is not a whole number of days")
    return int(days)


def _migrate_page(document: Mapping[str, Any]) -> PlanRequest:
    """The request the Titration page's entries (format 1) stood for."""
    page = _object(document["page"], "page entries")
    protocol = page.get("protocol")
    target: float | None = None
    source: PlanSource
    if protocol == _CUSTOM:
        custom = _object(page["custom"], "custom steps")
        source = FromRule(
            _read_old(custom["start"], Kind.MASS, "start"),
            _read_old(custom["step"], Kind.MASS, "step"),
            _read_old(custom["every"], Kind.DURATION, "every"),
        )
        target = _read_old(custom["target"], Kind.MASS, "target")
    elif isinstance(protocol, str):
        source = FromProtocol(protocol)
    else:
        raise _refused("has no protocol")
    length_text = page.get("length", "")
    length = (
        None
        if not isinstance(length_text, str) or not length_text.strip()
        else _whole_days(_read_old(length_text, Kind.DURATION, "plan length"), "plan length")
    )
    form: Form
    if page.get("form") == "capsules":
        listed = page.get("capsule_set") == "listed"
        form = CapsuleForm(
            _read_old_list(page.get("capsule_strengths"), "capsule strengths") if listed else None
        )
    else:
        strength = page.get("liquid_strength")
        chosen = None if strength in (None, _SUGGESTED) else _number(page, "liquid_strength")
        vehicle = page.get("vehicle")
        form = LiquidForm(chosen, vehicle if isinstance(vehicle, str) else "water")
    time = page.get("time_of_day")
    return PlanRequest(
        source=source,
        start_date=parse_date(_text(page, "start_date"), "start date"),
        target_mg=target,
        length_days=length,
        time_of_day=time if isinstance(time, str) else None,
        edits=tuple(edits_from_json(document.get("edits", []))),
        form=form,
    )


def _language(document: Mapping[str, Any]) -> str:
    """The saved language; one this program has no catalog for is refused, never printed in English."""
    saved = document.get("language", SOURCE_LANGUAGE)
    if not isinstance(saved, str):
        raise _refused("has a language that is not text")
    try:
        return check_language(saved, "saved plan")
    except InputError:
        raise _refused(
            f"is for patient documents in {saved!r}, which this program cannot write "
            f"(it writes {', '.join(languages())})"
        ) from None


def read_plan_document(data: object) -> OpenedPlan:
    """A saved plan document, of this format or the older one; refused with a clear message when
    it is neither or is damaged."""
    document = _object(data, "a saved plan")
    saved_format = document.get("format")
    try:
        if saved_format == DOCUMENT_FORMAT:
            return OpenedPlan(
                request_from_json(document["request"]),
                plan_from_json(document["plan"]),
                language=_language(document),
            )
        if saved_format == _PAGE_FORMAT:
            return OpenedPlan(_migrate_page(document), plan_from_json(document["plan"]), migrated=True)
    except InputError as error:
        if error.field == "saved plan":
            raise
        raise _refused(f"holds a value that is refused ({error})") from None
    except (KeyError, TypeError, ValueError) as error:
        raise _refused(f"is incomplete or damaged ({type(error).__name__})") from None
    raise _refused(f"is in format {saved_format!r}; this program reads formats 1 and {DOCUMENT_FORMAT}")
