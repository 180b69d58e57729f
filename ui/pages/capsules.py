"""Capsules page: strength and count in; capsules made, weighings, fill, QC, aliquot and BUD out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QWidget

from ui.i18n import app_date, app_speaking, core_text, translate
from ui.pages.base import bullet_list, core_rows, key_values, section
from ui.pages.recipe import RecipePage, balance_mwq, salt_combo
from ui.widgets.fields import QuantityField, count_field, date_field
from ui.widgets.forms import form_group, show_row
from ui.widgets.text import capitalised

if TYPE_CHECKING:
    from ldn_desk.desk import CapsuleInput
    from ui.settings.store import AppSettings

SUGGEST = ""


def _sizes() -> list[str]:
    """Capsule sizes from resources, largest first (read without the core's units)."""
    from ldn_desk.reference.capsules import capsule_table

    return list(capsule_table().size_names())


def _fillers() -> list[tuple[str, str]]:
    from ldn_desk.reference.excipients import excipient_table

    return [(key, capitalised(core_text(filler.name))) for key, filler in excipient_table().fillers.items()]


class CapsulesPage(RecipePage):
    title = "Capsules"

    def __init__(self, get_settings: Callable[[], AppSettings], parent: QWidget | None = None) -> None:
        super().__init__(get_settings, parent)
        self.strength = self.watch(QuantityField("strength", "MASS", "1.5 mg"))
        self.count = self.watch(count_field("count", "30", example="30"))
        self.extra = self.watch(count_field("extra", "1", example="1", maximum=1000))
        self.capsule_size = QComboBox()
        self.capsule_size.addItem(translate("Suggest from the fill"), SUGGEST)
        for name in _sizes():
            self.capsule_size.addItem(translate("Size {name}").format(name=name), name)
        self.filler = QComboBox()
        for key, name in _fillers():
            self.filler.addItem(name, key)
        self.filler.setCurrentIndex(max(0, self.filler.findData("mcc")))  # the core's default filler
        self.method = QComboBox()
        self.method.addItem(translate("Volume and bulk density"), "volume")
        self.method.addItem(translate("Calibrated fill of this filler lot"), "calibrated")
        self.calibrated_fill = self.watch(QuantityField("calibrated fill", "MASS", "90 mg"))
        self.drug_density = self.watch(QuantityField("drug density", "DENSITY", "", optional=True))
        self.potency = self.watch(QuantityField("potency", "PERCENT", "100 %"))
        self.water = self.watch(QuantityField("water", "PERCENT", "0 %", allow_zero=True))
        self.salt = salt_combo()
        self.compounded = self.watch(date_field("compounded", dt.date.today().isoformat()))
        self.watch_choices(self.capsule_size, self.filler, self.method, self.salt)
        order, _ = form_group(
            "Prescription",
            [
                ("Strength:", self.strength),
                ("Capsules to dispense:", self.count),
                ("Extra capsules made:", self.extra),
                ("Compounded on:", self.compounded),
            ],
        )
        fill, self.fill_form = form_group(
            "Fill",
            [
                ("Capsule size:", self.capsule_size),
                ("Filler:", self.filler),
                ("Method:", self.method),
                ("Fill per capsule:", self.calibrated_fill),
                ("Drug density:", self.drug_density),
            ],
        )
        powder, _ = form_group(
            "Naltrexone powder",
            [
                ("Assay (potency):", self.potency),
                ("Water content:", self.water),
                ("Powder is the:", self.salt),
            ],
        )
        self.lay_out(order, fill, powder)
        self.refusal_fields = {
            "strength": self.strength,
            "count": self.count,
            "extra": self.extra,
            "compounded": self.compounded,
            "calibrated_fill": self.calibrated_fill,
            "drug_density": self.drug_density,
            "potency_percent": self.potency,
            "water_percent": self.water,
        }
        self._method_changed()

    def _method_changed(self) -> None:
        show_row(self.fill_form, self.calibrated_fill, self.method.currentData() == "calibrated")

    def choice_changed(self) -> None:
        self._method_changed()
        self.input_changed()

    def make_input(self) -> CapsuleInput:
        from ldn_desk.desk import CapsuleInput
        from ldn_desk.units.quantity import magnitude

        size = self.capsule_size.currentData() or None
        calibrated = self.method.currentData() == "calibrated"
        return CapsuleInput(
            strength=self.strength.value(),
            count=self.count.value(),
            compounded=self.compounded.value(),
            size=size,
            excipient=str(self.filler.currentData()),
            extra=self.extra.value(),
            calibrated_fill=self.calibrated_fill.value() if calibrated else None,
            drug_density=self.drug_density.value(),
            potency_percent=magnitude(self.potency.value(), "percent"),
            water_percent=magnitude(self.water.value(), "percent"),
            salt=self.salt.currentData(),  # refused by CapsuleInput unless HCl or base
            balance_mwq=balance_mwq(self.get_settings()),
        )

    def compute(self) -> None:
        from ldn_desk.reference.capsules import capsule_table
        from ldn_desk.units.dose_text import mg_text, percent_text

        t = translate
        inp = self.make_input()
        desk = self.desk()
        desk.check_compounded(inp.compounded)  # refused at the field before anything is printed or saved
        recipe = desk.capsule_recipe(inp)
        self.recipe, self.recipe_input = recipe, inp
        # The core's lines in its own words (then said in the app's language); the page's own
        # numbers in the app's language: "1 163 mg" in Spanish, never "1,163 mg".
        formula = core_rows(desk.printed_formula(recipe))
        weighings = core_rows(desk.printed_weighings(recipe))
        steps = [core_text(step) for step in recipe.steps]
        with app_speaking():
            size = t("size {name}, suggested" if recipe.size_suggested else "size {name}").format(
                name=recipe.size
            )
            headline = t(
                "Make {capsules} capsules ({size}): {drug} of drug and {filler} of filler in the batch"
                + ("; the drug is weighed by aliquot" if recipe.aliquot is not None else "")
            ).format(
                capsules=recipe.capsules,
                size=size,
                drug=mg_text(recipe.api_mg),
                filler=mg_text(recipe.excipient_mg),
            )
            qc = capsule_table().making
            between = t("{low} to {high}")
            # The formula and the weighings are the record's own lines, so screen and paper agree.
            facts = [
                (
                    t("Capsules made"),
                    t("{capsules} ({count} dispensed + {extra} extra)").format(
                        capsules=recipe.capsules, count=recipe.count, extra=recipe.extra
                    ),
                ),
                (t("Capsule size"), size),
                *formula,
                (t("Fill per capsule"), mg_text(recipe.fill_per_capsule_mg)),
                (
                    t("Each capsule (±{percent})").format(percent=percent_text(qc.qc_each_percent)),
                    between.format(low=mg_text(recipe.qc_each_low_mg), high=mg_text(recipe.qc_each_high_mg)),
                ),
                (
                    t("Batch average (±{percent})").format(percent=percent_text(qc.qc_average_percent)),
                    between.format(
                        low=mg_text(recipe.qc_average_low_mg), high=mg_text(recipe.qc_average_high_mg)
                    ),
                ),
                (t("Beyond-use date"), f"{app_date(recipe.bud.date)} ({core_text(recipe.bud.basis)})"),
                (t("Storage"), core_text(recipe.storage)),
            ]
            details = section(t("Recipe"), key_values(facts))
            heading = t("Weighings: what the balance shows")
            if recipe.aliquot is not None:
                heading = t(
                    "Weighings: what the balance shows (the drug is under the balance's minimum, so it is "
                    "weighed by dilution in two stages)"
                    if recipe.aliquot.first_total_mg is not None
                    else "Weighings: what the balance shows (the drug is under the balance's minimum, so it "
                    "is weighed by dilution)"
                )
            details += section(heading, key_values(weighings))
            details += section(t("Steps"), bullet_list(steps, numbered=True))
        self.results.show_result(headline, recipe.alerts, details)
