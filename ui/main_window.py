"""The main window: a page per job, a sidebar and Ctrl+1 to Ctrl+4 to move, menus with standard keys."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

# Not Qt's `Qt` namespace here: building it costs about 15 ms, a tenth of the start-up budget.
from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ui import CHECK_STATEMENT
from ui.i18n import core_error
from ui.settings.window_state import load_window_state, save_window_state

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtGui import QCloseEvent

    from ui.pages.base import DocumentChoice, Page
    from ui.settings.store import AppSettings

PAGE_TITLES = ("Titration plan", "Liquid", "Capsules", "Log")  # shown translated (self.tr)


class MainWindow(QMainWindow):
    pages_started = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("LDN Desk")
        # The pages (and the core behind them) are built on the first turn of the event loop,
        # once this frame is on screen; until then each page is an empty placeholder.
        self.pages: list[Page] = []
        self._log_chosen = False  # the core pointed at the log of the settings (use_log)
        self.stack = QStackedWidget()
        self.sidebar = QListWidget()
        self.sidebar.setAccessibleName(self.tr("Pages"))
        self.sidebar.setFixedWidth(170)
        for number, title in enumerate([self.tr(title) for title in PAGE_TITLES], 1):
            item = QListWidgetItem(title)
            item.setToolTip(f"{title} (Ctrl+{number})")
            item.setSizeHint(QSize(150, 34))
            self.sidebar.addItem(item)
            self.stack.addWidget(QWidget())
        self.sidebar.currentRowChanged.connect(self._show_page)
        self._right = QVBoxLayout()
        self._right.setContentsMargins(0, 0, 0, 0)
        self._right.addWidget(self.stack, 1)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(8, 8, 12, 8)
        layout.setSpacing(12)
        layout.addWidget(self.sidebar)
        layout.addLayout(self._right, 1)
        self.setCentralWidget(central)
        self._build_menus()
        self._restore_window()
        # Until start_first_page has loaded the engines and built the page on screen.
        self.statusBar().showMessage(self.tr("Loading the calculation engines…"))

    def _build_late(self) -> None:
        """The parts that can wait a frame: the document bar and the status line."""
        from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton

        from ui.widgets.icons import icon
        from ui.widgets.quiet_label import WrappedLine

        self.setWindowIcon(icon("app"))
        self.document_choice = QComboBox()
        self.document_choice.setAccessibleName(self.tr("Document"))
        self.document_choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 4, 0, 0)
        bar.addStretch(1)
        bar.addWidget(QLabel(self.tr("Document:")))
        bar.addWidget(self.document_choice)
        for text, slot in (
            (self.tr("Preview…"), self.preview_document),
            (self.tr("Print…"), self.print_document),
            (self.tr("Save as PDF…"), self.save_document),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            bar.addWidget(button)
        self._right.addLayout(bar)
        # On a narrow window or in a longer language it takes two lines, never cut.
        notice = WrappedLine(self.tr(CHECK_STATEMENT))
        notice.setContentsMargins(6, 0, 6, 0)
        self.check_notice = notice
        self.statusBar().addWidget(notice, 1)
        self.unsaved_status = QLabel()
        self.unsaved_status.setContentsMargins(6, 0, 6, 0)
        self.unsaved_status.setAccessibleName(self.tr("Unsaved changes"))
        self.statusBar().addPermanentWidget(self.unsaved_status)
        # Who is working is filled in with the other pages (_follow_user): the team's session
        # brings the log, which the plan's first results do not need.
        self.user_label = QLabel()
        self.user_label.setAccessibleName(self.tr("Working"))
        self.user_label.setToolTip(self.tr("Who is working (Team ▸ Switch user…, Ctrl+U)"))
        self.statusBar().addPermanentWidget(self.user_label)

    def _follow_user(self) -> None:
        from ui.team import session

        self._show_user()
        session.user_changed.connect(self._show_user)  # a method: disconnected when the window goes

    # Team -------------------------------------------------------------------------------------
    def switch_user(self) -> None:
        from ui.team import switch_user

        switch_user(self)

    def _show_user(self) -> None:
        from ui.team import session

        self.user_label.setText(session.shown())

    def _team_dialog(self, name: str) -> None:
        import ui.team

        dialog = getattr(ui.team, name)(self)
        self.last_team_dialog = dialog
        dialog.open()

    # Settings ---------------------------------------------------------------------------------
    def get_settings(self) -> AppSettings:
        return self.settings

    def apply_settings(self, settings: AppSettings) -> None:
        from ui.settings.store import save_settings, use_log

        self.settings = settings
        save_settings(settings)
        use_log(settings)
        for page in self.pages:
            page.apply_settings(settings)
            page.recompute()

    # Menus ------------------------------------------------------------------------------------
    def _action(self, text: str, slot: object, shortcut: Any = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            self._shortcuts.append((action, shortcut))
        action.triggered.connect(slot)
        self.addAction(action)  # shortcuts work even when the menu bar is hidden
        return action

    def install_shortcuts(self) -> None:
        """Give the actions their keys (those not given yet). Deferred until the page on screen
        has painted its first results (start_pages): Qt's first shortcut builds its shortcut map,
        some 20 ms the first results would otherwise wait for."""
        from PySide6.QtGui import QKeySequence

        standard = QKeySequence.StandardKey
        names = {
            "print": standard.Print,
            "save": standard.Save,
            "save as": standard.SaveAs,
            "quit": standard.Quit,
            "help": standard.HelpContents,
        }
        # Where the platform defines no standard key (some Linux desktops), use the usual one.
        usual = {
            "print": "Ctrl+P",
            "save": "Ctrl+S",
            "save as": "Ctrl+Shift+S",
            "quit": "Ctrl+Q",
            "help": "F1",
        }
        for action, shortcut in self._shortcuts:
            action.setShortcut(QKeySequence(names.get(shortcut, shortcut)))
            if action.shortcut().isEmpty() and shortcut in usual:
                action.setShortcut(QKeySequence(usual[shortcut]))
        self._shortcuts.clear()

    def _build_menus(self) -> None:
        self._shortcuts: list[tuple[QAction, str]] = []
        menu = self.menuBar()
        file_menu = menu.addMenu(self.tr("&File"))
        self.preview_action = self._action(self.tr("Pre&view…"), self.preview_document, "Ctrl+Shift+V")
        self.print_action = self._action(self.tr("&Print…"), self.print_document, "print")
        # Ctrl+S keeps the page's work (the plan for the patient, a draft record in the log);
        # the PDF of a document is Save as (Ctrl+Shift+S).
        self.save_action = self._action(self.tr("&Save"), self.save_work, "save")
        self.save_pdf_action = self._action(self.tr("Save as P&DF…"), self.save_document, "save as")
        self.settings_action = self._action(self.tr("Se&ttings…"), self.open_settings, "Ctrl+,")
        self.quit_action = self._action(self.tr("&Quit"), self.close, "quit")
        file_menu.addAction(self.save_action)
        file_menu.addSeparator()
        file_menu.addAction(self.preview_action)
        file_menu.addAction(self.print_action)
        file_menu.addAction(self.save_pdf_action)
        file_menu.addSeparator()
        file_menu.addAction(self.settings_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        # Undo and Redo of plan edits; their actions come with the Titration page (start_pages).
        self.edit_menu = menu.addMenu(self.tr("&Edit"))
        go_menu = menu.addMenu(self.tr("&Go"))
        self.page_actions: list[QAction] = []
        for number, title in enumerate([self.tr(title) for title in PAGE_TITLES], 1):
            action = self._action(title, lambda _=False, n=number - 1: self.show_page(n), f"Ctrl+{number}")
            go_menu.addAction(action)
            self.page_actions.append(action)
        team_menu = menu.addMenu(self.tr("&Team"))
        self.switch_user_action = self._action(self.tr("&Switch user…"), self.switch_user, "Ctrl+U")
        self.users_action = self._action(self.tr("&Users…"), lambda: self._team_dialog("UsersDialog"))
        self.lots_action = self._action(self.tr("&Lots…"), lambda: self._team_dialog("LotsDialog"))
        self.formulas_action = self._action(
            self.tr("&Formulas…"), lambda: self._team_dialog("FormulasDialog")
        )
        for action in (self.switch_user_action, self.users_action, self.lots_action, self.formulas_action):
            team_menu.addAction(action)
        help_menu = menu.addMenu(self.tr("&Help"))
        self.help_action = self._action(self.tr("LDN Desk &Help"), self.open_help, "help")
        self.about_action = self._action(self.tr("&About LDN Desk"), self.open_about)
        help_menu.addAction(self.help_action)
        help_menu.addAction(self.about_action)

    # Pages ------------------------------------------------------------------------------------
    def start_pages(self) -> None:
        """Build every page, load the core and show first results (start_first_page, then the
        others); called once the frame is on screen. A page switched to before this ran builds
        them at once."""
        self.start_first_page()
        self.install_shortcuts()
        if len(self.pages) == len(PAGE_TITLES):
            return
        from ui.pages.capsules import CapsulesPage
        from ui.pages.liquid import LiquidPage
        from ui.pages.log.page import LogPage
        from ui.pages.plan.page import PlanPage

        if not self._log_chosen:
            from ui import plain_imports
            from ui.settings.store import use_log

            with plain_imports():
                from ldn_desk.desk import load_engines

                load_engines()
            use_log(self.settings)
            self._log_chosen = True
        first = self.pages[0]
        kinds = (PlanPage, LiquidPage, CapsulesPage, LogPage)
        pages: list[Page] = [first if isinstance(first, kind) else kind(self.get_settings) for kind in kinds]
        for index, page in enumerate(pages):
            if page is not first:
                self._place(index, page)
        self.pages = pages
        plan, liquid, capsules = pages[:3]
        assert isinstance(plan, PlanPage) and isinstance(liquid, LiquidPage)
        assert isinstance(capsules, CapsulesPage)
        for page in pages:
            if page is not first:
                self._start(page)
        if not isinstance(first, PlanPage):
            self._add_undo(plan)
        from ui.widgets.accessible import name_widgets
        from ui.widgets.focus import chain, in_reading_order

        name_widgets(self)
        from ui.widgets.shared import share_text

        # The patient is typed once: the plan's handout and both recipe pages' record and label.
        holders = (plan.handout_fields, liquid.record_fields, capsules.record_fields)
        share_text([fields.patient for fields in holders])
        share_text([fields.patient_ref for fields in holders])
        # Tab: the sidebar, each page's form top to bottom and its results, then the document bar.
        central = self.centralWidget()
        if central is not None:
            chain(list(in_reading_order(central)))
        self.install_shortcuts()  # the plan's Undo and Redo, when another page was first
        self._follow_user()
        self._refresh_documents()
        self.show_unsaved()
        self.pages_started.emit()

    def start_first_page(self) -> None:
        """The page on screen first (the titration plan on a new computer): load the core, build
        it and show its first results, before the other pages are built."""
        if self.pages:
            return
        from ui import plain_imports
        from ui.settings.store import load_settings, use_log

        self.settings = load_settings()
        current = max(self.stack.currentIndex(), 0)
        # The plan's first results need the units and the plans; the recipes and the log (unless
        # it is shared, when it is pointed at from the start) follow with the other pages.
        self._log_chosen = current != 0 or self.settings.log_shared
        with plain_imports():  # the core imports no Qt: PySide's check of each module is skipped
            from ldn_desk.desk import PLAN_ENGINES, load_engines

            if self._log_chosen:
                load_engines()
            else:
                load_engines(PLAN_ENGINES)
        if self._log_chosen:
            use_log(self.settings)
        self._build_late()
        page = self._page_class(current)(self.get_settings)
        self._place(current, page)
        self.pages = [page]
        self.stack.setCurrentIndex(current)
        self._start(page)
        if current == 0:
            self._add_undo(page)
        self._refresh_documents()
        self.focus_page()
        self.statusBar().clearMessage()  # the page on screen works; the others follow at once
        self.check_notice.show()  # added while the message hid the status line's own widgets

    @staticmethod
    def _page_class(index: int) -> Callable[..., Page]:
        if index == 1:
            from ui.pages.liquid import LiquidPage

            return LiquidPage
        if index == 2:
            from ui.pages.capsules import CapsulesPage

            return CapsulesPage
        if index == 3:
            from ui.pages.log.page import LogPage

            return LogPage
        from ui.pages.plan.page import PlanPage

        return PlanPage

    def _place(self, index: int, page: Page) -> None:
        """Put `page` where its placeholder is in the stack."""
        placeholder = self.stack.widget(index)
        current = self.stack.currentIndex()
        self.stack.insertWidget(index, page)
        if placeholder is not None:
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
        self.stack.setCurrentIndex(current)

    def _start(self, page: Page) -> None:
        page.apply_settings(self.settings)
        page.start()
        page.unsaved_changed.connect(self.show_unsaved)
        page.results_updated.connect(self.show_unsaved)

    def after_start(self) -> None:
        """What the pages load once the window is in use (the document engine for the label sheet)."""
        self.start_pages()  # built by now, unless the machine is slow
        for page in self.pages:
            page.after_start()

    def _add_undo(self, plan: Any) -> None:
        """Edit ▸ Undo / Redo (Ctrl+Z, Ctrl+Shift+Z) of the plan's edits and entries; an entry
        being typed in keeps its own Ctrl+Z for the text."""
        self.undo_action = plan.undo_stack.createUndoAction(self, "&Undo")
        self.redo_action = plan.undo_stack.createRedoAction(self, "&Redo")
        self._shortcuts += [(self.undo_action, "Ctrl+Z"), (self.redo_action, "Ctrl+Shift+Z")]
        for action in (self.undo_action, self.redo_action):
            self.edit_menu.addAction(action)
            self.addAction(action)

    def show_page(self, index: int) -> None:
        """Go to a page (Ctrl+1 to Ctrl+4, the Go menu) and put the cursor in its first field."""
        self.sidebar.setCurrentRow(index)
        self.focus_page()

    def focus_page(self) -> None:
        page = self.current_page()
        if page is None:
            return  # not built yet (start-up): start_pages puts the cursor there
        from ui.widgets.focus import first_field

        field = first_field(page)
        if field is not None:
            field.setFocus()

    def _show_page(self, index: int) -> None:
        if 0 <= index < self.stack.count():
            if self.pages and len(self.pages) < len(PAGE_TITLES):
                self.start_pages()  # a page not built yet: build them now rather than show a blank
            self.stack.setCurrentIndex(index)
            # [*]: Qt shows the mark of unsaved changes there (setWindowModified).
            self.setWindowTitle(f"{self.tr(PAGE_TITLES[index])}[*] — LDN Desk")
            self._refresh_documents()

    def current_page(self) -> Page | None:
        page = self.stack.currentWidget()
        return page if self.pages and page in self.pages else None

    def _refresh_documents(self) -> None:
        if not self.pages:
            return  # the document bar is built with the pages
        self.document_choice.clear()
        page = self.current_page()
        for choice in page.documents() if page else []:
            self.document_choice.addItem(choice.name)

    def current_document(self) -> DocumentChoice | None:
        page = self.current_page()
        if page is None:
            return None
        choices = page.documents()
        index = self.document_choice.currentIndex()
        return choices[index] if 0 <= index < len(choices) else None

    def _document_bytes(self) -> tuple[DocumentChoice, bytes] | None:
        """Make the chosen document's PDF, or say why not (bad input, no result)."""
        from PySide6.QtWidgets import QMessageBox

        choice = self.current_document()
        page = self.current_page()
        if choice is None or page is None or not page.results.has_result:
            QMessageBox.information(
                self,
                self.tr("Nothing to print"),
                self.tr("There is no result to print yet: correct the marked entries first."),
            )
            return None
        from ldn_desk.errors import LdnDeskError

        try:
            return choice, choice.make()
        except LdnDeskError as error:
            QMessageBox.warning(self, self.tr("Cannot make the document"), core_error(error))
            return None

    def preview_document(self) -> None:
        made = self._document_bytes()
        if made is None:
            return
        from PySide6.QtCore import Qt

        from ui.widgets.preview import PreviewDialog

        choice, data = made
        dialog = PreviewDialog(data, choice.name, self.settings, self)
        page = self.current_page()
        dialog.patient = page.patient_name() if page else ""  # for the name Save as PDF proposes
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.last_preview = dialog

    def print_document(self) -> None:
        made = self._document_bytes()
        if made is None:
            return
        from ui.widgets.preview import print_pdf

        print_pdf(made[1], made[0].name, self, paper_size=self.settings.paper())

    def save_document(self) -> None:
        made = self._document_bytes()
        if made is None:
            return
        from ui.widgets.preview import save_pdf

        page = self.current_page()
        saved = save_pdf(made[1], made[0].name, self, page.patient_name() if page else "")
        if saved is not None:
            self.statusBar().showMessage(
                self.tr("Saved {document} to {file}").format(document=made[0].name, file=saved), 15_000
            )

    # Unsaved work -----------------------------------------------------------------------------
    def unsaved_pages(self) -> list[Page]:
        return [page for page in self.pages if page.has_unsaved()]

    def show_unsaved(self) -> None:
        """The window title's mark and the status line say what is not saved."""
        unsaved = self.unsaved_pages()
        self.setWindowModified(bool(unsaved))
        if hasattr(self, "unsaved_status"):
            what = ", ".join(page.unsaved_what() for page in unsaved)
            self.unsaved_status.setText(self.tr("Not saved: {what}").format(what=what) if unsaved else "")

    def save_work(self) -> None:
        """Ctrl+S: save the current page's work (the plan, a draft record)."""
        from PySide6.QtWidgets import QMessageBox

        page = self.current_page()
        if page is None:
            return
        if not page.save_work() and not page.form_state():
            QMessageBox.information(
                self, self.tr("Nothing to save"), self.tr("This page keeps nothing to save.")
            )
        self.show_unsaved()

    def confirm_discard(self, doing: str) -> bool:
        """Ask about each page's unsaved work; False when the person cancels (or a save fails)."""
        from ui.unsaved import Answer, ask_unsaved

        for page in self.unsaved_pages():
            self.show_page(self.pages.index(page))
            answer = ask_unsaved(self, page.unsaved_what(), doing)
            if answer == Answer.CANCEL or (answer == Answer.SAVE and not page.save_work()):
                return False
        return True

    # Dialogs ----------------------------------------------------------------------------------
    def open_settings(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from ui.settings.dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self)
        if dialog.exec() == SettingsDialog.DialogCode.Accepted and dialog.result_settings is not None:
            self.apply_settings(dialog.result_settings)
            if getattr(dialog, "password_said", None):
                QMessageBox.information(self, self.tr("Password not kept"), str(dialog.password_said))

    def open_help(self) -> None:
        from ui.about import HelpDialog

        HelpDialog(self).exec()

    def open_about(self) -> None:
        from ui.about import AboutDialog

        AboutDialog(self).exec()

    # Window state -----------------------------------------------------------------------------
    def _restore_window(self) -> None:
        geometry, page = load_window_state()
        from ui.widgets.screen import fit_window, keep_on_screen

        if geometry is None or not self.restoreGeometry(geometry):
            fit_window(self, 1100, 750)
        else:  # saved on a larger screen, or a screen since unplugged
            keep_on_screen(self)
        self.show_page(page if 0 <= page < len(PAGE_TITLES) else 0)

    def closeEvent(self, event: QCloseEvent) -> None:
        # Closing the window and Ctrl+Q (Quit closes it) ask first about unsaved work.
        if not self.confirm_discard(self.tr("closing LDN Desk")):
            event.ignore()
            return
        save_window_state(self.saveGeometry(), self.stack.currentIndex())
        super().closeEvent(event)
