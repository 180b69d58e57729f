"""Nothing shown cut or hidden: the plan's column titles fit their columns in a narrow window,
and the team dialogs show their "Working: …" line with nothing laid over it or left blank."""

from __future__ import annotations

import re
from typing import Any

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from tests.ui.conftest import recomputed
from tests.ui.test_team import ADMIN, team_log  # noqa: F401  (a fixture)


def _titles_cut(table: Any) -> list[str]:
    """Each column title that does not fit its section, wrapped at spaces, in the header's height."""
    header = table.horizontalHeader()
    metrics = header.fontMetrics()
    cut = []
    for column in range(table.model().columnCount()):
        title = str(table.model().headerData(column, Qt.Orientation.Horizontal))
        room = header.sectionSize(column) - 12  # the section's text margins
        box = metrics.boundingRect(QRect(0, 0, room, 10_000), Qt.TextFlag.TextWordWrap, title)
        widest_word = max(metrics.horizontalAdvance(word) for word in title.split(" "))
        if widest_word > room or box.height() + 4 > header.height():
            cut.append(f"{title!r}: {box.width()}×{box.height()} in {room}×{header.height()}")
        right = header.sectionViewportPosition(column) + header.sectionSize(column)
        if header.sectionViewportPosition(column) < 0 or right > table.viewport().width():
            cut.append(f"{title!r}: out of view, {right} in {table.viewport().width()}")
    return cut


def _cells_cut(table: Any, rows: int = 3) -> list[str]:
    """Each cell of the first rows whose text, wrapped at spaces, is taller or wider than the room
    the style leaves it in its cell (beside the warning icon of a step not measurable)."""
    from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

    metrics = table.fontMetrics()
    style = table.style()
    margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1
    cut = []
    for row in range(min(table.model().rowCount(), rows)):
        for column in range(table.model().columnCount()):
            index = table.model().index(row, column)
            option = QStyleOptionViewItem()
            option.initFrom(table.viewport())
            table.itemDelegateForIndex(index).initStyleOption(option, index)
            option.rect = table.visualRect(index)
            text = option.text
            area = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, table)
            room = area.width() - 2 * margin  # the text's own margins, as the style draws it
            box = metrics.boundingRect(QRect(0, 0, room, 10_000), Qt.TextFlag.TextWordWrap, text)
            widest = max(metrics.horizontalAdvance(word) for word in text.split(" "))
            if widest > room or box.height() > table.rowHeight(row):
                cut.append(f"{text!r} in {room}×{table.rowHeight(row)}")
    return cut


def _plan_fits_at(qtbot: Any, window: Any, form: int) -> list[str]:
    """At 1400, 1280 and 1100 pixels wide, what is cut of the plan table's titles and first rows."""
    plan = window.pages[0]
    window.show_page(0)
    recomputed(qtbot, plan, lambda: plan.form_kind.setCurrentIndex(form))
    found = []
    for width in (1400, 1280, 1100):
        window.resize(width, 760)
        qtbot.waitUntil(lambda width=width: window.width() == width)
        QApplication.processEvents()
        found += [f"{width}: {cut}" for cut in _titles_cut(plan.table) + _cells_cut(plan.table)]
        assert not plan.table.horizontalScrollBar().isVisible(), width  # every column in view
    return found


@pytest.mark.parametrize("form", [0, 1])  # liquid ("Measure of 1 mg/mL"), capsules ("Capsules of …")
def test_the_plan_column_titles_fit_their_columns_at_1100_pixels(qtbot: Any, window: Any, form: int) -> None:
    plan = window.pages[0]
    assert _plan_fits_at(qtbot, window, form) == []
    title = str(plan.model.headerData(3, Qt.Orientation.Horizontal))
    assert title.startswith(("Measure of", "Capsules of"))
    assert " mg" not in title and "\u00a0mg" in title  # a wrap never parts a number from its unit
    if form == 0:
        assert "mg/\u2060mL" in title  # nor "mg/" from "mL"
    # The row a screen reader reads keeps its plain words.
    first = plan.model.data(plan.model.index(0, 3), Qt.ItemDataRole.AccessibleTextRole)
    assert "\u00a0" not in first


@pytest.mark.parametrize("form", [0, 1])
def test_the_plan_column_titles_fit_their_columns_in_spanish(qtbot: Any, form: int) -> None:
    from tests.ui.conftest import spanish_main_window

    with spanish_main_window(qtbot) as window:
        found = _plan_fits_at(qtbot, window, form)
        titles = [str(window.pages[0].model.headerData(c, Qt.Orientation.Horizontal)) for c in range(5)]
    assert found == []
    assert titles[:3] == ["Días", "Empieza", "Dosis diaria"] and titles[4] == "Cuándo"
    assert titles[3].startswith(("Medida de", "Cápsulas de"))


