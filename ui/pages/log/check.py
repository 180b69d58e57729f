"""The log's full check at start-up, off the GUI thread: rules, hash chain and content.

A log of 100,000 records takes a few seconds to check, so it runs in a thread with its own
connection (sqlite3's rule) and says what it found, in words, with `checked`.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal


class LogCheck(QObject):
    checked = Signal(bool, str)  # (everything matches, what to tell the person), on the GUI thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # The last check's cautions (a shared log signed in to as a role that can change its rules):
        # the log matches, and the page says so with them, marked as a caution.
        self.cautions: tuple[str, ...] = ()

    def start(self, path: Path) -> threading.Thread:
        thread = threading.Thread(target=self._run, args=(path,), name="ldn-desk-log-check", daemon=True)
        thread.start()
        return thread

    def _run(self, path: Path) -> None:
        from ldn_desk.desk.log import LogCheckError, Store
        from ldn_desk.errors import LdnDeskError
        from ldn_desk.units.dose_text import format_number
        from ui.i18n import app_speaking, core_error, core_text, translate

        # Said in the app's language: the findings are the core's, each translated whole.
        self.cautions = ()
        try:
            with Store.open(path, create=False) as store:
                found = store.check()
                count = store.count()
        except LogCheckError as error:
            words = [translate("The log was changed outside LDN Desk.")]
            if error.record_id:
                words.append(
                    translate("Record {record} is the first that does not match.").format(
                        record=error.record_id
                    )
                )
            words.append("; ".join(core_text(finding) for finding in error.findings[:3]) + ".")
            words.append(core_text(error.options))
            self.checked.emit(False, " ".join(words))
        except LdnDeskError as error:
            self.checked.emit(
                False, translate("The log could not be checked: {problem}").format(problem=core_error(error))
            )
        except Exception as error:  # a check must report, never take the window down
            self.checked.emit(False, translate("The log could not be checked ({kind}: {error})").format(
                kind=type(error).__name__, error=error))  # fmt: skip
        else:
            with app_speaking():
                records = format_number(count, 0)
            self.cautions = tuple(core_text(caution.text) for caution in found.cautions)
            words = [translate(
                "Log checked at start-up: its rules, its chain of {entries} entries and all {count} records match "
                "what LDN Desk saved.").format(entries=found.entries, count=records)]  # fmt: skip
            words += [translate("Caution: {caution}.").format(caution=caution) for caution in self.cautions]
            self.checked.emit(True, " ".join(words))
