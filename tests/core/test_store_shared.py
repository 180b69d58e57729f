"""The log on a shared PostgreSQL database: its own rules, several writers, faults, moving and backups.

Every test runs against a real private PostgreSQL server (tests/pg_server.py), never a mock.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sqlite3
import time
from pathlib import Path
from typing import Any

import psycopg
import pytest
from cli_support import cli_json, run_cli
from pg_server import OWNER_ROLE, SUPERUSER, WORKSTATION_ROLE, with_role
from store_samples import PATIENT, capsules, liquid, tablets, water

from ldn_desk.cli import EXIT_OK
from ldn_desk.store import SCHEMA_VERSION, LogCheckError, LogUnavailableError, RecordError, Store, verify
from ldn_desk.store.network import mount_type, network_kind

# -- the database's own rules -------------------------------------------------------------------


@pytest.fixture
def shared(pg_url: str) -> str:
    """A shared log with a signed liquid record (1, its PDF kept), a draft capsules record (2) and a plan."""
    with Store.open(pg_url) as store:
        store.save_record(liquid(pdf=b"%PDF-1.4 first print"))
        store.save_record(capsules())
        store.sign_off(1, "B. Checker")
        store.save_plan(PATIENT, {"steps": [1.5, 3, 4.5]})
    return pg_url


def outside(url: str, role: str = SUPERUSER) -> psycopg.Connection[Any]:
    """psycopg on the log's database as `role` (its superuser unless told): no LDN Desk code, autocommit."""
    return psycopg.connect(with_role(url, role), autocommit=True)


@pytest.mark.parametrize(
    "statement",
    [
        "DELETE FROM record",
        "DELETE FROM ingredient",
        "DELETE FROM record_pdf",
        "DELETE FROM plan_version",
        "DELETE FROM plan",
        "DELETE FROM chain",
        "DELETE FROM lot_use",
        "TRUNCATE record CASCADE",
        "TRUNCATE chain",
        "UPDATE record SET checked_by = 'someone else' WHERE id = 1",
        "UPDATE record SET patient = 'Q' WHERE id = 2",  # a draft's content too: only sign-off changes it
        "UPDATE ingredient SET lot = 'X'",
        "UPDATE record_pdf SET sha256 = repeat('0', 64)",
        "UPDATE plan_version SET plan_json = '{}'",
        "UPDATE chain SET previous = repeat('0', 64)",
        "UPDATE chain_tail SET last_seq = 1",
        "UPDATE id_floor SET last_id = 0",
        "INSERT INTO ingredient (record_id, position, name, maker, lot, expiry, actual_amount) "
        "VALUES (1, 9, 'x', 'x', 'x', 'x', 'x')",
        "INSERT INTO record (id, kind, rx_number, patient, compounded_on, bud, compounded_by, status, checked_by, "
        "signed_at, inputs_json, results_json, created_at) VALUES (9, 'liquid', 'R', 'P', '2026-12-01', "
        "'2026-12-14', 'A', 'signed', 'B', 'now', '{}', '{}', 'now')",
    ],
)
def test_the_database_itself_refuses_deletes_and_changes(shared: str, statement: str) -> None:
    with outside(shared) as conn:
        conn.execute("INSERT INTO id_floor (name, last_id) VALUES ('plan', 5)")
        with pytest.raises(psycopg.errors.IntegrityError):
            conn.execute(statement)  # type: ignore[arg-type]
    with Store.open(shared) as store:
        assert store.count() == 2
        store.check()


