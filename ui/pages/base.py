"""What every job page shares: fields that feed a debounced recompute, and a results panel."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ui.i18n import core_error, core_text, translate
from ui.widgets.alerts import AlertList
from ui.widgets.fields import ParsedField
from ui.widgets.text import capitalised, safe_html
from ui.widgets.views import own_viewport

# Long enough to skip work between keystrokes of a fast typist, short enough to feel immediate.
DEBOUNCE_MS = 60


@dataclass(frozen=True)
class DocumentChoice:
    """A printable document a page offers: its name and how to make its PDF bytes."""

    name: str
    make: Callable[[], bytes]


class ResultsPanel(QWidget):
    """A headline, the alerts beside it, then the details; cleared whenever input is refused."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.headline = QLabel()
        self.headline.setWordWrap(True)
        self.headline.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.headline.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.headline.setFont(font)
        self.alerts = AlertList()
        self.details = QTextBrowser()
        self.details.setOpenLinks(False)
        self.details.setTabChangesFocus(True)  # Tab moves on to the action bar, never trapped here
        self.details.setAccessibleName(translate("Details"))
        self.details.setFrameShape(QFrame.Shape.NoFrame)
        self.details.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        # Room for a few lines even on a small screen; the results column scrolls to reach it.
        self.details.setMinimumHeight(12 * self.details.fontMetrics().height())
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(8)
        self._layout.addWidget(self.headline)
        self._layout.addWidget(self.alerts)
        self._layout.addWidget(self.details, 1)
        self.has_result = False
        self._details_html: str | None = None
        self.show_waiting()

    def add_view(self, widget: QWidget, stretch: int = 0) -> None:
        """A page's own view of the numbers (table, chart), placed above the details."""
        self._layout.insertWidget(self._layout.count() - 1, widget, stretch)

    def show_waiting(self) -> None:
        self.has_result = False
        self.headline.setText(translate("Calculating…"))
        self.alerts.clear()
        self.details.clear()
        self._details_html = None

    def show_blocked(self, problems: Sequence[str], title: str = "") -> None:
        """Input was refused: no numbers at all, only what to fix. `title`: the alerts' title in
        the app's language ("Not read" when none is given)."""
        self.has_result = False
        self.headline.setText(translate("No result until the marked entries are corrected"))
        self.alerts.clear()
        for problem in problems:
            self.alerts.add("error", title or translate("Not read"), problem)
        self.details.clear()
        self._details_html = None

    def show_error(self, message: str) -> None:
        """The core refused the combination (range, recipe): say why, show no numbers."""
        self.has_result = False
        self.headline.setText(translate("Cannot calculate this"))
        self.alerts.set_error(message, translate("Refused"))
        self.details.clear()
        self._details_html = None

    def show_result(self, headline: str, alerts: Iterable[Any], details_html: str) -> None:
        self.has_result = True
        self.headline.setText(headline)
        self.alerts.set_alerts(alerts)
        if details_html != self._details_html:  # laying out the same details again costs a keystroke
            self._set_details(details_html)
            self._details_html = details_html

    def _set_details(self, html: str) -> None:
        """New details, laid out once with the scroll bar as it stands. Left to decide, Qt lays the
        text out for the cleared page (no bar), then again when the bar comes back: half of a
        long plan's details time. The bar still follows the text (the policy is given back)."""
        details = self.details
        policy = details.verticalScrollBarPolicy()
        shown = details.verticalScrollBar().isVisibleTo(details)
        details.setVerticalScrollBarPolicy(
            Qt.ScrollBarPolicy.ScrollBarAlwaysOn if shown else Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        )
        details.setHtml(html)
        details.setVerticalScrollBarPolicy(policy)

    def text(self) -> str:
        """Everything shown, as plain text (for tests and for reading back)."""
        parts = [self.headline.text(), *self.alerts.texts(), self.details.toPlainText()]
        text = "\n".join(part for part in parts if part)
        return text.replace("\u00a0", " ").replace("\u2060", "")


def section(title: str, body: str) -> str:
    return f"<h3 style='margin-top:10px; margin-bottom:4px'>{safe_html(title)}</h3>{body}"


def bullet_list(items: Iterable[str], *, numbered: bool = False) -> str:
    tag = "ol" if numbered else "ul"
    rows = "".join(f"<li style='margin-bottom:3px'>{safe_html(item)}</li>" for item in items)
    return f"<{tag} style='margin-top:0px'>{rows}</{tag}>" if rows else ""


