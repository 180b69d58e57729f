"""What the patient measures at each step of a plan: mL of a liquid, or which capsules."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ldn_desk.errors import InputError
from ldn_desk.plans.model import Plan, Step
from ldn_desk.recipes.dose_range import Alert, Level
from ldn_desk.recipes.dosing import (
    DoseVolume,
    Syringe,
    default_syringes,
    dose_volume,
    syringe_measures,
)
from ldn_desk.recipes.dosing import strength_mg_per_ml as liquid_strength_mg_per_ml
from ldn_desk.reference.protocols import protocol_table
from ldn_desk.units.dose_text import count_text, mg_per_ml_text, mg_text
from ldn_desk.units.language import tr
from ldn_desk.units.numeric import at_least, same
from ldn_desk.units.quantity import Amount, Quantity, magnitude

_MCG_PER_MG = 1000
_MAX_STRENGTHS = 8  # more capsule strengths than a pharmacy stocks for one patient
_POOL_SIZE = 12  # candidate strengths the advisor draws its sets from


def _dedupe(alerts: Sequence[Alert]) -> tuple[Alert, ...]:
    return tuple(dict.fromkeys(alerts))


# --- liquid ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class LiquidMeasure:
    """One step and the volume of liquid that gives its dose."""

    step: Step
    dose: DoseVolume

    @property
    def volume_ml(self) -> float:
        return self.dose.volume_ml

    @property
    def volume_text(self) -> str:
        """The volume to draw up; for a step that cannot be measured, the calculated volume
        ('1.25 mL'), since its rounded text ('1.3 mL') would read as a dose to measure."""
        return self.dose.volume_text if self.measurable else self.calculated_volume_text

    @property
    def calculated_volume_text(self) -> str:
        return self.dose.calculated_volume_text

    @property
    def syringe(self) -> Syringe | None:
        return self.dose.syringe

    @property
    def measurable(self) -> bool:
        return self.dose.measurable

    @property
    def marks(self) -> int | None:
        return self.dose.marks

    @property
    def few_marks(self) -> bool:
        """Measurable, but on fewer marks than a patient can measure precisely (flagged)."""
        return self.dose.few_marks

    @property
    def precise(self) -> bool:
        return self.dose.precise


@dataclass(frozen=True)
class LiquidSchedule:
    """Every step of a plan measured from a liquid of one strength."""

    strength_mg_per_ml: float  # the first bottle's (the only one's, without a switch)
    measures: tuple[LiquidMeasure, ...]  # one for each plan step, in order
    alerts: tuple[Alert, ...]
    # A plan split across two strengths: from this step (0 is the first) on, the steps are
    # measured from a second bottle (each measure's dose names its strength).
    switch_step: int | None = None

    def __post_init__(self) -> None:
        if self.switch_step is not None and not 0 < self.switch_step < len(self.measures):
            raise ValueError("a switch of strength comes after the first step and at a step")

    @property
    def strength_text(self) -> str:
        return mg_per_ml_text(self.strength_mg_per_ml)

    def strength_at(self, index: int) -> float:
        """The strength step `index` (0 is the first) is measured from."""
        return self.measures[index].dose.strength_mg_per_ml

    @property
    def switch(self) -> StrengthSwitch | None:
        """The change to a second bottle, or None for a plan measured from one strength."""
        if self.switch_step is None:
            return None
        return StrengthSwitch(self.measures[self.switch_step - 1], self.measures[self.switch_step])

    @property
    def strengths_text(self) -> str:
        """'1 mg/mL', or '1 mg/mL to day 56, then 5 mg/mL from day 57'."""
        switch = self.switch
        if switch is None:
            return self.strength_text
        return (
            f"{self.strength_text} to day {switch.day - 1}, then {switch.strength_text} from day {switch.day}"
        )

    @property
    def all_measurable(self) -> bool:
        return all(m.measurable for m in self.measures)

    @property
    def all_precise(self) -> bool:
        """Every step measurable to at least the minimum marks."""
        return all(m.precise for m in self.measures)

    @property
    def syringes(self) -> tuple[Syringe, ...]:
        """The distinct syringes the plan needs, smallest first."""
        used = {m.syringe for m in self.measures if m.syringe is not None}
        return tuple(sorted(used, key=lambda s: (s.capacity_ml, s.graduation_ml)))


@dataclass(frozen=True)
class StrengthSwitch:
    """Where a plan moves from its first bottle to a second of another strength: the last step
    measured from the first and the first from the new one. The mL dose changes with the liquid
    (a known cause of tenfold errors), so it is called out wherever the plan is shown."""

    before: LiquidMeasure
    after: LiquidMeasure

    @property
    def day(self) -> int:
        return self.after.step.from_day

    @property
    def strength_mg_per_ml(self) -> float:
        return self.after.dose.strength_mg_per_ml

    @property
    def strength_text(self) -> str:
        return mg_per_ml_text(self.strength_mg_per_ml)

    @property
    def old_strength_text(self) -> str:
        return mg_per_ml_text(self.before.dose.strength_mg_per_ml)

    def callout(self, date_text: str) -> str:
        """'From 26 April 2026 you use a NEW bottle: 5 mg/mL. Your dose in mL changes from 4.5 mL
        to 0.9 mL.' — the patient's words; `date_text` is the switch day's date as written."""
        return tr(
            "From {date} you use a NEW bottle: {strength}. Your dose in mL changes from {before} to {after}."
        ).format(
            date=date_text,
            strength=self.strength_text,
            before=self.before.volume_text,
            after=self.after.volume_text,
        )


