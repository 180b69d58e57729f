"""Take screenshots of every page and dialog of the app, offscreen, on a 1280×720 and a
1400×900 virtual screen.

    .venv/bin/python scripts/screenshots.py

Each screen size runs in its own process (a process keeps its screen). Every picture goes to
build/screenshots/<width>x<height>/; the few the README shows, from the 1280×720 screen, also go
to docs/screenshots/. Settings and the compounding log go to a temporary folder, so the user's
own files are never read or changed; the Log page shows a few sample records made there.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SCREENS = ((1280, 720), (1400, 900))
README_SCREEN = SCREENS[0]
# The pictures the README shows (docs/screenshots/); the rest are made but not kept in git.
README_SHOTS = {
    "plan",
    "liquid",
    "capsules",
    "liquid-refused",
    "preview",
    "log",
    "plan-few-marks",
    "labels",
    "plan-split",
    "review",
    "preview-es",
    "liquid-required",
    "save-to-log-lots",
    "amend-required",
    "lots",
    "plan-es",
}


def _screen_for_this_process() -> tuple[int, int] | None:
    """`--screen WxH`: this process shoots on that virtual screen (set before Qt is loaded)."""
    if "--screen" not in sys.argv:
        return None
    width, height = (int(part) for part in sys.argv[sys.argv.index("--screen") + 1].split("x"))
    config = Path(tempfile.mkdtemp()) / "screen.json"
    screen = {"name": "shots", "x": 0, "y": 0, "width": width, "height": height, "dpr": 1}
    config.write_text(json.dumps({"screens": [screen]}))
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
    return width, height


SCREEN = _screen_for_this_process()
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

START_DATE = "2026-12-01"


def settle(app: QApplication, window: object) -> None:
    for page in window.pages:  # type: ignore[attr-defined]
        page.recompute()
    for _ in range(5):
        app.processEvents()


def sample_log() -> int:
    """A few records in the (temporary) data folder's log: liquid and capsules, signed, corrected.
    Returns the id of the corrected record, to show it in full."""
    from ldn_desk.desk import records
    from ldn_desk.recipes.legacy import input_from_options
    from ldn_desk.store import Store

    document = records.DocumentSettings(
        pharmacy="Riverside Pharmacy", contact="12 High Street · 01234 567890", paper="a4"
    )
    samples = [
        ("liquid", {"strength": "1 mg/mL", "volume": "100 mL", "compounded": "2026-11-24"}, "Mara Lindqvist",
         "RX-10412", [("Accord", "NX-2291", "2027-03-31", "2 tablets"), ("Baxter", "W-77", "2027-01", "100 mL")]),
        ("capsules", {"strength": "1.5 mg", "count": "30", "compounded": "2026-11-26"}, "Tomas Okafor",
         "RX-10431", [("Medisca", "API-5521", "2028-01-31", "46.6 mg"), ("FMC", "MCC-9", "2028-06", "1163.4 mg"),
                      ("Capsugel", "CS-5-204", "2029-02", "31 capsules")]),
        ("liquid", {"strength": "0.5 mg/mL", "volume": "60 mL", "compounded": "2026-11-28", "formula": "water"},
         "Jane Smith", "RX-10450", [("Accord", "NX-2291", "2027-03-31", "1 tablet"), ("Baxter", "W-78", "2027-02", "60 mL")]),
        ("liquid", {"strength": "1 mg/mL", "volume": "100 mL", "compounded": "2026-12-01"}, "Ruth Abernathy",
         "RX-10467", [("Accord", "NX-2288", "2027-02-28", "2 tablets"), ("Baxter", "W-78", "2027-02", "100 mL")]),
    ]  # fmt: skip
    with Store.open_default() as store:
        ids = []
        for kind, options, patient, rx, lots in samples:
            inp = input_from_options(kind, options)  # the sample's options, read as the parser reads them
            recipe = records.make_recipe(inp)
            names = [name for name, _amount in records.formula_lines(recipe)]
            ingredients = [dict(zip(("maker", "lot", "expiry", "actual_amount"), lot, strict=True), name=name)
                           for name, lot in zip(names, lots, strict=True)]  # fmt: skip
            who = records.RecordNames(patient=patient, rx_number=rx, compounded_by="A. Pharmacist")
            ids.append(store.save_record(records.new_record(inp, who, document, ingredients, recipe=recipe)))
        for record_id in ids[:3]:
            store.sign_off(record_id, "B. Checker")
        first = store.record(ids[0])
        lines = list(first.ingredients)
        lines[0] = type(lines[0])(
            lines[0].name, lines[0].maker, "NX-2290", lines[0].expiry, lines[0].actual_amount
        )
        corrected = records.amend(
            store, ids[0], {"ingredients": tuple(lines)}, reason="lot number misread from the box"
        )
        store.sign_off(corrected, "B. Checker")
    return corrected


def review_shot(app: QApplication, window: object, plan: object) -> object:
    """The review visit of a saved plan: a diary with a gap, the chart and the mean at each dose."""
    from ldn_desk.desk.log import Store
    from ui.pages.plan.saved import restore_page

    document = plan.desk().plan_document(plan.outcome)  # type: ignore[attr-defined]
    with Store.open_default() as store:
        saved = store.save_plan("Jane Smith", document)
    restore_page(plan, saved.plan)  # type: ignore[arg-type]
    plan.saved_plans._set_opened(saved)  # type: ignore[attr-defined]
    dialog = plan.saved_plans.open_review()  # type: ignore[attr-defined]
    columns = [*dialog.measure_keys, "side_effects", "notes"]
    diary = {
        1: {"pain": "7", "sleep": "poor", "fatigue": "high", "mood": "fair", "activities": "same"},
        2: {"pain": "6", "sleep": "fair", "fatigue": "some", "mood": "fair", "activities": "same"},
        4: {"pain": "5", "sleep": "fair", "fatigue": "some", "mood": "good", "activities": "more",
            "side_effects": "vivid dreams"},
        5: {"pain": "4", "sleep": "good", "fatigue": "some", "mood": "good", "activities": "more"},
        6: {"pain": "4", "sleep": "fair", "fatigue": "low", "mood": "good", "activities": "more"},
        7: {"pain": "5", "sleep": "fair", "mood": "fair", "activities": "same", "notes": "busy week"},
    }  # fmt: skip
    for week, values in diary.items():
        for key, value in values.items():
            dialog.diary.item(week - 1, 1 + columns.index(key)).setText(value)
    dialog.save_weeks()
    dialog.reason.setText("pain no lower at 4.5 mg than at 3 mg; vivid dreams")
    dialog.prescriber.setText("Dr A. Jones")
    settle(app, window)
    return dialog


def shoot(width: int, height: int) -> int:
    """Every page and dialog on this process's virtual screen of width × height."""
    out = ROOT / "build" / "screenshots" / f"{width}x{height}"
    out.mkdir(parents=True, exist_ok=True)
    chosen = ROOT / "docs" / "screenshots"
    keep = (width, height) == README_SCREEN

    def save(widget: object, name: str) -> None:
        image = widget.grab()  # type: ignore[attr-defined]
        image.save(str(out / f"{name}.png"))
        print(out / f"{name}.png")
        if keep and name in README_SHOTS:
            chosen.mkdir(parents=True, exist_ok=True)
            image.save(str(chosen / f"{name}.png"), "PNG", 0)  # 0: the smallest file, for git

    with tempfile.TemporaryDirectory() as config:
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, config)
        os.environ["LDN_DESK_DATA_DIR"] = str(Path(config) / "data")
        shown_record = sample_log()
        from ui.app import make_application
        from ui.main_window import MainWindow
        from ui.settings.store import AppSettings, save_settings
        from ui.widgets.screen import fit_window

        app = make_application()
        save_settings(
            AppSettings(
                clinic_name="Riverside Pharmacy",
                clinic_contact="12 High Street · 01234 567890",
                paper_size="A4",
            )
        )
        window = MainWindow()
        fit_window(window, width, height)  # as large as the screen allows, as a person would open it
        window.show()
        window.start_pages()
        plan, liquid, capsules, log = window.pages
        plan.start_date.set_text(START_DATE)
        plan.length.set_text("16 weeks")
        plan.handout_fields.patient.setText("Jane Smith")  # shared with the recipe pages
        plan.handout_fields.prescriber.setText("Dr A. Jones")
        liquid.compounded.set_text(START_DATE)
        liquid.record_fields.rx.setText("RX-10412")
        capsules.compounded.set_text(START_DATE)
        capsules.strength.set_text("1.5 mg")
        for index, name in ((0, "plan"), (1, "liquid"), (2, "capsules")):
            window.show_page(index)
            settle(app, window)
            save(window, name)
        # A refused entry, to show how the field and the results say so.
        window.show_page(1)
        liquid.volume.set_text("100 cc")
        settle(app, window)
        save(window, "liquid-refused")
        liquid.volume.set_text("100 mL")
        # The container label's choices: three labels on a part-used sheet.
        window.after_start()  # the label sheet's drawing, made once the window is in use
        liquid.label_options.copies.setValue(3)
        liquid.label_options.start_at.setValue(5)
        settle(app, window)
        liquid.label_options.setFocus()
        area = liquid.label_options.parentWidget()
        while area is not None and not hasattr(area, "ensureWidgetVisible"):
            area = area.parentWidget()
        if area is not None:
            area.ensureWidgetVisible(liquid.label_options)  # type: ignore[attr-defined]
        settle(app, window)
        save(window, "labels")
        window.show_page(0)
        plan.form_kind.setCurrentIndex(1)
        settle(app, window)
        save(window, "plan-capsules")
        # A custom plan above the usual target, stepped back after side effects.
        plan.form_kind.setCurrentIndex(0)
        plan.protocol.setCurrentIndex(plan.protocol.findData(""))
        plan.target.set_text("6 mg")
        settle(app, window)
        plan.back_day.setValue(17)
        plan.step_back()
        settle(app, window)
        save(window, "plan-edited")
        plan.clear_edits()
        # Too few marks: the sensitive start from a 5 mg/mL liquid (0.1 mg is 0.02 mL, 2 marks).
        plan.protocol.setCurrentIndex(plan.protocol.findData("sensitive"))
        plan.liquid_strength.setCurrentIndex(plan.liquid_strength.findText("5 mg/mL"))
        settle(app, window)
        save(window, "plan-few-marks")
        # A plan split across two strengths: 0.1 mg/mL for the low rungs, a new 1 mg/mL bottle from day 43.
        plan.liquid_strength.setCurrentIndex(plan.liquid_strength.findText("0.1 mg/mL"))
        plan.switch_strength.setCurrentIndex(plan.switch_strength.findText("1 mg/mL"))
        plan.switch_day.setValue(43)
        settle(app, window)
        save(window, "plan-split")
        plan.switch_strength.setCurrentIndex(0)
        plan.liquid_strength.setCurrentIndex(0)
        plan.protocol.setCurrentIndex(plan.protocol.findData("standard"))
        # The log: sample records, the corrected one shown in full with its two versions.
        window.show_page(3)
        settle(app, window)
        log.select_record(shown_record)
        settle(app, window)
        save(window, "log")
        window.show_page(0)
        settle(app, window)
        # The dialogs, each at the size it opens at on this screen.
        from ui.about import AboutDialog, HelpDialog
        from ui.pages.log.dialogs import AmendDialog, SaveRecordDialog
        from ui.pages.plan.saved import OpenPlanDialog, SavePlanDialog
        from ui.settings.dialog import SettingsDialog
        from ui.widgets.preview import PreviewDialog

        choice = window.current_document()
        assert choice is not None
        from ldn_desk.desk.log import Store
        from ldn_desk.desk.records import formula_lines

        with Store.open_default() as store:
            record = store.record(shown_record)
            next_version = len(store.history(record.id)) + 1
        assert liquid.recipe is not None
        dialogs = [
            ("preview", PreviewDialog(choice.make(), choice.name, window.settings, window)),
            ("settings", SettingsDialog(window.settings, window)),
            ("help", HelpDialog(window)),
            ("about", AboutDialog(window)),
            ("save-plan", SavePlanDialog("Jane Smith", "1961-04-02", None, window)),
            ("open-plan", OpenPlanDialog("", "", window)),
            (
                "save-to-log",
                SaveRecordDialog("liquid", liquid.record_fields, formula_lines(liquid.recipe), window),
            ),
            ("amend", AmendDialog(record, next_version, window)),
            ("review", review_shot(app, window, plan)),
        ]
        for name, dialog in dialogs:
            dialog.show()
            for _ in range(25 if name == "preview" else 3):  # QPdfView renders pages in the background
                app.processEvents()
                time.sleep(0.02)
            save(dialog, name)
            dialog.close()
        # The same handout in Spanish, the patient's language chosen beside the name.
        plan.handout_fields.language.set_code("es")
        dialog = PreviewDialog(choice.make(), choice.name, window.settings, window)
        dialog.show()
        for _ in range(25):
            app.processEvents()
            time.sleep(0.02)
        save(dialog, "preview-es")
        dialog.close()
        plan.handout_fields.language.set_code("en")
        required_shots(app, window, save, shown_record)
        team_shots(app, window, save)
        window.hide()
        spanish_shots(app, save)
    return 0


