"""Records saved before their data carried a format number: inputs as option text, results as JSON.

Those records kept the recipe's options as a person types them ("1 mg/mL", "30", None for an
option left out) and the recipe command's JSON as their results. They are read here with the
core's strict parser, never through the command line, and compared with today's calculation on
the fields both hold.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ldn_desk.errors import InputError
from ldn_desk.recipes.capsules.recipe import CapsuleInput
from ldn_desk.recipes.liquid.recipe import LiquidInput
from ldn_desk.recipes.records import Difference, RecipeInput, differences
from ldn_desk.units.dates import parse_date
from ldn_desk.units.quantity import Kind, magnitude, parse_count, parse_quantity

_SALTS = {"hcl": "HCl", "base": "base"}


def _amount(kind: Kind, *, allow_zero: bool = False) -> Callable[[str, str], Any]:
    return lambda text, field: parse_quantity(text, kind, field, allow_zero=allow_zero)


def _percent(*, allow_zero: bool = False) -> Callable[[str, str], float]:
    return lambda text, field: magnitude(
        parse_quantity(text, Kind.PERCENT, field, allow_zero=allow_zero), "percent"
    )


def _word(choices: Mapping[str, str] | None = None) -> Callable[[str, str], str]:
    """A choice as saved; the input's own check refuses one it does not know."""

    def read(text: str, field: str) -> str:
        folded = str(text).strip().lower()
        return choices.get(folded, str(text)) if choices is not None else folded

    return read


def _count(text: str, field: str) -> int:
    return parse_count(text, field)


def _date(text: str, field: str) -> Any:
    return parse_date(text, field)


def _plain(text: str, field: str) -> str:
    return str(text).strip()


# option (as saved) -> (input field, reader)
_READERS: dict[str, dict[str, tuple[str, Callable[[str, str], Any]]]] = {
    "liquid": {
        "strength": ("strength", _amount(Kind.CONCENTRATION)),
        "volume": ("volume", _amount(Kind.VOLUME)),
        "compounded": ("compounded", _date),
        "source": ("source", _word()),
        "tablet_strength": ("tablet_strength", _amount(Kind.MASS)),
        "formula": ("formula", _word()),
        "potency": ("potency_percent", _percent()),
        "water": ("water_percent", _percent(allow_zero=True)),
        "salt": ("powder_salt", _word(_SALTS)),
        "balance_mwq": ("balance_mwq", _amount(Kind.MASS)),
    },
    "capsules": {
        "strength": ("strength", _amount(Kind.MASS)),
        "count": ("count", _count),
        "compounded": ("compounded", _date),
        "size": ("size", _plain),
        "excipient": ("excipient", _word()),
        "extra": ("extra", _count),
        "calibrated_fill": ("calibrated_fill", _amount(Kind.MASS)),
        "drug_density": ("drug_density", _amount(Kind.DENSITY)),
        "potency": ("potency_percent", _percent()),
        "water": ("water_percent", _percent(allow_zero=True)),
        "salt": ("salt", _word(_SALTS)),
        "balance_mwq": ("balance_mwq", _amount(Kind.MASS)),
    },
}
_REQUIRED = {"liquid": ("strength", "volume", "compounded"), "capsules": ("strength", "count", "compounded")}


def input_from_options(kind: str, options: Mapping[str, Any]) -> RecipeInput:
    """The input an older record's saved options describe; refused, naming the option, when they
    cannot be read (the record then cannot be calculated again)."""
    readers = _READERS.get(kind)
    if readers is None:
        raise InputError("record kind", str(kind), "must be liquid or capsules", "liquid")
    unknown = sorted(set(options) - set(readers))
    if unknown:
        raise InputError(
            "saved recipe options", ", ".join(unknown), "are not options of this recipe", "strength"
        )
    for option in _REQUIRED[kind]:
        if options.get(option) in (None, ""):
            raise InputError(f"saved option {option}", None, "is missing, so the recipe cannot be worked out")
    values: dict[str, Any] = {}
    for option, text in options.items():
        if text is None or text is False:
            continue  # left out: the recipe's default
        field, read = readers[option]
        values[field] = read(str(text), f"saved option {option}")
    if kind == "liquid":
        return LiquidInput(**values)
    return CapsuleInput(**values)


# Where today's data holds what the older results called by another name.
_RENAMED: dict[str, tuple[str, ...]] = {
    "bud": ("bud", "date"),
    "bud_days": ("bud", "days"),
    "bud_basis": ("bud", "basis"),
    "strength_mg": ("drug_per_capsule_mg",),
    "powder": ("powder_name",),
}
_QC = ("each_low_mg", "each_high_mg", "average_low_mg", "average_high_mg")


def _at(data: Mapping[str, Any], path: tuple[str, ...]) -> Any:
    value: Any = data
    for key in path:
        if not isinstance(value, Mapping) or key not in value:
            return None
        value = value[key]
    return value


def _in_old_terms(now: Mapping[str, Any]) -> dict[str, Any]:
    view = dict(now)
    for old, path in _RENAMED.items():
        value = _at(now, path)
        if value is not None:
            view[old] = value
    if all(f"qc_{key}" in now for key in _QC):
        view["qc"] = {key: now[f"qc_{key}"] for key in _QC}
    return view


def differences_from_older(saved: Mapping[str, Any], now: Mapping[str, Any]) -> list[Difference]:
    """Where today's recipe data differs from results saved before format 1, on the fields both hold."""
    return differences(saved, _in_old_terms(now), legacy=True)
