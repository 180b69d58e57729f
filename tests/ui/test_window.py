"""The main window: pages by keyboard and mouse, menus, settings that persist, About, --smoke."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtGui import QKeySequence

from ldn_desk import __version__
from tests.ui.conftest import english_env, recomputed
from ui import CHECK_STATEMENT
from ui.models.plan import PlanModel, PlanRow
from ui.settings.store import AppSettings, load_settings, save_settings


def test_pages_reachable_by_ctrl_number_and_sidebar(qtbot: Any, window: Any) -> None:
    titles = [window.sidebar.item(i).text() for i in range(window.sidebar.count())]
    assert titles == ["Titration plan", "Liquid", "Capsules", "Log"]
    for number, action in enumerate(window.page_actions, 1):
        assert action.shortcut() == QKeySequence(f"Ctrl+{number}")
    window.page_actions[2].trigger()
    assert window.stack.currentWidget() is window.pages[2]
    window.sidebar.setCurrentRow(1)
    assert window.stack.currentWidget() is window.pages[1]
    assert [window.document_choice.itemText(i) for i in range(window.document_choice.count())] == [
        "Compounding record",
        "Container label",
        "Master formulation record",
    ]


def test_standard_shortcuts(window: Any) -> None:
    assert window.print_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Print)
    assert window.save_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Save)
    assert window.help_action.shortcut() == QKeySequence("F1")
    assert window.print_action.shortcut().toString() == "Ctrl+P"
    assert window.save_action.shortcut().toString() == "Ctrl+S"
    assert window.quit_action.shortcut().toString() == "Ctrl+Q"
    # Ctrl+S saves the page's work (the plan); the document's PDF is Save as, Ctrl+Shift+S.
    assert window.save_pdf_action.shortcut().toString() == "Ctrl+Shift+S"


def test_settings_persist_and_reach_the_pages(qtbot: Any, window: Any) -> None:
    chosen = AppSettings(
        clinic_name="Riverside Pharmacy",
        clinic_contact="01234 567890",
        paper_size="Letter",
        syringes=((1.0, 0.01), (3.0, 0.1)),
        balance_mwq="100 mg",
        label_layout="avery_l7160",
        decimal_comma=True,
    )
    window.apply_settings(chosen)
    assert load_settings() == chosen
    liquid = window.pages[1]
    # With a decimal comma set, 0,5 mg/mL is read as 0.5 mg/mL: 50 mg = 1 tablet in 100 mL.
    recomputed(qtbot, liquid, lambda: liquid.strength.set_text("0,5 mg/mL"))
    assert liquid.recipe is not None and liquid.recipe.tablets == 1


def test_settings_dialog_collects_and_refuses(qtbot: Any) -> None:
    from ui.settings.dialog import SettingsDialog

    dialog = SettingsDialog(AppSettings())
    qtbot.addWidget(dialog)
    dialog.clinic_name.setText("  Riverside Pharmacy ")
    dialog.paper_size.setCurrentIndex(dialog.paper_size.findData("A4"))
    dialog.syringes[0][1].setChecked(False)
    collected = dialog.collect()
    assert collected is not None
    assert collected.clinic_name == "Riverside Pharmacy"
    assert collected.paper_size == "A4"
    assert (1.0, 0.01) not in collected.syringes and (3.0, 0.1) in collected.syringes
    dialog.balance_mwq.set_text("120 mL")
    assert dialog.collect() is None
    assert "balance" in dialog.problem.text()


def test_window_size_and_page_are_remembered(qtbot: Any, window: Any) -> None:
    from ui.main_window import MainWindow

    window.resize(700, 500)  # the offscreen screen is 800 × 600
    window.show_page(2)
    size = (window.width(), window.height())  # the pages' minimum may round the width up
    window.close()
    again = MainWindow()
    qtbot.addWidget(again)
    assert again.stack.currentIndex() == 2
    from ui.widgets.screen import room

    # Remembered, but never wider or taller than the screen it opens on (the offscreen one is small).
    most = room(again)
    assert (again.width(), again.height()) == (min(size[0], most.width()), min(size[1], most.height()))


def test_damaged_settings_fall_back_safely(qtbot: Any) -> None:
    from ui.settings.window_state import open_store

    store = open_store()
    store.setValue("documents/paper_size", "Tabloid")
    store.setValue("measuring/syringes_ml", "one,three")
    store.setValue("window/page", "x")
    store.sync()
    settings = load_settings()
    assert settings.paper_size == "" and settings.paper() in ("A4", "Letter")
    assert settings.syringes == ()
    save_settings(settings)
    store.setValue("measuring/syringes", "5:fine")
    assert load_settings().syringes == ()


# resources/syringes.toml: 1 mL by 0.01 mL, 3 mL by 0.1 mL, 5 mL by 0.1 mL, 5 mL by 0.2 mL, 10 mL by 0.2 mL.
FIVE_FINE, FIVE_COARSE = (5.0, 0.1), (5.0, 0.2)


def test_the_two_5_ml_syringes_are_separate_choices(qtbot: Any, window: Any) -> None:
    from ui.settings.dialog import SettingsDialog

    dialog = SettingsDialog(AppSettings())
    qtbot.addWidget(dialog)
    boxes = dict(dialog.syringes)
    assert len(boxes) == len(dialog.syringes) == 5
    boxes[FIVE_FINE].setChecked(False)
    collected = dialog.collect()
    assert collected is not None
    assert FIVE_FINE not in collected.syringes and FIVE_COARSE in collected.syringes
    window.apply_settings(collected)
    assert load_settings().syringes == collected.syringes
    again = SettingsDialog(load_settings())
    qtbot.addWidget(again)
    ticked = {key for key, box in again.syringes if box.isChecked()}
    assert FIVE_COARSE in ticked and FIVE_FINE not in ticked
    plan = window.pages[0]
    index = plan.liquid_strength.findText("1 mg/mL")
    recomputed(qtbot, plan, lambda: plan.liquid_strength.setCurrentIndex(index))
    # At 1 mg/mL the last step is 4.5 mg = 4.5 mL: 22.5 marks of 0.2 mL, so without the 5 mL
    # syringe with 0.1 mL marks (45 marks) no syringe left measures it.
    assert plan.model.index(2, 3).data() == "4.5 mL: not measurable"


def test_settings_saved_as_capacities_still_read(qtbot: Any) -> None:
    from ui.settings.window_state import open_store

    store = open_store()
    store.setValue("measuring/syringes_ml", "1,5")  # saved before syringes were told apart by marks
    store.sync()
    # "5" was ticked as the 5 mL syringe; it stands for both 5 mL syringes now in the set.
    assert load_settings().syringes == ((1.0, 0.01), FIVE_FINE, FIVE_COARSE)
    save_settings(load_settings())
    assert not store.contains("measuring/syringes_ml")
    assert load_settings().syringes == ((1.0, 0.01), FIVE_FINE, FIVE_COARSE)


def test_about_names_version_sources_and_who_checks(qtbot: Any) -> None:
    from ui.about import AboutDialog, data_sources

    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    text = dialog.text.toPlainText()
    assert f"LDN Desk {__version__}" in text
    assert CHECK_STATEMENT in text
    files = {name for name, _ in data_sources()}
    assert {"drug", "capsules", "syringes", "formulas", "bud"} <= files
    assert "Fawcett" in text and "USP <795>" in text


def test_plan_model_passes_qtmodeltester(qtmodeltester: Any, window: Any) -> None:
    plan = window.pages[0]
    assert plan.model.rowCount() == 3
    qtmodeltester.check(plan.model)
    empty = PlanModel()
    qtmodeltester.check(empty)
    empty.set_rows([PlanRow(plan.plan.steps[0], "1 December 2026", "1.5 mL", True)])
    qtmodeltester.check(empty)


def test_chart_draws_the_plan(qtbot: Any, window: Any) -> None:
    chart = window.pages[0].chart
    assert [step.dose_text for step in chart.steps] == ["1.5 mg", "3 mg", "4.5 mg"]
    image = chart.grab().toImage()
    assert not image.isNull()
    assert "4.5 mg from day 29" in chart.accessibleDescription()


def test_smoke_entry_point_shows_the_window_and_returns_0(qapp: Any) -> None:
    import gc

    from ui.app import main

    assert main(smoke=True) == 0
    assert gc.isenabled()  # paused only while the page on screen was built


def test_the_collector_runs_again_when_the_first_page_fails(qapp: Any) -> None:
    import gc

    from ui.app import first_page

    class Broken:
        def start_first_page(self) -> None:
            raise RuntimeError("engine missing")

    gc.disable()
    with pytest.raises(RuntimeError, match="engine missing"):  # the fault is not hidden
        first_page(Broken())  # type: ignore[arg-type]
    assert gc.isenabled()


def test_ldn_desk_smoke_command_exits_0(tmp_path: Any) -> None:
    """`ldn-desk --smoke` as CI runs it: a fresh process builds and shows the window, exits 0."""
    import subprocess
    import sys

    env = english_env(QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path))
    done = subprocess.run(
        [sys.executable, "-m", "ldn_desk", "--smoke"], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    # It waited for what a person waits for: every page built and its first results shown.
    assert done.stdout.strip() == (
        f"LDN Desk {__version__}: window, pages and engines OK (4 pages built, first results shown)"
    )


def test_smoke_fails_with_one_line_when_an_engine_is_broken(qapp: Any, capsys: Any, monkeypatch: Any) -> None:
    """A broken installation (here: the plan engine raising on import) fails the check, in one line."""
    from ui import app as app_module
    from ui.main_window import MainWindow

    def broken(self: Any, request: Any) -> Any:
        raise ImportError("No module named 'pint'")

    monkeypatch.setattr("ldn_desk.desk.Desk.liquid_recipe", broken)
    window = MainWindow()
    window.show()
    assert app_module.smoke_check(qapp, window) == 1
    said = capsys.readouterr()
    assert said.out == ""
    (line,) = said.err.strip().splitlines()
    assert line.startswith("ldn-desk: smoke check failed: no first result on Liquid")
    assert "No module named 'pint'" in line
    window.deleteLater()


def test_smoke_fails_with_one_line_when_a_document_engine_is_missing(
    qapp: Any, capsys: Any, monkeypatch: Any
) -> None:
    import importlib.util

    from ui import app as app_module
    from ui.main_window import MainWindow

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "reportlab" else real(name, *a)
    )
    window = MainWindow()
    window.show()
    assert app_module.smoke_check(qapp, window) == 1
    assert capsys.readouterr().err.strip() == "ldn-desk: smoke check failed: not installed: reportlab"
    window.deleteLater()


# Run as `ldn-desk --smoke` is, with a finder that notes, when pint is first asked for, which
# windows are on screen and whether PySide6's import function is the one in use.
_FRAME_FIRST = """
import builtins
import sys

