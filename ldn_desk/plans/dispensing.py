"""What to dispense for a plan: total drug, and fills that are used up before their beyond-use date.

A fill is compounded on (or `made_days_before`) the day the patient starts it, so its
beyond-use date counts from then (Day 1 is the day of compounding). Each fill holds what the
patient takes from its due day to the day before the next fill is due; a liquid fill is made
from whole tablets by the core's liquid recipe, so the batch may be larger than the fill. A
liquid bottle also holds an overage (resources/liquid.toml, fills) for what the bottle, adapter
and syringe hub keep back; it is never counted as days of supply. A last fill of a day or two
joins the fill before it, or the two are evened out (min_fill_days).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from ldn_desk.errors import InputError
from ldn_desk.plans.measuring import CapsuleCount, capsules_for_dose
from ldn_desk.plans.model import Plan, check_calendar
from ldn_desk.recipes.bud import usp_bud
from ldn_desk.recipes.choices import DosageForm
from ldn_desk.recipes.dose_range import Alert, Level
from ldn_desk.recipes.liquid.glassware import on_a_mark
from ldn_desk.recipes.liquid.recipe import LiquidInput, LiquidRecipe, make_liquid
from ldn_desk.reference.liquid import liquid_table
from ldn_desk.units.dates import long_date
from ldn_desk.units.dose_text import count_text, days_text, mg_per_ml_text, mg_text, ml_text, percent_text
from ldn_desk.units.numeric import whole_count
from ldn_desk.units.quantity import Amount, Quantity, magnitude

_MAX_DAYS = 3660
_ML_STEP = 0.01  # fill volumes are rounded up to this, so float noise never shorts a dose
_PROBE_VOLUME_ML = 50.0  # any batch volume: the dating depends on the formula and strength only
_PROBE_DATE = dt.date(2000, 1, 1)
_MAX_BATCH_TRY_ML = 1000


_MAX_OVERAGE_PERCENT = 50.0
_MAX_OVERAGE_ML = 20.0


@dataclass(frozen=True)
class Overage:
    """What a liquid bottle holds beyond its doses: the larger of `percent` of the doses' volume
    and `at_least_ml`, for what the bottle, its adapter and the syringe hub keep back."""

    percent: float
    at_least_ml: float = 0.0

    def __post_init__(self) -> None:
        for value, limit, shown, example in (
            (self.percent, _MAX_OVERAGE_PERCENT, "%", "5 %"),
            (self.at_least_ml, _MAX_OVERAGE_ML, " mL", "2 mL"),
        ):
            if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
                raise InputError("overage", repr(value), "must be a number", example)
            if not 0 <= value <= limit:
                raise InputError(
                    "overage", f"{value:g}{shown}", f"must be from 0 to {limit:g}{shown}", example
                )

    def extra_ml(self, used_ml: float) -> float:
        return max(used_ml * self.percent / 100, self.at_least_ml)

    @property
    def text(self) -> str:
        """'5% (at least 2 mL)', '5%', '2 mL' or 'none'."""
        if self.percent and self.at_least_ml:
            return f"{percent_text(self.percent)} (at least {ml_text(self.at_least_ml)})"
        if self.percent:
            return percent_text(self.percent)
        return ml_text(self.at_least_ml) if self.at_least_ml else "none"


def default_overage() -> Overage:
    """The pharmacy's overage from resources/liquid.toml."""
    fills = liquid_table().fills
    return Overage(fills.overage_percent, fills.overage_at_least_ml)


