"""Opening the log file safely: create it owner-only, recognise it, migrate it, refuse what is not ours.

A file that is not our log is never written to: its header is read as plain bytes first, and
SQLite only opens a file whose header says it is an LDN Desk log.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import secrets
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

from ldn_desk.paths import ensure_private_dir
from ldn_desk.store import pg
from ldn_desk.store.errors import (
    DamagedLogError,
    ForeignFileError,
    LogBusyError,
    LogUnavailableError,
    NewerLogError,
    NoLogError,
    RecordError,
)
from ldn_desk.store.keys import lot_key, patient_key
from ldn_desk.store.migrations import REQUIRED_TABLES, SCHEMA_VERSION, migrate

log = logging.getLogger(__name__)

APPLICATION_ID = 0x4C444E44  # "LDND" in the SQLite header marks a file as an LDN Desk log
SQLITE_MAGIC = b"SQLite format 3\x00"
_HEADER_SIZE = 100
_BUSY_TIMEOUT_S = 5.0
# Files SQLite keeps beside a database; they travel with it whenever it is moved aside.
SIDE_FILES = ("-journal", "-wal", "-shm")


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def stamp(moment: dt.datetime | None = None) -> str:
    """A compact UTC time for file names: 20261122T004512Z."""
    return (moment or utc_now()).astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def read_header(path: Path) -> tuple[int, int]:
    """(schema version, application id) from the raw header; raises if the file is not ours.

    Only reads bytes: nothing here can change the file.
    """
    try:
        info = path.stat()
    except OSError as error:
        raise DamagedLogError(path, f"cannot be read ({error.strerror})") from None
    if not stat.S_ISREG(info.st_mode):
        raise ForeignFileError(path, "is not a file (it is a folder or a device)")
    try:
        with path.open("rb") as handle:
            header = handle.read(_HEADER_SIZE)
    except OSError as error:
        raise DamagedLogError(path, f"cannot be read ({error.strerror})") from None
    if not header:
        raise DamagedLogError(path, "is empty (0 bytes)")
    if not header.startswith(SQLITE_MAGIC):
        raise DamagedLogError(
            path, "does not start like an SQLite database (damaged, or another kind of file)"
        )
    if len(header) < _HEADER_SIZE:
        raise DamagedLogError(path, f"is cut short ({len(header)} bytes)")
    version = int.from_bytes(header[60:64], "big", signed=True)
    application = int.from_bytes(header[68:72], "big")
    if application != APPLICATION_ID:
        raise ForeignFileError(path, "is an SQLite database of another program, not an LDN Desk log")
    return version, application


def connect(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    """A connection with our settings: explicit transactions, foreign keys, full sync."""
    target = f"{path.resolve().as_uri()}?mode=ro" if read_only else str(path)
    conn = sqlite3.connect(target, uri=read_only, isolation_level=None, timeout=_BUSY_TIMEOUT_S)
    conn.row_factory = sqlite3.Row
    conn.create_function("ldn_lot_key", 1, lot_key, deterministic=True)
    conn.create_function("ldn_patient_key", 2, patient_key, deterministic=True)
    conn.execute("PRAGMA foreign_keys = ON")
    # FULL: a commit is on disk before save returns, so a power cut cannot lose a signed record.
    conn.execute("PRAGMA synchronous = FULL")
    return conn


@contextlib.contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction: all of it is saved, or none of it."""
    with translate_errors(None):
        conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def schema_version(conn: sqlite3.Connection) -> int:
    """The log's format: SQLite's user_version, or a shared log's own record of it."""
    if isinstance(conn, pg.PgConnection):
        return pg.schema_version(conn)
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


@contextlib.contextmanager
def translate_errors(path: Path | str | None) -> Iterator[None]:
    """SQLite's exceptions (psycopg's for a shared log) become LDN Desk errors a person can act on."""
    if isinstance(path, str):
        with pg.translate_errors(path):
            yield
        return
    try:
        yield
    except sqlite3.IntegrityError as error:
        # Our own triggers and constraints speak of rules, never of a patient.
        raise RecordError(f"the log refused the change: {error}") from None
    except sqlite3.OperationalError as error:
        text = str(error)
        if "locked" in text or "busy" in text:
            raise LogBusyError("the log is busy (another LDN Desk is saving to it); try again") from None
        if path is not None and ("malformed" in text or "not a database" in text):
            raise DamagedLogError(path, f"is damaged ({text})") from None
        raise LogUnavailableError(f"the log could not be used ({text}); nothing was changed") from None
    except sqlite3.DatabaseError as error:
        if path is None:
            raise
        raise DamagedLogError(path, f"is damaged ({error})") from None


# Pages copied per step of an online backup (4 MB of 4 KiB pages): between steps other programs
# may read and write the log, so a large log never holds them off for long.
BACKUP_STEP_PAGES = 1024


def copy_in_steps(source: sqlite3.Connection, target: sqlite3.Connection) -> None:
    """SQLite's online backup of `source` into `target`, a step at a time."""
    source.backup(target, pages=BACKUP_STEP_PAGES, sleep=0.05)


