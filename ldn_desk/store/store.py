"""The compounding log as one object: open it, save, sign off, amend, search, plan, back up."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import os
import sqlite3
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from types import TracebackType
from typing import Any, Concatenate, ParamSpec, TextIO, TypeVar, Unpack

from ldn_desk.store import audit, db, export, plans, records, search
from ldn_desk.store import backup as backups
from ldn_desk.store.errors import LogCheckError, LogFileError, LogUnavailableError
from ldn_desk.store.leftovers import Leftovers, tidy
from ldn_desk.store.lock import LogLock
from ldn_desk.store.plans import SavedPlan
from ldn_desk.store.records import NewRecord, Record
from ldn_desk.store.search import Filters

Clock = Callable[[], dt.datetime]
P = ParamSpec("P")
R = TypeVar("R")


def _reading(read: Callable[Concatenate[sqlite3.Connection, P], R]) -> Callable[Concatenate[Store, P], R]:
    """A Store method that reads the log with `read`, with errors a person can act on."""

    @functools.wraps(read)
    def method(store: Store, /, *args: P.args, **kwargs: P.kwargs) -> R:
        with db.translate_errors(store._path):
            return read(store._conn, *args, **kwargs)

    return method


class Store:
    """An open compounding log. Every method that writes is one transaction: all of it or nothing.

    Nothing can be deleted through it: a signed record is corrected by `amend`, which saves a new
    version pointing to the old one, and a plan's edits are new versions.
    """

    def __init__(
        self, conn: sqlite3.Connection, path: Path, clock: Clock = db.utc_now, *, lock: LogLock | None = None
    ) -> None:
        self._conn = conn
        self._path = path
        self._clock = clock
        self._identity = _identity(path)
        self._lock = lock or LogLock(path)
        # Temporary copies of the log a stopped run left behind: removed, or kept and named here.
        self.leftovers = Leftovers()

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, create: bool = True, clock: Clock = db.utc_now) -> Store:
        """Open the log at `path` (created if missing). Raises a LogFileError subclass when the file
        is damaged, another program's, or from a newer LDN Desk; that file is never changed."""
        target = Path(path)
        leftovers = tidy(target)
        lock = LogLock(target)
        try:
            with lock.shared(
                create=False
            ):  # creating or upgrading the log writes: never while it is replaced
                conn = db.open_log(target, create=create)
        except BaseException:
            lock.close()
            raise
        store = cls(conn, target, clock, lock=lock)
        store.leftovers = leftovers
        return store

    @classmethod
    def open_default(
        cls, data_dir: str | os.PathLike[str] | None = None, *, clock: Clock = db.utc_now
    ) -> Store:
        """The log in the data folder: `data_dir`, else $LDN_DESK_DATA_DIR, else the platform's."""
        from ldn_desk.paths import log_path

        return cls.open(log_path(data_dir), clock=clock)

    # -- life cycle ------------------------------------------------------------------------------

    @property
    def path(self) -> Path:
        return self._path

    @property
    def schema_version(self) -> int:
        return int(self._conn.execute("PRAGMA user_version").fetchone()[0])

    def close(self) -> None:
        self._conn.close()
        self._lock.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    @contextlib.contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        """One write transaction on the file this store opened, with errors a person can act on."""
        # A restore or a new log renames the file; a store still open must not write to the old one.
        # The shared lock keeps the file from being replaced between this check and the commit.
        with self._lock.shared():
            if _identity(self._path) != self._identity:
                raise LogUnavailableError(
                    f"the log at {self._path} was replaced while it was open (restored, or a new log "
                    "started); open it again; nothing was changed"
                )
            with db.translate_errors(self._path), db.transaction(self._conn) as conn:
                yield conn

    def _now(self) -> str:
        return self._clock().astimezone(dt.UTC).isoformat(timespec="seconds")

    # -- compounding records -----------------------------------------------------------------------

    def save_record(self, record: NewRecord) -> int:
        """Save a new record as a draft; returns its id."""
        with self._writing():
            record_id = records.insert(self._conn, record, now=self._now())
        return record_id

    def record(self, record_id: int) -> Record:
        with db.translate_errors(self._path):
            return records.load(self._conn, record_id)

    def printed_pdf(self, record_id: int) -> bytes | None:
        """The record's PDF exactly as first printed, checked against its SHA-256; None for a record
        saved without one (before the log kept them). Raises TamperedRecordError on a mismatch."""
        with db.translate_errors(self._path):
            return records.printed_pdf(self._conn, record_id)

    def sign_off(self, record_id: int, checked_by: str) -> Record:
        """The checker signs the draft; from then on it never changes. Returns the signed record."""
        with self._writing():
            records.sign_off(self._conn, record_id, checked_by, now=self._now())
        return self.record(record_id)

    def amend(self, record_id: int, changes: Mapping[str, Any], reason: str = "") -> int:
        """Save a corrected version of the record (a draft to sign again); returns the new id.

        `changes` holds NewRecord fields. A signed record needs the reason for the correction; a
        record that keeps its printed PDF needs the corrected version's PDF (`pdf`) as well.
        """
        with self._writing():
            new_id = records.amend(self._conn, record_id, changes, reason=reason, now=self._now())
        return new_id

    def history(self, record_id: int) -> list[Record]:
        """Every version of the record this id belongs to, the first first, the current last."""
        with db.translate_errors(self._path):
            return records.history(self._conn, record_id)

    # The filters are search.search's own, so one signature (and its documentation) serves both.
    search = _reading(search.search)

    def count(self) -> int:
        with db.translate_errors(self._path):
            return int(self._conn.execute("SELECT count(*) FROM record").fetchone()[0])

    # -- saved plans -------------------------------------------------------------------------------

    def save_plan(self, patient: str, plan: Mapping[str, Any], *, patient_ref: str = "", change: str = "created",
                  plan_id: int | None = None) -> SavedPlan:  # fmt: skip
        """Save a new plan for the patient, or, with plan_id, that plan's next version after an edit."""
        with self._writing():
            if plan_id is None:
                saved = plans.create(self._conn, patient, plan, patient_ref=patient_ref, change=change,
                                     now=self._now())  # fmt: skip
            else:
                saved = plans.add_version(self._conn, plan_id, patient, plan, change=change, now=self._now())
        return saved

    def plans_for(self, patient: str, patient_ref: str | None = None) -> list[SavedPlan]:
        """The latest version of each plan saved for the patient, newest first."""
        with db.translate_errors(self._path):
            return plans.for_patient(self._conn, patient, patient_ref)

    def rename_plan_patient(self, plan_id: int, patient: str) -> SavedPlan:
        """Correct the patient's name on a saved plan: a new version, the old name kept in its history."""
        with self._writing():
            return plans.rename(self._conn, plan_id, patient, now=self._now())

    def find_plans(self, text: str = "") -> list[SavedPlan]:
        """Saved plans by part of the patient's name or identifier; all of them for "" (newest first)."""
        with db.translate_errors(self._path):
            return plans.search(self._conn, text)

    def plan(self, plan_id: int, version: int | None = None) -> SavedPlan:
        with db.translate_errors(self._path):
            return plans.load(self._conn, plan_id, version)

    def plan_history(self, plan_id: int) -> list[SavedPlan]:
        with db.translate_errors(self._path):
            return plans.versions(self._conn, plan_id)

    # -- safety ----------------------------------------------------------------------------------

    def check(self) -> audit.Audit:
        """SQLite's full integrity check of every page, then the log's own (store/audit.py): its
        rules as created, its hash chain, every record's content and every kept PDF. Raises
        LogFileError for damaged pages, LogCheckError naming the first record that does not match."""
        problems = db.integrity_problems(self._conn, self._path)
        if problems:
            raise LogFileError(self._path, f"failed its integrity check ({'; '.join(problems[:3])})")
        with db.translate_errors(self._path):
            found = audit.audit(self._conn)
        if not found.ok:
            first = found.first_record
            where = f" (first record that does not match: {first})" if first is not None else ""
            raise LogCheckError(self._path, f"failed its check{where}: {found.summary()}", record_id=first,
                                findings=tuple(finding.text for finding in found.findings))  # fmt: skip
        return found

    def backup(self, destination: str | os.PathLike[str]) -> Path:
        """A verified one-file copy of the log at `destination` (which must not exist yet)."""
        with db.translate_errors(self._path):
            return backups.write_backup(self._conn, Path(destination))

    def export_csv(self, out: TextIO | str | os.PathLike[str], **filters: Unpack[Filters]) -> export.Exported:
        """The records matching the filters (as `search`) as CSV, to a stream or a new file."""
        with db.translate_errors(self._path):
            found = export.rows(self._conn, **filters)
            if isinstance(out, str | os.PathLike):
                return export.write_csv_file(found, Path(out))
            return export.write_csv(found, out)


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_dev, info.st_ino
