"""Runs a core call whose time has no fixed bound off the GUI thread, waiting for it only briefly.

Some searches in the core (the capsule-strength advisor over many odd doses) can run for a long
time. The window must never freeze: the call runs in a daemon thread, the page waits a moment,
and if the answer is not ready it says so and is told again (`finished_late`) when it is.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Any

from PySide6.QtCore import QObject, Signal

WAIT_S = 0.3  # long enough for every ordinary plan (milliseconds), short enough not to feel stuck
_CACHE_SIZE = 64


class Pending(Exception):
    """The answer is still being worked out in the background."""


class BoundedCall(QObject):
    finished_late = Signal()  # a call that outlasted the wait has now finished (GUI thread)

    def __init__(self, parent: QObject | None = None, wait_s: float = WAIT_S) -> None:
        super().__init__(parent)
        self.wait_s = wait_s
        self._results: dict[Hashable, tuple[bool, Any]] = {}
        self._running: Hashable | None = None
        self._lock = threading.Lock()

    def call(self, key: Hashable, work: Callable[[], Any]) -> Any:
        """The result of `work()` (cached by `key`), its exception re-raised, or Pending."""
        with self._lock:
            if key in self._results:
                return self._unwrap(self._results[key])
            if self._running is not None:
                raise Pending  # one long search at a time; the latest input is asked for after it
            self._running = key
            done = threading.Event()
        late = [False]

        def run() -> None:
            try:
                outcome: tuple[bool, Any] = (True, work())
            except Exception as error:  # handed to the GUI thread, which shows it
                outcome = (False, error)
            with self._lock:
                if len(self._results) >= _CACHE_SIZE:
                    self._results.pop(next(iter(self._results)))
                self._results[key] = outcome
                self._running = None
                done.set()
                if late[0]:
                    self.finished_late.emit()

        threading.Thread(target=run, name="ldn-desk-search", daemon=True).start()
        if not done.wait(self.wait_s):
            with self._lock:
                if not done.is_set():
                    late[0] = True
                    raise Pending
        return self._unwrap(self._results[key])

    @staticmethod
    def _unwrap(outcome: tuple[bool, Any]) -> Any:
        ok, value = outcome
        if ok:
            return value
        raise value
