"""The patient's words for each step of a plan: what to draw up or take, and the calendar's short form."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ldn_desk.errors import RecipeError
from ldn_desk.plans.measuring import CapsuleDose, CapsuleSchedule, LiquidSchedule
from ldn_desk.plans.titration import Plan
from ldn_desk.units.dose_text import mg_text


@dataclass(frozen=True)
class StepMeasure:
    """What the patient does for one step, in words: 'Draw up 1.5 mL …' and the calendar's short form."""

    instruction: str
    short: tuple[str, ...]


def _capsule_words(dose: CapsuleDose) -> str:
    parts = [
        f"{c.count} capsule{'s' if c.count != 1 else ''} of {mg_text(c.strength_mg)}" for c in dose.capsules
    ]
    return "Take " + " and ".join(parts)


def step_measures(
    plan: Plan, liquid: LiquidSchedule | None, capsules: CapsuleSchedule | None
) -> tuple[StepMeasure, ...]:
    """One StepMeasure per plan step; refuses a step the patient could not measure or make up."""
    if liquid is not None and capsules is not None:
        raise RecipeError("a handout is for one form: a liquid or capsules, not both")
    out: list[StepMeasure] = []
    for index, step in enumerate(plan.steps):
        if liquid is not None:
            measure = liquid.measures[index]
            if not measure.measurable or measure.syringe is None:
                raise RecipeError(
                    f"step {index + 1}: {step.dose_text} is {measure.calculated_volume_text} of "
                    f"{liquid.strength_text} by calculation, which cannot be measured on the oral syringes; "
                    "choose another strength or syringe",
                    field="liquid",
                )
            out.append(
                StepMeasure(
                    f"Draw up {measure.volume_text} in the {measure.syringe.oral_label}",
                    (measure.volume_text,),
                )
            )
        elif capsules is not None:
            dose = capsules.measures[index].dose
            if not dose.makeable:
                raise RecipeError(
                    f"step {index + 1}: {dose.text}; choose other capsule strengths", field="capsules"
                )
            out.append(StepMeasure(_capsule_words(dose), tuple(c.text for c in dose.capsules)))
        else:
            out.append(StepMeasure(f"Take {step.dose_text} as the pharmacy label says", ()))
    return tuple(out)


def strengths_in_words(strengths_mg: Sequence[float]) -> str:
    """'1 mg and 0.5 mg', '4.5 mg, 3 mg and 1.5 mg': "1 mg, 0.5 mg capsules" read as one capsule."""
    texts = [mg_text(s) for s in strengths_mg]
    return texts[0] if len(texts) == 1 else f"{', '.join(texts[:-1])} and {texts[-1]}"