def _show(app: QApplication, dialog: object) -> None:
    dialog.show()  # type: ignore[attr-defined]
    for _ in range(3):
        app.processEvents()
        time.sleep(0.02)


def required_shots(app: QApplication, window: object, save: object, signed_id: int) -> None:
    """Required fields as the form marks them: Save to log pressed on a Liquid page with the
    patient and Rx number empty, and a signed record's correction without its reason."""
    from ldn_desk.desk.log import Store
    from ui.pages.log.dialogs import AmendDialog

    liquid = window.pages[1]  # type: ignore[attr-defined]
    patient, rx = liquid.record_fields.patient.text(), liquid.record_fields.rx.text()
    liquid.record_fields.patient.setText("")
    liquid.record_fields.rx.setText("")
    window.show_page(1)  # type: ignore[attr-defined]
    settle(app, window)
    liquid.required.check_all()  # what pressing Save to log does first
    settle(app, window)
    save(window, "liquid-required")  # type: ignore[operator]
    liquid.record_fields.patient.setText(patient)
    liquid.record_fields.rx.setText(rx)
    with Store.open_default() as store:
        signed = store.record(signed_id)
        dialog = AmendDialog(signed, len(store.history(signed.id)) + 1, window)  # type: ignore[arg-type]
    dialog.ingredients.set_value(0, "lot", "NX-2293")
    _show(app, dialog)
    dialog._try_accept()  # no reason: the form marks it and the note says so
    _show(app, dialog)
    save(dialog, "amend-required")  # type: ignore[operator]
    dialog.close()


