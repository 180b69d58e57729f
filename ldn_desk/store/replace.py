"""Putting a restored backup or a new, empty log in the log's place in one step; the old file is kept.

The new log is built whole in a temporary file beside the log, checked and flushed to disk, and
only then renamed over the log (`os.replace`, one step). So through a kill, a full disk or a
folder that cannot be written, the log's path holds a whole log: the old one or the new one. The
old file keeps a second, dated name (`log.sqlite3.before-restore-20261201T090000Z`) before it is
replaced: it is never deleted. Saves in other processes are held off meanwhile (store/lock.py),
and the new log numbers on from the highest record number the old one gave (store/ids.py).

A backup that lacks records the active log holds (an older backup) is restored only when the
person confirms exactly that loss: `restore` raises RestoreLossError with the list otherwise.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import functools
import logging
import os
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

from ldn_desk.paths import ensure_private_dir
from ldn_desk.store import db, ids, users
from ldn_desk.store.backup import verify
from ldn_desk.store.errors import (
    AccessError,
    BackupError,
    LogFileError,
    LogUnavailableError,
    RestoreLossError,
)
from ldn_desk.store.keys import patient_key
from ldn_desk.store.lock import LogLock
from ldn_desk.store.loss import TEAM_TABLES, Loss, LostRecord
from ldn_desk.store.migrations import SCHEMA_VERSION, migrate
from ldn_desk.store.users import Credentials, User

log = logging.getLogger(__name__)

# What makes a saved record the record it is: the same number holding other content in the backup
# would be two records under one number. (Columns every log format has.)
_IDENTITY = (
    "kind", "rx_number", "patient", "patient_ref", "compounded_on", "bud", "compounded_by", "supersedes",
    "reason", "inputs_json", "results_json", "created_at",
)  # fmt: skip


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path.resolve().as_uri(), uri=True, isolation_level=None, timeout=5.0)
    conn.execute("PRAGMA synchronous = FULL")
    return conn


@contextlib.contextmanager
def _active(log_path: Path) -> Iterator[sqlite3.Connection | None]:
    """The log being replaced, write-locked so no save (even one that ignores the lock file) lands in
    it meanwhile; None when there is none, or it cannot be read as a log (it is still kept)."""
    conn = None
    if log_path.exists():
        try:
            version, _ = db.read_header(log_path)  # never opens another program's file through SQLite
            conn = _connect(log_path)
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if version < 1 or not {"record", "plan", "plan_version"} <= tables:
                raise sqlite3.DatabaseError("not a whole log")
        except (LogFileError, sqlite3.DatabaseError):
            if conn is not None:
                conn.close()
            conn = None
        else:
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as error:
                conn.close()
                if "locked" in str(error) or "busy" in str(error):
                    raise LogUnavailableError(
                        "the log is busy (another LDN Desk is saving to it); the log was left as it was; "
                        "try again in a moment"
                    ) from None
                conn = None
    try:
        yield conn
    finally:
        if conn is not None:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
            conn.close()


def _kept_copies(log_path: Path) -> list[Path]:
    """The log's dated copies beside it (set aside, before a restore or an upgrade)."""
    from ldn_desk.store.leftovers import is_temporary

    prefix = log_path.name + "."
    return sorted(
        path
        for path in log_path.parent.glob(f"{log_path.name}.*")
        if path.name.startswith(prefix)
        and not path.name.endswith(db.SIDE_FILES)
        and not is_temporary(log_path, path)
    )


def _marks(active: sqlite3.Connection | None, log_path: Path) -> dict[str, int]:
    """The highest numbers used: the active log's, or, when it cannot be read, what the damaged file
    and every kept copy of the log beside it still say."""
    if active is not None:
        return ids.high_water(active)
    return ids.read_marks([log_path, *_kept_copies(log_path)])


