"""The log's full check beyond SQLite's own: its rules as created, its chain, and its content.

    found = audit(conn)          # read only; a log of 100,000 records takes a few seconds
    found.ok, found.first_record, found.summary()

What it finds, in this order: a rule (trigger), table or index that was dropped, changed or added;
an entry of the chain whose rows were changed, removed, or rewritten together with their entry;
rows that were never entered in the chain (added from outside); search keys and indexes that no
longer match the rows (a recall would miss a record); kept PDFs that no longer match their SHA-256.
"""

from __future__ import annotations

import functools
import hashlib
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass

from ldn_desk.store import chain
from ldn_desk.store.keys import lot_key, patient_key
from ldn_desk.store.migrations import reference_schema, schema_of


@dataclass(frozen=True)
class Finding:
    """One thing that does not match, and the record it concerns (None: the log as a whole)."""

    text: str
    record_id: int | None = None


@dataclass(frozen=True)
class Audit:
    entries: int
    head: str  # the hash of the chain's last entry: noting it lets a later check prove nothing was cut off
    findings: tuple[Finding, ...]
    # What is sound but worth a person's attention: on a shared log, a connection whose role could
    # change the log's rules (store/pg_roles.py). Never a failure: the content matches either way.
    cautions: tuple[Finding, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.findings

    @property
    def first_record(self) -> int | None:
        """The first record, in the order it was saved, that does not match."""
        return next((finding.record_id for finding in self.findings if finding.record_id is not None), None)

    def summary(self, most: int = 3) -> str:
        shown = "; ".join(finding.text for finding in self.findings[:most])
        more = len(self.findings) - most
        return shown + (f"; and {more} more problem{'s' if more != 1 else ''}" if more > 0 else "")


@functools.cache
def _reference() -> dict[tuple[str, str], tuple[str, str | None]]:
    return {(kind, name): (table, sql) for kind, name, table, sql in reference_schema()}


def _shared(conn: sqlite3.Connection) -> bool:
    return getattr(conn, "dialect", "sqlite") == "postgresql"


def _pg_schema_findings(conn: sqlite3.Connection) -> Iterator[Finding]:
    """A shared log's rules: every trigger there and switched on, every rule's code as made."""
    from ldn_desk.store import pg_schema

    found = {str(row[0]): str(row[1]) for row in conn.execute(
        "SELECT t.tgname, t.tgenabled FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
        "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE NOT t.tgisinternal AND n.nspname = current_schema()"
    )}  # fmt: skip
    expected = pg_schema.expected_triggers()
    for name in sorted(expected - found.keys()):
        yield Finding(f"the log's trigger {name} is missing (removed outside LDN Desk)")
    for name in sorted(found.keys() - expected):
        yield Finding(f"the log has a trigger {name} that LDN Desk never made (added outside LDN Desk)")
    for name in sorted(expected & found.keys()):
        if found[name] != "O":
            yield Finding(f"the log's trigger {name} was switched off (changed outside LDN Desk)")
    code = {str(row[0]): str(row[1]) for row in conn.execute(
        "SELECT p.proname, p.prosrc FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
        "WHERE n.nspname = current_schema() AND p.proname LIKE 'ldn?_%' ESCAPE '?'"
    )}  # fmt: skip
    for name, body in pg_schema.ALL_FUNCTIONS.items():
        if code.get(name) != body:
            yield Finding(f"the log's rule {name} is not as LDN Desk made it (changed outside LDN Desk)")


def _cautions(conn: sqlite3.Connection) -> Iterator[Finding]:
    if _shared(conn):
        from ldn_desk.store import pg_roles

        reason = pg_roles.rule_changer(conn)
        if reason is not None:
            yield Finding(reason)


def _schema_findings(conn: sqlite3.Connection) -> Iterator[Finding]:
    if _shared(conn):
        yield from _pg_schema_findings(conn)
        return
    expected = _reference()
    found = {(kind, name): (table, sql) for kind, name, table, sql in schema_of(conn)}
    for key in sorted(expected.keys() - found.keys()):
        yield Finding(f"the log's {key[0]} {key[1]} is missing (removed outside LDN Desk)")
    for key in sorted(found.keys() - expected.keys()):
        if key != ("table", "sqlite_sequence"):  # SQLite's own, made with the first AUTOINCREMENT row
            yield Finding(
                f"the log has a {key[0]} {key[1]} that LDN Desk never made (added outside LDN Desk)"
            )
    for key in sorted(expected.keys() & found.keys()):
        if expected[key] != found[key]:
            yield Finding(
                f"the log's {key[0]} {key[1]} is not as LDN Desk made it (changed outside LDN Desk)"
            )


def _label(entry: str, record_id: int | None, plan_id: int | None, version: int | None,
           item_id: int | None = None) -> str:  # fmt: skip
    if entry == "signature":
        return f"signature {item_id}"
    if entry == "audit":
        return f"audit-trail entry {item_id}"
    if entry == "plan_version":
        return f"version {version} of saved plan {plan_id}"
    return f"record {record_id}" + (" (its sign-off)" if entry == "sign_off" else "")


def _chain_findings(conn: sqlite3.Connection) -> Iterator[Finding]:
    previous = chain.GENESIS
    rows = conn.execute(
        "SELECT seq, entry, record_id, plan_id, version, content_sha256, previous, sha256, item_id "
        "FROM chain ORDER BY seq"
    )
    for (
        seq,
        entry,
        record_id,
        plan_id,
        version,
        content_sha,
        stored_previous,
        stored,
        item_id,
    ) in rows.fetchall():
        what = _label(entry, record_id, plan_id, version, item_id)
        if entry == "signature":
            record_id = _signed_record(conn, item_id)
        if stored_previous != previous:
            yield Finding(f"the log's chain is broken before entry {seq} ({what}): an earlier entry was "
                          "rewritten or removed outside LDN Desk", record_id)  # fmt: skip
        try:
            made = chain.canonical(conn, entry, record_id, plan_id, version, item_id)
        except chain.MissingRow:
            yield Finding(f"{what} is in the log's chain but missing from the log (removed outside LDN Desk)",
                          record_id)  # fmt: skip
        else:
            if chain.entry_hash(stored_previous, made.text) != stored or made.content_sha256 != content_sha:
                yield Finding(f"{what} does not match its entry in the log's chain (changed outside LDN Desk)",
                              record_id)  # fmt: skip
        previous = stored
    tail = (
        "SELECT last_seq FROM chain_tail"
        if _shared(conn)
        else "SELECT seq FROM sqlite_sequence WHERE name = 'chain'"
    )
    sequence = conn.execute(tail).fetchone()
    last = conn.execute("SELECT coalesce(max(seq), 0) FROM chain").fetchone()[0]
    if sequence is not None and int(sequence[0]) != int(last):
        yield Finding(f"the last {int(sequence[0]) - int(last)} entries of the log's chain are missing "
                      "(removed outside LDN Desk)")  # fmt: skip


def _signed_record(conn: sqlite3.Connection, signature_id: int | None) -> int | None:
    row = conn.execute("SELECT subject, subject_id FROM signature WHERE id = ?", (signature_id,)).fetchone()
    return int(row[1]) if row is not None and row[0] == "record" else None


def _team_findings(conn: sqlite3.Connection) -> Iterator[Finding]:
    """Signatures and audit-trail entries never entered in the chain, and signatures no longer
    bound to what they signed (log format 8)."""
    for (item_id,) in conn.execute(
        "SELECT id FROM signature s WHERE NOT EXISTS "
        "(SELECT 1 FROM chain c WHERE c.entry = 'signature' AND c.item_id = s.id) ORDER BY id"
    ):
        yield Finding(
            f"signature {item_id} was never made in LDN Desk (added outside it)",
            _signed_record(conn, item_id),
        )
    for (item_id,) in conn.execute(
        "SELECT id FROM audit_trail t WHERE NOT EXISTS "
        "(SELECT 1 FROM chain c WHERE c.entry = 'audit' AND c.item_id = t.id) ORDER BY id"
    ):
        yield Finding(f"audit-trail entry {item_id} was never made in LDN Desk (added outside it)")
    for item_id, record_id in conn.execute(
        "SELECT s.id, s.subject_id FROM signature s WHERE s.subject = 'record' "
        "AND s.subject_sha256 IS NOT (SELECT c.sha256 FROM chain c WHERE c.record_id = s.subject_id "
        "AND c.entry = 'record') ORDER BY s.id"
    ):
        yield Finding(f"signature {item_id} is not bound to record {record_id} as saved (moved or changed "
                      "outside LDN Desk)", int(record_id))  # fmt: skip
    yield from _user_findings(conn)
    yield from _setting_findings(conn)


_SETTING_DEFAULTS = {"one_person": 0, "lockout_after": 5}  # as the migration to format 8 sets them


def _setting_findings(conn: sqlite3.Connection) -> Iterator[Finding]:
    """A setting as its last audit-trail entry left it: the one-person setting turned on from outside is found."""
    for name, value in conn.execute("SELECT name, value FROM setting ORDER BY name"):
        last = conn.execute(
            "SELECT new_value FROM audit_trail WHERE subject = 'setting' AND subject_id = ? ORDER BY id DESC LIMIT 1",
            (name,),
        ).fetchone()
        expected = _SETTING_DEFAULTS.get(name) if last is None else last[0]
        if str(expected) != str(value):
            yield Finding(
                f"the log's setting {name} does not match the audit trail (changed outside LDN Desk)"
            )


def _user_findings(conn: sqlite3.Connection) -> Iterator[Finding]:
    """A user's role, state and password as the audit trail (in the chain) last set them: a role
    raised, a disabled account enabled or a password hash replaced from outside is found. (Users
    added before the trail kept a password's fingerprint have their password unchecked.)"""
    import json

    from ldn_desk.store.users import password_fingerprint

    for user_id, name, role, active, password_hash in conn.execute(
        "SELECT id, name, role, active, password_hash FROM desk_user ORDER BY id"
    ):
        entries = conn.execute(
            "SELECT action, field, new_value FROM audit_trail WHERE subject = 'user' AND subject_id = ? ORDER BY id",
            (str(user_id),),
        ).fetchall()
        expected_role, expected_active, expected_password = None, None, None
        for action, field, new in entries:
            try:
                value = json.loads(new) if new is not None else None
            except ValueError:
                continue
            if action == "added" and isinstance(value, dict):
                expected_role, expected_active = value.get("role"), value.get("active")
                expected_password = value.get("password")
            elif field == "active":
                expected_active = value
        if expected_role is None:
            yield Finding(f"user {name} was never added in LDN Desk (added outside it)")
            continue
        if expected_role != role or expected_active != bool(active):
            yield Finding(
                f"user {name}'s role or state does not match the audit trail (changed outside LDN Desk)"
            )
        if expected_password is not None and expected_password != password_fingerprint(password_hash):
            yield Finding(
                f"user {name}'s password does not match the audit trail (replaced outside LDN Desk)"
            )


def _unchained_findings(conn: sqlite3.Connection) -> Iterator[Finding]:
    for (record_id,) in conn.execute(
        "SELECT id FROM record r WHERE NOT EXISTS "
        "(SELECT 1 FROM chain c WHERE c.record_id = r.id AND c.entry = 'record') ORDER BY id"
    ):
        yield Finding(f"record {record_id} was never saved by LDN Desk (added outside it)", int(record_id))
    for (record_id,) in conn.execute(
        "SELECT id FROM record r WHERE status = 'signed' AND NOT EXISTS "
        "(SELECT 1 FROM chain c WHERE c.record_id = r.id AND c.entry = 'sign_off') ORDER BY id"
    ):
        yield Finding(
            f"record {record_id} is marked signed off, but was never signed in LDN Desk", int(record_id)
        )
    for (record_id,) in conn.execute(
        "SELECT c.record_id FROM chain c JOIN record r ON r.id = c.record_id "
        "WHERE c.entry = 'sign_off' AND r.status != 'signed' ORDER BY c.record_id"
    ):
        yield Finding(f"record {record_id} was signed off, but is now marked a draft (changed outside LDN Desk)",
                      int(record_id))  # fmt: skip
    for plan_id, version in conn.execute(
        "SELECT plan_id, version FROM plan_version v WHERE NOT EXISTS "
        "(SELECT 1 FROM chain c WHERE c.plan_id = v.plan_id AND c.version = v.version) ORDER BY plan_id, version"
    ):
        yield Finding(
            f"version {version} of saved plan {plan_id} was never saved by LDN Desk (added outside it)"
        )


def _key_findings(conn: sqlite3.Connection) -> Iterator[Finding]:
    for record_id, patient, ref, key in conn.execute(
        "SELECT id, patient, patient_ref, patient_key FROM record"
    ):
        if key != patient_key(patient, ref):
            yield Finding(f"record {record_id}'s search key does not match its patient (changed outside LDN Desk)",
                          int(record_id))  # fmt: skip
    for record_id, lot, key in conn.execute("SELECT record_id, lot, lot_key FROM ingredient"):
        if key != lot_key(lot):
            yield Finding(f"record {record_id}'s lot search key does not match its lot (changed outside LDN Desk)",
                          int(record_id))  # fmt: skip
    derived = """SELECT DISTINCT i.lot_key, r.compounded_on, i.record_id FROM ingredient i
                   JOIN record r ON r.id = i.record_id WHERE i.lot_key != ''"""
    for sql, problem in (
        (f"{derived} EXCEPT SELECT lot_key, compounded_on, record_id FROM lot_use", "a recall would miss it"),
        (f"SELECT lot_key, compounded_on, record_id FROM lot_use EXCEPT {derived}", "a recall lists a lot it never used"),
    ):  # fmt: skip
        for _lot, _day, record_id in conn.execute(sql):
            yield Finding(
                f"the lot index of record {record_id} does not match its lines ({problem})", int(record_id)
            )
    if _shared(conn):
        return  # a shared log's trigram index is the server's own, kept by PostgreSQL
    try:
        conn.execute(
            "INSERT INTO record_patient_search (record_patient_search, rank) VALUES ('integrity-check', 1)"
        )
    except sqlite3.OperationalError as error:
        if "readonly" not in str(error):  # a backup opened read only cannot run this check; the rest holds
            yield Finding(f"the patient search index cannot be checked ({error})")
    except sqlite3.DatabaseError:
        yield Finding("the patient search index does not match the records (a search would miss some)")


def _pdf_findings(conn: sqlite3.Connection) -> Iterator[Finding]:
    for record_id, data, stored in conn.execute(
        "SELECT record_id, pdf, sha256 FROM record_pdf ORDER BY record_id"
    ):
        if hashlib.sha256(bytes(data)).hexdigest() != stored:
            yield Finding(
                f"the printed PDF of record {record_id} does not match its fingerprint", int(record_id)
            )


def _tolerant(data: bytes) -> str:
    # Text that is not UTF-8 (a byte changed from outside) is read, not refused, so the check can
    # name its record; it never matches what LDN Desk saved.
    return data.decode("utf-8", "surrogateescape")


def audit(conn: sqlite3.Connection) -> Audit:
    """Check the rules, the chain and the content of an open log; nothing is written."""
    factory = conn.text_factory
    conn.text_factory = _tolerant
    try:
        findings = [
            *_schema_findings(conn),
            *_chain_findings(conn),
            *_unchained_findings(conn),
            *_team_findings(conn),
            *_key_findings(conn),
            *_pdf_findings(conn),
        ]
        entries = int(conn.execute("SELECT count(*) FROM chain").fetchone()[0])
        return Audit(entries, chain.head(conn), tuple(findings), tuple(_cautions(conn)))
    finally:
        conn.text_factory = factory
