"""The log file: owner-only, recognised, never changed when it is damaged, foreign or newer."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
from pathlib import Path

import pytest
from store_samples import PATIENT, fill_log, liquid

from ldn_desk.errors import LdnDeskError
from ldn_desk.store import (
    SCHEMA_VERSION,
    BackupError,
    DamagedLogError,
    ForeignFileError,
    LogFileError,
    LogUnavailableError,
    NewerLogError,
    NoLogError,
    RestoreLossError,
    Store,
    loss_if_restored,
    restore,
    start_new_log,
)
from ldn_desk.store.db import APPLICATION_ID

posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


def _fingerprint(path: Path) -> tuple[str, int, int]:
    info = path.stat()
    return hashlib.sha256(path.read_bytes()).hexdigest(), info.st_mtime_ns, info.st_size


def _log_with_records(path: Path, count: int = 3) -> None:
    with Store.open(path) as store:
        for _ in range(count):
            store.sign_off(store.save_record(liquid()), "B. Checker")


@posix_only
def test_the_log_and_its_folder_are_readable_by_the_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "data" / "log.sqlite3"
    with Store.open(path) as store:
        store.save_record(liquid())
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert not list(path.parent.glob("*.creating-*"))  # the temporary file became the log


@posix_only
def test_a_log_with_loose_permissions_is_tightened_on_open(tmp_path: Path) -> None:
    path = tmp_path / "log.sqlite3"
    Store.open(path).close()
    os.chmod(path, 0o644)
    Store.open(path).close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


@posix_only
def test_the_journal_of_a_save_is_owner_only_too(tmp_path: Path) -> None:
    path = tmp_path / "log.sqlite3"
    modes: list[int] = []
    with Store.open(path) as store:
        store._conn.execute("BEGIN IMMEDIATE")
        store._conn.execute("INSERT INTO plan (patient, created_at) VALUES ('x', 'now')")
        journal = path.with_name(path.name + "-journal")  # SQLite opens it at the first change
        modes.append(stat.S_IMODE(journal.stat().st_mode))
        store._conn.execute("ROLLBACK")
    assert modes == [0o600]


def _sqlite_of_another_program(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (text TEXT)")
    conn.execute("INSERT INTO notes VALUES ('hello')")
    conn.commit()
    conn.close()


def _garbage(path: Path) -> None:
    path.write_bytes(b"these are not the droids\n" * 100)


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _damaged_header(path: Path) -> None:
    _log_with_records(path)
    data = bytearray(path.read_bytes())
    data[0:16] = b"\x00" * 16
    path.write_bytes(bytes(data))


def _cut_short(path: Path) -> None:
    _log_with_records(path)
    path.write_bytes(path.read_bytes()[:60])


def _damaged_schema(path: Path) -> None:
    # Page 1 holds the table of tables after the 100-byte header: scribble over it.
    _log_with_records(path)
    data = bytearray(path.read_bytes())
    data[100:1000] = b"\xff" * 900
    path.write_bytes(bytes(data))


def _missing_tables(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 1")
    conn.execute("CREATE TABLE record (id INTEGER)")
    conn.commit()
    conn.close()


@pytest.mark.parametrize(
    ("make", "error", "words"),
    [
        (_sqlite_of_another_program, ForeignFileError, "another program"),
        (_garbage, DamagedLogError, "does not start like an SQLite database"),
        (_empty, DamagedLogError, "is empty"),
        (_damaged_header, DamagedLogError, "does not start like an SQLite database"),
        (_cut_short, DamagedLogError, "cut short"),
        (_damaged_schema, DamagedLogError, "damaged"),
        (_missing_tables, DamagedLogError, "missing parts"),
    ],
)
def test_a_file_that_is_not_a_sound_log_is_refused_and_left_untouched(
    tmp_path: Path, make: object, error: type[LogFileError], words: str
) -> None:
    path = tmp_path / "log.sqlite3"
    make(path)  # type: ignore[operator]
    before = _fingerprint(path)
    listing = sorted(os.listdir(tmp_path))
    with pytest.raises(error) as raised:
        Store.open(path)
    message = str(raised.value)
    assert isinstance(raised.value, LdnDeskError)
    assert words in message and str(path) in message
    assert "start a new log" in message and "restore a backup" in message
    assert PATIENT not in message
    assert _fingerprint(path) == before  # same bytes, same modification time
    assert sorted(os.listdir(tmp_path)) == listing  # no journal, no copy, nothing new beside it


def test_a_folder_in_place_of_the_log_is_refused(tmp_path: Path) -> None:
    (tmp_path / "log.sqlite3").mkdir()
    with pytest.raises(ForeignFileError, match="not a file"):
        Store.open(tmp_path / "log.sqlite3")


def _stamp_version(path: Path, version: int) -> None:
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {version}")
    conn.commit()
    conn.close()


def test_a_log_from_a_newer_program_is_refused_not_migrated_down(tmp_path: Path) -> None:
    path = tmp_path / "log.sqlite3"
    _log_with_records(path)
    _stamp_version(path, SCHEMA_VERSION + 1)
    before = _fingerprint(path)
    with pytest.raises(NewerLogError, match=f"log format {SCHEMA_VERSION + 1}.*Update LDN Desk"):
        Store.open(path)
    assert _fingerprint(path) == before


def test_damage_deep_in_the_file_is_found_by_the_check(tmp_path: Path) -> None:
    path = tmp_path / "log.sqlite3"
    fill_log(path, 200)
    data = bytearray(path.read_bytes())
    page = 4096
    data[page * 5 : page * 5 + 200] = b"\x13" * 200  # a data page, not the header or schema
    path.write_bytes(bytes(data))
    with Store.open(path) as store, pytest.raises(LogFileError):
        store.check()
        for summary in store.search():
            store.record(summary.id)


def test_start_a_new_log_moves_the_old_file_aside_and_keeps_it(tmp_path: Path) -> None:
    path = tmp_path / "log.sqlite3"
    _garbage(path)
    before = _fingerprint(path)
    aside = start_new_log(path)
    assert aside is not None and aside.parent == tmp_path and aside.name.startswith("log.sqlite3.set-aside-")
    assert _fingerprint(aside)[0] == before[0]
    with Store.open(path) as store:
        assert store.count() == 0


def test_a_backup_is_one_verified_file_and_restore_keeps_the_replaced_log(tmp_path: Path) -> None:
    path = tmp_path / "log.sqlite3"
    _log_with_records(path, count=3)
    copy = tmp_path / "backups" / "monday.sqlite3"
    with Store.open(path) as store:
        assert store.backup(copy) == copy
        with pytest.raises(BackupError, match="already exists"):
            store.backup(copy)  # a backup never replaces a file
        store.save_record(liquid())  # a fourth record after the backup
    if os.name == "posix":
        assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert not [p for p in copy.parent.iterdir() if p != copy]  # one file, no journal beside it
    with pytest.raises(RestoreLossError, match=r"would drop 1 record \(1 patient\): 4 \(") as refused:
        restore(copy, path)  # the backup lacks record 4: never dropped without a confirmation
    assert [lost.id for lost in refused.value.loss.records] == [4]
    replaced = restore(copy, path, accept_loss=refused.value.loss)
    assert replaced is not None and replaced.exists()
    with Store.open(path) as store:
        assert store.count() == 3
        assert store.save_record(liquid()) == 5  # record 4 was given once; its number is not reused
    with Store.open(replaced) as kept:
        assert kept.count() == 4  # the log it replaced, whole


def test_restore_repairs_a_damaged_log_without_deleting_it(tmp_path: Path) -> None:
    path = tmp_path / "log.sqlite3"
    _log_with_records(path, count=2)
    with Store.open(path) as store:
        copy = store.backup(tmp_path / "b.sqlite3")
    data = bytearray(path.read_bytes())
    data[0:16] = b"\x00" * 16
    path.write_bytes(bytes(data))
    damaged = _fingerprint(path)
    replaced = restore(copy, path)
    assert replaced is not None and _fingerprint(replaced)[0] == damaged[0]
    with Store.open(path) as store:
        assert store.count() == 2


def test_a_bad_backup_is_not_restored_and_nothing_changes(tmp_path: Path) -> None:
    path = tmp_path / "log.sqlite3"
    _log_with_records(path, count=1)
    before = _fingerprint(path)
    for maker in (_garbage, _sqlite_of_another_program):
        bad = tmp_path / f"bad-{maker.__name__}.sqlite3"
        maker(bad)
        with pytest.raises(BackupError, match="cannot be restored"):
            restore(bad, path)
    newer = tmp_path / "newer.sqlite3"
    with Store.open(path) as store:
        store.backup(newer)
    _stamp_version(newer, SCHEMA_VERSION + 1)
    with pytest.raises(BackupError, match="newer"):
        restore(newer, path)
    assert _fingerprint(path) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("log.sqlite3")) == ["log.sqlite3"]


def test_open_without_create_does_not_make_a_log(tmp_path: Path) -> None:
    with pytest.raises(NoLogError, match="no compounding log"):
        Store.open(tmp_path / "log.sqlite3", create=False)
    assert not (tmp_path / "log.sqlite3").exists()


def test_a_log_that_cannot_be_created_says_so(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("")
    with pytest.raises(LogUnavailableError, match="could not be created"):
        Store.open(tmp_path / "a-file" / "log.sqlite3")  # its folder would be inside a file


def test_a_store_never_writes_to_a_log_replaced_while_it_was_open(tmp_path: Path) -> None:
    path = tmp_path / "log.sqlite3"
    with Store.open(path) as store:
        store.save_record(liquid())
        copy = store.backup(tmp_path / "copy.sqlite3")
        replaced = restore(copy, path)  # e.g. from the command line while the app is open
        with pytest.raises(LogUnavailableError, match="replaced while it was open"):
            store.save_record(liquid())
        with pytest.raises(LogUnavailableError):
            store.sign_off(1, "B. Checker")
    assert replaced is not None
    with Store.open(path) as store, Store.open(replaced) as old:
        assert store.count() == old.count() == 1


def _crashed_copy(source: Path, target: Path) -> None:
    """`target` as a crash mid-save would leave it: a log whose save never finished, and its hot journal."""
    conn = sqlite3.connect(source, isolation_level=None)
    conn.execute("PRAGMA cache_size = 1")  # so changed pages reach the file before the commit
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany(
        "INSERT INTO plan (patient, created_at) VALUES (?, 'now')", [(f"x{n}",) for n in range(2000)]
    )
    target.write_bytes(source.read_bytes())
    journal = source.with_name(source.name + "-journal")
    target.with_name(target.name + "-journal").write_bytes(journal.read_bytes())
    conn.execute("ROLLBACK")
    conn.close()


def test_a_log_moved_aside_takes_its_journal_along(tmp_path: Path) -> None:
    source = tmp_path / "source.sqlite3"
    _log_with_records(source, count=2)
    with Store.open(source) as store:
        copy = store.backup(tmp_path / "copy.sqlite3")
        store.save_record(liquid())  # the crashed log holds three records
    crashed = tmp_path / "log" / "log.sqlite3"
    crashed.parent.mkdir()
    _crashed_copy(source, crashed)
    aside = restore(copy, crashed, accept_loss=loss_if_restored(copy, crashed))
    assert aside is not None
    # No journal is left by the restored log's name, where it would be played onto the wrong file ...
    assert not crashed.with_name(crashed.name + "-journal").exists()
    with Store.open(crashed) as store:
        store.check()
        assert store.count() == 2
    # ... and the file set aside opens as it was before the unfinished save.
    with Store.open(aside) as kept:
        kept.check()
        assert kept.count() == 3 and kept.plans_for("x1") == []
