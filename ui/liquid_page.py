"""Liquid page: strength and volume in, the recipe out (tablets or powder, steps, BUD, labels)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel, QSplitter, QVBoxLayout, QWidget

from ui.doc_fields import RecordFields
from ui.fields import QuantityField, date_field
from ui.log_save import save_to_log_button
from ui.page import DocumentChoice, Page, bullet_list, compact, key_values, safe_html, scrolling, section


def formula_names() -> list[tuple[str, str]]:
    """(key, name) of each vehicle formula in resources/formulas.toml."""
    from ldn_desk.resources import load_table

    return [
        (key, str(entry["name"])) for key, entry in load_table("formulas").items() if isinstance(entry, dict)
    ]


def balance_mwq(settings: Any) -> Any:
    """The balance's minimum weighable quantity from settings, read with the core parser."""
    from ldn_desk.units import Kind, ParseOptions, parse_quantity

    options = ParseOptions(decimal_comma=settings.decimal_comma)
    return parse_quantity(settings.balance_mwq, Kind.MASS, "balance MWQ (Settings)", options=options)


class LiquidPage(Page):
    title = "Liquid"

    def __init__(self, get_settings: Callable[[], Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.get_settings = get_settings
        self.recipe: Any = None
        self.strength = self.watch(QuantityField("strength", "CONCENTRATION", "1 mg/mL"))
        self.volume = self.watch(QuantityField("volume", "VOLUME", "100 mL"))
        self.source = QComboBox()
        self.source.addItem("Tablets", "tablets")
        self.source.addItem("Naltrexone powder (API)", "powder")
        self.tablet_strength = self.watch(QuantityField("tablet strength", "MASS", "50 mg"))
        self.potency = self.watch(QuantityField("potency", "PERCENT", "100 %"))
        self.water = self.watch(QuantityField("water", "PERCENT", "0 %", allow_zero=True))
        self.salt = QComboBox()
        self.salt.addItem("Hydrochloride (HCl)", "HCl")
        self.salt.addItem("Base", "base")
        self.formula = QComboBox()
        for key, name in formula_names():
            self.formula.addItem(name, key)
        self.compounded = self.watch(date_field("compounded", dt.date.today().isoformat()))
        for combo in (self.source, self.salt, self.formula):
            compact(combo)
            combo.currentIndexChanged.connect(self._choice_changed)
        batch = QGroupBox("Batch")
        batch_form = QFormLayout(batch)
        batch_form.addRow("Strength:", self.strength)
        batch_form.addRow("Volume:", self.volume)
        batch_form.addRow("Vehicle:", self.formula)
        batch_form.addRow("Compounded on:", self.compounded)
        drug = QGroupBox("Drug")
        self.drug_form = QFormLayout(drug)
        self.drug_form.addRow("Made from:", self.source)
        self.drug_form.addRow("Tablet strength:", self.tablet_strength)
        self.drug_form.addRow("Assay (potency):", self.potency)
        self.drug_form.addRow("Water content:", self.water)
        self.drug_form.addRow("Powder is the:", self.salt)
        self.record_fields = RecordFields()
        self.note = QLabel("The balance's minimum weighable quantity comes from Settings (Ctrl+,).")
        self.note.setWordWrap(True)
        form_widget = QWidget()
        column = QVBoxLayout(form_widget)
        column.setContentsMargins(0, 0, 8, 0)
        column.addWidget(batch)
        column.addWidget(drug)
        column.addWidget(self.record_fields)
        self.save_to_log_button = save_to_log_button(self)
        column.addWidget(self.save_to_log_button)
        column.addWidget(self.note)
        column.addStretch(1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(scrolling(form_widget))
        splitter.addWidget(self.results)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([360, 600])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self._source_changed()

    def _source_changed(self) -> None:
        tablets = self.source.currentData() == "tablets"
        for widget, shown in (
            (self.tablet_strength, tablets),
            (self.potency, not tablets),
            (self.water, not tablets),
            (self.salt, not tablets),
        ):
            widget.setVisible(shown)
            widget.setEnabled(shown)
            label = self.drug_form.labelForField(widget)
            if label is not None:
                label.setVisible(shown)

    def _choice_changed(self) -> None:
        self._source_changed()
        self.input_changed()

    def make_input(self) -> Any:
        from ldn_desk.liquid import LiquidInput
        from ldn_desk.units import magnitude

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
        from ldn_desk.dates import long_date
        from ldn_desk.dose_text import mg_per_ml_text, mg_text, ml_text
        from ldn_desk.liquid import make_liquid

        recipe = make_liquid(self.make_input())
        self.recipe = recipe
        strength = mg_per_ml_text(recipe.concentration_mg_per_ml)
        volume = ml_text(recipe.batch_volume_ml)
        if recipe.source == "tablets":
            tablets = "tablet" if recipe.tablets == 1 else "tablets"
            headline = (
                f"{recipe.tablets} × {mg_text(recipe.tablet_strength_mg)} {tablets} → {volume} of {strength}"
            )
        else:
            headline = f"{mg_text(recipe.weigh_powder_mg or 0)} of powder → {volume} of {strength}"
        facts = [
            ("Strength", strength),
            ("Batch volume", volume),
            ("Naltrexone HCl in the batch", mg_text(recipe.naltrexone_hcl_mg)),
            ("Vehicle", recipe.formula_name),
            ("Beyond-use date", f"{long_date(recipe.bud.date)} ({recipe.bud.basis})"),
            ("Storage", recipe.storage),
            ("Container", recipe.container),
        ]
        if recipe.source == "tablets":
            facts.insert(0, ("Tablets", f"{recipe.tablets} × {mg_text(recipe.tablet_strength_mg)}"))
        elif recipe.weigh_powder_mg is not None:
            facts.insert(0, ("Weigh", f"{mg_text(recipe.weigh_powder_mg)} of powder"))
        details = section("Recipe", key_values(facts))
        dilution = recipe.dilution
        if dilution is not None:
            stock = mg_per_ml_text(dilution.stock_mg_per_ml)
            headline += f" (by dilution of a {stock} stock)"
            details += section(
                "Serial dilution: too dilute to make in one step",
                key_values(
                    [
                        ("1. Make the stock", f"{ml_text(dilution.stock_volume_ml)} of {stock}"),
                        ("2. Measure of the stock", ml_text(dilution.aliquot_ml)),
                        ("3. Make up to", f"{ml_text(dilution.final_volume_ml)} of {strength}"),
                        ("Stock left over (discard)", ml_text(dilution.leftover_ml)),
                    ]
                )
                + "<p>The full procedure is in the steps below.</p>",
            )
        details += section(
            "Ingredients", bullet_list(f"{i.name}: {i.amount_text}" for i in recipe.ingredients)
        )
        details += section("Steps", bullet_list(recipe.steps, numbered=True))
        details += section("Labels", bullet_list(recipe.auxiliary_labels))
        details += f"<p><small>BUD basis: {safe_html(recipe.bud.source)}</small></p>"
        self.results.show_result(headline, recipe.alerts, details)

    def on_no_result(self) -> None:
        self.recipe = None

    def documents(self) -> list[DocumentChoice]:
        return [
            DocumentChoice("Compounding record", self.record_pdf),
            DocumentChoice("Container label", self.label_pdf),
        ]

    def record_pdf(self) -> bytes:
        from ui.documents import record_pdf

        return record_pdf(self, self.get_settings())

    def label_pdf(self) -> bytes:
        from ui.documents import label_pdf

        return label_pdf(self, self.get_settings())
