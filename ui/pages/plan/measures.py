"""What the plan page shows of a plan outcome: the Measure column, the advisor's words, the list field."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ldn_desk.desk import PlanOutcome

SUGGESTED = "suggested"  # the combo data for "Suggested by the advisor"
CUSTOM = ""  # the protocol combo's data for "custom start, step, every, target"


def strength_list_parser(field: str, decimal_comma: bool) -> Callable[[str], tuple[float, ...]]:
    """Reads '1.5 mg, 3 mg' (or '1,5 mg, 3 mg' with a decimal comma) by the one list grammar,
    into strengths in mg."""

    def parse(text: str) -> tuple[float, ...]:
        from ldn_desk.units.lists import parse_values
        from ldn_desk.units.quantity import Kind, ParseOptions

        options = ParseOptions(decimal_comma=decimal_comma)
        return parse_values(text, Kind.MASS, field, example="1.5 mg, 3 mg", options=options)

    return parse


def step_measures(outcome: PlanOutcome) -> list[tuple[str, bool]]:
    """Per step: the Measure text, and whether the patient can measure or make it."""
    if outcome.liquid is not None:
        from ldn_desk.units.dose_text import ml_text
        from ui.i18n import translate as t

        shown = []
        split = outcome.liquid.switch_step is not None
        for measure in outcome.liquid.measures:
            syringe = measure.syringe
            label = (
                ""
                if syringe is None
                else t("{capacity} syringe ({marks} marks)").format(
                    capacity=ml_text(syringe.capacity_ml), marks=ml_text(syringe.graduation_ml)
                )
            )
            if measure.few_marks and syringe is not None:
                # Measurable, but too coarse for a patient: flagged like a dose that cannot be measured.
                text = t("Only {marks} marks: {volume} on the {syringe}").format(
                    marks=measure.marks, volume=measure.volume_text, syringe=label
                )
                shown.append((text, False))
            elif measure.measurable and syringe is not None:
                # The marks name the syringe: two 5 mL syringes differ only in them (0.1 or 0.2 mL).
                text = t("{volume} on the {syringe}").format(volume=measure.volume_text, syringe=label)
                shown.append((text, True))
            else:
                shown.append((t("{volume}: not measurable").format(volume=measure.volume_text), False))
            if split:
                # two bottles: each step says which it is drawn from
                text, ok = shown[-1]
                shown[-1] = (f"{measure.dose.strength_text}: {text}", ok)
        return shown
    if outcome.capsules is not None:
        from ldn_desk.reference.protocols import protocol_table

        most = protocol_table().advisor.handout_max_capsules_per_dose
        return [
            (m.dose.text, m.dose.makeable and m.dose.total_capsules <= most)
            for m in outcome.capsules.measures
        ]
    return [("", True) for _ in outcome.plan.steps]


def advice_text(outcome: PlanOutcome) -> str:
    """What the advisor suggests, beside the form chosen (or as the choice, when it was left to it)."""
    from ldn_desk.desk import CapsuleForm, LiquidForm

    form = outcome.request.form
    chosen_by_advisor = (isinstance(form, LiquidForm) and form.strength_mg_per_ml is None) or (
        isinstance(form, CapsuleForm) and form.strengths_mg is None
    )
    from ui.i18n import core_text
    from ui.i18n import translate as t

    if outcome.liquid_advice is not None and outcome.capsules is None:
        advice = outcome.liquid_advice
        if chosen_by_advisor:
            return t("Suggested strength {strength}: {reason}").format(
                strength=advice.schedule.strength_text, reason=core_text(advice.reason)
            )
        return t("Suggested: {reason}").format(reason=core_text(advice.reason))
    if outcome.capsule_advice is not None:
        suggestion = core_text(outcome.capsule_advice.reason)
    elif outcome.capsule_advice_refusal is not None:
        suggestion = t("No capsule set suggested: {reason}").format(
            reason=core_text(str(outcome.capsule_advice_refusal))
        )
    else:
        return ""
    return (t("Suggested set: {reason}") if chosen_by_advisor else t("Suggested: {reason}")).format(
        reason=suggestion
    )