def _failed(error: BaseException, where: Path, kept: Path | None = None) -> LogUnavailableError:
    if isinstance(error, OSError):
        reason = (
            "the disk is full"
            if error.errno in (errno.ENOSPC, errno.EDQUOT)
            else error.strerror or str(error)
        )
    else:
        text = str(error)
        reason = "the disk is full" if "full" in text else text
    also = f" (a copy of it was kept as {kept})" if kept is not None else ""
    return LogUnavailableError(
        f"the log could not be replaced in {where.parent} ({reason}); the log at {where} was left as it was{also}"
    )


def _build(log_path: Path, fill: Callable[[sqlite3.Connection], None] | None, marks: dict[str, int],
           then: Callable[[sqlite3.Connection], None] | None = None) -> Path:  # fmt: skip
    """A whole, checked log in a new temporary file beside the log, on disk; returns its path.
    `then` adds to it in the transaction that brings it to this program's format."""
    temporary = db.temporary_beside(log_path, "replacing")
    try:
        db.write_private_file(temporary)
        conn = db.connect(temporary)
        try:
            if fill is not None:
                fill(conn)
                conn.execute("PRAGMA journal_mode = DELETE")
            with db.transaction(conn):
                version = int(conn.execute("PRAGMA user_version").fetchone()[0])
                if version == 0:
                    conn.execute(f"PRAGMA application_id = {db.APPLICATION_ID}")
                if version < SCHEMA_VERSION:
                    migrate(conn, version)
                ids.carry(conn, marks)
                if then is not None:
                    then(conn)
        finally:
            conn.close()
        verify(temporary)
        _sync(temporary)
    except BaseException as error:
        _remove(temporary)
        if isinstance(error, OSError | sqlite3.Error):
            raise _failed(error, log_path) from None
        raise
    return temporary