def team_shots(app: QApplication, window: object, save: object) -> None:
    """A log with users and lots on hand: who is working, the team dialogs, and Save to log
    offering the lots that may be used."""
    import datetime as dt

    from ldn_desk.desk.log import Credentials, Store
    from ldn_desk.store.lots import NewLot
    from ui.team import AskDialog, CredentialsDialog, FormulasDialog, LotsDialog, UsersDialog, session

    admin = Credentials("Ada Admin", "admin-pass-1")
    pharmacist = Credentials("Bea Lund", "bea-pass-22")
    technician = Credentials("Dot Lee", "dot-pass-4444")
    tablets = "Naltrexone HCl 50 mg tablets"
    with Store.open_default() as store:
        store.add_user(admin.name, "AA", "administrator", admin.password)
        store.add_user(pharmacist.name, "BL", "pharmacist", pharmacist.password, by=admin)
        store.add_user(technician.name, "DL", "technician", technician.password, by=admin)
        received = dt.date(2026, 11, 20)
        lots = [
            store.receive_lot(NewLot("tablets", tablets, "Accord", lot, expiry, received, 60, "tablets"), technician)
            for lot, expiry in (("NX-2291", dt.date(2027, 3, 31)), ("NX-2304", dt.date(2027, 6, 30)),
                                ("NX-2188", dt.date(2027, 1, 31)))
        ]  # fmt: skip
        for lot in lots[:2]:
            store.approve_lot(lot.id, pharmacist)
        store.quarantine_lot(lots[2].id, "carton damaged in delivery", pharmacist)
    from PySide6.QtWidgets import QLineEdit

    sign_in = CredentialsDialog("Who is working?", "Sign in with your name and password.", "", window)  # type: ignore[arg-type]
    sign_in.name.setText(pharmacist.name)
    _show(app, sign_in)
    save(sign_in, "sign-in")  # type: ignore[operator]
    sign_in.close()
    session.sign_in(pharmacist)
    window.show_page(1)  # type: ignore[attr-defined]
    settle(app, window)
    for name, kind in (("users", UsersDialog), ("lots", LotsDialog), ("formulas", FormulasDialog)):
        dialog = kind(window)  # type: ignore[arg-type]
        _show(app, dialog)
        save(dialog, name)  # type: ignore[operator]
        dialog.close()
    reason = QLineEdit("left the pharmacy")
    ask = AskDialog(window, "Disable user", [("Reason:", reason)], about=technician.name)  # type: ignore[arg-type]
    _show(app, ask)
    save(ask, "team-form")  # type: ignore[operator]
    ask.close()
    liquid = window.pages[1]  # type: ignore[attr-defined]
    liquid.record_fields.compounded_by.setText("Dot Lee")
    shoot_save_to_log(app, liquid, save, "save-to-log-lots", water=("Baxter", "W-77", "100 mL", "2027-01"))
    session.sign_out()


