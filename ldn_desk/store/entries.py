"""Log entries from recipes: the NewRecord a liquid or capsule batch saves, and its PDF made again.

A record keeps the recipe's options as `ldn-desk liquid`/`capsules` reads them (its inputs), that
command's JSON (its results) and the document settings (pharmacy, contact, prescriber, directions,
paper). Reprinting runs `ldn-desk record` with exactly those, so the PDF has the same bytes as the
first print. The command line (`ldn-desk log add`) and the app both build records here.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ldn_desk.store.records import Ingredient, NewRecord, Record

# Settings a record PDF needs beyond the recipe, stored with the record.
DOCUMENT_KEYS = ("pharmacy", "contact", "prescriber", "directions", "paper")


def kind_modules() -> dict[str, Any]:
    """The recipe command module of each kind of record."""
    from ldn_desk.cli.commands import capsules, liquid

    return {"liquid": liquid, "capsules": capsules}


def recipe_options(kind: str) -> dict[str, argparse.Action]:
    """The recipe command's own options by destination, read from its parser."""
    from ldn_desk.errors import InputError

    if kind not in kind_modules():
        raise InputError("kind", str(kind), "must be liquid or capsules", "liquid")
    probe = argparse.ArgumentParser(add_help=False)
    kind_modules()[kind].add_arguments(probe)
    return {action.dest: action for action in probe._actions}


def options_from_input(kind: str, inp: Any) -> dict[str, str | None]:
    """The recipe options (as text, like the command line) that describe a LiquidInput or
    CapsuleInput exactly: numbers are written in full, so reading them back gives the same input."""
    from ldn_desk.units.quantity import magnitude

    def exact(number: float) -> str:
        # Every digit (repr), but a whole number as one: "100 mL", not "100.0 mL".
        return str(int(number)) if number.is_integer() and abs(number) < 2**53 else repr(number)

    def amount(value: Any, unit: str) -> str | None:
        return None if value is None else f"{exact(magnitude(value, unit))} {unit}"

    def percent(value: float) -> str:
        return f"{exact(float(value))} %"

    common: dict[str, str | None] = {
        "strength": amount(inp.strength, "mg/mL" if kind == "liquid" else "mg"),
        "compounded": inp.compounded.isoformat(),
        "potency": percent(inp.potency_percent),
        "water": percent(inp.water_percent),
        "balance_mwq": amount(inp.balance_mwq, "mg"),
    }
    if kind == "liquid":
        tablets = inp.source == "tablets"
        return {
            **common,
            "volume": amount(inp.volume, "mL"),
            "source": inp.source,
            "tablet_strength": amount(inp.tablet_strength, "mg") if tablets else None,
            "formula": inp.formula,
            "salt": inp.powder_salt,
            # A tablet batch takes no assay or water: the tablet's label strength is what it holds.
            **({"potency": None, "water": None} if tablets else {}),
        }
    return {
        **common,
        "count": str(inp.count),
        "size": inp.size,
        "excipient": inp.excipient,
        "extra": str(inp.extra),
        "calibrated_fill": amount(inp.calibrated_fill, "mg"),
        "drug_density": amount(inp.drug_density, "g/mL"),
        "salt": inp.salt,
    }


def _namespace(kind: str, options: Mapping[str, Any]) -> argparse.Namespace:
    """The recipe command's parsed options: its defaults, then the options given."""
    known = recipe_options(kind)
    unknown = sorted(set(options) - set(known))
    if unknown:
        from ldn_desk.errors import InputError

        raise InputError("recipe options", ", ".join(unknown), "are not options of this recipe", "strength")
    values = {dest: action.default for dest, action in known.items() if dest != "help"}
    values.update(options)
    return argparse.Namespace(kind=kind, **values)


def recipe_from_options(kind: str, options: Mapping[str, Any]) -> Any:
    """The recipe the options describe, with the recipe command's own checks and refusals."""
    from ldn_desk.cli.commands.record import build_recipe

    return build_recipe(_namespace(kind, options))[1]


