"""ldn-desk log add, sign, reprint and recalculate: a record made from the recipe options, its PDF
as first printed, and today's calculation beside it.

The record itself is made, printed and reprinted by `ldn_desk.desk.records`, which the app uses too.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ldn_desk.recipes.lots import IngredientLine
    from ldn_desk.store import NewRecord, Store


def _record_module() -> Any:
    from ldn_desk.cli.commands import record as module

    return module


def _kind_modules() -> dict[str, Any]:
    """The recipe command module of each kind of record."""
    from ldn_desk.cli.commands import capsules, liquid

    return {"liquid": liquid, "capsules": capsules}


def add_arguments(actions: Any) -> list[argparse.ArgumentParser]:
    """The add, sign, reprint and recalculate actions on `ldn-desk log`; returns the parsers made."""
    record = _record_module()
    made: list[argparse.ArgumentParser] = []
    add = actions.add_parser("add", help="save a new draft record from the liquid or capsules options")
    kinds = add.add_subparsers(dest="kind", metavar="KIND", required=True)
    for kind, module in _kind_modules().items():
        sub = kinds.add_parser(kind, help=f"a {kind} batch; the options of `ldn-desk {kind}`")
        module.add_arguments(sub)
        who = sub.add_argument_group("the record")
        who.add_argument("--patient", required=True, metavar="NAME", help="patient name")
        who.add_argument(
            "--patient-ref", default="", metavar="TEXT", help="date of birth or clinic identifier"
        )
        who.add_argument("--rx", required=True, metavar="NUMBER", help="prescription (Rx) or ID number")
        who.add_argument("--compounded-by", required=True, metavar="NAME", help="who compounded")
        who.add_argument(
            "--ingredient", action="append", default=[], metavar="LINE",
            help='one per line: "name | maker | lot | expiry | actual amount", e.g. '
            '"Naltrexone HCl 50 mg tablets | Accord | NX-2291 | 2027-03-31 | 2 tablets"',
        )  # fmt: skip
        doc = sub.add_argument_group("the printed record")
        doc.add_argument("--pharmacy", required=True, metavar="NAME", help="pharmacy name")
        doc.add_argument("--contact", default="", metavar="TEXT", help="pharmacy phone or address")
        doc.add_argument("--prescriber", default="", metavar="NAME", help="prescriber's name")
        doc.add_argument("--directions", metavar="TEXT", help="label directions (default: as on the plan)")
        # --dose, --time, --add-directions, --dispensed and --expiry, read as `ldn-desk record` reads them
        record.label_direction_arguments(doc)
        doc.add_argument("--paper", metavar="SIZE", help="a4 or letter (default: from the locale)")
        made.append(sub)
    sign = actions.add_parser("sign", help="the checker signs a draft record off; it is final from then on")
    sign.add_argument("id", metavar="ID")
    sign.add_argument("--checked-by", required=True, metavar="NAME", help="who checked")
    reprint = actions.add_parser("reprint", help="the record's PDF again, byte for byte as first printed")
    reprint.add_argument("id", metavar="ID")
    reprint.add_argument("-o", "--output", required=True, metavar="FILE.pdf", help="the PDF to write")
    recalculate = actions.add_parser(
        "recalculate", help="work the record's recipe out with today's program and say what differs"
    )
    recalculate.add_argument("id", metavar="ID")
    return [*made, sign, reprint, recalculate]


def parse_ingredient_lines(lines: Sequence[str]) -> tuple[IngredientLine, ...]:
    """Ingredient lines written "name | maker | lot | expiry | actual amount"."""
    from ldn_desk.errors import InputError
    from ldn_desk.recipes.lots import IngredientLine

    made: list[IngredientLine] = []
    for number, line in enumerate(lines, 1):
        parts = [part.strip() for part in line.split("|")]
        if len(parts) != 5:
            raise InputError(f"--ingredient {number}", line, "needs five parts separated by |",
                             "Purified water | Baxter | W-77 | 2027-01 | 100 mL")  # fmt: skip
        made.append(IngredientLine(*parts))
    return tuple(made)


def prepare(args: argparse.Namespace) -> NewRecord:
    """The NewRecord the options describe, printed and checked whole before the log is opened."""
    from ldn_desk.cli.commands.handout import as_option as document_option
    from ldn_desk.cli.commands.options import as_option
    from ldn_desk.desk import records
    from ldn_desk.errors import InputError
    from ldn_desk.units.dates import parse_date

    record = _record_module()
    # The recipe with its components' expiries (the BUD is never later than the earliest), read
    # and refused as `ldn-desk record` does.
    try:
        inp, recipe = record.build_recipe(args)
        asked = record.label_directions(args)
        dispensed = None if args.dispensed is None else parse_date(args.dispensed, "date dispensed")
    except InputError as error:
        raise as_option(error, record.LABEL_OPTION_FOR_FIELD) from None
    names = records.RecordNames(
        patient=args.patient,
        rx_number=args.rx,
        compounded_by=args.compounded_by,
        patient_ref=args.patient_ref,
    )
    document = records.DocumentSettings(pharmacy=args.pharmacy, contact=args.contact, prescriber=args.prescriber,
                                        directions=asked.text, paper=args.paper, dose_mg=asked.dose_mg,
                                        time_of_day=asked.time_of_day, add_directions=asked.add,
                                        dispensed=dispensed)  # fmt: skip
    lines = parse_ingredient_lines(args.ingredient)
    try:
        return records.new_record(inp, names, document, lines, recipe=recipe)
    except InputError as error:
        raise as_option(document_option(error), record.LABEL_OPTION_FOR_FIELD) from None


def add(store: Store, args: argparse.Namespace, new: NewRecord) -> dict[str, Any]:
    return {"id": store.save_record(new), "status": "draft"}


def sign(store: Store, args: argparse.Namespace) -> dict[str, Any]:
    record = store.sign_off(args.id, args.checked_by)
    return {"id": record.id, "status": record.status, "signed_at": record.signed_at}


def reprint(store: Store, args: argparse.Namespace) -> dict[str, Any]:
    from ldn_desk.cli.commands.handout import write_document
    from ldn_desk.desk import records

    copy = records.reprint(store, args.id)
    written = write_document(copy.pdf, args.output, "record.pdf")
    return {"id": copy.record_id, **written, "sha256": copy.sha256,
            "as_first_printed": copy.as_first_printed, "note": copy.note or None}  # fmt: skip


def recalculate(store: Store, args: argparse.Namespace) -> dict[str, Any]:
    from ldn_desk.desk import records

    check = records.recalculate(store, args.id)
    return {
        "id": check.record_id,
        "same": check.same,
        "older_record": check.older_record,
        "differences": [
            {"field": difference.label, "saved": texts[0], "now": texts[1]}
            for difference in check.differences
            for texts in [difference.texts()]
        ],
        "summary": check.summary(),
    }
