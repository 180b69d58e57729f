"""What the record and the label say about a preparation: its name, quantity and label lines."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from ldn_desk.documents.directions import MAX_DIRECTIONS_CHARS, Directions, as_directions, written
from ldn_desk.documents.info import PharmacyInfo
from ldn_desk.errors import InputError
from ldn_desk.recipes.capsules.recipe import CapsuleRecipe
from ldn_desk.recipes.choices import DosageForm
from ldn_desk.recipes.liquid.model import Source
from ldn_desk.recipes.liquid.recipe import LiquidRecipe
from ldn_desk.reference.labels import labels_table
from ldn_desk.reference.mfr import Mfr, mfr_table
from ldn_desk.units.dates import long_date
from ldn_desk.units.dose_text import mg_per_ml_text, mg_text, ml_text
from ldn_desk.units.language import ntr, speaking, tr
from ldn_desk.units.numeric import above

Recipe = LiquidRecipe | CapsuleRecipe


# A number typed with its own prefix: "RX-2026-0042", "Rx 123", "rx#77", "RX/9" (not "RXA12" or "Rx12").
_OWN_PREFIX = re.compile(r"rx[\s\-#:./]", re.IGNORECASE)


def rx_text(rx: str) -> str:
    """The Rx number as printed: "Rx 2026-0042", or, when the number was typed with its own "Rx"
    and a separator ("RX-2026-0042"), just as typed, so the label never reads "Rx RX-2026-0042".
    What was typed is never changed."""
    return rx if _OWN_PREFIX.match(rx) else tr("Rx {rx}").format(rx=rx)


def kind_of(recipe: Recipe) -> DosageForm:
    return DosageForm.LIQUID if isinstance(recipe, LiquidRecipe) else DosageForm.CAPSULES


def dosage_form(recipe: Recipe) -> str:
    if isinstance(recipe, LiquidRecipe):
        return tr("oral suspension") if recipe.is_suspension else tr("oral solution")
    return tr("capsules")


def made_from_base(recipe: Recipe) -> bool:
    """Weighed from naltrexone base powder. The recipes name the powder by its salt (capsules:
    "naltrexone base powder"; liquids: the "Naltrexone base powder" ingredient line)."""
    if isinstance(recipe, CapsuleRecipe):
        return recipe.powder_name.lower().startswith("naltrexone base")
    return recipe.source == Source.POWDER and any(
        item.name.lower().startswith("naltrexone base") for item in recipe.ingredients
    )


def preparation_name(recipe: Recipe) -> str:
    """'Naltrexone HCl 1 mg/mL oral suspension' or 'Naltrexone HCl 1.5 mg capsules' (ISMP form).

    Doses are written as the HCl salt, so a preparation made from the base says so and gives its
    strength as the HCl it is equivalent to, rather than calling the base "naltrexone HCl"."""
    if isinstance(recipe, LiquidRecipe):
        strength = mg_per_ml_text(recipe.concentration_mg_per_ml)
        form = dosage_form(recipe)
        if made_from_base(recipe):
            return tr("Naltrexone (as base) {form}, equivalent to naltrexone HCl {strength}").format(
                form=form, strength=strength
            )
        return tr("Naltrexone HCl {strength} {form}").format(strength=strength, form=form)
    strength = mg_text(recipe.drug_per_capsule_mg)
    if made_from_base(recipe):
        return tr("Naltrexone (as base) capsules, each equivalent to naltrexone HCl {strength}").format(
            strength=strength
        )
    return tr("Naltrexone HCl {strength} capsules").format(strength=strength)


def mfr_for(recipe: Recipe) -> Mfr:
    """The master formulation record a batch follows: a liquid by its source and vehicle, capsules
    by their method (resources/mfr.toml)."""
    if isinstance(recipe, LiquidRecipe):
        return mfr_table().find("liquid", source=str(recipe.source), formula=recipe.formula)
    return mfr_table().find("capsules", method=str(recipe.method))


def quantity_text(recipe: Recipe, quantity_ml: float | None = None) -> str:
    """What goes to the patient: '100 mL', '30 capsules'. `quantity_ml`: what one bottle holds when
    it is filled from a larger batch (a plan's fill, overage included); never more than the batch.
    Without it a liquid's is what the recipe dispenses: the volume asked for where the batch was
    raised above it (the rest is discarded), else the batch."""
    if quantity_ml is not None:
        if not isinstance(recipe, LiquidRecipe):
            raise InputError(
                "quantity", ml_text(quantity_ml), "is a liquid's; capsules are counted", "30 capsules"
            )
        if not (math.isfinite(quantity_ml) and quantity_ml > 0) or above(quantity_ml, recipe.batch_volume_ml):
            raise InputError(
                "quantity",
                ml_text(quantity_ml, grouping=False),
                f"must be more than 0 mL and no more than the batch ({ml_text(recipe.batch_volume_ml)})",
                ml_text(recipe.batch_volume_ml, grouping=False),
            )
        return ml_text(quantity_ml)
    if isinstance(recipe, LiquidRecipe):
        return ml_text(recipe.dispensed_ml)
    return ntr("{count} capsule", "{count} capsules", recipe.count).format(count=recipe.count)


def auxiliary_labels(recipe: Recipe) -> tuple[str, ...]:
    text = labels_table().text
    if isinstance(recipe, LiquidRecipe):
        extra = [a for a in text.liquid_auxiliary if a not in recipe.auxiliary_labels]
        return (*recipe.auxiliary_labels, *extra)
    return text.capsule_auxiliary


def _repeats(warning: str, storage: str) -> bool:
    """An auxiliary warning that only repeats the storage line ('Keep in the refrigerator')."""
    said, told = warning.rstrip(".").lower(), storage.lower()
    return said == told or ("refrigerat" in said and "refrigerat" in told)


@dataclass(frozen=True)
class LabelContent:
    """The USP <795> label lines for one container, already in safe dose text."""

    pharmacy: str
    contact: str
    rx: str
    date_text: str
    patient: str
    prescriber: str  # "Prescriber: Dr Ødegård", or "" when none is given
    preparation: str
    directions: str
    quantity: str
    bud_text: str
    bud_reason: str  # why the date is earlier than the preparation's own, or ""
    storage: str
    auxiliary: tuple[str, ...]
    compounded: str

    @property
    def bud_line(self) -> str:
        said = tr("Do not use after {date}").format(date=self.bud_text)
        return said + (f" {self.bud_reason}" if self.bud_reason else "")

    def lines(self) -> list[str]:
        """Every line as plain text, in the printed order (for records and tests)."""
        return [
            self.pharmacy,
            *([self.contact] if self.contact else []),
            rx_text(self.rx) + f" · {self.date_text}",
            self.patient,
            *([self.prescriber] if self.prescriber else []),
            self.preparation,
            self.directions,
            tr("Quantity: {quantity}").format(quantity=self.quantity),
            self.bud_line,
            self.storage,
            *self.auxiliary,
            self.compounded,
        ]


def _dates(recipe: Recipe, info: PharmacyInfo) -> str:
    """'compounded 1 March 2026 · dispensed 3 March 2026': a dispensing date only where given,
    and never one the preparation could not be handed over on."""
    text = tr("compounded {date}").format(date=long_date(info.date))
    if info.dispensed is None:
        return text
    if info.dispensed > recipe.bud.date:
        raise InputError(
            "date dispensed",
            info.dispensed.isoformat(),
            f"is after the beyond-use date ({long_date(recipe.bud.date)}): the preparation cannot be dispensed then",
            info.date.isoformat(),
        )
    return f"{text} · " + tr("dispensed {date}").format(date=long_date(info.dispensed))


def label_content(
    recipe: Recipe,
    info: PharmacyInfo,
    directions: str | Directions | None = None,
    *,
    quantity_ml: float | None = None,
    language: str | None = None,
) -> LabelContent:
    """The label for `recipe`, dispensed to `info.patient` under `info.rx`; its quantity is what the
    recipe dispenses, or `quantity_ml` for a bottle filled from it (a plan's fill: `fill.dispensed_ml`).

    `directions`: the pharmacist's own words (a string), or a `Directions` to write them from the
    dose and time of day, with any addition; none: directions that point to the titration plan.
    `language`: the patient's ('es'; None: English); the pharmacy's own typed words stay as typed."""
    with speaking(language):
        return _label_content(recipe, info, directions, quantity_ml)


def _label_content(
    recipe: Recipe, info: PharmacyInfo, directions: str | Directions | None, quantity_ml: float | None
) -> LabelContent:
    text = labels_table().text
    storage = recipe.storage.rstrip(".")
    auxiliary = tuple(tr(a) for a in auxiliary_labels(recipe) if not _repeats(a, storage))
    return LabelContent(
        pharmacy=info.pharmacy,
        contact=info.contact,
        rx=info.rx,
        date_text=_dates(recipe, info),
        patient=info.patient,
        prescriber=tr("Prescriber: {prescriber}").format(prescriber=info.prescriber)
        if info.prescriber
        else "",
        preparation=f"{preparation_name(recipe)}",
        directions=written(recipe, as_directions(directions)),
        quantity=quantity_text(recipe, quantity_ml),
        bud_text=long_date(recipe.bud.date),
        bud_reason=tr(text.bud_limited) if recipe.bud.limited_by else "",
        storage=tr(storage),
        auxiliary=auxiliary,
        compounded=tr(text.compounded_statement),
    )


__all__ = [
    "MAX_DIRECTIONS_CHARS",
    "Directions",
    "LabelContent",
    "Recipe",
    "label_content",
    "made_from_base",
    "mfr_for",
    "preparation_name",
]
