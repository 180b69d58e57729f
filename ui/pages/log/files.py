"""The Log page's file actions: export as CSV, back up, restore a backup, start a new log.

Each asks with the system's file dialog, says what happened, and never deletes a file: a log that
is replaced is moved aside by the core.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog, QMessageBox

from ui.i18n import translate


def export_csv(page: Any) -> None:
    from ldn_desk.errors import LdnDeskError

    if page.store is None:
        return
    path, _filter = QFileDialog.getSaveFileName(
        page, translate("Export the records shown as CSV"), "ldn-desk-log.csv", translate("CSV (*.csv)")
    )
    if not path:
        return
    try:
        done = page.store.export_csv(path, **page.filters_now())
    except LdnDeskError as error:
        page._refused(translate("Not exported"), error)
        return
    QMessageBox.information(
        page,
        translate("Exported"),
        translate("Exported {records} records ({rows} rows, one per ingredient) to {file}").format(
            records=done.records, rows=done.rows, file=path
        ),
    )


def backup(page: Any) -> None:
    from ldn_desk.desk.log import file_stamp as stamp
    from ldn_desk.desk.log import verify
    from ldn_desk.errors import LdnDeskError
    from ldn_desk.paths import backup_dir, ensure_private_dir

    if page.store is None:
        return
    folder = ensure_private_dir(backup_dir())
    path, _filter = QFileDialog.getSaveFileName(
        page,
        translate("Back up the log"),
        str(folder / f"log-{stamp()}.sqlite3"),
        translate("LDN Desk log (*.sqlite3)"),
    )
    if not path:
        return
    try:
        written = page.store.backup(path)
        counts = verify(written)
    except LdnDeskError as error:
        page._refused(translate("No backup made"), error)
        return
    QMessageBox.information(
        page,
        translate("Backup made"),
        translate("Backup written and checked: {file} ({records} records, {plans} plans).").format(
            file=written, records=counts["record"], plans=counts["plan"]
        ),
    )


def _not_on_a_shared_log(page: Any, title: str) -> bool:
    """True (after saying why) when the log is a shared database: it is never replaced from one
    workstation; its backup restores on a single PC."""
    if not page.shared:
        return False
    QMessageBox.information(
        page, title, translate(
            "The log is a shared database, used by every workstation: it is never replaced from one "
            "of them. A backup of it restores on a single PC (choose This computer in Settings → Log first); a "
            "single-PC log moves to an empty shared database with `ldn-desk log move --to URL`."),
    )  # fmt: skip
    return True


def _replace_log(page: Any, replace: Any, refused: str, done: str, said: str, kept_as: str) -> None:
    """Close the log, let `replace` (log path -> where the old file was kept, or None) put another
    file in its place, and open what is there now; when it is refused the log reopens as it was."""
    from ldn_desk.errors import LdnDeskError

    if _not_on_a_shared_log(page, refused):
        return
    page.close_log()
    try:
        aside = replace(page.log_path())
    except (LdnDeskError, OSError) as error:
        # The file at the log's path is whole whatever went wrong: show it again, then say why.
        page.open_log()
        page._refused(refused, error)
        return
    page.record = None
    page.open_log()
    kept = f" {kept_as} {aside}." if aside else ""
    QMessageBox.information(page, done, f"{said}{kept}")
    page.log_changed.emit()


# Records named in the dialog before "and N more".
_LOSS_SHOWN = 40


def restore_backup(page: Any) -> None:
    from ldn_desk.desk.log import loss_if_restored, restore
    from ldn_desk.errors import LdnDeskError
    from ldn_desk.paths import backup_dir
    from ui.team import session

    if _not_on_a_shared_log(page, translate("Not restored")):
        return
    path, _filter = QFileDialog.getOpenFileName(
        page,
        translate("Restore a backup of the log"),
        str(backup_dir()),
        translate("LDN Desk log (*.sqlite3);;All files (*)"),
    )
    if not path:
        return
    try:
        loss = loss_if_restored(Path(path), page.log_path())
    except (LdnDeskError, OSError) as error:
        page._refused(translate("Not restored"), error)
        return
    if loss:
        answer = QMessageBox.question(
            page,
            translate("Restore an older backup?"),
            translate(
                "The backup {file} lacks what the log now holds: restoring it would drop {lost} from the log."
                "\n\nThey are not deleted: the current log is kept under a dated name beside it. "
                "Restore the backup anyway?"
            ).format(file=path, lost=loss.describe(_LOSS_SHOWN)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
    _replace_log(
        page,
        # Only the loss shown is accepted: a record saved since then stops the restore.
        lambda log: restore(Path(path), log, accept_loss=loss, by=session.credentials),
        translate("Not restored"),
        translate("Backup restored"),
        translate("The log now holds the backup {file}.").format(file=path),
        translate("The previous log was kept as"),
    )


def start_new_log(page: Any) -> None:
    from ldn_desk.desk.log import start_new_log

    answer = QMessageBox.question(
        page,
        translate("Start a new log"),
        translate(
            "Start a new, empty compounding log? The current file is kept, moved aside under a new name."
        ),
    )
    if answer != QMessageBox.StandardButton.Yes:
        return
    from ui.team import session

    by = session.credentials  # a log with users is replaced by its administrator, its team carried over
    _replace_log(
        page,
        lambda log: start_new_log(log, by=by),
        translate("No new log"),
        translate("New log started"),
        translate("A new, empty log was started."),
        translate("The previous file was kept as"),
    )
