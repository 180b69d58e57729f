"""ldn-desk calendar: the plan as an iCalendar file for the patient's phone, from the schedule's plan options."""

from __future__ import annotations

import argparse
from typing import Any

from ldn_desk.cli.commands import handout, schedule

HELP = "the plan as a calendar file (.ics): an all-day event per dose change (or every day) and the review"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    schedule.add_arguments(parser)
    events = parser.add_argument_group("the calendar")
    events.add_argument(
        "--every-day",
        action="store_true",
        help="one event a day through the review day (default: one on each day the dose changes)",
    )
    handout.add_measuring_arguments(parser, events)
    events.add_argument(
        "-o", "--output", required=True, metavar="FILE.ics", help="the calendar file to write, e.g. plan.ics"
    )


def run(args: argparse.Namespace) -> dict[str, Any]:
    from ldn_desk.errors import InputError, RecipeError

    try:
        return _run(args)
    except (InputError, RecipeError) as error:
        raise handout.as_option(schedule.as_option(error)) from None


def _run(args: argparse.Namespace) -> dict[str, Any]:
    from ldn_desk.desk import Desk
    from ldn_desk.units.dates import long_date

    desk = Desk()
    outcome = handout.plan_outcome(desk, args)
    data = desk.plan_calendar(
        outcome,
        every_day=args.every_day,
        accept_few_marks=args.accept_few_marks,
        accept_many_capsules=args.accept_many_capsules,
    )
    from ldn_desk.documents.ics import write_calendar

    path = write_calendar(data, args.output)
    plan = outcome.plan
    return {
        "document": "calendar",
        "file": str(path),
        "events": data.count(b"BEGIN:VEVENT"),
        "every_day": args.every_day,
        "start_date": plan.start_date.isoformat(),
        "review_date": plan.review_date.isoformat(),
        "review_date_text": long_date(plan.review_date),
    }


def render(payload: dict[str, Any]) -> str:
    count = payload["events"]
    return (
        f"Wrote the calendar to {payload['file']} ({count} event{'s' if count != 1 else ''}). "
        f"Review visit: {payload['review_date_text']}."
    )
