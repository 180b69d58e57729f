"""Master formulas' life cycle in the log: a version of resources/mfr.toml is a draft until a
pharmacist approves it (a signature bound to the SHA-256 of its content); approving a later
version supersedes the earlier one. In a log with users a record follows an approved version only.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ldn_desk.errors import InputError
from ldn_desk.store import signatures, trail
from ldn_desk.store.errors import RecordError
from ldn_desk.store.users import Permission, User, require


@dataclass(frozen=True)
class FormulaVersion:
    mfr_id: str
    version: int
    status: str  # approved or superseded (a version the log has never approved is a draft)
    content_sha256: str
    approved_at: str
    approved_by: str


def versions(conn: sqlite3.Connection, mfr_id: str | None = None) -> list[FormulaVersion]:
    sql = """SELECT f.*, (SELECT s.printed_name FROM signature s WHERE s.subject = 'formula'
                              AND s.subject_id = f.id AND s.meaning = 'approved') AS approved_by
               FROM formula_version f"""
    rows = conn.execute(sql + (" WHERE mfr_id = ?" if mfr_id else "") + " ORDER BY mfr_id, version",
                        (mfr_id,) if mfr_id else ()).fetchall()  # fmt: skip
    return [FormulaVersion(row["mfr_id"], int(row["version"]), row["status"], row["content_sha256"],
                           row["approved_at"], row["approved_by"] or "") for row in rows]  # fmt: skip


def approve(conn: sqlite3.Connection, user: User, mfr_id: str, version: int, content_sha256: str, *,
            now: str) -> FormulaVersion:  # fmt: skip
    require(user, Permission.APPROVE_FORMULA)
    if not (isinstance(content_sha256, str) and len(content_sha256) == 64):
        raise InputError("formula", mfr_id, "needs the SHA-256 of its content")
    known = versions(conn, mfr_id)
    for earlier in known:
        if earlier.version == version:
            raise RecordError(
                f"{mfr_id} version {version} is already {earlier.status} (by {earlier.approved_by})"
            )
        if earlier.version > version:
            raise RecordError(
                f"{mfr_id} version {earlier.version} is already approved; version {version} is older"
            )
    cursor = conn.execute(
        """INSERT INTO formula_version (mfr_id, version, status, content_sha256, approved_at)
           VALUES (?, ?, 'approved', ?, ?)""",
        (mfr_id, int(version), content_sha256, now),
    )
    formula_id = int(cursor.lastrowid or 0)
    signatures.insert(conn, user, "formula", formula_id, signatures.Meaning.APPROVED, content_sha256, now=now)
    for earlier in known:
        if earlier.status == "approved":
            conn.execute("UPDATE formula_version SET status = 'superseded' WHERE mfr_id = ? AND version = ?",
                         (mfr_id, earlier.version))  # fmt: skip
            trail.add(conn, user.id, user.name, "formula", f"{mfr_id} v{earlier.version}", "superseded", "status",
                      "approved", "superseded", f"version {version} approved", now=now)  # fmt: skip
    return next(found for found in versions(conn, mfr_id) if found.version == version)


def followed(conn: sqlite3.Connection, document: Mapping[str, Any]) -> None:
    """Refuse a record (in a log with users) whose document names no approved formula version."""
    mfr = document.get("mfr")
    if (
        not isinstance(mfr, Mapping)
        or not isinstance(mfr.get("id"), str)
        or not isinstance(mfr.get("version"), int)
    ):
        raise RecordError("the record names no master formula version; it is made from an approved MFR")
    row = conn.execute("SELECT status, content_sha256 FROM formula_version WHERE mfr_id = ? AND version = ?",
                       (mfr["id"], mfr["version"])).fetchone()  # fmt: skip
    if row is None or row["status"] != "approved":
        state = "not approved yet" if row is None else str(row["status"])
        raise RecordError(f"the record follows {mfr['id']} version {mfr['version']}, which is {state}; a pharmacist "
                          f"approves it first (`ldn-desk formulas approve {mfr['id']} --as NAME`)")  # fmt: skip
    if mfr.get("sha256") is not None and mfr.get("sha256") != row["content_sha256"]:
        raise RecordError(f"{mfr['id']} version {mfr['version']} was changed since it was approved; a changed "
                          "formula is a new version, approved again")  # fmt: skip
