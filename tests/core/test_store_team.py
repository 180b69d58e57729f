"""Users, roles, signatures and the audit trail of log format 8."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from store_samples import from_outside, liquid
from team_samples import (
    ADMIN,
    PHARMACIST,
    PRESCRIBER,
    SECOND,
    TECHNICIAN,
    approved_formula,
    team,
    team_record,
    team_store,
)

from ldn_desk.errors import InputError
from ldn_desk.store import Store
from ldn_desk.store.audit import audit
from ldn_desk.store.errors import AccessError, RecordError, SignInError
from ldn_desk.store.users import PERMISSIONS, Credentials, Permission, Role


@pytest.fixture
def store(store_engine: str) -> Store:
    """The team's log, on SQLite and on PostgreSQL."""
    return team_store(store_engine)


@pytest.fixture
def file_store(tmp_path: Path) -> Store:
    """The team's log as a file, for the tests that read or change the SQLite file itself."""
    opened = Store.open(tmp_path / "log.sqlite3")
    team(opened)
    approved_formula(opened)
    return opened


def test_the_role_table_is_the_one_the_pharmacy_expects() -> None:
    P = Permission
    granted = {role: PERMISSIONS[role] for role in Role}
    # Only a pharmacist verifies, releases, approves formulas and lots, recalls.
    for permission in (P.VERIFY, P.RELEASE, P.APPROVE_FORMULA, P.APPROVE_LOT, P.RECALL_LOT, P.CORRECT_SIGNED):
        assert [role for role in Role if permission in granted[role]] == [Role.PHARMACIST]
    # Only an administrator manages users and settings.
    for permission in (P.MANAGE_USERS, P.CHANGE_SETTINGS):
        assert [role for role in Role if permission in granted[role]] == [Role.ADMINISTRATOR]
    # A technician saves drafts, prepares, enters lots; a prescriber reads and saves plans.
    assert granted[Role.TECHNICIAN] == {P.READ, P.SAVE_DRAFT, P.PREPARE, P.RECEIVE_LOT, P.QUARANTINE_LOT}
    assert granted[Role.PRESCRIBER] == {P.READ, P.SAVE_PLAN}
    assert all(P.READ in granted[role] for role in Role)


def test_the_first_user_is_the_administrator_and_needs_no_one(tmp_path: Path) -> None:
    with Store.open(tmp_path / "log.sqlite3") as store:
        with pytest.raises(InputError, match="first user must be administrator"):
            store.add_user("Bea", "B", "pharmacist", "long-enough")
        store.add_user("Ada Admin", "aa", "administrator", "admin-pass-1")
        with pytest.raises(AccessError, match="needs an administrator"):
            store.add_user("Bea", "B", "pharmacist", "long-enough")
        store.add_user("Cy", "C", "pharmacist", "long-enough", by=Credentials("Ada Admin", "admin-pass-1"))
        assert [(u.name, u.initials, u.role) for u in store.users()] == [
            ("Ada Admin", "AA", Role.ADMINISTRATOR),
            ("Cy", "C", Role.PHARMACIST),
        ]


def test_the_password_is_never_kept_in_clear(file_store: Store) -> None:
    store = file_store
    hashes = [row[0] for row in store._conn.execute("SELECT password_hash FROM desk_user")]
    assert all(value.startswith("$argon2id$") for value in hashes)
    dump = "\n".join(store._conn.iterdump())
    for who in (ADMIN, PHARMACIST, SECOND, TECHNICIAN, PRESCRIBER):
        assert who.password not in dump
    assert PHARMACIST.password not in repr(PHARMACIST)


def test_a_short_password_or_bad_role_is_refused_naming_the_field(store: Store) -> None:
    with pytest.raises(InputError, match=r"password.*at least 8"):
        store.add_user("Fay", "F", "technician", "short", by=ADMIN)
    with pytest.raises(InputError, match=r"role.*one of technician, pharmacist"):
        store.add_user("Fay", "F", "nurse", "long-enough", by=ADMIN)
    with pytest.raises(InputError, match="initials"):
        store.add_user("Fay", "F1", "technician", "long-enough", by=ADMIN)
    with pytest.raises(InputError, match="already a user"):
        store.add_user("bea  PHARMACIST", "B", "technician", "long-enough", by=ADMIN)


def test_only_an_administrator_manages_users(store: Store) -> None:
    with pytest.raises(AccessError, match="is a pharmacist; only an administrator may manage users"):
        store.add_user("Fay", "F", "technician", "long-enough", by=PHARMACIST)
    with pytest.raises(AccessError):
        store.set_user_active(TECHNICIAN.name, False, "left", by=PHARMACIST)


def _prepared(store: Store, who: Credentials = TECHNICIAN) -> int:
    record_id = store.save_record(team_record(), by=who)
    store.sign(record_id, "prepared", who)
    return record_id