@dataclass(frozen=True)
class Fill:
    """One supply: the plan days it covers, when it is due, and what it holds."""

    number: int  # 1 for the first fill
    from_day: int
    to_day: int
    due_date: dt.date  # the day the patient starts it
    compounded: dt.date
    use_by: dt.date  # the beyond-use date: do not use after
    total_mg: float
    volume_ml: float | None = None  # liquid: what the patient uses over the fill's days
    recipe: LiquidRecipe | None = None  # liquid: the batch (whole tablets) that fill is drawn from
    capsules: tuple[CapsuleCount, ...] = ()  # capsules: how many of each strength
    overage_ml: float = 0.0  # liquid: held beyond volume_ml for what the bottle and syringe keep back
    strength_mg_per_ml: float | None = None  # liquid: the strength in this bottle

    def __post_init__(self) -> None:
        if self.to_day < self.from_day:
            raise ValueError("a fill covers at least one day")
        if self.overage_ml < 0 or (self.overage_ml > 0 and self.volume_ml is None):
            raise ValueError("an overage is a liquid fill's, and never negative")
        if self.use_by < self.due_date + dt.timedelta(days=self.days - 1):
            raise ValueError("a fill is used up by its beyond-use date")

    @property
    def days(self) -> int:
        return self.to_day - self.from_day + 1

    @property
    def tablets(self) -> int:
        return 0 if self.recipe is None else self.recipe.tablets

    @property
    def batch_volume_ml(self) -> float | None:
        return None if self.recipe is None else self.recipe.batch_volume_ml

    @property
    def dispensed_ml(self) -> float | None:
        """What goes into the bottle (and on its label): the doses' volume and the overage."""
        if self.volume_ml is None:
            return None
        return round(self.volume_ml + self.overage_ml, 2)

    @property
    def leftover_ml(self) -> float | None:
        """What is left of the batch after the bottle is filled: discarded, not dispensed."""
        if self.recipe is None or self.dispensed_ml is None:
            return None
        return max(0.0, self.recipe.batch_volume_ml - self.dispensed_ml)

    @property
    def discarded_stock_ml(self) -> float:
        """Stock left over from a serial dilution, discarded too."""
        if self.recipe is None or self.recipe.dilution is None:
            return 0.0
        return self.recipe.dilution.leftover_ml

    @property
    def capsule_total(self) -> int:
        return sum(c.count for c in self.capsules)

    @property
    def summary(self) -> str:
        """'Fill 2, due 15 March 2026: 42 mL (days 15–28)'."""
        if self.volume_ml is not None and self.dispensed_ml is not None:
            what = ml_text(self.dispensed_ml)
            if self.overage_ml > 0:
                what += f" ({ml_text(self.volume_ml)} of doses and {ml_text(self.overage_ml)} overage)"
        else:
            what = ", ".join(
                f"{count_text(c.count)} × {mg_text(c.strength_mg)} capsules" for c in self.capsules
            )
        return f"Fill {self.number}, due {long_date(self.due_date)}: {what} ({self.days_label.lower()})"

    @property
    def days_label(self) -> str:
        """'Days 15–28', or 'Day 57' for a one-day fill."""
        if self.from_day == self.to_day:
            return f"Day {self.from_day}"
        return f"Days {self.from_day}–{self.to_day}"


@dataclass(frozen=True)
class StrengthSupply:
    """The bottles of one strength in a liquid supply, and what they hold together."""

    strength_mg_per_ml: float
    fills: tuple[Fill, ...]

    @property
    def strength_text(self) -> str:
        return mg_per_ml_text(self.strength_mg_per_ml)

    @property
    def dispensed_ml(self) -> float:
        return round(math.fsum(f.dispensed_ml or 0.0 for f in self.fills), 2)

    @property
    def total_mg(self) -> float:
        return round(math.fsum(f.total_mg for f in self.fills), 6)

    @property
    def tablets(self) -> int:
        return sum(f.tablets for f in self.fills)

    @property
    def text(self) -> str:
        """'5 mg/mL: 2 bottles, 31 mL in all (63 mg; 4 tablets)'."""
        bottles = len(self.fills)
        return (
            f"{self.strength_text}: {count_text(bottles)} bottle{'s' if bottles != 1 else ''}, "
            f"{ml_text(self.dispensed_ml)} in all ({mg_text(self.total_mg)}; "
            f"{count_text(self.tablets)} tablet{'s' if self.tablets != 1 else ''})"
        )


@dataclass(frozen=True)
class Dispensing:
    """The drug over a number of plan days and the fills that supply it."""

    days: int
    total_mg: float
    form: DosageForm
    fills: tuple[Fill, ...]
    alerts: tuple[Alert, ...]
    strength_mg_per_ml: float | None = None
    bud_days: int = 0
    overage: Overage | None = None  # liquid: the overage each bottle carries
    switch_day: int | None = None  # liquid: the first plan day supplied from a second strength
    switch_bud_days: int | None = None  # the second strength's beyond-use days

    @property
    def strengths(self) -> tuple[StrengthSupply, ...]:
        """What each strength's bottles hold in all, in the order the patient uses them (one
        entry for a supply of one strength; capsules: none)."""
        out: dict[float, list[Fill]] = {}
        for fill in self.fills:
            if fill.strength_mg_per_ml is not None:
                out.setdefault(fill.strength_mg_per_ml, []).append(fill)
        return tuple(StrengthSupply(strength, tuple(fills)) for strength, fills in out.items())

    @property
    def total_text(self) -> str:
        return mg_text(self.total_mg)

    @property
    def total_volume_ml(self) -> float | None:
        """The doses' volume over all fills (without the overage)."""
        volumes = [f.volume_ml for f in self.fills if f.volume_ml is not None]
        return sum(volumes) if volumes else None

    @property
    def dispensed_volume_ml(self) -> float | None:
        """What all the bottles hold, overage included."""
        volumes = [f.dispensed_ml for f in self.fills if f.dispensed_ml is not None]
        return round(math.fsum(volumes), 2) if volumes else None

    @property
    def tablets(self) -> int:
        return sum(f.tablets for f in self.fills)


