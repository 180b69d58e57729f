"""Restoring a backup or starting a new log replaces the log in one step and never reuses a number."""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from store_samples import PATIENT, liquid
from team_samples import ADMIN, PHARMACIST, TECHNICIAN, approved_formula, tablet_lot, team, team_record

from ldn_desk.store import (
    BackupError,
    LogBusyError,
    LogUnavailableError,
    RestoreLossError,
    Store,
    db,
    lock,
    loss_if_restored,
    replace,
    restore,
    start_new_log,
)
from ldn_desk.store.errors import AccessError, SignInError
from ldn_desk.store.lock import LogLock
from ldn_desk.store.users import Credentials


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _log(path: Path, count: int, *, signed: bool = True, patient: str = PATIENT) -> list[int]:
    with Store.open(path) as store:
        made = [store.save_record(liquid(patient=patient)) for _ in range(count)]
        if signed:
            for record_id in made:
                store.sign_off(record_id, "B. Checker")
    return made


def _beside(path: Path) -> list[str]:
    """Every name in the folder that is not the log, its lock or its dated copies."""
    return sorted(
        p.name
        for p in path.parent.iterdir()
        if p.name != path.name and p.name != f".{path.name}.lock"
        and not p.name.startswith((f"{path.name}.set-aside-", f"{path.name}.before-restore-"))
    )  # fmt: skip


def test_a_new_log_numbers_on_after_the_old_one(tmp_path: Path) -> None:
    path = tmp_path / "log.sqlite3"
    assert _log(path, 3) == [1, 2, 3]
    with Store.open(path) as store:
        plan = store.save_plan(PATIENT, {"steps": [1.5, 3, 4.5]})
    kept = start_new_log(path)
    assert kept is not None and kept.name.startswith("log.sqlite3.set-aside-")
    with Store.open(path) as store:
        assert store.count() == 0
        assert store.save_record(liquid()) == 4  # 1-3 were given in the old log
        assert store.save_plan(PATIENT, {"steps": [1]}).plan_id == plan.plan_id + 1
    with Store.open(kept) as old:
        assert old.count() == 3  # the old log, kept whole
    start_new_log(path)  # twice: the mark carries on from the log that carried it
    with Store.open(path) as store:
        assert store.save_record(liquid()) == 5
        store.check()


def test_a_damaged_log_is_replaced_numbering_on_from_its_kept_copies(tmp_path: Path) -> None:
    path = tmp_path / "log.sqlite3"
    _log(path, 6)
    older = start_new_log(path)  # the first log (records 1-6) kept under a dated name
    assert older is not None
    _log(path, 1)  # record 7 in the second log
    path.write_bytes(b"\x00" * 4096)  # the second log is destroyed: its own numbers cannot be read
    kept = start_new_log(path)
    assert kept is not None and kept.read_bytes() == b"\x00" * 4096  # kept exactly as it was
    with Store.open(path) as store:
        # The zeroed file says nothing; the first log's kept copy says 1-6 were given. (Record 7
        # lived only in the destroyed file: no program can know its number from zeros.)
        assert store.save_record(liquid()) == 7


def test_restoring_an_older_backup_lists_what_would_be_lost_and_needs_that_confirmed(tmp_path: Path) -> None:
    path = tmp_path / "log.sqlite3"
    _log(path, 2)
    with Store.open(path) as store:
        copy = store.backup(tmp_path / "monday.sqlite3")
        third = store.save_record(liquid(compounded_on=dt.date(2026, 12, 3), bud=dt.date(2026, 12, 16)))
        fourth = store.save_record(liquid(patient="Other Person", compounded_on=dt.date(2026, 12, 4),
                                          bud=dt.date(2026, 12, 17)))  # fmt: skip
        store.sign_off(fourth, "B. Checker")
        store.save_plan(PATIENT, {"steps": [1.5]})
    before = _sha(path)
    loss = loss_if_restored(copy, path)
    assert [(lost.id, lost.compounded_on, lost.status) for lost in loss.records] == [
        (third, "2026-12-03", "draft"),
        (fourth, "2026-12-04", "signed"),
    ]
    assert loss.patients == 2 and loss.plan_versions == ((1, 1),)
    with pytest.raises(RestoreLossError) as refused:
        restore(copy, path)
    message = str(refused.value)
    assert "2 records (2 patients): 3 (2026-12-03, draft), 4 (2026-12-04, signed)" in message
    assert "1 saved plan version" in message and "Nothing was changed" in message
    assert PATIENT not in message and "Other Person" not in message  # ids and dates, never names
    assert _sha(path) == before and _beside(path) == ["monday.sqlite3"]
    kept = restore(copy, path, accept_loss=loss)
    assert kept is not None and _sha(kept) == before  # the replaced log, byte for byte
    with Store.open(path) as store:
        assert [summary.id for summary in store.search()] == [2, 1]
        assert store.save_record(liquid()) == 5  # 3 and 4 stay the dropped records' numbers
        store.check()  # the restored chain and rules hold, with the new record after them