def shoot_save_to_log(app: QApplication, page: object, save: object, name: str,
                      water: tuple[str, str, str, str]) -> None:  # fmt: skip
    """Save to log as the page opens it (lots on hand offered): the first lot chosen for the
    tablets, the water typed, then the picture, and the dialog cancelled."""
    from ui.pages.log.dialogs import SaveRecordDialog
    from ui.pages.log.save import save_to_log

    taken: list[str] = []

    def exec_(dialog: SaveRecordDialog) -> int:
        tablets_box = dialog.lot_choices[0] if dialog.lot_choices else None
        if tablets_box is not None and tablets_box.count() > 1:
            tablets_box.setCurrentIndex(1)
        maker, lot, amount, expiry = water
        for key, text in (("maker", maker), ("lot", lot), ("actual_amount", amount)):
            dialog.ingredients.set_value(1, key, text)
        dialog.expiry_fields[1].set_text(expiry)
        _show(app, dialog)
        save(dialog, name)  # type: ignore[operator]
        taken.append(name)
        return int(SaveRecordDialog.DialogCode.Rejected)

    original = SaveRecordDialog.exec
    SaveRecordDialog.exec = exec_  # type: ignore[method-assign, assignment]
    try:
        save_to_log(page)
    finally:
        SaveRecordDialog.exec = original  # type: ignore[method-assign]
    if not taken:
        raise SystemExit(f"{name}: Save to log did not open (a required field of the page is empty?)")


