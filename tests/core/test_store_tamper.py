"""Tamper evidence: every hole in the log's rules closed from outside (sqlite3 on the file) and
through the program, and `log check` naming the first record that does not match."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from cli_support import one_error_line, run_cli
from store_samples import PATIENT, capsules, liquid

from ldn_desk.cli import EXIT_ENVIRONMENT
from ldn_desk.store import LogCheckError, RecordError, Store
from ldn_desk.store import chain as store_chain
from ldn_desk.store.records import content_sha256


@pytest.fixture
def log(tmp_path: Path) -> Path:
    """A log with a signed liquid record (1, its PDF kept), a draft capsules record (2) and a plan."""
    path = tmp_path / "log.sqlite3"
    with Store.open(path) as store:
        store.save_record(liquid(pdf=b"%PDF-1.4 first print"))
        store.save_record(capsules())
        store.sign_off(1, "B. Checker")
        store.save_plan(PATIENT, {"steps": [1.5, 3, 4.5]})
    return path


def outside(path: Path) -> sqlite3.Connection:
    """Python's own sqlite3 on the file: no LDN Desk code, autocommit."""
    return sqlite3.connect(path, isolation_level=None)


def refused(path: Path, sql: str, args: tuple[object, ...] = ()) -> str:
    conn = outside(path)
    try:
        with pytest.raises(sqlite3.IntegrityError) as caught:
            conn.execute(sql, args)
    finally:
        conn.close()
    return str(caught.value)


class Found:
    """What the check found: the first record it names, and every problem in words."""

    def __init__(self, error: LogCheckError) -> None:
        self.record_id = error.record_id
        self.message = str(error)
        self.text = "\n".join(error.findings)

    def __str__(self) -> str:
        return self.text


def check_error(path: Path) -> Found:
    with Store.open(path) as store, pytest.raises(LogCheckError) as caught:
        store.check()
    return Found(caught.value)


def drop_rules(path: Path) -> None:
    """What someone who means to change a record does first."""
    conn = outside(path)
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
        conn.execute(f"DROP TRIGGER {name}")
    conn.close()


_RECORD_COLUMNS = "id, kind, rx_number, patient, patient_ref, patient_key, compounded_on, bud, compounded_by, " \
    "status, inputs_json, results_json, document_json, created_at"  # fmt: skip


def _record_row(record_id: int, status: str = "draft") -> tuple[object, ...]:
    return (record_id, "liquid", "RX-9", "Someone Else", "", "someone else", "2026-12-01", "2026-12-14", "X",
            status, "{}", "{}", "{}", "2026-12-01T09:00:00+00:00")  # fmt: skip


# -- a sound log --------------------------------------------------------------------------------


def test_a_log_saved_by_the_program_passes_its_check(log: Path) -> None:
    with Store.open(log) as store:
        found = store.check()
    # One entry per save: record 1, record 2, the sign-off of 1, the plan's first version.
    assert found.ok and found.entries == 4
    conn = outside(log)
    rows = conn.execute("SELECT previous, sha256 FROM chain ORDER BY seq").fetchall()
    conn.close()
    assert rows[0][0] == "0" * 64  # the first entry follows the genesis
    assert [previous for previous, _ in rows[1:]] == [
        sha for _, sha in rows[:-1]
    ]  # each binds the one before
    assert found.head == rows[-1][1]


def test_the_fingerprint_on_paper_is_the_one_the_chain_covers(log: Path) -> None:
    with Store.open(log) as store:
        record = store.record(1)
    assert record.content_sha256 == content_sha256(liquid())  # known before printing, equal once saved
    assert store_chain.fingerprint(record.content_sha256) == record.content_sha256[:12]


