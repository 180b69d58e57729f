"""Saved plans on the Titration page: save the plan for a patient, reopen it with its edits.

A saved plan holds the plan request (the choices and the edits as data: holds, step backs) and the
plan itself (ldn_desk.plans.saved); reopening shows the request on the page, works it out again,
and checks the result is the plan that was saved.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ui.i18n import core_error, translate
from ui.pages.base import bullet_list
from ui.pages.log.detail import when
from ui.pages.plan.measures import CUSTOM, SUGGESTED
from ui.widgets.fields import ParsedField
from ui.widgets.forms import (
    add_rows,
    dialog_buttons,
    dialog_layout,
    hint_shown_whole,
    line_edit,
    message_label,
)
from ui.widgets.required import RequiredFields
from ui.widgets.screen import fit_dialog

if TYPE_CHECKING:
    from ldn_desk.desk import PlanRequest
    from ldn_desk.desk.log import SavedPlan
    from ui.pages.plan.page import PlanPage
    from ui.pages.plan.review import ReviewDialog


def _index_of(combo: QComboBox, value: object, what: str) -> int:
    """The item whose data is `value`; a value the page does not offer is refused, never
    silently left at another choice."""
    from ldn_desk.errors import InputError

    for index in range(combo.count()):
        if combo.itemData(index) == value:
            return index
    raise InputError("saved plan", None, f"names a {what} this program does not offer ({value})")


def plan_document(page: PlanPage) -> dict[str, object]:
    """What the log stores for the page's current plan: its request (edits and all) and the plan."""
    from ldn_desk.errors import LdnDeskError

    if page.outcome is None or not page.results.has_result:
        raise LdnDeskError("there is no plan to save yet: correct the marked entries first")
    return page.desk().plan_document(page.outcome, page.handout_fields.language.code())


def show_request(page: PlanPage, request: PlanRequest) -> None:
    """Set the page's choices and entries to a request (its edits too); a request with choices the
    page cannot show (a ladder, a new target for a protocol, days to supply…) is refused."""
    from ldn_desk.desk import CapsuleForm, FromProtocol, FromRule, LiquidForm
    from ldn_desk.errors import InputError
    from ldn_desk.units.lists import amount_text, list_text
    from ldn_desk.units.quantity import ParseOptions

    source, form = request.source, request.form
    extra = [
        name
        for name, shown in (
            ("a dose ladder", isinstance(source, FromProtocol | FromRule)),
            (
                "a new target for a protocol",
                not isinstance(source, FromProtocol) or request.target_mg is None,
            ),
            ("no form", form is not None),
            ("syringes of its own", request.syringes is None),
            ("days to supply", request.supply_days is None and request.fill_days is None),
        )
        if not shown
    ]
    if extra:
        raise InputError("saved plan", None, f"has choices this page cannot show ({', '.join(extra)})")
    options = ParseOptions(decimal_comma=page.get_settings().decimal_comma)
    length = request.length_days
    texts: list[tuple[ParsedField, str]] = [
        (page.start_date, request.start_date.isoformat()),
        (page.length, "" if length is None else amount_text(length, "days", options=options)),
    ]
    time = request.time_of_day
    if isinstance(source, FromProtocol):
        if time is None:
            time = next((p.time_of_day for p in page.desk().protocols() if p.key == source.protocol), None)
        combos: list[tuple[QComboBox, object, str]] = [(page.protocol, source.protocol, "protocol")]
    else:
        combos = [(page.protocol, CUSTOM, "protocol")]
        assert isinstance(source, FromRule) and request.target_mg is not None
        texts += [
            (field, amount_text(number, unit, options=options))
            for field, number, unit in (
                (page.start_dose, source.start_mg, "mg"),
                (page.step_dose, source.step_mg, "mg"),
                (page.every, source.every_days, "days"),
                (page.target, request.target_mg, "mg"),
            )
        ]
    combos.append((page.when, time or "bedtime", "time of day"))
    switch_day: int | None = None
    if isinstance(form, LiquidForm):
        strength: object = SUGGESTED if form.strength_mg_per_ml is None else form.strength_mg_per_ml
        combos += [
            (page.form_kind, "liquid", "form"),
            (page.liquid_strength, strength, "liquid strength"),
            (page.formula, form.formula, "vehicle"),
            (page.switch_strength, form.switch_mg_per_ml, "second strength"),
        ]
        switch_day = form.switch_day
    else:
        assert isinstance(form, CapsuleForm)
        combos.append((page.form_kind, "capsules", "form"))
        if form.strengths_mg is None:
            combos.append((page.capsule_set, SUGGESTED, "capsule set"))
        else:
            combos.append((page.capsule_set, "listed", "capsule set"))
            texts.append((page.capsule_strengths, list_text(form.strengths_mg, "mg", options=options)))
    # Every choice is found before any is made, so a refused plan leaves the page as it was.
    chosen = [(combo, _index_of(combo, value, what)) for combo, value, what in combos]
    for combo, index in chosen:
        combo.blockSignals(True)
        combo.setCurrentIndex(index)
        combo.blockSignals(False)
    for field, text in texts:
        field.set_text(text)
    if switch_day is not None:
        page.switch_day.blockSignals(True)
        page.switch_day.setValue(switch_day)
        page.switch_day.blockSignals(False)
    page.edits[:] = [(edit.kind, edit) for edit in request.edits]
    page.reset_undo()
    page.choice_changed()
    page.recompute()


