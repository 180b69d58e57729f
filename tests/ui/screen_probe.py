"""Run on a virtual screen of a given size (the offscreen platform's screen file): open the main
window, each page and each dialog as a person would, and print, as JSON, where their parts are.

    python tests/ui/screen_probe.py 1280 720 [2]

Run by test_screen_fit.py in a fresh process, since a process has its screen for life.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
DPR = float(sys.argv[3]) if len(sys.argv) > 3 else 1.0  # device pixels per point: 2 on a "2×" screen


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
    from PySide6.QtWidgets import QApplication, QPushButton, QWidget

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder / "config"))
    from ui.app import make_application
    from ui.main_window import MainWindow

    app = make_application()

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
    buttons = [
        b for b in window.centralWidget().findChildren(QPushButton) if b.text() in ("Print…", "Save as PDF…")
    ]
    pages = {}
    for index, page in enumerate(window.pages):
        window.show_page(index)
        settle()
        bar = [b for b in buttons if b.text() in ("Print…", "Save as PDF…")]
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
    }
    measured = {}
    for name, dialog in dialogs.items():
        dialog.show()
        settle()
        geometry = dialog.frameGeometry()
        title_room = dialog.fontMetrics().horizontalAdvance(dialog.windowTitle())
        buttons_in = [inside(b, dialog) for b in dialog.findChildren(QPushButton) if b.isVisibleTo(dialog)]
        measured[name] = {
            "frame": [geometry.x(), geometry.y(), geometry.width(), geometry.height()],
            "buttons_in_dialog": all(buttons_in) and bool(buttons_in),
            "title_fits": dialog.width() >= title_room + 60,
            "at_least_hint": dialog.width() >= min(dialog.minimumSizeHint().width(), screen.width())
            and dialog.height() >= min(dialog.minimumSizeHint().height(), screen.height()),
        }
        dialog.close()
    out["dialogs"] = measured
    window.hide()
    QApplication.processEvents()
    return out


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]), int(sys.argv[2]))))
