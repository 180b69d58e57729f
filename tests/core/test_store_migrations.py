"""Every earlier log format opens in this version: upgraded in one step, copy kept, nothing lost."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from store_samples import PATIENT, liquid

from ldn_desk.errors import LdnDeskError
from ldn_desk.store import SCHEMA_VERSION, Store, audit, migrations
from ldn_desk.store import db as store_db
from ldn_desk.store.db import APPLICATION_ID
from ldn_desk.store.keys import lot_key, patient_key

EARLIER = list(range(1, SCHEMA_VERSION))


def _log_at_version(path: Path, version: int) -> None:
    """A log as version `version` of the program wrote it, holding two records and a plan."""
    conn = store_db.connect(path)  # the program's own connection, with its key functions
    conn.execute("BEGIN")
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    # From version 6 the rules refuse rows inserted as signed: the rows go in as version 5 held
    # them and the later steps run over them, as the program's upgrade did.
    migrations.migrate(conn, 0, min(version, 5))
    keyed = version >= 2  # from version 2 on, the program wrote search keys with each row
    for record_id, status, checked, lot in (
        (1, "signed", "B. Checker", "nx 2291"),
        (2, "draft", None, "NX-5"),
    ):
        conn.execute(
            f"""INSERT INTO record (id, kind, rx_number, patient, patient_ref, compounded_on, bud, compounded_by,
                   checked_by, status, inputs_json, results_json, created_at, signed_at
                   {", patient_key" if keyed else ""})
               VALUES (?, 'liquid', 'RX-1', ?, '1961-07-04', '2026-12-01', '2026-12-14', 'A. Pharmacist', ?, ?,
                   '{{"strength":"1 mg/mL"}}', '{{"tablets":2}}', '2026-12-01T09:00:00+00:00', ?
                   {", ?" if keyed else ""})""",
            (record_id, PATIENT, checked, status, "2026-12-01T10:00:00+00:00" if checked else None)
            + ((patient_key(PATIENT, "1961-07-04"),) if keyed else ()),
        )
        conn.execute(
            f"""INSERT INTO ingredient (record_id, position, name, maker, lot, expiry, actual_amount
                   {", lot_key" if keyed else ""})
               VALUES (?, 1, 'Naltrexone HCl 50 mg tablets', 'Accord', ?, '2027-03-31', '100 mg'
                   {", ?" if keyed else ""})""",
            (record_id, lot) + ((lot_key(lot),) if keyed else ()),
        )
    conn.execute(
        f"""INSERT INTO plan (id, patient, patient_ref, created_at {", patient_key" if keyed else ""})
            VALUES (1, ?, '', 'then' {", ?" if keyed else ""})""",
        (PATIENT,) + ((patient_key(PATIENT),) if keyed else ()),
    )
    conn.execute("INSERT INTO plan_version VALUES (1, 1, 'then', 'created', '{\"steps\":[1.5,3,4.5]}')")
    if version > 5:
        migrations.migrate(conn, 5, version)
    conn.execute("COMMIT")
    conn.close()


def _schema(path: Path) -> list[tuple[str, str, str]]:
    conn = sqlite3.connect(path)
    rows = conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY type, name").fetchall()
    conn.close()
    return rows


@pytest.mark.parametrize("version", EARLIER)
def test_an_earlier_log_is_upgraded_with_every_record_intact(tmp_path: Path, version: int) -> None:
    path = tmp_path / "log.sqlite3"
    _log_at_version(path, version)
    with Store.open(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        # The chain is built for the rows of then: record 1, its sign-off, record 2, the plan's version.
        assert store.check().entries == 4
        signed = store.record(1)
        assert (signed.status, signed.checked_by, signed.patient) == ("signed", "B. Checker", PATIENT)
        # The names typed then are kept as they were, and are no user's signature (unverified).
        assert signed.compounded_by == "A. Pharmacist" and store.signatures(1) == ()
        assert not store.has_users() and store.settings() == {"one_person": 0, "lockout_after": 5}
        assert signed.inputs == {"strength": "1 mg/mL"} and signed.results == {"tablets": 2}
        assert signed.document == {}  # older logs kept no document settings
        assert signed.ingredients[0].lot == "nx 2291"  # the lot as entered, never rewritten
        # The search keys added later are filled in for old rows: a recall finds them.
        assert [found.id for found in store.search(lot="NX2291")] == [1]
        assert [found.id for found in store.search(patient=PATIENT.upper())] == [2, 1]
        assert [plan.plan["steps"] for plan in store.plans_for(PATIENT)] == [[1.5, 3, 4.5]]
        # Records of then kept no printed PDF: a reprint of them is printed again (and says so).
        assert not signed.printed and store.printed_pdf(1) is None
        # The upgraded log follows today's rules: it can be amended, and signed records stay final.
        new_id = store.amend(1, {"bud": dt.date(2026, 12, 10)}, reason="BUD corrected")
        assert store.record(new_id).supersedes == 1
        # And it keeps the PDF of a record saved from now on.
        printed = store.save_record(liquid(pdf=b"%PDF-1.4 first print"))
        assert store.printed_pdf(printed) == b"%PDF-1.4 first print"
        # And binds what is saved after it into the same chain: the correction, its audit-trail
        # entry (the BUD's old and new value), and the new record.
        assert store.check().entries == 7
        (change,) = store.trail("record", 1)
        assert (change.field, change.old, change.new, change.reason, change.verified) == (
            "bud",
            '"2026-12-14"',
            '"2026-12-10"',
            "BUD corrected",
            False,
        )
    fresh = tmp_path / "fresh.sqlite3"
    Store.open(fresh).close()
    assert _schema(path) == _schema(fresh)  # an upgraded log is the same as a new one
    kept = list(tmp_path.glob(f"log.sqlite3.before-v{SCHEMA_VERSION}-*"))
    assert len(kept) == 1
    conn = sqlite3.connect(kept[0])
    assert conn.execute("PRAGMA user_version").fetchone()[0] == version  # the copy as it was
    assert conn.execute("SELECT count(*) FROM record").fetchone()[0] == 2
    conn.close()


def test_a_current_log_is_not_copied_on_open(tmp_path: Path) -> None:
    Store.open(tmp_path / "log.sqlite3").close()
    Store.open(tmp_path / "log.sqlite3").close()
    assert [path.name for path in tmp_path.iterdir()] == ["log.sqlite3"]


def test_a_failing_upgrade_leaves_the_log_at_its_old_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "log.sqlite3"
    _log_at_version(path, SCHEMA_VERSION - 1)  # the rules of today refuse rows inserted as signed
    Store.open(path).close()  # so it is brought to today's version the program's way
    broken = (
        "ALTER TABLE record ADD COLUMN added_then_undone TEXT",
        "INSERT INTO no_such_table VALUES (1)",
    )
    monkeypatch.setattr(migrations, "MIGRATIONS", (*migrations.MIGRATIONS, broken))
    monkeypatch.setattr(store_db, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with pytest.raises(LdnDeskError, match=r"no_such_table.*nothing was changed"):
        Store.open(path)
    monkeypatch.undo()
    with Store.open(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.count() == 2
    assert "added_then_undone" not in str(_schema(path))


def test_each_version_adds_something(tmp_path: Path) -> None:
    previous: list[tuple[str, str, str]] = []
    for version in range(1, SCHEMA_VERSION + 1):
        path = tmp_path / f"v{version}.sqlite3"
        conn = sqlite3.connect(path, isolation_level=None)
        migrations.migrate(conn, 0, version)
        assert conn.execute("PRAGMA user_version").fetchone()[0] == version
        conn.close()
        schema = _schema(path)
        assert schema != previous
        previous = schema


def test_the_upgrade_to_format_8_keeps_every_chain_entry_and_the_evidence_of_a_cut_off_end(
    tmp_path: Path,
) -> None:
    path = tmp_path / "log.sqlite3"
    _log_at_version(path, 7)
    conn = sqlite3.connect(path)
    before = conn.execute(
        "SELECT seq, entry, record_id, plan_id, version, previous, sha256 FROM chain"
    ).fetchall()
    # The last entry (the plan's version) removed from outside before the upgrade, its rule put back.
    (rule,) = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'chain_never_deleted'").fetchone()
    conn.execute("DROP TRIGGER chain_never_deleted")
    conn.execute("DELETE FROM chain WHERE seq = (SELECT max(seq) FROM chain)")
    conn.execute(rule)
    conn.commit()
    conn.close()
    with Store.open(path) as store:
        assert store.schema_version == 8
        kept = store._conn.execute(
            "SELECT seq, entry, record_id, plan_id, version, previous, sha256 FROM chain"
        ).fetchall()
        assert [tuple(row) for row in kept] == before[:-1]  # copied entry for entry, hashes and all
        found = [finding.text for finding in audit.audit(store._conn).findings]
        assert "the last 1 entries of the log's chain are missing (removed outside LDN Desk)" in found
