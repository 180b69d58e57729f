"""Run on a virtual screen of a given size (the offscreen platform's screen file): open the main
window, each page and each dialog as a person would, and print, as JSON, where their parts are.

    python tests/ui/screen_probe.py 1280 720 [2 [es]]

Run by test_screen_fit.py in a fresh process, since a process has its screen for life.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
DPR = float(sys.argv[3]) if len(sys.argv) > 3 else 1.0  # device pixels per point: 2 on a "2×" screen
LANGUAGE = sys.argv[4] if len(sys.argv) > 4 else "en"  # the app's language


def main(width: int, height: int) -> dict[str, Any]:
    folder = Path(tempfile.mkdtemp())
    screens = folder / "screen.json"
    screens.write_text(
        json.dumps(
            {"screens": [{"name": "probe", "x": 0, "y": 0, "width": width, "height": height, "dpr": DPR}]}
        )
    )
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={screens}"
    os.environ["LDN_DESK_DATA_DIR"] = str(folder / "data")
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QPoint, QRect, QSettings
    from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton, QWidget

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder / "config"))
    from ui.app import make_application
    from ui.main_window import MainWindow
    from ui.widgets.forms import text_room

    app = make_application()
    if LANGUAGE != "en":
        from ui.i18n import install_translators

        install_translators(app, LANGUAGE)

    def settle() -> None:
        for _ in range(5):
            app.processEvents()

    def inside(widget: QWidget, window: QWidget) -> bool:
        """Shown, and all of it within the window's client area."""
        top_left = widget.mapTo(window, QPoint(0, 0))
        return widget.isVisibleTo(window) and window.rect().contains(QRect(top_left, widget.size()))

    out: dict[str, Any] = {"screen": [width, height]}
    screen = app.primaryScreen().availableGeometry()
    out["available"] = [screen.width(), screen.height()]
    window = MainWindow()
    window.show()
    window.start_pages()
    settle()
    frame = window.frameGeometry()
    out["window"] = {"frame": [frame.x(), frame.y(), frame.width(), frame.height()]}
    from PySide6.QtCore import QCoreApplication

    bar_texts = {QCoreApplication.translate("MainWindow", text) for text in ("Print…", "Save as PDF…")}
    buttons = [b for b in window.centralWidget().findChildren(QPushButton) if b.text() in bar_texts]
    pages = {}
    for index, page in enumerate(window.pages):
        window.show_page(index)
        settle()
        bar = [b for b in buttons if b.text() in bar_texts]
        pages[page.title] = {
            "bar_in_window": all(inside(b, window) for b in bar) and len(bar) == 2,
            "status_in_window": inside(window.statusBar(), window),
        }
    out["pages"] = pages
    # The dialogs, each opened as the app opens it, then measured.
    from ui.about import AboutDialog, HelpDialog
    from ui.pages.log.dialogs import SaveRecordDialog
    from ui.pages.plan.saved import OpenPlanDialog, SavePlanDialog
    from ui.settings.dialog import SettingsDialog
    from ui.widgets.preview import PreviewDialog

    window.show_page(0)
    window.pages[0].handout_fields.patient.setText("Jane Smith")
    settle()
    choice = window.current_document()
    assert choice is not None
    liquid = window.pages[1]
    dialogs: dict[str, QWidget] = {
        "preview": PreviewDialog(choice.make(), choice.name, window.settings, window),
        "settings": SettingsDialog(window.settings, window),
        "help": HelpDialog(window),
        "about": AboutDialog(window),
        "save plan": SavePlanDialog("Jane Smith", "", None, window),
        "open plan": OpenPlanDialog("", "", window),
        "save to log": SaveRecordDialog("liquid", liquid.record_fields, [("Naltrexone", "100 mg")], window),
        **_later_dialogs(window),
    }
    measured = {}
    for name, dialog in dialogs.items():
        dialog.show()
        settle()
        geometry = dialog.frameGeometry()
        title_room = dialog.fontMetrics().horizontalAdvance(dialog.windowTitle())
        buttons_in = [inside(b, dialog) for b in dialog.findChildren(QPushButton) if b.isVisibleTo(dialog)]
        labels = [w for w in dialog.findChildren(QLabel) if w.isVisibleTo(dialog) and w.height() > 0]
        table = getattr(dialog, "table", None)  # a team dialog's list: every column in view
        columns = sum(table.columnWidth(c) for c in range(table.columnCount())) if table is not None else 0
        measured[name] = {
            "empty_labels": [  # shown, taking room, with nothing to say
                f"{type(w.parentWidget()).__name__} at y={w.y()}"
                for w in labels
                if not w.text().strip() and w.pixmap().isNull()
            ],
            "hints_cut": [  # an entry's hint wider than the room for its text
                edit.placeholderText()
                for edit in dialog.findChildren(QLineEdit)
                if edit.isVisibleTo(dialog)
                and edit.fontMetrics().horizontalAdvance(edit.placeholderText()) > text_room(edit)
            ],
            "frame": [geometry.x(), geometry.y(), geometry.width(), geometry.height()],
            "buttons_in_dialog": all(buttons_in) and bool(buttons_in),
            "columns_in_view": table is None or columns <= table.viewport().width(),
            "title_fits": dialog.width() >= title_room + 60,
            "at_least_hint": dialog.width() >= min(dialog.minimumSizeHint().width(), screen.width())
            and dialog.height() >= min(dialog.minimumSizeHint().height(), screen.height()),
        }
        dialog.close()
    out["dialogs"] = measured
    window.hide()
    QApplication.processEvents()
    return out