def test_a_confirmation_covers_only_the_loss_that_was_shown(tmp_path: Path) -> None:
    path = tmp_path / "log.sqlite3"
    _log(path, 1)
    with Store.open(path) as store:
        copy = store.backup(tmp_path / "b.sqlite3")
        store.save_record(liquid())
    shown = loss_if_restored(copy, path)
    with Store.open(path) as store:
        store.save_record(liquid())  # saved after the person saw the list
    with pytest.raises(RestoreLossError, match=r"2 records .*: 2 \(.*3 \("):
        restore(copy, path, accept_loss=shown)
    with Store.open(path) as store:
        assert store.count() == 3


def test_a_backup_whose_sign_off_is_missing_counts_as_a_loss(tmp_path: Path) -> None:
    path = tmp_path / "log.sqlite3"
    (record_id,) = _log(path, 1, signed=False)
    with Store.open(path) as store:
        copy = store.backup(tmp_path / "b.sqlite3")
        store.sign_off(record_id, "B. Checker")
    loss = loss_if_restored(copy, path)
    assert [(lost.id, lost.sign_off_only) for lost in loss.records] == [(record_id, True)]
    assert "1 (2026-12-01, its sign-off)" in loss.describe()


def test_a_backup_of_another_log_that_reuses_numbers_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "log.sqlite3"
    other = tmp_path / "other" / "log.sqlite3"
    _log(path, 2)
    _log(other, 2, patient="Someone Else")  # records 1 and 2 again, for other patients
    with Store.open(other) as store:
        copy = store.backup(tmp_path / "other.sqlite3")
    before = _sha(path)
    with pytest.raises(BackupError, match=r"record 1, record 2 under a number .* one number would name two"):
        restore(copy, path)
    assert _sha(path) == before and _beside(path) == ["other", "other.sqlite3"]


def test_a_newer_backup_over_a_new_log_needs_no_confirmation_and_keeps_numbering(tmp_path: Path) -> None:
    path = tmp_path / "log.sqlite3"
    _log(path, 3)
    with Store.open(path) as store:
        copy = store.backup(tmp_path / "b.sqlite3")
    start_new_log(path)  # empty, numbering from 4
    assert not loss_if_restored(copy, path)
    restore(copy, path)
    with Store.open(path) as store:
        assert store.count() == 3 and store.save_record(liquid()) == 4


def test_saves_wait_for_a_replace_and_then_say_busy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lock, "WAIT_S", 0.2)
    path = tmp_path / "log.sqlite3"
    _log(path, 1)
    with (
        Store.open(path) as store,
        LogLock(path) as held,
        held.exclusive(),  # as a restore holds it
        pytest.raises(LogBusyError, match="another LDN Desk is replacing it"),
    ):
        store.save_record(liquid())
    with Store.open(path) as store:
        assert store.count() == 1


def test_a_replace_waits_for_a_save_under_way_in_another_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lock, "WAIT_S", 0.2)
    path = tmp_path / "log.sqlite3"
    _log(path, 1)
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys; from ldn_desk.store.lock import LogLock\n"
         "with LogLock(__import__('pathlib').Path(sys.argv[1])) as l, l.shared():\n"
         "    print('held', flush=True); sys.stdin.read()", str(path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        env=dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2])),
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        before = _sha(path)
        with pytest.raises(LogBusyError, match="the log was left as it was"):
            start_new_log(path)
        assert _sha(path) == before and _beside(path) == []
    finally:
        holder.communicate("")
    assert start_new_log(path) is not None  # once the save is done, the replace goes ahead


def _fails_with(monkeypatch: pytest.MonkeyPatch, target: object, name: str, code: int) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(target, name, fail)


