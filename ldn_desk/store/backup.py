"""One-file backups of the log, verified; restore and starting afresh move the old file aside, never delete."""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from pathlib import Path

from ldn_desk.paths import ensure_private_dir
from ldn_desk.store import db
from ldn_desk.store.errors import BackupError, LogFileError
from ldn_desk.store.migrations import SCHEMA_VERSION

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
            conn.backup(target)
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


def move_aside(path: Path, why: str) -> Path | None:
    """Rename the file (and SQLite's side files with it) to NAME.WHY-TIME; returns the new name.

    Side files move too: a journal left behind would be applied to whatever file next takes the name.
    """
    path = Path(path)
    if not path.exists():
        return None
    aside = path.with_name(f"{path.name}.{why}-{db.stamp()}")
    counter = 1
    while aside.exists():
        counter += 1
        aside = path.with_name(f"{path.name}.{why}-{db.stamp()}-{counter}")
    for suffix in db.SIDE_FILES:
        side = path.with_name(path.name + suffix)
        if side.exists():
            os.rename(side, aside.with_name(aside.name + suffix))
    os.rename(path, aside)
    db.fsync_path(path.parent)
    log.info("moved the old compounding log aside (%s)", why)
    return aside


def start_new_log(log_path: Path) -> Path | None:
    """Keep the current file under a new name and create an empty log; returns where the old file went."""
    log_path = Path(log_path)
    aside = move_aside(log_path, "set-aside")
    db.create_log(log_path)
    return aside


def restore(backup_path: Path, log_path: Path) -> Path | None:
    """Make the backup the log. The current log, if any, is kept under a new name, which is returned.

    The backup is checked first and only read; an older backup is upgraded when next opened.
    Close any open Store on the log before restoring.
    """
    backup_path, log_path = Path(backup_path), Path(log_path)
    try:
        verify(backup_path)
    except LogFileError as error:
        raise BackupError(f"{backup_path} cannot be restored: {error.problem}; nothing was changed") from None
    ensure_private_dir(log_path.parent)
    temporary = db.temporary_beside(log_path, "restoring")
    db.write_private_file(temporary)
    try:
        source = db.connect(backup_path, read_only=True)
        try:
            db.copy_into(source, temporary)
        finally:
            source.close()
        verify(temporary)
        aside = move_aside(log_path, "before-restore")
        if not db.publish(temporary, log_path):
            raise BackupError(f"a new log appeared at {log_path} during the restore; nothing was replaced")
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
    log.info("restored the compounding log from a backup")
    return aside
