"""The program's small unit registry gives the numbers pint's own registries give.

The registry holds only the units LDN uses, entered as pint's definition objects rather than
read by pint's text parser (which costs start-up time). These tests check that nothing changes by
it: each definition is what pint's parser reads from the same line, and every conversion LDN makes
equals a registry read from those lines exactly and pint's full default registry to 1e-12.
"""

from __future__ import annotations

import itertools
import math

import pint
import pytest

from ldn_desk.units import quantity
from ldn_desk.units.quantity import Kind, parse_quantity

# Every unit a field reads, and every canonical unit it is converted to.
UNITS = sorted({unit for unit, _ in quantity._UNIT_WORDS.values()} | {kind.canonical for kind in Kind})
# Typed amounts across the ranges LDN meets: a tenth of a milligram to a litre of liquid.
VALUES = (0.1, 0.45, 1.5, 4.5, 30.0, 99.5, 120.0, 1000.0)


@pytest.fixture(scope="module")
def from_lines() -> pint.UnitRegistry:  # type: ignore[type-arg]
    """A registry read by pint's parser from the very lines the program's registry stands for."""
    registry = pint.UnitRegistry(None, cache_folder=None)
    for line in quantity.DEFINITIONS:
        registry.define(line)
    return registry


@pytest.fixture(scope="module")
def full() -> pint.UnitRegistry:  # type: ignore[type-arg]
    return pint.UnitRegistry()


def test_each_definition_is_what_pint_reads_from_its_line(from_lines: pint.UnitRegistry) -> None:  # type: ignore[type-arg]
    ours = quantity.ureg
    assert set(ours._units) == set(from_lines._units)
    assert set(ours._dimensions) == set(from_lines._dimensions) == {"[mass]", "[volume]", "[time]"}
    for name, theirs in from_lines._units.items():
        mine = ours._units[name]
        assert (mine.name, mine.defined_symbol, mine.aliases) == (
            theirs.name,
            theirs.defined_symbol,
            theirs.aliases,
        )
        assert mine.converter == theirs.converter, name
        assert type(mine.converter.scale) is type(theirs.converter.scale), name  # 7 stays an int
        assert mine.reference == theirs.reference, name
        assert mine.is_base == theirs.is_base, name


def _compatible(registry: object, a: str, b: str) -> bool:
    return bool(registry.Quantity(1, a).is_compatible_with(b))  # type: ignore[attr-defined]


def test_every_conversion_equals_the_registry_read_from_the_lines(from_lines: pint.UnitRegistry) -> None:  # type: ignore[type-arg]
    checked = 0
    for a, b in itertools.permutations(UNITS, 2):
        if not _compatible(from_lines, a, b):
            assert not _compatible(quantity.ureg, a, b), (a, b)
            continue
        for value in VALUES:
            mine = quantity.Quantity(value, a).to(b).magnitude
            theirs = from_lines.Quantity(value, a).to(b).magnitude
            assert mine == theirs, (value, a, b)  # the same float, bit for bit
            checked += 1
    assert checked > 100


def test_every_conversion_matches_pints_full_default_registry(full: pint.UnitRegistry) -> None:  # type: ignore[type-arg]
    # The full registry reaches a litre through cubic metres, so a factor may differ in its last
    # bits; 1e-12 of the value is far below any digit LDN shows (three decimals of a mL).
    for a, b in itertools.permutations(UNITS, 2):
        assert _compatible(full, a, b) == _compatible(quantity.ureg, a, b), (a, b)
        if not _compatible(full, a, b):
            continue
        for value in VALUES:
            mine = quantity.Quantity(value, a).to(b).magnitude
            theirs = full.Quantity(value, a).to(b).magnitude
            assert math.isclose(mine, theirs, rel_tol=1e-12), (value, a, b, mine, theirs)


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("100 mcg", Kind.MASS, 0.1),  # 100 x 1e-6 g = 1e-4 g = 0.1 mg
        ("0.5 g", Kind.MASS, 500.0),  # 0.5 g / 1e-3 g per mg
        ("500 mcg/mL", Kind.CONCENTRATION, 0.5),  # 500 x 1e-6 / 1e-3 mg/mL
        ("2 weeks", Kind.DURATION, 14.0),  # 2 x 7 days
        ("0.25 L", Kind.VOLUME, 250.0),  # 0.25 L / 1e-3 L per mL
    ],
)
def test_typed_amounts_read_as_the_full_registry_reads_them(
    full: pint.UnitRegistry,  # type: ignore[type-arg]
    text: str,
    kind: Kind,
    expected: float,
) -> None:
    number, unit = text.split(" ")
    mine = parse_quantity(text, kind, "field").magnitude
    theirs = full.Quantity(float(number), quantity._UNIT_WORDS[unit.lower()][0]).to(kind.canonical).magnitude
    assert mine == pytest.approx(expected, rel=1e-12)
    assert math.isclose(mine, theirs, rel_tol=1e-12)


def test_a_quantity_pickles_and_compares() -> None:
    import pickle

    dose = quantity.Quantity(1.5, "mg")
    assert pickle.loads(pickle.dumps(dose)) == dose


def test_every_unit_the_program_names_is_read_from_the_table_as_pint_reads_it(
    from_lines: pint.UnitRegistry,  # type: ignore[type-arg]
) -> None:
    # The registry answers these texts from KNOWN_UNITS instead of pint's parser; each entry must
    # be the container pint's parser makes of the same text, and none may be missing from it.
    assert set(UNITS) <= set(quantity.KNOWN_UNITS)
    for text, names in quantity.KNOWN_UNITS.items():
        assert from_lines.parse_units_as_container(text) == pint.util.UnitsContainer(names), text
        assert quantity.ureg.parse_units_as_container(text) == from_lines.parse_units_as_container(text)
        assert quantity.ureg.Unit(text) == quantity.ureg.Unit(from_lines.parse_units_as_container(text))


def test_a_unit_outside_the_table_is_still_read_by_pints_parser() -> None:
    # "mL/day" is in no field; pint's own parser reads it: 7 mL a week is 1 mL a day.
    assert "mL/day" not in quantity.KNOWN_UNITS
    assert quantity.Quantity(7, "mL/week").to("mL/day").magnitude == pytest.approx(1.0)
    with pytest.raises(pint.errors.UndefinedUnitError):
        quantity.ureg.parse_units_as_container("cc")
