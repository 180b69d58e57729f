"""A clinician's edits to a titration plan: hold a step, step back, change the target, time or length.

Each edit returns a new plan (the old one is unchanged) and notes what changed for the record;
`apply_edit` applies an edit kept as data (a PlanEdit), as a saved plan holds it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import cache

from ldn_desk.errors import InputError
from ldn_desk.plans.model import MAX_INTERVAL_DAYS, MAX_PLAN_DAYS, Plan, PlanEdit, Segment
from ldn_desk.plans.protocols import TIME_WORDS, check_time, clean_mg, kept_mg, rising_doses
from ldn_desk.plans.steps import lay_out, mg_of, segments_of
from ldn_desk.units.dose_text import days_text, mg_text
from ldn_desk.units.language import tr
from ldn_desk.units.numeric import at_least, at_most, below
from ldn_desk.units.quantity import Amount

# What each edit notes in the plan (kept in English with the plan and its record); a patient
# document says it in its language through `edit_in_words`, which reads the values back out.
NOTES = {
    "hold": "Held {dose} for {days} more (step from day {day}).",
    "back": "From day {day}: back to {back} for {days}, then up again to {dose}.",
    "halve": "From day {day}: halved to {half} for {days}, then up again to {dose}.",
    "halve_climb": "From day {day}: halved to {half} for {days}, then climbing again through {climb} to {dose}.",
    "target": "Target changed from {old} to {new}.",
    "time": "Taken {when}.",
}


@cache
def _note_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    out = []
    for template in NOTES.values():
        pattern = re.escape(template)
        for name in re.findall(r"\{(\w+)\}", template):
            pattern = pattern.replace(re.escape("{" + name + "}"), f"(?P<{name}>.+?)")
        out.append((template, re.compile(pattern + "$")))
    return tuple(out)


def edit_in_words(note: str) -> str:
    """An edit's note in the current language: 'Taken in the morning.' → 'Se toma por la mañana.'
    Doses and days keep their safe text; a note of another shape is left as it was written."""
    for template, pattern in _note_patterns():
        found = pattern.match(note)
        if found is None:
            continue
        values = dict(found.groupdict())
        if "days" in values:
            count = re.fullmatch(r"([\d,]+) days?", values["days"])
            if count is not None:
                values["days"] = days_text(int(count.group(1).replace(",", "")))
        if "when" in values:
            values["when"] = tr(values["when"])
        return tr(template).format(**values)
    return tr(note)


def _with_segments(
    plan: Plan, segments: Sequence[Segment], note: str, target_mg: float | None = None
) -> Plan:
    steps = lay_out(segments, plan.time_of_day, plan.length_days)
    target = plan.target_mg if target_mg is None else target_mg
    return replace(plan, steps=steps, edits=(*plan.edits, note), target_mg=target)


def _index_for_edit(plan: Plan, day: int, what: str) -> int:
    index = plan.step_index_on(day)
    if index is None:
        raise InputError(what, str(day), f"is after the plan's last day ({plan.length_days})", "15")
    return index


def hold(plan: Plan, day: int, extra_days: int) -> Plan:
    """Keep the dose taken on `day` for `extra_days` more days; later steps move later."""
    if not 1 <= extra_days <= MAX_INTERVAL_DAYS:
        raise InputError("extra days", str(extra_days), f"must be 1 to {MAX_INTERVAL_DAYS}", "7")
    index = _index_for_edit(plan, day, "hold from day")
    if index == len(plan.steps) - 1:
        raise InputError("hold from day", str(day), "is in the last step, which already runs on", "15")
    segments = segments_of(plan.steps)
    dose, days = segments[index]
    segments[index] = (dose, int(days or 0) + extra_days)
    note = NOTES["hold"].format(
        dose=mg_text(dose), days=days_text(extra_days), day=plan.steps[index].from_day
    )
    return _with_segments(plan, segments, note)


def hold_step(plan: Plan, index: int, extra_days: int) -> Plan:
    """hold() by the step's position in `steps` (0 is the first step)."""
    if not 0 <= index < len(plan.steps):
        raise InputError("step", str(index + 1), f"must be 1 to {len(plan.steps)}", "2")
    return hold(plan, plan.steps[index].from_day, extra_days)


