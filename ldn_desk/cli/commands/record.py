"""ldn-desk record: the compounding record of a liquid or capsule batch as a PDF."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from ldn_desk.cli.commands import capsules, liquid
from ldn_desk.cli.commands.handout import OPTION_FOR_FIELD, add_output_arguments, write_document
from ldn_desk.cli.commands.options import naming_options

HELP = "compounding record (PDF) of a liquid or capsule batch: formula, calculations, lots, QC, BUD, sign-off"

KINDS = ("liquid", "capsules")


def add_kind_subcommands(
    parser: argparse.ArgumentParser, extra: Callable[[argparse.ArgumentParser], None], example: str
) -> None:
    """`KIND` then the liquid or capsules command's own options, then the document's options."""
    kinds = parser.add_subparsers(dest="kind", metavar="KIND", required=True)
    for kind, module in (("liquid", liquid), ("capsules", capsules)):
        sub = kinds.add_parser(kind, help=f"a {kind} batch; the options of `ldn-desk {kind}`")
        # --json also after KIND; SUPPRESS keeps the value given before KIND when it is absent here.
        sub.add_argument(
            "--json", action="store_true", default=argparse.SUPPRESS, help="print one JSON object"
        )
        module.add_arguments(sub)
        pharmacy = sub.add_argument_group("the pharmacy")
        pharmacy.add_argument("--patient", required=True, metavar="NAME", help="patient name")
        pharmacy.add_argument("--rx", required=True, metavar="NUMBER", help="prescription (Rx) or ID number")
        pharmacy.add_argument("--pharmacy", required=True, metavar="NAME", help="pharmacy name")
        pharmacy.add_argument("--contact", default="", metavar="TEXT", help="pharmacy phone or address")
        pharmacy.add_argument("--prescriber", default="", metavar="NAME", help="prescriber's name")
        pharmacy.add_argument("--compounded-by", default="", metavar="NAME", help="who compounded")
        pharmacy.add_argument("--checked-by", default="", metavar="NAME", help="who checked")
        pharmacy.add_argument(
            "--directions", metavar="TEXT", help="label directions in full (default: written for you)"
        )
        label_direction_arguments(pharmacy)
        extra(sub)
        add_output_arguments(sub, example)


# The label's own fields -> their options (the document's shared ones are in OPTION_FOR_FIELD).
LABEL_OPTION_FOR_FIELD = {
    **OPTION_FOR_FIELD,
    "dose": "--dose",
    "time of day": "--time",
    "added directions": "--add-directions",
    "date dispensed": "--dispensed",
    "expiry": "--expiry",
}


def label_direction_arguments(group: argparse._ArgumentGroup) -> None:
    group.add_argument(
        "--dose",
        metavar="AMOUNT",
        help='daily dose the directions say, e.g. "1.5 mg" (default: as on the plan)',
    )
    group.add_argument("--time", choices=("bedtime", "morning"), default="bedtime", help="when it is taken")
    group.add_argument(
        "--add-directions", default="", metavar="TEXT", help="words added after the directions"
    )
    group.add_argument("--dispensed", metavar="DATE", help="date dispensed, YYYY-MM-DD, printed on the label")
    group.add_argument(
        "--expiry",
        action="append",
        default=[],
        metavar="NAME | [LOT |] DATE",
        help='a component\'s expiry, e.g. "Naltrexone HCl 50 mg tablets | NX-2291 | 2027-03"; repeat for each '
        "(the beyond-use date is never later than the earliest)",
    )


def label_directions(args: argparse.Namespace) -> Any:
    """The directions the options ask for: in full (--directions), or written from --dose and --time."""
    from ldn_desk.desk import Directions
    from ldn_desk.units.quantity import Kind, magnitude, parse_quantity

    dose = None if args.dose is None else magnitude(parse_quantity(args.dose, Kind.MASS, "dose"), "mg")
    return Directions(text=args.directions, dose_mg=dose, time_of_day=args.time, add=args.add_directions)


def parse_expiries(texts: list[str]) -> tuple[Any, ...]:
    """Each --expiry "NAME | [LOT |] DATE" as a component expiry."""
    from ldn_desk.errors import InputError
    from ldn_desk.recipes.bud import ComponentExpiry, parse_expiry

    out = []
    for text in texts:
        parts = [part.strip() for part in str(text).split("|")]
        if len(parts) not in (2, 3) or not parts[0]:
            raise InputError(
                "expiry", text, "write NAME | DATE or NAME | LOT | DATE", "Avicel PH-102 | 2027-03"
            )
        lot = parts[1] if len(parts) == 3 else ""
        out.append(ComponentExpiry(parts[0], parse_expiry(parts[-1]), lot=lot))
    return tuple(out)


def _record_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--paper", metavar="SIZE", help="a4 or letter (default: from the locale)")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_kind_subcommands(parser, _record_options, "record.pdf")


def build_recipe(args: argparse.Namespace) -> tuple[Any, Any]:
    """(input, recipe) the liquid or capsules options describe, with the same refusals as those commands."""
    from ldn_desk.errors import InputError, RecipeError

    if args.kind == "liquid":
        from ldn_desk.recipes.liquid.recipe import make_liquid

        module: Any = liquid
        make: Any = make_liquid
    else:
        from ldn_desk.recipes.capsules.recipe import make_capsules

        module, make = capsules, make_capsules
    inp = module.read_input(args)  # the command's own reading of its options
    if getattr(args, "expiry", None):
        from dataclasses import replace

        inp = replace(inp, expiries=parse_expiries(args.expiry))
    try:
        return inp, make(inp)
    except (InputError, RecipeError) as error:
        raise module.as_option(error) from None


def pharmacy_info(args: argparse.Namespace, compounded: Any) -> Any:
    from ldn_desk.documents.info import PharmacyInfo
    from ldn_desk.units.dates import parse_date

    return PharmacyInfo(
        patient=args.patient,
        rx=args.rx,
        pharmacy=args.pharmacy,
        date=compounded,
        contact=args.contact,
        prescriber=args.prescriber,
        compounded_by=args.compounded_by,
        checked_by=args.checked_by,
        dispensed=None if args.dispensed is None else parse_date(args.dispensed, "date dispensed"),
    )


def _run(args: argparse.Namespace) -> dict[str, Any]:
    from ldn_desk.desk import records
    from ldn_desk.documents.content import preparation_name
    from ldn_desk.documents.pdfbase import parse_paper
    from ldn_desk.errors import InputError
    from ldn_desk.units.dates import long_date

    inp, recipe = build_recipe(args)
    info = pharmacy_info(args, inp.compounded)
    # Printed as `ldn-desk log add` prints the record it saves: the same options give the same bytes.
    names = records.RecordNames(patient=args.patient, rx_number=args.rx, compounded_by=args.compounded_by,
                                checked_by=args.checked_by)  # fmt: skip
    paper = parse_paper(args.paper)
    asked = label_directions(args)
    document = records.DocumentSettings(pharmacy=args.pharmacy, contact=args.contact, prescriber=args.prescriber,
                                        directions=asked.text, paper=paper, dose_mg=asked.dose_mg,
                                        time_of_day=asked.time_of_day, add_directions=asked.add,
                                        dispensed=info.dispensed)  # fmt: skip
    try:
        # Made as a record for the log is, so the page carries the fingerprint `log add` saves it with.
        pdf = records.new_record(inp, names, document, recipe=recipe).pdf or b""
    except InputError:
        # A blank to fill in by hand (no compounder named yet) could not be saved to the log as it
        # is, so it carries no fingerprint; a field that is truly wrong is refused just below.
        pdf = records.print_record(recipe, names, document, compounded=inp.compounded)
    return {
        "document": "record",
        "kind": args.kind,
        **write_document(pdf, args.output, "record.pdf"),
        "paper": paper,
        "preparation": preparation_name(recipe),
        "bud": recipe.bud.date.isoformat(),
        "bud_text": long_date(recipe.bud.date),
        "warnings": [alert.text for alert in recipe.alerts],
    }


# A refusal names the document's option (the recipe's own are named by build_recipe).
run = naming_options(_run, LABEL_OPTION_FOR_FIELD)


def render(payload: dict[str, Any]) -> str:
    pages = payload["pages"]
    lines = [
        f"Wrote the {payload['document']} for {payload['preparation']} to {payload['file']} "
        f"({pages} page{'s' if pages != 1 else ''}).",
        f"Do not use after {payload['bud_text']}.",
    ]
    lines += [f"Note: {text}" for text in payload.get("warnings", [])]
    return "\n".join(lines)
