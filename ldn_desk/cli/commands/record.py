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
            "--directions", metavar="TEXT", help="label directions (default: as on the plan)"
        )
        extra(sub)
        add_output_arguments(sub, example)


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
    try:
        return inp, make(inp)
    except (InputError, RecipeError) as error:
        raise module.as_option(error) from None


def pharmacy_info(args: argparse.Namespace, compounded: Any) -> Any:
    from ldn_desk.documents.info import PharmacyInfo

    return PharmacyInfo(
        patient=args.patient,
        rx=args.rx,
        pharmacy=args.pharmacy,
        date=compounded,
        contact=args.contact,
        prescriber=args.prescriber,
        compounded_by=args.compounded_by,
        checked_by=args.checked_by,
    )


def _run(args: argparse.Namespace) -> dict[str, Any]:
    from ldn_desk.desk import records
    from ldn_desk.documents.content import preparation_name
    from ldn_desk.documents.pdfbase import parse_paper
    from ldn_desk.errors import InputError
    from ldn_desk.units.dates import long_date

    inp, recipe = build_recipe(args)
    # Printed as `ldn-desk log add` prints the record it saves: the same options give the same bytes.
    names = records.RecordNames(patient=args.patient, rx_number=args.rx, compounded_by=args.compounded_by,
                                checked_by=args.checked_by)  # fmt: skip
    paper = parse_paper(args.paper)
    document = records.DocumentSettings(pharmacy=args.pharmacy, contact=args.contact, prescriber=args.prescriber,
                                        directions=args.directions, paper=paper)  # fmt: skip
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
run = naming_options(_run, OPTION_FOR_FIELD)


def render(payload: dict[str, Any]) -> str:
    pages = payload["pages"]
    lines = [
        f"Wrote the {payload['document']} for {payload['preparation']} to {payload['file']} "
        f"({pages} page{'s' if pages != 1 else ''}).",
        f"Do not use after {payload['bud_text']}.",
    ]
    lines += [f"Note: {text}" for text in payload.get("warnings", [])]
    return "\n".join(lines)
