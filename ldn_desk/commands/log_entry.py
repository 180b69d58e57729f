"""ldn-desk log add, sign and reprint: a record made from the recipe options, and its PDF made again.

A record keeps the recipe's options as typed (its inputs), the recipe command's JSON (its results)
and the document settings (pharmacy, contact, prescriber, directions, paper). Reprinting runs
`ldn-desk record` with exactly those, so the PDF has the same bytes as the first print.
"""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ldn_desk.store import Record

# Settings a record PDF needs beyond the recipe, stored with the record.
DOCUMENT_KEYS = ("pharmacy", "contact", "prescriber", "directions", "paper")


def _kind_modules() -> dict[str, Any]:
    from ldn_desk.commands import capsules, liquid

    return {"liquid": liquid, "capsules": capsules}


def _recipe_options(kind: str) -> dict[str, argparse.Action]:
    """The recipe command's own options by destination, read from its parser."""
    probe = argparse.ArgumentParser(add_help=False)
    _kind_modules()[kind].add_arguments(probe)
    return {action.dest: action for action in probe._actions}


def add_arguments(actions: Any) -> list[argparse.ArgumentParser]:
    """The add, sign and reprint actions on `ldn-desk log`; returns the parsers made."""
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
        doc.add_argument("--paper", metavar="SIZE", help="a4 or letter (default: from the locale)")
        made.append(sub)
    sign = actions.add_parser("sign", help="the checker signs a draft record off; it is final from then on")
    sign.add_argument("id", type=int, metavar="ID")
    sign.add_argument("--checked-by", required=True, metavar="NAME", help="who checked")
    reprint = actions.add_parser("reprint", help="the record's PDF again, byte for byte as first printed")
    reprint.add_argument("id", type=int, metavar="ID")
    reprint.add_argument("-o", "--output", required=True, metavar="FILE.pdf", help="the PDF to write")
    return [*made, sign, reprint]


def _ingredient(line: str, number: int) -> Any:
    from ldn_desk.errors import InputError
    from ldn_desk.store import Ingredient

    parts = [part.strip() for part in line.split("|")]
    if len(parts) != 5:
        raise InputError(f"--ingredient {number}", line, "needs five parts separated by |",
                         "Purified water | Baxter | W-77 | 2027-01 | 100 mL")  # fmt: skip
    return Ingredient(*parts)


def prepare(args: argparse.Namespace) -> Any:
    """The NewRecord the options describe, checked whole before the log is opened."""
    from ldn_desk.commands.record import build_recipe
    from ldn_desk.documents.pdfbase import parse_paper
    from ldn_desk.store import NewRecord

    inp, recipe = build_recipe(args)  # the recipe command's own checks and refusals
    inputs = {dest: getattr(args, dest) for dest in _recipe_options(args.kind) if dest != "help"}
    inputs["compounded"] = inp.compounded.isoformat()  # "today" must not move on a reprint
    results = _kind_modules()[args.kind].run(args)
    document = {key: getattr(args, key) for key in DOCUMENT_KEYS}
    document["paper"] = parse_paper(args.paper)  # the locale's default is fixed at the first print
    return NewRecord(
        kind=args.kind, rx_number=args.rx, patient=args.patient, patient_ref=args.patient_ref,
        compounded_on=inp.compounded, bud=recipe.bud.date, compounded_by=args.compounded_by,
        inputs=inputs, results=results, document=document,
        ingredients=tuple(_ingredient(line, n) for n, line in enumerate(args.ingredient, 1)),
    )  # fmt: skip


def add(store: Any, args: argparse.Namespace, new: Any) -> dict[str, Any]:
    return {"id": store.save_record(new), "status": "draft"}


def sign(store: Any, args: argparse.Namespace) -> dict[str, Any]:
    record = store.sign_off(args.id, args.checked_by)
    return {"id": record.id, "status": record.status, "signed_at": record.signed_at}


def record_argv(record: Record, output: str) -> list[str]:
    """`ldn-desk record …` arguments that print this record as it was first printed."""
    from ldn_desk.errors import LdnDeskError

    if record.kind not in _kind_modules():
        raise LdnDeskError(f"record {record.id} is of a kind this program cannot print")
    options = _recipe_options(record.kind)
    argv = ["record", record.kind]
    for dest, value in record.inputs.items():
        action = options.get(dest)
        if action is None or value is None or value is False or not action.option_strings:
            continue
        flag = max(action.option_strings, key=len)
        argv += [flag] if value is True else [flag, str(value)]
    names = {"--patient": record.patient, "--rx": record.rx_number, "--compounded-by": record.compounded_by,
             "--checked-by": record.checked_by or ""}  # fmt: skip
    for key in DOCUMENT_KEYS:
        if record.document.get(key) is not None:
            names[f"--{key}"] = str(record.document[key])
    for flag, value in names.items():
        argv += [flag, value]
    return [*argv, "--output", output]


def reprint(store: Any, args: argparse.Namespace) -> dict[str, Any]:
    from ldn_desk.cli import build_parser
    from ldn_desk.commands import record as record_command

    record = store.record(args.id)
    if "pharmacy" not in record.document:
        from ldn_desk.errors import LdnDeskError

        raise LdnDeskError(f"record {record.id} was saved without the pharmacy details its PDF needs")
    parsed = build_parser().parse_args(record_argv(record, args.output))
    printed = record_command.run(parsed)
    # Recalculated now: if this program computes the recipe differently, the PDF is not the same.
    again = json.loads(json.dumps(_kind_modules()[record.kind].run(parsed)))
    return {**printed, "id": record.id, "same_results_as_saved": again == record.results}