def measure_liquid(
    plan: Plan,
    strength: Amount,
    syringes: Sequence[Syringe] | None = None,
    *,
    switch: tuple[Amount, int] | None = None,
) -> LiquidSchedule:
    """The mL, syringe and measurability of every step's dose at `strength`; with `switch`
    (a second strength and the plan day it starts), the steps from that day on are measured
    from the second strength. The day must be the first day of a step after the first: a new
    bottle is started with a new dose, never in the middle of one."""
    measures: list[LiquidMeasure] = []
    alerts: list[Alert] = []
    strength_mg_per_ml = liquid_strength_mg_per_ml(strength)
    pool = default_syringes() if syringes is None else tuple(syringes)
    switch_step: int | None = None
    second_mg_per_ml = strength_mg_per_ml
    if switch is not None:
        second_mg_per_ml = liquid_strength_mg_per_ml(switch[0])
        switch_step = switch_step_of(plan, switch[1])
        if same(second_mg_per_ml, strength_mg_per_ml):
            raise InputError(
                "switch strength",
                mg_per_ml_text(second_mg_per_ml),
                "is the strength the plan starts with; name another",
                f"5 mg/mL from day {switch[1]}",
            )
    for index, step in enumerate(plan.steps):
        at = second_mg_per_ml if switch_step is not None and index >= switch_step else strength_mg_per_ml
        dose = dose_volume(step.dose_mg, at, pool, allow_high=plan.allow_high)
        measures.append(LiquidMeasure(step, dose))
        alerts.extend(dose.alerts)
    return LiquidSchedule(strength_mg_per_ml, tuple(measures), _dedupe(alerts), switch_step)


def switch_step_of(plan: Plan, day: int) -> int:
    """The step (0 is the first) a second bottle starts with on plan day `day`; refused, naming
    the days that would do, when `day` is not the first day of a step after the first."""
    starts = [s.from_day for s in plan.steps[1:]]
    example = f"5 mg/mL from day {starts[-1]}" if starts else "5 mg/mL from day 57"
    if not starts:
        raise InputError(
            "switch day",
            str(day),
            "the plan has one step: there is no later step to change bottles at",
            example,
        )
    for index, step in enumerate(plan.steps):
        if step.from_day == day and index > 0:
            return index
    if day <= 1:
        why = "the second bottle starts after the first step; use --liquid for a plan of one strength"
    else:
        inside_step = plan.step_index_on(day)
        listed = ", ".join(map(str, starts[:8])) + (" …" if len(starts) > 8 else "")
        inside = (
            "is after the plan ends"
            if inside_step is None
            else f"falls inside the {plan.steps[inside_step].dose_text} step "
            f"({plan.steps[inside_step].days_label.lower()})"
        )
        why = f"{inside}; a new bottle starts with a new dose, on a step's first day: day {listed}"
    raise InputError("switch day", str(day), why, example)


