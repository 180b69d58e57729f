"""Reads one resources/*.toml file into frozen dataclasses, naming the file and key of any fault.

Each table module declares its data as `@dataclass(frozen=True)` classes whose field names are
the TOML keys and whose annotations say what a value must be (`float`, `int`, `str`, `bool`, a
`Literal` of choices, `tuple[X, ...]`, a fixed pair, `X | None` for a key that may be left out, a
nested dataclass, or `Mapping[str, X]` for a table of named entries). `load` checks the shape
(every key known, none missing, each value of its type) and the classes check their values in
`__post_init__`, raising `ReferenceDataError(key, problem)`; `load` then adds the file and the
path of the table the key is in, so a damaged file is refused with the place to correct it —
pint's definitions are read the same way.

This package imports no pint, no ReportLab and no Qt, so the app can read it at start-up.
"""

from __future__ import annotations

import dataclasses
import math
import re
import string
import tomllib
import types
import typing
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Final, Literal, NamedTuple, TypeVar, Union, get_args, get_origin

from ldn_desk.errors import InputError, LdnDeskError
from ldn_desk.reference.files import resource_dir

T = TypeVar("T")

# Field metadata: the field takes the entry's own key in its parent table (e.g. a capsule size's "3").
KEY: Final = {"reference": "key"}
# Field metadata: the field takes every sub-table not claimed by another field (e.g. formulas.toml,
# whose top level is one table per formula).
REST: Final = {"reference": "rest"}

# The choices the wording tables have one field each for.
FORMS: Final = ("liquid", "capsules")
TIMES_OF_DAY: Final = ("bedtime", "morning")

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


class ReferenceDataError(LdnDeskError, ValueError):
    """A data file in resources/ is damaged: the message names the file, the key (as a dotted TOML
    path, entries of an array counted from 1 in brackets) and what is wrong with its value."""

    def __init__(self, key: str, problem: str, *, value: str | None = None, file: str = "") -> None:
        self.key = key
        self.problem = problem
        self.value = value
        self.file = file
        super().__init__(self.message)

    @property
    def message(self) -> str:
        place = ": ".join(part for part in (self.file, self.key) if part)
        if self.value is not None:
            place += f" = {self.value}"
        return f"{place} — {self.problem}" if place else self.problem

    def within(self, where: _Where) -> ReferenceDataError:
        """The same fault, placed in the table `where` of its file."""
        key = ".".join(part for part in (where.path, self.key) if part)
        return ReferenceDataError(key, self.problem, value=self.value, file=self.file or where.file)


class _Where(NamedTuple):  # a place in a table file, for its faults
    file: str
    parts: tuple[str, ...] = ()

    @property
    def path(self) -> str:
        out = ""
        for part in self.parts:
            if part.startswith("["):
                out += part
            else:
                shown = part if _BARE_KEY.fullmatch(part) else f'"{part}"'
                out = f"{out}.{shown}" if out else shown
        return out

    @property
    def name(self) -> str:
        return self.parts[-1] if self.parts else ""

    def __truediv__(self, key: str) -> _Where:
        return _Where(self.file, (*self.parts, key))

    def item(self, index: int) -> _Where:
        return _Where(self.file, (*self.parts, f"[{index + 1}]"))

    def fault(self, problem: str, value: object = None) -> ReferenceDataError:
        shown = None if value is None else shown_value(value)
        return ReferenceDataError(self.path, problem, value=shown, file=self.file)


