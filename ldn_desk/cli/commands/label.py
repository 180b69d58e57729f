"""ldn-desk label: container labels for a liquid or capsule batch, on a label sheet or a one-label page."""

from __future__ import annotations

import argparse
from typing import Any

from ldn_desk.cli.commands.handout import add_language_option, write_document
from ldn_desk.cli.commands.options import naming_options
from ldn_desk.cli.commands.record import (
    LABEL_OPTION_FOR_FIELD,
    add_kind_subcommands,
    build_recipe,
    label_directions,
    pharmacy_info,
)

HELP = "container labels (PDF) for a liquid or capsule batch, on a named sheet or single-label layout"


def _label_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--layout",
        metavar="NAME",
        help="label layout, e.g. avery_l7163, letter_5163, single_4x2in (default by locale)",
    )
    parser.add_argument("--copies", default="1", metavar="N", help="how many labels (default 1)")
    parser.add_argument("--skip", default="0", metavar="N", help="labels already used on the first sheet")
    parser.add_argument("--outline", action="store_true", help="draw cut lines (for plain paper)")
    add_language_option(parser)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_kind_subcommands(parser, _label_options, "labels.pdf")


def _run(args: argparse.Namespace) -> dict[str, Any]:
    from ldn_desk.desk import Desk, DeskSettings
    from ldn_desk.documents.label import MAX_COPIES
    from ldn_desk.units.quantity import parse_count

    inp, recipe = build_recipe(args)
    info = pharmacy_info(args, inp.compounded)
    desk = Desk(DeskSettings(label_layout=args.layout))
    layout = desk.label_layout()
    copies = parse_count(args.copies, "copies", maximum=MAX_COPIES, example="1")
    skip = parse_count(args.skip, "skip", minimum=0, maximum=layout.per_page - 1, example="0")
    directions = label_directions(args)
    language = desk.check_language(args.language)
    pdf = desk.label_pdf(
        recipe, info, copies=copies, skip=skip, directions=directions, outline=args.outline, language=language
    )
    return {
        "document": "labels",
        "kind": args.kind,
        **write_document(pdf, args.output, "labels.pdf"),
        "layout": layout.key,
        "layout_title": layout.title,
        "copies": copies,
        "language": language,
        "lines": desk.label_lines(recipe, info, directions, language=language),
    }


# A refusal names the document's option (the recipe's own are named by build_recipe).
run = naming_options(_run, LABEL_OPTION_FOR_FIELD)


def render(payload: dict[str, Any]) -> str:
    copies = payload["copies"]
    head = (
        f"Wrote {copies} label{'s' if copies != 1 else ''} ({payload['layout_title']}) to {payload['file']}, "
        f"{payload['pages']} page{'s' if payload['pages'] != 1 else ''}."
    )
    return "\n".join([head, *(f"  {line}" for line in payload["lines"])])
