"""A recipe's input and results as plain, versioned data: what a compounding record keeps of them.

    data = input_data(inp)         # {"format": 1, "kind": "liquid", "strength_mg_per_ml": 1.0, ...}
    input_from_data(data) == inp   # the very input, every digit kept
    saved = recipe_data(recipe)    # every field of the recipe; its parts (BUD, dilution, alerts) as dicts
    recipe_from_data(saved) == recipe
    differences(saved, recipe_data(make_recipe(input_from_data(data))))  # [] while today's program agrees

Plain data is what JSON holds: dicts, lists, text, numbers, true/false and null. An amount is a
plain number whose key names its unit; a date is ISO text; a choice is its value.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import types
import typing
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any, TypeAlias

from ldn_desk.errors import InputError, LdnDeskError
from ldn_desk.recipes.bud import BeyondUseDate, ComponentExpiry
from ldn_desk.recipes.capsules.recipe import CapsuleInput, CapsuleRecipe, make_capsules
from ldn_desk.recipes.choices import DosageForm
from ldn_desk.recipes.liquid.recipe import LiquidInput, LiquidRecipe, make_liquid
from ldn_desk.units.quantity import Quantity, magnitude

FORMAT = 1
KINDS = ("liquid", "capsules")

RecipeInput: TypeAlias = LiquidInput | CapsuleInput
Recipe: TypeAlias = LiquidRecipe | CapsuleRecipe

_INPUTS: dict[str, type[LiquidInput] | type[CapsuleInput]] = {"liquid": LiquidInput, "capsules": CapsuleInput}
_RECIPES: dict[str, type[LiquidRecipe] | type[CapsuleRecipe]] = {
    "liquid": LiquidRecipe,
    "capsules": CapsuleRecipe,
}
# The input's amounts: field -> (key in the data, the unit its number is in).
_AMOUNTS: dict[str, dict[str, tuple[str, str]]] = {
    "liquid": {
        "strength": ("strength_mg_per_ml", "mg/mL"),
        "volume": ("volume_ml", "mL"),
        "tablet_strength": ("tablet_strength_mg", "mg"),
        "balance_mwq": ("balance_mwq_mg", "mg"),
    },
    "capsules": {
        "strength": ("strength_mg", "mg"),
        "calibrated_fill": ("calibrated_fill_mg", "mg"),
        "drug_density": ("drug_density_g_per_ml", "g/mL"),
        "balance_mwq": ("balance_mwq_mg", "mg"),
    },
}
_DATES = frozenset({"compounded"})
# Input fields read back as their typed values: field -> its type.
_TYPED: dict[str, Any] = {"expiries": tuple[ComponentExpiry, ...]}
_HEADER = ("format", "kind")
# Fields added after format 1, written only when they differ from their default: a record saved
# before them reads and recalculates as it did, and one that uses them is refused by a program
# that cannot honour them (an unknown key), rather than read without them.
_LATER_FIELDS: frozenset[tuple[type, str]] = frozenset(
    {
        (LiquidInput, "expiries"),
        (CapsuleInput, "expiries"),
        (BeyondUseDate, "limited_by"),
        (CapsuleRecipe, "drug_density_g_per_ml"),
        (CapsuleRecipe, "balance_mwq_mg"),
        (LiquidRecipe, "balance_mwq_mg"),
        (LiquidRecipe, "dispensed_volume_ml"),
    }
)


def _written(owner: object, spec: dataclasses.Field[Any]) -> bool:
    if not spec.init:
        return False
    if (type(owner), spec.name) not in _LATER_FIELDS:
        return True
    default = spec.default_factory() if spec.default_factory is not dataclasses.MISSING else spec.default
    return bool(getattr(owner, spec.name) != default)


class RecordDataError(LdnDeskError, ValueError):
    """A record's saved inputs or results that this program cannot read back."""


def kind_of(item: RecipeInput | Recipe) -> DosageForm:
    """The dosage form (liquid or capsules) of an input or a recipe."""
    if isinstance(item, LiquidInput | LiquidRecipe):
        return DosageForm.LIQUID
    if isinstance(item, CapsuleInput | CapsuleRecipe):
        return DosageForm.CAPSULES
    raise TypeError(f"not a recipe input or recipe: {type(item).__name__}")


def make_recipe(inp: RecipeInput) -> Recipe:
    """The recipe today's program calculates for the input."""
    return make_liquid(inp) if isinstance(inp, LiquidInput) else make_capsules(inp)


# -- writing ------------------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    """`value` as plain data; a type with no plain form is a fault of ours, refused loudly."""
    if isinstance(value, Enum):  # before str: a StrEnum is a str too
        return _plain(value.value)
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            spec.name: _plain(getattr(value, spec.name))
            for spec in dataclasses.fields(value)
            if _written(value, spec)
        }
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    raise TypeError(f"{type(value).__name__} has no plain-data form for a record")