class Watch:
    shown = None
    hooked = None

    def find_spec(self, name, path=None, target=None):
        if name == "pint" and Watch.shown is None:
            from PySide6.QtWidgets import QApplication

            Watch.shown = sorted(type(w).__name__ for w in QApplication.topLevelWidgets() if w.isVisible())
            Watch.hooked = builtins.__import__ is not plain
        return None

plain = builtins.__import__
sys.meta_path.insert(0, Watch())
from ldn_desk.cli import main
status = main(["--smoke"])
print(" ".join(Watch.shown or ["none"]), Watch.hooked)
sys.exit(status)
"""


def test_ldn_desk_paints_its_frame_before_the_engines_load(tmp_path: Any) -> None:
    """The main window is on screen before the unit engine (pint) is imported, and the core is
    then imported with Python's own import function, not PySide6's (which reads the source of
    every module imported after it)."""
    import subprocess
    import sys

    env = english_env(QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path))
    done = subprocess.run(
        [sys.executable, "-c", _FRAME_FIRST], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "MainWindow False"


def test_settings_dialog_keeps_automatic_choices(qtbot: Any) -> None:
    from ui.settings.dialog import SettingsDialog

    dialog = SettingsDialog(AppSettings())
    qtbot.addWidget(dialog)
    collected = dialog.collect()
    assert collected == AppSettings()  # nothing changed: paper and label layout stay automatic
    dialog.label_layout.setCurrentIndex(dialog.label_layout.findData("letter_5163"))
    assert dialog.collect().label_layout == "letter_5163"


def test_ctrl_number_keys_switch_pages(qtbot: Any, window: Any) -> None:
    from PySide6.QtCore import Qt

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2_000)
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.pages[2]
    assert window.windowTitle().replace("[*]", "") == "Capsules — LDN Desk"
    qtbot.keyClick(window.sidebar, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.pages[0]
    # Arrow keys in the sidebar move between pages too.
    window.sidebar.setFocus()
    qtbot.keyClick(window.sidebar, Qt.Key.Key_Down)
    assert window.stack.currentWidget() is window.pages[1]


def test_settings_menu_applies_and_saves(window: Any, monkeypatch: Any) -> None:
    from ui.settings.dialog import SettingsDialog

    def accept_with_a_name(dialog: SettingsDialog) -> int:
        dialog.clinic_name.setText("Riverside Pharmacy")
        dialog.accept()
        return int(SettingsDialog.DialogCode.Accepted.value)

    monkeypatch.setattr(SettingsDialog, "exec", accept_with_a_name)
    window.settings_action.trigger()
    assert window.settings.clinic_name == "Riverside Pharmacy"
    assert load_settings().clinic_name == "Riverside Pharmacy"


def test_help_says_how_to_type_amounts(qtbot: Any) -> None:
    from PySide6.QtWidgets import QTextBrowser

    from ui.about import HelpDialog

    dialog = HelpDialog()
    qtbot.addWidget(dialog)
    text = dialog.findChild(QTextBrowser).toPlainText()
    assert "4.5 mg" in text and "2026-12-01" in text and CHECK_STATEMENT in text


_NO_DOCUMENT_ENGINE = """
import sys
from ldn_desk.cli import main
status = main(["--smoke"])
print(" ".join(sorted(name for name in sys.modules if name.split(".")[0] == "reportlab")) or "none")
sys.exit(status)
"""


def test_start_up_and_first_results_do_not_load_reportlab(tmp_path: Any) -> None:
    """Every page built and its first results painted (the Liquid and Capsules pages show the
    record's own formula and weighing lines) without the document engine: ReportLab loads with
    the first document, never on the way to the first window."""
    import subprocess
    import sys

    env = english_env(QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path))
    done = subprocess.run(
        [sys.executable, "-c", _NO_DOCUMENT_ENGINE], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    said, loaded = done.stdout.splitlines()[-2:]
    assert "window, pages and engines OK (4 pages built, first results shown)" in said
    assert loaded == "none"


_FIRST_PAGE = """
import json, sys
from ui.app import make_application
from ui.main_window import MainWindow
app = make_application()
window = MainWindow()
window.show()
app.processEvents()
window.start_first_page()
app.processEvents()
WAITING = (
    "ldn_desk.reference.labels", "babel.dates", "ldn_desk.recipes.weighing", "ldn_desk.recipes.aliquot",
    "ui.pages.liquid", "ui.pages.recipe", "ui.pages.log.save", "ui.widgets.label_sheet",
)
first = {
    "rows": window.pages[0].model.rowCount(),
    "loaded": sorted(m for m in WAITING if m in sys.modules),
    "save key": window.save_action.shortcut().toString(),
}
window.start_pages()
app.processEvents()
later = {"save key": window.save_action.shortcut().toString(), "undo key": window.undo_action.shortcut().toString()}
print(json.dumps([first, later]))
"""


def test_the_first_results_wait_for_no_paper_date_formats_or_shortcuts(tmp_path: Any) -> None:
    """On the way to the first results the plan page reads no label sheets (the paper is for
    documents), no Babel date formats (English dates), loads neither the weighing rules nor the
    aliquot method (its fills are whole tablets in water) nor the recipe pages' modules, and
    builds no shortcut map: the keys are given with the other pages, a moment later."""
    import json
    import os
    import subprocess
    import sys

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path))
    env.pop("LC_ALL", None)
    env["LANG"] = "C"  # the app in English
    done = subprocess.run(
        [sys.executable, "-c", _FIRST_PAGE], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    first, later = json.loads(done.stdout.splitlines()[-1])
    # The standard protocol on a new computer: 1.5 mg, 3 mg and 4.5 mg (three rows).
    assert first == {"rows": 3, "loaded": [], "save key": ""}
    assert later == {"save key": "Ctrl+S", "undo key": "Ctrl+Z"}


def test_the_page_on_screen_is_built_first_and_the_others_on_the_first_switch(qtbot: Any) -> None:
    """The frame says the engines load; start_first_page builds only the titration plan, with
    its table showing the first results; going to another page builds the rest before it shows."""
    from ui.main_window import MainWindow
    from ui.pages.liquid import LiquidPage
    from ui.pages.plan.page import PlanPage

    main = MainWindow()
    qtbot.addWidget(main)
    main.show()
    assert main.statusBar().currentMessage() == "Loading the calculation engines…"
    assert main.pages == [] and main.current_page() is None
    main.start_first_page()
    (plan,) = main.pages
    assert isinstance(plan, PlanPage) and main.stack.currentWidget() is plan
    assert plan.results.has_result and plan.table.model().rowCount() > 0
    assert not isinstance(main.stack.widget(1), LiquidPage)  # still the placeholder
    assert main.statusBar().currentMessage() == "" and main.check_notice.isVisible()
    with qtbot.waitSignal(main.pages_started, timeout=10_000):
        main.show_page(1)
    assert len(main.pages) == 4 and main.pages[0] is plan
    assert main.stack.currentWidget() is main.pages[1] and isinstance(main.pages[1], LiquidPage)
    assert main.pages[1].results.has_result
    from ui.team import session

    assert main.user_label.text() == session.shown() != ""