def test_a_deleted_records_number_is_never_given_again(shared: str) -> None:
    with outside(shared) as conn:
        conn.execute("SET session_replication_role = replica")  # the superuser switches the rules off
        for table in ("lot_use", "ingredient"):
            conn.execute(f"DELETE FROM {table} WHERE record_id = 2")  # type: ignore[arg-type]
        conn.execute("DELETE FROM record WHERE id = 2")
        conn.execute("SET session_replication_role = origin")
        with pytest.raises(psycopg.errors.IntegrityError, match="never used twice"):
            conn.execute(
                "INSERT INTO record (id, kind, rx_number, patient, compounded_on, bud, compounded_by, status, "
                "inputs_json, results_json, created_at) VALUES (2, 'liquid', 'R', 'P', '2026-12-01', "
                "'2026-12-14', 'A', 'draft', '{}', '{}', 'now')"
            )
    with Store.open(shared) as store:
        with pytest.raises(LogCheckError) as caught:
            store.check()
        assert caught.value.record_id == 2 and "missing from the log" in str(caught.value)
        assert store.save_record(liquid()) == 3


def test_a_switched_off_rule_and_a_changed_rule_are_found_by_the_check(shared: str) -> None:
    with outside(shared) as conn:
        conn.execute("ALTER TABLE record DISABLE TRIGGER record_never_deleted")
        conn.execute(
            "CREATE OR REPLACE FUNCTION ldn_plan_id_fresh() RETURNS trigger LANGUAGE plpgsql AS "
            "$fn$BEGIN RETURN NEW; END$fn$"
        )
    with Store.open(shared) as store, pytest.raises(LogCheckError) as caught:
        store.check()
    text = "\n".join(caught.value.findings)
    assert "record_never_deleted was switched off" in text
    assert "ldn_plan_id_fresh is not as LDN Desk made it" in text


def test_a_changed_byte_and_a_cut_tail_are_found_naming_the_record(shared: str) -> None:
    with outside(shared) as conn:
        conn.execute("SET session_replication_role = replica")
        conn.execute("UPDATE record SET rx_number = rx_number || '9' WHERE id = 2")
    with Store.open(shared) as store, pytest.raises(LogCheckError) as caught:
        store.check()
    assert caught.value.record_id == 2
    with outside(shared) as conn:
        conn.execute("SET session_replication_role = replica")
        conn.execute("DELETE FROM chain WHERE seq = (SELECT max(seq) FROM chain)")
    with Store.open(shared) as store, pytest.raises(LogCheckError) as caught:
        store.check()
    assert "the last 1 entries of the log's chain are missing" in str(caught.value)


def test_an_empty_database_of_another_program_is_never_written(pg_empty_url: str) -> None:
    with outside(pg_empty_url) as conn:
        conn.execute("CREATE TABLE patients (id int)")
    with pytest.raises(LogUnavailableError, match="holds tables of another program"):
        Store.open(pg_empty_url)
    with outside(pg_empty_url) as conn:
        tables = conn.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").fetchone()
    assert tables == (1,)


# -- several workstations at once --------------------------------------------------------------

WRITERS, SAVES = 4, 250


def _writer(url: str, number: int, saves: int) -> None:
    busy = 0
    with Store.open(url) as store:
        for index in range(saves):
            record = liquid(ingredients=(tablets(f"LOT-{index % 3}"), water(f"W-{number}")),
                            rx_number=f"RX-{number}-{index}")  # fmt: skip
            while True:
                try:
                    record_id = store.save_record(record)
                    break
                except Exception as error:  # busy: another workstation holds the log; try again
                    if "busy" not in str(error):
                        raise
                    busy += 1
            if index % 10 == 0:
                store.sign_off(record_id, f"Checker {number}")
    os._exit(0)