def _later_dialogs(window: Any) -> dict[str, Any]:
    """The dialogs of the log, the review and the team: each opened on what it needs (a record,
    a saved plan, the log's users) in the probe's own data folder."""
    from PySide6.QtWidgets import QLineEdit

    from ldn_desk.desk import Desk, FromProtocol, LiquidForm, PlanRequest
    from ldn_desk.desk.log import Credentials, Ingredient, Store
    from ui.pages.log.dialogs import AmendDialog
    from ui.pages.plan.review import ReviewDialog
    from ui.team import AskDialog, CredentialsDialog, FormulasDialog, LotsDialog, UsersDialog

    class Record:  # what AmendDialog reads of a saved, signed record
        id, status = 7, "verified"
        patient, patient_ref, rx_number, compounded_by = "Jane Smith", "1961-04-02", "RX-7", "A. Pharmacist"
        document: dict[str, object] = {"prescriber": "Dr A. Jones", "directions": "Take 4.5 mL at bedtime"}  # noqa: RUF012
        ingredients = (
            Ingredient("Naltrexone HCl 50 mg tablets", "Accord", "NX-1", "2027-03-31", "2 tablets"),
            Ingredient("Purified water", "Baxter", "W-77", "2027-01", "100 mL"),
        )

    desk = Desk()
    request = PlanRequest(FromProtocol("standard"), dt.date(2026, 12, 1), form=LiquidForm(1.0))
    admin = Credentials("Ada Admin", "admin-pass-1")
    with Store.open_default() as store:
        saved = store.save_plan("Jane Smith", desk.plan_document(desk.plan(request)))
        store.add_user(admin.name, "AA", "administrator", admin.password)
    return {
        "amend": AmendDialog(Record(), 2, window),
        "review": ReviewDialog(desk, saved, window),
        "users": UsersDialog(window),
        "lots": LotsDialog(window),
        "formulas": FormulasDialog(window),
        "sign in": CredentialsDialog("Who is working?", "Sign in with your name and password.", "", window),
        "team form": AskDialog(window, "Disable user", [("Reason:", QLineEdit())], about="Ada Admin"),
    }


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]), int(sys.argv[2]))))