def input_data(inp: RecipeInput) -> dict[str, Any]:
    """The input as versioned plain data: amounts as numbers in the unit their key names."""
    kind = kind_of(inp)
    amounts = _AMOUNTS[kind]
    data: dict[str, Any] = {"format": FORMAT, "kind": str(kind)}
    for spec in dataclasses.fields(inp):
        value = getattr(inp, spec.name)
        if not _written(inp, spec):
            continue
        if spec.name in amounts:
            key, unit = amounts[spec.name]
            data[key] = None if value is None else magnitude(value, unit)
        else:
            data[spec.name] = _plain(value)
    return data


def recipe_data(recipe: Recipe) -> dict[str, Any]:
    """The recipe's every field as versioned plain data (its results as they were worked out)."""
    body = _plain(recipe)
    return {"format": FORMAT, "kind": str(kind_of(recipe)), **body}


# -- reading ------------------------------------------------------------------------------------


def _header(data: Mapping[str, Any], what: str) -> str:
    if not isinstance(data, Mapping):
        raise RecordDataError(f"the record's {what} are not a JSON object")
    version = data.get("format")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise RecordDataError(f"the record's {what} carry no format number this program knows")
    if version > FORMAT:
        raise RecordDataError(
            f"the record's {what} were saved by a newer LDN Desk (format {version}; this program reads "
            f"up to {FORMAT}); update LDN Desk to use them"
        )
    kind = data.get("kind")
    if kind not in KINDS:
        raise RecordDataError(f"the record's {what} are of a kind this program does not know ({kind!r})")
    return str(kind)


def is_versioned(data: Mapping[str, Any]) -> bool:
    """True for data written by input_data or recipe_data; False for records saved before them."""
    return isinstance(data, Mapping) and "format" in data


def input_from_data(data: Mapping[str, Any]) -> RecipeInput:
    """The input input_data wrote, checked again by the input's own rules."""
    kind = _header(data, "inputs")
    cls = _INPUTS[kind]
    amounts = _AMOUNTS[kind]
    values: dict[str, Any] = {}
    known = set(_HEADER)
    for spec in dataclasses.fields(cls):
        key, unit = amounts.get(spec.name, (spec.name, ""))
        known.add(key)
        if key not in data:
            if spec.default is dataclasses.MISSING and spec.default_factory is dataclasses.MISSING:
                raise RecordDataError(f"the record's inputs lack {key}")
            continue  # a field added after the record was saved: its default is what was used then
        value = data[key]
        if unit and value is not None:
            if not isinstance(value, int | float) or isinstance(value, bool):
                raise RecordDataError(f"the record's inputs hold {key} = {value!r}, not a number")
            value = Quantity(float(value), unit)
        elif spec.name in _DATES:
            try:
                value = dt.date.fromisoformat(value)
            except (TypeError, ValueError):
                raise RecordDataError(f"the record's inputs hold {key} = {value!r}, not a date") from None
        elif spec.name in _TYPED:
            try:
                value = _build(_TYPED[spec.name], value, key)
            except (TypeError, ValueError, InputError) as error:
                raise RecordDataError(
                    f"the record's inputs hold {key} that cannot be read ({error})"
                ) from None
        values[spec.name] = value
    unknown = sorted(set(data) - known)
    if unknown:
        raise RecordDataError(f"the record's inputs hold {', '.join(unknown)}, unknown to this program")
    return cls(**values)


