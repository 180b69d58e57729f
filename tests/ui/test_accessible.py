"""Screen readers: every field and button has a name, and the plan table reads a row as a sentence."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QTextEdit,
    QWidget,
)

from tests.ui.conftest import recomputed

INPUTS = (QLineEdit, QAbstractSpinBox, QComboBox, QAbstractButton, QAbstractItemView, QTextEdit)


def unnamed(root: QWidget) -> list[str]:
    """Inputs and buttons (shown or not) a screen reader would announce without a name."""
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INPUTS) or widget.accessibleName().strip():
            continue
        parents = []
        parent = widget.parentWidget()
        while parent is not None and parent is not root:
            parents.append(parent)
            parent = parent.parentWidget()
        # Parts Qt builds and names itself: a spin box's entry, a combo's drop-down list, a
        # table's cell editor or header, a line edit's clear icon, a scroll area's corner.
        if widget.objectName().startswith("qt_") or any(
            isinstance(p, (QAbstractSpinBox, QComboBox, QAbstractItemView, QLineEdit))
            or p.objectName().startswith("qt_")
            for p in parents
        ):
            continue
        text = widget.text() if isinstance(widget, (QAbstractButton, QLineEdit)) else ""
        missing.append(f"{type(widget).__name__} {text!r} in {type(widget.parentWidget()).__name__}")
    return missing


def test_every_field_and_button_of_every_page_has_a_name(window: Any) -> None:
    assert unnamed(window) == []
    # The names are the labels people see, not internal field names.
    plan = window.pages[0]
    assert plan.start_date.edit.accessibleName() == "Start date"
    assert plan.hold_days.accessibleName() == "Hold for"
    assert plan.hold_button.accessibleName() == "Hold for: Hold selected step"
    liquid = window.pages[1]
    assert liquid.record_fields.directions.accessibleName() == "Directions"
    log = window.pages[3]  # a grid of search fields, each labelled to its left
    assert log.patient.accessibleName() == "Patient" and log.lot.accessibleName() == "Lot"
    assert log.date_from.edit.accessibleName() == "Compounded: from date"
    assert log.date_to.edit.accessibleName() == "Compounded: to date"


def test_every_dialog_names_its_fields_and_buttons(window: Any, qtbot: Any) -> None:
    from ui.about import AboutDialog, HelpDialog
    from ui.pages.log.dialogs import SaveRecordDialog
    from ui.pages.plan.saved import OpenPlanDialog, SavePlanDialog
    from ui.settings.dialog import SettingsDialog

    liquid = window.pages[1]
    dialogs = [
        SettingsDialog(window.settings, window),
        HelpDialog(window),
        AboutDialog(window),
        SavePlanDialog("Jane Smith", "", None, window),
        OpenPlanDialog("", "", window),
        SaveRecordDialog("liquid", liquid.record_fields, [("Naltrexone", "100 mg")], window),
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        assert unnamed(dialog) == [], dialog.windowTitle()


def test_the_team_dialogs_name_their_fields_and_buttons(window: Any, qtbot: Any) -> None:
    from PySide6.QtWidgets import QLineEdit

    from ui.team import AskDialog, CredentialsDialog, FormulasDialog, LotsDialog, UsersDialog

    reason = QLineEdit()
    sign_in = CredentialsDialog("Who is working?", "Sign in with your name and password.", "", window)
    dialogs = [UsersDialog(window), LotsDialog(window), FormulasDialog(window), sign_in,
               AskDialog(window, "Disable user", [("Reason:", reason)], about="Dot Lee")]  # fmt: skip
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        assert unnamed(dialog) == [], dialog.windowTitle()
    assert reason.accessibleName() == "Reason"
    assert sign_in.name.accessibleName() == "User name" and sign_in.password.accessibleName() == "Password"


def test_plan_rows_read_as_sentences(window: Any, qtbot: Any) -> None:
    page = window.pages[0]
    recomputed(qtbot, page, lambda: page.start_date.set_text("2026-12-01"))
    model = page.model
    first = model.data(model.index(0, 3), Qt.ItemDataRole.AccessibleTextRole)
    # The standard protocol starts at 1.5 mg for 14 days (DOMAIN.md), from the chosen start date;
    # whichever cell the reader is on, the whole row is read with the column's title.
    assert first.startswith("Days 1–14, from 1 December 2026: 1.5 mg at bedtime; Measure of ")
    assert first == model.data(model.index(0, 0), Qt.ItemDataRole.AccessibleTextRole)
    assert model.data(model.index(0, 3), Qt.ItemDataRole.DisplayRole) in first
    assert page.table.accessibleDescription().startswith(f"{model.rowCount()} steps: 1.5 mg to 4.5 mg")


def _calendar_names(root: QWidget) -> dict[str, str]:
    """Each date field's screen-reader name and its calendar button's, for every date field."""
    from ui.widgets.fields import DatePicker

    return {
        picker.field.edit.accessibleName(): picker.accessibleName()
        for picker in root.findChildren(DatePicker)
    }


def _record_dialog(window: Any, qtbot: Any) -> Any:
    from ui.pages.log.dialogs import SaveRecordDialog

    dialog = SaveRecordDialog("liquid", window.pages[1].record_fields, [("Naltrexone HCl", "100 mg")], window)
    qtbot.addWidget(dialog)
    return dialog


def test_every_calendar_button_is_named_after_its_date_field(window: Any, qtbot: Any) -> None:
    names = {**_calendar_names(window), **_calendar_names(_record_dialog(window, qtbot))}
    assert names == {
        "Start date": "Start date: pick from a calendar",
        "Compounded on": "Compounded on: pick from a calendar",  # Liquid and Capsules
        "Compounded: from date": "Compounded: from date: pick from a calendar",
        "Compounded: to date": "Compounded: to date: pick from a calendar",
        "Expiry of Naltrexone HCl": "Expiry of Naltrexone HCl: pick from a calendar",
        "Date dispensed": "Date dispensed: pick from a calendar",
    }


def test_every_calendar_button_is_named_in_spanish_in_the_spanish_app(qtbot: Any) -> None:
    from tests.ui.conftest import spanish_main_window

    with spanish_main_window(qtbot) as window:
        names = {**_calendar_names(window), **_calendar_names(_record_dialog(window, qtbot))}
    assert len(names) == 6
    for field, button in names.items():
        assert button == f"{field}: elegir en un calendario"
        english = {"pick", "from", "calendar", "date", "to", "of", "Expiry", "Compounded", "Start", "Date"}
        assert not set(re.findall(r"\w+", button)) & english, button
    assert "Elaborado: fecha inicial" in names and "Elaborado: fecha final" in names


def _every_calendar(window: Any, qtbot: Any) -> list[tuple[str, str, str]]:
    """(field's name, its calendar button's name, the button's tip) for every date field of the
    window, of Save to log with two lines, and of a review visit, one entry per field."""
    import datetime as dt

    from ldn_desk.desk import Desk, FromProtocol, LiquidForm, PlanRequest
    from ldn_desk.desk.log import Store
    from ui.pages.log.dialogs import SaveRecordDialog
    from ui.pages.plan.review import ReviewDialog
    from ui.widgets.fields import DatePicker

    desk = Desk()
    request = PlanRequest(FromProtocol("standard"), dt.date(2026, 12, 1), form=LiquidForm(1.0))
    with Store.open_default() as store:
        saved = store.save_plan("Jane Smith", desk.plan_document(desk.plan(request)))
    lines = [("Naltrexone HCl 50 mg tablets", "2 tablets"), ("Purified water", "100 mL")]
    record = SaveRecordDialog("liquid", window.pages[1].record_fields, lines, window)
    review = ReviewDialog(desk, saved, window)
    for dialog in (record, review):
        qtbot.addWidget(dialog)
    return [
        (picker.field.edit.accessibleName(), picker.accessibleName(), picker.toolTip())
        for root in (window, record, review)
        for picker in root.findChildren(DatePicker)
        if picker.field.window() is root  # the dialogs are the window's children too
    ]


def test_every_date_field_has_a_calendar_named_after_it_even_the_review_date(window: Any, qtbot: Any) -> None:
    found = _every_calendar(window, qtbot)
    fields = [field for field, _button, _tip in found]
    assert sorted(fields) == sorted([
        "Start date", "Compounded on", "Compounded on", "Compounded: from date", "Compounded: to date",
        "Expiry of Naltrexone HCl 50 mg tablets", "Expiry of Purified water", "Date dispensed", "Date",
    ])  # fmt: skip
    for field, button, tip in found:
        assert (button, tip) == (f"{field}: pick from a calendar", "Pick the date from a calendar")


def test_every_calendar_is_named_in_spanish_even_the_review_date(qtbot: Any) -> None:
    from tests.ui.conftest import spanish_main_window

    with spanish_main_window(qtbot) as window:
        found = _every_calendar(window, qtbot)
    assert len(found) == 9  # as in English, one for each date field
    assert "Fecha" in [field for field, _button, _tip in found]  # the review visit's date
    for field, button, tip in found:
        assert (button, tip) == (f"{field}: elegir en un calendario", "Elegir la fecha en un calendario")
        # No English word but the ingredients' names, which are recorded as typed.
        words = set(
            re.findall(
                r"\w+", button.replace("Naltrexone HCl 50 mg tablets", "").replace("Purified water", "")
            )
        )
        assert not words & {
            "pick",
            "from",
            "calendar",
            "date",
            "to",
            "of",
            "Expiry",
            "Compounded",
            "Start",
            "Date",
        }