def test_four_workstations_save_at_once_and_every_record_is_there_once(pg_url: str) -> None:
    Store.open(pg_url).close()
    context = multiprocessing.get_context("fork")
    writers = [context.Process(target=_writer, args=(pg_url, number, SAVES)) for number in range(WRITERS)]
    for process in writers:
        process.start()
    for process in writers:
        process.join(timeout=300)
        assert process.exitcode == 0
    with Store.open(pg_url) as store:
        found = store.search()
        assert len(found) == WRITERS * SAVES == store.count()
        # Each save exactly once: every (writer, index) Rx number once, every id once, ids 1..1000.
        assert sorted(summary.rx_number for summary in found) == sorted(
            f"RX-{number}-{index}" for number in range(WRITERS) for index in range(SAVES)
        )
        assert sorted(summary.id for summary in found) == list(range(1, WRITERS * SAVES + 1))
        checked = store.check()
        # One chain entry per save and per sign-off (index 0, 10, …, 240: 25 per writer).
        assert checked.entries == WRITERS * SAVES + WRITERS * len(range(0, SAVES, 10))
        # LOT-0 is used by indexes 0, 3, 6, …, 249: 84 of each writer's 250 records.
        recall = store.search(lot="lot-0")
        assert len(recall) == WRITERS * len(range(0, SAVES, 3))
        assert {summary.rx_number for summary in recall} == {
            f"RX-{number}-{index}" for number in range(WRITERS) for index in range(0, SAVES, 3)
        }


def _hold_a_save_open(url: str, ready: Any) -> None:
    from ldn_desk.store import records

    with Store.open(url) as store, store._writing():
        records.insert(store._conn, liquid(rx_number="RX-KILLED"), now="2026-12-01T09:00:00+00:00")
        ready.set()
        time.sleep(60)  # killed here, inside the transaction, holding the write lock
    os._exit(0)


def test_a_writer_killed_mid_save_loses_nothing_and_blocks_no_one(pg_url: str) -> None:
    with Store.open(pg_url) as store:
        store.save_record(liquid(rx_number="RX-BEFORE"))
    context = multiprocessing.get_context("fork")
    ready = context.Event()
    process = context.Process(target=_hold_a_save_open, args=(pg_url, ready))
    process.start()
    assert ready.wait(30)
    with Store.open(pg_url) as store:
        # While it holds the lock, another workstation waits, then is told the log is busy.
        with pytest.raises(Exception, match="busy") as caught:
            store.save_record(liquid(rx_number="RX-WAITING"))
        assert "nothing was saved" in str(caught.value)
        os.kill(process.pid or 0, signal.SIGKILL)
        process.join(10)
        # The killed writer's half save is gone; the next save goes through and the chain holds.
        deadline = time.monotonic() + 30
        while True:
            try:
                new_id = store.save_record(liquid(rx_number="RX-AFTER"))
                break
            except Exception as error:
                if "busy" not in str(error) or time.monotonic() > deadline:
                    raise
        assert [summary.rx_number for summary in store.search()] == ["RX-AFTER", "RX-BEFORE"]
        assert new_id == 2  # the killed save never happened, so its number was never given (as on SQLite)
        store.check()


# -- connection problems: one clear line, a save happened or did not -------------------------------


@pytest.fixture
def own_server() -> Any:
    """A private server of this test's own, to stop and start."""
    from pg_server import start_server

    server = start_server()
    yield server
    server.close()


