"""Works out plan outcomes off the GUI thread, newest request first; a superseded one is dropped."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal


class PlanWorker(QObject):
    """One background thread that runs the latest job it is given.

    `run(job)` hands over a job (a call that works out an outcome) and returns its number; a job
    still waiting when a newer one comes is never run. When a job is done, `worked_out` carries
    its number and (True, outcome) or (False, the exception), on the GUI thread (queued). The page
    shows it only when the number is still the newest: a stale result never replaces a newer one.
    """

    worked_out = Signal(int, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._wake = threading.Condition()
        self._job: tuple[int, Callable[[], Any]] | None = None
        self._number = 0
        self._thread: threading.Thread | None = None

    @property
    def latest(self) -> int:
        """The number of the newest job handed over (0 before the first)."""
        return self._number

    def supersede(self) -> int:
        """Make every job handed over so far stale (the page showed something newer itself)."""
        with self._wake:
            self._number += 1
            self._job = None
            return self._number

    def run(self, job: Callable[[], Any]) -> int:
        with self._wake:
            self._number += 1
            self._job = (self._number, job)
            if self._thread is None:
                self._thread = threading.Thread(target=self._loop, name="ldn-desk-plan", daemon=True)
                self._thread.start()
            self._wake.notify()
            return self._number

    def _loop(self) -> None:
        while True:
            with self._wake:
                while self._job is None:
                    self._wake.wait()
                number, job = self._job
                self._job = None
            try:
                outcome: tuple[bool, Any] = (True, job())
            except Exception as error:  # handed to the GUI thread, which shows it
                outcome = (False, error)
            try:
                self.worked_out.emit(number, outcome)
            except RuntimeError:  # the page was closed while the job ran
                return
