"""Signatures: a signed-in user's printed name, role, time and meaning, bound to what was signed.

A record is prepared (by who made it), verified (by a pharmacist who did not prepare it, unless
the log's one-person setting is on, and then the signature says so) and released. A formula
version and a lot are approved. Each signature is a row that never changes and an entry of the
hash chain holding the hash of the signed record's own entry, so it cannot be moved to another.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from enum import StrEnum

from ldn_desk.store import chain, records, trail
from ldn_desk.store.errors import AccessError, RecordError
from ldn_desk.store.users import Permission, User, require, setting


class Meaning(StrEnum):
    PREPARED = "prepared"
    VERIFIED = "verified"
    RELEASED = "released"
    APPROVED = "approved"


@dataclass(frozen=True)
class Signature:
    id: int
    subject: str
    subject_id: int
    meaning: Meaning
    user_id: int
    printed_name: str
    role: str
    signed_at: str
    one_person: bool

    def line(self) -> str:
        """How the signature reads on screen and on paper."""
        when = self.signed_at.replace("T", " ").replace("+00:00", " UTC")
        alone = (
            " (prepared and verified by the same person: one-person pharmacy setting)"
            if self.one_person
            else ""
        )
        return f"{self.meaning.capitalize()} by {self.printed_name} ({self.role}), {when}{alone}"


def _signature(row: sqlite3.Row) -> Signature:
    return Signature(id=int(row["id"]), subject=row["subject"], subject_id=int(row["subject_id"]),
                     meaning=Meaning(row["meaning"]), user_id=int(row["user_id"]), printed_name=row["printed_name"],
                     role=row["role"], signed_at=row["signed_at"], one_person=bool(row["one_person"]))  # fmt: skip


def of(conn: sqlite3.Connection, subject: str, subject_id: int) -> tuple[Signature, ...]:
    rows = conn.execute(
        "SELECT * FROM signature WHERE subject = ? AND subject_id = ? ORDER BY id", (subject, int(subject_id))
    ).fetchall()
    return tuple(_signature(row) for row in rows)


def insert(conn: sqlite3.Connection, user: User, subject: str, subject_id: int, meaning: Meaning, bound_to: str,
           *, now: str, one_person: bool = False) -> Signature:  # fmt: skip
    """The signature row, its chain entry and its audit-trail entry; the caller holds the transaction."""
    cursor = conn.execute(
        """INSERT INTO signature (subject, subject_id, meaning, user_id, printed_name, role, signed_at, one_person,
               subject_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        (
            subject,
            int(subject_id),
            str(meaning),
            user.id,
            user.name,
            str(user.role),
            now,
            int(one_person),
            bound_to,
        ),
    )
    item_id = int(cursor.lastrowid or 0)
    chain.append(conn, "signature", item_id=item_id)
    trail.add(conn, user.id, user.name, subject, str(subject_id), "signed", str(meaning), None,
              trail.value({"name": user.name, "role": str(user.role), "one_person": one_person}), "", now=now)  # fmt: skip
    row = conn.execute("SELECT * FROM signature WHERE id = ?", (item_id,)).fetchone()
    return _signature(row)


_NEEDS = {Meaning.PREPARED: Permission.PREPARE, Meaning.VERIFIED: Permission.VERIFY,
          Meaning.RELEASED: Permission.RELEASE}  # fmt: skip


def sign_record(
    conn: sqlite3.Connection, user: User, record_id: int, meaning: Meaning, *, now: str
) -> Signature:
    """Prepared, verified or released; verifying is the record's sign-off (it is final from then on)."""
    meaning = Meaning(meaning)
    if meaning not in _NEEDS:
        raise RecordError(f"a record is prepared, verified or released, not {meaning}")
    require(user, _NEEDS[meaning])
    record = records.load(conn, record_id)
    if record.superseded_by is not None:
        raise RecordError(f"record {record.id} was replaced by version {record.superseded_by}; sign that one")
    done = {signature.meaning: signature for signature in of(conn, "record", record.id)}
    if meaning in done:
        raise RecordError(f"record {record.id} is already {meaning} by {done[meaning].printed_name}")
    one_person = False
    if meaning is Meaning.PREPARED:
        if record.signed:
            raise RecordError(f"record {record.id} is already signed off; it cannot be prepared again")
    elif meaning is Meaning.VERIFIED:
        prepared = done.get(Meaning.PREPARED)
        if prepared is None:
            raise RecordError(f"record {record.id} is not yet signed as prepared; who made it signs first")
        if prepared.user_id == user.id:
            if not setting(conn, "one_person"):
                raise AccessError(f"{user.name} prepared record {record.id} and cannot also verify it; another "
                                  "pharmacist verifies (a one-person pharmacy turns on the one-person setting)")  # fmt: skip
            one_person = True
        records.sign_off(conn, record.id, user.name, now=now)
    else:
        if Meaning.VERIFIED not in done:
            raise RecordError(
                f"record {record.id} is not verified yet; a pharmacist verifies it before release"
            )
    return insert(conn, user, "record", record.id, meaning, chain.record_entry_hash(conn, record.id), now=now,
                  one_person=one_person)  # fmt: skip