def test_the_record_is_prepared_verified_and_released_by_the_right_roles(store: Store) -> None:
    record_id = _prepared(store)
    with pytest.raises(AccessError, match="technician; only a pharmacist may verify"):
        store.sign(record_id, "verified", TECHNICIAN)
    with pytest.raises(RecordError, match="not verified yet"):
        store.sign(record_id, "released", PHARMACIST)
    store.sign(record_id, "verified", PHARMACIST)
    store.sign(record_id, "released", SECOND)
    record = store.record(record_id)
    assert record.signed and record.checked_by == PHARMACIST.name
    lines = [s.line() for s in store.signatures(record_id)]
    assert [line.split(" by ")[0] for line in lines] == ["Prepared", "Verified", "Released"]
    assert lines[1].startswith("Verified by Bea Pharmacist (pharmacist), 20")
    assert store.check().ok


def test_a_prescriber_cannot_save_or_sign_a_record(store: Store) -> None:
    with pytest.raises(AccessError, match="is a prescriber; only a pharmacist or technician may save draft"):
        store.save_record(team_record(), by=PRESCRIBER)
    record_id = _prepared(store)
    with pytest.raises(AccessError):
        store.sign(record_id, "verified", PRESCRIBER)


def test_a_log_with_users_refuses_unsigned_work(store: Store) -> None:
    with pytest.raises(AccessError, match="sign in"):
        store.save_record(liquid())
    record_id = _prepared(store)
    with pytest.raises(AccessError, match="verified with the pharmacist's password"):
        store.sign_off(record_id, "Anyone At All")
    assert not store.record(record_id).signed


def test_the_same_person_cannot_prepare_and_verify(store: Store) -> None:
    record_id = _prepared(store, PHARMACIST)
    with pytest.raises(AccessError, match=r"prepared record .* cannot also verify"):
        store.sign(record_id, "verified", PHARMACIST)
    assert not store.record(record_id).signed


def test_the_one_person_setting_lets_one_pharmacist_verify_and_says_so(store: Store) -> None:
    with pytest.raises(AccessError):
        store.change_setting("one_person", 1, "single-pharmacist clinic", by=PHARMACIST)
    store.change_setting("one_person", 1, "single-pharmacist clinic", by=ADMIN)
    record_id = _prepared(store, PHARMACIST)
    verified = store.sign(record_id, "verified", PHARMACIST)
    assert verified.one_person
    assert "same person: one-person pharmacy setting" in verified.line()
    setting = store.trail("setting", "one_person")
    assert [(e.old, e.new, e.reason, e.user) for e in setting] == [
        ("0", "1", "single-pharmacist clinic", ADMIN.name)
    ]


def test_a_disabled_user_cannot_sign(store: Store) -> None:
    record_id = _prepared(store)
    store.set_user_active(PHARMACIST.name, False, "left the pharmacy", by=ADMIN)
    with pytest.raises(SignInError, match="disabled"):
        store.sign(record_id, "verified", PHARMACIST)
    entry = store.trail("user", _user_id(store, PHARMACIST.name))[-1]
    assert (entry.action, entry.old, entry.new, entry.reason) == (
        "disabled",
        "true",
        "false",
        "left the pharmacy",
    )


def _user_id(store: Store, name: str) -> int:
    return next(user.id for user in store.users() if user.name == name)


def test_a_wrong_password_is_refused_and_repeated_failures_lock_the_account(store: Store) -> None:
    record_id = _prepared(store)
    wrong = Credentials(PHARMACIST.name, "not-the-password")
    for left in (4, 3, 2, 1):
        with pytest.raises(SignInError, match=f"wrong password.*{left} more"):
            store.sign(record_id, "verified", wrong)
    with pytest.raises(SignInError, match="now locked"):
        store.sign(record_id, "verified", wrong)
    with pytest.raises(SignInError, match="locked out"):  # the right password too, once locked
        store.sign(record_id, "verified", PHARMACIST)
    store.unlock_user(PHARMACIST.name, "identity checked in person", by=ADMIN)
    store.sign(record_id, "verified", PHARMACIST)
    assert store.record(record_id).signed


def test_the_lockout_count_is_configurable(store: Store) -> None:
    store.change_setting("lockout_after", 2, "policy", by=ADMIN)
    wrong = Credentials(TECHNICIAN.name, "nope-nope-nope")
    for _ in range(2):
        with pytest.raises(SignInError):
            store.sign_in(wrong)
    with pytest.raises(SignInError, match="locked out after 2"):
        store.sign_in(TECHNICIAN)


