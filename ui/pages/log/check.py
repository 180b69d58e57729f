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

    def start(self, path: Path) -> threading.Thread:
        thread = threading.Thread(target=self._run, args=(path,), name="ldn-desk-log-check", daemon=True)
        thread.start()
        return thread

    def _run(self, path: Path) -> None:
        from ldn_desk.desk.log import LogCheckError, Store
        from ldn_desk.errors import LdnDeskError

        try:
            with Store.open(path, create=False) as store:
                found = store.check()
                count = store.count()
        except LogCheckError as error:
            where = f" Record {error.record_id} is the first that does not match." if error.record_id else ""
            self.checked.emit(False, f"The log was changed outside LDN Desk.{where} {'; '.join(error.findings[:3])}. "
                              f"{error.options}")  # fmt: skip
        except LdnDeskError as error:
            self.checked.emit(False, f"The log could not be checked: {error}")
        except Exception as error:  # a check must report, never take the window down
            self.checked.emit(False, f"The log could not be checked ({type(error).__name__}: {error})")
        else:
            self.checked.emit(True, f"Log checked at start-up: its rules, its chain of {found.entries} entries and "
                              f"all {count:,} records match what LDN Desk saved.")  # fmt: skip
