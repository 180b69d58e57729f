"""Who is working: the signed-in user (a quick switch with the password), and the team's dialogs
— users, lots and formulas. What a role may not do is hidden or disabled here; the core refuses
it anyway (ldn_desk.store.users.PERMISSIONS is the one table both read)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ldn_desk.desk.log import PERMISSIONS, Credentials, Permission, Role, User
from ui.widgets.required import RequiredFields


class Session(QObject):
    """The user working now. The password is held for the sitting so drafts and lots can be
    saved without asking again; every signature asks for it again."""

    user_changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.user: User | None = None
        self._credentials: Credentials | None = None

    @property
    def credentials(self) -> Credentials | None:
        return self._credentials

    def sign_in(self, credentials: Credentials) -> User:
        from ldn_desk.desk.log import Store

        with Store.open_default() as store:
            user = store.sign_in(credentials)
        self.user, self._credentials = user, Credentials(user.name, credentials.password)
        self.user_changed.emit()
        return user

    def sign_out(self) -> None:
        self.user, self._credentials = None, None
        self.user_changed.emit()

    def may(self, permission: Permission) -> bool:
        return self.user is not None and self.user.may(permission)

    def shown(self) -> str:
        return "Not signed in" if self.user is None else f"{self.user.name} ({self.user.role})"


session = Session()


def _password(placeholder: str = "password") -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setPlaceholderText(placeholder)
    return edit


class CredentialsDialog(QDialog):
    """A name and a password; `attempt` runs on OK and a refusal is shown in the dialog."""

    def __init__(self, title: str, intro: str, name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.name = QLineEdit(name)
        self.name.setAccessibleName("User name")
        self.password = _password()
        self.password.setAccessibleName("Password")
        self.problem = QLabel("")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020")
        form = QFormLayout()
        form.addRow("Name:", self.name)
        form.addRow("Password:", self.password)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._ok)
        buttons.rejected.connect(self.reject)
        self.required = RequiredFields(buttons.button(QDialogButtonBox.StandardButton.Ok))
        self.required.add_form(form, self.name, self.password)
        layout = QVBoxLayout(self)
        label = QLabel(intro)
        label.setWordWrap(True)
        layout.addWidget(label)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.required.note)
        layout.addWidget(buttons)
        if name:
            self.password.setFocus()
        self.attempt: Callable[[Credentials], None] = lambda _credentials: None

    def credentials(self) -> Credentials:
        return Credentials(self.name.text().strip(), self.password.text())

    def _ok(self) -> None:
        from ldn_desk.errors import LdnDeskError

        if not self.required.check_all():
            return  # the empty field is marked and has the focus; the note says which
        try:
            self.attempt(self.credentials())
        except LdnDeskError as error:
            self.problem.setText(str(error))
            self.password.clear()
            return
        self.accept()


def switch_user(parent: QWidget | None = None) -> bool:
    """Ask who is working (name and password); True when someone signed in."""
    from ldn_desk.desk.log import Store

    with Store.open_default() as store:
        if not store.has_users():
            QMessageBox.information(parent, "No users yet", "This log has no users: records are signed with a "
                                    "typed name. An administrator adds users in Team ▸ Users….")  # fmt: skip
            return False
    name = session.user.name if session.user else ""
    dialog = CredentialsDialog("Who is working?", "Sign in with your name and password.", name, parent)

    def attempt(credentials: Credentials) -> None:
        session.sign_in(credentials)

    dialog.attempt = attempt
    return dialog.exec() == QDialog.DialogCode.Accepted


def signature_credentials(parent: QWidget | None, meaning: str, record_id: int) -> Credentials | None:
    """The signer's password at the moment of signing (the name prefilled with who is working)."""
    name = session.user.name if session.user else ""
    dialog = CredentialsDialog(f"Sign record {record_id} as {meaning}",
                               f"Your password signs record {record_id} as {meaning}; the signature shows your "
                               "printed name, the date and time and its meaning.", name, parent)  # fmt: skip
    taken: list[Credentials] = []
    dialog.attempt = taken.append
    return taken[0] if dialog.exec() == QDialog.DialogCode.Accepted and taken else None


def decision_credentials(parent: QWidget | None, plan_id: int) -> Credentials | None:
    """The prescriber's (or pharmacist's) password at the moment the review decision is recorded
    (the name prefilled with who is working); None when cancelled."""
    name = session.user.name if session.user else ""
    dialog = CredentialsDialog(f"Record the review decision on plan {plan_id}",
                               "Your password records the decision as yours: your printed name, role and the "
                               "time are saved with the plan's next version.", name, parent)  # fmt: skip
    taken: list[Credentials] = []
    dialog.attempt = taken.append
    return taken[0] if dialog.exec() == QDialog.DialogCode.Accepted and taken else None


