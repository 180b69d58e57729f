"""Lots the pharmacy holds: received (maker, lot, expiry, the certificate's assay and water for
a powder), approved by a pharmacist before use, quarantined, recalled; drawn on by each record.

A record that draws on a lot may do so only while it is approved and in date, its BUD no later
than the lot's expiry, and never for more than is on hand. A recall lists every record (and
patient) that used the lot, by what was drawn and by the lot typed on ingredient lines.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from enum import StrEnum

from ldn_desk.errors import InputError
from ldn_desk.recipes.lots import checked_text
from ldn_desk.store import chain, signatures, trail
from ldn_desk.store.errors import RecordError
from ldn_desk.store.keys import lot_key
from ldn_desk.store.users import Permission, User, require


class Material(StrEnum):
    TABLETS = "tablets"
    POWDER = "powder"  # naltrexone HCl API: the certificate's assay and water are needed
    EXCIPIENT = "excipient"


class LotStatus(StrEnum):
    RECEIVED = "received"  # not yet approved: not usable
    APPROVED = "approved"
    QUARANTINED = "quarantined"
    RECALLED = "recalled"


@dataclass(frozen=True)
class NewLot:
    material: Material
    name: str
    maker: str
    lot: str
    expiry: dt.date
    received_on: dt.date
    quantity: float
    unit: str
    salt: str | None = None  # powder: "hydrochloride" or "base"
    assay_percent: float | None = None  # powder: as on the certificate of analysis
    water_percent: float | None = None

    def __post_init__(self) -> None:
        try:
            object.__setattr__(self, "material", Material(self.material))
        except ValueError:
            raise InputError("material", str(self.material), f"must be one of {', '.join(Material)}",
                             "powder") from None  # fmt: skip
        for name in ("name", "maker", "lot", "unit"):
            object.__setattr__(self, name, checked_text(name, getattr(self, name), required=True))
        for name in ("expiry", "received_on"):
            value = getattr(self, name)
            if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
                raise InputError(name.replace("_", " "), None, "must be a calendar date", "2027-03-31")
        if not (isinstance(self.quantity, int | float) and 0 < self.quantity < 1e9):
            raise InputError("quantity", str(self.quantity), "must be a positive amount", "500")
        if self.material is Material.POWDER:
            if self.assay_percent is None or not 90 <= self.assay_percent <= 110:
                raise InputError("assay", None if self.assay_percent is None else f"{self.assay_percent} %",
                                 "is needed for a powder, from its certificate (90 to 110 %)", "99.2 %")  # fmt: skip
            if self.water_percent is None or not 0 <= self.water_percent < 20:
                raise InputError("water", None if self.water_percent is None else f"{self.water_percent} %",
                                 "is needed for a powder, from its certificate (0 to 20 %)", "0.5 %")  # fmt: skip
            if self.salt not in ("hydrochloride", "base"):
                raise InputError(
                    "salt", self.salt, "is needed for a powder: hydrochloride or base", "hydrochloride"
                )
        elif self.assay_percent is not None or self.water_percent is not None:
            raise InputError(
                "assay", None, "belongs to a powder's certificate, not to tablets or an excipient"
            )


@dataclass(frozen=True)
class Lot:
    id: int
    material: Material
    name: str
    maker: str
    lot: str
    expiry: dt.date
    salt: str | None
    assay_percent: float | None
    water_percent: float | None
    received_on: dt.date
    quantity_received: float
    unit: str
    on_hand: float
    status: LotStatus

    def usable_on(self, day: dt.date) -> str | None:
        """Why the lot cannot be used on this day (None: it can)."""
        if self.status is not LotStatus.APPROVED:
            why = {LotStatus.RECEIVED: "is not approved yet (a pharmacist approves it before use)",
                   LotStatus.QUARANTINED: "is in quarantine", LotStatus.RECALLED: "is recalled"}[self.status]  # fmt: skip
            return f"lot {self.lot} ({self.name}) {why}"
        if self.expiry < day:
            return f"lot {self.lot} ({self.name}) expired on {self.expiry.isoformat()}"
        return None


@dataclass(frozen=True)
class RecallLine:
    record_id: int
    rx_number: str
    patient: str
    patient_ref: str
    compounded_on: str
    status: str


def _lot(row: sqlite3.Row) -> Lot:
    return Lot(id=int(row["id"]), material=Material(row["material"]), name=row["name"], maker=row["maker"],
               lot=row["lot"], expiry=dt.date.fromisoformat(row["expiry"]), salt=row["salt"],
               assay_percent=row["assay_percent"], water_percent=row["water_percent"],
               received_on=dt.date.fromisoformat(row["received_on"]), quantity_received=row["quantity_received"],
               unit=row["unit"], on_hand=row["on_hand"], status=LotStatus(row["status"]))  # fmt: skip


def load(conn: sqlite3.Connection, lot_id: int) -> Lot:
    row = conn.execute("SELECT * FROM lot WHERE id = ?", (int(lot_id),)).fetchone()
    if row is None:
        raise RecordError(f"there is no lot {int(lot_id)} in the log; `ldn-desk lots list` shows them")
    return _lot(row)


def all_lots(conn: sqlite3.Connection) -> list[Lot]:
    return [_lot(row) for row in conn.execute("SELECT * FROM lot ORDER BY received_on DESC, id DESC")]


def _public(lot: Lot) -> str:
    data = asdict(lot)
    for name in ("expiry", "received_on"):
        data[name] = data[name].isoformat()
    return trail.value(data)


def receive(conn: sqlite3.Connection, user: User, new: NewLot, *, now: str) -> Lot:
    require(user, Permission.RECEIVE_LOT)
    if new.expiry < new.received_on:
        raise InputError("expiry", new.expiry.isoformat(), "is before the day received: the lot is expired",
                         "a later expiry")  # fmt: skip
    key = lot_key(new.lot)
    if conn.execute("SELECT 1 FROM lot WHERE maker = ? AND lot_key = ? AND name = ?",
                    (new.maker, key, new.name)).fetchone():  # fmt: skip
        raise InputError("lot", new.lot, f"of {new.name} by {new.maker} is already received", "another lot")
    cursor = conn.execute(
        """INSERT INTO lot (material, name, maker, lot, lot_key, expiry, salt, assay_percent, water_percent,
               received_on, quantity_received, unit, on_hand, status, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'received', ?)""",
        (str(new.material), new.name, new.maker, new.lot, key, new.expiry.isoformat(), new.salt, new.assay_percent,
         new.water_percent, new.received_on.isoformat(), float(new.quantity), new.unit, float(new.quantity), now),
    )  # fmt: skip
    made = load(conn, int(cursor.lastrowid or 0))
    trail.add(
        conn, user.id, user.name, "lot", str(made.id), "received", "lot", None, _public(made), "", now=now
    )
    return made


def _set_status(
    conn: sqlite3.Connection, user: User, lot: Lot, status: LotStatus, reason: str, *, now: str
) -> Lot:
    conn.execute("UPDATE lot SET status = ? WHERE id = ?", (str(status), lot.id))
    trail.add(conn, user.id, user.name, "lot", str(lot.id), str(status), "status", str(lot.status), str(status),
              reason, now=now)  # fmt: skip
    return load(conn, lot.id)


def approve(conn: sqlite3.Connection, user: User, lot_id: int, *, today: dt.date, now: str) -> Lot:
    require(user, Permission.APPROVE_LOT)
    lot = load(conn, lot_id)
    if lot.status not in (LotStatus.RECEIVED, LotStatus.QUARANTINED):
        raise RecordError(f"lot {lot.lot} is {lot.status}; only a received or quarantined lot is approved")
    if lot.expiry < today:
        raise RecordError(f"lot {lot.lot} expired on {lot.expiry.isoformat()} and cannot be approved")
    if conn.execute("SELECT 1 FROM signature WHERE subject = 'lot' AND subject_id = ?", (lot.id,)).fetchone():
        # One approval signature per lot: released from quarantine, the trail carries the change.
        return _set_status(conn, user, lot, LotStatus.APPROVED, "released from quarantine", now=now)
    signatures.insert(
        conn, user, "lot", lot.id, signatures.Meaning.APPROVED, chain.sha256(_public(lot)), now=now
    )
    return _set_status(conn, user, lot, LotStatus.APPROVED, "", now=now)


def quarantine(conn: sqlite3.Connection, user: User, lot_id: int, reason: str, *, now: str) -> Lot:
    require(user, Permission.QUARANTINE_LOT)
    lot = load(conn, lot_id)
    why = trail.checked_reason(reason, required=True, example="damaged container")
    if lot.status in (LotStatus.QUARANTINED, LotStatus.RECALLED):
        raise RecordError(f"lot {lot.lot} is already {lot.status}")
    return _set_status(conn, user, lot, LotStatus.QUARANTINED, why, now=now)


def recall(conn: sqlite3.Connection, user: User, lot_id: int, reason: str, *, now: str) -> Lot:
    require(user, Permission.RECALL_LOT)
    lot = load(conn, lot_id)
    why = trail.checked_reason(reason, required=True, example="maker's recall notice 2026-14")
    if lot.status is LotStatus.RECALLED:
        raise RecordError(f"lot {lot.lot} is already recalled")
    return _set_status(conn, user, lot, LotStatus.RECALLED, why, now=now)


def recall_list(conn: sqlite3.Connection, lot_id: int) -> list[RecallLine]:
    """Every record that drew on the lot, or names it on an ingredient line, with its patient."""
    lot = load(conn, lot_id)
    rows = conn.execute(
        """SELECT id, rx_number, patient, patient_ref, compounded_on, status FROM record
            WHERE id IN (SELECT record_id FROM lot_draw WHERE lot_id = ?
                         UNION SELECT record_id FROM lot_use WHERE lot_key = ?)
            ORDER BY compounded_on, id""",
        (lot.id, lot_key(lot.lot)),
    ).fetchall()
    return [RecallLine(int(r["id"]), r["rx_number"], r["patient"], r["patient_ref"], r["compounded_on"],
                       r["status"]) for r in rows]  # fmt: skip


def draw(conn: sqlite3.Connection, user: User | None, record_id: int, compounded_on: dt.date, bud: dt.date,
         drawn: Sequence[tuple[int, float]], *, now: str) -> None:  # fmt: skip
    """The record's use of lots, checked and taken off what is on hand; the caller holds the transaction."""
    seen: set[int] = set()
    for lot_id, quantity in drawn:
        lot = load(conn, lot_id)
        if lot.id in seen:
            raise InputError("lots", lot.lot, "is listed twice; give its whole quantity once")
        seen.add(lot.id)
        problem = lot.usable_on(compounded_on)
        if problem:
            raise RecordError(f"{problem}; it cannot be used")
        if bud > lot.expiry:
            raise RecordError(f"the BUD {bud.isoformat()} is after the expiry of lot {lot.lot} "
                              f"({lot.expiry.isoformat()}); the BUD is capped by the earliest expiry")  # fmt: skip
        if not (isinstance(quantity, int | float) and quantity > 0):
            raise InputError("quantity", str(quantity), f"drawn from lot {lot.lot} must be positive", "2")
        if quantity > lot.on_hand + 1e-9:
            raise RecordError(f"lot {lot.lot} has {lot.on_hand:g} {lot.unit} on hand, less than {quantity:g}")
        left = round(lot.on_hand - quantity, 6)
        conn.execute("INSERT INTO lot_draw (record_id, lot_id, quantity) VALUES (?, ?, ?)",
                     (record_id, lot.id, float(quantity)))  # fmt: skip
        conn.execute("UPDATE lot SET on_hand = ? WHERE id = ?", (left, lot.id))
        trail.add(conn, None if user is None else user.id, "(not signed in)" if user is None else user.name, "lot",
                  str(lot.id), f"drawn by record {record_id}", "on_hand", json.dumps(lot.on_hand), json.dumps(left),
                  "", now=now)  # fmt: skip
