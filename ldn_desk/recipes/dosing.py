"""Dose to volume: how many mL of a liquid give a dose, and which oral syringe measures it."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from ldn_desk.errors import InputError
from ldn_desk.recipes.dose_range import Alert, Level, check_daily_dose_mg
from ldn_desk.reference.advisor import advisor_table
from ldn_desk.reference.liquid_limits import liquid_limits
from ldn_desk.reference.naltrexone import naltrexone_table
from ldn_desk.reference.syringes import syringe_table
from ldn_desk.units.dose_text import (
    count_text,
    format_number,
    mg_per_ml_text,
    mg_text,
    ml_text,
    percent_text,
    round_to,
    round_volume_ml,
)
from ldn_desk.units.language import tr
from ldn_desk.units.numeric import same, whole
from ldn_desk.units.quantity import Amount, Quantity, magnitude

# A syringe with more marks than this is not an oral syringe; it also bounds every search below.
_MAX_GRADUATIONS = 10_000
# Volumes built from whole graduations are rounded here to drop binary noise (3 * 0.1).
_VOLUME_DIGITS = 9
_EXACT_DECIMALS = 3

_MASS = Quantity(1, "mg").dimensionality
_CONCENTRATION = Quantity(1, "mg/mL").dimensionality


def _whole_count(volume_ml: float, graduation_ml: float) -> int | None:
    """The number of graduations in the volume when it is a whole number, else None."""
    # Volumes come from float division (0.3 / 0.1 == 2.9999999999999996 marks, which is 3).
    return whole(volume_ml / graduation_ml)


def _writable(volume_ml: float) -> bool:
    """True when the safe text of the volume is the volume itself (under 1 mL to the hundredth).

    From 1 mL volumes are written to the tenth: 1.25 mL on a 0.05 mL-mark syringe would be
    printed "1.3 mL", so a direction could not say the volume that is really measurable.
    """
    return same(round_volume_ml(volume_ml), volume_ml)


def _check_volume(value: object, field: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InputError(field, None, "must be a number of mL", "3 mL")
    number = float(value)
    if not math.isfinite(number) or number <= 0:
        raise InputError(field, str(value), "must be a finite volume more than zero", "3 mL")
    return number


@dataclass(frozen=True)
class Syringe:
    """An oral syringe: how much it holds and the volume between two neighbouring marks."""

    capacity_ml: float
    graduation_ml: float

    def __post_init__(self) -> None:
        capacity = _check_volume(self.capacity_ml, "syringe size")
        graduation = _check_volume(self.graduation_ml, "graduation")
        object.__setattr__(self, "capacity_ml", capacity)
        object.__setattr__(self, "graduation_ml", graduation)
        for field, value, example in (
            ("syringe size", capacity, "3 mL"),
            ("graduation", graduation, "0.1 mL"),
        ):
            if not _writable(value):
                raise InputError(
                    field,
                    repr(value) + " mL",
                    "must be a whole number of 0.01 mL under 1 mL, or of 0.1 mL from 1 mL",
                    example,
                )
        if graduation > capacity:
            raise InputError(
                "graduation", ml_text(graduation), f"is larger than the {ml_text(capacity)} syringe", "0.1 mL"
            )
        marks = _whole_count(capacity, graduation)
        if marks is None:
            raise InputError(
                "graduation",
                ml_text(graduation),
                f"does not divide the {ml_text(capacity)} syringe into whole marks",
                "0.1 mL for a 3 mL syringe",
            )
        if marks > _MAX_GRADUATIONS:
            raise InputError(
                "graduation",
                ml_text(graduation),
                f"gives more than {_MAX_GRADUATIONS:,} marks on the {ml_text(capacity)} syringe",
                "0.01 mL for a 1 mL syringe",
            )

    @property
    def label(self) -> str:
        """'1 mL syringe (0.01 mL marks)'."""
        return f"{ml_text(self.capacity_ml)} syringe ({ml_text(self.graduation_ml)} marks)"

    @property
    def oral_label(self) -> str:
        """'5 mL oral syringe (0.1 mL marks)': how a patient's handout names it. The marks are part
        of the name because syringes of one size come with different marks (5 mL by 0.1 or 0.2 mL),
        and a volume measurable on one may not be on the other."""
        return tr("{capacity} oral syringe ({marks} marks)").format(
            capacity=ml_text(self.capacity_ml), marks=ml_text(self.graduation_ml)
        )

    def __str__(self) -> str:
        return self.label


@cache
def default_syringes() -> tuple[Syringe, ...]:
    """The typical oral syringes from resources/syringes.toml, smallest first."""
    rows = syringe_table().syringe
    syringes = (Syringe(row.capacity_ml, row.graduation_ml) for row in rows)
    return tuple(sorted(syringes, key=_size_order))


def _size_order(syringe: Syringe) -> tuple[float, float]:
    return (syringe.capacity_ml, syringe.graduation_ml)


def syringe_measures(syringe: Syringe, volume_ml: float) -> bool:
    """A volume is measurable on a syringe when it is a whole number (at least one) of
    graduations and no more than the capacity."""
    if not math.isfinite(volume_ml) or volume_ml <= 0:
        return False
    if volume_ml > syringe.capacity_ml and not same(volume_ml, syringe.capacity_ml):
        return False
    count = _whole_count(volume_ml, syringe.graduation_ml)
    return count is not None and count >= 1


def min_marks_per_dose() -> int:
    """The fewest graduations a dose a patient measures may fill (resources/protocols.toml, an LDN
    Desk convention): with 10, one mark misread is at most a tenth of the dose."""
    return advisor_table().min_marks_per_dose


def marks_of(syringe: Syringe, volume_ml: float) -> int | None:
    """How many graduations of the syringe the volume fills, when it is measurable on it."""
    if not syringe_measures(syringe, volume_ml):
        return None
    return _whole_count(volume_ml, syringe.graduation_ml)


@dataclass(frozen=True)
class BetterChoice:
    """The same dose measured to at least the minimum marks: from a weaker liquid, or on a syringe
    with finer marks than the set has."""

    strength_mg_per_ml: float
    volume_ml: float
    syringe: Syringe
    marks: int
    finer_syringe: bool  # True: the same liquid on another syringe; False: a weaker liquid

    @property
    def text(self) -> str:
        """'1 mg/mL, where the dose is 0.1 mL, 10 marks on the 1 mL syringe (0.01 mL marks)'."""
        where = f"{ml_text(self.volume_ml)}, {count_text(self.marks)} marks on the {self.syringe.label}"
        if self.finer_syringe:
            return f"a syringe with finer marks: {where}"
        return f"a weaker liquid, {mg_per_ml_text(self.strength_mg_per_ml)}, where the dose is {where}"


@dataclass(frozen=True)
class NearestVolume:
    """A measurable volume near the one asked for, and the dose it would give instead."""

    volume_ml: float
    dose_mg: float
    syringe: Syringe

    @property
    def volume_text(self) -> str:
        return ml_text(self.volume_ml)

    @property
    def dose_text(self) -> str:
        return mg_text(self.dose_mg)


@dataclass(frozen=True)
class DoseVolume:
    """The volume of liquid that holds a dose, and the smallest syringe that measures it."""

    dose_mg: float
    strength_mg_per_ml: float
    volume_ml: float
    volume_text: str
    syringe: Syringe | None
    measurable: bool
    nearest: tuple[NearestVolume, ...]
    alerts: tuple[Alert, ...]
    marks: int | None = None  # graduations the volume fills on its syringe (None: not measurable)
    min_marks: int = 1  # the fewest a patient should measure (resources/protocols.toml)
    better: tuple[BetterChoice, ...] = ()  # for a dose of too few marks: a weaker liquid, a finer syringe

    def __post_init__(self) -> None:
        if self.measurable != (self.syringe is not None):
            raise ValueError("a measurable volume names its syringe, and only then")
        if self.measurable != (self.marks is not None):
            raise ValueError("a measurable volume counts its marks, and only then")
        if self.measurable and self.nearest:
            raise ValueError("nearest volumes are offered only when the volume is not measurable")
        if self.better and not self.few_marks:
            raise ValueError("better choices are offered only for a dose of too few marks")

    @property
    def few_marks(self) -> bool:
        """Measurable, but on fewer graduations than a patient can measure precisely (0.02 mL on
        a syringe of 0.01 mL marks is 2 marks: one misread is half the dose)."""
        return self.marks is not None and self.marks < self.min_marks

    @property
    def precise(self) -> bool:
        """Measurable to at least the minimum marks: what a patient can be asked to draw up."""
        return self.marks is not None and self.marks >= self.min_marks

    @property
    def dose_text(self) -> str:
        return mg_text(self.dose_mg)

    @property
    def strength_text(self) -> str:
        return mg_per_ml_text(self.strength_mg_per_ml)

    @property
    def calculated_volume_text(self) -> str:
        """The volume by calculation ('1.25 mL'), not the rounded direction in `volume_text`
        ('1.3 mL'): what to show beside a volume that cannot be measured."""
        return exact_volume_text(self.volume_ml)


def _amount(value: Amount, dimensionality: object, field: str, unit: str, example: str) -> float:
    if not isinstance(value, Quantity) or value.dimensionality != dimensionality:
        raise InputError(field, str(value), f"must be an amount in {unit}", example)
    number = magnitude(value, unit)
    if not math.isfinite(number) or number <= 0:
        raise InputError(field, str(value), "must be a finite amount more than zero", example)
    return number


def strength_mg_per_ml(strength: Amount) -> float:
    """A liquid strength in mg/mL, refused as dose_to_volume refuses it when it is not one."""
    return _amount(strength, _CONCENTRATION, "strength", "mg/mL", "1 mg/mL")


def _check_strength(strength_mg_per_ml: float) -> None:
    """The same bounds as a liquid recipe: no liquid weaker than the recipe minimum or stronger
    than naltrexone HCl dissolves is made, so a strength outside them is a slip (mcg for mg)."""
    low = liquid_limits().min_mg_per_ml
    high = naltrexone_table().water_solubility_mg_per_ml
    if strength_mg_per_ml < low:
        raise InputError(
            "strength",
            mg_per_ml_text(strength_mg_per_ml),
            f"is below {mg_per_ml_text(low)}, too dilute for a dose; check mg/mL against mcg/mL",
            "1 mg/mL",
        )
    if strength_mg_per_ml > high:
        raise InputError(
            "strength",
            mg_per_ml_text(strength_mg_per_ml),
            f"is above the water solubility of naltrexone HCl (about {mg_per_ml_text(high)})",
            "1 mg/mL",
        )


def _nearest_on(syringe: Syringe, volume_ml: float, strength: float) -> list[NearestVolume]:
    """The measurable, safely writable volumes on one syringe just below and just above."""
    graduation = syringe.graduation_ml
    marks = round(syringe.capacity_ml / graduation)
    count = volume_ml / graduation
    found: list[NearestVolume] = []
    below = range(min(marks, math.floor(count)), 0, -1)
    above = range(max(1, math.ceil(count)), marks + 1)
    for steps in (below, above):
        for k in steps:
            candidate = round(k * graduation, _VOLUME_DIGITS)
            if _writable(candidate) and not same(candidate, volume_ml):
                found.append(NearestVolume(candidate, candidate * strength, syringe))
                break
    return found


def _nearest(syringes: Sequence[Syringe], volume_ml: float, strength: float) -> tuple[NearestVolume, ...]:
    """Across the set: the closest measurable volume below and above, on the smallest syringe."""
    below: NearestVolume | None = None
    above: NearestVolume | None = None
    for syringe in syringes:  # smallest first; a later syringe replaces only a strictly closer one
        for option in _nearest_on(syringe, volume_ml, strength):
            if option.volume_ml < volume_ml:
                if below is None or _strictly_less(below.volume_ml, option.volume_ml):
                    below = option
            elif above is None or _strictly_less(option.volume_ml, above.volume_ml):
                above = option
    return tuple(option for option in (below, above) if option is not None)


def _strictly_less(a: float, b: float) -> bool:
    return a < b and not same(a, b)


def _options_text(nearest: Sequence[NearestVolume]) -> str:
    """'4.4 mL (4.4 mg) or 4.6 mL (4.6 mg) on the 5 mL syringe (0.2 mL marks)'."""
    if len({n.syringe for n in nearest}) == 1:
        volumes = " or ".join(f"{n.volume_text} ({n.dose_text})" for n in nearest)
        return f"{volumes} on the {nearest[0].syringe.label}"
    return " or ".join(f"{n.volume_text} ({n.dose_text}) on the {n.syringe.label}" for n in nearest)


def exact_volume_text(volume_ml: float) -> str:
    """The calculated volume, not a direction: enough places to show why it is not measurable
    ('1.25 mL' where a direction would be rounded to '1.3 mL'), never '0 mL' for a tiny volume."""
    decimals = _EXACT_DECIMALS
    while round_to(volume_ml, decimals) == 0 and decimals < _VOLUME_DIGITS:
        decimals += 1
    return f"{format_number(volume_ml, decimals)} mL"


def _not_measurable(
    chosen: Sequence[Syringe], volume_ml: float, strength: float, holding: Sequence[Syringe]
) -> tuple[tuple[NearestVolume, ...], Alert]:
    """Why no syringe in the set measures the volume, and what nearby volume would do."""
    exact = exact_volume_text(volume_ml)
    largest = max(s.capacity_ml for s in chosen)
    finest = min(s.graduation_ml for s in chosen)
    if volume_ml > largest and not same(volume_ml, largest):
        # Any single-draw volume would be a different dose; the fix is more draws or a stronger liquid.
        text = (
            f"The calculated volume, {exact}, is more than the largest syringe holds "
            f"({ml_text(largest)}): measure it in more than one draw, or use a stronger liquid."
        )
        return (), Alert(Level.WARNING, text)
    nearest = _nearest(chosen, volume_ml, strength)
    options = _options_text(nearest)
    if volume_ml < finest and not same(volume_ml, finest):
        text = (
            f"The calculated volume, {exact}, is less than one mark ({ml_text(finest)}) on the "
            f"finest syringe, so it cannot be measured: use a weaker liquid. One mark gives {options}."
        )
    elif holding:
        text = (
            f"The calculated volume, {exact}, is a whole number of marks on the {holding[0].label}, but volumes "
            f"from 1 mL are written to the tenth ({ml_text(volume_ml)}), so no direction can say it. "
            f"Nearest measurable: {options}."
        )
    else:
        text = (
            f"The calculated volume, {exact}, is not a whole number of marks on any syringe in the "
            f"set. Nearest measurable: {options}. Use a syringe with finer marks, or a strength "
            "that gives a measurable volume."
        )
    return nearest, Alert(Level.WARNING, text)


def dose_to_volume(
    dose: Amount,
    strength: Amount,
    syringes: Sequence[Syringe] | None = None,
    *,
    allow_high: bool = False,
) -> DoseVolume:
    """The volume of a liquid of `strength` that holds `dose`, and the smallest syringe in the
    set (the defaults from resources/ when None) on which it is measurable. When none measures
    it, the nearest measurable volumes below and above, each with the dose it would give."""
    dose_mg = _amount(dose, _MASS, "dose", "mg", "1.5 mg")
    strength_mg_per_ml = _amount(strength, _CONCENTRATION, "strength", "mg/mL", "1 mg/mL")
    return dose_volume(dose_mg, strength_mg_per_ml, syringes, allow_high=allow_high)


def dose_volume(
    dose_mg: float,
    strength_mg_per_ml: float,
    syringes: Sequence[Syringe] | None = None,
    *,
    allow_high: bool = False,
) -> DoseVolume:
    """dose_to_volume in plain numbers (mg, mg/mL), as a plan measures each of its steps."""
    _check_number(dose_mg, "dose", "1.5 mg")
    _check_number(strength_mg_per_ml, "strength", "1 mg/mL")
    pool = default_syringes() if syringes is None else tuple(syringes)
    return _dose_volume(float(dose_mg), float(strength_mg_per_ml), pool, allow_high)


def _check_number(number: float, field: str, example: str) -> None:
    if isinstance(number, bool) or not isinstance(number, int | float):
        raise InputError(field, str(number), "must be a number", example)
    if not math.isfinite(number) or number <= 0:
        raise InputError(field, str(number), "must be a finite amount more than zero", example)


# A plan measures each step at each strength the advisor tries, again on every keystroke; the
# answer depends on these numbers alone, so a step that did not change is not worked out again.
@lru_cache(maxsize=4096)
def _dose_volume(
    dose_mg: float, strength_mg_per_ml: float, pool: tuple[Syringe, ...], allow_high: bool
) -> DoseVolume:
    _check_strength(strength_mg_per_ml)
    alerts = list(check_daily_dose_mg(dose_mg, "dose", allow_high=allow_high))
    if not pool:
        raise InputError("syringes", None, "at least one syringe is needed", "3 mL with 0.1 mL marks")
    if not all(isinstance(s, Syringe) for s in pool):
        raise InputError("syringes", None, "each syringe must be a Syringe", "Syringe(3, 0.1)")
    chosen = tuple(sorted(pool, key=_size_order))

    volume_ml = dose_mg / strength_mg_per_ml
    minimum = min_marks_per_dose()
    syringe, marks = _smallest_precise(chosen, volume_ml, minimum)
    nearest: tuple[NearestVolume, ...] = ()
    better: tuple[BetterChoice, ...] = ()
    if syringe is None:
        holding = [s for s in chosen if syringe_measures(s, volume_ml)]
        nearest, alert = _not_measurable(chosen, volume_ml, strength_mg_per_ml, holding)
        alerts.append(alert)
    elif marks is not None and marks < minimum:
        better = _better_choices(dose_mg, strength_mg_per_ml, volume_ml, chosen, minimum)
        alerts.append(
            _few_marks_alert(dose_mg, strength_mg_per_ml, volume_ml, syringe, marks, minimum, better)
        )

    return DoseVolume(
        dose_mg=dose_mg,
        strength_mg_per_ml=strength_mg_per_ml,
        volume_ml=volume_ml,
        # A volume that cannot be measured is written as calculated: its rounded text ("2.3 mL"
        # for 2.25 mL) would read as another dose.
        volume_text=ml_text(volume_ml) if syringe is not None else exact_volume_text(volume_ml),
        syringe=syringe,
        measurable=syringe is not None,
        nearest=nearest,
        alerts=tuple(alerts),
        marks=marks,
        min_marks=minimum,
        better=better,
    )


def _smallest_precise(
    syringes: Sequence[Syringe], volume_ml: float, minimum: int
) -> tuple[Syringe | None, int | None]:
    """The smallest syringe that measures the volume to at least `minimum` marks; failing that,
    the smallest that measures it at all (its dose is flagged); (None, None) when none does or
    the volume cannot be written as a direction."""
    if not _writable(volume_ml):
        return None, None
    measured = [(s, marks) for s in syringes if (marks := marks_of(s, volume_ml)) is not None]
    for syringe, marks in measured:
        if marks >= minimum:
            return syringe, marks
    return measured[0] if measured else (None, None)


def _better_choices(
    dose_mg: float, strength_mg_per_ml: float, volume_ml: float, syringes: Sequence[Syringe], minimum: int
) -> tuple[BetterChoice, ...]:
    """A syringe of the usual set that measures the same volume to `minimum` marks, and a weaker
    strength the pharmacy makes (the common one first) that does on these syringes."""
    found: list[BetterChoice] = []
    for syringe in default_syringes():
        marks = marks_of(syringe, volume_ml)
        if syringe not in syringes and marks is not None and marks >= minimum:
            found.append(BetterChoice(strength_mg_per_ml, volume_ml, syringe, marks, finer_syringe=True))
            break
    advisor = advisor_table()
    preferred = advisor.preferred_liquid_mg_per_ml
    weaker = [
        s
        for s in advisor.liquid_strengths_mg_per_ml
        if s < strength_mg_per_ml and not same(s, strength_mg_per_ml)
    ]
    for strength in sorted(weaker, key=lambda s: not same(s, preferred)):
        volume = dose_mg / strength
        on, count = _smallest_precise(syringes, volume, minimum)
        if on is not None and count is not None and count >= minimum:
            found.append(BetterChoice(strength, volume, on, count, finer_syringe=False))
            break
    return tuple(found)


def _few_marks_alert(
    dose_mg: float,
    strength_mg_per_ml: float,
    volume_ml: float,
    syringe: Syringe,
    marks: int,
    minimum: int,
    better: Sequence[BetterChoice],
) -> Alert:
    slip = percent_text(round_to(100 / marks, 0))
    text = (
        f"{mg_text(dose_mg)} of {mg_per_ml_text(strength_mg_per_ml)} is {ml_text(volume_ml)}, only "
        f"{count_text(marks)} mark{'s' if marks != 1 else ''} on the {syringe.label}: one mark misread is a "
        f"{slip} error, and a dose needs at least {count_text(minimum)} marks to be measured precisely."
    )
    if better:
        text += " Better: " + "; or ".join(choice.text for choice in better) + "."
    else:
        text += " Use a weaker liquid or a syringe with finer marks."
    return Alert(Level.WARNING, text)
