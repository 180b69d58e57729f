"""ldn-desk liquid: a liquid LDN batch — tablets or powder, volume made up, steps, BUD and labels."""

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
    from ldn_desk.desk import LiquidInput, LiquidRecipe

HELP = "liquid recipe: whole tablets or weighed powder, volume made up (q.s.), steps, beyond-use date"

# LiquidInput's field -> the option a person typed, so a refusal names what they can change.
OPTION_FOR_FIELD = {
    "strength": "--strength",
    "volume": "--volume",
    "compounded": "--compounded",
    "source": "--source",
    "tablet_strength": "--tablet-strength",
    "formula": "--formula",
    "powder_salt": "--salt",
    **POWDER_OPTION_FOR_FIELD,
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--strength", required=True, metavar="STRENGTH", help='strength wanted, e.g. "1 mg/mL"'
    )
    parser.add_argument("--volume", required=True, metavar="VOLUME", help='volume wanted, e.g. "100 mL"')
    add_compounded_argument(parser)
    parser.add_argument("--source", default="tablets", metavar="SOURCE", help="tablets (default) or powder")
    parser.add_argument(
        "--tablet-strength", metavar="AMOUNT", help='naltrexone HCl per tablet (default "50 mg")'
    )
    parser.add_argument(
        "--formula",
        default="water",
        metavar="KEY",
        help="vehicle: water (default) or fawcett_1997 (preserved)",
    )
    add_powder_arguments(
        parser,
        potency_help='powder assay from the certificate, e.g. "99.5 %%"',
        water_help='powder water content from the certificate, e.g. "0.5 %%"',
    )


def as_option(error: Exception) -> Exception:
    """The refusal naming the liquid option to change."""
    return options.as_option(error, OPTION_FOR_FIELD)


def read_input(args: argparse.Namespace) -> LiquidInput:
    """The LiquidInput the options describe; a refusal names the option."""
    from ldn_desk.desk import LiquidInput
    from ldn_desk.errors import InputError
    from ldn_desk.recipes.liquid.recipe import formulas
    from ldn_desk.units.quantity import Kind, parse_quantity

    values: dict[str, Any] = {
        "strength": parse_quantity(args.strength, Kind.CONCENTRATION, "--strength"),
        "volume": parse_quantity(args.volume, Kind.VOLUME, "--volume"),
        "compounded": compounded_date(args),
        "source": choice(args.source, {"tablets": "tablets", "powder": "powder"}, "--source", "tablets"),
        "formula": choice(args.formula, {key: key for key in formulas()}, "--formula", "water"),
        "powder_salt": choice(args.salt, SALTS, "--salt", "HCl"),
    }
    if args.tablet_strength is not None:
        values["tablet_strength"] = parse_quantity(args.tablet_strength, Kind.MASS, "--tablet-strength")
    values.update(certificate_values(args))
    if args.balance_mwq is not None:
        values["balance_mwq"] = parse_quantity(args.balance_mwq, Kind.MASS, "--balance-mwq")
    try:
        return LiquidInput(**values)
    except InputError as error:
        raise as_option(error) from None


def _dilution_json(recipe: LiquidRecipe) -> dict[str, Any] | None:
    from ldn_desk.cli.commands.common import mg_field, mg_per_ml_field, ml_field

    dilution = recipe.dilution
    if dilution is None:
        return None
    powder = dilution.stock_powder_mg
    return {
        **mg_per_ml_field("stock_mg_per_ml", dilution.stock_mg_per_ml),
        "stock_tablets": dilution.stock_tablets,
        **(
            mg_field("stock_powder_mg", powder)
            if powder is not None
            else {"stock_powder_mg": None, "stock_powder_mg_text": None}
        ),
        **mg_field("stock_hcl_mg", dilution.stock_hcl_mg),
        **ml_field("stock_volume_ml", dilution.stock_volume_ml),
        **ml_field("aliquot_ml", dilution.aliquot_ml),
        **mg_field("aliquot_hcl_mg", dilution.aliquot_hcl_mg),
        **ml_field("final_volume_ml", dilution.final_volume_ml),
        **ml_field("discard_ml", dilution.leftover_ml),
        "aliquot_measure": None if dilution.measure is None else dilution.measure.text,
    }


