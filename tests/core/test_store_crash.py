"""Killing the program in the middle of a save never costs a record or damages the log."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from store_samples import liquid

from ldn_desk.store import SCHEMA_VERSION, Store

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")

ROOT = Path(__file__).resolve().parents[2]
LINES_PER_RECORD = 6

# Saves records forever. With PAUSE set, it stops inside the first save's transaction, after the
# record row and before its ingredient lines, and says so: the kill then lands mid-save for sure.
_WRITER = """
import datetime as dt, os, sys, time
from ldn_desk.store import Ingredient, NewRecord, Store

store = Store.open(sys.argv[1])
pause = bool(os.environ.get("PAUSE"))
def trace(statement):
    if pause and statement.lstrip().startswith("INSERT INTO ingredient"):
        print("inside", flush=True)
        time.sleep(30)
store._conn.set_trace_callback(trace)
print("ready", flush=True)
n = 0
while True:
    n += 1
    store.save_record(NewRecord(
        kind="capsules", rx_number=f"RX-{os.getpid()}-{n}", patient="Crash Test", compounded_on=dt.date(2026, 12, 1),
        bud=dt.date(2027, 5, 29), compounded_by="A", inputs={"n": n, "pad": "x" * 3000},
        results={"steps": ["weigh"] * 200},
        ingredients=tuple(Ingredient(f"item {i}", "M", f"LOT-{n}-{i}", "2027-01", "1 mg") for i in range(6)),
    ))
    print(f"saved {n}", flush=True)
"""


def _snapshot(path: Path) -> dict[int, tuple[object, ...]]:
    """Every record and its lines, read with plain sqlite3 (and checked whole)."""
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        records = conn.execute("SELECT id, rx_number, inputs_json, results_json FROM record").fetchall()
        lines = {
            record_id: count
            for record_id, count in conn.execute(
                "SELECT record_id, count(*) FROM ingredient GROUP BY record_id"
            )
        }
    finally:
        conn.close()
    return {row[0]: (*row[1:], lines.get(row[0], 0)) for row in records}


def _run_and_kill(path: Path, *, pause: bool, delay_s: float) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT), PAUSE="1" if pause else "")
    writer = subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(path)], stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT
    )
    try:
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == "ready"
        if pause:
            assert writer.stdout.readline().strip() == "inside"
        else:
            time.sleep(delay_s)
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        if writer.stdout is not None:
            writer.stdout.close()


def test_a_writer_killed_mid_save_leaves_the_previous_state_intact(tmp_path: Path) -> None:
    path = tmp_path / "log.sqlite3"
    with Store.open(path) as store:
        store.sign_off(store.save_record(liquid()), "B. Checker")  # a signed record to protect from the start
    rng = random.Random(20261201)
    before = _snapshot(path)
    for round_number in range(24):
        pause = round_number % 3 == 0  # every third kill is certainly inside a transaction
        _run_and_kill(path, pause=pause, delay_s=rng.uniform(0.0, 0.15))
        after = _snapshot(path)  # integrity and version are checked inside
        # Nothing that was saved is lost or changed ...
        assert {key: after[key] for key in before} == before
        # ... and whatever is new is a whole record: every line of every record saved, or none of it.
        assert all(entry[-1] == LINES_PER_RECORD for key, entry in after.items() if key not in before)
        assert 1 in after
        if pause:
            assert after == before  # the interrupted save left no trace
        before = after
    with Store.open(path) as store:  # and the program carries on with the log
        store.check()
        assert store.count() == len(before)
        store.save_record(liquid())
    # A kill can leave an empty journal that was never live; the next save clears it.
    assert not path.with_name(path.name + "-journal").exists()


def test_a_kill_during_an_upgrade_leaves_the_old_or_the_new_format(tmp_path: Path) -> None:
    from test_store_migrations import _log_at_version

    rng = random.Random(7)
    upgrade = (
        "from ldn_desk.store import Store; import sys; print('ready', flush=True); Store.open(sys.argv[1])"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    for round_number in range(8):
        path = tmp_path / f"log-{round_number}.sqlite3"
        _log_at_version(path, 1)
        writer = subprocess.Popen([sys.executable, "-c", upgrade, str(path)], stdout=subprocess.PIPE, text=True,
                                  env=env, cwd=ROOT)  # fmt: skip
        assert writer.stdout is not None
        writer.stdout.readline()
        time.sleep(rng.uniform(0.0, 0.03))
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        writer.stdout.close()
        with Store.open(path) as store:  # finishes the upgrade if the kill came first
            store.check()
            assert store.count() == 2 and store.record(1).status == "signed"