def new_record(
    kind: str,
    options: Mapping[str, Any],
    *,
    patient: str,
    rx_number: str,
    compounded_by: str,
    document: Mapping[str, Any],
    patient_ref: str = "",
    ingredients: Iterable[Ingredient | Mapping[str, str]] = (),
) -> NewRecord:
    """The NewRecord for a recipe given by its command options, checked whole before any saving.

    `document` holds DOCUMENT_KEYS; the paper is fixed here (the locale's default at first print).
    """
    from ldn_desk.cli.commands.record import build_recipe
    from ldn_desk.documents.pdfbase import parse_paper
    from ldn_desk.recipes.choices import DosageForm
    from ldn_desk.store.records import NewRecord

    args = _namespace(kind, options)
    inp, recipe = build_recipe(args)  # the recipe command's own checks and refusals
    inputs = {dest: getattr(args, dest) for dest in recipe_options(kind) if dest != "help"}
    inputs["compounded"] = inp.compounded.isoformat()  # "today" must not move on a reprint
    results = kind_modules()[kind].run(args)
    settings = {key: document.get(key) for key in DOCUMENT_KEYS}
    settings["paper"] = parse_paper(settings["paper"])
    return NewRecord(
        kind=DosageForm(kind), rx_number=rx_number, patient=patient, patient_ref=patient_ref,
        compounded_on=inp.compounded, bud=recipe.bud.date, compounded_by=compounded_by,
        inputs=inputs, results=results, document=settings, ingredients=tuple(ingredients),  # type: ignore[arg-type]
    )  # fmt: skip


def ingredient_lines(recipe: Any) -> list[tuple[str, str]]:
    """(name, amount) of each line of the printed record's formula table, in its order."""
    from ldn_desk.documents import record

    return record.ingredient_lines(recipe)


def record_argv(record: Record, output: str) -> list[str]:
    """`ldn-desk record …` arguments that print this record as it was first printed."""
    from ldn_desk.errors import LdnDeskError

    if record.kind not in kind_modules():
        raise LdnDeskError(f"record {record.id} is of a kind this program cannot print")
    options = recipe_options(record.kind)
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


def reprint(record: Record, output: str) -> dict[str, Any]:
    """Write the record's PDF to `output` as first printed; says whether today's calculation agrees."""
    from ldn_desk.cli import build_parser
    from ldn_desk.cli.commands import record as record_command
    from ldn_desk.errors import LdnDeskError

    if "pharmacy" not in record.document:
        raise LdnDeskError(f"record {record.id} was saved without the pharmacy details its PDF needs")
    parsed = build_parser().parse_args(record_argv(record, output))
    printed = record_command.run(parsed)
    # Recalculated now: if this program computes the recipe differently, the PDF is not the same.
    again = json.loads(json.dumps(kind_modules()[record.kind].run(parsed)))
    return {**printed, "id": record.id, "same_results_as_saved": again == record.results}


def reprint_pdf(record: Record) -> tuple[bytes, bool]:
    """The record's PDF bytes as first printed, and whether today's calculation still agrees."""
    with tempfile.TemporaryDirectory(prefix="ldn-desk-") as folder:
        target = Path(folder) / "record.pdf"
        done = reprint(record, str(target))
        return target.read_bytes(), bool(done["same_results_as_saved"])


def parse_ingredient_lines(lines: Sequence[str]) -> tuple[Ingredient, ...]:
    """Ingredient lines written "name | maker | lot | expiry | actual amount" (the command line's form)."""
    from ldn_desk.errors import InputError
    from ldn_desk.store.records import Ingredient

    made: list[Ingredient] = []
    for number, line in enumerate(lines, 1):
        parts = [part.strip() for part in line.split("|")]
        if len(parts) != 5:
            raise InputError(f"--ingredient {number}", line, "needs five parts separated by |",
                             "Purified water | Baxter | W-77 | 2027-01 | 100 mL")  # fmt: skip
        made.append(Ingredient(*parts))
    return tuple(made)
