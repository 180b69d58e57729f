"""Log page: the records, searched and shown in full; reprint, recalculate, amend, sign off, back up.

The log is opened when the page is first shown (not at start-up). A damaged, foreign or newer log
file is never changed here: the page says what is wrong and offers a new log or a backup.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ui.i18n import core_error, translate
from ui.models.log import LogModel
from ui.pages.base import DocumentChoice, Page, row_table
from ui.pages.log.problem import LogProblem, problem_title
from ui.widgets.fields import ParsedField, add_date_picker


def optional_date(field: str, label: str) -> ParsedField:
    """An ISO date, or empty for no limit; `label` names it in the app's language."""

    def parse(text: str) -> Any:
        if not text.strip():
            return None
        from ldn_desk.units.dates import parse_date

        return parse_date(text, field)

    example = translate("e.g. {example}").format(example="2026-12-01")
    widget = ParsedField(field, parse, "", placeholder=example)
    add_date_picker(widget)
    widget.set_label(label)  # its refusals and its screen-reader name
    return widget


def _search_line(placeholder: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    edit.setAccessibleName(placeholder)
    edit.setClearButtonEnabled(True)
    return edit


class LogPage(Page):
    title = "Log"
    log_opened = Signal()  # after every (re)opening, whether or not the file could be used
    log_changed = Signal()  # after a record was signed off, amended, or the log restored or replaced

    def __init__(self, get_settings: Callable[[], Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.get_settings = get_settings
        self.store: Any = None
        self.record: Any = None  # the record shown in full
        # A cancelled correction, by (record, the version it would be), to show again.
        self.amend_drafts: dict[tuple[int, int], dict[str, Any]] = {}
        self.problem_error: Exception | None = None
        self._opened = False
        self._build_filters()
        self._build_table()
        self._build_buttons()
        self.results.show_waiting()
        self.results.headline.setText(translate("Choose a record to see it in full"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        # What the start-up check of the log found: plain words, a warning when it does not match.
        self.check_note = QLabel()
        self.check_note.setWordWrap(True)
        self.check_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.check_note.hide()
        self.checker: Any = None
        self.check_ok: bool | None = None
        # Records above, the chosen one in full below: the table keeps every column in view.
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.check_note)
        top_layout.addWidget(self.filters)
        self.file_buttons.insertWidget(0, self.status, 1)
        top_layout.addLayout(self.file_buttons)
        top_layout.addWidget(self.table, 1)
        top_layout.addLayout(self.buttons)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(self.results)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([400, 290])
        splitter.setChildrenCollapsible(False)
        self.problem = LogProblem()
        self.problem.new_button.clicked.connect(self.start_new_log)
        self.problem.restore_button.clicked.connect(self.restore_backup)
        self.problem.retry_button.clicked.connect(self.open_log)
        self.views = QStackedWidget()
        self.views.addWidget(splitter)
        self.views.addWidget(self.problem)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.views)
        self._update_buttons()
        from ui.pages.log.save import log_events

        log_events.record_saved.connect(self._record_saved)

    def _record_saved(self, _record_id: int) -> None:
        if self._opened:
            self.open_log() if self.store is None else self.recompute()

    # Building ---------------------------------------------------------------------------------
    def _build_filters(self) -> None:
        self.patient = _search_line("part of the name or identifier")
        self.rx = _search_line("whole Rx number")
        self.lot = _search_line("lot number (a recall finds every use)")
        self.date_from = self.watch(optional_date("from date", translate("from date")))
        self.date_to = self.watch(optional_date("to date", translate("to date")))
        self.current_only = QCheckBox(translate("Latest versions only"))
        for edit in (self.patient, self.rx, self.lot):
            edit.textChanged.connect(self.input_changed)
        self.current_only.toggled.connect(self.input_changed)
        self.filters = QGroupBox(translate("Search"))
        grid = QGridLayout(self.filters)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        dates = QHBoxLayout()
        dates.addWidget(self.date_from, 1)
        dates.addWidget(QLabel(translate("to")))
        dates.addWidget(self.date_to, 1)
        for row, column, label, widget in (
            (0, 0, "Patient:", self.patient),
            (0, 2, "Rx number:", self.rx),
            (1, 0, "Lot:", self.lot),
        ):
            grid.addWidget(QLabel(translate(label)), row, column)
            grid.addWidget(widget, row, column + 1)
        grid.addWidget(QLabel(translate("Compounded:")), 1, 2)
        grid.addLayout(dates, 1, 3)
        grid.addWidget(self.current_only, 2, 1)

    def _build_table(self) -> None:
        self.model = LogModel(self)
        self.table = row_table(self.model, translate("Compounding records"))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((56, 92, 66, 84, 120, 176, 88, 104)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().currentRowChanged.connect(self._row_selected)

    def _build_buttons(self) -> None:
        self.reprint_button = QPushButton(translate("Reprint…"))
        self.reprint_button.setToolTip(
            translate("The record's PDF exactly as first printed: preview, print or save")
        )
        self.recalculate_button = QPushButton(translate("Recalculate…"))
        self.recalculate_button.setToolTip(
            translate("Work the recipe out with today's program and show what differs from the saved record")
        )
        self.amend_button = QPushButton(translate("Amend…"))
        self.amend_button.setToolTip(
            translate("Save a corrected version with the reason; this version is kept")
        )
        self.sign_button = QPushButton(translate("Sign off…"))
        self.sign_button.setToolTip(translate("The checker signs the draft; it is final from then on"))
        self.export_button = QPushButton(translate("Export CSV…"))
        self.backup_button = QPushButton(translate("Backup…"))
        self.restore_button = QPushButton(translate("Restore…"))
        # The record's actions under the table, the log file's beside the count of records above
        # it: one row of seven would make the window wider than a small (800-pixel) screen.
        self.buttons, self.file_buttons = QHBoxLayout(), QHBoxLayout()
        for row, button, slot in (
            (self.buttons, self.reprint_button, self.reprint),
            (self.buttons, self.recalculate_button, self.recalculate),
            (self.buttons, self.amend_button, self.amend),
            (self.buttons, self.sign_button, self.sign_off),
            (self.file_buttons, self.export_button, self.export_csv),
            (self.file_buttons, self.backup_button, self.backup),
            (self.file_buttons, self.restore_button, self.restore_backup),
        ):
            button.clicked.connect(slot)
            row.addWidget(button)
        self.buttons.addStretch(1)

    def _update_buttons(self) -> None:
        record = self.record
        self.reprint_button.setEnabled(record is not None)
        self.recalculate_button.setEnabled(record is not None)
        self.amend_button.setEnabled(record is not None and record.current)
        unsigned = record is not None and record.current and not record.signed
        team = self.store is not None and self.store.has_users()
        if team and record is not None and record.current:
            # A log with users: the button gives the next signature the record needs.
            done = {str(signature.meaning) for signature in self.store.signatures(record.id)}
            needed = next((m for m in ("prepared", "verified", "released") if m not in done), None)
            self.sign_button.setText(
                translate("Sign as {meaning}…").format(meaning=translate(needed))
                if needed
                else translate("Signed")
            )
            self.sign_button.setToolTip(
                translate(
                    "Your password signs the record; the signature shows your name, the time and its meaning"
                )
            )
            self.sign_button.setEnabled(needed is not None)
        else:
            self.sign_button.setText(translate("Sign off…"))
            self.sign_button.setEnabled(unsigned)
        self.export_button.setEnabled(self.store is not None)
        self.backup_button.setEnabled(self.store is not None)

    # Opening ----------------------------------------------------------------------------------
    def start(self) -> None:
        # The log is opened when the page is first shown: start-up never waits for it. Its full
        # check starts now, in the background, and the page says what it found.
        self._started = True
        self.start_check()
        if self.isVisible():
            self.open_log()

    def start_check(self) -> None:
        from ldn_desk.desk.log import log_exists
        from ui.pages.log.check import LogCheck

        path = self.log_path()
        if not log_exists():
            return
        self.check_ok = None
        if self.checker is None:
            self.checker = LogCheck(self)
            self.checker.checked.connect(self._checked)
        self.check_note.setText(translate("Checking the log's records and their chain…"))
        self.check_note.setStyleSheet("")
        self.check_note.show()
        self.checker.start(path)

    def checked_signal(self) -> Any:
        """The running check's `checked` signal (made by start_check)."""
        from ui.pages.log.check import LogCheck

        if self.checker is None:
            self.checker = LogCheck(self)
            self.checker.checked.connect(self._checked)
        return self.checker.checked

    def _checked(self, ok: bool, words: str) -> None:
        self.check_ok = ok
        cautioned = ok and self.checker is not None and bool(self.checker.cautions)
        self.check_note.setText(words if ok and not cautioned else f"⚠ {words}")
        style = "" if ok else "QLabel { color: #9c1c1c; font-weight: bold; }"
        self.check_note.setStyleSheet("QLabel { color: #7a4b00; }" if cautioned else style)
        self.check_note.show()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._started:
            if self._opened:
                self.recompute()  # records saved from the other pages appear
            else:
                self.open_log()

    def log_path(self) -> Any:
        """The log in use: its file, or the shared database's URL (Settings → Log)."""
        from ldn_desk.desk.log import log_url_or_path

        return log_url_or_path()

    @property
    def shared(self) -> bool:
        return isinstance(self.log_path(), str)

    def apply_settings(self, settings: Any) -> None:
        super().apply_settings(settings)
        # Settings → Log chose another log: open that one (and check it) in place of the old.
        location = self.log_path()
        if self._opened and location != getattr(self, "_location", location):
            self.open_log()
            self.start_check()
        self._location = location

    def close_log(self) -> None:
        if self.store is not None:
            self.store.close()
        self.store = None

    def open_log(self) -> None:
        """Open the log in the data folder. A missing file is made when the first record is saved."""
        from ldn_desk.desk.log import LogFileError, Store
        from ldn_desk.errors import LdnDeskError

        self.close_log()
        self.problem_error = None
        self._opened = True
        from ldn_desk.desk.log import NoLogError, log_exists

        path = self.log_path()
        self._location = path
        try:
            if log_exists():
                self.store = Store.open(path, create=False)
        except NoLogError:
            pass  # an empty shared database: the log is made there when the first record is saved
        except LogFileError as error:
            self._show_problem(
                problem_title(error), f"The file {error.path} {error.problem}.\n\n{error.options}", error
            )
        except LdnDeskError as error:
            self._show_problem(problem_title(error), core_error(error), error)
        else:
            self.views.setCurrentIndex(0)
        self.recompute()
        self.log_opened.emit()

    def _show_problem(self, title: str, text: str, error: Exception) -> None:
        self.problem_error = error
        self.problem.show_problem(title, text)
        self.views.setCurrentIndex(1)

    # Searching --------------------------------------------------------------------------------
    def filters_now(self) -> dict[str, Any]:
        """The search fields as Store.search takes them (empty fields are no filter)."""
        return {
            "patient": self.patient.text().strip() or None,
            "date_from": self.date_from.value(),
            "date_to": self.date_to.value(),
            "lot": self.lot.text().strip() or None,
            "rx_number": self.rx.text().strip() or None,
            "current_only": self.current_only.isChecked(),
        }

    def compute(self) -> None:
        if not self._opened:
            return
        shown = self.record.id if self.record is not None else None
        if self.store is None:
            self.model.clear()
            self.status.setText(
                ""
                if self.problem_error
                else translate("No records yet: use Save to log on the Liquid or Capsules page.")
            )
            self.show_record(None)
            return
        from ldn_desk.errors import LdnDeskError

        filters = self.filters_now()
        store = self.store
        try:
            self.model.set_fetch(lambda offset, limit: store.search(**filters, limit=limit, offset=offset))
        except LdnDeskError as error:  # e.g. a to date before the from date: no rows, and why
            self.model.clear()
            self.status.setText(translate("Not searched — {error}").format(error=error))
            self.show_record(None)
            return
        count = self.model.rowCount()
        if count == 0:
            found = translate("No records match.") if any(filters.values()) else translate("No records yet.")
        else:
            said = (
                translate("{count} record, newest first")
                if count == 1
                else translate("{count} records, newest first")
            )
            found = said.format(count=f"{count}{'+' if self.model.has_more else ''}")
            if self.model.has_more:
                found += translate(" (scroll for more)")
        self.status.setText(found)
        self.select_record(shown)

    def on_no_result(self) -> None:
        if any(field.error() for field in self.fields):
            self.model.clear()  # a refused date shows no records, never the previous ones
            self.status.setText("")
            self.record = None
            self._update_buttons()

    def select_record(self, record_id: int | None) -> None:
        """Select the record in the table (loading pages until it is found) and show it in full."""
        row = None if record_id is None else self.model.row_of(record_id)
        while record_id is not None and row is None and self.model.canFetchMore():
            self.model.fetchMore()
            row = self.model.row_of(record_id)
        if row is None:
            self.table.clearSelection()
            self.show_record(None)
            return
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        self.show_record(record_id)

    def _row_selected(self, current: Any, _previous: Any) -> None:
        if current.isValid():
            self.show_record(self.model.row_at(current.row()).id)

    def show_record(self, record_id: int | None) -> None:
        from ldn_desk.errors import LdnDeskError
        from ui.pages.log import detail as log_detail

        if record_id is None or self.store is None:
            self.record = None
            self.results.has_result = False
            self.results.alerts.clear()
            self.results.details.clear()
            self.results.headline.setText(translate("Choose a record to see it in full"))
        else:
            try:
                record = self.store.record(record_id)
                history = self.store.history(record_id)
                signatures = self.store.signatures(record_id)
                trail = self.store.trail("record", record_id)
            except LdnDeskError as error:
                self.record = None
                self.results.show_error(core_error(error))
            else:
                self.record = record
                self.results.show_result(*log_detail.record_view(record, history, signatures, trail))
        self._update_buttons()

    # Actions ----------------------------------------------------------------------------------
    def _refused(self, title: str, error: Exception) -> None:
        QMessageBox.warning(self, title, core_error(error))

    def documents(self) -> list[DocumentChoice]:
        return [
            DocumentChoice(translate("Compounding record (as first printed)"), self.reprint_pdf),
            DocumentChoice(translate("Signatures and audit trail"), self.signatures_pdf),
        ]

    def signatures_pdf(self) -> bytes:
        """The shown record's signatures (meaning, printed name, role, time) and audit trail."""
        from ldn_desk.desk import Desk
        from ldn_desk.errors import LdnDeskError

        if self.record is None or self.store is None:
            raise LdnDeskError("choose a record in the table first")
        return Desk().signature_sheet_pdf(self.store, self.record.id)

    def reprint_pdf(self) -> bytes:
        """The shown record's PDF, byte for byte as first printed (an older record says it is not)."""
        from ldn_desk.desk import records
        from ldn_desk.errors import LdnDeskError

        if self.record is None or self.store is None:
            raise LdnDeskError("choose a record in the table first")
        copy = records.reprint(self.store, self.record.id)
        if not copy.as_first_printed:
            QMessageBox.information(self, translate("Printed again, not the first print"), copy.note)
        return copy.pdf

    def recalculate(self) -> None:
        """Today's program on the record's saved input, and what differs: shown, never saved."""
        from ldn_desk.desk import records
        from ldn_desk.errors import LdnDeskError

        if self.record is None or self.store is None:
            return
        try:
            check = records.recalculate(self.store, self.record.id)
        except LdnDeskError as error:
            self._refused(translate("Cannot recalculate"), error)
            return
        title = (
            translate("Same calculation today") if check.same else translate("Calculated differently today")
        )
        QMessageBox.information(self, title, check.summary())

    def reprint(self) -> None:
        from ldn_desk.errors import LdnDeskError
        from ui.widgets.preview import PreviewDialog

        try:
            data = self.reprint_pdf()
        except LdnDeskError as error:
            self._refused(translate("Cannot reprint"), error)
            return
        name = translate("Compounding record {record}").format(record=self.record.id)
        dialog = PreviewDialog(data, name, self.get_settings(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.last_preview = dialog

    def sign_off(self) -> None:
        from ldn_desk.errors import LdnDeskError

        record = self.record
        if record is None or self.store is None:
            return
        if self.store.has_users():
            self.sign_as_user(record.id)
            return
        name, ok = QInputDialog.getText(
            self, translate("Sign off record {record}").format(record=record.id), translate("Checked by:")
        )
        if not ok:
            return
        try:
            self.store.sign_off(record.id, name)
        except LdnDeskError as error:
            self._refused(translate("Not signed off"), error)
            return
        self._changed(record.id)

    def sign_as_user(self, record_id: int) -> None:
        """In a log with users: the next signature the record needs, with the signer's password."""
        from ldn_desk.errors import LdnDeskError
        from ui.team import signature_credentials

        assert self.store is not None
        done = {str(signature.meaning) for signature in self.store.signatures(record_id)}
        meaning = next((m for m in ("prepared", "verified", "released") if m not in done), None)
        if meaning is None:
            QMessageBox.information(
                self,
                translate("Signed"),
                translate("Record {record} is prepared, verified and released.").format(record=record_id),
            )
            return
        credentials = signature_credentials(self, meaning, record_id)
        if credentials is None:
            return
        try:
            self.store.sign(record_id, meaning, credentials)
        except LdnDeskError as error:
            self._refused(translate("Not signed"), error)
            return
        self._changed(record_id)

    def amend(self) -> None:
        from ldn_desk.errors import InputError
        from ui.pages.log.dialogs import AmendDialog

        record, store = self.record, self.store
        if record is None or store is None:
            return
        next_version = len(store.history(record.id)) + 1
        dialog = AmendDialog(record, next_version, self)
        # Cancelling never throws away what was typed: the same correction comes back next time,
        # while the record has no newer version.
        drafts = self.amend_drafts
        if (record.id, next_version) in drafts:
            dialog.restore(drafts[(record.id, next_version)])
        saved: list[int] = []

        def attempt() -> None:
            changes = dialog.changes()
            if not changes:
                raise InputError("changes", None, "there are none; change a field first", "a corrected lot")
            from ldn_desk.desk import records
            from ui.team import session

            by = session.credentials if store.has_users() else None
            saved.append(records.amend(store, record.id, changes, dialog.reason.text(), by=by))

        dialog.attempt = attempt
        if dialog.exec() == AmendDialog.DialogCode.Accepted and saved:
            drafts.pop((record.id, next_version), None)
            self._changed(saved[0])
        else:
            drafts[(record.id, next_version)] = dialog.typed()

    def _changed(self, select_id: int | None) -> None:
        self.recompute()
        self.select_record(select_id)
        self.log_changed.emit()

    # Files: export, backup, restore, new log (ui/pages/log/files.py) -----------------------------------
    def export_csv(self) -> None:
        from ui.pages.log.files import export_csv

        export_csv(self)

    def backup(self) -> None:
        from ui.pages.log.files import backup

        backup(self)

    def restore_backup(self) -> None:
        from ui.pages.log.files import restore_backup

        restore_backup(self)

    def start_new_log(self) -> None:
        from ui.pages.log.files import start_new_log

        start_new_log(self)
