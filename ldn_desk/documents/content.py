"""What the record and the label say about a preparation: its name, quantity and label lines."""

from __future__ import annotations

from dataclasses import dataclass

from ldn_desk.documents.info import PharmacyInfo
from ldn_desk.documents.pdfbase import printable
from ldn_desk.recipes.capsules.recipe import CapsuleRecipe
from ldn_desk.recipes.choices import DosageForm
from ldn_desk.recipes.liquid.recipe import LiquidRecipe
from ldn_desk.reference.labels import labels_table
from ldn_desk.units.dates import long_date
from ldn_desk.units.dose_text import mg_per_ml_text, mg_text, ml_text

Recipe = LiquidRecipe | CapsuleRecipe
MAX_DIRECTIONS_CHARS = 200


def kind_of(recipe: Recipe) -> DosageForm:
    return DosageForm.LIQUID if isinstance(recipe, LiquidRecipe) else DosageForm.CAPSULES


def dosage_form(recipe: Recipe) -> str:
    if isinstance(recipe, LiquidRecipe):
        return "oral suspension" if recipe.is_suspension else "oral solution"
    return "capsules"


def preparation_name(recipe: Recipe) -> str:
    """'Naltrexone HCl 1 mg/mL oral suspension' or 'Naltrexone HCl 1.5 mg capsules' (ISMP form)."""
    if isinstance(recipe, LiquidRecipe):
        return f"Naltrexone HCl {mg_per_ml_text(recipe.concentration_mg_per_ml)} {dosage_form(recipe)}"
    return f"Naltrexone HCl {mg_text(recipe.drug_per_capsule_mg)} capsules"


def quantity_text(recipe: Recipe) -> str:
    """What goes to the patient: '100 mL', '30 capsules'."""
    if isinstance(recipe, LiquidRecipe):
        return ml_text(recipe.batch_volume_ml)
    return f"{recipe.count} capsule{'s' if recipe.count != 1 else ''}"


def auxiliary_labels(recipe: Recipe) -> tuple[str, ...]:
    text = labels_table().text
    if isinstance(recipe, LiquidRecipe):
        extra = [a for a in text.liquid_auxiliary if a not in recipe.auxiliary_labels]
        return (*recipe.auxiliary_labels, *extra)
    return text.capsule_auxiliary


def default_directions(recipe: Recipe) -> str:
    return labels_table().text.directions.for_form(kind_of(recipe))


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
    preparation: str
    directions: str
    quantity: str
    bud_text: str
    storage: str
    auxiliary: tuple[str, ...]
    compounded: str

    def lines(self) -> list[str]:
        """Every line as plain text, in the printed order (for records and tests)."""
        return [
            self.pharmacy,
            *([self.contact] if self.contact else []),
            f"Rx {self.rx} · {self.date_text}",
            self.patient,
            self.preparation,
            self.directions,
            f"Quantity: {self.quantity}",
            f"Do not use after {self.bud_text}",
            self.storage,
            *self.auxiliary,
            self.compounded,
        ]


def label_content(recipe: Recipe, info: PharmacyInfo, directions: str | None = None) -> LabelContent:
    """The label for `recipe`, dispensed to `info.patient` under `info.rx`."""
    chosen = default_directions(recipe) if directions is None else directions
    chosen = printable(chosen, "directions", max_chars=MAX_DIRECTIONS_CHARS)
    if not chosen:
        chosen = default_directions(recipe)
    storage = recipe.storage.rstrip(".")
    auxiliary = tuple(a for a in auxiliary_labels(recipe) if not _repeats(a, storage))
    return LabelContent(
        pharmacy=info.pharmacy,
        contact=info.contact,
        rx=info.rx,
        date_text=f"compounded {long_date(info.date)}",
        patient=info.patient,
        preparation=f"{preparation_name(recipe)}",
        directions=chosen,
        quantity=quantity_text(recipe),
        bud_text=long_date(recipe.bud.date),
        storage=storage,
        auxiliary=auxiliary,
        compounded=labels_table().text.compounded_statement,
    )