def core_rows(rows: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """(label, value) lines the core wrote (the record's formula, its weighings), in the app's
    language."""
    return [(capitalised(core_text(key)), core_text(value)) for key, value in rows]


def formula_names() -> list[tuple[str, str]]:
    """(key, name) of each vehicle formula in resources/formulas.toml (the Liquid page's choice,
    and the plan's for its fills)."""
    from ldn_desk.reference.formulas import formula_table

    return [(key, core_text(formula.name)) for key, formula in formula_table().formulas.items()]


def key_values(rows: Iterable[tuple[str, str]]) -> str:
    cells = "".join(
        f"<tr><td style='padding:2px 14px 2px 0px'>{safe_html(key)}</td>"
        f"<td style='padding:2px 0px'><b>{safe_html(value)}</b></td></tr>"
        for key, value in rows
    )
    return f"<table cellspacing='0'>{cells}</table>"


class Page(QWidget):
    """A job page. Subclasses build their form, list their fields and implement `compute`."""

    title = ""
    results_updated = Signal()  # after every recompute, whatever its outcome
    unsaved_changed = Signal()  # an entry changed, or the page's work was saved

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fields: list[ParsedField] = []
        # The core's name of each input (InputError.field) → the field that gave it, so a refusal
        # of the core is marked at that field, worded with its label and the text as typed.
        self.refusal_fields: dict[str, ParsedField] = {}
        self.results = ResultsPanel()
        self._started = False
        self._choices: list[QComboBox] = []
        self._form_area: QScrollArea | None = None
        self._saved_state: tuple[object, ...] = ()
        # While a result is being shown: each field's refusal and warning, marked at the end.
        self._marks: dict[ParsedField, tuple[str | None, str | None]] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.debounce_ended)

    def watch(self, field: ParsedField) -> ParsedField:
        self.fields.append(field)
        field.value_changed.connect(self.input_changed)
        return field

    def watch_choices(self, *combos: QComboBox) -> None:
        """Combos whose choice may show or hide rows (`choice_changed`) before a recompute."""
        for combo in combos:
            compact(combo)
            combo.currentIndexChanged.connect(self.choice_changed)
            self._choices.append(combo)

    def _fit_choices(self) -> None:
        """Every choice read whole once chosen: each combo as wide as its widest item (in the
        language shown), the form's column as wide as that needs. Run when the core has filled
        the combos (the strengths come with it), so the column is sized once."""
        for combo in self._choices:
            widest = max(
                (combo.fontMetrics().horizontalAdvance(combo.itemText(i)) for i in range(combo.count())),
                default=0,
            )
            combo.setMinimumWidth(widest + choice_frame(combo) + 2)
        area = self._form_area
        form = area.widget() if area is not None else None
        if area is None or form is None:
            return
        # Each layout from the combo up to the form takes in the new width before the form's
        # minimum is read (a layout keeps its last answer until it is activated again).
        for combo in self._choices:
            widget = combo.parentWidget()
            while widget is not None:
                layout = widget.layout()
                if layout is not None:
                    layout.activate()
                if widget is form:
                    break
                widget = widget.parentWidget()
        area.setMinimumWidth(column_width(area))

    def choice_changed(self) -> None:
        self.input_changed()

    def place_beside_results(self, form_widget: QWidget) -> None:
        """The page's layout: the form column, scrolling when short of room, left of the results."""
        splitter = QSplitter(Qt.Orientation.Horizontal)
        self._form_area = scrolling(form_widget)
        splitter.addWidget(self._form_area)
        # On a small screen the results scroll down too, rather than push the window off it.
        results = scrolling(self.results, min_width=260)
        results.setAccessibleName(translate("Results"))
        splitter.addWidget(results)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([360, 600])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    # Unsaved work: a page whose state differs from when it was last saved (or opened) says so.
    def form_state(self) -> tuple[object, ...]:
        """What saving the page keeps; () for a page that saves nothing."""
        return ()

    def unsaved_what(self) -> str:
        """The page's unsaved work as a sentence names it ("the plan")."""
        return translate("the {page} page").format(page=translate(self.title))

    def has_unsaved(self) -> bool:
        return self._started and self.form_state() != self._saved_state

    def mark_saved(self) -> None:
        """The page's work as it stands is saved (or was just opened, or is the blank form)."""
        self._saved_state = self.form_state()
        self.unsaved_changed.emit()

    def patient_name(self) -> str:
        """The patient the page's documents are for ("" when none is typed)."""
        return ""

    def save_work(self) -> bool:
        """Save the page's work (Ctrl+S); True when saved."""
        return False

    def input_changed(self) -> None:
        if not self._started:
            return
        self.unsaved_changed.emit()
        # A refused entry clears the results at once: no stale numbers beside a wrong entry.
        problems = [f.error() for f in self.fields if f.isEnabled() and f.error()]
        if problems:
            self._timer.stop()
            self.results.show_blocked([p for p in problems if p])
            self.on_no_result()
            self.results_updated.emit()
            return
        self._timer.start()

    def start(self) -> None:
        """Called once the core is loaded: read the defaults and show the first results."""
        self._started = True
        self._fit_choices()
        self.recompute()
        self.mark_saved()  # the blank form: nothing to lose yet

    def after_start(self) -> None:
        """Work that can wait until the window is in use (the app runs it shortly after start)."""

    @property
    def started(self) -> bool:
        return self._started

    def update_pending(self) -> bool:
        """True between a good entry and the debounced recompute that follows it."""
        return self._timer.isActive()

    def debounce_ended(self) -> None:
        """The typing paused: work out the results (a page may do it off the GUI thread)."""
        self.recompute()

    def recompute(self) -> None:
        if not self._started:
            return
        self._timer.stop()
        self.show_computed(self.compute)

    def show_computed(self, compute: Callable[[], None]) -> None:
        """Show what `compute` shows, or the refusal it raises; then say the results changed."""
        from ldn_desk.errors import LdnDeskError

        problems = [f.error() for f in self.fields if f.isEnabled() and f.error()]
        # The refusals and warnings at the fields are those of this result alone; each field is
        # marked once at the end, so a warning that stands (a plan length short of the target)
        # is not taken off and put back on every keystroke.
        self._marks = {}
        try:
            if problems:
                self.results.show_blocked([p for p in problems if p])
            else:
                try:
                    compute()
                except LdnDeskError as error:
                    self.show_refusal(error)
                    self.on_no_result()
                except Exception as error:  # a fault of ours must not take the window down
                    self.results.show_error(
                        translate("Internal error ({kind}: {error}); please report it.").format(
                            kind=type(error).__name__, error=error
                        )
                    )
                    self.on_no_result()
        finally:
            marks, self._marks = self._marks, None
            for field in self.fields:
                field.set_marks(*marks.get(field, (None, None)))
        if not self.results.has_result:
            self.on_no_result()
        self.results_updated.emit()

    def show_refusal(self, error: Exception) -> None:
        """The core refused the input: at the field it names when the page has it, else above."""
        target = self.refusal_fields.get(str(getattr(error, "field", None) or ""))
        if target is None or not target.isEnabled():
            self.results.show_error(core_error(error))
            return
        message = target.worded(error)
        self._mark(target, refusal=message)
        self.results.show_blocked([message], translate("Refused"))

    def warn_at_fields(self, field_alerts: Iterable[tuple[str, Any]]) -> None:
        """Warnings of the core about a value it used, marked at the fields they name too."""
        for name, alert in field_alerts:
            target = self.refusal_fields.get(name)
            if target is not None and target.isEnabled():
                self._mark(target, warning=core_text(str(alert)))

    def _mark(self, field: ParsedField, *, refusal: str | None = None, warning: str | None = None) -> None:
        """A refusal or warning at a field: noted while a result is shown, else marked now."""
        if self._marks is None:
            if refusal is not None:
                field.set_refusal(refusal)
            if warning is not None:
                field.set_warning(warning)
            return
        was_refusal, was_warning = self._marks.get(field, (None, None))
        self._marks[field] = (refusal or was_refusal, warning or was_warning)

    def compute(self) -> None:
        raise NotImplementedError

    def on_no_result(self) -> None:
        """Subclasses clear any extra views (tables, charts) that show numbers."""

    def documents(self) -> list[DocumentChoice]:
        return []

    def apply_settings(self, settings: Any) -> None:
        from ui.widgets.fields import QuantityField

        for field in self.fields:
            if isinstance(field, QuantityField):
                field.set_decimal_comma(settings.decimal_comma)


