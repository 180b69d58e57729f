"""ldn-desk capsules: an LDN capsule batch — powder and filler to weigh, fill, QC, aliquot, BUD."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from ldn_desk.cli.commands import options
from ldn_desk.cli.commands.options import (
    POWDER_OPTION_FOR_FIELD,
    SALTS,
    add_compounded_argument,
    add_powder_arguments,
    certificate_values,
    choice,
    compounded_date,
)

if TYPE_CHECKING:
    from ldn_desk.desk import CapsuleInput
    from ldn_desk.units.quantity import Amount

HELP = "capsule recipe: drug and filler to weigh, fill weight, QC limits, aliquot, beyond-use date"

# CapsuleInput's field -> the option a person typed, so a refusal names what they can change.
OPTION_FOR_FIELD = {
    "strength": "--strength",
    "count": "--count",
    "compounded": "--compounded",
    "size": "--size",
    "excipient": "--excipient",
    "extra": "--extra",
    "calibrated_fill": "--calibrated-fill",
    "drug_density": "--drug-density",
    "salt": "--salt",
    **POWDER_OPTION_FOR_FIELD,
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--strength", required=True, metavar="AMOUNT", help='naltrexone HCl per capsule, e.g. "1.5 mg"'
    )
    parser.add_argument("--count", required=True, metavar="N", help="capsules for the patient, e.g. 30")
    parser.add_argument(
        "--size", metavar="SIZE", help="capsule size 000 to 5 (default: the smallest that holds the fill)"
    )
    parser.add_argument("--excipient", default="mcc", metavar="KEY", help="filler: mcc (default) or lactose")
    parser.add_argument(
        "--extra", metavar="N", help="extra capsules for losses in filling (default and minimum 1)"
    )
    parser.add_argument(
        "--calibrated-fill",
        metavar="AMOUNT",
        help='measured filler weight per capsule of this lot and size, e.g. "92 mg" (calibrated method)',
    )
    parser.add_argument(
        "--drug-density",
        metavar="DENSITY",
        help='measured bulk density of the powder, e.g. "0.5 g/mL" (default: it displaces its own weight)',
    )
    add_powder_arguments(
        parser,
        potency_help='assay from the certificate, e.g. "99.5%%" (default 100%%)',
        water_help='water content from the certificate, e.g. "0.5%%" (default 0)',
    )
    add_compounded_argument(parser)


def _mass(text: str, field: str, example: str) -> Amount:
    """A weight, refused with an example that fits this option rather than a dose."""
    from ldn_desk.errors import InputError
    from ldn_desk.units.quantity import Kind, parse_quantity

    try:
        return parse_quantity(text, Kind.MASS, field)
    except InputError as error:
        raise InputError(error.field, error.text, error.problem, example) from None


def read_input(args: argparse.Namespace) -> CapsuleInput:
    """The CapsuleInput the options describe; a refusal names the option."""
    from ldn_desk.desk import CapsuleInput
    from ldn_desk.errors import InputError
    from ldn_desk.recipes.capsules.recipe import capsule_sizes, excipients
    from ldn_desk.reference.capsules import capsule_table
    from ldn_desk.units.quantity import Kind, parse_count, parse_quantity

    min_extra = capsule_table().making.min_extra_capsules
    values: dict[str, Any] = {
        "strength": parse_quantity(args.strength, Kind.MASS, "--strength"),
        "count": parse_count(args.count, "--count"),
        "compounded": compounded_date(args),
        "excipient": choice(args.excipient, {key: key for key in excipients()}, "--excipient", "mcc"),
        "salt": choice(args.salt, SALTS, "--salt", "HCl"),
    }
    if args.size is not None:
        values["size"] = choice(args.size, {size: size for size in capsule_sizes()}, "--size", "3")
    if args.extra is not None:
        values["extra"] = parse_count(args.extra, "--extra", minimum=min_extra, example="1")
    if args.calibrated_fill is not None:
        values["calibrated_fill"] = _mass(args.calibrated_fill, "--calibrated-fill", "92 mg")
    if args.drug_density is not None:
        values["drug_density"] = parse_quantity(args.drug_density, Kind.DENSITY, "--drug-density")
    values.update(certificate_values(args))
    if args.balance_mwq is not None:
        values["balance_mwq"] = _mass(args.balance_mwq, "--balance-mwq", "120 mg")
    try:
        return CapsuleInput(**values)
    except InputError as error:
        raise as_option(error) from None


def as_option(error: Exception) -> Exception:
    """The refusal naming the capsules option to change (an input or a recipe that cannot be made)."""
    return options.as_option(error, OPTION_FOR_FIELD)


def run(args: argparse.Namespace) -> dict[str, Any]:
    # The core is imported here, not at the top, so `ldn-desk --help` starts fast.
    from ldn_desk.cli.commands.common import alerts_json, mg_field, number
    from ldn_desk.desk import Desk
    from ldn_desk.errors import InputError, RecipeError
    from ldn_desk.units.dates import long_date
    from ldn_desk.units.dose_text import percent_text

    inp = read_input(args)
    try:
        result = Desk().capsule_recipe(inp)
    except (InputError, RecipeError) as error:  # refusals name the option to change
        raise as_option(error) from None

    aliquot: dict[str, Any] | None = None
    if result.aliquot is not None:
        plan = result.aliquot
        after = result.excipient_after_aliquot_mg or 0.0
        aliquot = {
            **mg_field("weigh_api_mg", plan.weigh_api_mg),
            **mg_field("diluent_mg", plan.diluent_mg),
            **mg_field("dilute_to_mg", plan.dilute_to_mg),
            **mg_field("take_mg", plan.take_mg),
            **mg_field("drug_in_take_mg", plan.drug_in_take_mg),
            **mg_field("discard_mg", plan.discard_mg),
            **mg_field("excipient_after_mg", after),
            "stages": plan.stages,
            # the first of two mixtures, and the part of it diluted again (null with one stage)
            **(
                {
                    **mg_field("first_total_mg", plan.first_total_mg),
                    **mg_field("first_take_mg", plan.first_take_mg),
                }
                if plan.first_total_mg is not None and plan.first_take_mg is not None
                else {"first_total_mg": None, "first_take_mg": None}
            ),
            "steps": list(plan.steps),
        }
    return {
        "capsules": result.capsules,
        "count": result.count,
        "extra": result.extra,
        "size": result.size,
        "size_suggested": result.size_suggested,
        "method": result.method,
        "excipient": inp.excipient,
        "excipient_name": result.excipient_name,
        "powder": result.powder_name,
        **mg_field("strength_mg", result.drug_per_capsule_mg),
        **mg_field("api_mg", result.api_mg),
        **mg_field("drug_hcl_mg", result.drug_hcl_mg),
        **mg_field("excipient_mg", result.excipient_mg),
        **mg_field("batch_fill_mg", result.batch_fill_mg),
        **mg_field("fill_per_capsule_mg", result.fill_per_capsule_mg),
        **mg_field("powder_per_capsule_mg", result.powder_per_capsule_mg),
        **mg_field("excipient_per_capsule_mg", result.excipient_per_capsule_mg),
        "drug_share_percent": number(result.drug_share_percent),
        "drug_share_percent_text": percent_text(result.drug_share_percent),
        "aliquot": aliquot,
        "qc": {
            **mg_field("each_low_mg", result.qc_each_low_mg),
            **mg_field("each_high_mg", result.qc_each_high_mg),
            **mg_field("average_low_mg", result.qc_average_low_mg),
            **mg_field("average_high_mg", result.qc_average_high_mg),
        },
        "compounded": inp.compounded.isoformat(),
        "compounded_text": long_date(inp.compounded),
        "bud": result.bud.date.isoformat(),
        "bud_text": long_date(result.bud.date),
        "bud_days": result.bud.days,
        "bud_basis": result.bud.basis,
        "storage": result.storage,
        "steps": list(result.steps),
        "warnings": alerts_json(result.alerts),
        "alerts": [{"level": alert.level.value, "text": alert.text} for alert in result.alerts],
    }


def render(payload: dict[str, Any]) -> str:
    from ldn_desk.cli.commands.common import bullet_lines

    drug = f"{payload['api_mg_text']} of {payload['powder']}"
    if payload["aliquot"] is not None:
        drug += " (by the aliquot method)"
    size_note = " (suggested)" if payload["size_suggested"] else ""
    lines = [
        f"{payload['capsules']} capsules of {payload['strength_mg_text']} naltrexone HCl, "
        f"size {payload['size']}{size_note}, {payload['method']} method, {payload['excipient_name']}.",
        f"Into the batch: {drug} and {payload['excipient_mg_text']} of filler; "
        f"{payload['fill_per_capsule_mg_text']} in each capsule.",
        f"QC: each {payload['qc']['each_low_mg_text']} to {payload['qc']['each_high_mg_text']}; "
        f"average {payload['qc']['average_low_mg_text']} to {payload['qc']['average_high_mg_text']}.",
        f"Do not use after {payload['bud_text']}. {payload['storage']}.",
    ]
    for block in (
        bullet_lines("Steps:", payload["steps"], numbered=True),
        bullet_lines("Warnings:", payload["warnings"]),
    ):
        if block:
            lines.append(block)
    return "\n".join(lines)
