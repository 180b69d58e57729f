"""Reading the commands' options with the core's parsers, and naming the option in a refusal."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

# Only the errors module is imported at the top: `ldn-desk --help` loads every command.
from ldn_desk.errors import InputError, RecipeError

Run = Callable[[argparse.Namespace], dict[str, Any]]


def as_option(error: Exception, option_for_field: Mapping[str, str]) -> Exception:
    """The same refusal, naming the option a person typed instead of the core's field where
    `option_for_field` has one; any other error is returned as it is."""
    option = option_for_field.get(getattr(error, "field", None) or "")
    if option is None:
        return error
    if isinstance(error, InputError):
        return type(error)(option, error.text, error.problem, error.example)
    if isinstance(error, RecipeError):
        # A recipe that cannot be made names the option to change, like any refusal.
        return RecipeError(f"{option}: {error}", error.field)
    return error


def naming_options(run: Run, option_for_field: Mapping[str, str]) -> Run:
    """`run`, whose input refusals name the option a person typed (see as_option)."""

    def run_naming_options(args: argparse.Namespace) -> dict[str, Any]:
        try:
            return run(args)
        except InputError as error:
            raise as_option(error, option_for_field) from None

    return run_naming_options


def choice(text: str, options: dict[str, str], field: str, example: str) -> str:
    """One of `options` (typed in any case, keyed in lower case), or a refusal that lists them."""
    chosen = options.get(str(text).strip().lower())
    if chosen is None:
        raise InputError(field, text, f"must be one of {', '.join(options.values())}", example)
    return chosen


SALTS = {"hcl": "HCl", "base": "base"}


# The input fields the options of add_powder_arguments fill (the salt's field is each input's own).
POWDER_OPTION_FOR_FIELD = {
    "potency_percent": "--potency",
    "water_percent": "--water",
    "balance_mwq": "--balance-mwq",
}


def add_powder_arguments(parser: argparse.ArgumentParser, *, potency_help: str, water_help: str) -> None:
    """--potency, --water, --salt and --balance-mwq: the powder's certificate and the balance."""
    parser.add_argument("--potency", metavar="PERCENT", help=potency_help)
    parser.add_argument("--water", metavar="PERCENT", help=water_help)
    parser.add_argument(
        "--salt", default="HCl", metavar="SALT", help="the powder weighed: HCl (default) or base"
    )
    parser.add_argument(
        "--balance-mwq",
        metavar="AMOUNT",
        help='minimum weighable quantity of the balance (default "120 mg", Class A)',
    )


def certificate_values(args: argparse.Namespace) -> dict[str, float]:
    """potency_percent and water_percent from --potency and --water, where they were given."""
    from ldn_desk.units.quantity import Kind, magnitude, parse_quantity

    values: dict[str, float] = {}
    if args.potency is not None:
        values["potency_percent"] = magnitude(
            parse_quantity(args.potency, Kind.PERCENT, "--potency"), "percent"
        )
    if args.water is not None:
        water = parse_quantity(args.water, Kind.PERCENT, "--water", allow_zero=True)
        values["water_percent"] = magnitude(water, "percent")
    return values


def add_compounded_argument(parser: argparse.ArgumentParser) -> None:
    """--compounded, read by compounded_date."""
    parser.add_argument(
        "--compounded", metavar="DATE", help="date of compounding, e.g. 2026-12-01 (default today)"
    )


def compounded_date(args: argparse.Namespace) -> dt.date:
    """The --compounded date, today when it was not given."""
    from ldn_desk.units.dates import parse_date

    return dt.date.today() if args.compounded is None else parse_date(args.compounded, "--compounded")


def add_log_location(parser: argparse.ArgumentParser, *, on_action: bool = False) -> None:
    """--data-dir and --database: which log a command works on. Each action takes them again
    (and --json), so `ldn-desk log list --json` reads as naturally as `ldn-desk log --json list`."""
    kept: dict[str, Any] = {"default": argparse.SUPPRESS} if on_action else {}
    parser.add_argument(
        "--data-dir", metavar="DIR", help="data folder (default: $LDN_DESK_DATA_DIR or the user's)", **kept
    )
    parser.add_argument(
        "--database",
        metavar="URL",
        help="a shared log on PostgreSQL, postgresql://user@host:port/dbname "
        "(default: $LDN_DESK_DATABASE; without either, the log on this computer)",
        **kept,
    )
    if on_action:
        parser.add_argument(
            "--json", action="store_true", default=argparse.SUPPRESS, help="print one JSON object"
        )