def copy_into(source: sqlite3.Connection, path: Path) -> None:
    """SQLite's online backup of `source` into the new, empty file at `path`."""
    target = sqlite3.connect(str(path))
    try:
        copy_in_steps(source, target)
    finally:
        target.close()


def write_private_file(path: Path) -> None:
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)


def fsync_path(path: Path) -> None:
    with contextlib.suppress(OSError):  # some platforms cannot sync a folder; the file sync matters most
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def publish(temporary: Path, final: Path) -> bool:
    """Put a finished file at `final` without ever replacing one already there. False if one was."""
    fsync_path(temporary)
    try:
        os.link(temporary, final)
    except FileExistsError:
        return False
    except OSError:
        # A file system without hard links: rename, after checking nothing is in the way.
        if final.exists():
            return False
        os.rename(temporary, final)
    else:
        temporary.unlink()
    fsync_path(final.parent)
    return True


def temporary_beside(final: Path, purpose: str) -> Path:
    return final.with_name(f"{final.name}.{purpose}-{os.getpid()}-{secrets.token_hex(4)}")


def create_log(path: Path) -> None:
    """Build a complete, empty log in a temporary file and only then put it in place.

    So the log's path is either absent or a whole log: a crash while creating leaves at most a
    stray temporary file, never a half-made log.
    """
    ensure_private_dir(path.parent)
    temporary = temporary_beside(path, "creating")
    write_private_file(temporary)
    conn = connect(temporary)
    try:
        with transaction(conn):
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            migrate(conn, 0)
    finally:
        conn.close()
    if publish(temporary, path):
        log.info("created a new compounding log")
    else:
        temporary.unlink()  # another process created the log first; ours never held data


def open_log(path: Path, *, create: bool = True) -> sqlite3.Connection:
    """Open (creating if needed) the log at `path`, migrated to the current schema."""
    if not path.exists():
        if not create:
            raise NoLogError(f"there is no compounding log at {path} yet")
        try:
            create_log(path)
        except OSError as error:
            raise LogUnavailableError(f"the log could not be created at {path} ({error.strerror})") from None
    version, _ = read_header(path)
    if version > SCHEMA_VERSION:
        raise newer_error(path, version)
    with translate_errors(path):
        conn = connect(path)
    try:
        with translate_errors(path):
            _check_open(conn, path)
        _tighten_mode(path)
    except BaseException:
        conn.close()
        raise
    return conn


def newer_error(path: Path, version: int) -> NewerLogError:
    return NewerLogError(
        path,
        f"was written by a newer LDN Desk (log format {version}; this program reads up to "
        f"{SCHEMA_VERSION}), so it is not opened",
        options="The file was left exactly as it is. Update LDN Desk to open it.",
    )


def _check_open(conn: sqlite3.Connection, path: Path) -> None:
    # Reading through SQLite (not the raw header) also rolls back a save a crash interrupted.
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    application = int(conn.execute("PRAGMA application_id").fetchone()[0])
    if application != APPLICATION_ID:
        raise ForeignFileError(path, "is an SQLite database of another program, not an LDN Desk log")
    if version > SCHEMA_VERSION:
        raise newer_error(path, version)
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if version < 1 or not REQUIRED_TABLES.issubset(tables):
        raise DamagedLogError(path, "is missing parts of the log (its tables are incomplete)")
    if version < SCHEMA_VERSION:
        _upgrade(conn, path, version)


def _upgrade(conn: sqlite3.Connection, path: Path, version: int) -> None:
    # A copy of the log as it was, before any step touches it: a faulty step can never cost a record.
    kept = path.with_name(f"{path.name}.before-v{SCHEMA_VERSION}-{stamp()}")
    copy_path = temporary_beside(kept, "copying")
    try:
        write_private_file(copy_path)
        copy_into(conn, copy_path)
        counter = 1
        while not publish(copy_path, kept):  # a copy made the same second (a run that was stopped)
            counter += 1
            kept = kept.with_name(f"{path.name}.before-v{SCHEMA_VERSION}-{stamp()}-{counter}")
    except (OSError, sqlite3.Error) as error:
        with contextlib.suppress(OSError):
            copy_path.unlink()  # only our own unfinished copy
        raise LogUnavailableError(
            f"the log could not be upgraded: keeping a copy first failed ({error}); nothing was changed"
        ) from None
    with transaction(conn):
        current = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if current < SCHEMA_VERSION:  # another process may have upgraded it meanwhile
            migrate(conn, current)
    log.info("upgraded the compounding log from format %d to %d", version, SCHEMA_VERSION)


def _tighten_mode(path: Path) -> None:
    with contextlib.suppress(OSError):
        if stat.S_IMODE(path.stat().st_mode) != 0o600:
            os.chmod(path, 0o600)


def integrity_problems(conn: sqlite3.Connection, path: Path) -> list[str]:
    """SQLite's full check of every page and index; an empty list means the file is sound."""
    with translate_errors(path):
        rows = [str(row[0]) for row in conn.execute("PRAGMA integrity_check")]
        violations = conn.execute("PRAGMA foreign_key_check").fetchall()
    problems = [row for row in rows if row != "ok"]
    if violations:
        problems.append(f"{len(violations)} rows point to missing rows")
    return problems
