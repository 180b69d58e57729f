"""Liquid page: strength and volume in, the recipe out (tablets or powder, steps, BUD, labels)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QComboBox, QWidget

from ui.i18n import app_date, app_speaking, core_text, translate
from ui.pages.base import bullet_list, core_rows, formula_names, key_values, section
from ui.pages.recipe import RecipePage, balance_mwq, salt_combo
from ui.widgets.fields import QuantityField, date_field
from ui.widgets.forms import form_group, show_row
from ui.widgets.text import safe_html

if TYPE_CHECKING:
    from ldn_desk.desk import LiquidInput
    from ui.settings.store import AppSettings


class LiquidPage(RecipePage):
    title = "Liquid"

    def __init__(self, get_settings: Callable[[], AppSettings], parent: QWidget | None = None) -> None:
        super().__init__(get_settings, parent)
        self.strength = self.watch(QuantityField("strength", "CONCENTRATION", "1 mg/mL"))
        self.volume = self.watch(QuantityField("volume", "VOLUME", "100 mL"))
        self.source = QComboBox()
        self.source.addItem(translate("Tablets"), "tablets")
        self.source.addItem(translate("Naltrexone powder (API)"), "powder")
        self.tablet_strength = self.watch(QuantityField("tablet strength", "MASS", "50 mg"))
        self.potency = self.watch(QuantityField("potency", "PERCENT", "100 %"))
        self.water = self.watch(QuantityField("water", "PERCENT", "0 %", allow_zero=True))
        self.salt = salt_combo()
        self.formula = QComboBox()
        for key, name in formula_names():
            self.formula.addItem(name, key)
        self.compounded = self.watch(date_field("compounded", dt.date.today().isoformat()))
        self.watch_choices(self.source, self.salt, self.formula)
        batch, _ = form_group(
            "Batch",
            [
                ("Strength:", self.strength),
                ("Volume:", self.volume),
                ("Vehicle:", self.formula),
                ("Compounded on:", self.compounded),
            ],
        )
        drug, self.drug_form = form_group(
            "Drug",
            [
                ("Made from:", self.source),
                ("Tablet strength:", self.tablet_strength),
                ("Assay (potency):", self.potency),
                ("Water content:", self.water),
                ("Powder is the:", self.salt),
            ],
        )
        self.lay_out(batch, drug)
        self.refusal_fields = {
            "strength": self.strength,
            "volume": self.volume,
            "compounded": self.compounded,
            "tablet_strength": self.tablet_strength,
            "potency_percent": self.potency,
            "water_percent": self.water,
        }
        self._source_changed()

    def _source_changed(self) -> None:
        tablets = self.source.currentData() == "tablets"
        show_row(self.drug_form, self.tablet_strength, tablets)
        for widget in (self.potency, self.water, self.salt):
            show_row(self.drug_form, widget, not tablets)

    def choice_changed(self) -> None:
        self._source_changed()
        self.input_changed()

    def make_input(self) -> LiquidInput:
        from ldn_desk.desk import LiquidInput
        from ldn_desk.units.quantity import magnitude

        settings = self.get_settings()
        values: dict[str, Any] = {
            "strength": self.strength.value(),
            "volume": self.volume.value(),
            "compounded": self.compounded.value(),
            "source": self.source.currentData(),
            "formula": self.formula.currentData(),
            "balance_mwq": balance_mwq(settings),
        }
        if values["source"] == "tablets":
            values["tablet_strength"] = self.tablet_strength.value()
        else:
            values["potency_percent"] = magnitude(self.potency.value(), "percent")
            values["water_percent"] = magnitude(self.water.value(), "percent")
            values["powder_salt"] = self.salt.currentData()
        return LiquidInput(**values)

    def compute(self) -> None:
        from ldn_desk.units.dose_text import mg_per_ml_text, mg_text, ml_text

        t = translate
        inp = self.make_input()
        desk = self.desk()
        desk.check_compounded(inp.compounded)  # refused at the field before anything is printed or saved
        recipe = desk.liquid_recipe(inp)
        self.recipe, self.recipe_input = recipe, inp
        # The core's lines in its own words (then said in the app's language); the page's own
        # numbers in the app's language ("1 000 mL" in Spanish, never "1,000 mL").
        ingredients = core_rows(desk.printed_formula(recipe))
        weighed = core_rows(desk.printed_weighings(recipe))
        steps = [core_text(step) for step in recipe.steps]
        labels = [core_text(label) for label in recipe.auxiliary_labels]
        with app_speaking():
            strength = mg_per_ml_text(recipe.concentration_mg_per_ml)
            volume = ml_text(recipe.batch_volume_ml)
            if recipe.source == "tablets":
                one = recipe.tablets == 1
                headline = t(
                    "{count} × {tablet} tablet → {volume} of {strength}"
                    if one
                    else "{count} × {tablet} tablets → {volume} of {strength}"
                ).format(
                    count=recipe.tablets,
                    tablet=mg_text(recipe.tablet_strength_mg),
                    volume=volume,
                    strength=strength,
                )
            else:
                headline = t("{mass} of powder → {volume} of {strength}").format(
                    mass=mg_text(recipe.weigh_powder_mg or 0), volume=volume, strength=strength
                )
            facts = [
                (t("Strength"), strength),
                (t("Batch volume"), volume),
                *(
                    [
                        (t("Dispensed"), ml_text(recipe.dispensed_ml)),
                        (t("Surplus discarded"), ml_text(recipe.surplus_ml)),
                    ]
                    if ml_text(recipe.surplus_ml) != ml_text(0)
                    else []
                ),
                (t("Naltrexone HCl in the batch"), mg_text(recipe.naltrexone_hcl_mg)),
                (t("Vehicle"), core_text(recipe.formula_name)),
                (t("Beyond-use date"), f"{app_date(recipe.bud.date)} ({core_text(recipe.bud.basis)})"),
                (t("Storage"), core_text(recipe.storage)),
                (t("Container"), core_text(recipe.container)),
            ]
            if recipe.source == "tablets":
                facts.insert(0, (t("Tablets"), f"{recipe.tablets} × {mg_text(recipe.tablet_strength_mg)}"))
            elif recipe.weigh_powder_mg is not None:
                facts.insert(
                    0, (t("Weigh"), t("{mass} of powder").format(mass=mg_text(recipe.weigh_powder_mg)))
                )
            details = section(t("Recipe"), key_values(facts))
            dilution = recipe.dilution
            if dilution is not None:
                stock = mg_per_ml_text(dilution.stock_mg_per_ml)
                of = t("{volume} of {strength}")
                headline += t(" (by dilution of a {stock} stock)").format(stock=stock)
                details += section(
                    t("Serial dilution: too dilute to make in one step"),
                    key_values(
                        [
                            (
                                t("1. Make the stock"),
                                of.format(volume=ml_text(dilution.stock_volume_ml), strength=stock),
                            ),
                            (
                                t("2. Measure of the stock"),
                                ml_text(dilution.aliquot_ml)
                                if dilution.measure is None
                                else t("{volume} with {measure}").format(
                                    volume=ml_text(dilution.aliquot_ml),
                                    measure=core_text(dilution.measure.text),
                                ),
                            ),
                            (
                                t("3. Make up to"),
                                of.format(volume=ml_text(dilution.final_volume_ml), strength=strength),
                            ),
                            (t("Stock left over (discard)"), ml_text(dilution.leftover_ml)),
                        ]
                    )
                    + f"<p>{safe_html(t('The full procedure is in the steps below.'))}</p>",
                )
            # The ingredients and weighings are the record's own lines, so screen and paper agree.
            details += section(t("Ingredients"), key_values(ingredients))
            if weighed:
                details += section(t("Weighings: what the balance shows"), key_values(weighed))
            details += section(t("Steps"), bullet_list(steps, numbered=True))
            details += section(t("Labels"), bullet_list(labels))
            basis = t("BUD basis: {source}").format(source=core_text(recipe.bud.source))
            details += f"<p><small>{safe_html(basis)}</small></p>"
        self.results.show_result(headline, recipe.alerts, details)
