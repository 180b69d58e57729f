"""ldn-desk review: the review visit of a saved plan: enter the diary, show it by dose, decide, print."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from ldn_desk.cli.commands import handout
from ldn_desk.cli.commands.options import add_log_location, naming_options
from ldn_desk.cli.commands.signing import Passwords, add_acting, credentials

if TYPE_CHECKING:
    from ldn_desk.desk import Desk, PlanReview

HELP = "the review visit of a saved plan: add diary weeks, show them by dose, decide, print the summary"

_MEASURE_OPTIONS = {
    "pain": ("--pain", 'pain 0–10 as written, e.g. "6"'),
    "sleep": ("--sleep", "sleep as circled: good, fair or poor"),
    "fatigue": ("--fatigue", "fatigue as circled: low, some or high"),
    "mood": ("--mood", "mood as circled: good, fair or low"),
    "activities": ("--activities", "daily activities as circled: more, same or less"),
    "bpi": ("--bpi", 'BPI pain severity (mean of its four items, 0–10), e.g. "5.25"'),
    "compass31": ("--compass31", 'COMPASS-31 total (0–100), e.g. "23.4"'),
}


def _plan_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("plan", metavar="PLAN", help="the saved plan's number, e.g. 3")
    add_log_location(parser)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser(
        "add", help="one diary week as the patient wrote it; empty measures stay missing"
    )
    _plan_argument(add)
    add.add_argument("--week", required=True, metavar="N", help="the plan's week, e.g. 3")
    for option, words in _MEASURE_OPTIONS.values():
        add.add_argument(option, metavar="VALUE", help=words)
    add.add_argument("--side-effects", default="", metavar="TEXT", help="side effects as written")
    add.add_argument("--notes", default="", metavar="TEXT", help="the week's notes")
    show = actions.add_parser("show", help="the diary week by week and the mean of each measure at each dose")
    _plan_argument(show)
    show.add_argument("--version", metavar="N", help="a version of the plan (default: the latest)")
    decide = actions.add_parser("decide", help="the review's decision, saved as the plan's next version")
    _plan_argument(decide)
    decide.add_argument(
        "--decision",
        required=True,
        metavar="KIND",
        help="continue, increase, step-back, halve (and climb again), stop (the trial) or morning (dosing)",
    )
    decide.add_argument("--reason", required=True, metavar="TEXT", help="why, in a few words")
    decide.add_argument(
        "--prescriber",
        metavar="NAME",
        help="who decided, in a log without users (recorded as typed, not verified)",
    )
    add_acting(decide, required=False, what="deciding, in a log with users (a prescriber or pharmacist)")
    decide.add_argument(
        "--to", metavar="AMOUNT", help='with increase: the new target, e.g. "6 mg" (default: one step)'
    )
    decide.add_argument(
        "--date", metavar="DATE", help="the review's date, from which the next phase runs (default today)"
    )
    summary = actions.add_parser(
        "summary", help="the review summary PDF: dose and diary, by dose, the decision"
    )
    _plan_argument(summary)
    summary.add_argument("--version", metavar="N", help="a version of the plan (default: the latest)")
    summary.add_argument("--clinic", default="", metavar="NAME", help="clinic name for the header")
    summary.add_argument("--paper", metavar="SIZE", help="a4 or letter (default: from the locale)")
    summary.add_argument("--date", metavar="DATE", help="date printed, YYYY-MM-DD (default today)")
    handout.add_output_arguments(summary, "review.pdf")
    printed = actions.add_parser(
        "handout", help="the handout of the plan's latest phase (after a decision, the next one)"
    )
    _plan_argument(printed)
    people = printed.add_argument_group("the handout")
    people.add_argument("--prescriber", default="", metavar="NAME", help="prescriber's name")
    people.add_argument("--clinic", default="", metavar="NAME", help="clinic or pharmacy name for the header")
    people.add_argument("--contact", default="", metavar="TEXT", help="clinic phone, address or email")
    people.add_argument("--date", metavar="DATE", help="date printed, YYYY-MM-DD (default today)")
    people.add_argument("--paper", metavar="SIZE", help="a4 or letter (default: from the locale)")
    people.add_argument("--large-print", action="store_true", help="larger type throughout")
    handout.add_measuring_arguments(printed, people)
    handout.add_output_arguments(printed, "handout.pdf")
    calendar = actions.add_parser("calendar", help="the plan's latest phase as a calendar file (.ics)")
    _plan_argument(calendar)
    calendar.add_argument(
        "--every-day", action="store_true", help="one event a day (default: one per dose change)"
    )
    handout.add_measuring_arguments(calendar, calendar.add_argument_group("the calendar"))
    calendar.add_argument(
        "-o", "--output", required=True, metavar="FILE.ics", help="the file to write, e.g. plan.ics"
    )
    for sub in actions.choices.values():
        sub.add_argument(
            "--json", action="store_true", default=argparse.SUPPRESS, help="print one JSON object"
        )


def _number(text: str | None, field: str) -> int | None:
    from ldn_desk.cli.commands.log import parse_count

    return None if text is None else parse_count(text, field, maximum=2**63 - 1, example="3")


def _review_json(review: PlanReview) -> dict[str, Any]:
    from ldn_desk.cli.commands.common import number

    shown = review.decided() or review
    measures = shown.measures
    decision = review.review.decision
    return {
        "plan": review.plan_id,
        "version": review.version,
        "change": review.change,
        "start_date": shown.plan.start_date.isoformat(),
        "weeks": [
            {
                "week": week.week,
                "from": week.first.isoformat(),
                "to": week.last.isoformat(),
                "dose": week.dose_text,
                "written": (entry := shown.review.entry(week.week)) is not None,
                "scores": {} if entry is None else {m.key: entry.score(m.key) for m in measures},
                "scores_text": {}
                if entry is None
                else {
                    m.title: "—" if (v := entry.score(m.key)) is None else m.score_text(v) for m in measures
                },
                "side_effects": "" if entry is None else entry.side_effects,
                "notes": "" if entry is None else entry.notes,
            }
            for week in shown.weeks
        ],
        "by_dose": [
            {
                "dose": row.dose_text,
                "dose_mg": None if row.dose_mg is None else number(row.dose_mg),
                "weeks": list(row.weeks),
                "means": {
                    m.key: {
                        "mean": None
                        if row.means[m.key].value is None
                        else number(row.means[m.key].value or 0),
                        "n": row.means[m.key].n,
                    }
                    for m in measures
                },
            }
            for row in shown.summary
        ],
        "measures": [{"key": m.key, "title": m.title, "scale": m.scale_text} for m in measures],
        "decision": None
        if decision is None
        else {
            "kind": decision.kind,
            "title": decision.title,
            "reason": decision.reason,
            "prescriber": decision.prescriber,
            "prescriber_verified": decision.prescriber_verified,
            "prescriber_role": decision.prescriber_role,
            "signed_in_at": decision.signed_in_at,
            "prescriber_text": decision.prescriber_text,
            "date": decision.decided_on.isoformat(),
            "next_phase": None if review.stopped else [s.directions for s in review.plan.steps],
        },
        "history": [{"version": v, "change": c, "saved_at": at} for v, c, at in review.history],
    }


def _run(args: argparse.Namespace) -> dict[str, Any]:
    import datetime as dt

    from ldn_desk.cli.commands.log import open_log
    from ldn_desk.desk import Decision, Desk, DeskSettings
    from ldn_desk.units.dates import parse_date

    plan_id = _number(args.plan, "PLAN")
    assert plan_id is not None
    desk: Desk = Desk(DeskSettings(paper=getattr(args, "paper", None)))
    with open_log(args) as store:
        payload: dict[str, Any] = {"action": args.action, "log": str(store.path)}
        if args.action == "add":
            values = {key: getattr(args, key) for key in _MEASURE_OPTIONS}
            saved = desk.add_diary_week(
                store, plan_id, None, args.week, side_effects=args.side_effects, notes=args.notes, **values
            )
            payload.update(_review_json(desk.open_review(store, plan_id)))
            payload["saved_version"] = saved.version
        elif args.action == "show":
            payload.update(_review_json(desk.open_review(store, plan_id, _number(args.version, "--version"))))
        elif args.action == "decide":
            from ldn_desk.units.quantity import Kind, magnitude, parse_quantity

            to_mg = None if args.to is None else magnitude(parse_quantity(args.to, Kind.MASS, "to"), "mg")
            day = dt.date.today() if args.date is None else parse_date(args.date, "decision date")
            by = credentials(args, Passwords(args)) if args.acting else None
            # With --as the decision is the signed-in user's; the core refuses another typed name.
            prescriber = args.prescriber if args.prescriber is not None or by is None else by.name
            decision = Decision(args.decision, args.reason, prescriber, day, to_mg)
            desk.decide_review(store, plan_id, None, decision, by=by)
            payload.update(_review_json(desk.open_review(store, plan_id)))
        elif args.action in ("handout", "calendar"):
            payload.update(_phase_document(desk, store, plan_id, args))
        else:
            review = desk.open_review(store, plan_id, _number(args.version, "--version"))
            printed = dt.date.today() if args.date is None else parse_date(args.date, "date")
            pdf = desk.review_summary_pdf(review, printed=printed, clinic=args.clinic)
            payload.update({"document": "review summary", "plan": plan_id, "version": review.version,
                            **handout.write_document(pdf, args.output, "review.pdf")})  # fmt: skip
    return payload


def _phase_document(desk: Desk, store: Any, plan_id: int, args: argparse.Namespace) -> dict[str, Any]:
    """The handout or calendar of the plan's latest version, with the syringes the options name;
    refused when the trial was stopped."""
    import dataclasses
    import datetime as dt

    from ldn_desk.units.dates import parse_date

    review = desk.open_review(store, plan_id)
    outcome = desk.review_plan(review)
    syringes = handout.parse_syringes(args.syringe)
    if syringes is not None:
        outcome = desk.plan(dataclasses.replace(outcome.request, syringes=tuple(syringes)))
    if outcome.supply_refusal is not None:
        raise outcome.supply_refusal
    accept = {"accept_few_marks": args.accept_few_marks, "accept_many_capsules": args.accept_many_capsules}
    if args.action == "calendar":
        from ldn_desk.documents.ics import write_calendar

        data = desk.plan_calendar(outcome, every_day=args.every_day, **accept)
        path = write_calendar(data, args.output)
        return {"document": "calendar", "plan": plan_id, "version": review.version, "file": str(path),
                "events": data.count(b"BEGIN:VEVENT")}  # fmt: skip
    from ldn_desk.desk import HandoutInfo

    info = HandoutInfo(
        patient=review.patient,
        date=dt.date.today() if args.date is None else parse_date(args.date, "date"),
        prescriber=args.prescriber,
        clinic=args.clinic,
        contact=args.contact,
    )
    pdf = desk.handout_pdf(outcome, info, large_print=args.large_print, **accept)
    return {"document": "handout", "plan": plan_id, "version": review.version,
            **handout.write_document(pdf, args.output, "handout.pdf"),
            "warnings": [*(alert.text for alert in outcome.alerts), *desk.handout_notices(info)]}  # fmt: skip


OPTION_FOR_FIELD = {
    "week": "--week",
    "diary week": "--week",
    "Pain 0–10": "--pain",
    "Sleep": "--sleep",
    "Fatigue": "--fatigue",
    "Mood": "--mood",
    "Activities": "--activities",
    "BPI pain severity": "--bpi",
    "COMPASS-31 total": "--compass31",
    "side effects": "--side-effects",
    "notes": "--notes",
    "decision": "--decision",
    "reason": "--reason",
    "prescriber": "--prescriber",
    "to": "--to",
    "decision date": "--date",
    "date": "--date",
    "output": "--output",
    "paper": "--paper",
    "clinic": "--clinic",
    **{field: option for field, option in handout.OPTION_FOR_FIELD.items() if field not in ("patient",)},
}
run = naming_options(_run, OPTION_FOR_FIELD)


def render(payload: dict[str, Any]) -> str:
    if payload.get("document"):
        lines = [
            f"Wrote the {payload['document']} of plan {payload['plan']} (version {payload['version']}) to {payload['file']}."
        ]
        lines += [f"Warning: {text}" for text in payload.get("warnings", [])]
        return "\n".join(lines)
    lines = [f"Saved plan {payload['plan']}, version {payload['version']} ({payload['change']})."]
    for week in payload["weeks"]:
        if not week["written"]:
            lines.append(f"  Week {week['week']} ({week['dose']}): not written")
            continue
        scores = ", ".join(f"{title} {text}" for title, text in week["scores_text"].items())
        words = "; ".join(t for t in (week["side_effects"], week["notes"]) if t)
        lines.append(f"  Week {week['week']} ({week['dose']}): {scores}" + (f"; {words}" if words else ""))
    if payload["by_dose"]:
        lines.append("Mean at each dose (n: weeks counted; missing weeks left out; descriptive only):")
        for row in payload["by_dose"]:
            means = ", ".join(
                f"{key} {'—' if m['mean'] is None else format(m['mean'], 'g')} (n={m['n']})"
                for key, m in row["means"].items()
            )
            weeks = "week" if len(row["weeks"]) == 1 else "weeks"
            lines.append(f"  {row['dose']} ({weeks} {', '.join(map(str, row['weeks']))}): {means}")
    decision = payload.get("decision")
    if decision:
        lines.append(f"Decision on {decision['date']}: {decision['title']}. Reason: {decision['reason']}.")
        lines.append(f"Prescriber: {decision['prescriber_text']}.")
        if decision["next_phase"]:
            lines.append(f"Next phase: {'; then '.join(decision['next_phase'])}.")
    return "\n".join(lines)
