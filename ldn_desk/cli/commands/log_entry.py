"""ldn-desk log add, sign and reprint: a record made from the recipe options, and its PDF made again.

The record itself is built, and printed again, by `ldn_desk.store.entries`, which the app uses too.
"""

from __future__ import annotations

import argparse
from typing import Any


def _kind_modules() -> dict[str, Any]:
    from ldn_desk.store.entries import kind_modules

    return kind_modules()


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


def prepare(args: argparse.Namespace) -> Any:
    """The NewRecord the options describe, checked whole before the log is opened."""
    from ldn_desk.store import entries

    options = {dest: getattr(args, dest) for dest in entries.recipe_options(args.kind) if dest != "help"}
    return entries.new_record(
        args.kind, options, patient=args.patient, patient_ref=args.patient_ref, rx_number=args.rx,
        compounded_by=args.compounded_by, document={key: getattr(args, key) for key in entries.DOCUMENT_KEYS},
        ingredients=entries.parse_ingredient_lines(args.ingredient),
    )  # fmt: skip


def add(store: Any, args: argparse.Namespace, new: Any) -> dict[str, Any]:
    return {"id": store.save_record(new), "status": "draft"}


def sign(store: Any, args: argparse.Namespace) -> dict[str, Any]:
    record = store.sign_off(args.id, args.checked_by)
    return {"id": record.id, "status": record.status, "signed_at": record.signed_at}


def reprint(store: Any, args: argparse.Namespace) -> dict[str, Any]:
    from ldn_desk.store.entries import reprint as reprint_record

    return reprint_record(store.record(args.id), args.output)