def test_an_entry_hash_is_the_documented_sha256(log: Path) -> None:
    # Worked from the documented rule: SHA-256 over previous + "\n" + the canonical JSON.
    import hashlib

    conn = outside(log)
    previous, sha = conn.execute("SELECT previous, sha256 FROM chain WHERE entry = 'sign_off'").fetchone()
    signed_at = conn.execute("SELECT signed_at FROM record WHERE id = 1").fetchone()[0]
    conn.close()
    canonical = json.dumps(
        {"checked_by": "B. Checker", "entry": "sign_off", "record": 1, "signed_at": signed_at},
        sort_keys=True, separators=(",", ":"), ensure_ascii=False,
    )  # fmt: skip
    assert hashlib.sha256(f"{previous}\n{canonical}".encode()).hexdigest() == sha


# -- the holes, from outside ----------------------------------------------------------------------


def test_insert_or_replace_of_a_signed_record_is_refused(log: Path) -> None:
    message = refused(log, f"INSERT OR REPLACE INTO record ({_RECORD_COLUMNS}) VALUES ({', '.join('?' * 14)})",
                      _record_row(1))  # fmt: skip
    assert "never replaced" in message
    with Store.open(log) as store:
        assert store.record(1).patient == PATIENT and store.check().ok


def test_insert_or_replace_of_an_ingredient_line_is_refused(log: Path) -> None:
    message = refused(
        log,
        "INSERT OR REPLACE INTO ingredient (record_id, position, name, maker, lot, lot_key, expiry, actual_amount) "
        "VALUES (1, 1, 'Naltrexone HCl 50 mg tablets', 'Accord', 'OTHER-LOT', 'OTHER-LOT', '2027-03-31', '100 mg')",
    )
    assert "never added or replaced" in message
    with Store.open(log) as store:
        assert store.record(1).ingredients[0].lot == "NX-2291"


@pytest.mark.parametrize("record_id", [1, 2])  # signed, and a draft already saved with its lines
def test_an_extra_ingredient_line_is_refused(log: Path, record_id: int) -> None:
    message = refused(
        log,
        "INSERT INTO ingredient (record_id, position, name, maker, lot, lot_key, expiry, actual_amount) "
        "VALUES (?, 9, 'Extra', 'M', 'L-1', 'L-1', '2027-01', '1 mg')",
        (record_id,),
    )
    assert "never added" in message


def test_a_row_inserted_already_signed_is_refused(log: Path) -> None:
    conn = outside(log)
    conn.execute("DROP TRIGGER record_id_never_reused")  # so only the rule under test can refuse it
    conn.close()
    message = refused(
        log,
        f"INSERT INTO record ({_RECORD_COLUMNS}, checked_by, signed_at) VALUES ({', '.join('?' * 16)})",
        (*_record_row(50, "signed"), "Forger", "2026-12-01T10:00:00+00:00"),
    )
    assert "saved as a draft" in message


def test_a_draft_inserted_from_outside_is_named_by_the_check(log: Path) -> None:
    conn = outside(log)
    conn.execute(f"INSERT INTO record ({_RECORD_COLUMNS}) VALUES ({', '.join('?' * 14)})", _record_row(3))
    conn.close()
    error = check_error(log)
    assert error.record_id == 3 and "record 3 was never saved by LDN Desk" in str(error)


def test_a_plan_version_cannot_be_replaced(log: Path) -> None:
    message = refused(log, "INSERT OR REPLACE INTO plan_version VALUES (1, 1, 'then', 'created', '{}', NULL)")
    assert "new version" in message


def test_the_chain_itself_cannot_be_changed_or_cut(log: Path) -> None:
    assert "never changed" in refused(log, "DELETE FROM chain WHERE seq = 4")
    assert "never changed" in refused(log, "UPDATE chain SET sha256 = previous WHERE seq = 1")
    assert "never changed" in refused(
        log, "INSERT OR REPLACE INTO chain (seq, entry, record_id, previous, sha256) VALUES (1, 'record', 1, ?, ?)",
        ("0" * 64, "1" * 64),
    )  # fmt: skip


@pytest.mark.parametrize(
    "trigger", ["record_signed_is_final", "ingredient_saved_with_record", "chain_is_final"]
)
def test_a_dropped_trigger_is_found_by_the_check(log: Path, trigger: str) -> None:
    conn = outside(log)
    conn.execute(f"DROP TRIGGER {trigger}")
    conn.close()
    error = check_error(log)
    assert f"trigger {trigger} is missing" in str(error) and error.record_id is None


