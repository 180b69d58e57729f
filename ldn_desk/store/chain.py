"""The log's hash chain: every saved record, sign-off and plan version bound to the one before it.

Each save appends one entry to the `chain` table, in the transaction that saves the rows:

    record        a record as saved: its content (below), id, created_at, supersedes, reason and
                  the SHA-256 of the PDF kept with it (null when none was kept)
    sign_off      the checker's name and the time of signing
    plan_version  one version of a saved plan, with the plan's patient and creation time
    signature     (log format 8) a user's signature: its meaning, the signer's id, printed name and
                  role, the time, whether one person prepared and verified, and the SHA-256 of
                  what was signed (for a record, its `record` entry's hash), so a signature
                  cannot be moved to another record
    audit         (log format 8) one change in the audit trail: who, when, what, old and new
                  value, and the reason

An entry's SHA-256 is taken over `previous + "\\n" + canonical`, where `previous` is the hash of
the entry before it (64 zeros for the first) and `canonical` is the entry's canonical JSON, UTF-8:
one object, keys sorted, no spaces (`json.dumps(..., sort_keys=True, separators=(",", ":"),
ensure_ascii=False)`), text columns as JSON strings, numbers as JSON numbers, missing values as
null, and the columns that hold JSON (inputs, results, document, plan) embedded exactly as stored
(the store writes them compact, keys in their order), so a change of a single byte anywhere
changes the hash.

A record's content is its canonical JSON without the log's own fields:

    {"bud":…,"compounded_by":…,"compounded_on":…,"document":{…},
     "ingredients":[[name,maker,lot,expiry,actual_amount],…],"inputs":{…},"kind":…,
     "patient":…,"patient_ref":…,"results":{…},"rx_number":…}

Its SHA-256 is the record's *fingerprint*. The PDF is printed before the record is saved (its
bytes are part of the save), so the page cannot carry the hash of an entry that covers it; it
carries the first 12 hex digits of the fingerprint instead, which the record's chain entry then
covers. `ldn-desk log show N` prints the same digits, so a paper record can be matched to the log.

This format is part of the log file: never change it; a new format needs a new log version.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64
SHORT = 12  # hex digits of a fingerprint printed on paper


def _text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _object(fields: dict[str, str]) -> str:
    """A JSON object from already-encoded values, keys sorted, no spaces."""
    return "{" + ",".join(f"{_text(key)}:{fields[key]}" for key in sorted(fields)) + "}"


def sha256(text: str) -> str:
    # surrogatepass: a log changed from outside may hold text that is not valid UTF-8; it must
    # still hash (to something else), never crash the check.
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def entry_hash(previous: str, canonical: str) -> str:
    return sha256(f"{previous}\n{canonical}")


def record_content(
    *,
    kind: str,
    rx_number: str,
    patient: str,
    patient_ref: str,
    compounded_on: str,
    bud: str,
    compounded_by: str,
    inputs_json: str,
    results_json: str,
    document_json: str,
    ingredients: Iterable[Sequence[str]],
) -> str:
    """The canonical JSON of a record's content (see the module's documentation)."""
    lines = "[" + ",".join("[" + ",".join(_text(part) for part in line) + "]" for line in ingredients) + "]"
    return _object({
        "bud": _text(bud), "compounded_by": _text(compounded_by), "compounded_on": _text(compounded_on),
        "document": document_json, "ingredients": lines, "inputs": inputs_json, "kind": _text(kind),
        "patient": _text(patient), "patient_ref": _text(patient_ref), "results": results_json,
        "rx_number": _text(rx_number),
    })  # fmt: skip


def fingerprint(content_sha256: str) -> str:
    """The short form printed on paper: the first 12 hex digits of the record's fingerprint."""
    return content_sha256[:SHORT]


# -- reading an entry's rows back ---------------------------------------------------------------