@dataclass(frozen=True)
class LiquidSplit:
    """A plan no one strength measures: `first` for steps before `from_step` (0 is the first
    step), `second` from it on. The change of strength is a known cause of tenfold errors, so it
    is called out wherever the plan is shown."""

    first: LiquidSchedule
    second: LiquidSchedule
    from_step: int

    @property
    def from_day(self) -> int:
        return self.second.measures[self.from_step].step.from_day

    @property
    def text(self) -> str:
        """'0.1 mg/mL for days 1–28 (0.02 mg to 0.05 mg), then 1 mg/mL from day 29 (0.1 mg)'."""
        first_steps = self.first.measures[: self.from_step]
        last = first_steps[-1].step
        return (
            f"{self.first.strength_text} for days 1–{last.to_day} ({first_steps[0].step.dose_text} to "
            f"{last.dose_text}), then {self.second.strength_text} from day {self.from_day} "
            f"({self.second.measures[self.from_step].step.dose_text} on)"
        )


@dataclass(frozen=True)
class LiquidAdvice:
    """The strength the advisor chose, its schedule, why, and how each candidate fared; `split`
    when no one strength measures every step but two do, one after the other."""

    schedule: LiquidSchedule
    reason: str
    candidates: tuple[LiquidSchedule, ...]
    split: LiquidSplit | None = None

    @property
    def strength_mg_per_ml(self) -> float:
        return self.schedule.strength_mg_per_ml


def target_marks(plan: Plan) -> int:
    """The marks the advisor aims every step at: the minimum, or more where the plan's protocol
    keeps its steps well above it (sensitive and gentle starts, resources/protocols.toml)."""
    minimum = protocol_table().advisor.min_marks_per_dose
    key = plan.protocol_key
    entry = protocol_table().protocols.get(key) if key is not None else None
    wanted = entry.precise_marks_per_dose if entry is not None else None
    return max(minimum, wanted or minimum)


def _first_short(schedule: LiquidSchedule, wanted: int) -> LiquidMeasure | None:
    return next((m for m in schedule.measures if m.marks is None or m.marks < wanted), None)


def _measure_words(measure: LiquidMeasure) -> str:
    """'0.1 mg is 0.1 mL, 10 marks on the 1 mL syringe (0.01 mL marks)' or '… cannot be measured'."""
    dose = measure.step.dose_text
    if measure.syringe is None or measure.marks is None:
        return f"{dose} is {measure.calculated_volume_text}, which cannot be measured"
    return (
        f"{dose} is {measure.volume_text}, {count_text(measure.marks)} marks on the {measure.syringe.label}"
    )


def _largest_volume(schedule: LiquidSchedule) -> LiquidMeasure:
    return max(schedule.measures, key=lambda m: m.volume_ml)


