"""One plan pipeline: a frozen PlanRequest in, one PlanOutcome out (plan, measures, supply, alerts).

Every front end asks for a plan this way (through ldn_desk.desk), so the app, the command line
and the handout all see the same steps, volumes, capsules and fills:

    outcome = plan_outcome(PlanRequest(FromProtocol("standard"), dt.date(2026, 12, 1),
                                       form=LiquidForm(1.0)))
    outcome.plan.steps, outcome.liquid.measures, outcome.supply.fills, outcome.alerts

The order is fixed: build the plan (protocol, rule or ladder; target, length, time of day), apply
the clinician's edits, measure each step in the chosen form (or the advisor's), then work out the
fills through the review day (or the days asked for).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field

from ldn_desk.errors import InputError, LdnDeskError, RecipeError
from ldn_desk.plans.dispensing import Dispensing, Overage, dispense_capsules, dispense_liquid, total_mg
from ldn_desk.plans.edits import apply_edits, with_target
from ldn_desk.plans.measuring import (
    CapsuleAdvice,
    CapsuleSchedule,
    LiquidAdvice,
    LiquidSchedule,
    advise_capsule_strengths,
    advise_liquid_strength,
    measure_capsules,
    measure_liquid,
)
from ldn_desk.plans.model import Plan, PlanEdit
from ldn_desk.plans.titration import plan_from_ladder, plan_from_protocol, plan_from_steps
from ldn_desk.recipes.dose_range import Alert, Level
from ldn_desk.recipes.dosing import Syringe
from ldn_desk.units.dates import long_date
from ldn_desk.units.dose_text import mg_per_ml_text, mg_text
from ldn_desk.units.quantity import Amount, Quantity


# --- where the doses come from ----------------------------------------------------------------
@dataclass(frozen=True)
class FromProtocol:
    """A protocol of the library, by key or name ('standard', 'weekly 1 mg')."""

    protocol: str


@dataclass(frozen=True)
class FromRule:
    """Start at `start_mg`, rise by `step_mg` every `every_days` days, up to the request's target."""

    start_mg: float
    step_mg: float
    every_days: float


@dataclass(frozen=True)
class FromLadder:
    """A clinician's rising doses, one rung every `every_days` days."""

    doses_mg: tuple[float, ...]
    every_days: float

    def __post_init__(self) -> None:
        object.__setattr__(self, "doses_mg", tuple(self.doses_mg))


PlanSource = FromProtocol | FromRule | FromLadder


# --- what the patient takes -------------------------------------------------------------------
@dataclass(frozen=True)
class LiquidForm:
    """An oral liquid of `strength_mg_per_ml` (None: the strength the advisor chooses) in a vehicle
    from resources/formulas.toml. A plan split across two strengths names the second,
    `switch_mg_per_ml`, and the plan day its bottle starts, `switch_day` (a step's first day);
    the first strength is then named too."""

    strength_mg_per_ml: float | None = None
    formula: str = "water"
    switch_mg_per_ml: float | None = None
    switch_day: int | None = None

    def __post_init__(self) -> None:
        if (self.switch_mg_per_ml is None) != (self.switch_day is None):
            raise InputError(
                "switch strength",
                None,
                "needs both the second strength and the day it starts",
                "5 mg/mL from day 57",
            )
        if self.switch_mg_per_ml is not None and self.strength_mg_per_ml is None:
            raise InputError(
                "switch strength",
                mg_per_ml_text(self.switch_mg_per_ml),
                "needs the strength the plan starts with (--liquid), e.g. 1 mg/mL",
                "5 mg/mL from day 57",
            )

    @property
    def switch(self) -> tuple[Amount, int] | None:
        """The second strength and its first day, as the measuring and the fills take it."""
        if self.switch_mg_per_ml is None or self.switch_day is None:
            return None
        return Quantity(self.switch_mg_per_ml, "mg/mL"), self.switch_day


@dataclass(frozen=True)
class CapsuleForm:
    """Capsules of these strengths in mg (None: the set the advisor chooses)."""

    strengths_mg: tuple[float, ...] | None = None

    def __post_init__(self) -> None:
        if self.strengths_mg is not None:
            object.__setattr__(self, "strengths_mg", tuple(self.strengths_mg))


Form = LiquidForm | CapsuleForm


