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
from ui.i18n import core_text, translate
from ui.widgets.accessible import name_widgets
from ui.widgets.quiet_label import QuietLabel
from ui.widgets.required import RequiredFields
from ui.widgets.text import capitalised


def role_name(role: str) -> str:
    """A role as the app's language names it (the log keeps the English value)."""
    names = {
        "technician": translate("technician"),
        "pharmacist": translate("pharmacist"),
        "prescriber": translate("prescriber"),
        "administrator": translate("administrator"),
    }
    return names.get(str(role), str(role))


def _role_with_article(role: str) -> str:
    names = {
        "technician": translate("a technician"),
        "pharmacist": translate("a pharmacist"),
        "prescriber": translate("a prescriber"),
        "administrator": translate("an administrator"),
    }
    return names.get(str(role), str(role))


def permission_name(permission: str) -> str:
    """What a permission lets a user do, in the app's language."""
    names = {
        "save draft records": translate("save draft records"),
        "sign a record as prepared": translate("sign a record as prepared"),
        "receive lots": translate("receive lots"),
        "quarantine lots": translate("quarantine lots"),
        "verify records": translate("verify records"),
        "release records": translate("release records"),
        "correct signed records": translate("correct signed records"),
        "approve formulas": translate("approve formulas"),
        "approve lots": translate("approve lots"),
        "recall lots": translate("recall lots"),
        "save plans": translate("save plans"),
        "read the log": translate("read the log"),
    }
    return names.get(str(permission), str(permission))


def status_name(status: str) -> str:
    """A lot's or formula version's state, in the app's language."""
    names = {
        "received": translate("received"),
        "approved": translate("approved"),
        "quarantined": translate("quarantined"),
        "recalled": translate("recalled"),
        "superseded": translate("superseded"),
        "tablets": translate("tablets"),
        "powder": translate("powder"),
        "excipient": translate("excipient"),
    }
    return names.get(str(status), str(status))


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
        if self.user is None:
            return translate("Not signed in")
        return f"{self.user.name} ({role_name(self.user.role)})"


session = Session()


