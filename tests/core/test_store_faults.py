"""A kill at any file system call of a log operation costs no record and reuses no record number.

Each operation (add, sign, amend, backup, restore, new, upgrade) runs in a forked child that counts
its calls that touch files — os.open, os.replace, os.rename, os.link, os.unlink, os.fsync, os.mkdir,
os.chmod, open, shutil.copyfile, every SQLite statement and every step of an online backup — and
dies with os._exit at call N, for N = 1, 2, … until the operation completes. After each death: the
log is at its path, opens and passes its check (pages, rules, hash chain); its records are those from before the operation or those after it,
never anything else; a record that left the log is in the kept copy; the next save gets a number
above every number used; no temporary copy is left unreported.
"""

from __future__ import annotations

import builtins
import datetime as dt
import io
import os
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from store_samples import liquid
from test_store_migrations import _log_at_version

from ldn_desk.store import SCHEMA_VERSION, Store, loss_if_restored, restore, start_new_log, verify
from ldn_desk.store.leftovers import is_temporary

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")

KILLED = 137
Snapshot = dict[int, tuple[object, ...]]


def snapshot(path: Path) -> Snapshot:
    """Every record with its lines, read with plain sqlite3 after checking the file whole."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        lines: dict[int, list[tuple[object, ...]]] = {}
        for row in conn.execute("SELECT record_id, position, name, lot, actual_amount FROM ingredient"):
            lines.setdefault(row[0], []).append(row[1:])
        return {
            row[0]: (*row[1:], tuple(sorted(lines.get(row[0], []))))  # type: ignore[arg-type]
            for row in conn.execute(
                "SELECT id, status, checked_by, supersedes, rx_number, patient, bud, inputs_json FROM record"
            )
        }
    finally:
        conn.close()


def _counting(limit: int) -> None:
    """From now on, die at the `limit`-th call that touches a file (this process is a forked child)."""
    calls = [0]

    def tick() -> None:
        calls[0] += 1
        if calls[0] >= limit:
            os._exit(KILLED)

    def wrap(owner: Any, name: str) -> None:
        real = getattr(owner, name)

        def counted(*args: Any, **kwargs: Any) -> Any:
            tick()
            return real(*args, **kwargs)

        setattr(owner, name, counted)

    for name in ("open", "replace", "rename", "link", "unlink", "remove", "fsync", "mkdir", "chmod"):
        wrap(os, name)
    wrap(builtins, "open")
    wrap(io, "open")
    wrap(shutil, "copyfile")

    class Counted(sqlite3.Connection):
        def backup(self, target: sqlite3.Connection, **kwargs: Any) -> None:
            tick()
            kwargs["progress"] = lambda *step: tick()
            super().backup(target, **kwargs)

    real_connect = sqlite3.connect

    def connect(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        tick()
        conn = real_connect(*args, factory=Counted, **kwargs)
        conn.set_trace_callback(lambda statement: tick())
        return conn

    sqlite3.connect = connect  # type: ignore[assignment]


def _run_killed(operation: Callable[[], object], limit: int) -> int:
    """Run `operation` in a child that dies at call `limit`; its exit status (0: it completed)."""
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        status = 1
        try:
            _counting(limit)
            operation()
            status = 0
        except BaseException:
            status = 3
        finally:
            os._exit(status)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


def _fresh(template: Path, work: Path) -> None:
    if work.exists():
        shutil.rmtree(work)
    shutil.copytree(template, work)


def _ids_used(*snapshots: Snapshot) -> int:
    return max([0, *(max(shot, default=0) for shot in snapshots)])


def _kept(folder: Path, log: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.name.startswith(f"{log.name}.") and not is_temporary(log, p)
                  and not p.name.endswith(("-journal", "-wal", "-shm")))  # fmt: skip


def _template(folder: Path, upgrade: bool) -> None:
    """A log of three records (two signed, one draft), a plan, and a backup taken after the first two."""
    folder.mkdir()
    log = folder / "log.sqlite3"
    if upgrade:
        _log_at_version(log, SCHEMA_VERSION - 1)
        return
    with Store.open(log) as store:
        for _ in range(2):
            store.sign_off(store.save_record(liquid()), "B. Checker")
        store.backup(folder / "backups" / "older.sqlite3")
        store.save_record(liquid(bud=dt.date(2026, 12, 10)))
        store.save_plan("Jane Smith", {"steps": [1.5, 3, 4.5]})


def _operation(name: str, folder: Path) -> Callable[[], object]:
    log = folder / "log.sqlite3"

    def on_store(action: Callable[[Store], object]) -> Callable[[], object]:
        def run() -> None:
            with Store.open(log) as store:
                action(store)

        return run

    return {
        "add": on_store(lambda store: store.save_record(liquid())),
        "sign": on_store(lambda store: store.sign_off(3, "B. Checker")),
        "amend": on_store(
            lambda store: store.amend(1, {"bud": dt.date(2026, 12, 9)}, reason="BUD corrected")
        ),
        "backup": on_store(lambda store: store.backup(folder / "backups" / "new.sqlite3")),
        "restore": lambda: restore(
            folder / "backups" / "older.sqlite3",
            log,
            accept_loss=loss_if_restored(folder / "backups" / "older.sqlite3", log),
        ),
        "new": lambda: start_new_log(log),
        "upgrade": on_store(lambda store: None),
    }[name]


OPERATIONS = ["add", "sign", "amend", "backup", "restore", "new", "upgrade"]


@pytest.mark.parametrize("name", OPERATIONS)
def test_a_kill_at_any_file_call_loses_nothing(tmp_path: Path, name: str) -> None:
    template = tmp_path / "template"
    _template(template, upgrade=name == "upgrade")
    log_name = "log.sqlite3"
    before = snapshot(template / log_name)
    # The operation once, whole, to know the state it leads to.
    done = tmp_path / "done"
    _fresh(template, done)
    assert _run_killed(_operation(name, done), 10**9) == 0
    after = snapshot(done / log_name)
    assert after != before or name in ("backup", "upgrade")
    work = tmp_path / "work"
    limit = 0
    while True:
        limit += 1
        assert limit < 2000, "the operation never completed"
        _fresh(template, work)
        log = work / log_name
        status = _run_killed(_operation(name, work), limit)
        assert status in (0, KILLED), f"call {limit}: the operation failed with {status}"
        # The log is at its path, whole, and holds the state before or the state after.
        assert log.exists(), f"no log after a kill at call {limit}"
        now = snapshot(log)
        assert now in (before, after), f"call {limit}: the log holds neither the old nor the new records"
        if now != before and name in ("restore", "new"):
            # Records not in the new log are in the copy kept before it took the name.
            assert before in [snapshot(kept) for kept in _kept(work, log)], f"call {limit}: old log not kept"
        if name == "backup" and (work / "backups" / "new.sqlite3").exists():
            assert verify(work / "backups" / "new.sqlite3")["record"] == len(before)
        with Store.open(log, create=False) as store:
            store.check()  # pages, rules and hash chain
            left = {p for p in [*work.iterdir(), *(work / "backups").glob("*")] if is_temporary(log, p)
                    or ".writing-" in p.name}  # fmt: skip
            assert left <= set(store.leftovers.kept), f"call {limit}: temporary copies left: {left}"
            # Numbers never come back: above every number given before and by the operation.
            fresh = store.save_record(liquid())
            assert fresh > _ids_used(before, now), f"call {limit}: record number {fresh} was given before"
        if status == 0:
            break
    assert limit > 5  # the operation did make file calls: each of them was a kill point