_RECORD = """SELECT kind, rx_number, patient, patient_ref, compounded_on, bud, compounded_by, inputs_json,
                    results_json, document_json, created_at, supersedes, reason, status, checked_by, signed_at,
                    (SELECT sha256 FROM record_pdf WHERE record_id = record.id)
               FROM record WHERE id = ?"""
_LINES = (
    "SELECT name, maker, lot, expiry, actual_amount FROM ingredient WHERE record_id = ? ORDER BY position"
)
_PLAN_VERSION = """SELECT p.patient, p.patient_ref, p.created_at, v.saved_at, v.change, v.plan_json
                     FROM plan p JOIN plan_version v ON v.plan_id = p.id WHERE p.id = ? AND v.version = ?"""


class MissingRow(LookupError):
    """The rows an entry covers are not in the log (deleted from outside)."""


@dataclass(frozen=True)
class Canonical:
    """An entry's canonical JSON, and for a record the SHA-256 of its content (its fingerprint)."""

    text: str
    content_sha256: str | None = None


_SIGNATURE = """SELECT subject, subject_id, meaning, user_id, printed_name, role, signed_at, one_person,
                       subject_sha256 FROM signature WHERE id = ?"""
_TRAIL = """SELECT at, user_id, user_name, subject, subject_id, action, field, old_value, new_value, reason
              FROM audit_trail WHERE id = ?"""


def _item(conn: sqlite3.Connection, entry: str, item_id: int | None) -> Canonical:
    if entry == "signature":
        row = conn.execute(_SIGNATURE, (item_id,)).fetchone()
        if row is None:
            raise MissingRow(f"signature {item_id}")
        return Canonical(_object({
            "entry": _text(entry), "meaning": _text(row[2]), "one_person": _text(bool(row[7])),
            "printed_name": _text(row[4]), "role": _text(row[5]), "signature": _text(item_id),
            "signed_at": _text(row[6]), "subject": _text(row[0]), "subject_id": _text(row[1]),
            "subject_sha256": _text(row[8]), "user": _text(row[3]),
        }))  # fmt: skip
    row = conn.execute(_TRAIL, (item_id,)).fetchone()
    if row is None:
        raise MissingRow(f"audit-trail entry {item_id}")
    return Canonical(_object({
        "action": _text(row[5]), "at": _text(row[0]), "audit": _text(item_id), "entry": _text(entry),
        "field": _text(row[6]), "new": _text(row[8]), "old": _text(row[7]), "reason": _text(row[9]),
        "subject": _text(row[3]), "subject_id": _text(row[4]), "user": _text(row[1]), "user_name": _text(row[2]),
    }))  # fmt: skip


def canonical(conn: sqlite3.Connection, entry: str, record_id: int | None, plan_id: int | None,
              version: int | None, item_id: int | None = None) -> Canonical:  # fmt: skip
    """The canonical JSON of one entry, read from the rows it covers as they are now."""
    if entry in ("signature", "audit"):
        return _item(conn, entry, item_id)
    if entry == "plan_version":
        row = conn.execute(_PLAN_VERSION, (plan_id, version)).fetchone()
        if row is None:
            raise MissingRow(f"version {version} of saved plan {plan_id}")
        return Canonical(_object({
            "change": _text(row[4]), "entry": _text(entry), "patient": _text(row[0]), "patient_ref": _text(row[1]),
            "plan": row[5], "plan_created_at": _text(row[2]), "plan_id": _text(plan_id), "saved_at": _text(row[3]),
            "version": _text(version),
        }))  # fmt: skip
    row = conn.execute(_RECORD, (record_id,)).fetchone()
    if row is None:
        raise MissingRow(f"record {record_id}")
    if entry == "sign_off":
        return Canonical(_object({
            "checked_by": _text(row[14]), "entry": _text(entry), "record": _text(record_id),
            "signed_at": _text(row[15]),
        }))  # fmt: skip
    lines = [tuple(line) for line in conn.execute(_LINES, (record_id,))]
    content = record_content(
        kind=row[0], rx_number=row[1], patient=row[2], patient_ref=row[3], compounded_on=row[4], bud=row[5],
        compounded_by=row[6], inputs_json=row[7], results_json=row[8], document_json=row[9], ingredients=lines,
    )  # fmt: skip
    content_sha = sha256(content)
    return Canonical(
        _object({
            "content_sha256": _text(content_sha), "created_at": _text(row[10]), "entry": _text(entry),
            "pdf_sha256": _text(row[16]), "reason": _text(row[12]), "record": _text(record_id),
            "supersedes": _text(row[11]),
        }),
        content_sha,
    )  # fmt: skip


