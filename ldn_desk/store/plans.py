"""Saved titration plans per patient; every edit (step back, hold, …) is kept as a new version."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ldn_desk.errors import InputError
from ldn_desk.recipes.lots import checked_text as _text
from ldn_desk.store import chain
from ldn_desk.store.errors import RecordError
from ldn_desk.store.keys import patient_key
from ldn_desk.store.records import to_json


@dataclass(frozen=True)
class SavedPlan:
    """One version of a patient's plan; `plan` is the JSON form the Titration page reopens."""

    plan_id: int
    version: int
    patient: str
    patient_ref: str
    change: str  # what this version did: "created", "step back", "hold 7 days", …
    saved_at: str
    created_at: str
    plan: dict[str, Any]
    latest: bool


_SELECT = """SELECT p.id, v.version, p.patient, p.patient_ref, v.change, v.saved_at, p.created_at, v.plan_json,
       v.version = (SELECT max(version) FROM plan_version WHERE plan_id = p.id) AS latest
  FROM plan p JOIN plan_version v ON v.plan_id = p.id"""


def _from_row(row: sqlite3.Row) -> SavedPlan:
    return SavedPlan(
        plan_id=int(row[0]), version=int(row[1]), patient=row[2], patient_ref=row[3], change=row[4],
        saved_at=row[5], created_at=row[6], plan=json.loads(row[7]), latest=bool(row[8]),
    )  # fmt: skip


def _plan_json(plan: Mapping[str, Any]) -> str:
    if not isinstance(plan, Mapping):
        raise InputError("plan", None, "must be a JSON object (a mapping)")
    return to_json(plan, "plan")


def create(conn: sqlite3.Connection, patient: str, plan: Mapping[str, Any], *, patient_ref: str, change: str,
           now: str) -> SavedPlan:  # fmt: skip
    """A new saved plan for the patient, at version 1."""
    name = _text("patient", patient, required=True, private=True)
    ref = _text("patient identifier", patient_ref, required=False, private=True)
    what = _text("change", change, required=True)
    body = _plan_json(plan)
    plan_id = chain.next_id(conn, "plan")
    conn.execute(
        "INSERT INTO plan (id, patient, patient_ref, patient_key, created_at) VALUES (?, ?, ?, ?, ?)",
        (plan_id, name, ref, patient_key(name, ref), now),
    )
    conn.execute(
        "INSERT INTO plan_version (plan_id, version, saved_at, change, plan_json) VALUES (?, 1, ?, ?, ?)",
        (plan_id, now, what, body),
    )
    chain.append(conn, "plan_version", plan_id=plan_id, version=1)
    return load(conn, plan_id)


def add_version(conn: sqlite3.Connection, plan_id: int, patient: str, plan: Mapping[str, Any], *, change: str,
                now: str, based_on: int | None = None) -> SavedPlan:  # fmt: skip
    """The plan after an edit; earlier versions stay readable. The patient must be the plan's own.
    based_on: the version the edit was made on; refused when another was saved since (its change
    would otherwise be lost under this one)."""
    what = _text("change", change, required=True)
    name = _text("patient", patient, required=True, private=True)
    body = _plan_json(plan)
    latest = load(conn, plan_id)
    if patient_key(name) != patient_key(latest.patient):
        # Saving one patient's edit into another's plan would be a silent mix-up: refuse, naming no one.
        raise RecordError(f"saved plan {latest.plan_id} belongs to another patient; nothing was saved")
    if based_on is not None and based_on != latest.version:
        raise RecordError(
            f"saved plan {latest.plan_id} has changed (version {latest.version} was saved after version "
            f"{based_on}); open it again; nothing was saved"
        )
    conn.execute(
        "INSERT INTO plan_version (plan_id, version, saved_at, change, plan_json) VALUES (?, ?, ?, ?, ?)",
        (latest.plan_id, latest.version + 1, now, what, body),
    )
    chain.append(conn, "plan_version", plan_id=latest.plan_id, version=latest.version + 1)
    return load(conn, plan_id)


def load(conn: sqlite3.Connection, plan_id: int, version: int | None = None) -> SavedPlan:
    """The plan's latest version, or the version asked for."""
    if version is None:
        row = conn.execute(
            f"{_SELECT} WHERE p.id = ? ORDER BY v.version DESC LIMIT 1", (int(plan_id),)
        ).fetchone()
    else:
        row = conn.execute(
            f"{_SELECT} WHERE p.id = ? AND v.version = ?", (int(plan_id), int(version))
        ).fetchone()
    if row is None:
        which = "" if version is None else f" version {int(version)}"
        raise RecordError(f"there is no saved plan {int(plan_id)}{which} in the log")
    return _from_row(row)


def versions(conn: sqlite3.Connection, plan_id: int) -> list[SavedPlan]:
    """Every version of one plan, the first one first."""
    rows = conn.execute(f"{_SELECT} WHERE p.id = ? ORDER BY v.version", (int(plan_id),)).fetchall()
    if not rows:
        raise RecordError(f"there is no saved plan {int(plan_id)} in the log")
    return [_from_row(row) for row in rows]


def for_patient(conn: sqlite3.Connection, patient: str, patient_ref: str | None = None) -> list[SavedPlan]:
    """The latest version of each plan saved for this patient, newest plan first.

    Names match regardless of case and spacing; give the identifier too when two patients share a name.
    """
    name = _text("patient", patient, required=True, private=True)
    # The stored key is the name's key, then (after a space) the identifier's: the query narrows the
    # rows to those starting with the name's key (on either engine), and Python compares each part.
    key = patient_key(name)
    ref = None if patient_ref is None else patient_key(_text("patient identifier", patient_ref, required=False,
                                                                 private=True))  # fmt: skip
    where, args = "(p.patient_key = ? OR substr(p.patient_key, 1, ?) = ?)", [key, len(key) + 1, key + " "]
    rows = conn.execute(
        f"""{_SELECT} WHERE {where}
            AND v.version = (SELECT max(version) FROM plan_version WHERE plan_id = p.id)
            ORDER BY p.created_at DESC, p.id DESC""",
        args,
    ).fetchall()
    return [
        _from_row(row)
        for row in rows
        if patient_key(row[2]) == key and (ref is None or patient_key(row[3]) == ref)
    ]