def _days(plan: Plan, days: int | None) -> int:
    chosen = plan.days_through_review() if days is None else days
    if isinstance(chosen, bool) or not isinstance(chosen, int) or not 1 <= chosen <= _MAX_DAYS:
        raise InputError("days", str(chosen), f"must be a whole number of days, 1 to {_MAX_DAYS:,}", "112")
    if plan.length_days is not None:
        chosen = min(chosen, plan.length_days)
    return chosen


def total_mg(plan: Plan, days: int | None = None) -> float:
    """Naltrexone HCl taken over days 1..days (default: through the review day)."""
    return round(math.fsum(plan.daily_doses(_days(plan, days))), 6)


def _fill_periods(
    days: int, usable_days: int, max_fill_days: int | None, first_day: int = 1
) -> tuple[list[tuple[int, int]], Alert | None]:
    """Fills of days `first_day` to `days`, of the longest length allowed; a last fill shorter
    than min_fill_days (a fresh batch for the review day alone) joins the one before it when the
    beyond-use date allows (a fill a little longer than the fill days asked for), else the two
    are evened out. The alert says which."""
    length = usable_days if max_fill_days is None else min(usable_days, max_fill_days)
    periods = [(start, min(start + length - 1, days)) for start in range(first_day, days + 1, length)]
    if len(periods) < 2:
        return periods, None
    tail = days - periods[-1][0] + 1
    if tail >= min(liquid_table().fills.min_fill_days, length):
        return periods, None
    start = periods[-2][0]
    joined = days - start + 1
    if joined <= usable_days:
        periods[-2:] = [(start, days)]
        return periods, Alert(
            Level.NOTE,
            f"The last {days_text(tail)} (to day {days}) join fill {len(periods)} ({days_text(joined)}, "
            "within its beyond-use date) rather than a fill of their own.",
        )
    first = (joined + 1) // 2
    periods[-2:] = [(start, start + first - 1), (start + first, days)]
    return periods, Alert(
        Level.NOTE,
        f"The last two fills are evened out to {days_text(first)} and {days_text(joined - first)} "
        f"rather than {days_text(length)} and {days_text(tail)}, so no batch is made for {days_text(tail)} alone.",
    )


def _check_lead(made_days_before: int, max_fill_days: int | None) -> None:
    if made_days_before < 0:
        raise InputError("made days before", str(made_days_before), "must be 0 or more", "1")
    if max_fill_days is not None and not 1 <= max_fill_days <= _MAX_DAYS:
        raise InputError("fill days", str(max_fill_days), f"must be 1 to {_MAX_DAYS:,}", "28")


@cache
def _liquid_bud_days(strength_mg_per_ml: float, formula: str) -> int:
    # the probe batch grows like a real fill would when the strength needs a larger batch
    recipe = _batch(strength_mg_per_ml, _PROBE_VOLUME_ML, _PROBE_DATE, formula)
    return recipe.bud.days


# A long plan has dozens of fills, each its own recipe; typing a new target changes only the last
# few, so the others are not worked out again (recipes are frozen, so sharing one is safe).
@lru_cache(maxsize=1024)
def _batch(strength_mg_per_ml: float, volume_ml: float, compounded: dt.date, formula: str) -> LiquidRecipe:
    """The liquid recipe for a fill. A fill too small to make well (say, one day of a diluted
    strength) is drawn from a larger batch: the recipe's own refusal is the test, and the
    volume doubles until it is accepted (0.01 mL reaches 1,000 mL in 17 doublings)."""
    strength = Quantity(strength_mg_per_ml, "mg/mL")
    batch_ml = volume_ml
    while True:
        try:
            return make_liquid(
                LiquidInput(strength, Quantity(batch_ml, "mL"), compounded, formula=formula),
                bottle_ml=volume_ml,
            )
        except InputError as refused:
            if refused.field != "volume" or batch_ml * 2 > _MAX_BATCH_TRY_ML:
                raise
            batch_ml *= 2