def step_back(plan: Plan, from_day: int) -> Plan:
    """From `from_day`, go back to the previous (lower) dose for one interval, then titrate up
    again through the same doses. With no lower dose before (the first step): halve it."""
    index = _index_for_edit(plan, from_day, "step back from day")
    step = plan.steps[index]
    segments = segments_of(plan.steps)
    # The nearest earlier dose below this one (after an earlier step back, the step just
    # before may be higher); with none, half the dose (LDN Research Trust: "halve the dose").
    lower = [s.dose_mg for s in plan.steps[:index] if below(s.dose_mg, step.dose_mg)]
    if lower:
        back_mg = lower[-1]
    elif clean_mg(step.dose_mg / 2) > 0:
        back_mg = clean_mg(step.dose_mg / 2)
    else:
        raise InputError(
            "step back from day", str(from_day), f"{mg_text(step.dose_mg)} is too small to halve", "15"
        )
    before = segments[:index]
    if from_day > step.from_day:
        before.append((step.dose_mg, from_day - step.from_day))
    full_days = segments[index][1]
    again: list[Segment] = [(back_mg, plan.interval_days), (step.dose_mg, full_days)]
    note = NOTES["back"].format(
        day=from_day, back=mg_text(back_mg), days=days_text(plan.interval_days), dose=mg_text(step.dose_mg)
    )
    return _with_segments(plan, [*before, *again, *segments[index + 1 :]], note)


def halve(plan: Plan, from_day: int) -> Plan:
    """From `from_day`, half the dose for one interval, then climb again through the plan's own
    lower doses above the half, one interval each, back to the dose and on (LDN Research Trust:
    if side effects persist, "halve the dose and climb again")."""
    index = _index_for_edit(plan, from_day, "halve from day")
    step = plan.steps[index]
    half_mg = clean_mg(step.dose_mg / 2)
    if half_mg <= 0:
        raise InputError(
            "halve from day", str(from_day), f"{mg_text(step.dose_mg)} is too small to halve", "15"
        )
    segments = segments_of(plan.steps)
    before = segments[:index]
    if from_day > step.from_day:
        before.append((step.dose_mg, from_day - step.from_day))
    climb = sorted(
        {
            s.dose_mg
            for s in plan.steps[:index]
            if below(half_mg, s.dose_mg) and below(s.dose_mg, step.dose_mg)
        }
    )
    again: list[Segment] = [(half_mg, plan.interval_days), *((d, plan.interval_days) for d in climb)]
    again.append((step.dose_mg, segments[index][1]))
    note = NOTES["halve_climb" if climb else "halve"].format(
        day=from_day,
        half=mg_text(half_mg),
        days=days_text(plan.interval_days),
        climb=", ".join(map(mg_text, climb)),
        dose=mg_text(step.dose_mg),
    )
    return _with_segments(plan, [*before, *again, *segments[index + 1 :]], note)


def with_target(plan: Plan, target: Amount | float) -> Plan:
    """A new target (a float is read as mg). Lower: the plan stops rising at it. Higher: the
    plan goes on rising by its step (or its last rise) every interval, capped at the target."""
    target_mg = kept_mg(mg_of(target, "target"), "target")
    segments = segments_of(plan.steps)
    if at_most(target_mg, max(dose for dose, _ in segments)):
        capped: list[Segment] = []
        for dose, days in segments:
            if at_least(dose, target_mg):
                capped.append((target_mg, None))
                break
            capped.append((dose, days))
        new_segments = capped
    else:
        top = segments[-1][0]
        rise = plan.step_mg or _last_rise([dose for dose, _ in segments])
        more = rising_doses(top, rise, target_mg)[1:]
        new_segments = [
            *segments[:-1],
            (top, plan.interval_days),
            *((d, plan.interval_days) for d in more),
        ]
    note = NOTES["target"].format(old=plan.target_text, new=mg_text(target_mg))
    return _with_segments(plan, new_segments, note, target_mg=target_mg)


def with_time(plan: Plan, time_of_day: str) -> Plan:
    """Every step taken at `time_of_day` (bedtime or morning)."""
    time_of_day = check_time(time_of_day)
    steps = tuple(replace(step, time_of_day=time_of_day) for step in plan.steps)
    return replace(plan, steps=steps, edits=(*plan.edits, NOTES["time"].format(when=TIME_WORDS[time_of_day])))


def with_length(plan: Plan, days: int | None) -> Plan:
    """End the plan after `days` days, or (None) let the last step run on."""
    if days is not None and not 1 <= days <= MAX_PLAN_DAYS:
        raise InputError("days", str(days), f"must be 1 to {MAX_PLAN_DAYS:,}", "112")
    steps = lay_out(segments_of(plan.steps), plan.time_of_day, days)
    return replace(plan, steps=steps)


def apply_edit(plan: Plan, edit: PlanEdit) -> Plan:
    """The plan after `edit`, an edit kept as data."""
    if edit.kind == "hold":
        return hold_step(plan, edit.index, edit.days)
    if edit.kind == "hold day":
        return hold(plan, edit.day, edit.days)
    if edit.kind == "halve":
        return halve(plan, edit.day)
    return step_back(plan, edit.day)


def apply_edits(plan: Plan, edits: Iterable[PlanEdit]) -> Plan:
    """The plan after each of `edits`, in order."""
    for edit in edits:
        plan = apply_edit(plan, edit)
    return plan


def _last_rise(doses: Sequence[float]) -> float:
    top = doses[-1]
    lower = [dose for dose in doses if below(dose, top)]
    return top - lower[-1] if lower else top