def advise_liquid_strength(
    plan: Plan,
    strengths: Sequence[Amount] | None = None,
    syringes: Sequence[Syringe] | None = None,
) -> LiquidAdvice:
    """Of the strengths the pharmacy makes (resources/protocols.toml [advisor] by default), precision
    first: the one that measures the most steps to at least `min_marks_per_dose` marks, then the
    most to the plan's own aim (`target_marks`: more for sensitive and gentle starts); then the
    familiar 1 mg/mL (mg = mL); only then the fewest syringes, then the order given. Another
    strength than 1 mg/mL is chosen only for precision, and the reason says what it costs. When no
    strength measures every step, two strengths one after the other may (the reason says so)."""
    advisor = protocol_table().advisor
    if strengths is None:
        strengths = [Quantity(v, "mg/mL") for v in advisor.liquid_strengths_mg_per_ml]
    if not strengths:
        raise InputError("strengths", None, "at least one liquid strength is needed", "1 mg/mL")
    preferred = advisor.preferred_liquid_mg_per_ml
    schedules = [measure_liquid(plan, strength, syringes) for strength in strengths]

    min_marks = advisor.min_marks_per_dose
    aim = target_marks(plan)

    def at(measure: LiquidMeasure, wanted: int) -> bool:
        return measure.marks is not None and measure.marks >= wanted

    available = tuple(syringes) if syringes is not None else default_syringes()

    fewest: dict[int, tuple[Syringe, ...]] = {}

    def fewest_syringes(schedule: LiquidSchedule) -> tuple[Syringe, ...]:
        """The fewest syringes on which every step is well measured (one 5 mL syringe with
        0.1 mL marks serves 1.5, 3 and 4.5 mL alike); each step's own smallest when none do."""
        if id(schedule) in fewest:
            return fewest[id(schedule)]
        # Each distinct volume once: the syringes (by position) that measure it well.
        serving = {
            _serving(available, volume, min_marks)
            for volume in dict.fromkeys(m.volume_ml for m in schedule.measures)
        }
        found = schedule.syringes
        for size in range(1, len(available) + 1):
            chosen = next(
                (
                    c
                    for c in itertools.combinations(range(len(available)), size)
                    if all(w & set(c) for w in serving)
                ),
                None,
            )
            if chosen is not None:
                found = tuple(available[i] for i in chosen)
                break
        fewest[id(schedule)] = found
        return found

    def is_preferred(schedule: LiquidSchedule) -> bool:
        return same(schedule.strength_mg_per_ml, preferred)

    def score(item: tuple[int, LiquidSchedule]) -> tuple[int, int, int, int, int]:
        order, schedule = item
        precise = sum(at(m, min_marks) for m in schedule.measures)
        aimed = sum(at(m, aim) for m in schedule.measures)
        return (-precise, -aimed, 0 if is_preferred(schedule) else 1, len(fewest_syringes(schedule)), order)

    _, best = min(enumerate(schedules), key=score)
    sizes = " and ".join(f"the {s.label}" for s in fewest_syringes(best)) or "no syringe"
    count = sum(at(m, min_marks) for m in best.measures)
    steps = len(best.measures)
    if count < steps:
        split = _split(plan, schedules, min_marks, preferred)
        reason = (
            f"No one strength measures every step to at least {min_marks} marks; {best.strength_text} "
            f"measures {count} of {steps}."
        )
        if split is not None:
            reason += (
                f" Split the plan across two strengths: {split.text}. The change of strength must be "
                "explained to the patient and carer: the mL dose changes with the liquid (a known cause "
                "of tenfold errors)."
            )
        else:
            reason += " Consider other syringes, or capsules."
        return LiquidAdvice(best, reason, tuple(schedules), split)
    reason = f"{best.strength_text} measures every step to at least {min_marks} marks with {sizes}."
    common = next((s for s in schedules if is_preferred(s)), None)
    if common is not None and common is not best:
        short = _first_short(common, min_marks if not common.all_precise else aim)
        largest = _largest_volume(best)
        if short is not None:
            why = f"at the familiar {common.strength_text}, {_measure_words(short)}"
            if short.marks is not None and short.marks >= min_marks:
                why += f", under the {aim} this plan keeps every step at"
            reason += f" Chosen over {common.strength_text} for precision: {why}"
            cost = (
                f"each mL holds {mg_text(best.strength_mg_per_ml)}, so the dose in mL is not the dose in mg "
                f"({_measure_words(best.measures[0])}; {largest.step.dose_text} is {largest.volume_text})"
            )
            reason += f". The trade-off: {cost}."
    return LiquidAdvice(best, reason, tuple(schedules))


# The same volumes come back on every keystroke of a long plan, for each syringe of the set.
@lru_cache(maxsize=1 << 14)
def _serving(available: tuple[Syringe, ...], volume_ml: float, min_marks: int) -> frozenset[int]:
    """The positions in `available` of the syringes that measure the volume well."""
    return frozenset(i for i, s in enumerate(available) if _well_measured_on(s, volume_ml, min_marks))


@lru_cache(maxsize=1 << 14)
def _well_measured_on(syringe: Syringe, volume_ml: float, min_marks: int) -> bool:
    """The syringe measures the volume, on at least `min_marks` of its marks."""
    return syringe_measures(syringe, volume_ml) and at_least(volume_ml, min_marks * syringe.graduation_ml)


def _precise_from_start(schedule: LiquidSchedule) -> int:
    """How many steps from the first are measured precisely, one after another."""
    count = 0
    for measure in schedule.measures:
        if not measure.precise:
            break
        count += 1
    return count