def _check_dates(plan: Plan, days: int, bud_days: int, made_days_before: int) -> None:
    """Every fill's dates must exist: the last fill's beyond-use date, and the first batch made
    `made_days_before` the start."""
    check_calendar(plan.start_date, days + bud_days, "the last fill's beyond-use date")
    try:
        plan.start_date - dt.timedelta(days=made_days_before)
    except OverflowError:
        raise InputError(
            "start date",
            plan.start_date.isoformat(),
            f"leaves no room in the calendar to make the first fill {days_text(made_days_before)} before",
            "2026-12-01",
        ) from None


def _usable(bud_days: int, made_days_before: int) -> int:
    usable = bud_days - made_days_before
    if usable < 1:
        raise InputError(
            "made days before",
            str(made_days_before),
            f"leaves no usable days within the {days_text(bud_days)} beyond-use date",
            "0",
        )
    return usable


def dispense_liquid(
    plan: Plan,
    strength: Amount,
    days: int | None = None,
    *,
    formula: str = "water",
    max_fill_days: int | None = None,
    made_days_before: int = 0,
    overage: Overage | None = None,
    switch: tuple[Amount, int] | None = None,
) -> Dispensing:
    """Liquid fills for days 1..days (default: through the review day). Each fill covers the doses
    of days used up by its beyond-use date: their exact volume (rounded up to 0.01 mL) and the
    overage (default from resources/liquid.toml), the bottle rounded up to a volume that can be
    measured; each batch is the liquid recipe for that bottle, in whole tablets. With `switch`
    (a second strength and the plan day it starts), the days from then on are supplied in
    bottles of the second strength, and no bottle holds both."""
    _check_lead(made_days_before, max_fill_days)
    extra = default_overage() if overage is None else overage
    count = _days(plan, days)
    strength_mg_per_ml = magnitude(strength, "mg/mL")
    bud_days = _liquid_bud_days(strength_mg_per_ml, formula)
    parts = [(strength_mg_per_ml, bud_days, 1, count)]
    switch_day: int | None = None
    switch_bud: int | None = None
    if switch is not None:
        switch_day = switch[1]
        second = magnitude(switch[0], "mg/mL")
        switch_bud = _liquid_bud_days(second, formula)
        if switch_day < 2:
            raise InputError(
                "switch day", str(switch_day), "the second bottle starts on day 2 or later", "57"
            )
        parts = [(strength_mg_per_ml, bud_days, 1, min(count, switch_day - 1))]
        if switch_day <= count:
            parts.append((second, switch_bud, switch_day, count))
    _check_dates(plan, count, max(bud_days, switch_bud or 0), made_days_before)
    doses = plan.daily_doses(count)
    fills: list[Fill] = []
    alerts: list[Alert] = []
    for part_mg_per_ml, part_bud, first_day, last_day in parts:
        periods, merged = _fill_periods(
            last_day, _usable(part_bud, made_days_before), max_fill_days, first_day
        )
        alerts += [] if merged is None else [merged]
        for first, last in periods:
            fill = _liquid_fill(
                plan, doses, len(fills) + 1, (first, last), part_mg_per_ml, formula, made_days_before, extra
            )
            if fill is not None and fill.recipe is not None:
                # Only warnings about the batch itself reach the plan's list.
                alerts.extend(a for a in fill.recipe.alerts if a.level is Level.WARNING)
                fills.append(fill)
    total_overage = math.fsum(f.overage_ml for f in fills)
    if total_overage > 0:
        alerts.append(
            Alert(
                Level.NOTE,
                f"Each bottle holds an overage of {extra.text} beyond its doses, for what the bottle, adapter "
                f"and syringe keep back ({ml_text(total_overage)} in all); it is not counted as days of supply.",
            )
        )
    alerts.extend(_waste_alerts(fills))
    return Dispensing(
        days=count,
        total_mg=round(math.fsum(doses), 6),
        form=DosageForm.LIQUID,
        fills=tuple(fills),
        alerts=tuple(dict.fromkeys(alerts)),
        strength_mg_per_ml=strength_mg_per_ml,
        bud_days=bud_days,
        overage=extra,
        switch_day=switch_day,
        switch_bud_days=switch_bud,
    )