def _first_steps_not_measurable_cut(qtbot: Any, window: Any, width: int) -> list[str]:
    """The longest plan allowed, from 0.124 mg rising 0.045 mg a week, at 1 mg/mL: 0.124 mL is
    between the 0.01 mL marks of the 1 mL syringe, so the first steps carry the warning icon
    and "0.124 mL: not measurable" beside it. What of its first eight rows is cut."""
    plan = window.pages[0]
    window.show_page(0)
    window.resize(width, 760)
    qtbot.waitUntil(lambda: window.width() == width)
    recomputed(qtbot, plan, lambda: plan.protocol.setCurrentIndex(plan.protocol.findData("")))
    for field, text in ((plan.start_dose, "0.124 mg"), (plan.step_dose, "0.045 mg"), (plan.every, "7 days")):
        recomputed(qtbot, plan, lambda field=field, text=text: field.set_text(text))
    recomputed(qtbot, plan, lambda: plan.target.edit.setText("4.623 mg"))
    QApplication.processEvents()
    assert not plan.model.row_at(0).measurable
    assert plan.model.index(0, 3).data(Qt.ItemDataRole.DecorationRole) is not None
    return _cells_cut(plan.table, rows=8)


@pytest.mark.parametrize("width", [1100, 1400])
def test_a_step_not_measurable_shows_its_words_whole_beside_its_icon(
    qtbot: Any, window: Any, width: int
) -> None:
    assert _first_steps_not_measurable_cut(qtbot, window, width) == []
    assert window.pages[0].model.row_at(0).measure == "0.124 mL: not measurable"


def test_a_step_not_measurable_shows_its_words_whole_in_spanish(qtbot: Any) -> None:
    from tests.ui.conftest import spanish_main_window

    with spanish_main_window(qtbot) as window:
        assert _first_steps_not_measurable_cut(qtbot, window, window.minimumWidth()) == []
        assert window.pages[0].model.row_at(0).measure == "0.124 mL: no se puede medir"


def _blank_or_covered(dialog: QWidget) -> list[str]:
    """Labels shown with nothing to say (an empty strip), or laid under another widget."""
    found = []
    for label in dialog.findChildren(QLabel):
        if not label.isVisibleTo(dialog) or label.height() == 0:
            continue
        if not label.text().strip() and label.pixmap().isNull():
            found.append(f"empty label at y={label.y()}")
            continue
        centre = label.mapTo(dialog, label.rect().center())
        top = dialog.childAt(centre)
        if top is not None and top is not label and not label.isAncestorOf(top):
            found.append(f"{label.text()!r} under {type(top).__name__}")
    return found


def test_the_team_dialogs_show_who_is_working_at_the_top(qtbot: Any, team_log: None) -> None:  # noqa: F811
    from ui.team import FormulasDialog, LotsDialog, UsersDialog, session

    session.sign_in(ADMIN)
    for kind in (UsersDialog, LotsDialog, FormulasDialog):
        dialog = kind()
        qtbot.addWidget(dialog)
        dialog.show()
        QApplication.processEvents()  # no event loop ran: nothing is deleted behind the dialog's back
        assert dialog.who.text() == "Working: Ada Admin (administrator)"
        assert dialog.who.y() < dialog.table.y()
        assert _blank_or_covered(dialog) == [], dialog.windowTitle()
        assert dialog.table.accessibleName() == dialog.windowTitle()
        if kind is UsersDialog:
            assert dialog.table.rowCount() == 4  # the team_log's four users


def _statement_lines(window: Any) -> int:
    """How many lines the check statement takes at its width; it must have the height for them."""
    notice = window.check_notice
    needed = notice.heightForWidth(notice.width())
    assert notice.text().startswith("LDN Desk") and needed <= notice.height(), (needed, notice.height())
    return round(needed / notice.fontMetrics().lineSpacing())


def test_the_check_statement_wraps_rather_than_being_cut(qtbot: Any) -> None:
    from tests.ui.conftest import spanish_main_window

    with spanish_main_window(qtbot) as window:
        window.pages[1].record_fields.rx.setText("RX-10412")  # a draft record: the unsaved note shows
        window.show_unsaved()
        window.resize(1100, 700)
        qtbot.waitUntil(lambda: window.width() == 1100)
        QApplication.processEvents()
        assert window.unsaved_status.text()
        # The statement beside the unsaved note and who is working does not fit one line.
        assert window.check_notice.width() < window.check_notice.sizeHint().width()
        assert _statement_lines(window) == 2
        window.resize(1400, 900)  # wide again: one line, and the status bar one line tall
        qtbot.waitUntil(lambda: window.width() == 1400)
        QApplication.processEvents()
        assert _statement_lines(window) == 1


