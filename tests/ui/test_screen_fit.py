"""Windows fit the screen they open on: the main window's Print/Save bar, the preview's buttons and
every dialog's title and fields stay in view on a 1280×720 laptop and a 1400×900 screen."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

import ui.widgets.preview as preview
from tests.ui.conftest import english_env, recomputed
from tests.ui.test_preview import two_page_pdf

ROOT = Path(__file__).resolve().parents[2]
PROBE = Path(__file__).with_name("screen_probe.py")


def probe(width: int, height: int, tmp_path: Path, dpr: float = 1, language: str = "en") -> dict[str, Any]:
    """What a fresh app reports on a virtual screen of this size (a process keeps its screen)."""
    env = english_env(PYTHONPATH=str(ROOT), HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path))
    done = subprocess.run(
        [sys.executable, str(PROBE), str(width), str(height), str(dpr), language],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return report


def on_screen(frame: list[int], screen: list[int]) -> bool:
    x, y, width, height = frame
    return x >= 0 and y >= 0 and x + width <= screen[0] and y + height <= screen[1]


@pytest.mark.parametrize(
    ("size", "dpr", "language"),
    # A 2× laptop (2880 × 1800 pixels), and the small laptop in Spanish (longer words and hints).
    [((1280, 720), 1, "en"), ((1400, 900), 1, "en"), ((1440, 900), 2, "en"), ((1280, 720), 1, "es")],
)
def test_windows_and_dialogs_fit_the_screen(
    size: tuple[int, int], dpr: float, language: str, tmp_path: Path
) -> None:
    report = probe(*size, tmp_path, dpr, language)
    assert report["available"] == list(size)  # the virtual screen really is that size
    assert on_screen(report["window"]["frame"], report["available"])
    for title, page in report["pages"].items():
        assert page == {"bar_in_window": True, "status_in_window": True}, title
    assert set(report["dialogs"]) == {
        "preview",
        "settings",
        "help",
        "about",
        "save plan",
        "open plan",
        "save to log",
        "amend",
        "review",
        "users",
        "lots",
        "formulas",
        "sign in",
        "team form",
    }
    for name, dialog in report["dialogs"].items():
        assert dialog["empty_labels"] == [], name  # no blank strip where a line of text belongs
        assert on_screen(dialog["frame"], report["available"]), name
        assert dialog["buttons_in_dialog"], name
        assert dialog["title_fits"], name
        assert dialog["columns_in_view"], name
        assert dialog["at_least_hint"], name
        assert dialog["hints_cut"] == [], name  # each entry's hint read whole
    # The preview uses the screen's height for the page, not a fixed 900 pixels.
    assert report["dialogs"]["preview"]["frame"][3] > size[1] * 0.8


def test_a_window_saved_on_a_larger_screen_comes_back_on_this_one(qtbot: Any) -> None:
    from PySide6.QtWidgets import QMainWindow

    from ui.widgets.screen import available, keep_on_screen

    window = QMainWindow()
    qtbot.addWidget(window)
    area = available(window)
    window.setGeometry(area.x() + 300, area.y() + 200, area.width() + 500, area.height() + 400)
    keep_on_screen(window)
    assert area.contains(window.frameGeometry())


def test_preview_prints_with_ctrl_p_and_saves_with_ctrl_s(qtbot: Any, monkeypatch: Any) -> None:
    asked: list[str] = []
    monkeypatch.setattr(preview, "print_pdf", lambda data, name, *a, **k: asked.append(f"print {name}") or 2)
    monkeypatch.setattr(preview, "save_pdf", lambda data, name, *a, **k: asked.append(f"save {name}"))
    dialog = preview.PreviewDialog(two_page_pdf(), "Compounding record")
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    dialog.close_button.setFocus()
    QTest.keyClick(dialog.close_button, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(dialog.close_button, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert asked == ["print Compounding record", "save Compounding record"]
    assert dialog.print_action.shortcut().toString() == "Ctrl+P"
    assert dialog.save_action.shortcut().toString() == "Ctrl+S"


def test_plan_rows_wrap_again_when_the_window_is_resized(window: Any, qtbot: Any) -> None:
    page = window.pages[0]
    window.show_page(0)
    recomputed(qtbot, page, lambda: page.length.set_text("16 weeks"))
    window.resize(1400, 900)
    qtbot.waitUntil(lambda: page.table.columnWidth(3) > 200)
    wide = [page.table.rowHeight(row) for row in range(page.model.rowCount())]
    window.resize(1000, 700)
    qtbot.waitUntil(lambda: page.table.columnWidth(3) < 150)
    narrow = [page.table.rowHeight(row) for row in range(page.model.rowCount())]
    # "1.5 mL on the 3 mL syringe (0.1 mL marks)" fits one line wide, wraps when narrow.
    assert any(n > w for n, w in zip(narrow, wide, strict=True))
    assert all(n >= w for n, w in zip(narrow, wide, strict=True))
