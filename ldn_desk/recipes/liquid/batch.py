"""Liquid LDN arithmetic: whole tablets, serial dilution from a stock, powder weights and stocks."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from ldn_desk.errors import InputError
from ldn_desk.recipes.dosing import exact_volume_text
from ldn_desk.recipes.liquid.glassware import (
    AliquotMeasure,
    aliquot_measure,
    aliquot_on_a_mark,
    make_up_measure,
    on_a_mark,
)
from ldn_desk.units.dose_text import format_number, mg_per_ml_text, ml_text, volume_decimals
from ldn_desk.units.numeric import above, at_least, at_most, below, same, whole_count


@dataclass(frozen=True)
class SerialDilution:
    """Two steps: make a stock, then make up a measured volume of it to the final volume."""

    stock_mg_per_ml: float
    stock_volume_ml: float
    stock_tablets: int  # 0 when the stock is made from powder
    stock_powder_mg: float | None  # the weight on the balance; None when made from tablets
    aliquot_ml: float  # the volume of stock measured into the batch
    final_volume_ml: float

    def __post_init__(self) -> None:
        if min(self.stock_mg_per_ml, self.stock_volume_ml, self.aliquot_ml, self.final_volume_ml) <= 0:
            raise ValueError("a dilution needs positive strengths and volumes")
        if above(self.aliquot_ml, self.stock_volume_ml):
            raise ValueError("cannot take more stock than was made")
        if self.aliquot_ml >= self.final_volume_ml:
            raise ValueError("the stock must be diluted, so the batch is larger than the aliquot")
        if (self.stock_tablets == 0) == (self.stock_powder_mg is None):
            raise ValueError("a stock is made from tablets or from weighed powder, not both")

    @property
    def stock_hcl_mg(self) -> float:
        """Naltrexone HCl dissolved or suspended in the whole stock."""
        return self.stock_mg_per_ml * self.stock_volume_ml

    @property
    def aliquot_hcl_mg(self) -> float:
        """Naltrexone HCl carried into the batch by the measured stock."""
        return self.stock_mg_per_ml * self.aliquot_ml

    @property
    def measure(self) -> AliquotMeasure | None:
        """The syringe or graduated cylinder the aliquot is measured with (it is one of its marks)."""
        return aliquot_on_a_mark(self.aliquot_ml)

    @property
    def leftover_ml(self) -> float:
        """Stock left after the aliquot is taken; it is discarded, not dispensed."""
        return max(0.0, self.stock_volume_ml - self.aliquot_ml)


@dataclass(frozen=True)
class Plan:
    """The numbers of a batch before any text is written."""

    tablets: int
    hcl_mg: float  # naltrexone HCl in the finished batch
    batch_volume_ml: float
    weigh_powder_mg: float | None
    dilution: SerialDilution | None
    raised_because: str  # why the batch is larger than asked, when it is


def whole_tablets(hcl_mg: float, tablet_mg: float) -> int:
    """The fewest whole tablets holding at least hcl_mg; a tablet is never split."""
    # 0.1 x 3 / 0.1 is 3.0000000000000004: a hair above a whole number is no reason for an extra tablet.
    return max(1, whole_count(hcl_mg / tablet_mg))


def measurable_ml(volume_ml: float) -> float:
    """Round a volume up to what can be measured and written (0.01 mL under 1 mL,
    0.1 mL from 1 mL), so the strength stays exact with the volume the pharmacist reads."""
    decimals = volume_decimals(volume_ml)
    steps = whole_count(volume_ml * 10**decimals)
    return float(steps / 10**decimals)


def tablet_plan(strength: float, wanted_ml: float, tablet_mg: float, max_ml: float = math.inf) -> Plan:
    """One step: whole tablets made up (q.s.) to the volume that gives exactly `strength`. That
    volume must be a mark of the cylinder it is made up in, so tablets are added until it is
    (the strength is never rounded); refused when no batch within `max_ml` lands on a mark."""
    fewest = whole_tablets(strength * wanted_ml, tablet_mg)
    tablets = fewest
    # (a batch over the limit already is refused by the recipe, naming the volume asked for)
    while at_most(tablets * tablet_mg / strength, max_ml) and not _on_its_mark(
        tablets * tablet_mg / strength
    ):
        tablets += 1
        if above(tablets * tablet_mg / strength, max_ml):
            raise InputError(
                "strength",
                mg_per_ml_text(strength),
                f"cannot be made from whole {format_number(tablet_mg, 3)} mg tablets in a volume a graduated "
                f"cylinder shows: {fewest} tablet{'s make' if fewest != 1 else ' makes'} "
                f"{ml_text(fewest * tablet_mg / strength)}, between the cylinder's marks, and no batch up "
                f"to {ml_text(max_ml)} falls on a mark; choose a strength such as 0.5, 1 or 2 mg/mL, "
                "or make it from powder",
                "1 mg/mL",
            )
    hcl_mg = tablets * tablet_mg
    reason = f"to use {tablets} whole tablet{'s' if tablets != 1 else ''}"
    if tablets != fewest:
        reason += (
            f" and make up to a cylinder's mark ({fewest} tablet{'s' if fewest != 1 else ''} would make "
            f"{ml_text(fewest * tablet_mg / strength)}, between the marks)"
        )
    return Plan(tablets, hcl_mg, round(hcl_mg / strength, 6), None, None, reason)


def _on_its_mark(volume_ml: float) -> bool:
    return make_up_measure(volume_ml, suspension=True) is not None


def _aliquot(
    strength: float, wanted_ml: float, stock: float, min_aliquot_ml: float, max_ml: float, *, suspension: bool
) -> tuple[float, float] | None:
    """The stock volume to measure and the final volume it is made up to: the final volume is
    the wanted one raised to a mark of its measure, and the aliquot is worked from it (so the
    strength is exact); where that aliquot falls between the marks of the smallest syringe or
    graduated cylinder that holds it, the next mark of the batch is taken. None when no batch up
    to `max_ml` takes an aliquot on a mark."""
    exact = strength * wanted_ml / stock
    if below(exact, min_aliquot_ml):
        needed = min_aliquot_ml * stock / strength
        raise InputError(
            "volume",
            ml_text(wanted_ml, grouping=False),
            f"is too small for {mg_per_ml_text(strength)}: it would take {ml_text(exact)} of the "
            f"{mg_per_ml_text(stock)} stock, under the {ml_text(min_aliquot_ml)} that can be measured well",
            ml_text(measurable_ml(needed), grouping=False),
        )
    final_ml = on_a_mark(wanted_ml, suspension=suspension)
    for _ in range(_MAX_MARKS_TRIED):
        if above(final_ml, max_ml):
            return None
        aliquot = strength * final_ml / stock
        if same(measurable_ml(aliquot), aliquot) and aliquot_on_a_mark(aliquot) is not None:
            return measurable_ml(aliquot), final_ml
        final_ml = on_a_mark(final_ml * (1 + 1e-6), suspension=suspension)
    return None  # pragma: no cover - the batch limit ends the search first


# Marks of a batch tried for an aliquot on a mark: more than a 2,000 mL batch has (5 mL to 2 L).
_MAX_MARKS_TRIED = 2000


def _off_the_marks(
    strength: float, wanted_ml: float, stock: float, max_ml: float, *, suspension: bool
) -> str:
    """Why no batch takes a part of the stock that a measure shows: the first one tried."""
    final_ml = on_a_mark(wanted_ml, suspension=suspension)
    aliquot = strength * final_ml / stock
    measure = aliquot_measure(aliquot)
    where = measure.text if measure is not None else "any syringe or graduated cylinder"
    return (
        f"cannot be made with a part of the {mg_per_ml_text(stock)} stock that falls on a mark of what it is "
        f"measured with: {ml_text(final_ml)} takes {exact_volume_text(aliquot)} of stock, between the marks of "
        f"{where}, and no batch up to {ml_text(max_ml)} takes a part on a mark; choose a rounder strength"
    )


# Strengths offered instead of one no measure can make: round ones, whose parts of a stock fall on
# the marks of the usual syringes and cylinders (tests/core/test_liquid.py makes each of them).
_ROUND_MG_PER_ML = (0.1, 0.2, 0.25, 0.5, 1.0, 2.0, 5.0)


def rounder_strength(strength: float, below_mg_per_ml: float = math.inf) -> float:
    """The round strength nearest the one asked for (under `below_mg_per_ml` for a route that
    needs it): the example of a refusal, or of a batch raised far for a mark."""
    choices = [s for s in _ROUND_MG_PER_ML if s < below_mg_per_ml] or [_ROUND_MG_PER_ML[0]]
    return min(choices, key=lambda s: (abs(math.log(s / strength)), s))


def tablet_dilution_plan(
    strength: float,
    wanted_ml: float,
    tablet_mg: float,
    stock: float,
    min_aliquot_ml: float,
    max_fraction: float,
    max_ml: float = math.inf,
) -> Plan:
    """Two steps: a stock from whole tablets, then a measured volume of it made up to the batch.
    The aliquot is at most `max_fraction` of the stock: tablets are added to the stock for that."""
    found = _aliquot(strength, wanted_ml, stock, min_aliquot_ml, max_ml, suspension=True)
    if found is None:
        raise InputError(
            "strength",
            mg_per_ml_text(strength),
            _off_the_marks(strength, wanted_ml, stock, max_ml, suspension=True),
            mg_per_ml_text(rounder_strength(strength, below_mg_per_ml=stock)),
        )
    aliquot, final_ml = found
    tablets = whole_tablets(aliquot * stock / max_fraction, tablet_mg)
    dilution = SerialDilution(
        stock_mg_per_ml=stock,
        stock_volume_ml=tablets * tablet_mg / stock,
        stock_tablets=tablets,
        stock_powder_mg=None,
        aliquot_ml=aliquot,
        final_volume_ml=final_ml,
    )
    reason = _dilution_reason(dilution, wanted_ml, suspension=True)
    return Plan(tablets, aliquot * stock, final_ml, None, dilution, reason)


def powder_factor(salt_factor: float, potency_percent: float, water_percent: float) -> float:
    """Powder to weigh per mg of naltrexone HCl wanted: salt, then assay, then water."""
    return salt_factor / (potency_percent / 100) / (1 - water_percent / 100)


@dataclass(frozen=True)
class StockRules:
    """How a powder stock is laid out (resources/liquid.toml, powder_stock and measuring)."""

    strengths_mg_per_ml: Sequence[float]
    flask_sizes_ml: Sequence[float]
    min_ratio: float
    min_aliquot_ml: float
    solubility_mg_per_ml: float
    max_fraction: float  # the aliquot is at most this share of the flask
    max_batch_ml: float = math.inf  # no batch is raised beyond this for an aliquot on a mark


def powder_plan(strength: float, wanted_ml: float, factor: float, mwq_mg: float, rules: StockRules) -> Plan:
    """Weigh the powder for the batch directly, or, under the balance's minimum weighable
    quantity, weigh at least that quantity into a stock and take a measured volume of it."""
    # The volume is raised to one a flask or a cylinder's mark shows; the powder is weighed for it.
    batch_ml = on_a_mark(wanted_ml, suspension=False)
    hcl_mg = strength * batch_ml
    weigh = hcl_mg * factor
    if at_least(weigh, mwq_mg):
        return Plan(0, hcl_mg, batch_ml, weigh, None, "to make it up to a mark of its measure")
    best: SerialDilution | None = None
    off_marks: float | None = None  # a stock whose part never falls on a mark
    for stock in rules.strengths_mg_per_ml:
        if stock > rules.solubility_mg_per_ml or stock < rules.min_ratio * strength:
            continue
        if below(hcl_mg / stock, rules.min_aliquot_ml):
            continue
        found = _aliquot(
            strength, wanted_ml, stock, rules.min_aliquot_ml, rules.max_batch_ml, suspension=False
        )
        if found is None:
            off_marks = stock if off_marks is None else off_marks
            continue
        aliquot, final_ml = found
        # The flask must hold enough drug that the powder reaches the MWQ, and the aliquot may be
        # at most its share of the flask.
        needed_ml = max(mwq_mg / factor / stock, aliquot / rules.max_fraction)
        flasks = [size for size in rules.flask_sizes_ml if at_least(size, needed_ml)]
        if not flasks:
            continue
        flask = min(flasks)
        candidate = SerialDilution(stock, flask, 0, stock * flask * factor, aliquot, final_ml)
        # Least powder wasted wins; on a tie the stronger stock (smaller flask) is kept.
        if best is None or below(candidate.stock_powder_mg or 0, best.stock_powder_mg or 0):
            best = candidate
    if best is None and off_marks is not None:
        raise InputError(
            "strength",
            mg_per_ml_text(strength),
            _off_the_marks(strength, wanted_ml, off_marks, rules.max_batch_ml, suspension=False),
            mg_per_ml_text(rounder_strength(strength)),
        )
    if best is None:
        raise InputError(
            "volume",
            ml_text(wanted_ml, grouping=False),
            f"is too small to make {mg_per_ml_text(strength)} from powder with a measurable stock; "
            "choose a larger volume",
            "100 mL",
        )
    return Plan(
        0,
        best.aliquot_hcl_mg,
        best.final_volume_ml,
        best.stock_powder_mg,
        best,
        _dilution_reason(best, wanted_ml, suspension=False),
    )


def _dilution_reason(dilution: SerialDilution, wanted_ml: float, *, suspension: bool) -> str:
    """Why a diluted batch is larger than asked: for a mark of its own measure, or further, for a
    part of the stock on a mark of the syringe or cylinder it is measured with."""
    measure = dilution.measure
    if same(dilution.final_volume_ml, on_a_mark(wanted_ml, suspension=suspension)) or measure is None:
        return "to make it up to a mark of its measure"
    return f"so the part of the stock it takes ({ml_text(dilution.aliquot_ml)}) falls on a mark of {measure.text}"
