"""Saved plans on the Titration page: save the plan for a patient, reopen it with its edits.

A saved plan holds the page's choices, its edits as data (holds, step backs) and the plan itself;
reopening sets the choices, replays the edits, and checks the result is the plan that was saved.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
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

from ui.pages.base import bullet_list
from ui.pages.log.detail import when
from ui.widgets.forms import add_rows, dialog_buttons, dialog_layout, line_edit, wrapped_label

FORMAT = 1


def _select_data(combo: QComboBox, value: Any) -> None:
    for index in range(combo.count()):
        if combo.itemData(index) == value:
            combo.setCurrentIndex(index)
            return


def page_state(page: Any) -> dict[str, Any]:
    """The Titration page's choices, as typed, so the same plan can be built again."""
    return {
        "protocol": page.protocol.currentData(),
        "custom": {
            "start": page.start_dose.text(),
            "step": page.step_dose.text(),
            "every": page.every.text(),
            "target": page.target.text(),
        },
        "start_date": page.start_date.text(),
        "time_of_day": page.when.currentData(),
        "length": page.length.text(),
        "form": page.form_kind.currentData(),
        "liquid_strength": page.liquid_strength.currentData(),
        "vehicle": page.formula.currentData(),
        "capsule_set": page.capsule_set.currentData(),
        "capsule_strengths": page.capsule_strengths.text(),
    }


def plan_document(page: Any) -> dict[str, Any]:
    """What the log stores for the page's current plan: choices, edits and the plan itself."""
    from ldn_desk.errors import LdnDeskError
    from ldn_desk.plans.jsondata import edits_to_json, plan_to_json
    from ldn_desk.plans.model import PlanEdit

    if page.plan is None or not page.results.has_result:
        raise LdnDeskError("there is no plan to save yet: correct the marked entries first")
    edits = [edit for _name, edit in page.edits]
    if not all(isinstance(edit, PlanEdit) for edit in edits):
        raise LdnDeskError(
            "this plan has a change that cannot be saved; undo the changes and make them again"
        )
    return {
        "format": FORMAT,
        "page": page_state(page),
        "edits": edits_to_json(edits),
        "plan": plan_to_json(page.plan),
    }


def restore_page(page: Any, document: dict[str, Any]) -> bool:
    """Set the page as saved and rebuild the plan; True when it is the very plan that was saved."""
    from ldn_desk.plans.jsondata import edits_from_json, plan_from_json

    saved_plan = plan_from_json(document["plan"])
    edits = edits_from_json(document.get("edits", []))
    state = document["page"]
    for combo, key in (
        (page.protocol, "protocol"),
        (page.when, "time_of_day"),
        (page.form_kind, "form"),
        (page.liquid_strength, "liquid_strength"),
        (page.formula, "vehicle"),
        (page.capsule_set, "capsule_set"),
    ):
        combo.blockSignals(True)
        _select_data(combo, state.get(key))
        combo.blockSignals(False)
    for field, text in (
        (page.start_dose, state["custom"]["start"]),
        (page.step_dose, state["custom"]["step"]),
        (page.every, state["custom"]["every"]),
        (page.target, state["custom"]["target"]),
        (page.start_date, state["start_date"]),
        (page.length, state["length"]),
        (page.capsule_strengths, state["capsule_strengths"]),
    ):
        field.set_text(str(text))
    page.edits[:] = [(edit.kind, edit) for edit in edits]
    page.choice_changed()
    page.recompute()
    return bool(page.plan == saved_plan)


def _line(text: str, placeholder: str) -> QLineEdit:
    return line_edit(placeholder, text)


