"""ldn-desk handout: the patient's titration handout as a PDF, from the same plan options as schedule."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from ldn_desk.cli.commands import options, schedule

if TYPE_CHECKING:
    from ldn_desk.desk import Desk, PlanOutcome, Syringe

HELP = "patient titration handout (PDF): plan table, dose chart, tick-box calendar, safety, symptom diary"


def add_output_arguments(parser: argparse.ArgumentParser, example: str) -> None:
    parser.add_argument(
        "-o", "--output", required=True, metavar="FILE.pdf", help=f"the PDF to write, e.g. {example}"
    )


# A document field -> the option a person typed, so a refusal names what they can change.
OPTION_FOR_FIELD = {
    "patient": "--patient",
    "prescriber": "--prescriber",
    "clinic": "--clinic",
    "contact": "--contact",
    "pharmacy": "--pharmacy",
    "Rx number": "--rx",
    "compounded by": "--compounded-by",
    "checked by": "--checked-by",
    "directions": "--directions",
    "date": "--date",
    "paper": "--paper",
    "syringe": "--syringe",
    "syringe size": "--syringe",
    "graduation": "--syringe",
    "output": "--output",
    "layout": "--layout",
    "copies": "--copies",
    "skip": "--skip",
    "accept few marks": "--accept-few-marks",
    "accept many capsules": "--accept-many-capsules",
}


def write_document(pdf: bytes, output: str, example: str) -> dict[str, Any]:
    """Write the PDF to `output`; the file, pages and bytes written, for the command's JSON."""
    from ldn_desk.documents.pdfbase import page_count, write_pdf

    path = write_pdf(pdf, output, example)
    return {"file": str(path), "pages": page_count(pdf), "bytes": len(pdf)}


def as_option(error: Exception) -> Exception:
    """The same refusal, naming the document's option instead of the core's field where there is one."""
    return options.as_option(error, OPTION_FOR_FIELD)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    schedule.add_arguments(parser)
    people = parser.add_argument_group("the handout")
    people.add_argument(
        "--patient", required=True, metavar="NAME", help='patient name, e.g. "José Müller-Ñúñez"'
    )
    people.add_argument("--prescriber", default="", metavar="NAME", help="prescriber's name")
    people.add_argument("--clinic", default="", metavar="NAME", help="clinic or pharmacy name for the header")
    people.add_argument("--contact", default="", metavar="TEXT", help="clinic phone, address or email")
    people.add_argument(
        "--date", metavar="DATE", help="date printed on the handout, YYYY-MM-DD (default today)"
    )
    people.add_argument("--paper", metavar="SIZE", help="a4 or letter (default: from the locale)")
    people.add_argument("--large-print", action="store_true", help="larger type throughout")
    add_measuring_arguments(parser, people)
    add_output_arguments(parser, "handout.pdf")


def add_measuring_arguments(parser: argparse.ArgumentParser, group: argparse._ArgumentGroup) -> None:
    """--syringe and what the prescriber accepts: the handout's and the calendar's own checks."""
    group.add_argument(
        "--syringe",
        action="append",
        metavar="SIZE by MARK",
        help='an oral syringe the patient has, e.g. "5 mL by 0.1 mL"; repeat for each (default: the usual set)',
    )
    accept = parser.add_argument_group("what the prescriber accepts (refused otherwise)")
    accept.add_argument(
        "--accept-few-marks",
        action="store_true",
        help="print steps whose volume is fewer marks on its syringe than resources/protocols.toml asks "
        "(min_marks_per_dose); the handout flags them",
    )
    accept.add_argument(
        "--accept-many-capsules",
        action="store_true",
        help="print steps of more capsules a dose than resources/protocols.toml allows "
        "(handout_max_capsules_per_dose); the handout flags them",
    )


def parse_syringes(texts: list[str] | None) -> list[Syringe] | None:
    """'5 mL by 0.1 mL' → a Syringe; None keeps the usual set from resources."""
    if not texts:
        return None
    from ldn_desk.desk import Syringe
    from ldn_desk.errors import InputError
    from ldn_desk.units.quantity import Kind, magnitude, parse_quantity

    out = []
    for text in texts:
        parts = str(text).split(" by ")
        if len(parts) != 2:
            raise InputError(
                "syringe", text, "write the size and the marks as SIZE by MARK", "5 mL by 0.1 mL"
            )
        size = magnitude(parse_quantity(parts[0], Kind.VOLUME, "syringe"), "mL")
        mark = magnitude(parse_quantity(parts[1], Kind.VOLUME, "syringe"), "mL")
        out.append(Syringe(size, mark))
    return out


def plan_outcome(desk: Desk, args: argparse.Namespace) -> PlanOutcome:
    """The plan the schedule options and --syringe describe, refused when it cannot be supplied."""
    import dataclasses

    request = schedule.read_request(args, advise=False)
    syringes = parse_syringes(args.syringe)
    if syringes is not None:
        request = dataclasses.replace(request, syringes=tuple(syringes))
    outcome = desk.plan(request)
    if outcome.supply_refusal is not None:
        raise outcome.supply_refusal
    return outcome


def run(args: argparse.Namespace) -> dict[str, Any]:
    from ldn_desk.errors import InputError, RecipeError

    try:
        return _run(args)
    except InputError as error:
        raise as_option(schedule.as_option(error)) from None
    except RecipeError as error:
        # A step the patient cannot measure: name the option that chose the liquid or capsules,
        # or the one that would accept it.
        raise as_option(schedule.as_option(error)) from None


def _run(args: argparse.Namespace) -> dict[str, Any]:
    # The core is imported here, not at the top, so `ldn-desk --help` starts fast.
    import datetime as dt

    from ldn_desk.desk import Desk, DeskSettings, HandoutInfo
    from ldn_desk.units.dates import long_date, parse_date

    desk = Desk(DeskSettings(paper=args.paper))
    outcome = plan_outcome(desk, args)
    plan = outcome.plan
    info = HandoutInfo(
        patient=args.patient,
        date=dt.date.today() if args.date is None else parse_date(args.date, "date"),
        prescriber=args.prescriber,
        clinic=args.clinic,
        contact=args.contact,
    )
    setup = desk.page_setup(large_print=args.large_print)
    pdf = desk.handout_pdf(
        outcome,
        info,
        large_print=args.large_print,
        accept_few_marks=args.accept_few_marks,
        accept_many_capsules=args.accept_many_capsules,
    )
    return {
        "document": "handout",
        **write_document(pdf, args.output, "handout.pdf"),
        "paper": setup.paper,
        "large_print": setup.large_print,
        "start_date": plan.start_date.isoformat(),
        "review_date": plan.review_date.isoformat(),
        "review_date_text": long_date(plan.review_date),
        # Every warning the schedule gives (too few marks, many capsules a dose…), not the plan's alone.
        "warnings": [*(alert.text for alert in outcome.alerts), *desk.handout_notices(info)],
    }


def render(payload: dict[str, Any]) -> str:
    lines = [
        f"Wrote the {payload['document']} to {payload['file']} "
        f"({payload['pages']} page{'s' if payload['pages'] != 1 else ''}, {payload['paper'].upper()})."
    ]
    if payload.get("review_date_text"):
        lines.append(f"Review visit: {payload['review_date_text']}.")
    lines += [f"Warning: {text}" for text in payload.get("warnings", [])]
    return "\n".join(lines)
