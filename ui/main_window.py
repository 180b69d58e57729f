"""The main window: a page per job, a sidebar and Ctrl+1/2/3 to move, menus with standard keys."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ui.about import CHECK_STATEMENT
from ui.capsules_page import CapsulesPage
from ui.icons import icon
from ui.liquid_page import LiquidPage
from ui.page import DocumentChoice, Page
from ui.plan_page import PlanPage
from ui.settings import AppSettings, load_settings, load_window_state, save_settings, save_window_state


class MainWindow(QMainWindow):
    pages_started = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("LDN Desk")
        self.setWindowIcon(icon("app"))
        self.settings: AppSettings = load_settings()
        self.pages: list[Page] = [
            PlanPage(self.get_settings),
            LiquidPage(self.get_settings),
            CapsulesPage(self.get_settings),
        ]
        self.stack = QStackedWidget()
        self.sidebar = QListWidget()
        self.sidebar.setAccessibleName("Pages")
        self.sidebar.setFixedWidth(170)
        self.sidebar.setIconSize(QSize(0, 0))
        for number, page in enumerate(self.pages, 1):
            item = QListWidgetItem(page.title)
            item.setToolTip(f"{page.title} (Ctrl+{number})")
            item.setSizeHint(QSize(150, 34))
            self.sidebar.addItem(item)
            self.stack.addWidget(page)
        self.sidebar.currentRowChanged.connect(self._show_page)
        self.document_choice = QComboBox()
        self.document_choice.setAccessibleName("Document")
        self.document_choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        preview = QPushButton("Preview…")
        preview.clicked.connect(self.preview_document)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addStretch(1)
        bar.addWidget(QLabel("Document:"))
        bar.addWidget(self.document_choice)
        bar.addWidget(preview)
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(self.stack, 1)
        right.addLayout(bar)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(8, 8, 12, 8)
        layout.setSpacing(12)
        layout.addWidget(self.sidebar)
        layout.addLayout(right, 1)
        self.setCentralWidget(central)
        self._build_menus()
        notice = QLabel(CHECK_STATEMENT)
        notice.setContentsMargins(6, 0, 6, 0)
        self.statusBar().addWidget(notice, 1)
        self._restore_window()

    # Settings ---------------------------------------------------------------------------------
    def get_settings(self) -> AppSettings:
        return self.settings

    def apply_settings(self, settings: AppSettings) -> None:
        self.settings = settings
        save_settings(settings)
        for page in self.pages:
            page.apply_settings(settings)
            page.recompute()

    # Menus ------------------------------------------------------------------------------------
    def _action(self, text: str, slot: object, shortcut: QKeySequence | str | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.addAction(action)  # shortcuts work even when the menu bar is hidden
        return action

    def _build_menus(self) -> None:
        menu = self.menuBar()
        file_menu = menu.addMenu("&File")
        self.preview_action = self._action("Pre&view…", self.preview_document, "Ctrl+Shift+V")
        self.print_action = self._action("&Print…", self.print_document, QKeySequence.StandardKey.Print)
        self.save_action = self._action("&Save as PDF…", self.save_document, QKeySequence.StandardKey.Save)
        self.settings_action = self._action("Se&ttings…", self.open_settings, "Ctrl+,")
        self.quit_action = self._action("&Quit", self.close, QKeySequence.StandardKey.Quit)
        file_menu.addAction(self.preview_action)
        file_menu.addAction(self.print_action)
        file_menu.addAction(self.save_action)
        file_menu.addSeparator()
        file_menu.addAction(self.settings_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        go_menu = menu.addMenu("&Go")
        self.page_actions: list[QAction] = []
        for number, page in enumerate(self.pages, 1):
            action = self._action(
                page.title, lambda _=False, n=number - 1: self.show_page(n), f"Ctrl+{number}"
            )
            go_menu.addAction(action)
            self.page_actions.append(action)
        help_menu = menu.addMenu("&Help")
        self.help_action = self._action(
            "LDN Desk &Help", self.open_help, QKeySequence.StandardKey.HelpContents
        )
        if self.help_action.shortcut().isEmpty():
            self.help_action.setShortcut(QKeySequence("F1"))
        self.about_action = self._action("&About LDN Desk", self.open_about)
        help_menu.addAction(self.help_action)
        help_menu.addAction(self.about_action)

    # Pages ------------------------------------------------------------------------------------
    def start_pages(self) -> None:
        """Load the core and show first results; called once the window is on screen."""
        for page in self.pages:
            page.apply_settings(self.settings)
            page.start()
        self._refresh_documents()
        self.pages_started.emit()

    def show_page(self, index: int) -> None:
        self.sidebar.setCurrentRow(index)

    def _show_page(self, index: int) -> None:
        if 0 <= index < len(self.pages):
            self.stack.setCurrentIndex(index)
            self._refresh_documents()

    def current_page(self) -> Page:
        page = self.stack.currentWidget()
        assert isinstance(page, Page)
        return page

    def _refresh_documents(self) -> None:
        self.document_choice.clear()
        for choice in self.current_page().documents():
            self.document_choice.addItem(choice.name)

    def current_document(self) -> DocumentChoice | None:
        choices = self.current_page().documents()
        index = self.document_choice.currentIndex()
        return choices[index] if 0 <= index < len(choices) else None

    def _document_bytes(self) -> tuple[DocumentChoice, bytes] | None:
        """Make the chosen document's PDF, or say why not (bad input, no result)."""
        choice = self.current_document()
        page = self.current_page()
        if choice is None or not page.results.has_result:
            QMessageBox.information(
                self, "Nothing to print", "There is no result to print yet: correct the marked entries first."
            )
            return None
        from ldn_desk.errors import LdnDeskError

        try:
            return choice, choice.make()
        except LdnDeskError as error:
            QMessageBox.warning(self, "Cannot make the document", str(error))
            return None

    def preview_document(self) -> None:
        made = self._document_bytes()
        if made is None:
            return
        from ui.preview import PreviewDialog

        choice, data = made
        dialog = PreviewDialog(data, choice.name, self.settings, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.last_preview = dialog

    def print_document(self) -> None:
        made = self._document_bytes()
        if made is None:
            return
        from ui.preview import print_pdf

        print_pdf(made[1], made[0].name, self, paper_size=self.settings.paper_size)

    def save_document(self) -> None:
        made = self._document_bytes()
        if made is None:
            return
        from ui.preview import save_pdf

        save_pdf(made[1], made[0].name, self)

    # Dialogs ----------------------------------------------------------------------------------
    def open_settings(self) -> None:
        from ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self)
        if dialog.exec() == SettingsDialog.DialogCode.Accepted and dialog.result_settings is not None:
            self.apply_settings(dialog.result_settings)

    def open_help(self) -> None:
        from ui.about import HelpDialog

        HelpDialog(self).exec()

    def open_about(self) -> None:
        from ui.about import AboutDialog

        AboutDialog(self).exec()

    # Window state -----------------------------------------------------------------------------
    def _restore_window(self) -> None:
        geometry, page = load_window_state()
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1100, 750)
        self.show_page(page if 0 <= page < len(self.pages) else 0)

    def closeEvent(self, event: QCloseEvent) -> None:
        save_window_state(self.saveGeometry(), self.stack.currentIndex())
        super().closeEvent(event)
