"""Temporary copies of the log that a killed run left behind: found at the next opening, and removed.

Backing up, restoring, starting a new log and upgrading each build a full copy of the log in a
temporary file (`log.sqlite3.replacing-PID-TOKEN`, `….before-v6-….copying-PID-TOKEN`,
`backups/….writing-PID-TOKEN`) and rename it into place when it is whole; a kill in between
leaves the copy. One is removed when the process that made it is gone and it holds nothing the
log lacks; one that might be the only copy of a record (it holds a record the log does not) is
kept and reported instead, so a person can look at it.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from ldn_desk.store.db import SIDE_FILES

log = logging.getLogger(__name__)

_TOKEN = r"(?P<pid>\d+)-[0-9a-f]{8}"
_PURPOSES = ("replacing", "restoring", "creating", "writing", "copying")


@dataclass(frozen=True)
class Leftovers:
    """What the tidy-up found: copies removed, and copies kept because they hold records the log lacks."""

    removed: tuple[Path, ...] = ()
    kept: tuple[Path, ...] = ()

    def describe(self) -> str:
        if not self.kept:
            return ""
        names = ", ".join(str(path) for path in self.kept)
        return (
            f"a run that was stopped left {len(self.kept)} temporary cop{'ies' if len(self.kept) != 1 else 'y'} "
            f"of the log holding records the log does not have: {names}. They were kept; restore one "
            "as a backup to look at it"
        )


def _pattern(log_path: Path) -> re.Pattern[str]:
    name = re.escape(log_path.name)
    purposes = "|".join(_PURPOSES)
    # The log's own temporaries, and those of its dated copies (NAME.before-v6-STAMP.copying-…).
    return re.compile(rf"{name}(\.[^/]*)?\.(?:{purposes})-{_TOKEN}")


def is_temporary(log_path: Path, path: Path) -> bool:
    """True for a temporary copy made for the log at `log_path` (or one of its side files)."""
    name = path.name
    for side in SIDE_FILES:
        name = name.removesuffix(side)
    return _pattern(log_path).fullmatch(name) is not None


def _backup_pattern() -> re.Pattern[str]:
    return re.compile(rf".+\.writing-{_TOKEN}")


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # a process of another user, or a platform that cannot tell: leave it be
    return True


def _ids(path: Path) -> set[tuple[str, int]] | None:
    """The record and plan numbers in a copy; None when it is not a readable log (an unfinished copy)."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            found = {("record", int(row[0])) for row in conn.execute("SELECT id FROM record")}
            found |= {("plan", int(row[0])) for row in conn.execute("SELECT id FROM plan")}
        finally:
            conn.close()
    except (sqlite3.Error, OSError, ValueError):
        return None
    return found


def _candidates(log_path: Path) -> list[Path]:
    found: list[Path] = []
    mine = _pattern(log_path)
    with contextlib.suppress(OSError):
        found += [path for path in log_path.parent.iterdir() if mine.fullmatch(path.name)]
    backups = log_path.parent / "backups"
    theirs = _backup_pattern()
    with contextlib.suppress(OSError):
        if backups.is_dir():
            found += [path for path in backups.iterdir() if theirs.fullmatch(path.name)]
    return sorted(found)


def tidy(log_path: Path) -> Leftovers:
    """Remove the temporary copies of the log that a killed run left; keep and report any that
    hold a record or plan the log at `log_path` lacks. Never raises: tidying must not stop an opening."""
    removed: list[Path] = []
    kept: list[Path] = []
    log_ids: set[tuple[str, int]] | None = None
    for path in _candidates(log_path):
        match = re.search(rf"-{_TOKEN}$", path.name)
        if match is None or _alive(int(match["pid"])):
            continue  # still being written by a running program
        held = _ids(path)
        if held:
            if log_ids is None:
                log_ids = _ids(log_path) or set()
            if not held <= log_ids:
                kept.append(path)
                continue
        with contextlib.suppress(OSError):
            for side in SIDE_FILES:
                with contextlib.suppress(FileNotFoundError):
                    path.with_name(path.name + side).unlink()
            path.unlink()
            removed.append(path)
    if removed:
        log.info("removed %d temporary copies of the log left by a stopped run", len(removed))
    if kept:
        log.warning("kept %d temporary copies of the log that hold records the log lacks", len(kept))
    return Leftovers(tuple(removed), tuple(kept))
