"""The patient's words for each step of a plan: what to draw up or take, and the calendar's short form."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ldn_desk.errors import RecipeError
from ldn_desk.plans.measuring import CapsuleDose, CapsuleSchedule, LiquidSchedule
from ldn_desk.plans.titration import Plan
from ldn_desk.reference.protocols import protocol_table
from ldn_desk.units.dose_text import count_text, mg_per_ml_text, mg_text
from ldn_desk.units.language import ntr, tr


@dataclass(frozen=True)
class StepMeasure:
    """What the patient does for one step, in words: 'Draw up 1.5 mL …' and the calendar's short form."""

    instruction: str
    short: tuple[str, ...]
    accepted: str = ""  # what the prescriber accepted for this step: "only 2 marks on the syringe"


def _capsule_words(dose: CapsuleDose) -> str:
    parts = [
        ntr("{count} capsule of {mg}", "{count} capsules of {mg}", c.count).format(
            count=count_text(c.count), mg=mg_text(c.strength_mg)
        )
        for c in dose.capsules
    ]
    return tr("Take {capsules}").format(capsules=tr(" and ").join(parts))


def handout_max_capsules() -> int:
    """More capsules than this for one dose is refused on the handout unless accepted."""
    return protocol_table().advisor.handout_max_capsules_per_dose


def step_measures(
    plan: Plan,
    liquid: LiquidSchedule | None,
    capsules: CapsuleSchedule | None,
    *,
    accept_few_marks: bool = False,
    accept_many_capsules: bool = False,
) -> tuple[StepMeasure, ...]:
    """One StepMeasure per plan step. Refuses a step the patient could not measure or make up, a
    volume of fewer marks than min_marks_per_dose (unless `accept_few_marks`), and more capsules a
    dose than handout_max_capsules_per_dose (unless `accept_many_capsules`); an accepted step
    says so on the handout."""
    if liquid is not None and capsules is not None:
        raise RecipeError("a handout is for one form: a liquid or capsules, not both")
    out: list[StepMeasure] = []
    most = handout_max_capsules()
    for index, step in enumerate(plan.steps):
        if liquid is not None:
            measure = liquid.measures[index]
            strength = mg_per_ml_text(liquid.strength_at(index))
            if not measure.measurable or measure.syringe is None:
                raise RecipeError(
                    f"step {index + 1}: {step.dose_text} is {measure.calculated_volume_text} of "
                    f"{strength} by calculation, which cannot be measured on the oral syringes; "
                    "choose another strength or syringe",
                    field="liquid",
                )
            accepted = ""
            if measure.few_marks:
                marks = count_text(measure.marks or 0)
                if not accept_few_marks:
                    better = "; or ".join(choice.text for choice in measure.dose.better)
                    raise RecipeError(
                        f"step {index + 1}: {step.dose_text} is {measure.volume_text} of {strength}, "
                        f"only {marks} marks on the {measure.syringe.label}, fewer than the "
                        f"{measure.dose.min_marks} a patient needs to measure it precisely; "
                        + (
                            f"better: {better}; "
                            if better
                            else "choose a weaker strength or a finer syringe; "
                        )
                        + "or the prescriber accepts it explicitly",
                        field="accept few marks",
                    )
                accepted = tr("only {marks} marks on the syringe").format(marks=marks)
            # Two strengths: every step names its bottle, and the first from the new one says so.
            short: tuple[str, ...] = (measure.volume_text,)
            if liquid.switch_step is None:
                draw = tr("Draw up {volume} in the {syringe}")
            elif index == liquid.switch_step:
                draw = tr("Draw up {volume} from the NEW {strength} bottle in the {syringe}")
                short = (measure.volume_text, strength)
            else:
                draw = tr("Draw up {volume} from the {strength} bottle in the {syringe}")
                short = (measure.volume_text, strength)
            draw = draw.format(
                volume=measure.volume_text, strength=strength, syringe=measure.syringe.oral_label
            )
            care = tr(". Only {marks} marks: take special care, and ask the pharmacist to show you.")
            out.append(
                StepMeasure(
                    draw + (care.format(marks=marks) if accepted else ""),
                    short,
                    accepted,
                )
            )
        elif capsules is not None:
            dose = capsules.measures[index].dose
            if not dose.makeable:
                raise RecipeError(
                    f"step {index + 1}: {dose.text}; choose other capsule strengths", field="capsules"
                )
            accepted = ""
            if dose.total_capsules > most:
                count = count_text(dose.total_capsules)
                if not accept_many_capsules:
                    raise RecipeError(
                        f"step {index + 1}: {step.dose_text} takes {count} capsules a dose ({dose.text}), "
                        f"more than {most}; choose stronger capsules, or the prescriber accepts it explicitly",
                        field="accept many capsules",
                    )
                accepted = tr("{count} capsules for one dose").format(count=count)
            words = _capsule_words(dose) + (
                tr(". {count} capsules each time: count them carefully.").format(count=count)
                if accepted
                else ""
            )
            out.append(StepMeasure(words, tuple(c.text for c in dose.capsules), accepted))
        else:
            out.append(
                StepMeasure(tr("Take {dose} as the pharmacy label says").format(dose=step.dose_text), ())
            )
    return tuple(out)


def strengths_in_words(strengths_mg: Sequence[float]) -> str:
    """'1 mg and 0.5 mg', '4.5 mg, 3 mg and 1.5 mg': "1 mg, 0.5 mg capsules" read as one capsule."""
    texts = [mg_text(s) for s in strengths_mg]
    return texts[0] if len(texts) == 1 else f"{', '.join(texts[:-1])}{tr(' and ')}{texts[-1]}"
