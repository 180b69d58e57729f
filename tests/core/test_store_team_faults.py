"""A kill or a failed write in the middle of a signature leaves the record signed or not — never
half — and the log's chain sound."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from team_samples import PHARMACIST, TECHNICIAN, approved_formula, team, team_record

from ldn_desk.errors import LdnDeskError
from ldn_desk.store import Store

ROOT = Path(__file__).resolve().parents[2]

# Verifies record 1 as the pharmacist; with PAUSE_AT set, stops inside the signing transaction
# just before the statement that starts with it, and says so.
_SIGNER = """
import os, sys, time
from ldn_desk.store import Store, users
from ldn_desk.store.users import Credentials
users.PASSWORD_TIME_COST, users.PASSWORD_MEMORY_KIB = 1, 64
store = Store.open(sys.argv[1])
pause = os.environ["PAUSE_AT"]
def trace(statement):
    if statement.lstrip().startswith(pause):
        print("inside", flush=True)
        time.sleep(30)
store._conn.set_trace_callback(trace)
store.sign(1, "verified", Credentials(sys.argv[2], sys.argv[3]))
print("signed", flush=True)
"""


def _prepared_log(path: Path) -> None:
    with Store.open(path) as store:
        team(store)
        approved_formula(store)
        record_id = store.save_record(team_record(), by=TECHNICIAN)
        store.sign(record_id, "prepared", TECHNICIAN)
        assert record_id == 1


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
@pytest.mark.parametrize(
    "pause_at",
    [
        "UPDATE record SET status",  # before the sign-off
        "INSERT INTO signature",  # after the sign-off, before the signature row
        "INSERT INTO audit_trail",  # after the signature and its chain entry, before the trail
        "COMMIT",  # everything written, not yet committed
    ],
)
def test_a_kill_during_signing_leaves_the_record_unsigned_and_the_chain_sound(
    tmp_path: Path, pause_at: str
) -> None:
    path = tmp_path / "log.sqlite3"
    _prepared_log(path)
    env = dict(os.environ, PYTHONPATH=str(ROOT), PAUSE_AT=pause_at)
    signer = subprocess.Popen([sys.executable, "-c", _SIGNER, str(path), PHARMACIST.name, PHARMACIST.password],
                              stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT)  # fmt: skip
    try:
        assert signer.stdout is not None
        assert signer.stdout.readline().strip() == "inside"
        signer.send_signal(signal.SIGKILL)
        signer.wait(timeout=30)
    finally:
        if signer.poll() is None:
            signer.kill()
    with Store.open(path) as store:
        record = store.record(1)
        assert not record.signed and record.checked_by is None
        assert [s.meaning for s in store.signatures(1)] == ["prepared"]
        assert store.check().ok
        # And the signature can be made afterwards, whole.
        store.sign(1, "verified", PHARMACIST)
        assert store.record(1).signed and len(store.signatures(1)) == 2
        assert store.check().ok


def test_a_signature_that_runs_to_the_end_is_whole(tmp_path: Path) -> None:
    path = tmp_path / "log.sqlite3"
    _prepared_log(path)
    env = dict(os.environ, PYTHONPATH=str(ROOT), PAUSE_AT="never matches")
    done = subprocess.run([sys.executable, "-c", _SIGNER, str(path), PHARMACIST.name, PHARMACIST.password],
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=60, check=False)  # fmt: skip
    assert done.stdout.strip() == "signed", done.stderr
    with Store.open(path) as store:
        assert store.record(1).signed and [s.meaning for s in store.signatures(1)] == ["prepared", "verified"]
        assert store.check().ok


@pytest.mark.parametrize("refused", ["signature", "chain", "audit_trail"])
def test_a_failed_write_during_signing_changes_nothing(tmp_path: Path, refused: str) -> None:
    path = tmp_path / "log.sqlite3"
    _prepared_log(path)
    with Store.open(path) as store:
        before = store.check().head

        def full_disk(action: int, table: str | None, *_: object) -> int:
            # As a full disk would: the write to this table fails after the earlier ones succeeded.
            return (
                sqlite3.SQLITE_DENY
                if action == sqlite3.SQLITE_INSERT and table == refused
                else sqlite3.SQLITE_OK
            )

        store._conn.set_authorizer(full_disk)
        with pytest.raises(LdnDeskError):  # the refusal a person sees; never a half signature
            store.sign(1, "verified", PHARMACIST)
        store._conn.set_authorizer(None)
        assert not store.record(1).signed
        assert [s.meaning for s in store.signatures(1)] == ["prepared"]
        assert store.check().head == before and store.check().ok