def _liquid_fill(
    plan: Plan,
    doses: Sequence[float],
    number: int,
    period: tuple[int, int],
    strength_mg_per_ml: float,
    formula: str,
    made_days_before: int,
    extra: Overage,
) -> Fill | None:
    """The bottle for plan days `period` (both included) at one strength, or None when no dose
    falls in them. A batch raised to whole tablets is expected (each fill's recipe says so)."""
    first, last = period
    fill_mg = math.fsum(doses[first - 1 : last])
    if fill_mg <= 0:
        return None
    volume_ml = whole_count(fill_mg / strength_mg_per_ml / _ML_STEP) * _ML_STEP
    volume_ml = round(volume_ml, 2)
    # A bottle holds whole mL, on a mark of the cylinder it is measured in (with no overage too).
    bottle_ml = on_a_mark(volume_ml + extra.extra_ml(volume_ml), suspension=True, whole_ml=True)
    due = plan.date_of(first)
    compounded = due - dt.timedelta(days=made_days_before)
    try:
        recipe = _batch(strength_mg_per_ml, bottle_ml, compounded, formula)
    except InputError as refused:
        if refused.field != "volume":
            raise
        raise InputError(
            "strength",
            mg_per_ml_text(strength_mg_per_ml),
            f"fill {number} (days {first}–{last}) would need {ml_text(bottle_ml, grouping=False)}, which cannot be "
            f"made as one batch ({refused.problem}); choose a stronger liquid or shorter fills",
            "1 mg/mL",
        ) from None
    return Fill(
        number,
        first,
        last,
        due,
        compounded,
        recipe.bud.date,
        round(fill_mg, 6),
        volume_ml,
        recipe,
        overage_ml=round(bottle_ml - volume_ml, 2),
        strength_mg_per_ml=strength_mg_per_ml,
    )


def _waste_alerts(fills: Sequence[Fill]) -> list[Alert]:
    """What is made and thrown away: the batch beyond the bottles, and any stock left over."""
    leftover = math.fsum(f.leftover_ml or 0.0 for f in fills)
    stock = math.fsum(f.discarded_stock_ml for f in fills)
    parts = []
    if leftover > _ML_STEP:
        parts.append(f"{ml_text(leftover)} of the batches after the bottles are filled")
    if stock > _ML_STEP:
        parts.append(f"{ml_text(stock)} of stock from the serial dilutions")
    if not parts:
        return []
    return [
        Alert(
            Level.NOTE,
            f"Each batch uses whole tablets; discarded in all: {' and '.join(parts)}.",
        )
    ]


def dispense_capsules(
    plan: Plan,
    strengths: Sequence[Amount | float],
    days: int | None = None,
    *,
    max_fill_days: int | None = None,
    made_days_before: int = 0,
) -> Dispensing:
    """Capsule fills for days 1..days: the count of each strength in each fill, each fill used up
    by its beyond-use date (USP <795> solid). A dose the strengths cannot make is refused."""
    _check_lead(made_days_before, max_fill_days)
    count = _days(plan, days)
    chosen = [float(s) if isinstance(s, int | float) else magnitude(s, "mg") for s in strengths]
    doses = plan.daily_doses(count)
    combos = {dose: capsules_for_dose(dose, chosen) for dose in set(doses) if dose > 0}
    for dose, combo in combos.items():
        if not combo.makeable:
            raise InputError(
                "capsules",
                ", ".join(map(mg_text, sorted(set(chosen)))),
                f"cannot make the {mg_text(dose)} dose",
                "1.5 mg",
            )
    probe = usp_bud(_PROBE_DATE, "solid")
    _check_dates(plan, count, probe.days, made_days_before)
    fills: list[Fill] = []
    periods, merged = _fill_periods(count, _usable(probe.days, made_days_before), max_fill_days)
    for number, (first, last) in enumerate(periods, 1):
        tally: dict[float, int] = {}
        for dose in doses[first - 1 : last]:
            if dose > 0:
                for item in combos[dose].capsules:
                    tally[item.strength_mg] = tally.get(item.strength_mg, 0) + item.count
        if not tally:
            continue
        due = plan.date_of(first)
        compounded = due - dt.timedelta(days=made_days_before)
        bud = usp_bud(compounded, "solid")
        counts = tuple(CapsuleCount(s, tally[s]) for s in sorted(tally, reverse=True))
        fill_mg = math.fsum(doses[first - 1 : last])
        fills.append(Fill(number, first, last, due, compounded, bud.date, round(fill_mg, 6), capsules=counts))
    alerts: list[Alert] = [] if merged is None else [merged]
    if len(fills) > 1 and max_fill_days is None:
        alerts.append(Alert(Level.NOTE, f"Capsules are split into fills of at most {days_text(probe.days)}."))
    return Dispensing(
        count, round(math.fsum(doses), 6), DosageForm.CAPSULES, tuple(fills), tuple(alerts), None, probe.days
    )