def _sync(path: Path) -> None:
    """The file's bytes on disk before it takes the log's name (an error here stops the replace)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove(temporary: Path) -> None:
    for path in (temporary, *(temporary.with_name(temporary.name + side) for side in db.SIDE_FILES)):
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def _keep(log_path: Path, why: str) -> Path:
    """A second, dated name for the file at the log's path (a hard link; a copy where the file
    system has none); the journal of an unfinished save moves with it."""
    kept = log_path.with_name(f"{log_path.name}.{why}-{db.stamp()}")
    counter = 1
    while os.path.lexists(kept):
        counter += 1
        kept = log_path.with_name(f"{log_path.name}.{why}-{db.stamp()}-{counter}")
    try:
        os.link(log_path, kept)
    except FileExistsError:
        raise
    except OSError as error:
        if error.errno in (errno.ENOSPC, errno.EROFS, errno.EACCES, errno.EPERM, errno.EDQUOT):
            raise
        copying = db.temporary_beside(kept, "copying")
        try:
            shutil.copyfile(log_path, copying)
            os.chmod(copying, 0o600)
            _sync(copying)
            os.rename(copying, kept)
        except BaseException:
            _remove(copying)
            raise
    # A journal left by a save a crash cut short belongs to the old file: it must never be played
    # onto the new log that takes the name, so it goes with the kept copy.
    for side in db.SIDE_FILES:
        beside = log_path.with_name(log_path.name + side)
        if beside.exists():
            os.rename(beside, kept.with_name(kept.name + side))
    db.fsync_path(log_path.parent)
    return kept


def _swap(temporary: Path, log_path: Path, why: str) -> Path | None:
    """Keep the old file under a dated name, then rename the new one over the log in one step."""
    kept = None
    try:
        if os.path.lexists(log_path):
            kept = _keep(log_path, why)
        os.replace(temporary, log_path)
    except OSError as error:
        _remove(temporary)
        raise _failed(error, log_path, kept) from None
    db.fsync_path(log_path.parent)
    return kept


def _collisions(conn: sqlite3.Connection) -> list[str]:
    """Numbers the active log (main) and the backup (b) both use for different records or plans."""
    differs = " OR ".join(f"a.{column} IS NOT r.{column}" for column in _IDENTITY)
    records = [
        f"record {row[0]}"
        for row in conn.execute(
            f"SELECT a.id FROM main.record a JOIN b.record r ON r.id = a.id WHERE {differs} ORDER BY a.id LIMIT 5"
        )
    ]
    plans = [
        f"plan {row[0]}"
        for row in conn.execute(
            "SELECT a.id FROM main.plan a JOIN b.plan r ON r.id = a.id WHERE a.patient IS NOT r.patient "
            "OR a.patient_ref IS NOT r.patient_ref OR a.created_at IS NOT r.created_at ORDER BY a.id LIMIT 5"
        )
    ]
    return records + plans


def _loss(conn: sqlite3.Connection) -> Loss:
    """What the active log (main) holds that the backup (b) lacks."""
    lost: list[LostRecord] = []
    patients: set[str] = set()
    rows = conn.execute(
        """SELECT a.id, a.compounded_on, a.status, a.patient, a.patient_ref, r.id IS NOT NULL
             FROM main.record a LEFT JOIN b.record r ON r.id = a.id
            WHERE r.id IS NULL OR (a.status = 'signed' AND r.status != 'signed')
            ORDER BY a.id"""
    )
    for record_id, compounded_on, status, patient, patient_ref, held in rows:
        lost.append(LostRecord(int(record_id), str(compounded_on), str(status), bool(held)))
        patients.add(patient_key(patient, patient_ref))
    versions = conn.execute(
        """SELECT a.plan_id, a.version FROM main.plan_version a
             LEFT JOIN b.plan_version r ON r.plan_id = a.plan_id AND r.version = a.version
            WHERE r.plan_id IS NULL ORDER BY a.plan_id, a.version"""
    ).fetchall()
    held = {str(row[0]) for row in conn.execute("SELECT name FROM b.sqlite_master WHERE type = 'table'")}
    present = {
        str(row[0]) for row in conn.execute("SELECT name FROM main.sqlite_master WHERE type = 'table'")
    }
    team_rows: list[tuple[str, int]] = []
    for table in TEAM_TABLES:
        if table not in present:
            continue
        missing = (
            f"SELECT id FROM main.{table} ORDER BY id"  # a backup from before the team: all of it
            if table not in held
            else f"SELECT a.id FROM main.{table} a LEFT JOIN b.{table} r ON r.id = a.id WHERE r.id IS NULL ORDER BY a.id"
        )
        team_rows += [(table, int(row_id)) for (row_id,) in conn.execute(missing)]
    return Loss(tuple(lost), len(patients), tuple((int(p), int(v)) for p, v in versions), tuple(team_rows))


def _carry_team(source: sqlite3.Connection, actor: User, conn: sqlite3.Connection) -> None:
    """The old log's team into the new one (`conn`), carried over by its administrator."""
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    users.carry_over(
        source, conn, actor, now=now, reason="carried over from the log set aside when this one was started"
    )