def _build(hint: Any, value: Any, path: str) -> Any:
    """The typed value `hint` describes, from its plain form."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        if value is None and len(options) < len(typing.get_args(hint)):
            return None
        if len(options) == 1:
            return _build(options[0], value, path)
        raise TypeError(f"{path}: cannot tell which of {hint} it is")
    if origin is tuple:
        if not isinstance(value, list):
            raise TypeError(f"{path}: expected a list, found {value!r}")
        args = typing.get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_build(args[0], item, f"{path}[{n}]") for n, item in enumerate(value))
        return tuple(
            _build(arg, item, f"{path}[{n}]") for n, (arg, item) in enumerate(zip(args, value, strict=True))
        )
    if not isinstance(hint, type):
        raise TypeError(f"{path}: no reading for {hint}")
    if dataclasses.is_dataclass(hint):
        if not isinstance(value, Mapping):
            raise TypeError(f"{path}: expected an object, found {value!r}")
        hints = typing.get_type_hints(hint)
        specs = [spec for spec in dataclasses.fields(hint) if spec.init]
        unknown = sorted(set(value) - {spec.name for spec in specs})
        if unknown:
            raise TypeError(f"{path}: unknown fields {', '.join(unknown)}")
        kwargs = {
            spec.name: _build(hints[spec.name], value[spec.name], f"{path}.{spec.name}".lstrip("."))
            for spec in specs
            if spec.name in value
        }
        return hint(**kwargs)
    if issubclass(hint, Enum):
        return hint(value)
    if hint is dt.date:
        return dt.date.fromisoformat(value)
    if hint is bool and isinstance(value, bool):
        return value
    if hint is int and isinstance(value, int) and not isinstance(value, bool):
        return value
    if hint is float and isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if hint is str and isinstance(value, str):
        return value
    raise TypeError(f"{path}: expected {hint.__name__}, found {value!r}")


def recipe_from_data(data: Mapping[str, Any]) -> Recipe:
    """The recipe recipe_data wrote, with the numbers as saved (nothing is calculated again)."""
    kind = _header(data, "results")
    body = {key: value for key, value in data.items() if key not in _HEADER}
    try:
        recipe: Recipe = _build(_RECIPES[kind], body, "")
    except (TypeError, ValueError, KeyError) as error:
        raise RecordDataError(f"the record's results cannot be read as a {kind} recipe ({error})") from None
    return recipe


# -- comparing ----------------------------------------------------------------------------------


class _Missing:
    def __repr__(self) -> str:
        return "(none)"


MISSING: Any = _Missing()
_UNIT_ENDINGS = (
    ("_mg_per_ml", " (mg/mL)"),
    ("_g_per_ml", " (g/mL)"),
    ("_mg", " (mg)"),
    ("_ml", " (mL)"),
    ("_percent", " (%)"),
)
_WORDS = {"hcl": "HCl", "bud": "BUD", "mwq": "MWQ", "qc": "QC", "api": "powder"}


def _shown(value: Any) -> str:
    if value is MISSING:
        return "(not there)"
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        text = f"{value:.12g}"
        return repr(value) if "e" in text else text
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return f"“{value}”"
    return json.dumps(value, ensure_ascii=False)


def field_label(path: Sequence[str | int]) -> str:
    """'BUD › days', 'steps › 4', 'powder (mg)': a data path as a person reads it (items from 1)."""
    parts: list[str] = []
    for part in path:
        if isinstance(part, int):
            parts.append(str(part + 1))
            continue
        word, unit = part, ""
        for ending, shown in _UNIT_ENDINGS:
            if word.endswith(ending):
                word, unit = word[: -len(ending)], shown
                break
        parts.append(" ".join(_WORDS.get(piece, piece) for piece in word.split("_")) + unit)
    return " › ".join(parts)


@dataclass(frozen=True)
class Difference:
    """One field whose saved value is not what today's program gives."""

    path: tuple[str | int, ...]
    saved: Any
    now: Any

    @property
    def label(self) -> str:
        return field_label(self.path)

    def texts(self) -> tuple[str, str]:
        """(saved, now) as text; every digit where the short forms would look the same."""
        saved, now = _shown(self.saved), _shown(self.now)
        if saved == now:
            saved, now = repr(self.saved), repr(self.now)
        return saved, now

    def __str__(self) -> str:
        saved, now = self.texts()
        return f"{self.label}: {saved} saved, {now} now"


def _same(saved: Any, now: Any, legacy: bool) -> bool:
    if isinstance(saved, bool) or isinstance(now, bool):
        return type(saved) is type(now) and saved == now
    numbers = isinstance(saved, int | float) and isinstance(now, int | float)
    if legacy and numbers:
        return round(float(now), 6) == float(saved)  # those results kept numbers to 6 decimals
    return bool(saved == now) if numbers or type(saved) is type(now) else False


def _walk(path: tuple[str | int, ...], saved: Any, now: Any, legacy: bool, found: list[Difference]) -> None:
    if isinstance(saved, Mapping) and isinstance(now, Mapping):
        keys = (
            [key for key in saved if key in now] if legacy else [*saved, *(k for k in now if k not in saved)]
        )
        for key in keys:
            _walk((*path, key), saved.get(key, MISSING), now.get(key, MISSING), legacy, found)
        return
    if isinstance(saved, list) and isinstance(now, list):
        for n in range(max(len(saved), len(now))):
            _walk((*path, n), saved[n] if n < len(saved) else MISSING, now[n] if n < len(now) else MISSING,
                  legacy, found)  # fmt: skip
        return
    if not _same(saved, now, legacy):
        found.append(Difference(path, saved, now))


def differences(
    saved: Mapping[str, Any], now: Mapping[str, Any], *, legacy: bool = False
) -> list[Difference]:
    """Field by field, where `now` differs from `saved`; empty when they agree to the last digit.

    `legacy`: `saved` holds results from before format 1 (the command's JSON, numbers kept to 6
    decimals), compared only on the fields both hold.
    """
    found: list[Difference] = []
    _walk((), saved, now, legacy, found)
    return found