def _password(placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setPlaceholderText(placeholder or translate("password"))
    return edit


class CredentialsDialog(QDialog):
    """A name and a password; `attempt` runs on OK and a refusal is shown in the dialog."""

    def __init__(self, title: str, intro: str, name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.name = QLineEdit(name)
        self.name.setAccessibleName(translate("User name"))
        self.password = _password()
        self.password.setAccessibleName(translate("Password"))
        self.problem = QuietLabel()  # no room taken until a sign-in is refused
        self.problem.setStyleSheet("color: #b00020")
        form = QFormLayout()
        form.addRow(translate("Name:"), self.name)
        form.addRow(translate("Password:"), self.password)
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
        self.setMinimumWidth(_FORM_WIDTH)  # the intro reads as a line or two, not a column
        name_widgets(self)  # the buttons by their text
        self.name.setAccessibleName(translate("User name"))
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
            QMessageBox.information(parent, translate("No users yet"), translate(
                "This log has no users: records are signed with a typed name. An administrator adds users in "
                "Team ▸ Users…."))  # fmt: skip
            return False
    name = session.user.name if session.user else ""
    dialog = CredentialsDialog(
        translate("Who is working?"), translate("Sign in with your name and password."), name, parent
    )

    def attempt(credentials: Credentials) -> None:
        session.sign_in(credentials)

    dialog.attempt = attempt
    return dialog.exec() == QDialog.DialogCode.Accepted


def signature_credentials(parent: QWidget | None, meaning: str, record_id: int) -> Credentials | None:
    """The signer's password at the moment of signing (the name prefilled with who is working)."""
    name = session.user.name if session.user else ""
    shown = translate(meaning)  # prepared, verified, released
    dialog = CredentialsDialog(translate("Sign record {record} as {meaning}").format(record=record_id, meaning=shown),
                               translate("Your password signs record {record} as {meaning}; the signature shows "
                                         "your printed name, the date and time and its meaning.").format(
                                   record=record_id, meaning=shown), name, parent)  # fmt: skip
    taken: list[Credentials] = []
    dialog.attempt = taken.append
    return taken[0] if dialog.exec() == QDialog.DialogCode.Accepted and taken else None


def decision_credentials(parent: QWidget | None, plan_id: int) -> Credentials | None:
    """The prescriber's (or pharmacist's) password at the moment the review decision is recorded
    (the name prefilled with who is working); None when cancelled."""
    name = session.user.name if session.user else ""
    dialog = CredentialsDialog(translate("Record the review decision on plan {plan}").format(plan=plan_id),
                               translate("Your password records the decision as yours: your printed name, role "
                                         "and the time are saved with the plan's next version."),
                               name, parent)  # fmt: skip
    taken: list[Credentials] = []
    dialog.attempt = taken.append
    return taken[0] if dialog.exec() == QDialog.DialogCode.Accepted and taken else None


_FORM_WIDTH = 380  # a sign-in or team form: its intro on a line or two


def _table() -> QTableWidget:
    table = QTableWidget(0, 0)
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    table.horizontalHeader().setStretchLastSection(True)
    table.setMinimumWidth(640)
    return table


def _fill(table: QTableWidget, headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """The table's rows replaced in place: one table for the dialog's life, so nothing is left
    over it (a replaced table lingered until deleted, over the "Working: …" line)."""
    table.clear()
    table.setRowCount(len(rows))
    table.setColumnCount(len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    for row, values in enumerate(rows):
        for column, value in enumerate(values):
            table.setItem(row, column, QTableWidgetItem(str(value)))
    table.resizeColumnsToContents()
    # Every column in view (a formula's state is the last), as far as the screen allows.
    from ui.widgets.screen import room

    most = room(table)
    needed = sum(table.columnWidth(column) for column in range(len(headers)))
    needed += 2 * table.frameWidth() + table.verticalScrollBar().sizeHint().width()
    table.setMinimumWidth(max(640, min(needed, most.width() - 40)))
    shown_rows = sum(table.rowHeight(row) for row in range(min(len(rows), 10)))
    table.setMinimumHeight(
        min(table.horizontalHeader().sizeHint().height() + shown_rows + 8, most.height() // 2)
    )


class TeamDialog(QDialog):
    """A table of the log's users, lots or formulas, and the actions the user's role allows."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.layout_ = QVBoxLayout(self)
        # Who is working, or "Not signed in" (why the actions are disabled); a line with no one
        # to name is hidden, never left as a blank strip above the table.
        working = session.shown().strip()
        self.who = QLabel(translate("Working: {user}").format(user=working) if working else "")
        self.who.setVisible(bool(working))
        self.layout_.addWidget(self.who)
        self.table = _table()
        self.table.setAccessibleName(title)
        self.layout_.addWidget(self.table)
        self.buttons = QHBoxLayout()
        self.layout_.addLayout(self.buttons)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        self.layout_.addWidget(close)
        self.action_buttons: dict[str, QPushButton] = {}

    def set_rows(self, headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
        _fill(self.table, headers, rows)
        name_widgets(self)  # the action buttons, added by each dialog before its first rows

    def action(self, text: str, permission: Permission, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        allowed = translate(" or ").join(
            _role_with_article(role) for role in Role if permission in PERMISSIONS[role]
        )
        button.setEnabled(session.may(permission))
        button.setToolTip(
            translate("Only {roles} may {permission}").format(
                roles=allowed, permission=permission_name(permission)
            )
        )
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
            QMessageBox.warning(self, translate("Refused"), str(error))
        self.refresh()

    def refresh(self) -> None:  # each dialog fills its table
        pass


# What was typed into a cancelled team form (never a password), by its title and what it is
# about (the user or lot), to show again on that form only.
_drafts: dict[str, dict[str, str]] = {}


class AskDialog(QDialog):
    """A small team form whose every entry is required: OK marks what is still empty and the
    note under the form names it; cancelling keeps what was typed for the next time the same form
    is opened about the same thing (`about`: a user's name; the title already names a lot)."""

    def __init__(
        self, parent: QWidget, title: str, fields: Sequence[tuple[str, QWidget]], about: str = ""
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{title} — {about}" if about else title)  # whom the form is about
        self.setMinimumWidth(_FORM_WIDTH)
        self.title = f"{title}\n{about}" if about else title
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
        name_widgets(self)  # each entry by its label, the buttons by their text
        for label, widget in self._kept():
            if label in _drafts.get(self.title, {}):
                widget.setText(_drafts[self.title][label])

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


def _ask(parent: QWidget, title: str, fields: Sequence[tuple[str, QWidget]], about: str = "") -> bool:
    return AskDialog(parent, title, fields, about).exec() == QDialog.DialogCode.Accepted


def _need_credentials() -> Credentials:
    from ldn_desk.desk.log import AccessError

    if session.credentials is None:
        raise AccessError(translate("nobody is signed in: choose Team ▸ Switch user… first"))
    return session.credentials


class UsersDialog(TeamDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(translate("Users"), parent)
        self.users: list[User] = []
        self.action(translate("Add user…"), Permission.MANAGE_USERS, self.add_user)
        self.action(translate("Disable…"), Permission.MANAGE_USERS, lambda: self.set_active(False))
        self.action(translate("Enable…"), Permission.MANAGE_USERS, lambda: self.set_active(True))
        self.refresh()

    def refresh(self) -> None:
        from ldn_desk.desk.log import Store

        with Store.open_default() as store:
            self.users = store.users()
        self.set_rows((translate("Name"), translate("Initials"), translate("Role"), translate("State")),
                      [(u.name, u.initials, role_name(u.role), translate("active") if u.active else translate("disabled"))
                       for u in self.users])  # fmt: skip

    def add_user(self) -> None:
        from ldn_desk.desk.log import Store

        name, initials, password = QLineEdit(), QLineEdit(), _password(translate("at least 8 characters"))
        role = QComboBox()
        for each in Role:
            role.addItem(role_name(each), str(each))
        if _ask(
            self,
            translate("Add user"),
            [(translate("Name:"), name), (translate("Initials:"), initials), (translate("Role:"), role),
             (translate("Password:"), password)],
        ):  # fmt: skip
            with Store.open_default() as store:
                store.add_user(name.text(), initials.text(), str(role.currentData()), password.text(),
                               by=_need_credentials())  # fmt: skip

    def set_active(self, active: bool) -> None:
        from ldn_desk.desk.log import Store

        row = self.selected_row()
        if row is None:
            return
        reason = QLineEdit()
        title = translate("Enable user") if active else translate("Disable user")
        if _ask(self, title, [(translate("Reason:"), reason)], about=self.users[row].name):
            with Store.open_default() as store:
                store.set_user_active(self.users[row].name, active, reason.text(), by=_need_credentials())


class LotsDialog(TeamDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(translate("Lots"), parent)
        self.lots: list[Any] = []
        self.action(translate("Approve"), Permission.APPROVE_LOT, self.approve)
        self.action(translate("Quarantine…"), Permission.QUARANTINE_LOT, self.quarantine)
        self.action(translate("Recall…"), Permission.RECALL_LOT, self.recall)
        self.last_recall_pdf: bytes | None = None
        self.refresh()

    def refresh(self) -> None:
        from ldn_desk.desk.log import Store

        with Store.open_default() as store:
            self.lots = store.lots()
        heads = (translate("No."), translate("Lot"), translate("Material"), translate("Name"), translate("Maker"),
                 translate("Expiry"), translate("On hand"), translate("State"))  # fmt: skip
        # The lot's name and what is on hand in the app's language (the log keeps the core's words).
        self.set_rows(
            heads,
            [
                (
                    lot.id,
                    lot.lot,
                    status_name(lot.material),
                    capitalised(core_text(lot.name)),
                    lot.maker,
                    lot.expiry.isoformat(),
                    core_text(f"{lot.on_hand:g} {lot.unit}"),
                    status_name(lot.status),
                )
                for lot in self.lots
            ],
        )

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
        title = translate("Quarantine lot {lot}").format(lot=lot.lot) if lot is not None else ""
        if lot is not None and _ask(self, title, [(translate("Reason:"), reason)]):
            with Store.open_default() as store:
                store.quarantine_lot(lot.id, reason.text(), _need_credentials())

    def recall(self) -> None:
        from ldn_desk.desk import Desk
        from ldn_desk.desk.log import Store
        from ui.widgets.preview import PreviewDialog

        lot, reason = self._chosen(), QLineEdit()
        if lot is None or not _ask(
            self, translate("Recall lot {lot}").format(lot=lot.lot), [(translate("Reason:"), reason)]
        ):
            return
        with Store.open_default() as store:
            recalled, lines = store.recall_lot(lot.id, reason.text(), _need_credentials())
        self.last_recall_pdf = Desk().recall_pdf(recalled, lines, reason.text())
        preview = PreviewDialog(
            self.last_recall_pdf, translate("Recall list: lot {lot}").format(lot=lot.lot), None, self
        )
        preview.open()
        self.last_preview = preview


class FormulasDialog(TeamDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(translate("Formulas"), parent)
        self.mfrs: list[Any] = []
        self.action(translate("Approve this version"), Permission.APPROVE_FORMULA, self.approve)
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
                    state = translate("draft (not approved)")
                elif mine.content_sha256 != mfr_sha(mfr)["sha256"]:
                    state = translate("changed since approval: needs a new version")
                else:
                    state = translate("{state} by {user}, {time}").format(
                        state=status_name(mine.status), user=mine.approved_by, time=mine.approved_at
                    )
                rows.append((mfr.id, mfr.version, mfr.title, state))
        heads = (translate("Formula"), translate("Version"), translate("Title"), translate("State"))
        self.set_rows(heads, rows)

    def approve(self) -> None:
        from ldn_desk.desk.log import Store
        from ldn_desk.desk.records import mfr_sha

        row = self.selected_row()
        if row is None:
            return
        mfr = self.mfrs[row]
        dialog = CredentialsDialog(translate("Approve {formula} version {version}").format(
                                       formula=mfr.id, version=mfr.version),
                                   translate("Your password approves this version of the formula."),
                                   session.user.name if session.user else "", self)  # fmt: skip

        def attempt(credentials: Credentials) -> None:
            with Store.open_default() as store:
                store.approve_formula(mfr.id, mfr.version, mfr_sha(mfr)["sha256"], credentials)

        dialog.attempt = attempt
        dialog.exec()
