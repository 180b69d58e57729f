"""Take screenshots of each page of the app, offscreen, into docs/screenshots/.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py

Settings and the compounding log go to a temporary folder, so the user's own files are never read
or changed; the Log page shows a few sample records made there.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

SIZE = (1100, 750)
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


def main() -> int:
    out = ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as config:
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, config)
        os.environ["LDN_DESK_DATA_DIR"] = str(Path(config) / "data")
        shown_record = sample_log()
        from ui.app import make_application
        from ui.main_window import MainWindow
        from ui.settings.store import AppSettings, save_settings

        app = make_application()
        save_settings(
            AppSettings(
                clinic_name="Riverside Pharmacy",
                clinic_contact="12 High Street · 01234 567890",
                paper_size="A4",
            )
        )
        window = MainWindow()
        window.resize(*SIZE)
        window.show()
        window.start_pages()
        plan, liquid, capsules, log = window.pages
        plan.start_date.set_text(START_DATE)
        plan.length.set_text("16 weeks")
        liquid.compounded.set_text(START_DATE)
        capsules.compounded.set_text(START_DATE)
        capsules.strength.set_text("1.5 mg")
        shots = [
            (0, "plan", None),
            (1, "liquid", None),
            (2, "capsules", None),
        ]
        for index, name, prepare in shots:
            window.show_page(index)
            if prepare:
                prepare()
            settle(app, window)
            window.grab().save(str(out / f"{name}.png"))
            print(out / f"{name}.png")
        # A refused entry, to show how the field and the results say so.
        window.show_page(1)
        liquid.volume.set_text("100 cc")
        settle(app, window)
        window.grab().save(str(out / "liquid-refused.png"))
        print(out / "liquid-refused.png")
        liquid.volume.set_text("100 mL")
        window.show_page(0)
        plan.form_kind.setCurrentIndex(1)
        settle(app, window)
        window.grab().save(str(out / "plan-capsules.png"))
        print(out / "plan-capsules.png")
        # A custom plan above the usual target, stepped back after side effects.
        plan.form_kind.setCurrentIndex(0)
        plan.protocol.setCurrentIndex(plan.protocol.findData(""))
        plan.target.set_text("6 mg")
        settle(app, window)
        plan.back_day.setValue(17)
        plan.step_back()
        settle(app, window)
        window.grab().save(str(out / "plan-edited.png"))
        print(out / "plan-edited.png")
        plan.clear_edits()
        # Too few marks: the sensitive start from a 5 mg/mL liquid (0.1 mg is 0.02 mL, 2 marks).
        plan.protocol.setCurrentIndex(plan.protocol.findData("sensitive"))
        plan.liquid_strength.setCurrentIndex(plan.liquid_strength.findText("5 mg/mL"))
        settle(app, window)
        window.grab().save(str(out / "plan-few-marks.png"))
        print(out / "plan-few-marks.png")
        # A plan split across two strengths: 0.1 mg/mL for the low rungs, a new 1 mg/mL bottle from day 43.
        plan.liquid_strength.setCurrentIndex(plan.liquid_strength.findText("0.1 mg/mL"))
        plan.switch_strength.setCurrentIndex(plan.switch_strength.findText("1 mg/mL"))
        plan.switch_day.setValue(43)
        settle(app, window)
        window.grab().save(str(out / "plan-split.png"))
        print(out / "plan-split.png")
        plan.switch_strength.setCurrentIndex(0)
        plan.liquid_strength.setCurrentIndex(0)
        plan.protocol.setCurrentIndex(plan.protocol.findData("standard"))
        # The log: sample records, the corrected one shown in full with its two versions.
        window.show_page(3)
        settle(app, window)
        log.select_record(shown_record)
        settle(app, window)
        window.grab().save(str(out / "log.png"))
        print(out / "log.png")
        window.show_page(0)
        # The handout in the app's preview.
        plan.handout_fields.patient.setText("Jane Smith")
        plan.handout_fields.prescriber.setText("Dr A. Jones")
        plan.form_kind.setCurrentIndex(0)
        settle(app, window)
        from ui.widgets.preview import PreviewDialog

        choice = window.current_document()
        assert choice is not None
        dialog = PreviewDialog(choice.make(), choice.name, window.settings)
        dialog.resize(900, 750)
        dialog.show()
        for _ in range(50):  # QPdfView renders pages in the background
            app.processEvents()
            time.sleep(0.02)
        dialog.grab().save(str(out / "preview.png"))
        print(out / "preview.png")
        dialog.close()
        from ui.about import AboutDialog
        from ui.settings.dialog import SettingsDialog

        for name, extra in (
            ("settings", SettingsDialog(window.settings, window)),
            ("about", AboutDialog(window)),
        ):
            extra.show()
            settle(app, window)
            extra.grab().save(str(out / f"{name}.png"))
            print(out / f"{name}.png")
            extra.close()
        window.hide()
    return 0


if __name__ == "__main__":
    sys.exit(main())
