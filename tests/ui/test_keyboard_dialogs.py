"""Tab in the Save to log dialog: cell to cell through the ingredient lines, then out to the notes
and buttons, never round and round inside the table."""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from ui.pages.log.dialogs import SaveRecordDialog


def show_active(window: Any, dialog: Any) -> None:
    """The dialog shown and active, once the main window's own activation has arrived."""
    window.activateWindow()
    assert QTest.qWaitForWindowActive(window)
    dialog.show()
    dialog.activateWindow()
    assert QTest.qWaitForWindowActive(dialog)
    QApplication.processEvents()
    assert QApplication.activeWindow() is dialog


def test_tab_goes_through_the_ingredient_cells_and_out_of_the_table(window: Any, qtbot: Any) -> None:
    liquid = window.pages[1]
    dialog = SaveRecordDialog(
        "liquid", liquid.record_fields, [("Naltrexone", "2 tablets"), ("Water", "100 mL")], window
    )
    qtbot.addWidget(dialog)
    show_active(window, dialog)
    table = dialog.ingredients
    table.setFocus()
    table.setCurrentCell(1, table.columnCount() - 2)  # the last typed cell: Actual amount of the last line
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.expiry_fields[0].edit  # on to the lines' expiry dates
    # And Shift+Tab from the first typed cell leaves backwards, to the fields above.
    table.setFocus()
    table.setCurrentCell(0, 2)
    qtbot.keyClick(table, Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is dialog.checked_by  # the sign-off box is off until a checker is named
    # In between, Tab moves along the line to type each part in.
    table.setFocus()
    table.setCurrentCell(0, 2)
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is table and (table.currentRow(), table.currentColumn()) == (0, 3)


def test_tab_while_typing_in_the_last_cell_keeps_the_text_and_leaves(window: Any, qtbot: Any) -> None:
    liquid = window.pages[1]
    dialog = SaveRecordDialog("liquid", liquid.record_fields, [("Naltrexone", "2 tablets")], window)
    qtbot.addWidget(dialog)
    show_active(window, dialog)
    table = dialog.ingredients
    last = table.columnCount() - 2  # the last typed cell: the lot on hand after it is chosen, not typed
    table.setFocus()
    table.setCurrentCell(0, last)
    table.editItem(table.item(0, last))
    editor = QApplication.focusWidget()
    assert editor is not None and editor is not table
    qtbot.keyClicks(editor, "2 tablets")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert table.item(0, last).text() == "2 tablets"  # what was typed is kept
    assert QApplication.focusWidget() is dialog.expiry_fields[0].edit


def test_tab_in_the_amend_dialog_starts_with_the_reason_as_it_is_shown(window: Any, qtbot: Any) -> None:
    from ldn_desk.desk.log import Ingredient
    from ui.pages.log.dialogs import AmendDialog

    class Record:  # what AmendDialog reads of a saved record
        id = 7
        patient, patient_ref, rx_number, compounded_by = "Jane Smith", "", "RX-7", "A. Pharmacist"
        document: ClassVar[dict[str, object]] = {"prescriber": "Dr A. Jones"}
        ingredients = (
            Ingredient("Naltrexone HCl 50 mg tablets", "Accord", "NX-1", "2027-03-31", "2 tablets"),
        )

    dialog = AmendDialog(Record(), 2, window)
    qtbot.addWidget(dialog)
    show_active(window, dialog)
    dialog.reason.setFocus()
    seen = []
    for _ in range(8):
        focused = QApplication.focusWidget()
        assert focused is not None
        seen.append(focused.accessibleName())
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    # The form's rows top to bottom (Reason is the first row, though made last), then the lines.
    assert seen[:8] == [
        "Reason",
        "Patient",
        "Patient identifier",
        "Rx number",
        "Compounded by",
        "Prescriber",
        "Directions",
        "Ingredients",
    ]