def test_a_changed_trigger_is_found_by_the_check(log: Path) -> None:
    conn = outside(log)
    conn.execute("DROP TRIGGER record_never_deleted")
    conn.execute("CREATE TRIGGER record_never_deleted BEFORE DELETE ON record WHEN 0 BEGIN SELECT 1; END")
    conn.close()
    assert "trigger record_never_deleted is not as LDN Desk made it" in str(check_error(log))


def test_a_deleted_last_record_never_gives_its_number_to_another(log: Path) -> None:
    drop_rules(log)
    conn = outside(log)
    conn.execute("DELETE FROM ingredient WHERE record_id = 2")
    conn.execute("DELETE FROM lot_use WHERE record_id = 2")
    conn.execute("DELETE FROM record WHERE id = 2")
    conn.close()
    with Store.open(log) as store:
        # Through the program: record 2 was printed for one patient; the next save is number 3.
        assert store.save_record(liquid()) == 3
    error = check_error(log)
    assert error.record_id == 2 and "record 2 is in the log's chain but missing" in str(error)


def test_reuse_of_an_id_from_outside_is_refused(log: Path) -> None:
    drop = outside(log)
    drop.execute("DROP TRIGGER record_never_deleted")
    drop.execute("DELETE FROM ingredient WHERE 0")  # the lines stay; only the record row goes
    drop.execute("PRAGMA foreign_keys = OFF")
    drop.execute("DELETE FROM record WHERE id = 2")
    drop.close()
    message = refused(
        log, f"INSERT INTO record ({_RECORD_COLUMNS}) VALUES ({', '.join('?' * 14)})", _record_row(2)
    )
    assert "never used twice" in message


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("patient", "Zyxwa Qorvantx"),  # one byte of the name
        ("bud", "2026-12-15"),
        ("results_json", json.dumps({"tablets": 3})),
    ],
)
def test_one_changed_byte_fails_the_check_naming_the_record(log: Path, column: str, value: str) -> None:
    drop_rules(log)
    conn = outside(log)
    conn.execute(f"UPDATE record SET {column} = ? WHERE id = 1", (value,))
    conn.close()
    error = check_error(log)
    assert error.record_id == 1
    assert "record 1 does not match its entry in the log's chain" in str(error)


def test_a_changed_lot_and_its_key_fail_the_check(log: Path) -> None:
    drop_rules(log)
    conn = outside(log)
    conn.execute(
        "UPDATE ingredient SET lot = 'NX-2292', lot_key = 'NX-2292' WHERE record_id = 2 AND position = 1"
    )
    conn.close()
    error = check_error(log)
    assert error.record_id == 2  # the capsules record's first line


def test_a_byte_that_is_not_utf8_is_named_not_a_crash(log: Path) -> None:
    drop_rules(log)
    conn = outside(log)
    conn.execute("UPDATE record SET patient = CAST(X'5A79FF' AS TEXT) WHERE id = 2")
    conn.close()
    assert check_error(log).record_id == 2


def test_a_record_rewritten_with_its_entry_is_found_by_the_next_link(log: Path) -> None:
    # Someone who recomputes the changed record's entry still breaks the entry after it.
    drop_rules(log)
    conn = outside(log)
    conn.execute("UPDATE record SET patient = 'Someone Else' WHERE id = 1")
    conn.close()
    with Store.open(log) as store:
        made = store_chain.canonical(store._conn, "record", 1, None, None)
    conn = outside(log)
    conn.execute("UPDATE chain SET content_sha256 = ?, sha256 = ? WHERE seq = 1",
                 (made.content_sha256, store_chain.entry_hash("0" * 64, made.text)))  # fmt: skip
    conn.close()
    assert "chain is broken before entry 2" in str(check_error(log))