def test_the_check_statement_takes_one_line_in_english(qtbot: Any, window: Any) -> None:
    window.resize(1400, 900)
    qtbot.waitUntil(lambda: window.width() == 1400)
    QApplication.processEvents()
    line = window.check_notice.fontMetrics().lineSpacing()
    assert _statement_lines(window) == 1
    assert window.statusBar().height() < 3 * line  # no tall, empty status bar


def test_a_measure_cell_never_wraps_between_a_number_and_its_unit(qtbot: Any, window: Any) -> None:
    import re

    from PySide6.QtWidgets import QStyleOptionViewItem

    plan = window.pages[0]
    window.show_page(0)
    recomputed(qtbot, plan, lambda: plan.length.set_text("16 weeks"))
    delegate = plan.table.itemDelegateForColumn(3)
    for row in range(plan.model.rowCount()):
        index = plan.model.index(row, 3)
        option = QStyleOptionViewItem()
        delegate.initStyleOption(option, index)
        drawn, written = option.text, index.data()
        # Standard plan at 1 mg/mL: "1.5 mL on the 3 mL syringe (0.1 mL marks)" and the like.
        assert re.search(r"\d mL", written) and not re.search(r"\d mL", drawn), drawn
        assert drawn.replace("\u00a0", " ").replace("\u2060", "") == written  # the same words


def _hints_cut(dialog: QWidget) -> list[str]:
    """Each entry's hint (placeholder) wider than the room the entry has for its text."""
    from PySide6.QtWidgets import QLineEdit

    from ui.widgets.forms import text_room

    return [
        f"{edit.placeholderText()!r}: {edit.fontMetrics().horizontalAdvance(edit.placeholderText())} in {text_room(edit)}"
        for edit in dialog.findChildren(QLineEdit)
        if edit.isVisibleTo(dialog)
        and edit.fontMetrics().horizontalAdvance(edit.placeholderText()) > text_room(edit)
    ]


def _open_plan_dialog(qtbot: Any, parent: QWidget) -> Any:
    from ui.pages.plan.saved import OpenPlanDialog

    dialog = OpenPlanDialog("", "", parent)
    qtbot.addWidget(dialog)
    dialog.show()
    QApplication.processEvents()
    return dialog


def test_the_open_plan_search_fields_show_their_hints_whole(qtbot: Any, window: Any) -> None:
    window.resize(1280, 720)
    dialog = _open_plan_dialog(qtbot, window)
    assert [dialog.patient.placeholderText(), dialog.patient_ref.placeholderText()] == [
        "part of a name or identifier", "and identifier (optional)",
    ]  # fmt: skip
    assert _hints_cut(dialog) == []
    assert dialog.width() <= 1280
    # Made as narrow as it may be, the dialog still keeps both hints whole.
    dialog.resize(dialog.minimumSizeHint().width(), dialog.height())
    QApplication.processEvents()
    assert _hints_cut(dialog) == []


def test_the_open_plan_search_fields_show_their_hints_whole_in_spanish(qtbot: Any) -> None:
    from tests.ui.conftest import spanish_main_window

    with spanish_main_window(qtbot) as window:
        window.resize(1280, 720)
        dialog = _open_plan_dialog(qtbot, window)
        hints = [dialog.patient.placeholderText(), dialog.patient_ref.placeholderText()]
        dialog.resize(dialog.minimumSizeHint().width(), dialog.height())
        QApplication.processEvents()
        cut = _hints_cut(dialog)
    assert hints == ["parte de un nombre o identificador", "e identificador (opcional)"]
    assert cut == []