def scrolling(widget: QWidget, min_width: int | None = None) -> QScrollArea:
    """A column that scrolls down when short of room, never sideways; as wide as the widget's
    own minimum unless told."""
    area = QScrollArea()
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    # No Tab stop of its own: it scrolls to whichever of its fields has the focus.
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    area.setMinimumWidth(min_width if min_width is not None else column_width(area))
    return area


def column_width(area: QScrollArea) -> int:
    """The least width of a scrolling column: its widget's least width and the scroll bar beside
    it (the column scrolls down when short of room)."""
    widget = area.widget()
    least = widget.minimumSizeHint().width() if widget is not None else 0
    return least + area.verticalScrollBar().sizeHint().width() + 2 * area.frameWidth() + 2


def choice_frame(combo: QComboBox) -> int:
    """The width a combo spends around its text: the frame, the margins and the arrow."""
    from PySide6.QtWidgets import QStyle, QStyleOptionComboBox

    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
    )
    return combo.width() - field.width()


def compact(combo: QComboBox) -> QComboBox:
    """A combo that does not insist on its longest item's width (the form column is narrow)."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(14)
    return combo


def row_table(model: Any, name: str) -> QTableView:
    """A read-only table of whole rows, one selected at a time, sized to the font."""
    table = QTableView()
    own_viewport(table)
    table.setModel(model)
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    # Tab moves on to the next control, as in every other part of the form; the arrow keys
    # move between rows (Qt's default would trap Tab among the cells).
    table.setTabKeyNavigation(False)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
    return table