def _precise_to_end(schedule: LiquidSchedule) -> int:
    """The first step from which every step to the last is measured precisely."""
    start = len(schedule.measures)
    while start > 0 and schedule.measures[start - 1].precise:
        start -= 1
    return start


def _split(
    plan: Plan, schedules: Sequence[LiquidSchedule], min_marks: int, preferred: float
) -> LiquidSplit | None:
    """Two strengths, the first for the lower steps and the second from a step on, that measure
    every step to at least `min_marks`: the split that keeps the most steps on the familiar
    strength, then the most on the second (the one the patient stays on)."""
    del plan
    best: tuple[tuple[int, int], LiquidSplit] | None = None
    # Where each schedule's precise steps run from the start, and from where to the end: a split
    # at k works when the first covers steps before k and the second the rest, so the steps are
    # looked at once per schedule, not once per split.
    leading = {id(s): _precise_from_start(s) for s in schedules}
    trailing = {id(s): _precise_to_end(s) for s in schedules}
    for first in schedules:
        for second in schedules:
            if first is second:
                continue
            steps = len(first.measures)
            first_preferred = same(first.strength_mg_per_ml, preferred)
            second_preferred = same(second.strength_mg_per_ml, preferred)
            low, high = max(1, trailing[id(second)]), min(steps - 1, leading[id(first)])
            for k in range(low, high + 1):
                on_preferred = (k if first_preferred else 0) + (steps - k if second_preferred else 0)
                rank = (-on_preferred, -(steps - k))
                if best is None or rank < best[0]:
                    best = (rank, LiquidSplit(first, second, k))
    return None if best is None else best[1]


# --- capsules -------------------------------------------------------------------------------
@dataclass(frozen=True)
class CapsuleCount:
    strength_mg: float
    count: int

    @property
    def text(self) -> str:
        """'2 × 1.5 mg'."""
        return f"{count_text(self.count)} × {mg_text(self.strength_mg)}"


@dataclass(frozen=True)
class CapsuleDose:
    """The capsules that make one dose (fewest capsules), or makeable False when none do."""

    dose_mg: float
    capsules: tuple[CapsuleCount, ...]  # largest strength first; empty when not makeable

    @property
    def makeable(self) -> bool:
        return bool(self.capsules)

    @property
    def total_capsules(self) -> int:
        return sum(c.count for c in self.capsules)

    @property
    def text(self) -> str:
        """'1 × 3 mg + 1 × 1.5 mg', or a plain refusal."""
        if not self.makeable:
            return f"{mg_text(self.dose_mg)} cannot be made from these capsules"
        return " + ".join(c.text for c in self.capsules)


def _mcg(mg: float, field: str) -> int:
    units = round(mg * _MCG_PER_MG)
    if units < 1 or not same(mg * _MCG_PER_MG, units):
        raise InputError(field, mg_text(mg), "must be a whole number of micrograms", "1.5 mg")
    return units


