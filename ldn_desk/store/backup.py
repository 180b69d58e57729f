"""One-file backups of the log, made with SQLite's online backup a step at a time, and verified."""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from pathlib import Path

from ldn_desk.paths import ensure_private_dir
from ldn_desk.store import db
from ldn_desk.store.errors import BackupError, LogFileError
from ldn_desk.store.migrations import SCHEMA_VERSION
from ldn_desk.store.pg import PgConnection

log = logging.getLogger(__name__)

_COUNTED = ("record", "ingredient", "plan", "plan_version")


def _counts(conn: sqlite3.Connection) -> dict[str, int]:
    return {table: int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]) for table in _COUNTED}


def write_backup(conn: sqlite3.Connection, destination: Path) -> Path:
    """Copy the open log into a new file with SQLite's backup API, then check the copy.

    The copy is made in a temporary file and appears at `destination` only once it is whole and
    checked; an existing file there is never replaced.
    """
    destination = Path(destination)
    if destination.exists():
        raise BackupError(f"{destination} already exists; choose a new file name for the backup")
    ensure_private_dir(destination.parent)
    temporary = db.temporary_beside(destination, "writing")
    db.write_private_file(temporary)
    try:
        target = sqlite3.connect(str(temporary))
        try:
            db.copy_in_steps(conn, target)
            target.execute("PRAGMA journal_mode = DELETE")
        finally:
            target.close()
        expected = _counts(conn)
        found = verify(temporary)
        if found != expected:
            raise BackupError(f"the backup copy does not match the log ({found} against {expected})")
        if not db.publish(temporary, destination):
            raise BackupError(f"{destination} appeared while the backup was written; nothing was replaced")
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()  # only our own unfinished copy
    log.info("wrote a backup of the compounding log")
    return destination


def write_shared_backup(conn: PgConnection, destination: Path) -> Path:
    """A shared log's backup: the same verified one-file SQLite backup, restorable on any PC.

    The shared log is read as one snapshot (other workstations go on saving meanwhile), copied into
    a new single-PC log row by row, checked against the snapshot, and only then put at `destination`.
    """
    from ldn_desk.store import transfer

    destination = Path(destination)
    if destination.exists():
        raise BackupError(f"{destination} already exists; choose a new file name for the backup")
    ensure_private_dir(destination.parent)
    temporary = db.temporary_beside(destination, "writing")
    try:
        db.create_log(temporary)
        target = db.connect(temporary)
        try:
            conn.raw.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            try:
                with db.transaction(target):
                    transfer.copy_log(conn, target)  # type: ignore[arg-type]
                    transfer.verify_copy(conn, target)  # type: ignore[arg-type]
                expected = _counts(conn)  # type: ignore[arg-type]
            finally:
                conn.raw.execute("COMMIT")
            target.execute("PRAGMA journal_mode = DELETE")
        finally:
            target.close()
        found = verify(temporary)
        if found != expected:
            raise BackupError(f"the backup copy does not match the log ({found} against {expected})")
        if not db.publish(temporary, destination):
            raise BackupError(f"{destination} appeared while the backup was written; nothing was replaced")
    finally:
        for leftover in (temporary, *(temporary.with_name(temporary.name + side) for side in db.SIDE_FILES)):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()  # only our own unfinished copy
    log.info("wrote a backup of the shared compounding log")
    return destination


def verify(path: Path) -> dict[str, int]:
    """Check a backup (or log) file without changing it: ours, not newer, every page sound.

    Returns the number of rows in each table. Raises the log's own errors when it is not sound.
    """
    path = Path(path)
    version, _ = db.read_header(path)
    if version > SCHEMA_VERSION:
        raise db.newer_error(path, version)
    conn = db.connect(path, read_only=True)
    try:
        problems = db.integrity_problems(conn, path)
        if problems:
            raise LogFileError(path, f"failed its integrity check ({'; '.join(problems[:3])})")
        with db.translate_errors(path):
            return _counts(conn)
    finally:
        conn.close()
