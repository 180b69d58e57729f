"""What the Liquid and Capsules pages share: settings, the recipe shown, its record and label, the form."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QComboBox, QWidget

from ui.i18n import translate
from ui.pages.base import DocumentChoice, Page
from ui.pages.log.save import save_to_log_button
from ui.widgets.doc_fields import RecordFields
from ui.widgets.fields import ParsedField
from ui.widgets.forms import form_column, wrapped_label
from ui.widgets.label_sheet import LabelOptions
from ui.widgets.required import RequiredFields, require_rows

if TYPE_CHECKING:
    from ldn_desk.desk import CapsuleInput, CapsuleRecipe, Desk, LiquidInput, LiquidRecipe
    from ldn_desk.units.quantity import Amount
    from ui.settings.store import AppSettings


def balance_mwq(settings: AppSettings) -> Amount:
    """The balance's minimum weighable quantity from settings, read with the core parser."""
    from ldn_desk.units.quantity import Kind, ParseOptions, parse_quantity

    options = ParseOptions(decimal_comma=settings.decimal_comma)
    return parse_quantity(settings.balance_mwq, Kind.MASS, "balance MWQ (Settings)", options=options)


def salt_combo() -> QComboBox:
    """Which salt a naltrexone powder is: the hydrochloride, or the base."""
    combo = QComboBox()
    combo.addItem(translate("Hydrochloride (HCl)"), "HCl")
    combo.addItem(translate("Base"), "base")
    return combo


class RecipePage(Page):
    """A page that makes one compounded recipe, with its compounding record and container label."""

    compounded: ParsedField  # the date of compounding, which each recipe page has

    def __init__(self, get_settings: Callable[[], AppSettings], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.get_settings = get_settings
        self.recipe: LiquidRecipe | CapsuleRecipe | None = None
        self.recipe_input: LiquidInput | CapsuleInput | None = None  # what `recipe` was worked out from
        self.record_fields = RecordFields()
        self.record_draft: dict[str, Any] | None = None  # lots and weights typed in a cancelled Save to log
        for edit in self.record_fields.edits():
            edit.textChanged.connect(self.unsaved_changed)
        self.label_options = LabelOptions()

    def desk(self) -> Desk:
        """The core's facade, with the settings as they are now."""
        from ui.documents import desk_for

        return desk_for(self.get_settings())

    def lay_out(self, *groups: QWidget) -> None:
        """The page's groups, then the record fields, Save to log and where the MWQ comes from."""
        self.save_to_log_button = save_to_log_button(self)
        self.note = wrapped_label(
            translate("The balance's minimum weighable quantity comes from Settings (Ctrl+,).")
        )
        # Every calculation entry, the patient and the Rx number are required: the button under
        # them says which are still missing, and each shows it once left.
        self.required = RequiredFields(self.save_to_log_button, scope=self)
        require_rows(self.required, *groups)
        fields = self.record_fields
        self.required.add_form(fields.form, fields.patient, fields.rx)
        self.results_updated.connect(self.required.update)  # a row shown or hidden with a choice
        self.place_beside_results(
            form_column(*groups, self.record_fields, self.label_options, self.save_to_log_button,
                        self.required.note, self.note)
        )  # fmt: skip

    def form_state(self) -> tuple[object, ...]:
        """A draft record: what is typed for it beyond the patient (shared by every page), and the
        lots of a cancelled Save to log, until it is saved to the log."""
        fields = self.record_fields
        shared = (fields.patient, fields.patient_ref)
        return (*(edit.text() for edit in fields.edits() if edit not in shared), self.record_draft)

    def unsaved_what(self) -> str:
        return translate("the draft record on the {page} page").format(page=translate(self.title))

    def patient_name(self) -> str:
        return self.record_fields.patient.text().strip()

    def save_work(self) -> bool:
        from ui.pages.log.save import save_to_log

        return save_to_log(self) is not None

    def on_no_result(self) -> None:
        self.recipe = None
        self.recipe_input = None

    def documents(self) -> list[DocumentChoice]:
        return [
            DocumentChoice(translate("Compounding record"), self.record_pdf),
            DocumentChoice(translate("Container label"), self.label_pdf),
            DocumentChoice(translate("Master formulation record"), self.mfr_pdf),
        ]

    def record_pdf(self) -> bytes:
        from ui.documents import record_pdf

        return record_pdf(self.recipe, self.record_fields, self.compounded.value(), self.get_settings())

    def label_pdf(self) -> bytes:
        from ui.documents import label_pdf

        return label_pdf(
            self.recipe, self.record_fields, self.compounded.value(), self.get_settings(), self.label_options
        )

    def after_start(self) -> None:
        """The label sheet's drawing needs the document engine (ReportLab): loaded once the
        window is up and in use, not in the time a person waits for it."""
        self.label_options.set_desk(self.desk())

    def apply_settings(self, settings: AppSettings) -> None:
        super().apply_settings(settings)
        if self.started:  # a new label layout: its positions and drawing
            self.label_options.set_desk(self.desk())

    def mfr_pdf(self) -> bytes:
        from ui.documents import mfr_pdf

        return mfr_pdf(self.recipe, self.get_settings())