def restore_page(page: PlanPage, document: object) -> bool:
    """Set the page as saved and work the plan out again; True when it is the very plan that was
    saved. A plan saved in the older form (the page's entries) is read into a request first."""
    opened = page.desk().open_plan_document(document)
    show_request(page, opened.request)
    page.handout_fields.language.set_code(opened.language)  # the patient's language, as saved
    return bool(page.plan == opened.saved_plan)


def _line(text: str, placeholder: str) -> QLineEdit:
    return line_edit(placeholder, text)


class SavePlanDialog(QDialog):
    """Who the plan is for; with a plan reopened, its next version or a new plan."""

    def __init__(
        self, patient: str, patient_ref: str, opened: SavedPlan | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("Save plan"))
        self.patient = hint_shown_whole(_line(patient, "patient's name"))
        self.patient_ref = hint_shown_whole(
            _line(patient_ref, "date of birth or clinic identifier (optional)")
        )
        self.as_version = QCheckBox(translate("Save as the next version of the plan opened"))
        self.as_version.setVisible(opened is not None)
        self.as_version.setChecked(opened is not None)
        form = add_rows(
            QFormLayout(),
            [("Patient:", self.patient), ("Identifier:", self.patient_ref), ("", self.as_version)],
        )
        self.message = message_label()
        from PySide6.QtWidgets import QDialogButtonBox  # for the dialog: not on the way to the page

        buttons = dialog_buttons(
            self, QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.required = RequiredFields(buttons.button(QDialogButtonBox.StandardButton.Save))
        self.required.add_form(form, self.patient)
        dialog_layout(self, form, self.message, self.required.note, buttons)
        fit_dialog(self, 420)

    def accept(self) -> None:
        """Saved only with the patient named; otherwise the field is marked and the dialog stays."""
        if self.required.check_all():
            super().accept()


class OpenPlanDialog(QDialog):
    """Saved plans found by part of a name or identifier (or all), each with its versions; the
    chosen plan's latest version opens."""

    def __init__(self, patient: str, patient_ref: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("Open a saved plan"))
        self.patient = hint_shown_whole(_line(patient, "part of a name or identifier"))
        self.patient.setToolTip(translate("Any part of the patient's name or identifier, e.g. lee or 1961"))
        self.patient_ref = hint_shown_whole(_line(patient_ref, "and identifier (optional)"))
        self.patient.returnPressed.connect(self.find_plans)
        self.patient_ref.returnPressed.connect(self.find_plans)
        find = QPushButton(translate("Find"))
        find.setDefault(True)
        find.clicked.connect(self.find_plans)
        every = QPushButton(translate("List all"))
        every.setToolTip(translate("Every saved plan, newest first"))
        every.clicked.connect(self.list_all)
        self.rename_button = QPushButton(translate("Correct name…"))
        self.rename_button.setToolTip(
            translate("Correct the patient's name on the chosen plan (kept in its history)")
        )
        self.rename_button.clicked.connect(self.rename_chosen)
        who = QHBoxLayout()
        who.addWidget(QLabel(translate("Find:")))
        who.addWidget(self.patient, 2)
        who.addWidget(self.patient_ref, 1)
        who.addWidget(find)
        who.addWidget(every)
        self.plans = QListWidget()
        self.plans.setAccessibleName(translate("Saved plans"))
        self.plans.currentRowChanged.connect(self._show_history)
        self.history = QTextBrowser()
        self.history.setAccessibleName(translate("Edit history"))
        self.message = message_label()
        from PySide6.QtWidgets import QDialogButtonBox

        self.buttons = dialog_buttons(
            self, QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel
        )
        layout = QVBoxLayout(self)
        layout.addLayout(who)
        layout.addWidget(self.message)
        layout.addWidget(self.plans, 1)
        layout.addWidget(QLabel(translate("Edit history:")))
        layout.addWidget(self.history, 1)
        below = QHBoxLayout()
        below.addWidget(self.rename_button)
        below.addStretch(1)
        below.addWidget(self.buttons)
        layout.addLayout(below)
        self.found: list[SavedPlan] = []
        self._versions: dict[int, list[SavedPlan]] = {}
        fit_dialog(self, 760, 480)  # both hints whole, and room to spare for the name
        if patient.strip():
            self.find_plans()

    def rename_chosen(self) -> SavedPlan | None:
        """Correct the chosen plan's patient name: a new version whose change names the old one."""
        from PySide6.QtWidgets import QInputDialog

        from ldn_desk.desk.log import Store
        from ldn_desk.errors import LdnDeskError

        chosen = self.chosen()
        if chosen is None:
            self.message.setText(translate("Choose a plan first."))
            return None
        name, ok = QInputDialog.getText(
            self,
            translate("Correct the patient's name"),
            translate("Name on plan {plan}:").format(plan=chosen.plan_id),
            text=chosen.patient,
        )
        if not ok:
            return None
        try:
            with Store.open_default() as store:
                renamed = store.rename_plan_patient(chosen.plan_id, name)
        except LdnDeskError as error:
            self.message.setText(core_error(error))
            return None
        self.patient.setText(renamed.patient)
        self.patient_ref.clear()
        self.find_plans()
        return renamed

    def list_all(self) -> None:
        self.patient.clear()
        self.patient_ref.clear()
        self.find_plans()

    def find_plans(self) -> None:
        """The plans whose patient's name or identifier holds every word typed (all when none)."""
        from ldn_desk.desk.log import Store, log_exists
        from ldn_desk.errors import LdnDeskError

        self.plans.clear()
        self.history.clear()
        self.found, self._versions = [], {}
        if not log_exists():
            self.message.setText(translate("No plans saved yet."))
            return
        text = f"{self.patient.text()} {self.patient_ref.text()}".strip()
        try:
            with Store.open_default() as store:
                self.found = store.find_plans(text)
                self._versions = {plan.plan_id: store.plan_history(plan.plan_id) for plan in self.found}
        except LdnDeskError as error:
            self.message.setText(core_error(error))
            return
        if not self.found:
            self.message.setText(
                translate("No saved plans match.") if text else translate("No plans saved yet.")
            )
        else:
            count = (
                translate("{count} saved plan") if len(self.found) == 1 else translate("{count} saved plans")
            )
            self.message.setText(count.format(count=len(self.found)))
        for saved in self.found:
            name = saved.plan.get("plan", {}).get("protocol_name", translate("plan"))
            start = saved.plan.get("plan", {}).get("start_date", "")
            ref = f" ({saved.patient_ref})" if saved.patient_ref else ""
            item = QListWidgetItem(
                translate("{patient} — plan {plan}: {name}, from {start} — version {version} ({change}), saved {when}")
                .format(patient=f"{saved.patient}{ref}", plan=saved.plan_id, name=name, start=start,
                        version=saved.version, change=saved.change, when=when(saved.saved_at))
            )  # fmt: skip
            self.plans.addItem(item)
        if self.found:
            self.plans.setCurrentRow(0)

    def _show_history(self, row: int) -> None:
        if not 0 <= row < len(self.found):
            self.history.clear()
            return
        versions = self._versions.get(self.found[row].plan_id, [])
        lines = []
        for version in versions:
            notes = version.plan.get("plan", {}).get("edits", [])
            line = translate("Version {version}, saved {when}: {change}").format(
                version=version.version, when=when(version.saved_at), change=version.change
            )
            if notes:
                line += " — " + " ".join(str(note) for note in notes)
            lines.append(line)
        self.history.setHtml(bullet_list(lines))

    def chosen(self) -> SavedPlan | None:
        row = self.plans.currentRow()
        return self.found[row] if 0 <= row < len(self.found) else None


class SavedPlansBox(QGroupBox):
    """Save plan and Open plan on the Titration page, and which saved plan is open."""

    def __init__(self, page: PlanPage, parent: QWidget | None = None) -> None:
        super().__init__(translate("Saved plans"), parent)
        self.page = page
        self.opened: SavedPlan | None = None  # the plan last saved or opened
        self._edits_at_open = 0
        self.review_dialog: ReviewDialog | None = None  # the last review visit opened
        self.review_drafts: dict[int, dict[str, Any]] = {}  # by plan: typed in a closed review
        self.save_button = QPushButton(translate("Save plan…"))
        self.save_button.setToolTip(translate("Keep this plan, with its changes, for the patient"))
        self.open_button = QPushButton(translate("Open plan…"))
        self.open_button.setToolTip(translate("Reopen a patient's saved plan, e.g. at the review visit"))
        self.review_button = QPushButton(translate("Review visit…"))
        self.review_button.setToolTip(
            translate("Enter the diary, see dose and response, record the decision")
        )
        self.review_button.setEnabled(False)
        self.save_button.clicked.connect(self.save_plan)
        self.open_button.clicked.connect(self.open_plan)
        self.review_button.clicked.connect(self.open_review)
        self.status = QLabel(translate("Not saved"))
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addWidget(self.open_button)
        row.addWidget(self.review_button)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addLayout(row)
        self.layout_.addWidget(self.status)

    def show_required(self, note: QLabel) -> None:
        """The page's note of what Save plan still needs, under the buttons."""
        self.layout_.insertWidget(1, note)

    def _set_opened(self, saved: SavedPlan) -> None:
        self.opened = saved
        self.review_button.setEnabled(True)
        self._edits_at_open = len(self.page.edits)
        self.status.setText(
            translate("Plan {plan}, version {version} ({change}), for {patient}").format(
                plan=saved.plan_id, version=saved.version, change=saved.change, patient=saved.patient
            )
        )

    def save_plan(self) -> SavedPlan | None:
        from ldn_desk.desk.log import Store
        from ldn_desk.errors import LdnDeskError

        required = getattr(self.page, "required", None)
        if required is not None and not required.check_all():
            return None  # each missing entry is marked, the first has the focus, the note lists them
        try:
            document = plan_document(self.page)
        except LdnDeskError as error:
            QMessageBox.warning(self, translate("Plan not saved"), core_error(error))
            return None
        opened = self.opened
        fields = self.page.handout_fields
        patient = opened.patient if opened else fields.patient.text()
        dialog = SavePlanDialog(
            patient, opened.patient_ref if opened else fields.patient_ref.text(), opened, self
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            if opened is None:  # the name typed in the dialog stays on the page for the next try
                fields.patient.setText(dialog.patient.text())
                fields.patient_ref.setText(dialog.patient_ref.text())
            return None
        new_edits = [name for name, _edit in self.page.edits[self._edits_at_open :]]
        try:
            with Store.open_default() as store:
                if opened is not None and dialog.as_version.isChecked():
                    change = ", ".join(new_edits) or "changed"
                    saved = store.save_plan(
                        dialog.patient.text(), document, change=change, plan_id=opened.plan_id
                    )
                else:
                    saved = store.save_plan(
                        dialog.patient.text(),
                        document,
                        patient_ref=dialog.patient_ref.text(),
                        change="created",
                    )
        except LdnDeskError as error:
            QMessageBox.warning(self, translate("Plan not saved"), core_error(error))
            return None
        self._set_opened(saved)
        self.page.mark_saved()
        return saved

    def open_plan(self) -> SavedPlan | None:
        from ldn_desk.errors import LdnDeskError
        from ui.unsaved import Answer, ask_unsaved

        if self.page.has_unsaved():
            answer = ask_unsaved(self, self.page.unsaved_what(), translate("opening another plan"))
            if answer == Answer.CANCEL or (answer == Answer.SAVE and self.save_plan() is None):
                return None
        opened = self.opened
        fields = self.page.handout_fields
        patient = opened.patient if opened else fields.patient.text()
        dialog = OpenPlanDialog(patient, opened.patient_ref if opened else fields.patient_ref.text(), self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.chosen() is None:
            return None
        saved = dialog.chosen()
        assert saved is not None
        try:
            same = restore_page(self.page, saved.plan)
        except (LdnDeskError, KeyError, TypeError) as error:
            QMessageBox.warning(
                self,
                translate("Plan not opened"),
                translate("This saved plan cannot be read: {error}").format(error=error),
            )
            return None
        self.page.handout_fields.patient.setText(saved.patient)
        self.page.handout_fields.patient_ref.setText(saved.patient_ref)
        self._set_opened(saved)
        self.page.mark_saved()
        if not same:
            QMessageBox.warning(
                self,
                translate("Plan calculated differently"),
                translate(
                    "The plan now works out differently from when it was saved (the protocol library or this "
                    "program has changed). Check every step before using it."
                ),
            )
        return saved

    def open_review(self) -> ReviewDialog | None:
        """The review visit of the plan open; a decision recorded there opens the next phase here."""
        from ui.pages.plan.review import ReviewDialog

        if self.opened is None:
            return None
        previous = self.review_dialog
        # Closing the review never throws away what was typed: that plan's review shows it again,
        # and only that plan's, until a decision is recorded there.
        if previous is not None:
            if previous.decided is None:
                self.review_drafts[previous.plan_id] = previous.typed()
            else:
                self.review_drafts.pop(previous.plan_id, None)
            previous.deleteLater()
        dialog = ReviewDialog(self.page.desk(), self.opened, self)
        if not dialog.team:  # in a log with users the prescriber is who is working
            dialog.prescriber.setText(self.page.handout_fields.prescriber.text())
        kept = self.review_drafts.get(self.opened.plan_id)
        if kept is not None:
            dialog.restore(kept)
        dialog.plan_saved.connect(self.show_latest)
        dialog.open()
        self.review_dialog = dialog
        return dialog

    def show_latest(self) -> None:
        """Show the latest version of the plan open (after a review added diary weeks or decided)."""
        from ldn_desk.desk.log import Store
        from ldn_desk.errors import LdnDeskError

        if self.opened is None:
            return
        try:
            with Store.open_default() as store:
                latest = store.plan(self.opened.plan_id)
        except LdnDeskError as error:
            QMessageBox.warning(self, translate("Plan not opened"), core_error(error))
            return
        if latest.version == self.opened.version:
            return
        try:
            restore_page(self.page, latest.plan)
        except (LdnDeskError, KeyError, TypeError) as error:
            QMessageBox.warning(
                self,
                translate("Plan not opened"),
                translate("This saved plan cannot be read: {error}").format(error=error),
            )
            return
        self._set_opened(latest)