def head(conn: sqlite3.Connection) -> str:
    """The hash of the last entry (64 zeros for an empty chain)."""
    row = conn.execute("SELECT sha256 FROM chain ORDER BY seq DESC LIMIT 1").fetchone()
    return GENESIS if row is None else str(row[0])


def append(conn: sqlite3.Connection, entry: str, *, record_id: int | None = None, plan_id: int | None = None,
           version: int | None = None, item_id: int | None = None) -> str:  # fmt: skip
    """Add the entry for rows just saved (the caller holds the transaction); returns its hash."""
    made = canonical(conn, entry, record_id, plan_id, version, item_id)
    previous = head(conn)
    digest = entry_hash(previous, made.text)
    written = getattr(conn, "appended", None)  # a shared log checks these after a connection is lost
    if written is not None:
        written.append(digest)
    if item_id is None:  # the columns of format 7, so its steps (building the chain) still run
        conn.execute(
            """INSERT INTO chain (entry, record_id, plan_id, version, content_sha256, previous, sha256)
               VALUES (?, ?, ?, ?, ?, ?, ?)""",
            (entry, record_id, plan_id, version, made.content_sha256, previous, digest),
        )
    else:
        conn.execute(
            """INSERT INTO chain (entry, item_id, content_sha256, previous, sha256) VALUES (?, ?, ?, ?, ?)""",
            (entry, item_id, made.content_sha256, previous, digest),
        )
    return digest


def record_entry_hash(conn: sqlite3.Connection, record_id: int) -> str:
    """The hash of the record's own chain entry: what a signature of the record is bound to."""
    row = conn.execute(
        "SELECT sha256 FROM chain WHERE record_id = ? AND entry = 'record'", (record_id,)
    ).fetchone()
    if row is None:
        raise MissingRow(f"record {record_id}")
    return str(row[0])


def next_id(conn: sqlite3.Connection, table: str) -> int:
    """The id for a new record or plan: above every id the log has used, even one since removed,
    so a number printed on a record never comes back for another patient."""
    column = {"record": "record_id", "plan": "plan_id"}[table]
    # id_floor: the highest number the log this one replaced had given (a restore, a new log).
    largest = "greatest" if getattr(conn, "dialect", "sqlite") == "postgresql" else "max"
    row = conn.execute(
        f"SELECT {largest}(coalesce((SELECT max(id) FROM {table}), 0), coalesce((SELECT max({column}) FROM chain), 0), "
        "coalesce((SELECT last_id FROM id_floor WHERE name = ?), 0))",
        (table,),
    ).fetchone()
    return int(row[0]) + 1


def build(conn: sqlite3.Connection) -> None:
    """The chain for rows saved before the log kept one: records in id order, each followed by its
    sign-off, then every plan version. Run once, by the migration that adds the chain."""
    signed = {int(row[0]) for row in conn.execute("SELECT id FROM record WHERE status = 'signed'")}
    for (record_id,) in conn.execute("SELECT id FROM record ORDER BY id").fetchall():
        append(conn, "record", record_id=int(record_id))
        if int(record_id) in signed:
            append(conn, "sign_off", record_id=int(record_id))
    for plan_id, version in conn.execute("SELECT plan_id, version FROM plan_version ORDER BY plan_id, version"
                                         ).fetchall():  # fmt: skip
        append(conn, "plan_version", plan_id=int(plan_id), version=int(version))