@lru_cache(maxsize=1 << 16)
def _fewest(dose_mcg: int, strengths_mcg: tuple[int, ...], cap: int | None = None) -> tuple[int, ...] | None:
    """Counts per strength (largest strength first, as given) with the fewest capsules summing
    exactly to the dose; among equally few, the most of the larger strengths. With `cap`, None
    when more than `cap` capsules would be needed.

    A depth-first search from the largest strength down, most capsules of it first, so the first
    fewest found is the one with the most of the larger strengths; a branch that cannot beat the
    best so far is cut. Its cost grows with the number of strengths, not with the dose in
    micrograms (a table over every amount up to the dose took seconds for odd doses)."""
    unit = math.gcd(dose_mcg, *strengths_mcg)
    target = dose_mcg // unit
    sizes = [s // unit for s in strengths_mcg]
    last = len(sizes) - 1
    counts = [0] * len(sizes)
    best: list[int] | None = None
    bound = math.inf if cap is None else cap + 1  # a solution must use fewer than this

    def search(i: int, remaining: int, used: int) -> None:
        nonlocal best, bound
        size = sizes[i]
        if i == last:
            if remaining % size == 0 and used + remaining // size < bound:
                counts[i] = remaining // size
                best, bound = list(counts), used + counts[i]
                counts[i] = 0
            return
        smaller = sizes[i + 1]
        for count in range(remaining // size, -1, -1):
            left = remaining - count * size
            # at least this many capsules in all; it only grows as `count` falls (size > smaller)
            if used + count + -(-left // smaller) >= bound:
                break
            if left == 0:
                best, bound = [*counts[:i], count, *[0] * (last - i)], used + count
                break
            counts[i] = count
            search(i + 1, left, used + count)
        counts[i] = 0

    search(0, target, 0)
    return None if best is None else tuple(best)


def capsules_for_dose(dose_mg: float, strengths_mg: Sequence[float]) -> CapsuleDose:
    """The fewest capsules from `strengths_mg` that make exactly `dose_mg` (3 mg = 2 × 1.5 mg)."""
    strengths = tuple(sorted({_mcg(s, "capsule strength") for s in strengths_mg}, reverse=True))
    if not strengths:
        raise InputError("capsules", None, "at least one capsule strength is needed", "1.5 mg")
    counts = _fewest(_mcg(dose_mg, "dose"), strengths)
    if counts is None:
        return CapsuleDose(dose_mg, ())
    used = tuple(CapsuleCount(s / _MCG_PER_MG, c) for s, c in zip(strengths, counts, strict=True) if c > 0)
    return CapsuleDose(dose_mg, used)


@dataclass(frozen=True)
class CapsuleMeasure:
    step: Step
    dose: CapsuleDose


@dataclass(frozen=True)
class CapsuleSchedule:
    """Every step of a plan made from a set of capsule strengths."""

    strengths_mg: tuple[float, ...]  # largest first
    measures: tuple[CapsuleMeasure, ...]
    alerts: tuple[Alert, ...]

    @property
    def all_makeable(self) -> bool:
        return all(m.dose.makeable for m in self.measures)

    @property
    def strengths_text(self) -> str:
        return ", ".join(mg_text(s) for s in self.strengths_mg)


def _strengths_mg(strengths: Sequence[Amount | float]) -> tuple[float, ...]:
    values = {float(s) if isinstance(s, int | float) else magnitude(s, "mg") for s in strengths}
    if not values:
        raise InputError("capsules", None, "at least one capsule strength is needed", "1.5 mg, 3 mg")
    if len(values) > _MAX_STRENGTHS:
        raise InputError("capsules", None, f"at most {_MAX_STRENGTHS} capsule strengths", "1.5 mg, 3 mg")
    for value in values:
        if not (math.isfinite(value) and value > 0):
            raise InputError("capsules", mg_text(value), "each strength must be more than zero", "1.5 mg")
    return tuple(sorted(values, reverse=True))


def measure_capsules(plan: Plan, strengths: Sequence[Amount | float]) -> CapsuleSchedule:
    """Which capsules make each step's dose (fewest capsules); a dose they cannot make is
    reported as a warning, and more capsules a dose than the advisor limit as a caution."""
    chosen = _strengths_mg(strengths)
    limit = protocol_table().advisor.max_capsules_per_dose
    measures: list[CapsuleMeasure] = []
    alerts: list[Alert] = []
    for step in plan.steps:
        dose = capsules_for_dose(step.dose_mg, chosen)
        measures.append(CapsuleMeasure(step, dose))
        if not dose.makeable:
            alerts.append(
                Alert(
                    Level.WARNING,
                    f"{step.dose_text} cannot be made from {', '.join(map(mg_text, chosen))} capsules.",
                )
            )
        elif dose.total_capsules > limit:
            alerts.append(
                Alert(
                    Level.CAUTION,
                    f"{step.dose_text} takes {count_text(dose.total_capsules)} capsules a dose ({dose.text}).",
                )
            )
    return CapsuleSchedule(chosen, tuple(measures), _dedupe(alerts))


@dataclass(frozen=True)
class CapsuleAdvice:
    schedule: CapsuleSchedule
    reason: str

    @property
    def strengths_mg(self) -> tuple[float, ...]:
        return self.schedule.strengths_mg


def _natural_strengths(plan: Plan) -> tuple[float, ...]:
    """The rises between the plan's doses, its lower doses (the building blocks of the higher
    ones) and its target: the strengths a pharmacy would think of, at most a dozen so the
    search stays small (largest first)."""
    ordered = sorted({step.dose_mg for step in plan.steps})
    rises = sorted({round(b - a, 6) for a, b in itertools.pairwise(ordered)})
    pool = list(dict.fromkeys([*rises, *ordered]))[: _POOL_SIZE - 1]
    return tuple(sorted({*pool, ordered[-1]}, reverse=True))


def _counts_for_all(
    doses: Sequence[float], strengths_mg: tuple[float, ...], cap: int | None
) -> list[int] | None:
    """The fewest capsules for each dose from the strengths, or None as soon as one cannot be
    made (with `cap`, in at most `cap` capsules)."""
    strengths = tuple(sorted({_mcg(s, "capsule strength") for s in strengths_mg}, reverse=True))
    made = []
    for dose in doses:
        counts = _fewest(_mcg(dose, "dose"), strengths, cap)
        if counts is None:
            return None
        made.append(sum(counts))
    return made


def advise_capsule_strengths(
    plan: Plan, candidates: Sequence[Amount | float] | None = None, max_per_dose: int | None = None
) -> CapsuleAdvice:
    """The smallest set of capsule strengths (from `candidates`, by default the rises between
    the plan's doses, its lower doses and its target) that makes every step exactly with at most
    `max_per_dose` capsules (resources default); ties go to the set needing fewest capsules over
    the steps. With no set inside the limit, the set (of the allowed size) whose largest count
    of capsules for one dose is smallest."""
    # smallest first: a set that cannot make the lowest dose is dropped after one look
    doses = tuple(sorted({step.dose_mg for step in plan.steps}))
    pool = _strengths_mg(candidates) if candidates is not None else _natural_strengths(plan)
    advisor = protocol_table().advisor
    limit = max_per_dose if max_per_dose is not None else advisor.max_capsules_per_dose
    # A pharmacy stocks a few strengths per patient; bounding the set size keeps the search to
    # a few hundred subsets however many doses the plan has.
    largest_set = min(len(pool), advisor.max_strengths_in_set)
    subsets = [subset for size in range(1, largest_set + 1) for subset in itertools.combinations(pool, size)]
    # First the sets that make every dose within the limit: a search capped at `limit` capsules
    # a dose is quick however odd the doses are.
    for size in range(1, largest_set + 1):
        best: tuple[int, tuple[float, ...]] | None = None
        for subset in (s for s in subsets if len(s) == size):
            made = _counts_for_all(doses, subset, limit)
            if made is not None and (best is None or sum(made) < best[0]):
                best = (sum(made), subset)
        if best is not None:
            schedule = measure_capsules(plan, best[1])
            reason = f"{schedule.strengths_text} capsules make every dose in the plan."
            return CapsuleAdvice(schedule, reason)
    # None does: the set whose largest count for one dose is smallest (then fewest in all, then
    # fewest strengths, then the first in the order above). A set needing more for some dose
    # than the best so far cannot win, so each search is capped there; the larger sets, which
    # need fewer capsules, are tried first so the cap is low early, and the largest doses first
    # in each set, as they are the ones that need the most.
    fallback: tuple[tuple[int, int, int, int], tuple[float, ...]] | None = None
    largest_first = doses[::-1]
    for order, subset in sorted(enumerate(subsets), key=lambda item: -len(item[1])):
        made = _counts_for_all(largest_first, subset, None if fallback is None else fallback[0][0])
        if made is None:
            continue
        rank = (max(made), sum(made), len(subset), order)
        if fallback is None or rank < fallback[0]:
            fallback = (rank, subset)
    if fallback is not None:
        schedule = measure_capsules(plan, fallback[1])
        reason = (
            f"{schedule.strengths_text} capsules make every dose in the plan, but some doses need "
            f"{fallback[0][0]} capsules (more than {limit})."
        )
        return CapsuleAdvice(schedule, reason)
    raise InputError(
        "capsules",
        ", ".join(map(mg_text, pool)),
        f"no set of up to {largest_set} of these strengths makes every dose",
        "1.5 mg",
    )