@pytest.mark.parametrize("action", ["new", "restore"])
def test_a_full_disk_leaves_the_log_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, action: str
) -> None:
    path = tmp_path / "log.sqlite3"
    _log(path, 2)
    with Store.open(path) as store:
        copy = store.backup(tmp_path / "b.sqlite3")
    before = _sha(path)

    def full(*args: object, **kwargs: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(db, "copy_in_steps", full)  # the restored copy fills the disk
    monkeypatch.setattr(replace, "migrate", full)  # and so does the new log's schema
    with pytest.raises(LogUnavailableError) as failed:
        start_new_log(path) if action == "new" else restore(copy, path)
    message = str(failed.value)
    assert "the disk is full" in message and "was left as it was" in message and "\n" not in message
    assert "nothing was changed" not in message.lower() or _beside(path) == ["b.sqlite3"]
    assert _sha(path) == before and _beside(path) == ["b.sqlite3"]  # no temporary copy left
    with Store.open(path) as store:
        assert store.count() == 2


def test_a_failure_after_the_old_log_was_kept_says_where_it_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "log.sqlite3"
    _log(path, 1)
    before = _sha(path)
    _fails_with(monkeypatch, replace.os, "replace", errno.EIO)
    with pytest.raises(
        LogUnavailableError, match=r"was left as it was \(a copy of it was kept as .*set-aside-"
    ):
        start_new_log(path)
    monkeypatch.undo()
    assert _sha(path) == before
    with Store.open(path) as store:
        assert store.count() == 1


@pytest.mark.parametrize("code", [errno.EROFS, errno.EACCES])
def test_a_folder_that_cannot_be_written_leaves_the_log_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    path = tmp_path / "log.sqlite3"
    _log(path, 1)
    with Store.open(path) as store:
        copy = store.backup(tmp_path / "b.sqlite3")
    (tmp_path / ".log.sqlite3.lock").unlink()
    before = _sha(path)
    real_open = os.open

    def read_only(file: object, flags: int, *args: object, **kwargs: object) -> int:
        if flags & os.O_CREAT and Path(str(file)).parent == tmp_path:
            raise OSError(code, os.strerror(code), str(file))
        return real_open(file, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", read_only)
    for attempt in (lambda: start_new_log(path), lambda: restore(copy, path)):
        with pytest.raises(LogUnavailableError, match="cannot be written") as failed:
            attempt()
        assert "\n" not in str(failed.value) and "left as it was" in str(failed.value)
    monkeypatch.undo()
    assert _sha(path) == before and _beside(path) == ["b.sqlite3"]


def _dead_pid() -> int:
    child = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    return int(child.stdout)


def test_temporary_copies_left_by_a_killed_run_are_removed_or_reported(tmp_path: Path) -> None:
    path = tmp_path / "log.sqlite3"
    _log(path, 2)
    dead = _dead_pid()
    unfinished = tmp_path / f"log.sqlite3.replacing-{dead}-0badc0de"
    unfinished.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)  # cut short by the kill
    (tmp_path / f"{unfinished.name}-journal").write_bytes(b"\x00" * 512)
    same = tmp_path / f"log.sqlite3.before-v6-20261201T090000Z.copying-{dead}-12345678"
    same.write_bytes(path.read_bytes())  # a whole copy, but of records the log holds
    (tmp_path / "backups").mkdir()
    backup_part = tmp_path / "backups" / f"log-20261201T090000Z.sqlite3.writing-{dead}-abcdef01"
    backup_part.write_bytes(path.read_bytes())
    only = tmp_path / f"log.sqlite3.restoring-{dead}-feedface"
    other = tmp_path / "elsewhere.sqlite3"
    _log(other, 3)
    only.write_bytes(other.read_bytes())  # holds record 3, which the log does not: maybe the only copy
    running = tmp_path / f"log.sqlite3.replacing-{os.getpid()}-00000001"
    running.write_bytes(b"")  # a replace under way in a program still running
    with Store.open(path) as store:
        assert set(store.leftovers.removed) == {unfinished, same, backup_part}
        assert store.leftovers.kept == (only,)
        assert str(only) in store.leftovers.describe() and "kept" in store.leftovers.describe()
        assert store.count() == 2
    assert {p.name for p in tmp_path.iterdir() if p.name.startswith("log.sqlite3.")} == {
        only.name,
        running.name,
    }
    assert not list((tmp_path / "backups").iterdir())


def test_the_teams_work_since_the_backup_counts_as_a_loss(tmp_path: Path) -> None:
    """A signature, a user, a lot and their audit-trail entries saved after the backup would go
    with a restore though no record did: the loss names them, and a confirmation that did not
    see them does not cover them."""
    path = tmp_path / "log.sqlite3"
    with Store.open(path) as store:
        team(store)
        approved_formula(store)
        record_id = store.save_record(team_record(), by=TECHNICIAN)
        copy = store.backup(tmp_path / "b.sqlite3")
        store.sign(record_id, "prepared", TECHNICIAN)  # one signature and its audit-trail entry
    before = loss_if_restored(copy, path)
    assert before.records == () and before.plan_versions == ()
    tables = [table for table, _ in before.team_rows]
    assert tables.count("signature") == 1
    assert "1 signature" in before.describe()
    with Store.open(path) as store:  # after the person saw that list: a new user and a lot
        store.add_user("Fay Technician", "FT", "technician", "fay-pass-666", by=ADMIN)
        store.receive_lot(tablet_lot(), PHARMACIST)
    now = loss_if_restored(copy, path)
    assert {"desk_user", "lot"} <= {table for table, _ in now.team_rows}
    assert "1 user" in now.describe() and "1 lot" in now.describe()
    with pytest.raises(RestoreLossError, match=r"1 signature.*audit-trail entr.*1 user.*1 lot"):
        restore(copy, path, accept_loss=before, by=ADMIN)
    restore(copy, path, accept_loss=now, by=ADMIN)
    with Store.open(path) as store:
        assert [user.name for user in store.users()][-1] != "Fay Technician"
        assert store.signatures(record_id) == ()


def test_a_new_log_keeps_the_team_and_needs_its_administrator(tmp_path: Path) -> None:
    """A new log of a log with users is started by an administrator, and carries the users (their
    passwords, roles and states) and settings over, each in the new log's audit trail: a new log
    never leaves the pharmacy's work open to anyone without a sign-in."""
    path = tmp_path / "log.sqlite3"
    with Store.open(path) as store:
        team(store)
        store.set_user_active(PHARMACIST.name, False, "left the pharmacy", by=ADMIN)
        store.change_setting("lockout_after", 3, "policy", by=ADMIN)
        before = [(u.id, u.name, u.role, u.active) for u in store.users()]
        hashes = store._conn.execute("SELECT id, password_hash FROM desk_user ORDER BY id").fetchall()
    old = _sha(path)
    with pytest.raises(AccessError, match="started by an administrator"):
        start_new_log(path)
    with pytest.raises(AccessError, match="only an administrator"):
        start_new_log(path, by=TECHNICIAN)
    with pytest.raises(SignInError, match="wrong password"):
        start_new_log(path, by=Credentials(ADMIN.name, "not-the-password"))
    assert _sha(path) != old  # the wrong password was counted in the old log (its lock-out)
    kept = start_new_log(path, by=ADMIN)
    assert kept is not None
    with Store.open(path) as store:
        assert store.count() == 0
        assert [(u.id, u.name, u.role, u.active) for u in store.users()] == before
        assert store._conn.execute("SELECT id, password_hash FROM desk_user ORDER BY id").fetchall() == hashes
        assert store.check().ok  # every user added in LDN Desk, the setting as its trail left it
        trail = store.trail("user")
        assert {entry.user for entry in trail} == {ADMIN.name}
        assert all("carried over" in entry.reason for entry in trail)
        assert store.sign_in(TECHNICIAN).name == TECHNICIAN.name  # the same password works
        with pytest.raises(SignInError, match="disabled"):
            store.sign_in(PHARMACIST)
        with pytest.raises(AccessError, match="this log has users"):
            store.save_record(liquid())  # no work without a sign-in
        assert (
            store._conn.execute("SELECT value FROM setting WHERE name = 'lockout_after'").fetchone()[0] == 3
        )


def test_a_backup_is_restored_over_a_team_log_by_its_administrator(tmp_path: Path) -> None:
    path = tmp_path / "log.sqlite3"
    with Store.open(path) as store:
        copy = store.backup(tmp_path / "before-the-team.sqlite3")  # from before the team was added
        team(store)
    shown = loss_if_restored(copy, path)
    assert "5 users" in shown.describe()  # the backup has no team: restoring it drops the sign-ins
    with pytest.raises(AccessError, match="restored over it by an administrator"):
        restore(copy, path, accept_loss=shown)
    with pytest.raises(AccessError, match="only an administrator"):
        restore(copy, path, accept_loss=shown, by=TECHNICIAN)
    restore(copy, path, accept_loss=shown, by=ADMIN)
    with Store.open(path) as store:
        assert store.users() == []
