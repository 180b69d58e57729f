"""What the plan page asks the core for each plan: mL or capsules per step, advice, and supply."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeAlias

from ui.bounded import BoundedCall, Pending

SUGGESTED = "suggested"  # the combo data for "Suggested by the advisor"
# (what the advisor says, the core's schedule, and per step: the Measure text and whether it can be done)
Measured: TypeAlias = tuple[str, Any, list[tuple[str, bool]]]


def strength_list_parser(field: str, decimal_comma: bool) -> Callable[[str], Any]:
    """Reads '1.5 mg, 3 mg' (or '1,5 mg, 3 mg' with a decimal comma) by the one list grammar."""

    def parse(text: str) -> Any:
        from ldn_desk.units.lists import parse_list
        from ldn_desk.units.quantity import Kind, ParseOptions

        options = ParseOptions(decimal_comma=decimal_comma)
        return list(parse_list(text, Kind.MASS, field, example="1.5 mg, 3 mg", options=options))

    return parse


def liquid_measures(plan: Any, chosen_mg_per_ml: Any, syringes: Any) -> Measured:
    """Each step in mL of the chosen strength (or the advisor's), with the syringe that measures it."""
    from ldn_desk.plans.measuring import advise_liquid_strength, measure_liquid
    from ldn_desk.units.quantity import Quantity

    advice = advise_liquid_strength(plan, syringes=syringes)
    if chosen_mg_per_ml in (None, SUGGESTED):
        schedule = advice.schedule
        advice_text = f"Suggested strength {advice.schedule.strength_text}: {advice.reason}"
    else:
        schedule = measure_liquid(plan, Quantity(float(chosen_mg_per_ml), "mg/mL"), syringes)
        advice_text = f"Suggested: {advice.reason}"
    measures = []
    for measure in schedule.measures:
        if measure.measurable and measure.syringe is not None:
            # The marks name the syringe: two 5 mL syringes differ only in them (0.1 or 0.2 mL).
            text = f"{measure.volume_text} on the {measure.syringe.label}"
        else:
            text = f"{measure.volume_text}: not measurable"
        measures.append((text, bool(measure.measurable)))
    return advice_text, schedule, measures


def capsule_measures(plan: Any, listed: Any, advisor: BoundedCall, measurer: BoundedCall) -> Measured:
    """Each step as capsules of the listed strengths (None: the advisor's set). The searches run
    bounded, since odd doses can make them long; results are cached by the plan's steps (frozen,
    with their days), because a schedule names its steps."""
    from ldn_desk.errors import LdnDeskError, RecipeError
    from ldn_desk.plans.measuring import advise_capsule_strengths, measure_capsules
    from ldn_desk.units.quantity import magnitude

    steps = plan.steps
    try:
        advice = advisor.call(steps, lambda: advise_capsule_strengths(plan))
        suggestion = advice.reason
    except Pending:
        advice, suggestion = None, "Still working out a capsule set for these doses…"
    except LdnDeskError as error:
        advice, suggestion = None, f"No capsule set suggested: {error}"
    if listed is None:
        if advice is None:
            raise RecipeError(f'{suggestion} Choose "These strengths:" and list the capsules.')
        schedule = advice.schedule
        advice_text = f"Suggested set: {suggestion}"
    else:
        key = (steps, tuple(magnitude(s, "mg") for s in listed))
        try:
            schedule = measurer.call(key, lambda: measure_capsules(plan, listed))
        except Pending:
            raise RecipeError("Still working out which of these capsules make each dose…") from None
        advice_text = f"Suggested: {suggestion}"
    measures = [(m.dose.text, bool(m.dose.makeable)) for m in schedule.measures]
    return advice_text, schedule, measures


def supply_for(plan: Any, schedule: Any, liquid: bool, formula: str) -> tuple[Any, list[Any]]:
    """The fills through the review day; a plan that cannot be supplied says why, beside it."""
    from ldn_desk.errors import LdnDeskError
    from ldn_desk.plans.dispensing import dispense_capsules, dispense_liquid
    from ldn_desk.units.quantity import Quantity

    try:
        if liquid:
            strength = Quantity(schedule.strength_mg_per_ml, "mg/mL")
            supply = dispense_liquid(plan, strength, formula=formula)
        elif schedule.all_makeable:
            supply = dispense_capsules(plan, schedule.strengths_mg)
        else:
            return None, []
    except LdnDeskError as error:
        return None, [("caution", f"No supply worked out: {error}")]
    return supply, list(supply.alerts)
