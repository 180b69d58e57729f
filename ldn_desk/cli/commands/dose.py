"""ldn-desk dose: the volume of a liquid that gives a dose, and the oral syringe that measures it."""

from __future__ import annotations

import argparse
from typing import Any

from ldn_desk.cli.commands.options import naming_options

HELP = "volume of an oral liquid for a dose, and the smallest oral syringe that measures it"

# A field the core names -> the option a person typed, as the other commands do.
OPTION_FOR_FIELD = {
    "dose": "--dose",
    "strength": "--strength",
    "syringe size": "--syringe-size",
    "graduation": "--graduation",
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--dose", required=True, metavar="AMOUNT", help='the dose, e.g. "1.5 mg"')
    parser.add_argument(
        "--strength", required=True, metavar="AMOUNT", help='strength of the liquid, e.g. "1 mg/mL"'
    )
    parser.add_argument(
        "--syringe-size",
        metavar="VOLUME",
        help='measure with this one syringe instead of the usual set, e.g. "3 mL" (needs --graduation)',
    )
    parser.add_argument(
        "--graduation",
        metavar="VOLUME",
        help='volume between two marks on that syringe, e.g. "0.1 mL" (needs --syringe-size)',
    )


def _run(args: argparse.Namespace) -> dict[str, Any]:
    # The core is imported here, not at the top, so `ldn-desk --help` starts fast.
    from ldn_desk.cli.commands.common import alerts_json, mg_field, mg_per_ml_field, ml_field
    from ldn_desk.desk import Desk, DoseRequest, NearestVolume, Syringe
    from ldn_desk.errors import InputError
    from ldn_desk.units.quantity import Kind, magnitude, parse_quantity

    dose = parse_quantity(args.dose, Kind.MASS, "dose")
    strength = parse_quantity(args.strength, Kind.CONCENTRATION, "strength")
    syringes: tuple[Syringe, ...] | None = None
    if (args.syringe_size is None) != (args.graduation is None):
        given, missing = (
            ("syringe size", "--graduation") if args.graduation is None else ("graduation", "--syringe-size")
        )
        shown = args.syringe_size if args.graduation is None else args.graduation
        raise InputError(
            given,
            shown,
            f"give {missing} too, or neither to use the usual syringes",
            '--syringe-size "3 mL" --graduation "0.1 mL"',
        )
    if args.syringe_size is not None:
        size = parse_quantity(args.syringe_size, Kind.VOLUME, "syringe size")
        graduation = parse_quantity(args.graduation, Kind.VOLUME, "graduation")
        syringes = (Syringe(magnitude(size, "mL"), magnitude(graduation, "mL")),)

    request = DoseRequest(magnitude(dose, "mg"), magnitude(strength, "mg/mL"), syringes)
    result = Desk().dose_volume(request)

    def syringe_fields(syringe: Syringe | None) -> dict[str, Any]:
        if syringe is None:
            return {
                "syringe": None,
                "syringe_ml": None,
                "syringe_ml_text": None,
                "graduation_ml": None,
                "graduation_ml_text": None,
            }
        return {
            "syringe": syringe.label,
            **ml_field("syringe_ml", syringe.capacity_ml),
            **ml_field("graduation_ml", syringe.graduation_ml),
        }

    def nearest_json(option: NearestVolume) -> dict[str, Any]:
        return {
            **ml_field("volume_ml", option.volume_ml),
            **mg_field("dose_mg", option.dose_mg),
            **syringe_fields(option.syringe),
        }

    return {
        **mg_field("dose_mg", result.dose_mg),
        **mg_per_ml_field("strength_mg_per_ml", result.strength_mg_per_ml),
        **ml_field("volume_ml", result.volume_ml),
        # A volume that cannot be measured is written as calculated (2.25 mL, never "2.3 mL").
        "volume_ml_text": result.volume_text,
        "calculated_volume_text": result.calculated_volume_text,
        "measurable": result.measurable,
        "marks": result.marks,
        "min_marks": result.min_marks,
        "few_marks": result.few_marks,
        "better": [
            {
                **mg_per_ml_field("strength_mg_per_ml", choice.strength_mg_per_ml),
                **ml_field("volume_ml", choice.volume_ml),
                **syringe_fields(choice.syringe),
                "marks": choice.marks,
                "finer_syringe": choice.finer_syringe,
                "text": choice.text,
            }
            for choice in result.better
        ],
        **syringe_fields(result.syringe),
        "nearest": [nearest_json(option) for option in result.nearest],
        "warnings": alerts_json(result.alerts),
    }


run = naming_options(_run, OPTION_FOR_FIELD)


def render(payload: dict[str, Any]) -> str:
    from ldn_desk.cli.commands.common import bullet_lines

    liquid = f"{payload['dose_mg_text']} of a {payload['strength_mg_per_ml_text']} liquid"
    if payload["few_marks"]:
        # Measurable, but too coarse to hand to a patient: said before the direction, not after it.
        lines = [
            f"{liquid} is {payload['volume_ml_text']}.",
            f"TOO FEW MARKS: {payload['volume_ml_text']} is only {payload['marks']} marks on the "
            f"{payload['syringe']}; a dose needs at least {payload['min_marks']}.",
        ]
        lines += [f"Better: {choice['text']}." for choice in payload["better"]]
    elif payload["measurable"]:
        lines = [
            f"{liquid} is {payload['volume_ml_text']}.",
            f"Measure {payload['volume_ml_text']} with the {payload['syringe']}.",
        ]
    else:
        # Not the rounded direction text: 1.25 mg of 1 mg/mL is 1.25 mL, never "1.3 mL".
        lines = [
            f"{liquid} is {payload['calculated_volume_text']} by calculation.",
            "Not measurable with these syringes.",
        ]
    nearest = [
        f"{option['volume_ml_text']} gives {option['dose_mg_text']}, on the {option['syringe']}"
        for option in payload["nearest"]
    ]
    for block in (
        # Each is a different dose from the one prescribed; the heading says so before any number.
        bullet_lines("Nearest measurable volumes (each a different dose):", nearest),
        bullet_lines("Warnings:", payload["warnings"]),
    ):
        if block:
            lines.append(block)
    return "\n".join(lines)
