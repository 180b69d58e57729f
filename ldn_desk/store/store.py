"""The compounding log as one object: open it, save, sign off, amend, search, plan, back up."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import os
import sqlite3
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any, Concatenate, ParamSpec, TextIO, TypeVar, Unpack

from ldn_desk.errors import InputError
from ldn_desk.store import (
    audit,
    db,
    export,
    formulas,
    lots,
    network,
    pg,
    plans,
    records,
    search,
    signatures,
    trail,
    users,
)
from ldn_desk.store import backup as backups
from ldn_desk.store.errors import (
    AccessError,
    LogCheckError,
    LogFileError,
    LogUnavailableError,
    RecordError,
    SignInError,
)
from ldn_desk.store.formulas import FormulaVersion
from ldn_desk.store.leftovers import Leftovers, tidy
from ldn_desk.store.lock import LogLock
from ldn_desk.store.lots import Lot, NewLot, RecallLine
from ldn_desk.store.plans import SavedPlan
from ldn_desk.store.records import NewRecord, Record
from ldn_desk.store.search import Filters
from ldn_desk.store.signatures import Meaning, Signature
from ldn_desk.store.trail import TrailEntry
from ldn_desk.store.users import Credentials, Permission, User

Clock = Callable[[], dt.datetime]
DATABASE_ENV = "LDN_DESK_DATABASE"
# The shared database this program uses for its log (set by the app's Settings → Log), or None for
# the log on this computer; kept in memory only, as its URL may hold the password.
_chosen_database: list[str | None] = [None]


def use_database(url: str | None) -> None:
    """Make `Store.open_default` open the shared log at `url` (None: this computer's log again)."""
    _chosen_database[0] = url


def default_database() -> str | None:
    """The shared database chosen (use_database), else $LDN_DESK_DATABASE, else None."""
    return _chosen_database[0] or os.environ.get(DATABASE_ENV) or None


# Who the audit trail names for a change made in a log without users: nobody signed in.
NO_USER = "(not signed in: the log had no users)"
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
        self._shared: str | None = None  # the database URL of a shared log (PostgreSQL)
        # Temporary copies of the log a stopped run left behind: removed, or kept and named here.
        self.leftovers = Leftovers()

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, create: bool = True, clock: Clock = db.utc_now) -> Store:
        """Open the log at `path` (created if missing). Raises a LogFileError subclass when the file
        is damaged, another program's, or from a newer LDN Desk; that file is never changed."""
        if pg.is_url(path):
            return cls._open_shared(str(path), create=create, clock=clock)
        target = Path(path)
        if create or target.exists():
            network.refuse_network_log(target)
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
    def _open_shared(cls, url: str, *, create: bool, clock: Clock) -> Store:
        """The log on a shared PostgreSQL database (store/pg.py)."""
        conn = pg.open_log(url, create=create)
        store = cls.__new__(cls)
        store._conn = conn  # type: ignore[assignment]
        store._path = pg.shown(url)  # type: ignore[assignment]
        store._clock = clock
        store._identity = None
        store._lock = None  # type: ignore[assignment]
        store._shared = url
        store.leftovers = Leftovers()
        return store

    @property
    def shared(self) -> bool:
        """True for a log on a shared PostgreSQL database."""
        return self._shared is not None

    @property
    def location(self) -> str:
        """Where the log is: its file, or its database URL without the password."""
        return str(self._path)

    @classmethod
    def open_default(
        cls, data_dir: str | os.PathLike[str] | None = None, *, clock: Clock = db.utc_now
    ) -> Store:
        """The shared database's log when one is chosen (use_database, $LDN_DESK_DATABASE), else the
        log in the data folder: `data_dir`, else $LDN_DESK_DATA_DIR, else the platform's."""
        from ldn_desk.paths import log_path

        shared = default_database() if data_dir is None else None
        if shared is not None:
            return cls.open(shared, clock=clock)
        return cls.open(log_path(data_dir), clock=clock)

    # -- life cycle ------------------------------------------------------------------------------

    @property
    def path(self) -> Path:
        return self._path

    @property
    def schema_version(self) -> int:
        with db.translate_errors(self._path):
            return db.schema_version(self._conn)

    def close(self) -> None:
        self._conn.close()
        if self._lock is not None:
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
        if self._shared is not None:
            with pg.saving(self._conn, self._shared) as conn:  # type: ignore[arg-type]
                yield conn  # type: ignore[misc]
            return
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

    def save_record(self, record: NewRecord, *, by: Credentials | None = None,
                    draws: Sequence[tuple[int, float]] = ()) -> int:  # fmt: skip
        """Save a new record as a draft; returns its id. A log with users needs the signed-in user
        (`by`) whose role may save drafts, and the record must follow an approved formula version
        (its document's "mfr"). `draws`: (lot id, quantity in the lot's unit) drawn on; each must be
        approved and in date, the BUD no later than its expiry; what is on hand goes down."""
        actor = self._acting(by, Permission.SAVE_DRAFT)
        with self._writing() as conn:
            if actor is not None:
                actor = self._still(conn, actor, Permission.SAVE_DRAFT)
                formulas.followed(conn, record.document)

            def drawing(record_id: int) -> None:
                lots.draw(
                    conn, actor, record_id, record.compounded_on, record.bud, lots_drawn, now=self._now()
                )

            lots_drawn = tuple(draws)
            record_id = records.insert(
                conn, record, now=self._now(), with_rows=drawing if lots_drawn else None
            )
            if actor is not None:
                trail.add(conn, actor.id, actor.name, "record", str(record_id), "saved", "record", None,
                          trail.value({"status": "draft", "rx_number": record.rx_number}), "", now=self._now())  # fmt: skip
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
        """The checker signs the draft by typing a name (a log without users); from then on it never
        changes. Returns the signed record. A log with users is signed with `sign` instead."""
        with self._writing() as conn:
            if users.count(conn):
                raise AccessError(
                    "this log has users: a record is verified with the pharmacist's password "
                    f"(`ldn-desk log verify {int(record_id)} --as NAME`), not a typed name"
                )
            records.sign_off(conn, record_id, checked_by, now=self._now())
        return self.record(record_id)

    def amend(self, record_id: int, changes: Mapping[str, Any], reason: str = "", *,
              by: Credentials | None = None) -> int:  # fmt: skip
        """Save a corrected version of the record (a draft to sign again); returns the new id.

        `changes` holds NewRecord fields. A signed record needs the reason for the correction; a
        record that keeps its printed PDF needs the corrected version's PDF (`pdf`) as well. In a
        log with users, `by` is the user correcting it (a signed record: a pharmacist), and the
        audit trail keeps each changed field's old and new value with the reason.
        """
        actor = self._acting(by, Permission.SAVE_DRAFT)
        with self._writing() as conn:
            if actor is not None:
                actor = self._still(conn, actor, Permission.SAVE_DRAFT)
            old = records.load(conn, record_id)
            if actor is not None and old.signed:
                users.require(actor, Permission.CORRECT_SIGNED)
            new_id = records.amend(conn, record_id, changes, reason=reason, now=self._now())
            new = records.load(conn, new_id)
            who = (actor.id, actor.name) if actor is not None else (None, NO_USER)
            for name in sorted(changes):
                if name == "pdf":
                    continue
                before, after = _field(old, name), _field(new, name)
                if before != after:
                    trail.add(conn, who[0], who[1], "record", str(record_id), f"corrected by record {new_id}",
                              name, before, after, new.reason, now=self._now())  # fmt: skip
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
                  plan_id: int | None = None, based_on: int | None = None,
                  signed_by: User | None = None) -> SavedPlan:  # fmt: skip
        """Save a new plan for the patient, or, with plan_id, that plan's next version after an edit
        (based_on: the version edited; refused when another version was saved since). `signed_by`:
        the user whose signed decision the version holds (a review), checked again in this
        transaction, so one disabled since the password was checked saves nothing."""
        with self._writing() as conn:
            if signed_by is not None:
                self._still(conn, signed_by, Permission.SAVE_PLAN)
            if plan_id is None:
                saved = plans.create(self._conn, patient, plan, patient_ref=patient_ref, change=change,
                                     now=self._now())  # fmt: skip
            else:
                saved = plans.add_version(self._conn, plan_id, patient, plan, change=change, now=self._now(),
                                          based_on=based_on)  # fmt: skip
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

    # -- users, signatures and the audit trail ------------------------------------------------------

    def has_users(self) -> bool:
        """True once the log has a user: from then on work is done by signed-in users."""
        with db.translate_errors(self._path):
            return users.count(self._conn) > 0

    def users(self) -> list[User]:
        with db.translate_errors(self._path):
            return users.all_users(self._conn)

    def settings(self) -> dict[str, int]:
        with db.translate_errors(self._path):
            return {name: users.setting(self._conn, name) for name in ("one_person", "lockout_after")}

    def sign_in(self, credentials: Credentials) -> User:
        """The user these credentials belong to (a wrong password counts towards the lock-out)."""
        failure: SignInError | None = None
        with self._writing() as conn:  # the failure count is saved even though the sign-in fails
            try:
                user = users.authenticate(conn, credentials, now=self._now())
            except SignInError as error:
                failure = error
        if failure is not None:
            raise failure
        return user

    def _acting(self, by: Credentials | None, permission: Permission) -> User | None:
        """The signed-in user for work a role limits; None in a log without users (as before)."""
        if by is None:
            if self.has_users():
                raise AccessError(f"this log has users: sign in to {permission} (--as NAME)")
            return None
        user = self.sign_in(by)
        users.require(user, permission)
        return user

    @staticmethod
    def _still(conn: sqlite3.Connection, user: User, permission: Permission) -> User:
        """The user re-read in the write transaction (see users.still), with the permission still theirs."""
        fresh = users.still(conn, user)
        users.require(fresh, permission)
        return fresh

    def signed_in(self, credentials: Credentials, permission: Permission) -> tuple[User, str]:
        """The user of these credentials, the password checked now, active and with the permission;
        and that moment (UTC, ISO 8601), for work that records who did it."""
        user = self.sign_in(credentials)
        users.require(user, permission)
        return user, self._now()

    def add_user(self, name: str, initials: str, role: str, password: str, *,
                 by: Credentials | None = None) -> User:  # fmt: skip
        """A new user; the log's first is its administrator and needs no `by`, later ones an administrator's."""
        actor = None if by is None else self.sign_in(by)
        with self._writing() as conn:
            actor = None if actor is None else users.still(conn, actor)
            return users.add(conn, actor, name, initials, role, password, now=self._now())

    def set_user_active(self, name: str, active: bool, reason: str, *, by: Credentials) -> User:
        """Disable a user (or enable one again); an administrator's work, with the reason kept."""
        actor = self.sign_in(by)
        with self._writing() as conn:
            return users.set_active(conn, users.still(conn, actor), name, active, reason, now=self._now())

    def unlock_user(self, name: str, reason: str, *, by: Credentials) -> User:
        actor = self.sign_in(by)
        with self._writing() as conn:
            return users.unlock(conn, users.still(conn, actor), name, reason, now=self._now())

    def change_setting(self, name: str, value: int, reason: str, *, by: Credentials) -> None:
        """one_person (0/1): one pharmacist may prepare and verify; lockout_after: wrong passwords allowed."""
        actor = self.sign_in(by)
        with self._writing() as conn:
            users.change_setting(conn, users.still(conn, actor), name, value, reason, now=self._now())

    def sign(self, record_id: int, meaning: Meaning | str, credentials: Credentials) -> Signature:
        """Sign the record as prepared, verified or released with the signer's password at this moment.
        The signature, its chain entry and (for verified) the sign-off are one transaction."""
        user = self.sign_in(credentials)
        with self._writing() as conn:
            fresh = users.still(conn, user)  # disabled between the password and the signature
            return signatures.sign_record(conn, fresh, record_id, Meaning(meaning), now=self._now())

    def signatures(self, record_id: int) -> tuple[Signature, ...]:
        with db.translate_errors(self._path):
            records.load(self._conn, record_id)  # an unknown id says so
            return signatures.of(self._conn, "record", record_id)

    def trail(self, subject: str | None = None, subject_id: str | int | None = None) -> list[TrailEntry]:
        """The audit trail of one record, formula, lot, user or setting (or all of it), oldest first."""
        with db.translate_errors(self._path):
            return trail.entries(self._conn, subject, None if subject_id is None else str(subject_id))

    # -- formulas and lots ---------------------------------------------------------------------------

    def formula_versions(self, mfr_id: str | None = None) -> list[FormulaVersion]:
        """The formula versions the log has approved (and superseded); any other version is a draft."""
        with db.translate_errors(self._path):
            return formulas.versions(self._conn, mfr_id)

    def approve_formula(
        self, mfr_id: str, version: int, content_sha256: str, by: Credentials
    ) -> FormulaVersion:
        """A pharmacist's approval of a formula version (its content's SHA-256); the earlier is superseded."""
        user = self.sign_in(by)
        with self._writing() as conn:
            user = users.still(conn, user)
            return formulas.approve(conn, user, mfr_id, version, content_sha256, now=self._now())

    def lots(self) -> list[Lot]:
        with db.translate_errors(self._path):
            return lots.all_lots(self._conn)

    def lot(self, lot_id: int) -> Lot:
        with db.translate_errors(self._path):
            return lots.load(self._conn, lot_id)

    def receive_lot(self, new: NewLot, by: Credentials) -> Lot:
        user = self.sign_in(by)
        with self._writing() as conn:
            return lots.receive(conn, users.still(conn, user), new, now=self._now())

    def approve_lot(self, lot_id: int, by: Credentials) -> Lot:
        user = self.sign_in(by)
        with self._writing() as conn:
            user = users.still(conn, user)
            return lots.approve(conn, user, lot_id, today=self._clock().date(), now=self._now())

    def quarantine_lot(self, lot_id: int, reason: str, by: Credentials) -> Lot:
        user = self.sign_in(by)
        with self._writing() as conn:
            return lots.quarantine(conn, users.still(conn, user), lot_id, reason, now=self._now())

    def recall_lot(self, lot_id: int, reason: str, by: Credentials) -> tuple[Lot, list[RecallLine]]:
        """Recall the lot; returns it and every record (with its patient) that used it."""
        user = self.sign_in(by)
        with self._writing() as conn:
            user = users.still(conn, user)
            return lots.recall(conn, user, lot_id, reason, now=self._now()), lots.recall_list(conn, lot_id)

    def recall_list(self, lot_id: int) -> list[RecallLine]:
        with db.translate_errors(self._path):
            return lots.recall_list(self._conn, lot_id)

    # -- safety ----------------------------------------------------------------------------------

    def check(self) -> audit.Audit:
        """SQLite's full integrity check of every page, then the log's own (store/audit.py): its
        rules as created, its hash chain, every record's content and every kept PDF. Raises
        LogFileError for damaged pages, LogCheckError naming the first record that does not match."""
        problems = [] if self.shared else db.integrity_problems(self._conn, self._path)
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
        if self._shared is not None:
            with pg.translate_errors(self._shared):
                return backups.write_shared_backup(self._conn, Path(destination))  # type: ignore[arg-type]
        with db.translate_errors(self._path):
            return backups.write_backup(self._conn, Path(destination))

    def move_to(self, url: str) -> dict[str, int]:
        """Copy this single-PC log into the empty shared database at `url`, verified record by record
        and by the chain, in one transaction there: all of it arrives, or nothing. This file is left as
        it is. Returns the rows copied per table."""
        from ldn_desk.store import transfer

        if self._shared is not None:
            raise RecordError(
                "this log is already on a shared database; back it up to move it to a single PC"
            )
        if not pg.is_url(url):
            raise InputError("--to", url, "must be a PostgreSQL URL", "postgresql://pharmacy@server/ldn_desk")
        target = pg.open_log(url, create=True)
        try:
            with self._lock.shared(), pg.saving(target, url):
                if not transfer.is_empty(target):  # type: ignore[arg-type]
                    raise RecordError(
                        f"the shared database {pg.shown(url)} already holds records; a log is moved only into an "
                        "empty one, so nothing was copied"
                    )
                with db.translate_errors(self._path):
                    self._conn.execute("BEGIN")  # one snapshot of this file while it is copied
                    try:
                        transfer.copy_log(self._conn, target)  # type: ignore[arg-type]
                        transfer.verify_copy(self._conn, target)  # type: ignore[arg-type]
                        copied = transfer.counts(self._conn)
                    finally:
                        self._conn.execute("ROLLBACK")
        finally:
            target.close()
        return copied

    def export_csv(self, out: TextIO | str | os.PathLike[str], **filters: Unpack[Filters]) -> export.Exported:
        """The records matching the filters (as `search`) as CSV, to a stream or a new file."""
        with db.translate_errors(self._path):
            found = export.rows(self._conn, **filters)
            if isinstance(out, str | os.PathLike):
                return export.write_csv_file(found, Path(out))
            return export.write_csv(found, out)


def _field(record: Record, name: str) -> str:
    """A record's field as the audit trail keeps it."""
    value: Any = getattr(record, name)
    if name == "ingredients":
        value = [vars(item) for item in value]
    elif isinstance(value, dt.date):
        value = value.isoformat()
    return trail.value(value)


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_dev, info.st_ino