def shown_value(value: object) -> str:
    """A value as it is written in the file: strings quoted, true/false in lower case."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(shown_value(item) for item in value) + "]"
    return str(value)


# --- checks the table classes make in __post_init__ ------------------------------------------
_UNSET: Final = object()


def require(ok: bool, key: str, problem: str, value: object = _UNSET) -> None:
    """Refuse `key` (a field of the table being checked, shown with `value` when given) unless `ok`."""
    if not ok:
        raise ReferenceDataError(key, problem, value=None if value is _UNSET else shown_value(value))


def positive(table: object, *keys: str) -> None:
    """Each named number of `table` (or each number of a named list) is more than zero."""
    for key in keys:
        value = getattr(table, key)
        values = value if isinstance(value, tuple) else (value,)
        require(all(v > 0 for v in values), key, "must be more than zero", value)


def percent(table: object, *keys: str) -> None:
    """Each named number of `table` is a share in per cent: more than 0 and under 100."""
    for key in keys:
        value = getattr(table, key)
        require(0 < value < 100, key, "must be a percentage more than 0 and under 100", value)


def placeholders(text: str, key: str, allowed: Iterable[str]) -> None:
    """`text` is a str.format template whose {names} are all ones the program fills in."""
    known = tuple(allowed)
    try:
        names = [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]
    except ValueError as error:
        raise ReferenceDataError(key, f"has a stray brace ({error})", value=shown_value(text)) from None
    for name in names:
        if name not in known:
            fills = f"only {', '.join('{' + k + '}' for k in known)}" if known else "nothing"
            problem = f"has {{{name}}}, which the program does not fill in (here it fills in {fills})"
            raise ReferenceDataError(key, problem, value=shown_value(text))


def choose(choices: Mapping[str, T], key: object, field: str, example: str) -> T:
    """The entry named `key`, or a refusal that lists the keys there are."""
    if isinstance(key, str) and key in choices:
        return choices[key]
    shown = key if isinstance(key, str) else repr(key)
    raise InputError(field, shown, f"is not one of {', '.join(choices)}", example)


def attribute_for(table: object, name: object, names: tuple[str, ...], field: str) -> Any:
    """The field `name` of `table`, where the data has one field per choice (a dosage form, a time
    of day); a choice it has none for is refused."""
    if not isinstance(name, str) or name not in names:
        shown = name if isinstance(name, str) else repr(name)
        raise InputError(field, shown, f"must be {' or '.join(names)}", names[0])
    return getattr(table, name)


# --- reading ---------------------------------------------------------------------------------
def table_file(name: str, folder: Path | None = None) -> Path:
    """resources/NAME.toml, or FOLDER/NAME.toml when a folder is given (a test's damaged copy)."""
    return (folder if folder is not None else resource_dir()) / f"{name}.toml"


def load(kind: type[T], name: str, folder: Path | None = None) -> T:
    """resources/NAME.toml (or FOLDER/NAME.toml) read into the dataclass `kind`."""
    path = table_file(name, folder)
    return _build(kind, _read(path), _Where(str(path)))


def load_part(kind: type[T], name: str, key: str, folder: Path | None = None) -> T:
    """The table KEY of resources/NAME.toml (or FOLDER/NAME.toml) read into the dataclass `kind`:
    the same class, checks and fault messages as when `load` reads the whole file, for a path that
    needs one table of a file and none of its others (the dose calculation)."""
    path = table_file(name, folder)
    where = _Where(str(path)) / key
    data = _read(path)
    if key not in data:
        raise where.fault("is missing")
    return _build(kind, data[key], where)


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise ReferenceDataError("", "the file is missing; reinstall LDN Desk", file=str(path)) from None
    except (OSError, UnicodeDecodeError) as error:
        raise ReferenceDataError("", f"cannot be read ({error})", file=str(path)) from None
    except tomllib.TOMLDecodeError as error:
        raise ReferenceDataError("", f"is not valid TOML ({error})", file=str(path)) from None


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(kind: type) -> dict[str, Any]:
    """A table class's field types, resolved once per class."""
    if kind not in _HINTS:
        _HINTS[kind] = typing.get_type_hints(kind)
    return _HINTS[kind]


def _build(kind: type[T], value: object, where: _Where) -> T:
    if not isinstance(value, dict):
        raise where.fault("must be a table", value)
    given = dict(value)
    hints = _hints(kind)
    values: dict[str, object] = {}
    rest: dataclasses.Field[Any] | None = None
    for spec in dataclasses.fields(kind):  # type: ignore[arg-type]
        role = spec.metadata.get("reference")
        if role == "key":
            values[spec.name] = where.name
        elif role == "rest":
            rest = spec
        elif spec.name in given:
            values[spec.name] = _convert(hints[spec.name], given.pop(spec.name), where / spec.name)
        elif spec.default is dataclasses.MISSING and spec.default_factory is dataclasses.MISSING:
            raise (where / spec.name).fault("is missing")
    if rest is not None:
        for key, entry in given.items():
            if not isinstance(entry, dict):
                raise _unknown(kind, where / key, entry)
        values[rest.name] = _convert(hints[rest.name], given, where)
    elif given:
        key = next(iter(given))
        raise _unknown(kind, where / key, given[key])
    try:
        return kind(**values)
    except ReferenceDataError as error:
        raise error.within(where) from None


def _unknown(kind: type, where: _Where, value: object) -> ReferenceDataError:
    known = [spec.name for spec in dataclasses.fields(kind) if spec.metadata.get("reference") is None]
    return where.fault(f"is not a key LDN Desk reads here (it reads {', '.join(known)})", value)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _convert(kind: Any, value: object, where: _Where) -> object:
    origin, args = get_origin(kind), get_args(kind)
    if kind is bool:
        if not isinstance(value, bool):
            raise where.fault("must be true or false", value)
        return value
    if kind is int:
        if not isinstance(value, int) or isinstance(value, bool):
            raise where.fault("must be a whole number", value)
        return value
    if kind is float:
        if not _is_number(value) or not math.isfinite(float(value)):  # type: ignore[arg-type]
            raise where.fault("must be a number", value)
        return float(value)  # type: ignore[arg-type]
    if kind is str:
        if not isinstance(value, str) or not value.strip():
            raise where.fault("must be a text that is not empty", value)
        return value
    if origin is Literal:
        if value not in args:
            raise where.fault(f"must be one of {', '.join(str(a) for a in args)}", value)
        return value
    if origin in (Union, types.UnionType):
        (inner,) = (arg for arg in args if arg is not type(None))
        return _convert(inner, value, where)
    if origin is tuple:
        if not isinstance(value, list):
            raise where.fault("must be a list", value)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_convert(args[0], item, where.item(i)) for i, item in enumerate(value))
        if len(value) != len(args):
            raise where.fault(f"must be a list of {len(args)}", value)
        return tuple(
            _convert(arg, item, where.item(i)) for i, (arg, item) in enumerate(zip(args, value, strict=True))
        )
    if origin is Mapping:
        if not isinstance(value, dict):
            raise where.fault("must be a table", value)
        entries = {str(key): _convert(args[1], entry, where / str(key)) for key, entry in value.items()}
        return types.MappingProxyType(entries)
    if dataclasses.is_dataclass(kind):
        return _build(kind, value, where)  # type: ignore[arg-type]
    raise TypeError(f"no reader for {kind!r}")  # a table class declared a type this module cannot read