def test_the_team_dialogs_say_nobody_is_signed_in_with_no_blank_strip(
    qtbot: Any,
    team_log: None,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from ui.team import FormulasDialog, LotsDialog, UsersDialog, session

    assert session.user is None
    for kind in (UsersDialog, LotsDialog, FormulasDialog):
        dialog = kind()
        qtbot.addWidget(dialog)
        dialog.show()
        QApplication.processEvents()
        # Said, since it is why every action is disabled; at the top, nothing blank or covered.
        assert dialog.who.isVisible() and dialog.who.text() == "Working: Not signed in"
        assert dialog.who.y() < dialog.table.y()
        assert not any(button.isEnabled() for button in dialog.action_buttons.values())
        assert _blank_or_covered(dialog) == [], dialog.windowTitle()
    # With no one to name, the line is hidden: the table starts where the line would be.
    monkeypatch.setattr(session, "shown", lambda: "")
    dialog = UsersDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    QApplication.processEvents()
    assert not dialog.who.isVisible()
    assert dialog.table.y() <= dialog.layout_.contentsMargins().top()
    assert _blank_or_covered(dialog) == []


def test_a_spanish_day_or_week_keeps_its_number_on_its_line() -> None:
    from ui.widgets.text import unbroken

    assert unbroken("Desde el día 29") == "Desde el día\u00a029"
    assert unbroken("Mantener 14 días, semana 3") == "Mantener 14\u00a0días, semana\u00a03"
    assert unbroken("From day 29 for 14 days") == "From day\u00a029 for 14\u00a0days"


def test_the_window_fits_the_narrowest_width_in_both_languages(qtbot: Any, window: Any) -> None:
    from tests.ui.conftest import spanish_main_window

    # Every choice is read whole, so the longer Spanish names of protocols, vehicles and methods
    # make the Spanish form column wider than the English; the window still fits 1100 px (the
    # narrowest the layout tests use, under the 1280 × 720 laptop the dialogs are made for).
    english = window.minimumSizeHint().width()
    with spanish_main_window(qtbot) as main:
        spanish = main.minimumSizeHint().width()
    assert english <= 1100 and spanish <= 1100, (english, spanish)


@pytest.mark.parametrize("width", [1100, 1280])
def test_the_spanish_plan_table_shows_every_column_without_scrolling_sideways(qtbot: Any, width: int) -> None:
    from tests.ui.conftest import spanish_main_window

    with spanish_main_window(qtbot) as main:
        plan = main.pages[0]
        main.show_page(0)
        main.resize(width, 720)
        qtbot.waitUntil(lambda: main.width() == width)
        QApplication.processEvents()
        table, header = plan.table, plan.table.horizontalHeader()
        assert str(plan.model.headerData(4, Qt.Orientation.Horizontal)) == "Cuándo"
        right = header.sectionViewportPosition(4) + header.sectionSize(4)
        assert right <= table.viewport().width(), (right, table.viewport().width())
        assert table.horizontalScrollBar().maximum() == 0
        # The start dates shortened their month to make the room: "3 dic 2026", the month in letters.
        starts = str(plan.model.data(plan.model.index(0, 1)))
        assert re.fullmatch(r"\d{1,2} [a-z]{3,4} \d{4}", starts) or " de " in starts, starts
        assert plan.model.row_at(0).starts in plan.model.row_text(0)  # a screen reader hears the long date


def _choices_cut(window: Any) -> list[str]:
    """Every choice of every page's combos that would show cut once chosen, and any field of a
    form wider than its column (cut at the column's right edge)."""
    from PySide6.QtWidgets import QComboBox, QStyle, QStyleOptionComboBox

    found = []
    for index, page in enumerate(window.pages):
        window.show_page(index)
        QApplication.processEvents()
        for combo in page.findChildren(QComboBox):
            if not combo.isVisibleTo(window):
                continue
            option = QStyleOptionComboBox()
            combo.initStyleOption(option)
            room = (
                combo.style()
                .subControlRect(
                    QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
                )
                .width()
            )
            found += [f"{page.title}: {combo.itemText(i)!r} in {room} px" for i in range(combo.count())
                      if combo.fontMetrics().horizontalAdvance(combo.itemText(i)) > room]  # fmt: skip
        area = getattr(page, "_form_area", None)
        if area is not None and area.widget().width() > area.viewport().width():
            found.append(f"{page.title}: the form is {area.widget().width()} px in {area.viewport().width()}")
    return found


def test_every_choice_reads_whole_on_every_page(qtbot: Any, window: Any) -> None:
    # "Preserved 1 mg/mL (Fawcett 1997)" was cut to "Preserved 1 mg/mL (Fawc" on the Liquid page.
    for width in (1280, 1100):
        window.resize(width, 720)
        qtbot.waitUntil(lambda width=width: window.width() == width)
        assert _choices_cut(window) == [], width


def test_every_choice_reads_whole_in_spanish(qtbot: Any) -> None:
    from tests.ui.conftest import spanish_main_window

    with spanish_main_window(qtbot) as window:
        for width in (1280, 1100):
            window.resize(width, 720)
            qtbot.waitUntil(lambda width=width: window.width() == width)
            assert _choices_cut(window) == [], width
        vehicle = window.pages[1].formula
        assert "Con conservante, 1 mg/mL (Fawcett 1997)" in [
            vehicle.itemText(i) for i in range(vehicle.count())
        ]