def test_a_cut_off_chain_tail_is_found(log: Path) -> None:
    drop_rules(log)
    conn = outside(log)
    conn.execute("DELETE FROM chain WHERE seq = 4")
    conn.close()
    assert "the last 1 entries of the log's chain are missing" in str(check_error(log))


def test_a_sign_off_revoked_from_outside_is_found(log: Path) -> None:
    drop_rules(log)
    conn = outside(log)
    conn.execute("UPDATE record SET status = 'draft', checked_by = NULL, signed_at = NULL WHERE id = 1")
    conn.close()
    assert "record 1 was signed off, but is now marked a draft" in str(check_error(log))


def test_a_hidden_lot_index_row_is_found(log: Path) -> None:
    # A recall reads lot_use: a row removed there would hide a record from it.
    drop_rules(log)
    conn = outside(log)
    conn.execute("DELETE FROM lot_use WHERE record_id = 1 AND lot_key = 'NX-2291'")
    conn.close()
    error = check_error(log)
    assert error.record_id == 1 and "a recall would miss it" in str(error)


# -- through the program ----------------------------------------------------------------------------


def test_the_program_refuses_lines_added_to_a_signed_record(log: Path) -> None:
    with Store.open(log) as store, pytest.raises(RecordError, match="never added"), store._writing() as conn:
        conn.execute(
            "INSERT INTO ingredient (record_id, position, name, maker, lot, lot_key, expiry, actual_amount) "
            "VALUES (1, 3, 'Extra', 'M', 'L', 'L', '2027-01', '1 mg')"
        )


def test_log_check_exits_1_naming_the_first_record(
    log: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LDN_DESK_DATA_DIR", str(log.parent))
    code, out, err = run_cli(["log", "check"], capsys)
    assert code == 0 and "all 4 entries of its chain matching" in out
    drop_rules(log)
    conn = outside(log)
    conn.execute("UPDATE record SET patient = 'Zyxwa Qorvantx' WHERE id = 1")
    conn.close()
    code, out, err = run_cli(["log", "check"], capsys)
    assert code == EXIT_ENVIRONMENT and out == ""
    line = one_error_line(err)
    assert "first record that does not match: 1" in line and PATIENT not in line


def test_every_rule_of_a_new_log_is_checked(tmp_path: Path) -> None:
    # The check's reference is the schema a new log is made with: nothing it holds goes unchecked.
    from ldn_desk.store.migrations import reference_schema

    triggers = {name for kind, name, _, _ in reference_schema() if kind == "trigger"}
    assert {"record_never_replaced", "record_saved_as_draft", "record_id_never_reused",
            "ingredient_saved_with_record", "chain_never_deleted", "chain_is_final"} <= triggers  # fmt: skip


def test_a_lot_saved_with_a_hidden_character_before_format_6_is_found_by_a_recall(tmp_path: Path) -> None:
    # Saved by an earlier version, which did not yet refuse the character: the upgraded key ignores it.
    from ldn_desk.store import db as store_db
    from ldn_desk.store import migrations

    path = tmp_path / "log.sqlite3"
    conn = store_db.connect(path)
    conn.execute("BEGIN")
    conn.execute(f"PRAGMA application_id = {store_db.APPLICATION_ID}")
    migrations.migrate(conn, 0, 5)
    conn.execute(f"INSERT INTO record ({_RECORD_COLUMNS}) VALUES ({', '.join('?' * 14)})", _record_row(1))
    conn.execute(
        "INSERT INTO ingredient (record_id, position, name, maker, lot, lot_key, expiry, actual_amount) "
        "VALUES (1, 1, 'Naltrexone HCl 50 mg tablets', 'Accord', 'NX\u200b-2291', 'NX\u200b-2291', '2027-03-31', "
        "'100 mg')"
    )
    conn.execute("COMMIT")
    conn.close()
    with Store.open(path) as store:
        assert [found.id for found in store.search(lot="nx-2291")] == [1]
        assert store.record(1).ingredients[0].lot == "NX\u200b-2291"  # the lot as entered, never rewritten
        assert store.check().ok