def _team_of(active: sqlite3.Connection | None) -> bool:
    """The log being replaced has users (and so a team to carry over)."""
    if active is None:
        return False
    tables = {row[0] for row in active.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return "desk_user" in tables and bool(active.execute("SELECT count(*) FROM desk_user").fetchone()[0])


def _administrator(log_path: Path, by: Credentials | None) -> User | None:
    """`by` signed in on the log (their password checked there, a wrong one counted), an administrator."""
    if by is None or not log_path.exists():
        return None
    from ldn_desk.store.store import Store

    try:
        store = Store.open(log_path)
    except LogFileError:
        return None  # a damaged log: its team cannot be read, and the new log starts without one
    with store:
        user = store.sign_in(by)
    users.require(user, users.Permission.MANAGE_USERS)
    return user


def _compare(log_path: Path, backup_path: Path) -> Loss:
    """The loss a restore of `backup_path` would cause; refuses when numbers would collide."""
    # ATTACH is not allowed inside the transaction that holds the write lock: a second connection.
    conn = _connect(log_path)
    try:
        conn.execute("ATTACH DATABASE ? AS b", (f"{backup_path.resolve().as_uri()}?mode=ro",))
        collide = _collisions(conn)
        if collide:
            raise BackupError(
                f"{backup_path} cannot be restored: it holds {', '.join(collide)} under a number the active "
                "log gives to a different one (a backup of another log?), so one number would name two "
                "records; nothing was changed"
            )
        return _loss(conn)
    finally:
        conn.close()


def loss_if_restored(backup_path: str | os.PathLike[str], log_path: str | os.PathLike[str]) -> Loss:
    """What restoring the backup would drop from the active log (nothing is changed)."""
    backup_path, log_path = Path(backup_path), Path(log_path)
    _check_backup(backup_path)
    with _active(log_path) as active:
        return Loss() if active is None else _compare(log_path, backup_path)


def _folder(log_path: Path) -> None:
    try:
        ensure_private_dir(log_path.parent)
    except OSError as error:
        raise _failed(error, log_path) from None


def _check_backup(backup_path: Path) -> None:
    try:
        verify(backup_path)
    except LogFileError as error:
        raise BackupError(f"{backup_path} cannot be restored: {error.problem}; nothing was changed") from None


def restore(
    backup_path: str | os.PathLike[str],
    log_path: str | os.PathLike[str],
    *,
    accept_loss: Loss | None = None,
    by: Credentials | None = None,
) -> Path | None:
    """Make the backup the log; returns where the replaced log was kept (None if there was none).

    The backup is checked first and only read; the restored log is upgraded to this program's
    format and numbers on after the highest number the replaced log used. A backup lacking records
    of the active log is refused (RestoreLossError, with the `Loss`) unless `accept_loss` covers
    all of it; one that uses a number of the active log for another record is refused outright.
    An active log with users is replaced only by its administrator (`by`).
    """
    backup_path, log_path = Path(backup_path), Path(log_path)
    _check_backup(backup_path)
    _folder(log_path)
    actor = _administrator(log_path, by)
    with LogLock(log_path) as lock, lock.exclusive(), _active(log_path) as active:
        if _team_of(active) and actor is None:
            raise AccessError("this log has users: a backup is restored over it by an administrator (--as NAME); "
                              "nothing was changed")  # fmt: skip
        if active is not None:
            loss = _compare(log_path, backup_path)
            if not loss.within(accept_loss):
                raise RestoreLossError(
                    f"{backup_path} is older than the active log: restoring it would drop {loss.describe()}. "
                    "Nothing was changed; confirm this loss to restore it (the replaced log is kept)",
                    loss,
                )
        source = db.connect(backup_path, read_only=True)
        try:
            marks = ids.highest(_marks(active, log_path), ids.high_water(source))
            temporary = _build(log_path, lambda target: db.copy_in_steps(source, target), marks)
        finally:
            source.close()
        kept = _swap(temporary, log_path, "before-restore")
    log.info("restored the compounding log from a backup")
    return kept


def start_new_log(log_path: str | os.PathLike[str], *, by: Credentials | None = None) -> Path | None:
    """Put an empty log in the log's place; returns where the old file was kept (None if none).

    The new log numbers on after the highest record number the old file (or, if it cannot be read,
    any kept copy of it) used. A log with users is replaced only by its administrator (`by`), and
    its team (users, passwords, roles, settings) is carried into the new log: a new log never opens
    the pharmacy's work to anyone without a sign-in."""
    log_path = Path(log_path)
    _folder(log_path)
    actor = _administrator(log_path, by)
    with LogLock(log_path) as lock, lock.exclusive(), _active(log_path) as active:
        team = _team_of(active)
        if team and actor is None:
            raise AccessError("this log has users: a new log is started by an administrator (--as NAME); "
                              "nothing was changed")  # fmt: skip
        then = None
        if active is not None and actor is not None and team:
            then = functools.partial(_carry_team, active, actor)
        temporary = _build(log_path, None, _marks(active, log_path), then)
        kept = _swap(temporary, log_path, "set-aside")
    log.info("started a new compounding log")
    return kept