@dataclass(frozen=True)
class PlanRequest:
    """Everything that decides a plan and what is measured and supplied for it. Plain numbers whose
    names carry the unit, so a request compares, hashes and is stored as JSON as it is.

    target_mg: the top dose; needed with a rule, optional with a protocol (a new target) or a
    ladder (where the rungs stop). length_days: end the plan then (None: the last step runs on).
    time_of_day: "bedtime" or "morning" (None: the protocol's own, else bedtime). syringes: those
    the patient has (None: the front end's, else the usual set). supply_days: days to total and
    supply (None: through the review day); fill_days: the largest fill (None: the BUD allows).
    overage: what each liquid bottle holds beyond its doses (None: resources/liquid.toml's).
    advise: also run the advisors when the form names its strength or capsules (they always run
    when the form leaves the choice to them, and for both forms when no form is given).
    """

    source: PlanSource
    start_date: dt.date
    target_mg: float | None = None
    length_days: int | None = None
    time_of_day: str | None = None
    edits: tuple[PlanEdit, ...] = ()
    form: Form | None = None
    syringes: tuple[Syringe, ...] | None = None
    supply_days: int | None = None
    fill_days: int | None = None
    advise: bool = True
    overage: Overage | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.source, FromProtocol | FromRule | FromLadder):
            raise TypeError("a plan request's source is a FromProtocol, FromRule or FromLadder")
        if not isinstance(self.start_date, dt.date):
            raise InputError("start date", str(self.start_date), "must be a date", "2026-12-01")
        object.__setattr__(self, "edits", tuple(self.edits))
        if not all(isinstance(edit, PlanEdit) for edit in self.edits):
            raise TypeError("a plan request's edits are PlanEdits")
        if self.syringes is not None:
            object.__setattr__(self, "syringes", tuple(self.syringes))
        if self.overage is not None and not isinstance(self.overage, Overage):
            raise TypeError("a plan request's overage is an Overage")
        if isinstance(self.source, FromRule) and self.target_mg is None:
            raise InputError("target", None, "is needed with a start, step and interval", "4.5 mg")


@dataclass(frozen=True)
class PlanOutcome:
    """The plan a request describes, what is measured at each step, the supply, and every alert.

    liquid or capsules: the measures of the form asked for (None without a form). The advice is
    there when the advisors ran; a capsule set the advisor could not find is in
    capsule_advice_refusal. supply is None for capsules that cannot make every dose, or when the
    fills could not be worked out (why: supply_refusal, also a caution among the alerts).
    days: the days asked for (through the review day by default); a plan of fixed length is
    totalled and supplied to its last day only. more_needed_day: when the supply ends before the
    plan shown (through the review day, or to the end of a shorter plan), the first day it does
    not cover (its date: more_needed_from); None when the supply covers the plan shown.
    """

    request: PlanRequest
    plan: Plan
    days: int
    total_mg: float
    liquid: LiquidSchedule | None = None
    capsules: CapsuleSchedule | None = None
    liquid_advice: LiquidAdvice | None = None
    capsule_advice: CapsuleAdvice | None = None
    supply: Dispensing | None = None
    alerts: tuple[Alert, ...] = ()
    more_needed_day: int | None = None
    capsule_advice_refusal: LdnDeskError | None = field(default=None, compare=False)
    supply_refusal: LdnDeskError | None = field(default=None, compare=False)
    # (the request's field, an alert about it) for alerts a form shows at the field too
    field_alerts: tuple[tuple[str, Alert], ...] = field(default=(), compare=False)

    @property
    def more_needed_from(self) -> dt.date | None:
        """The date from which the patient needs more than this supply, or None."""
        return None if self.more_needed_day is None else self.plan.date_of(self.more_needed_day)


def build_plan(request: PlanRequest) -> Plan:
    """The request's plan with its edits applied, before anything is measured."""
    source = request.source
    time = request.time_of_day
    if isinstance(source, FromProtocol):
        plan = plan_from_protocol(
            source.protocol, request.start_date, time_of_day=time, days=request.length_days
        )
        if request.target_mg is not None:
            plan = with_target(plan, request.target_mg)
    elif isinstance(source, FromRule):
        assert request.target_mg is not None  # checked by the request
        plan = plan_from_steps(
            source.start_mg,
            source.step_mg,
            source.every_days,
            request.target_mg,
            request.start_date,
            time_of_day=time or "bedtime",
            days=request.length_days,
        )
    else:
        plan = plan_from_ladder(
            source.doses_mg,
            source.every_days,
            request.start_date,
            request.target_mg,
            time_of_day=time or "bedtime",
            days=request.length_days,
        )
    return apply_edits(plan, request.edits)


