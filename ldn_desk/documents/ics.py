"""The plan as an iCalendar file (RFC 5545) the patient imports into a phone's calendar, offline.

    data = plan_calendar(outcome)                 # one all-day event per dose change, and the review
    data = plan_calendar(outcome, every_day=True)  # one all-day event a day, through the review day

Each event says the dose and how it is measured in words, as the handout does: "Take 1.5 mL
(1.5 mg) at bedtime", "Take 1 capsule of 1.5 mg (1.5 mg) at bedtime". The UIDs are made from the
plan itself (its start, steps and times) and the event's date, so exporting the same plan again
replaces the events rather than doubling them. The patient's name is never in the file: a phone
calendar syncs to places a handout does not go.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from pathlib import Path

from icalendar import Calendar, Event

from ldn_desk.documents.measures import step_measures
from ldn_desk.documents.output import write_document
from ldn_desk.plans.jsondata import plan_to_json
from ldn_desk.plans.model import Plan, Step
from ldn_desk.plans.pipeline import PlanOutcome
from ldn_desk.units.dates import long_date
from ldn_desk.units.dose_text import count_text, mg_text

PRODUCT = "-//LDN Desk//Titration plan//EN"
_MAX_DAILY_EVENTS = 3660


def _plan_key(plan: Plan) -> str:
    """A short fingerprint of the plan's dates and doses: the same plan gives the same UIDs."""
    data = json.dumps(plan_to_json(plan), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:16]


def _take_words(outcome: PlanOutcome, index: int, step: Step) -> str:
    """'Take 1.5 mL (1.5 mg) at bedtime': what to measure, the dose, and when."""
    if outcome.liquid is not None:
        measure = outcome.liquid.measures[index]
        return f"Take {measure.volume_text} ({step.dose_text}) {step.time_text}"
    if outcome.capsules is not None:
        dose = outcome.capsules.measures[index].dose
        parts = " and ".join(
            f"{count_text(c.count)} capsule{'s' if c.count != 1 else ''} of {mg_text(c.strength_mg)}"
            for c in dose.capsules
        )
        return f"Take {parts} ({step.dose_text}) {step.time_text}"
    return f"Take {step.dose_text} {step.time_text}"


def _event(uid: str, day: dt.date, summary: str, description: str, stamp: dt.datetime) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", day)  # a date: an all-day event
    event.add("dtend", day + dt.timedelta(days=1))
    event.add("summary", summary)
    event.add("description", description)
    event.add("transp", "TRANSPARENT")  # a reminder, not a busy time
    return event


def plan_calendar(
    outcome: PlanOutcome,
    *,
    every_day: bool = False,
    stamp: dt.datetime | None = None,
    accept_few_marks: bool = False,
    accept_many_capsules: bool = False,
) -> bytes:
    """The calendar file of a plan: an all-day event on each day the dose changes (or, every_day,
    on each day through the days the outcome covers), and one on the review day. The same checks as
    the handout: a step the patient cannot measure, or too few marks or too many capsules unless
    accepted, is refused."""
    plan = outcome.plan
    step_measures(
        plan,
        outcome.liquid,
        outcome.capsules,
        accept_few_marks=accept_few_marks,
        accept_many_capsules=accept_many_capsules,
    )
    made = stamp or dt.datetime.now(dt.UTC).replace(microsecond=0)
    key = _plan_key(plan)
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "LDN doses")
    words = [_take_words(outcome, i, step) for i, step in enumerate(plan.steps)]
    if every_day:
        last = min(outcome.days, plan.length_days or outcome.days, _MAX_DAILY_EVENTS)
        for day in range(1, last + 1):
            index = plan.step_index_on(day)
            if index is None:
                break
            date = plan.date_of(day)
            new = plan.steps[index].from_day == day
            note = "A new dose starts today. " if new and day > 1 else ""
            calendar.add_component(
                _event(f"{key}-day-{date.isoformat()}@ldn-desk", date, words[index],
                       f"{note}Day {day} of your LDN plan. {words[index]}.", made)
            )  # fmt: skip
    else:
        for index, step in enumerate(plan.steps):
            date = step.start_date(plan.start_date)
            until = step.end_date(plan.start_date)
            span = "until your next review" if until is None else f"each day until {long_date(until)}"
            first = "LDN: " if index == 0 else "New LDN dose: "
            calendar.add_component(
                _event(f"{key}-dose-{date.isoformat()}@ldn-desk", date, f"{first}{words[index]}",
                       f"{step.days_label} of your LDN plan. {words[index]}, {span}.", made)
            )  # fmt: skip
    review = plan.review_date
    calendar.add_component(
        _event(f"{key}-review-{review.isoformat()}@ldn-desk", review, "LDN review visit",
               f"Review visit for your LDN plan (by {long_date(plan.review_latest_date)} at the latest). "
               "Bring your symptom diary.", made)
    )  # fmt: skip
    data: bytes = calendar.to_ical()
    return data


def write_calendar(data: bytes, path: str | os.PathLike[str], example: str = "plan.ics") -> Path:
    """Write the calendar to `path` atomically and privately, as a PDF is written (a failure is an
    InputError naming the output, an old file untouched)."""
    return write_document(data, path, ".ics", example)