def spanish_shots(app: QApplication, save: object) -> None:
    """A few of the same in Spanish: a new window made with the Spanish catalogs installed."""
    from ui.i18n import install_translators
    from ui.main_window import MainWindow
    from ui.team import UsersDialog

    install_translators(app, "es")
    window = MainWindow()
    window.resize(1280, 720)
    window.show()
    window.start_pages()
    plan, liquid = window.pages[0], window.pages[1]
    plan.start_date.set_text(START_DATE)
    plan.length.set_text("16 semanas")  # as a Spanish-speaking prescriber writes it
    plan.handout_fields.patient.setText("Jane Smith")  # shared with the recipe pages
    liquid.compounded.set_text(START_DATE)
    liquid.record_fields.rx.setText("RX-10412")
    for index, name in ((0, "plan-es"), (1, "liquid-es")):
        window.show_page(index)
        settle(app, window)
        save(window, name)  # type: ignore[operator]
    liquid.record_fields.compounded_by.setText("A. Pharmacist")
    shoot_save_to_log(app, liquid, save, "save-to-log-es", water=("Baxter", "W-77", "100 mL", "2027-01"))
    users = UsersDialog(window)
    _show(app, users)
    save(users, "users-es")  # type: ignore[operator]
    users.close()
    window.hide()
    install_translators(app, "en")


def main() -> int:
    if SCREEN is not None:
        return shoot(*SCREEN)
    for width, height in SCREENS:  # one process per screen size
        done = subprocess.run([sys.executable, __file__, "--screen", f"{width}x{height}"], check=False)
        if done.returncode != 0:
            return done.returncode
    return 0


if __name__ == "__main__":
    sys.exit(main())
