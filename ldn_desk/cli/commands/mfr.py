"""ldn-desk mfr: the master formulation records, listed, or one printed as a PDF."""

from __future__ import annotations

import argparse
from typing import Any

from ldn_desk.cli.commands.handout import OPTION_FOR_FIELD, write_document
from ldn_desk.cli.commands.options import naming_options

HELP = "master formulation records (MFR): list them, or print one (PDF) by its identifier"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "mfr", nargs="?", metavar="ID", help="the MFR to print, e.g. LDN-MFR-L1 (none: list them all)"
    )
    parser.add_argument("-o", "--output", metavar="FILE.pdf", help="the PDF to write, e.g. mfr.pdf")
    parser.add_argument("--pharmacy", default="", metavar="NAME", help="pharmacy name for the header")
    parser.add_argument("--paper", metavar="SIZE", help="a4 or letter (default: from the locale)")


def _listed(mfr: Any) -> dict[str, Any]:
    return {
        "id": mfr.id,
        "version": mfr.version,
        "effective": mfr.effective,
        "key": mfr.key,
        "title": mfr.title,
        "form": mfr.form,
        "made_from": mfr.made_from,
        "formula": mfr.formula,
        "method": mfr.method,
    }


def _run(args: argparse.Namespace) -> dict[str, Any]:
    from ldn_desk.desk import Desk, DeskSettings
    from ldn_desk.errors import InputError

    desk = Desk(DeskSettings(paper=args.paper))
    if args.mfr is None:
        if args.output:
            raise InputError(
                "output", args.output, "needs the MFR to print; name one", "LDN-MFR-L1 -o mfr.pdf"
            )
        if args.pharmacy:
            # Printed on an MFR only: a listing would drop it unread (and unchecked) without a word.
            raise InputError(
                "pharmacy",
                None,
                "is printed on an MFR; name the one to print",
                "LDN-MFR-L1 --pharmacy NAME -o mfr.pdf",
            )
        return {"document": "mfr list", "mfrs": [_listed(mfr) for mfr in desk.mfrs()]}
    mfr = desk.mfr(args.mfr)
    if not args.output:
        raise InputError("output", None, "is needed to print the MFR", "mfr.pdf")
    pdf = desk.mfr_pdf(mfr, pharmacy=args.pharmacy)
    return {"document": "mfr", **_listed(mfr), **write_document(pdf, args.output, "mfr.pdf")}


run = naming_options(_run, {**OPTION_FOR_FIELD, "mfr": "ID"})


def render(payload: dict[str, Any]) -> str:
    if payload["document"] == "mfr list":
        return "\n".join(
            f"{mfr['id']} version {mfr['version']} ({mfr['effective']}): {mfr['title']}"
            for mfr in payload["mfrs"]
        )
    pages = payload["pages"]
    return (
        f"Wrote the master formulation record {payload['id']} version {payload['version']} to "
        f"{payload['file']} ({pages} page{'s' if pages != 1 else ''})."
    )