class SavePlanDialog(QDialog):
    """Who the plan is for; with a plan reopened, its next version or a new plan."""

    def __init__(self, patient: str, patient_ref: str, opened: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Save plan")
        self.patient = _line(patient, "patient's name")
        self.patient_ref = _line(patient_ref, "date of birth or clinic identifier (optional)")
        self.as_version = QCheckBox("Save as the next version of the plan opened")
        self.as_version.setVisible(opened is not None)
        self.as_version.setChecked(opened is not None)
        form = add_rows(
            QFormLayout(),
            [("Patient:", self.patient), ("Identifier:", self.patient_ref), ("", self.as_version)],
        )
        self.message = wrapped_label()
        buttons = dialog_buttons(
            self, QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        dialog_layout(self, form, self.message, buttons)


class OpenPlanDialog(QDialog):
    """A patient's saved plans, each with its versions; the chosen plan's latest version opens."""

    def __init__(self, patient: str, patient_ref: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Open a saved plan")
        self.resize(640, 480)
        self.patient = _line(patient, "patient's name")
        self.patient_ref = _line(patient_ref, "identifier (optional)")
        find = QPushButton("Find")
        find.setDefault(True)
        find.clicked.connect(self.find)
        who = QHBoxLayout()
        who.addWidget(QLabel("Patient:"))
        who.addWidget(self.patient, 2)
        who.addWidget(self.patient_ref, 1)
        who.addWidget(find)
        self.plans = QListWidget()
        self.plans.setAccessibleName("Saved plans")
        self.plans.currentRowChanged.connect(self._show_history)
        self.history = QTextBrowser()
        self.message = wrapped_label()
        self.buttons = dialog_buttons(
            self, QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel
        )
        layout = QVBoxLayout(self)
        layout.addLayout(who)
        layout.addWidget(self.message)
        layout.addWidget(self.plans, 1)
        layout.addWidget(QLabel("Edit history:"))
        layout.addWidget(self.history, 1)
        layout.addWidget(self.buttons)
        self.found: list[Any] = []
        self._versions: dict[int, list[Any]] = {}
        if patient.strip():
            self.find()

    def find(self) -> None:
        from ldn_desk.errors import LdnDeskError
        from ldn_desk.paths import log_path
        from ldn_desk.store import Store

        self.plans.clear()
        self.history.clear()
        self.found, self._versions = [], {}
        if not log_path().exists():
            self.message.setText("No plans saved yet.")
            return
        ref = self.patient_ref.text().strip() or None
        try:
            with Store.open_default() as store:
                self.found = store.plans_for(self.patient.text(), ref)
                self._versions = {plan.plan_id: store.plan_history(plan.plan_id) for plan in self.found}
        except LdnDeskError as error:
            self.message.setText(str(error))
            return
        self.message.setText("" if self.found else "No saved plans for this patient.")
        for saved in self.found:
            name = saved.plan.get("plan", {}).get("protocol_name", "plan")
            start = saved.plan.get("plan", {}).get("start_date", "")
            item = QListWidgetItem(
                f"Plan {saved.plan_id}: {name}, from {start} — version {saved.version} ({saved.change}), "
                f"saved {when(saved.saved_at)}"
            )
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
            line = f"Version {version.version}, saved {when(version.saved_at)}: {version.change}"
            if notes:
                line += " — " + " ".join(str(note) for note in notes)
            lines.append(line)
        self.history.setHtml(bullet_list(lines))

    def chosen(self) -> Any:
        row = self.plans.currentRow()
        return self.found[row] if 0 <= row < len(self.found) else None


class SavedPlansBox(QGroupBox):
    """Save plan and Open plan on the Titration page, and which saved plan is open."""

    def __init__(self, page: Any, parent: QWidget | None = None) -> None:
        super().__init__("Saved plans", parent)
        self.page = page
        self.opened: Any = None  # the SavedPlan last saved or opened
        self._edits_at_open = 0
        self.save_button = QPushButton("Save plan…")
        self.save_button.setToolTip("Keep this plan, with its changes, for the patient")
        self.open_button = QPushButton("Open plan…")
        self.open_button.setToolTip("Reopen a patient's saved plan, e.g. at the review visit")
        self.save_button.clicked.connect(self.save_plan)
        self.open_button.clicked.connect(self.open_plan)
        self.status = QLabel("Not saved")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.status)

    def _set_opened(self, saved: Any) -> None:
        self.opened = saved
        self._edits_at_open = len(self.page.edits)
        self.status.setText(
            f"Plan {saved.plan_id}, version {saved.version} ({saved.change}), for {saved.patient}"
        )

    def save_plan(self) -> Any:
        from ldn_desk.errors import LdnDeskError
        from ldn_desk.store import Store

        try:
            document = plan_document(self.page)
        except LdnDeskError as error:
            QMessageBox.warning(self, "Plan not saved", str(error))
            return None
        opened = self.opened
        patient = opened.patient if opened else self.page.handout_fields.patient.text()
        dialog = SavePlanDialog(patient, opened.patient_ref if opened else "", opened, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
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
            QMessageBox.warning(self, "Plan not saved", str(error))
            return None
        self._set_opened(saved)
        return saved

    def open_plan(self) -> Any:
        from ldn_desk.errors import LdnDeskError

        opened = self.opened
        patient = opened.patient if opened else self.page.handout_fields.patient.text()
        dialog = OpenPlanDialog(patient, opened.patient_ref if opened else "", self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.chosen() is None:
            return None
        saved = dialog.chosen()
        try:
            same = restore_page(self.page, saved.plan)
        except (LdnDeskError, KeyError, TypeError) as error:
            QMessageBox.warning(self, "Plan not opened", f"This saved plan cannot be read: {error}")
            return None
        self.page.handout_fields.patient.setText(saved.patient)
        self._set_opened(saved)
        if not same:
            QMessageBox.warning(
                self,
                "Plan calculated differently",
                "The plan now works out differently from when it was saved (the protocol library or this "
                "program has changed). Check every step before using it.",
            )
        return saved
