"""The audit trail: every change to a record, a formula, a lot, a user or a setting — who, when,
what, the old and the new value, and why — each entry bound into the log's hash chain."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from ldn_desk.errors import InputError
from ldn_desk.store import chain


@dataclass(frozen=True)
class TrailEntry:
    id: int
    at: str
    user: str
    verified: bool  # False: a name typed before the log had users, not a signed-in user
    subject: str
    subject_id: str
    action: str
    field: str
    old: str | None
    new: str | None
    reason: str

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "at": self.at, "user": self.user, "verified": self.verified,
                "subject": self.subject, "subject_id": self.subject_id, "action": self.action,
                "field": self.field, "old": self.old, "new": self.new, "reason": self.reason}  # fmt: skip


def checked_reason(reason: object, *, required: bool, example: str) -> str:
    text = " ".join(reason.split()) if isinstance(reason, str) else ""
    if required and not text:
        raise InputError("reason", None, "is required for this change (the audit trail keeps it)", example)
    if len(text) > 500:
        raise InputError("reason", text[:40] + "…", "must be at most 500 characters", example)
    return text


def add(conn: sqlite3.Connection, user_id: int | None, user_name: str, subject: str, subject_id: str, action: str,
        field: str, old: str | None, new: str | None, reason: str, *, now: str) -> int:  # fmt: skip
    """One entry, and its entry in the chain; the caller holds the transaction."""
    cursor = conn.execute(
        """INSERT INTO audit_trail (at, user_id, user_name, subject, subject_id, action, field, old_value,
               new_value, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        (now, user_id, user_name, subject, subject_id, action, field, old, new, reason),
    )
    item_id = int(cursor.lastrowid or 0)
    chain.append(conn, "audit", item_id=item_id)
    return item_id


def value(data: Any) -> str:
    """A value as the trail keeps it: compact JSON, keys sorted."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def entries(
    conn: sqlite3.Connection, subject: str | None = None, subject_id: str | None = None
) -> list[TrailEntry]:
    """The trail of one subject (or of everything), oldest first."""
    sql = "SELECT * FROM audit_trail"
    params: tuple[str, ...] = ()
    if subject is not None:
        sql += " WHERE subject = ?" + (" AND subject_id = ?" if subject_id is not None else "")
        params = (subject,) if subject_id is None else (subject, subject_id)
    rows = conn.execute(sql + " ORDER BY id", params).fetchall()
    return [TrailEntry(id=int(r["id"]), at=r["at"], user=r["user_name"], verified=r["user_id"] is not None,
                       subject=r["subject"], subject_id=r["subject_id"], action=r["action"], field=r["field"],
                       old=r["old_value"], new=r["new_value"], reason=r["reason"]) for r in rows]  # fmt: skip
