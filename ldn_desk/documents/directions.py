"""What the label tells the patient: directions written from the dose, or the pharmacist's own words.

Written directions say the dose in mL with the mg beside it (liquids) or the number of capsules
(capsules), and the time of day. Without a dose (a titration changes it) they point to the plan.
Whatever a pharmacist types, in place of them or added after them, is held to the dose-writing
rules (`ldn_desk.units.free_text`) and to the printed font.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ldn_desk.documents.pdfbase import printable
from ldn_desk.errors import InputError
from ldn_desk.plans.protocols import TIME_WORDS, check_time
from ldn_desk.recipes.capsules.recipe import CapsuleRecipe
from ldn_desk.recipes.choices import DosageForm, TimeOfDay
from ldn_desk.recipes.liquid.recipe import LiquidRecipe
from ldn_desk.reference.labels import Directions as DirectionsWording
from ldn_desk.reference.labels import labels_table
from ldn_desk.units.dose_text import mg_per_ml_text, mg_text, ml_text, round_volume_ml
from ldn_desk.units.free_text import check_free_text
from ldn_desk.units.language import ntr, tr
from ldn_desk.units.numeric import same

MAX_DIRECTIONS_CHARS = 200


def _wording() -> DirectionsWording:
    return labels_table().text.directions


def _example() -> str:
    return _wording().example


def checked(text: str, field: str = "directions") -> str:
    """Typed directions ready to print: the font, the length and the dose-writing rules."""
    cleaned = printable(text, field)
    if len(cleaned) > MAX_DIRECTIONS_CHARS:
        raise InputError(
            field, None, f"is {len(cleaned):,} characters, longer than {MAX_DIRECTIONS_CHARS}", _example()
        )
    return check_free_text(cleaned, field, _example())


@dataclass(frozen=True)
class Directions:
    """The directions asked for: the pharmacist's own `text` in place of the written ones, or
    directions written from `dose_mg` (pointing to the plan without one); `add` follows either."""

    text: str | None = None
    dose_mg: float | None = None
    time_of_day: TimeOfDay = TimeOfDay.BEDTIME
    add: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "time_of_day", check_time(self.time_of_day))
        if self.dose_mg is not None and (not math.isfinite(self.dose_mg) or self.dose_mg <= 0):
            raise InputError("dose", mg_text(self.dose_mg), "must be more than zero", "1.5 mg")
        if self.text is not None:
            object.__setattr__(self, "text", checked(self.text))
            if not self.text:
                object.__setattr__(self, "text", None)
        object.__setattr__(self, "add", checked(self.add, "added directions") if self.add else "")


def _liquid_dose(recipe: LiquidRecipe, dose_mg: float, when: str) -> str:
    volume = dose_mg / recipe.concentration_mg_per_ml
    if not same(round_volume_ml(volume), volume):
        raise InputError(
            "dose",
            mg_text(dose_mg),
            f"is {format(volume, '.6g')} mL of {mg_per_ml_text(recipe.concentration_mg_per_ml)} by calculation, "
            "which directions cannot say exactly (volumes under 1 mL go to the hundredth, from 1 mL to the "
            "tenth); choose a dose or strength that gives such a volume",
            "1.5 mg",
        )
    return tr(_wording().liquid_dose).format(volume=ml_text(volume), dose=mg_text(dose_mg), when=when)


def _capsule_dose(recipe: CapsuleRecipe, dose_mg: float, when: str) -> str:
    per = recipe.drug_per_capsule_mg
    count = round(dose_mg / per)
    if count < 1 or not same(count * per, dose_mg):
        raise InputError(
            "dose",
            mg_text(dose_mg),
            f"is not a whole number of {mg_text(per)} capsules",
            mg_text(per * max(1, count)),
        )
    capsules = ntr("{count} capsule", "{count} capsules", count).format(count=count)
    return tr(_wording().capsules_dose).format(count=capsules, dose=mg_text(dose_mg), when=when)


def written(recipe: LiquidRecipe | CapsuleRecipe, asked: Directions) -> str:
    """The directions the label prints for `recipe`."""
    when = tr(TIME_WORDS[asked.time_of_day])
    form = DosageForm.LIQUID if isinstance(recipe, LiquidRecipe) else DosageForm.CAPSULES
    if asked.text is not None:
        base = asked.text
    elif asked.dose_mg is None:
        base = tr(_wording().for_form(form)).format(when=when)
    elif isinstance(recipe, LiquidRecipe):
        base = _liquid_dose(recipe, asked.dose_mg, when)
    else:
        base = _capsule_dose(recipe, asked.dose_mg, when)
    return f"{base} {asked.add}" if asked.add else base


def as_directions(directions: str | Directions | None) -> Directions:
    """A plain string is the pharmacist's own directions, as the documents have always taken them."""
    if isinstance(directions, Directions):
        return directions
    return Directions(text=directions)


__all__ = ["MAX_DIRECTIONS_CHARS", "Directions", "as_directions", "checked", "written"]