def plan_outcome(request: PlanRequest, syringes: tuple[Syringe, ...] | None = None) -> PlanOutcome:
    """The one way to a plan's outcome. `syringes` are used when the request names none (the
    front end's settings); with neither, the usual set from resources/syringes.toml."""
    plan = build_plan(request)
    chosen_syringes = request.syringes if request.syringes is not None else syringes
    form = request.form
    liquid: LiquidSchedule | None = None
    capsules: CapsuleSchedule | None = None
    liquid_advice: LiquidAdvice | None = None
    capsule_advice: CapsuleAdvice | None = None
    advice_refusal: LdnDeskError | None = None

    def advise_capsules() -> None:
        nonlocal capsule_advice, advice_refusal
        try:
            capsule_advice = advise_capsule_strengths(plan)
        except LdnDeskError as refused:
            advice_refusal = refused

    if isinstance(form, LiquidForm):
        if form.strength_mg_per_ml is None or request.advise:
            liquid_advice = advise_liquid_strength(plan, syringes=chosen_syringes)
        if form.strength_mg_per_ml is None:
            assert liquid_advice is not None
            liquid = liquid_advice.schedule
        else:
            liquid = measure_liquid(
                plan, Quantity(form.strength_mg_per_ml, "mg/mL"), chosen_syringes, switch=form.switch
            )
    elif isinstance(form, CapsuleForm):
        if form.strengths_mg is None or request.advise:
            advise_capsules()
        if form.strengths_mg is not None:
            capsules = measure_capsules(plan, form.strengths_mg)
        elif capsule_advice is not None:
            capsules = capsule_advice.schedule
        else:
            raise RecipeError(f"No capsule set suggested: {advice_refusal}", "capsules")
    elif request.advise:
        liquid_advice = advise_liquid_strength(plan, syringes=chosen_syringes)
        advise_capsules()

    days = plan.days_through_review() if request.supply_days is None else request.supply_days
    total = total_mg(plan, days)
    supply: Dispensing | None = None
    supply_refusal: LdnDeskError | None = None
    try:
        if liquid is not None and isinstance(form, LiquidForm):
            strength = Quantity(liquid.strength_mg_per_ml, "mg/mL")
            supply = dispense_liquid(
                plan,
                strength,
                days,
                formula=form.formula,
                max_fill_days=request.fill_days,
                overage=request.overage,
                switch=form.switch,
            )
        elif capsules is not None and capsules.all_makeable:
            supply = dispense_capsules(plan, capsules.strengths_mg, days, max_fill_days=request.fill_days)
    except LdnDeskError as refused:
        supply_refusal = refused

    alerts: list[Alert] = list(plan.alerts)
    for schedule in (liquid, capsules):
        if schedule is not None:
            alerts += schedule.alerts
    switch = None if liquid is None else liquid.switch
    if switch is not None:
        alerts.append(
            Alert(
                Level.CAUTION,
                f"From {long_date(plan.date_of(switch.day))} (day {switch.day}) the patient uses a NEW "
                f"bottle: {switch.strength_text} (after {switch.old_strength_text}); the dose in mL changes "
                f"from {switch.before.volume_text} to {switch.after.volume_text}. Explain the change to the "
                "patient and carer: a change of strength is a known cause of tenfold errors.",
            )
        )
    if supply is not None:
        alerts += supply.alerts
    if supply_refusal is not None:
        alerts.append(Alert(Level.CAUTION, f"No supply worked out: {supply_refusal}"))
    more_needed = None if supply is None else _more_needed_day(plan, supply)
    if supply is not None and more_needed is not None:
        alerts.append(_supply_ends_alert(plan, supply, more_needed))
    field_alerts: list[tuple[str, Alert]] = []
    short = _ends_before_target(request, plan)
    if short is not None:
        alerts.insert(0, short)
        field_alerts.append(("plan length", short))
    return PlanOutcome(
        request=request,
        plan=plan,
        days=days,
        total_mg=total,
        liquid=liquid,
        capsules=capsules,
        liquid_advice=liquid_advice,
        capsule_advice=capsule_advice,
        supply=supply,
        alerts=tuple(dict.fromkeys(alerts)),
        capsule_advice_refusal=advice_refusal,
        supply_refusal=supply_refusal,
        more_needed_day=more_needed,
        field_alerts=tuple(field_alerts),
    )


def _ends_before_target(request: PlanRequest, plan: Plan) -> Alert | None:
    """A plan length that stops the titration before the target: almost always a slip."""
    end = plan.length_days
    if request.length_days is None or end is None or plan.target_day is not None:
        return None
    whole = build_plan(dataclasses.replace(request, length_days=None))
    reach = whole.target_day
    text = (
        f"The plan length ({end} days, to {long_date(plan.date_of(end))}) ends the plan before it "
        f"reaches the target of {mg_text(plan.target_mg)}: the last dose is {mg_text(plan.steps[-1].dose_mg)}."
    )
    if reach is not None:
        text += f" The target is reached on day {reach}: a plan of at least {reach} days reaches it."
    return Alert(Level.WARNING, text + " Check that a plan this short is meant.")


def shown_days(plan: Plan) -> int:
    """The days a plan is shown for (the handout's calendar and chart): through the review day,
    or to the end of a plan that stops earlier."""
    end = plan.length_days
    return plan.review_day if end is None else min(end, plan.review_day)


def _more_needed_day(plan: Plan, supply: Dispensing) -> int | None:
    return supply.days + 1 if supply.days < shown_days(plan) else None


def _supply_ends_alert(plan: Plan, supply: Dispensing, day: int) -> Alert:
    return Alert(
        Level.CAUTION,
        f"The supply covers days 1–{day - 1} (to {long_date(plan.date_of(day - 1))}); the plan runs to day "
        f"{shown_days(plan)}: the patient needs more from {long_date(plan.date_of(day))} (day {day}).",
    )
