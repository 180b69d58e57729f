"""The log's replace lock: saves share it; a restore or a new log holds it alone, for a moment.

A lock file beside the log (`.log.sqlite3.lock`, empty, never replaced) carries an advisory lock:
every write transaction of a Store holds it shared, and replacing the file holds it exclusively,
so no other LDN Desk can be writing to the old file while it is being replaced. Where the
platform has no `flock` (Windows) the lock is a no-op: there a file that is open cannot be
replaced at all, so the replace itself fails instead.
"""

from __future__ import annotations

import contextlib
import errno
import os
import time
from collections.abc import Iterator
from pathlib import Path

from ldn_desk.store.errors import LogBusyError, LogUnavailableError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

WAIT_S = 5.0  # as long as SQLite waits for a busy log
_POLL_S = 0.02
_NO_WRITE = (errno.EACCES, errno.EPERM, errno.EROFS)


def lock_path(log_path: Path) -> Path:
    return log_path.with_name(f".{log_path.name}.lock")


class LogLock:
    """The lock of one log path; one object per open Store (flock locks belong to an open file)."""

    def __init__(self, log_path: Path) -> None:
        self.path = lock_path(Path(log_path))
        self._fd: int | None = None

    def _open(self, create: bool = True) -> int | None:
        """The lock file's descriptor; None when the folder cannot be written (then nothing can
        replace the log either, so there is nothing to lock out), or, unless `create`, when no lock
        file exists yet (then nothing has replaced the log since it was made)."""
        if self._fd is None:
            flags = os.O_RDWR | getattr(os, "O_NOFOLLOW", 0) | (os.O_CREAT if create else 0)
            try:
                self._fd = os.open(self.path, flags, 0o600)
            except OSError as error:
                if error.errno in _NO_WRITE or error.errno in (errno.ENOENT, errno.ENOTDIR):
                    return None
                raise LogUnavailableError(
                    f"the log's lock file {self.path} could not be opened ({error.strerror}); nothing was changed"
                ) from None
        return self._fd

    def _take(self, exclusive: bool, busy: str, create: bool = True) -> bool:
        fd = self._open(create)
        if fd is None or fcntl is None:
            return False
        mode = (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB
        deadline = time.monotonic() + WAIT_S
        while True:
            try:
                fcntl.flock(fd, mode)
                return True
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise LogBusyError(busy) from None
                time.sleep(_POLL_S)

    def _release(self) -> None:
        if self._fd is not None and fcntl is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)

    @contextlib.contextmanager
    def shared(self, *, create: bool = True) -> Iterator[None]:
        """Held by a save: waits while a restore or a new log replaces the file, then says busy.
        Opening a log takes it with `create=False`, so that looking never leaves a file beside it."""
        taken = self._take(
            False,
            "the log is busy: another LDN Desk is replacing it (a restore or a new log); "
            "try again in a moment; nothing was changed",
            create,
        )
        try:
            yield
        finally:
            if taken:
                self._release()

    @contextlib.contextmanager
    def exclusive(self) -> Iterator[None]:
        """Held while the log is replaced: waits for saves under way, then says busy."""
        if self._open() is None and fcntl is not None:
            raise LogUnavailableError(
                f"the folder {self.path.parent} cannot be written, so the log there cannot be replaced; "
                "the log was left as it was"
            )
        taken = self._take(
            True,
            "the log is busy: another LDN Desk is saving to it or replacing it; the log was left as it was; "
            "try again in a moment",
        )
        try:
            yield
        finally:
            if taken:
                self._release()

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> LogLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
