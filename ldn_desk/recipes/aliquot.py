"""The aliquot method: weighing an amount smaller than the balance can weigh accurately.

Weigh A (at least the minimum weighable quantity, MWQ) of the substance, dilute it with an
inert diluent to a known total T, and weigh the portion P = needed × T / A that holds exactly
the needed amount. T is chosen so that P, and the diluent added, are also at least the MWQ.

When one dilution would need more mixture than is practical (a mcg-level dose needs tens of
grams), it is done twice: A diluted to T1, a portion P1 of that diluted again to T2, and the
portion P2 = needed × T1 × T2 / (A × P1) taken; every weighing (A, T1 − A, P1, T2 − P1, P2) is
at least the MWQ.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from ldn_desk.errors import InputError, RecipeError
from ldn_desk.reference.balance import balance_table
from ldn_desk.units.dose_text import mg_text
from ldn_desk.units.numeric import above, below, same, whole_count, whole_floor


@dataclass(frozen=True)
class Aliquot:
    """The three weighings of an aliquot and the steps that describe them."""

    weigh_api_mg: float  # A: the substance put on the balance
    dilute_to_mg: float  # T: substance plus diluent, in total
    take_mg: float  # P: the portion of the mixture that holds the needed amount
    drug_in_take_mg: float  # the substance in P: P × A / T, equal to the amount needed
    steps: tuple[str, ...]
    diluent_mg: float  # T − A: diluent weighed into the mixture (both mixtures' in two stages)
    discard_mg: float  # T − P: mixture left over (of both mixtures in two stages)
    first_total_mg: float | None = None  # two stages: T1, the first mixture (A and diluent)
    first_take_mg: float | None = None  # two stages: P1, the part of it diluted again to T (T2)

    def __post_init__(self) -> None:
        for name in ("weigh_api_mg", "dilute_to_mg", "take_mg", "drug_in_take_mg", "diluent_mg"):
            value = getattr(self, name)
            if not (math.isfinite(value) and value > 0):
                raise ValueError(f"{name} must be a positive amount, not {value!r}")
        if above(self.take_mg, self.dilute_to_mg):
            raise ValueError("the portion taken cannot exceed the mixture made")
        if (self.first_total_mg is None) != (self.first_take_mg is None):
            raise ValueError("a first stage has both its total and the portion taken from it")
        expected = self.take_mg * self.weigh_api_mg / self.dilute_to_mg
        if self.first_total_mg is not None and self.first_take_mg is not None:
            if above(self.first_take_mg, self.first_total_mg):
                raise ValueError("the portion of the first mixture cannot exceed it")
            expected *= self.first_take_mg / self.first_total_mg
        if not same(expected, self.drug_in_take_mg):
            raise ValueError("drug_in_take_mg must equal take_mg × weigh_api_mg / dilute_to_mg")

    @property
    def stages(self) -> int:
        return 1 if self.first_total_mg is None else 2

    @property
    def first_drug_mg(self) -> float | None:
        """Two stages: the substance in the portion of the first mixture, P1 × A / T1."""
        if self.first_total_mg is None or self.first_take_mg is None:
            return None
        return self.first_take_mg * self.weigh_api_mg / self.first_total_mg


def _positive(value: float, field: str, example: str) -> float:
    number = float(value)
    if not (math.isfinite(number) and number > 0):
        raise InputError(field, f"{value}", "must be a positive number of mg", example)
    return number


def _round_up(value: float, step: float) -> float:
    # Dividing can leave 93.00000000001 where 93 was meant; forgive that much before rounding up.
    return whole_count(value / step) * step


def default_total_step_mg() -> float:
    return balance_table().aliquot.total_step_mg


def plan_aliquot(
    needed_mg: float,
    mwq_mg: float,
    *,
    weigh_mg: float | None = None,
    total_step_mg: float | None = None,
    readability_mg: float | None = None,
    substance: str = "naltrexone HCl powder",
    diluent: str = "filler",
) -> Aliquot:
    """Plan the weighings that deliver `needed_mg` of a substance on a balance whose minimum
    weighable quantity is `mwq_mg`; every weighing (A, T − A, P) is at least the MWQ and is a
    whole number of the balance's steps (`readability_mg`, default: the balance for `mwq_mg`).

    `weigh_mg` is A (default: the MWQ rounded up to the balance's step); T is rounded up to a
    multiple of `total_step_mg` (default from resources/balance.toml) and raised a step at a time,
    within `max_total_raise_percent`, until P = needed × T / A reads exactly; otherwise P is the
    nearest reading and `drug_in_take_mg` (P × A / T) says what it holds.
    """
    from ldn_desk.recipes.weighing import balance_for

    needed = _positive(needed_mg, "needed_mg", "15.5")
    mwq = _positive(mwq_mg, "balance MWQ", "120")
    if needed >= mwq:
        raise InputError(
            "needed_mg",
            mg_text(needed),
            f"is at or above the balance's minimum weighable quantity ({mg_text(mwq)}); weigh it directly",
            mg_text(mwq / 8),
        )
    read = (
        balance_for(mwq).readability_mg
        if readability_mg is None
        else _positive(readability_mg, "readability_mg", "1")
    )
    weigh = _round_up(mwq, read) if weigh_mg is None else _positive(weigh_mg, "weigh_mg", "120")
    if below(weigh, mwq):
        raise InputError(
            "weigh_mg",
            mg_text(weigh),
            f"is under the balance's minimum weighable quantity ({mg_text(mwq)})",
            mg_text(_round_up(mwq, read)),
        )
    rules = balance_table().aliquot
    step = rules.total_step_mg if total_step_mg is None else _positive(total_step_mg, "total_step_mg", "10")
    step = _round_up(step, read)  # the total too is read on the balance

    # P = needed × T / A ≥ MWQ  ⇔  T ≥ MWQ × A / needed; and the diluent T − A ≥ MWQ.
    total = _round_up(max(mwq * weigh / needed, weigh + mwq), step)
    # A shortfall beyond float noise after rounding takes one more step.
    while below(needed * total / weigh, mwq) or below(total - weigh, mwq):
        total += step
    exact, highest = total, total * (1 + rules.max_total_raise_percent / 100)
    for _ in range(_MAX_TRIES):
        if _reads(needed * exact / weigh, read) or exact + step > highest:
            break
        exact += step
    if _reads(needed * exact / weigh, read):
        total = exact
        take = needed * total / weigh
    else:
        take = whole_floor(needed * total / weigh / read + 0.5) * read  # the nearest reading
        if below(take, mwq):
            take += read
        take = min(take, total - read)  # a portion, never the whole mixture
    drug_in_take = take * weigh / total
    diluent_mg = total - weigh
    discard = total - take

    holds = f"{mg_text(drug_in_take)} of {substance}"
    if mg_text(drug_in_take) != mg_text(needed):
        holds += f" ({mg_text(needed)} was needed; the portion is read to the balance's {mg_text(read)} step)"
    steps = (
        f"Aliquot method: {mg_text(needed)} of {substance} is under the balance's minimum weighable "
        f"quantity ({mg_text(mwq)}), so it is weighed by dilution.",
        f"Weigh {mg_text(weigh)} of {substance}.",
        f"Add {mg_text(diluent_mg)} of {diluent} and mix by geometric dilution until uniform: "
        f"{mg_text(total)} of mixture in total.",
        f"Weigh {mg_text(take)} of this mixture: it holds {holds}.",
        f"Discard the remaining {mg_text(discard)} of mixture.",
    )
    return Aliquot(
        weigh_api_mg=weigh,
        dilute_to_mg=total,
        take_mg=take,
        drug_in_take_mg=drug_in_take,
        steps=steps,
        diluent_mg=diluent_mg,
        discard_mg=discard,
    )


def plan_two_stage_aliquot(
    needed_mg: float,
    mwq_mg: float,
    practical_max_mg: float,
    *,
    total_step_mg: float | None = None,
    substance: str = "naltrexone HCl powder",
    diluent: str = "filler",
) -> Aliquot:
    """Two dilutions for an amount so small that one would need more than `practical_max_mg` of
    mixture. Each dilution takes about the square root of the whole factor (MWQ ÷ needed), so the
    two mixtures are of like size; refused (RecipeError) when even those are over the maximum."""
    from ldn_desk.recipes.weighing import balance_for

    needed = _positive(needed_mg, "needed_mg", "0.31")
    mwq = _positive(mwq_mg, "balance MWQ", "120")
    step = (
        default_total_step_mg() if total_step_mg is None else _positive(total_step_mg, "total_step_mg", "10")
    )
    weigh = _round_up(mwq, 1.0)  # A, and P1: the least each weighing can be, to a whole mg
    carry = weigh
    # P2 = needed × T1 × T2 / (A × P1) ≥ MWQ, and each mixture at least its portion plus the MWQ.
    first = _round_up(max(weigh * math.sqrt(mwq / needed), weigh + mwq), step)
    second = _round_up(max(mwq * weigh * carry / (needed * first), carry + mwq), step)
    while below(needed * first * second / (weigh * carry), mwq):
        second += step
    if first > practical_max_mg or second > practical_max_mg:
        raise RecipeError(
            f"{mg_text(needed)} of {substance} is too little to weigh even by two dilutions on a balance "
            f"whose minimum weighable quantity is {mg_text(mwq)}: each mixture would be more than "
            f"{mg_text(practical_max_mg)}. Use a more sensitive balance or make a larger batch.",
            field="strength",
        )
    take = needed * first * second / (weigh * carry)
    read = balance_for(mwq).readability_mg
    if not _reads(take, read):  # the portion as the balance reads it, and what it then holds
        take = max(whole_floor(take / read + 0.5) * read, _round_up(mwq, read))
    carried = carry * weigh / first
    drug_in_take = take * carried / second
    steps = (
        f"Aliquot method in two stages: {mg_text(needed)} of {substance} is under the balance's minimum "
        f"weighable quantity ({mg_text(mwq)}), and one dilution would need more than "
        f"{mg_text(practical_max_mg)} of mixture, so it is diluted twice.",
        f"Weigh {mg_text(weigh)} of {substance}.",
        f"First mixture: add {mg_text(first - weigh)} of {diluent} and mix by geometric dilution until "
        f"uniform: {mg_text(first)} in total.",
        f"Weigh {mg_text(carry)} of the first mixture: it holds {mg_text(carried)} of {substance}.",
        f"Second mixture: to that portion add {mg_text(second - carry)} of {diluent} and mix by geometric "
        f"dilution until uniform: {mg_text(second)} in total.",
        f"Weigh {mg_text(take)} of the second mixture: it holds {mg_text(drug_in_take)} of {substance}"
        + (
            "."
            if mg_text(drug_in_take) == mg_text(needed)
            else f" ({mg_text(needed)} was needed; the portion is read to the balance's step)."
        ),
        f"Discard the remaining {mg_text(first - carry)} of the first mixture and {mg_text(second - take)} "
        "of the second.",
    )
    return Aliquot(
        weigh_api_mg=weigh,
        dilute_to_mg=second,
        take_mg=take,
        drug_in_take_mg=drug_in_take,
        steps=steps,
        diluent_mg=(first - weigh) + (second - carry),
        discard_mg=(first - carry) + (second - take),
        first_total_mg=first,
        first_take_mg=carry,
    )


_MAX_TRIES = 200  # totals tried for an exact portion; a bound on the work, not a pharmacy rule


def _reads(mass_mg: float, readability_mg: float) -> bool:
    steps = mass_mg / readability_mg
    return same(steps, round(steps))


@dataclass(frozen=True)
class SolutionAliquot:
    """A soluble solid under the MWQ: weigh at least the MWQ, make it up in a volumetric flask, and
    measure the whole millilitres of that solution that hold the amount needed."""

    needed_mg: float
    weigh_mg: float
    flask_ml: float
    take_ml: float

    @property
    def strength_mg_per_ml(self) -> float:
        return self.weigh_mg / self.flask_ml

    @property
    def left_ml(self) -> float:
        return self.flask_ml - self.take_ml


def solution_aliquot(
    needed_mg: float,
    mwq_mg: float,
    flasks_ml: tuple[float, ...],
    *,
    readability_mg: float,
    min_take_ml: float,
    on_a_mark: Callable[[float], bool] = lambda _volume_ml: True,
) -> SolutionAliquot | None:
    """The smallest flask, then the least weight (a whole number of balance steps, at least the MWQ,
    up to twice it), whose solution holds `needed_mg` in a whole number of millilitres that is a mark
    of what it is measured with (`on_a_mark`); None if none do."""
    first = whole_count(mwq_mg / readability_mg)
    for flask in sorted(flasks_ml):
        for steps in range(first, 2 * first + 1):
            weigh = steps * readability_mg
            take = needed_mg * flask / weigh
            whole_ml = round(take)
            if same(take, whole_ml) and min_take_ml <= whole_ml < flask and on_a_mark(float(whole_ml)):
                return SolutionAliquot(needed_mg, weigh, flask, float(round(take)))
    return None