def run(args: argparse.Namespace) -> dict[str, Any]:
    # The core is imported here, not at the top, so `ldn-desk --help` starts fast.
    from ldn_desk.cli.commands.common import alerts_json, mg_field, mg_per_ml_field, ml_field
    from ldn_desk.desk import Desk
    from ldn_desk.errors import InputError
    from ldn_desk.recipes.liquid.model import Source
    from ldn_desk.units.dates import long_date

    inp = read_input(args)
    try:
        recipe = Desk().liquid_recipe(inp)
    except InputError as error:  # a volume that cannot be made names the --volume option
        raise as_option(error) from None
    weigh = recipe.weigh_powder_mg
    return {
        "source": recipe.source,
        "powder_salt": inp.powder_salt if recipe.source == Source.POWDER else None,
        "tablets": recipe.tablets,
        **mg_field("tablet_strength_mg", recipe.tablet_strength_mg),
        **mg_field("naltrexone_hcl_mg", recipe.naltrexone_hcl_mg),
        **ml_field("batch_volume_ml", recipe.batch_volume_ml),
        **ml_field("wanted_volume_ml", recipe.wanted_volume_ml),
        **ml_field("dispensed_volume_ml", recipe.dispensed_ml),
        **ml_field("surplus_ml", recipe.surplus_ml),
        **mg_per_ml_field("concentration_mg_per_ml", recipe.concentration_mg_per_ml),
        **(
            mg_field("weigh_powder_mg", weigh)
            if weigh is not None
            else {"weigh_powder_mg": None, "weigh_powder_mg_text": None}
        ),
        "dilution": _dilution_json(recipe),
        "suspension": recipe.is_suspension,
        "formula": recipe.formula,
        "formula_name": recipe.formula_name,
        "container": recipe.container,
        "ingredients": [
            {"name": item.name, "amount_text": item.amount_text, "count": item.count}
            for item in recipe.ingredients
        ],
        "compounded": inp.compounded.isoformat(),
        "compounded_text": long_date(inp.compounded),
        "bud": recipe.bud.date.isoformat(),
        "bud_text": long_date(recipe.bud.date),
        "bud_days": recipe.bud.days,
        "bud_basis": recipe.bud_basis,
        "storage": recipe.storage,
        "auxiliary_labels": list(recipe.auxiliary_labels),
        "steps": list(recipe.steps),
        "warnings": alerts_json(recipe.alerts),
        "alerts": [{"level": alert.level.value, "text": alert.text} for alert in recipe.alerts],
    }


def render(payload: dict[str, Any]) -> str:
    from ldn_desk.cli.commands.common import bullet_lines

    form = "oral suspension" if payload["suspension"] else "oral solution"
    if payload["source"] == "tablets":
        tablets = payload["tablets"]
        drug = f"{tablets} × {payload['tablet_strength_mg_text']} tablet{'s' if tablets != 1 else ''}"
    else:
        drug = f"{payload['weigh_powder_mg_text']} of naltrexone {payload['powder_salt']} powder"
    if payload["dilution"] is not None:
        drug += f" (for a {payload['dilution']['stock_mg_per_ml_text']} stock)"
    made = payload["batch_volume_ml_text"]
    if payload["surplus_ml"]:
        made += (
            f" made, {payload['dispensed_volume_ml_text']} dispensed ({payload['surplus_ml_text']} discarded)"
        )
    lines = [
        f"Naltrexone HCl {payload['concentration_mg_per_ml_text']} {form}, {made} — {payload['formula_name']}.",
        f"Drug: {drug}; {payload['naltrexone_hcl_mg_text']} naltrexone HCl in the batch.",
        # The basis has parentheses of its own (a study and its conditions): a line of its own.
        f"Do not use after {payload['bud_text']}. {payload['storage']}.",
        f"Beyond-use date: {payload['bud_basis']}.",
    ]
    ingredients = [f"{item['name']}: {item['amount_text']}" for item in payload["ingredients"]]
    for block in (
        bullet_lines("Ingredients:", ingredients),
        bullet_lines("Steps:", payload["steps"], numbered=True),
        bullet_lines("Labels:", payload["auxiliary_labels"]),
        bullet_lines("Warnings:", payload["warnings"]),
    ):
        if block:
            lines.append(block)
    return "\n".join(lines)
