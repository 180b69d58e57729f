"""The plan's calendar file: parsed back with icalendar and imported by a second parser (vobject).

The standard protocol from 1 December 2026 at 1 mg/mL (resources/protocols.toml): 1.5 mg days 1–14
is 1.5 mL, 3 mg days 15–28 is 3 mL, 4.5 mg from day 29 is 4.5 mL (dose ÷ 1 mg/mL); review day 57,
26 January 2027 (1 December + 56 days).
"""

from __future__ import annotations

import datetime as dt

import pytest
import vobject
from icalendar import Calendar

from ldn_desk.desk import CapsuleForm, Desk, FromProtocol, LiquidForm, PlanOutcome, PlanRequest, Syringe
from ldn_desk.errors import RecipeError

START = dt.date(2026, 12, 1)
DESK = Desk()


def _outcome(form: LiquidForm | CapsuleForm | None = None, time: str | None = None) -> PlanOutcome:
    return DESK.plan(
        PlanRequest(FromProtocol("standard"), START, form=form or LiquidForm(1.0), time_of_day=time)
    )


def _events(data: bytes) -> list[tuple[dt.date, str, str, str]]:
    calendar = Calendar.from_ical(data)
    return [
        (event.decoded("dtstart"), str(event["summary"]), str(event["description"]), str(event["uid"]))
        for event in calendar.walk("VEVENT")
    ]


def test_one_event_per_dose_change_and_the_review() -> None:
    events = _events(DESK.plan_calendar(_outcome()))
    assert [(day, summary) for day, summary, _, _ in events] == [
        (dt.date(2026, 12, 1), "LDN: Take 1.5 mL (1.5 mg) at bedtime"),
        (dt.date(2026, 12, 15), "New LDN dose: Take 3 mL (3 mg) at bedtime"),  # day 15
        (dt.date(2026, 12, 29), "New LDN dose: Take 4.5 mL (4.5 mg) at bedtime"),  # day 29
        (dt.date(2027, 1, 26), "LDN review visit"),  # day 57
    ]
    assert "each day until 14 December 2026" in events[0][2]
    assert "Bring your symptom diary" in events[3][2]


def test_events_are_all_day_and_name_no_patient() -> None:
    data = DESK.plan_calendar(_outcome())
    for event in Calendar.from_ical(data).walk("VEVENT"):
        start, end = event.decoded("dtstart"), event.decoded("dtend")
        assert type(start) is dt.date and end - start == dt.timedelta(days=1)
    assert b"DTSTART;VALUE=DATE:20261201" in data
    assert b"Ann" not in data  # the request holds no name; nothing else could add one


def test_one_event_a_day_through_the_review_day() -> None:
    events = _events(DESK.plan_calendar(_outcome(), every_day=True))
    daily, review = events[:-1], events[-1]
    # Days 1 to 57 (through the review day): 57 daily events, then the review.
    assert len(daily) == 57 and review[1] == "LDN review visit"
    assert [day for day, *_ in daily] == [START + dt.timedelta(days=n) for n in range(57)]
    assert daily[13][1] == "Take 1.5 mL (1.5 mg) at bedtime"  # day 14
    assert daily[14][1] == "Take 3 mL (3 mg) at bedtime"  # day 15
    assert daily[14][2].startswith("A new dose starts today. Day 15")
    assert len({uid for *_, uid in events}) == len(events)


def test_uids_are_stable_for_the_same_plan_and_change_with_it() -> None:
    first = [uid for *_, uid in _events(DESK.plan_calendar(_outcome()))]
    again = [uid for *_, uid in _events(DESK.plan_calendar(_outcome()))]
    morning = [uid for *_, uid in _events(DESK.plan_calendar(_outcome(time="morning")))]
    assert first == again
    assert not set(first) & set(morning)


def test_morning_dosing_and_capsules_in_words() -> None:
    events = _events(DESK.plan_calendar(_outcome(CapsuleForm((1.5,)), time="morning")))
    # 3 mg from 1.5 mg capsules: 2 capsules; 4.5 mg: 3 capsules.
    assert [summary for _, summary, _, _ in events[:3]] == [
        "LDN: Take 1 capsule of 1.5 mg (1.5 mg) in the morning",
        "New LDN dose: Take 2 capsules of 1.5 mg (3 mg) in the morning",
        "New LDN dose: Take 3 capsules of 1.5 mg (4.5 mg) in the morning",
    ]


def test_a_second_parser_imports_the_file() -> None:
    data = DESK.plan_calendar(_outcome())
    parsed = vobject.readOne(data.decode("utf-8"))
    events = sorted(parsed.vevent_list, key=lambda e: e.dtstart.value)
    assert [(e.dtstart.value, e.summary.value) for e in events][:2] == [
        (dt.date(2026, 12, 1), "LDN: Take 1.5 mL (1.5 mg) at bedtime"),
        (dt.date(2026, 12, 15), "New LDN dose: Take 3 mL (3 mg) at bedtime"),
    ]
    assert all(e.dtend.value - e.dtstart.value == dt.timedelta(days=1) for e in events)
    assert parsed.prodid.value == "-//LDN Desk//Titration plan//EN"


def test_a_step_the_handout_refuses_is_refused_here_too() -> None:
    # 1.5 mg of 5 mg/mL is 0.3 mL: 3 marks on a 1 mL syringe marked every 0.1 mL, fewer than the
    # handout's minimum (min_marks_per_dose, resources/protocols.toml).
    request = PlanRequest(FromProtocol("standard"), START, form=LiquidForm(5.0), syringes=(Syringe(1, 0.1),))
    outcome = DESK.plan(request)
    with pytest.raises(RecipeError, match="marks"):
        DESK.plan_calendar(outcome)
    assert DESK.plan_calendar(outcome, accept_few_marks=True).startswith(b"BEGIN:VCALENDAR")
