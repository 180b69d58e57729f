"""What a liquid batch is made up to volume in: a volumetric flask or a graduated cylinder, and
whether a volume is one of its marks (resources/liquid.toml, [measuring])."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

from ldn_desk.recipes.dosing import default_syringes
from ldn_desk.reference.liquid import liquid_table
from ldn_desk.units.dose_text import ml_text
from ldn_desk.units.numeric import at_least, below, same

_MARK_STEP_ML = 0.01  # volumes are compared to the marks at this resolution


@dataclass(frozen=True)
class MakeUpMeasure:
    """A volumetric flask (one mark, its capacity) or a graduated cylinder (capacity and marks)."""

    capacity_ml: float
    graduation_ml: float | None  # None: a volumetric flask

    @property
    def is_flask(self) -> bool:
        return self.graduation_ml is None

    @property
    def text(self) -> str:
        """'the 50 mL volumetric flask' or 'the 250 mL graduated cylinder (2 mL marks)'."""
        return self.named("the")

    def named(self, article: str) -> str:
        """The measure after `article`: 'a clean 50 mL volumetric flask' for "a clean"."""
        if self.graduation_ml is None:
            return f"{article} {ml_text(self.capacity_ml)} volumetric flask"
        return (
            f"{article} {ml_text(self.capacity_ml)} graduated cylinder ({ml_text(self.graduation_ml)} marks)"
        )

    def shows(self, volume_ml: float) -> bool:
        """The volume is this measure's mark (a flask's only one), or a whole number of a
        cylinder's marks it holds."""
        if self.graduation_ml is None:
            return same(volume_ml, self.capacity_ml)
        return on_its_marks(volume_ml, self.capacity_ml, self.graduation_ml)


def on_its_marks(volume_ml: float, capacity_ml: float, graduation_ml: float) -> bool:
    """The volume is a whole number (at least one) of a graduated measure's marks, and it holds it."""
    if not at_least(capacity_ml, volume_ml):
        return False
    marks = volume_ml / graduation_ml
    return same(marks, round(marks)) and round(marks) >= 1


@cache
def _cylinders() -> tuple[MakeUpMeasure, ...]:
    measuring = liquid_table().measuring
    pairs = zip(measuring.cylinder_capacities_ml, measuring.cylinder_graduations_ml, strict=True)
    return tuple(MakeUpMeasure(capacity, mark) for capacity, mark in pairs)


@cache
def _flasks() -> tuple[MakeUpMeasure, ...]:
    return tuple(MakeUpMeasure(size, None) for size in sorted(liquid_table().measuring.make_up_flasks_ml))


def cylinder_for(volume_ml: float) -> MakeUpMeasure | None:
    """The smallest graduated cylinder that holds the volume (a larger one reads it worse)."""
    return next((c for c in _cylinders() if at_least(c.capacity_ml, volume_ml)), None)


def make_up_measure(volume_ml: float, *, suspension: bool) -> MakeUpMeasure | None:
    """What the batch is made up in: for a solution, the volumetric flask of exactly that volume
    where there is one; else (and always for a suspension) the smallest graduated cylinder that
    holds it, when the volume is one of its marks. None when no measure shows the volume."""
    if not suspension:
        flask = next((f for f in _flasks() if f.shows(volume_ml)), None)
        if flask is not None:
            return flask
    cylinder = cylinder_for(volume_ml)
    return cylinder if cylinder is not None and cylinder.shows(volume_ml) else None


def _next_mark(volume_ml: float, step_ml: float) -> float:
    """The smallest whole number of `step_ml` at or above the volume (float noise forgiven)."""
    steps = round(volume_ml / step_ml)
    if not at_least(steps * step_ml, volume_ml):
        steps = math.ceil(volume_ml / step_ml)
    return round(steps * step_ml, 6)


def on_a_mark(volume_ml: float, *, suspension: bool, whole_ml: bool = False) -> float:
    """The smallest volume at or above `volume_ml` that a measure shows: a mark of the smallest
    graduated cylinder that holds it, or (for a solution) a volumetric flask when that is
    smaller. `whole_ml`: a bottle's quantity, whole mL as well as a mark. Over the largest
    cylinder the volume is returned as it is (the batch limit refuses it)."""
    volume = volume_ml
    for _ in range(len(_cylinders()) + 1):
        cylinder = cylinder_for(volume)
        if cylinder is None:
            return volume_ml
        step = cylinder.graduation_ml or 1.0
        if whole_ml:
            step = max(step, 1.0)  # finer marks (0.1, 0.2, 0.5 mL) all fall on each whole mL
        mark = _next_mark(volume, step)
        if cylinder.shows(mark):
            break
        volume = mark  # rounding up crossed into a larger cylinder with coarser marks
    else:  # pragma: no cover - the cylinder table always ends the search
        return volume_ml
    if not suspension:
        flask = next((f.capacity_ml for f in _flasks() if at_least(f.capacity_ml, volume_ml)), None)
        if flask is not None and below(flask, mark):
            return flask
    return mark


@dataclass(frozen=True)
class AliquotMeasure:
    """What a part of a stock (or of a vehicle solid's solution) is measured with: an oral syringe
    of resources/syringes.toml up to its size, else a graduated cylinder of liquid.toml."""

    capacity_ml: float
    graduation_ml: float
    is_syringe: bool

    @property
    def text(self) -> str:
        """'a 10 mL oral syringe (0.2 mL marks)' or 'a 25 mL graduated cylinder (0.5 mL marks)'."""
        kind = "oral syringe" if self.is_syringe else "graduated cylinder"
        return f"a {ml_text(self.capacity_ml)} {kind} ({ml_text(self.graduation_ml)} marks)"

    def shows(self, volume_ml: float) -> bool:
        """The volume is a whole number (at least one) of this measure's marks, and it holds it."""
        return on_its_marks(volume_ml, self.capacity_ml, self.graduation_ml)


@cache
def _aliquot_measures() -> tuple[AliquotMeasure, ...]:
    """Syringes first (smallest, then finest marks), then the cylinders larger than them all."""
    syringes = tuple(AliquotMeasure(s.capacity_ml, s.graduation_ml, True) for s in default_syringes())
    largest = max((s.capacity_ml for s in syringes), default=0.0)
    cylinders = tuple(
        AliquotMeasure(c.capacity_ml, c.graduation_ml or 1.0, False)
        for c in _cylinders()
        if c.capacity_ml > largest and not same(c.capacity_ml, largest)
    )
    return syringes + cylinders


def aliquot_measure(volume_ml: float) -> AliquotMeasure | None:
    """The smallest measure that holds the volume (a larger one reads it worse); None over them all."""
    return next((m for m in _aliquot_measures() if at_least(m.capacity_ml, volume_ml)), None)


def aliquot_on_a_mark(volume_ml: float) -> AliquotMeasure | None:
    """The measure a volume of stock is taken with, when the volume is one of its marks; None when
    it falls between the marks of the smallest measure that holds it (or no measure holds it)."""
    measure = aliquot_measure(volume_ml)
    return measure if measure is not None and measure.shows(volume_ml) else None