def test_a_server_down_a_wrong_password_and_a_stop_mid_save(
    own_server: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pg_server import PASSWORD, database_of

    from ldn_desk.store import chain

    url = own_server.shared_log()
    with pytest.raises(LogUnavailableError) as refused:
        Store.open(own_server.url(database_of(url), WORKSTATION_ROLE, "wrong password"))
    assert "refused the user name or password" in str(refused.value)
    assert "\n" not in str(refused.value) and "wrong password" not in str(refused.value)
    assert PASSWORD not in str(refused.value)
    store = Store.open(url)  # the workstations' role
    store.save_record(liquid(rx_number="RX-1"))
    # The server stops after the rows are written and before the commit: the save did not happen.
    real_append = chain.append

    def append_then_server_stops(*args: Any, **kwargs: Any) -> str:
        digest = real_append(*args, **kwargs)
        own_server.stop("immediate")
        return digest

    monkeypatch.setattr(chain, "append", append_then_server_stops)
    with pytest.raises(LogUnavailableError) as lost:
        store.save_record(liquid(rx_number="RX-2"))
    assert "\n" not in str(lost.value)
    assert "nothing was saved" in str(lost.value) or "whether the save was made" in str(lost.value)
    monkeypatch.setattr(chain, "append", real_append)
    # With the server down, a save says so in one line, and nothing is saved.
    with pytest.raises(LogUnavailableError, match="could not be reached") as down:
        store.save_record(liquid(rx_number="RX-3"))
    said = str(down.value)
    assert ("nothing was saved" in said or "nothing was changed" in said) and "\n" not in said
    own_server.start()
    # Back up: the same store connects again, and the log holds exactly the first save.
    assert [summary.rx_number for summary in store.search()] == ["RX-1"]
    store.save_record(liquid(rx_number="RX-4"))
    assert [summary.rx_number for summary in store.search()] == ["RX-4", "RX-1"]
    store.check()
    store.close()


# -- moving and backing up across engines ----------------------------------------------------------


def test_a_single_pc_log_moves_to_the_shared_database_verified(tmp_path: Path, pg_url: str) -> None:
    path = tmp_path / "log.sqlite3"
    with Store.open(path) as store:
        first = store.save_record(liquid(pdf=b"%PDF-1.4 first print"))
        store.sign_off(first, "B. Checker")
        store.amend(first, {"ingredients": (tablets("NX-3000"), water()), "pdf": b"%PDF-1.4 second print"},
                    reason="lot misread")  # fmt: skip
        store.save_plan(PATIENT, {"steps": [1.5, 3]})
        head = store.check().head
        copied = store.move_to(pg_url)
        before = [store.record(record_id) for record_id in (1, 2)]
    assert {table: copied[table] for table in ("record", "ingredient", "record_pdf", "plan", "plan_version")} == {
        "record": 2, "ingredient": 4, "record_pdf": 2, "plan": 1, "plan_version": 1,
    }  # fmt: skip
    # Two records, a sign-off and a plan version in the chain, and each audit-trail entry.
    assert copied["chain"] == 4 + copied["audit_trail"]
    with Store.open(pg_url) as shared:
        assert shared.check().head == head
        assert [shared.record(record_id) for record_id in (1, 2)] == before
        assert shared.printed_pdf(2) == b"%PDF-1.4 second print"
        assert [summary.id for summary in shared.search(lot="nx-2291")] == [1]
        assert shared.save_record(capsules()) == 3
    # A second move into a database that holds records is refused; nothing is added there.
    with Store.open(path) as store, pytest.raises(RecordError, match="already holds records"):
        store.move_to(pg_url)


def test_a_shared_logs_backup_is_the_one_file_backup_and_restores_on_a_pc(
    shared: str, tmp_path: Path
) -> None:
    from ldn_desk.store import restore

    with Store.open(shared) as store:
        head = store.check().head
        written = store.backup(tmp_path / "backup.sqlite3")
        originals = [store.record(record_id) for record_id in (1, 2)]
    assert verify(written) == {"record": 2, "ingredient": 4, "plan": 1, "plan_version": 1}
    assert sqlite3.connect(written).execute("PRAGMA application_id").fetchone() == (0x4C444E44,)
    log_path = tmp_path / "pc" / "log.sqlite3"
    restore(written, log_path)
    with Store.open(log_path) as pc:
        assert pc.check().head == head
        assert [pc.record(record_id) for record_id in (1, 2)] == originals
        assert pc.printed_pdf(1) == b"%PDF-1.4 first print"
        assert pc.save_record(liquid()) == 3


# -- the command line -------------------------------------------------------------------------------


def test_log_init_add_list_check_and_backup_with_database(
    pg_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    made = cli_json(["log", "init", "--database", pg_url], capsys)
    assert (made["schema_version"], made["records"]) == (SCHEMA_VERSION, 0)
    with Store.open(pg_url) as store:
        store.save_record(liquid())
    listed = cli_json(["log", "list", "--database", pg_url, "--lot", " nx-2291 "], capsys)
    assert [record["id"] for record in listed["records"]] == [1]
    monkeypatch.setenv("LDN_DESK_DATABASE", pg_url)
    checked = cli_json(["log", "check"], capsys)
    assert checked["records"] == 1 and checked["chain_entries"] == 1
    backup = cli_json(["log", "backup", "-o", str(tmp_path / "b.sqlite3")], capsys)
    assert backup["counts"]["record"] == 1
    code, _out, err = run_cli(["log", "list", "--database", "mysql://x@y/z"], capsys)
    assert code != EXIT_OK and "--database" in err and "postgresql://" in err and "\n" not in err.strip()


def test_log_move_from_the_command_line(
    pg_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    with Store.open(data / "log.sqlite3") as store:
        store.save_record(liquid())
    moved = cli_json(["log", "move", "--data-dir", str(data), "--to", pg_url], capsys)
    assert moved["copied"]["record"] == 1
    code, out, _err = run_cli(["log", "init", "--database", pg_url], capsys)
    assert code == EXIT_OK and "1 records" in out


# -- a single-PC log on a network folder ---------------------------------------------------------

MOUNTINFO = """\
22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
40 22 0:35 / /mnt/pharmacy\\040share rw,relatime shared:20 - cifs //server/share rw,vers=3.0
41 22 0:36 / /mnt/nfs rw,relatime shared:21 - nfs4 server:/export rw
"""


def test_network_mounts_are_recognised_from_mountinfo(tmp_path: Path) -> None:
    assert mount_type(Path("/mnt/pharmacy share/ldn/log.sqlite3"), MOUNTINFO) == "cifs"
    assert mount_type(Path("/mnt/nfs/log.sqlite3"), MOUNTINFO) == "nfs4"
    assert mount_type(Path("/mnt/nfsother/log.sqlite3"), MOUNTINFO) == "ext4"
    assert network_kind(tmp_path) is None  # the test's own folder is local


def test_a_log_on_a_network_folder_is_refused_pointing_to_the_shared_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ldn_desk.store import network

    # The machine's own mount table, with the test folder shown as an SMB share.
    table = tmp_path / "mountinfo"
    table.write_text(
        f"22 1 8:1 / / rw - ext4 /dev/sda1 rw\n40 22 0:35 / {tmp_path} rw - cifs //pc/share rw\n"
    )
    monkeypatch.setattr(network, "MOUNTINFO", table)
    with pytest.raises(LogUnavailableError) as refused:
        Store.open(tmp_path / "log.sqlite3")
    assert "network folder (cifs)" in str(refused.value) and "Shared database" in str(refused.value)
    assert not (tmp_path / "log.sqlite3").exists()


def test_the_store_sql_reads_the_same_on_postgresql(pg_url: str) -> None:
    from ldn_desk.store.pg import connect, translate

    # sqlite3's placeholders and spellings, as the shared queries are written, read as PostgreSQL's.
    assert translate("SELECT ? WHERE x = '?' AND y LIKE '5%' LIMIT ? OFFSET ?") == (
        "SELECT %s WHERE x = '?' AND y LIKE '5%%' LIMIT nullif(%s, -1) OFFSET %s"
    )
    assert translate("a IS NOT (SELECT 1)") == "a IS DISTINCT FROM (SELECT 1)"
    conn = connect(pg_url)
    try:
        row = conn.execute("SELECT '50%', char(65), instr('abc', 'c'), ?", ("x",)).fetchone()
        assert tuple(row) == ("50%", "A", 3, "x") and row[3] == "x"
        assert [tuple(r) for r in conn.execute("SELECT 1 AS n UNION SELECT 2 ORDER BY n LIMIT ?", (-1,))] == [
            (1,), (2,),
        ]  # fmt: skip
    finally:
        conn.close()


def test_users_and_lots_on_the_shared_database_from_the_command_line(
    pg_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.StringIO("admin-pass-1\n"))
    code, _out, err = run_cli(["users", "add", "Ada Admin", "--initials", "AA", "--role", "administrator",
                               "--database", pg_url, "--password-stdin"], capsys)  # fmt: skip
    assert code == EXIT_OK, err
    listed = cli_json(["users", "list", "--database", pg_url], capsys)
    assert [user["name"] for user in listed["users"]] == ["Ada Admin"]
    assert cli_json(["lots", "list", "--database", pg_url], capsys)["lots"] == []
    assert cli_json(["formulas", "list", "--database", pg_url], capsys)["action"] == "list"
    with Store.open(pg_url) as store:
        assert [user.name for user in store.users()] == ["Ada Admin"]
        store.check()  # the user's audit-trail entry is in the shared log's chain


def _log_at_format_7(owner_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A shared log made at the first format PostgreSQL had (7) by its owner, granted to the
    workstations, with a record they saved as they saved them then."""
    from ldn_desk.store import pg, pg_schema, records

    monkeypatch.setattr(pg, "SCHEMA_VERSION", pg_schema.BASE_VERSION)
    pg.open_log(owner_url).close()
    pg.grant_workstations(owner_url, [WORKSTATION_ROLE])
    workstation = with_role(owner_url, WORKSTATION_ROLE)
    conn = pg.open_log(workstation)
    assert pg.schema_version(conn) == pg_schema.BASE_VERSION
    with pg.saving(conn, workstation):
        records.insert(conn, liquid(), now="2026-12-01T09:00:00+00:00")  # type: ignore[arg-type]
    conn.close()
    monkeypatch.undo()


def test_a_shared_log_of_an_older_format_is_upgraded_by_its_owner_keeping_its_records(
    pg_server: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    owner = pg_server.as_role(pg_server.fresh_database(owner=OWNER_ROLE), OWNER_ROLE)
    _log_at_format_7(owner, monkeypatch)
    with Store.open(owner) as store:  # the steps of every later format, as an SQLite log takes them
        assert store.schema_version == SCHEMA_VERSION
    # The workstations were granted the new format's tables too: users, signatures, the trail, lots.
    workstation = with_role(owner, WORKSTATION_ROLE)
    with Store.open(workstation) as store:
        assert store.record(1).patient == PATIENT
        assert store.save_record(capsules()) == 2
        store.add_user("Ada Admin", "AA", "administrator", "admin-pass-1")
        checked = store.check()
        assert checked.cautions == ()


def test_an_upgrade_by_the_workstations_role_is_refused_whole(
    pg_server: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    owner = pg_server.as_role(pg_server.fresh_database(owner=OWNER_ROLE), OWNER_ROLE)
    _log_at_format_7(owner, monkeypatch)
    workstation = with_role(owner, WORKSTATION_ROLE)
    with pytest.raises(LogUnavailableError) as refused:
        Store.open(workstation)
    said = str(refused.value)
    assert "\n" not in said and "nothing was changed" in said
    assert f"only its owner {OWNER_ROLE} can make" in said
    assert f"`ldn-desk log init --database postgresql://{OWNER_ROLE}@/" in said and "horse" not in said
    with outside(owner) as conn:  # nothing was begun: still format 7, none of format 8's tables
        assert conn.execute("SELECT value FROM ldn_meta WHERE name = 'schema_version'").fetchone() == ("7",)
        assert conn.execute("SELECT to_regclass('desk_user')").fetchone() == (None,)
        assert conn.execute("SELECT count(*) FROM pg_stat_activity WHERE state = 'idle in transaction'"
                            ).fetchone() == (0,)  # fmt: skip
    # Even a workstation that tried the upgrade's first step itself is stopped by the server.
    with outside(owner, WORKSTATION_ROLE) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute("ALTER TABLE chain ADD COLUMN item_id BIGINT")
