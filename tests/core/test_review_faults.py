"""Faults during a review never lose or half-save a plan version: a kill inside the decision's
transaction, and a log folder made read-only, leave the plan exactly as it was."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import stat
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from ldn_desk.desk import Decision, Desk, FromProtocol, LiquidForm, PlanRequest
from ldn_desk.errors import LdnDeskError
from ldn_desk.store import Store

ROOT = Path(__file__).resolve().parents[2]
DESK = Desk()

# Records a decision, stopping inside its transaction (after the plan_version row is written and
# before the chain entry), and says so: the kill then lands mid-save for sure.
_DECIDER = """
import datetime as dt, sys, time
from ldn_desk.desk import Decision, Desk
from ldn_desk.store import Store

store = Store.open(sys.argv[1])
def trace(statement):
    if statement.lstrip().startswith("INSERT INTO plan_version"):
        print("inside", flush=True)
        time.sleep(30)
store._conn.set_trace_callback(trace)
Desk().decide_review(store, int(sys.argv[2]), None, Decision("step back", "vivid dreams", "Dr K", dt.date(2027, 1, 26)))
print("saved", flush=True)
"""


def _plan_with_diary(path: Path) -> tuple[int, int, dict[str, object]]:
    request = PlanRequest(FromProtocol("standard"), dt.date(2026, 12, 1), form=LiquidForm(1.0))
    with Store.open(path) as store:
        saved = store.save_plan("Ann Lee", DESK.plan_document(DESK.plan(request)))
        saved = DESK.add_diary_week(store, saved.plan_id, saved.version, 5, pain="6", notes="vivid dreams")
        return saved.plan_id, saved.version, saved.plan


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_kill_inside_the_decision_saves_no_part_of_it(tmp_path: Path) -> None:
    log = tmp_path / "log.sqlite3"
    plan_id, version, document = _plan_with_diary(log)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-c", _DECIDER, str(log), str(plan_id)], stdout=subprocess.PIPE, text=True, env=env
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "inside"
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    with Store.open(log) as store:
        store.check()  # every page, the log's rules and its hash chain
        latest = store.plan(plan_id)
        assert (latest.version, latest.plan) == (version, document)
        # And the decision can be made again, whole.
        decided = DESK.decide_review(
            store, plan_id, version, Decision("step back", "again", "Dr K", dt.date(2027, 1, 26))
        )
        assert decided.version == version + 1
        store.check()


@contextmanager
def _read_only(folder: Path, log: Path) -> Iterator[None]:
    """The log and its folder, read-only for this process while inside. Root writes past file
    modes, so for root both are made immutable instead (chattr +i), which it cannot write past."""
    if os.geteuid() != 0:
        log.chmod(stat.S_IRUSR)
        folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
        try:
            yield
        finally:
            folder.chmod(stat.S_IRWXU)
            log.chmod(stat.S_IRUSR | stat.S_IWUSR)
        return
    if shutil.which("chattr") is None:
        pytest.skip("root writes past file modes, and chattr is not here to make the folder immutable")
    made = subprocess.run(["chattr", "+i", str(log), str(folder)], capture_output=True, text=True)
    if made.returncode != 0:
        subprocess.run(["chattr", "-i", str(log), str(folder)], capture_output=True)
        pytest.skip(
            f"root writes past file modes, and this file system keeps no immutable flag: {made.stderr}"
        )
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(folder), str(log)], check=True)


@pytest.mark.skipif(os.name != "posix", reason="file modes and flags are POSIX")
def test_a_read_only_log_folder_refuses_the_diary_week_and_keeps_the_plan(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    log = folder / "log.sqlite3"
    plan_id, version, document = _plan_with_diary(log)
    before = sorted(path.name for path in folder.iterdir())
    with _read_only(folder, log):
        with pytest.raises(LdnDeskError), Store.open(log) as store:
            DESK.add_diary_week(store, plan_id, version, 6, pain="5")
        assert sorted(path.name for path in folder.iterdir()) == before  # no journal left beside it
    with Store.open(log) as store:
        latest = store.plan(plan_id)
        assert (latest.version, latest.plan) == (version, document)