def _table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> QTableWidget:
    table = QTableWidget(len(rows), len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    for row, values in enumerate(rows):
        for column, value in enumerate(values):
            table.setItem(row, column, QTableWidgetItem(str(value)))
    table.resizeColumnsToContents()
    table.horizontalHeader().setStretchLastSection(True)
    table.setMinimumWidth(640)
    return table


class TeamDialog(QDialog):
    """A table of the log's users, lots or formulas, and the actions the user's role allows."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.layout_ = QVBoxLayout(self)
        self.who = QLabel(f"Working: {session.shown()}")
        self.layout_.addWidget(self.who)
        self.table = _table((), [])
        self.layout_.addWidget(self.table)
        self.buttons = QHBoxLayout()
        self.layout_.addLayout(self.buttons)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        self.layout_.addWidget(close)
        self.action_buttons: dict[str, QPushButton] = {}

    def set_rows(self, headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
        table = _table(headers, rows)
        self.layout_.replaceWidget(self.table, table)
        self.table.deleteLater()
        self.table = table

    def action(self, text: str, permission: Permission, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        allowed = " or ".join(str(role) for role in Role if permission in PERMISSIONS[role])
        button.setEnabled(session.may(permission))
        button.setToolTip(f"Only {'an' if allowed[0] in 'aeiou' else 'a'} {allowed} may {permission}")
        button.clicked.connect(lambda: self._run(slot))
        self.buttons.addWidget(button)
        self.action_buttons[text] = button
        return button

    def selected_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return rows[0].row() if rows else None

    def _run(self, slot: Callable[[], None]) -> None:
        from ldn_desk.errors import LdnDeskError

        try:
            slot()
        except LdnDeskError as error:
            QMessageBox.warning(self, "Refused", str(error))
        self.refresh()

    def refresh(self) -> None:  # each dialog fills its table
        pass


# What was typed into a cancelled team form (never a password), by its title, to show again.
_drafts: dict[str, dict[str, str]] = {}


class AskDialog(QDialog):
    """A small team form whose every entry is required: OK marks what is still empty and the
    note under the form names it; cancelling keeps what was typed for the next time."""

    def __init__(self, parent: QWidget, title: str, fields: Sequence[tuple[str, QWidget]]) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.title = title
        self.fields = list(fields)
        form = QFormLayout(self)
        for label, widget in fields:
            form.addRow(label, widget)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.required = RequiredFields(buttons.button(QDialogButtonBox.StandardButton.Ok))
        entries = [widget for _label, widget in fields if isinstance(widget, QLineEdit)]
        self.required.add_form(form, *entries)
        form.addRow(self.required.note)
        form.addRow(buttons)
        for label, widget in self._kept():
            if label in _drafts.get(title, {}):
                widget.setText(_drafts[title][label])

    def _kept(self) -> list[tuple[str, QLineEdit]]:
        return [(label, widget) for label, widget in self.fields
                if isinstance(widget, QLineEdit) and widget.echoMode() == QLineEdit.EchoMode.Normal]  # fmt: skip

    def accept(self) -> None:
        if self.required.check_all():
            _drafts.pop(self.title, None)
            super().accept()

    def reject(self) -> None:
        _drafts[self.title] = {label: widget.text() for label, widget in self._kept()}
        super().reject()


def _ask(parent: QWidget, title: str, fields: Sequence[tuple[str, QWidget]]) -> bool:
    return AskDialog(parent, title, fields).exec() == QDialog.DialogCode.Accepted


def _need_credentials() -> Credentials:
    from ldn_desk.desk.log import AccessError

    if session.credentials is None:
        raise AccessError("nobody is signed in: choose Team ▸ Switch user… first")
    return session.credentials


class UsersDialog(TeamDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Users", parent)
        self.users: list[User] = []
        self.action("Add user…", Permission.MANAGE_USERS, self.add_user)
        self.action("Disable…", Permission.MANAGE_USERS, lambda: self.set_active(False))
        self.action("Enable…", Permission.MANAGE_USERS, lambda: self.set_active(True))
        self.refresh()

    def refresh(self) -> None:
        from ldn_desk.desk.log import Store

        with Store.open_default() as store:
            self.users = store.users()
        self.set_rows(("Name", "Initials", "Role", "State"),
                      [(u.name, u.initials, u.role, "active" if u.active else "disabled") for u in self.users])  # fmt: skip

    def add_user(self) -> None:
        from ldn_desk.desk.log import Store

        name, initials, password = QLineEdit(), QLineEdit(), _password("at least 8 characters")
        role = QComboBox()
        role.addItems([str(r) for r in Role])
        if _ask(
            self,
            "Add user",
            [("Name:", name), ("Initials:", initials), ("Role:", role), ("Password:", password)],
        ):
            with Store.open_default() as store:
                store.add_user(name.text(), initials.text(), role.currentText(), password.text(),
                               by=_need_credentials())  # fmt: skip

    def set_active(self, active: bool) -> None:
        from ldn_desk.desk.log import Store

        row = self.selected_row()
        if row is None:
            return
        reason = QLineEdit()
        if _ask(self, "Enable user" if active else "Disable user", [("Reason:", reason)]):
            with Store.open_default() as store:
                store.set_user_active(self.users[row].name, active, reason.text(), by=_need_credentials())


class LotsDialog(TeamDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Lots", parent)
        self.lots: list[Any] = []
        self.action("Approve", Permission.APPROVE_LOT, self.approve)
        self.action("Quarantine…", Permission.QUARANTINE_LOT, self.quarantine)
        self.action("Recall…", Permission.RECALL_LOT, self.recall)
        self.last_recall_pdf: bytes | None = None
        self.refresh()

    def refresh(self) -> None:
        from ldn_desk.desk.log import Store

        with Store.open_default() as store:
            self.lots = store.lots()
        self.set_rows(("No.", "Lot", "Material", "Name", "Maker", "Expiry", "On hand", "State"),
                      [(lot.id, lot.lot, lot.material, lot.name, lot.maker, lot.expiry.isoformat(),
                        f"{lot.on_hand:g} {lot.unit}", lot.status) for lot in self.lots])  # fmt: skip

    def _chosen(self) -> Any:
        row = self.selected_row()
        return None if row is None else self.lots[row]

    def approve(self) -> None:
        from ldn_desk.desk.log import Store

        lot = self._chosen()
        if lot is not None:
            with Store.open_default() as store:
                store.approve_lot(lot.id, _need_credentials())

    def quarantine(self) -> None:
        from ldn_desk.desk.log import Store

        lot, reason = self._chosen(), QLineEdit()
        if lot is not None and _ask(self, f"Quarantine lot {lot.lot}", [("Reason:", reason)]):
            with Store.open_default() as store:
                store.quarantine_lot(lot.id, reason.text(), _need_credentials())

    def recall(self) -> None:
        from ldn_desk.desk import Desk
        from ldn_desk.desk.log import Store
        from ui.widgets.preview import PreviewDialog

        lot, reason = self._chosen(), QLineEdit()
        if lot is None or not _ask(self, f"Recall lot {lot.lot}", [("Reason:", reason)]):
            return
        with Store.open_default() as store:
            recalled, lines = store.recall_lot(lot.id, reason.text(), _need_credentials())
        self.last_recall_pdf = Desk().recall_pdf(recalled, lines, reason.text())
        preview = PreviewDialog(self.last_recall_pdf, f"Recall list: lot {lot.lot}", None, self)
        preview.open()
        self.last_preview = preview


class FormulasDialog(TeamDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Formulas", parent)
        self.mfrs: list[Any] = []
        self.action("Approve this version", Permission.APPROVE_FORMULA, self.approve)
        self.refresh()

    def refresh(self) -> None:
        from ldn_desk.desk import Desk
        from ldn_desk.desk.log import Store
        from ldn_desk.desk.records import mfr_sha

        self.mfrs = list(Desk().mfrs())
        rows = []
        with Store.open_default() as store:
            for mfr in self.mfrs:
                known = {v.version: v for v in store.formula_versions(mfr.id)}
                mine = known.get(mfr.version)
                if mine is None:
                    state = "draft (not approved)"
                elif mine.content_sha256 != mfr_sha(mfr)["sha256"]:
                    state = "changed since approval: needs a new version"
                else:
                    state = f"{mine.status} by {mine.approved_by}, {mine.approved_at}"
                rows.append((mfr.id, mfr.version, mfr.title, state))
        self.set_rows(("Formula", "Version", "Title", "State"), rows)

    def approve(self) -> None:
        from ldn_desk.desk.log import Store
        from ldn_desk.desk.records import mfr_sha

        row = self.selected_row()
        if row is None:
            return
        mfr = self.mfrs[row]
        dialog = CredentialsDialog(f"Approve {mfr.id} version {mfr.version}",
                                   "Your password approves this version of the formula.",
                                   session.user.name if session.user else "", self)  # fmt: skip

        def attempt(credentials: Credentials) -> None:
            with Store.open_default() as store:
                store.approve_formula(mfr.id, mfr.version, mfr_sha(mfr)["sha256"], credentials)

        dialog.attempt = attempt
        dialog.exec()
