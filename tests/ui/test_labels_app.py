"""Labels from the app have what the command line's `label` has: copies, the first free position
on a part-used sheet, cut lines, the prescriber and the Rx number, on the layout from Settings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ldn_desk.cli import EXIT_OK, main
from tests.ui.conftest import recomputed
from tests.ui.test_documents import pages_of, text_of
from ui.settings.store import AppSettings

LIQUID = ["--strength", "1 mg/mL", "--volume", "100 mL", "--compounded", "2026-12-01"]
WHO = [
    "--patient",
    "Jane Smith",
    "--rx",
    "RX-10412",
    "--prescriber",
    "Dr A. Jones",
    "--pharmacy",
    "Riverside Pharmacy",
]


def liquid_page(window: Any, qtbot: Any) -> Any:
    window.apply_settings(AppSettings(clinic_name="Riverside Pharmacy", label_layout="avery_l7163"))
    page = window.pages[1]
    window.show_page(1)
    recomputed(qtbot, page, lambda: page.compounded.set_text("2026-12-01"))
    fields = page.record_fields
    fields.patient.setText("Jane Smith")
    fields.rx.setText("RX-10412")
    fields.prescriber.setText("Dr A. Jones")
    qtbot.waitUntil(lambda: page.label_options.start_at.maximum() == 14)  # Avery L7163: 2 × 7
    return page


def test_copies_and_start_position_make_the_same_labels_as_the_command_line(
    window: Any, qtbot: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = liquid_page(window, qtbot)
    options = page.label_options
    options.copies.setValue(3)
    options.start_at.setValue(13)  # 12 labels already used: 2 on this sheet, 1 on the next
    options.outline.setChecked(True)
    assert options.where.text().endswith(
        "positions 13 to 14 of the first sheet (12 already used), then 1 more sheet."
    )
    assert options.sheet.placement is not None and options.sheet.placement.on_sheet(0) == {12, 13}
    app_pdf = page.label_pdf()
    out = tmp_path / "labels.pdf"
    argv = ["label", "liquid", *LIQUID, *WHO, "--layout", "avery_l7163", "--copies", "3", "--skip", "12"]
    assert main([*argv, "--outline", "-o", str(out)]) == EXIT_OK, capsys.readouterr().err
    cli_pdf = out.read_bytes()
    assert pages_of(app_pdf) == pages_of(cli_pdf) == 2
    assert text_of(app_pdf) == text_of(cli_pdf)
    text = text_of(app_pdf)
    assert text.count("RX-10412") == 3 and text.count("Dr A. Jones") == 3


def test_the_start_position_is_bounded_by_the_sheet(window: Any, qtbot: Any) -> None:
    page = liquid_page(window, qtbot)
    options = page.label_options
    options.start_at.setValue(99)  # the box holds it to the sheet's 14 positions
    assert options.start_at.value() == 14
    assert options.copies.maximum() == 500  # what the facade allows one print
    window.apply_settings(AppSettings(clinic_name="Riverside Pharmacy", label_layout="single_4x2in"))
    assert options.start_at.maximum() == 1 and options.start_at.value() == 1
    assert options.where.text().startswith("1 label on ")


def test_the_sheet_is_drawn_once_the_window_is_in_use_not_while_it_opens(window: Any) -> None:
    """Its drawing needs the document engine: the app loads it after start-up (after_start)."""
    options = window.pages[1].label_options
    assert options.sheet.placement is None and options.where.text() == ""
    window.after_start()
    assert options.sheet.placement is not None
    assert (
        options.where.text().startswith("1 label on ")
        and "position 1 of the first sheet" in options.where.text()
    )