def test_the_audit_trail_shows_old_and_new_values_with_the_reason(store: Store) -> None:
    record_id = _prepared(store)
    store.sign(record_id, "verified", PHARMACIST)
    lines = list(team_record().ingredients)
    fixed = (lines[0].__class__(lines[0].name, lines[0].maker, "NX-2292", lines[0].expiry, lines[0].actual_amount),
             lines[1])  # fmt: skip
    with pytest.raises(InputError, match="reason"):
        store.amend(record_id, {"ingredients": fixed}, by=PHARMACIST)
    with pytest.raises(AccessError, match="technician; only a pharmacist may correct signed"):
        store.amend(record_id, {"ingredients": fixed}, "wrong lot typed", by=TECHNICIAN)
    new_id = store.amend(record_id, {"ingredients": fixed}, "wrong lot typed", by=PHARMACIST)
    changes = [e for e in store.trail("record", record_id) if e.action.startswith("corrected")]
    assert len(changes) == 1
    change = changes[0]
    assert (change.field, change.reason, change.user, change.action) == (
        "ingredients",
        "wrong lot typed",
        PHARMACIST.name,
        f"corrected by record {new_id}",
    )
    assert json.loads(change.old or "")[0]["lot"] == "NX-2291"
    assert json.loads(change.new or "")[0]["lot"] == "NX-2292"
    actions = [(e.action, e.field) for e in store.trail("record", record_id)]
    assert actions[:3] == [("saved", "record"), ("signed", "prepared"), ("signed", "verified")]
    assert store.check().ok


def test_a_signature_is_bound_to_its_record_in_the_chain(file_store: Store) -> None:
    store = file_store
    first = _prepared(store)
    second = _prepared(store)
    store.sign(first, "verified", PHARMACIST)
    conn = store._conn
    conn.execute("DROP TRIGGER signature_is_final")
    # Moving the signature to another record from outside is found by the check.
    conn.execute("UPDATE signature SET subject_id = ? WHERE subject_id = ? AND meaning = 'verified'",
                 (second, first))  # fmt: skip
    found = [finding.text for finding in audit(conn).findings]
    assert any("signature" in text and "does not match its entry" in text for text in found)
    assert any(f"not bound to record {second}" in text for text in found)


def test_the_trail_and_signatures_are_append_only(store: Store) -> None:
    record_id = _prepared(store)
    for sql in ("DELETE FROM signature", "UPDATE signature SET printed_name = 'X'", "DELETE FROM audit_trail",
                "UPDATE audit_trail SET reason = 'x'", "DELETE FROM desk_user",
                "UPDATE desk_user SET name = 'Someone Else'"):  # fmt: skip
        with pytest.raises(Exception, match=r"never|disabled"):
            from_outside(store).execute(sql)
    assert len(store.signatures(record_id)) == 1


def test_real_passwords_are_hashed_at_owasps_argon2id_cost(monkeypatch: pytest.MonkeyPatch) -> None:
    from ldn_desk.store import users

    monkeypatch.undo()  # the suite's quick hashes off: the program's own parameters
    made = users.hasher().hash("a passphrase here")
    assert made.startswith("$argon2id$v=19$m=47104,t=1,p=1$")
    assert users.hasher().verify(made, "a passphrase here")


def test_a_role_raised_or_an_account_enabled_from_outside_is_found(store: Store) -> None:
    assert store.check().ok
    store.set_user_active(SECOND.name, False, "left", by=ADMIN)
    outside = from_outside(store)
    outside.execute("UPDATE desk_user SET role = 'pharmacist' WHERE name = ?", (TECHNICIAN.name,))
    outside.execute("UPDATE desk_user SET active = 1 WHERE name = ?", (SECOND.name,))
    found = [finding.text for finding in audit(store._conn).findings]
    assert (
        f"user {TECHNICIAN.name}'s role or state does not match the audit trail (changed outside LDN Desk)"
        in found
    )
    assert (
        f"user {SECOND.name}'s role or state does not match the audit trail (changed outside LDN Desk)"
        in found
    )


def test_a_password_hash_replaced_from_outside_is_found(store: Store) -> None:
    from ldn_desk.store import users

    assert store.check().ok
    # Someone with the file sets a pharmacist's hash to one of a password they know, to sign as her.
    known = users.hasher().hash("someone-elses-pass")
    from_outside(store).execute(
        "UPDATE desk_user SET password_hash = ? WHERE name = ?", (known, PHARMACIST.name)
    )
    found = [finding.text for finding in audit(store._conn).findings]
    assert found == [
        f"user {PHARMACIST.name}'s password does not match the audit trail (replaced outside LDN Desk)"
    ]


def test_the_trail_keeps_a_fingerprint_of_the_password_never_the_hash(store: Store) -> None:
    (stored,) = store._conn.execute(
        "SELECT password_hash FROM desk_user WHERE name = ?", (PHARMACIST.name,)
    ).fetchone()
    kept = "\n".join(str(row[0]) for row in store._conn.execute("SELECT new_value FROM audit_trail"))
    assert stored not in kept and PHARMACIST.password not in kept
    assert hashlib.sha256(stored.encode()).hexdigest() in kept


def test_the_one_person_setting_turned_on_from_outside_is_found(store: Store) -> None:
    store.change_setting("lockout_after", 3, "policy", by=ADMIN)
    assert store.check().ok
    store._conn.execute("UPDATE setting SET value = 1 WHERE name = 'one_person'")
    found = [finding.text for finding in audit(store._conn).findings]
    assert found == ["the log's setting one_person does not match the audit trail (changed outside LDN Desk)"]
