"""Finding records: by patient, date range, Rx number, status and lot — a recall finds every use."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from typing import TypedDict

from ldn_desk.errors import InputError
from ldn_desk.recipes.choices import DosageForm
from ldn_desk.store.keys import lot_key, patient_key
from ldn_desk.store.records import DRAFT, SIGNED, RecordStatus
from ldn_desk.units.characters import check_identifier

# The trigram index answers a part of a name of 3 characters or more; shorter ones read the key index.
_TRIGRAM = 3


@dataclass(frozen=True)
class RecordSummary:
    """One row of the log's table: enough to list and filter, `Store.record(id)` gives the rest."""

    id: int
    kind: DosageForm
    status: RecordStatus
    rx_number: str
    patient: str
    patient_ref: str
    compounded_on: dt.date
    bud: dt.date
    compounded_by: str
    checked_by: str | None
    supersedes: int | None
    superseded_by: int | None
    lots: tuple[str, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", DosageForm(self.kind))
        object.__setattr__(self, "status", RecordStatus(self.status))

    @property
    def current(self) -> bool:
        return self.superseded_by is None


class Filters(TypedDict, total=False):
    """The filters of `search` by name, for the Store methods that pass them on (export_csv)."""

    patient: str | None
    date_from: dt.date | None
    date_to: dt.date | None
    lot: str | None
    rx_number: str | None
    status: str | None
    current_only: bool
    limit: int | None
    offset: int


def _date(value: dt.date | None, field: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise InputError(field, None, "must be a calendar date", "2026-12-01")
    return value.isoformat()


def search(
    conn: sqlite3.Connection,
    *,
    patient: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    lot: str | None = None,
    rx_number: str | None = None,
    status: str | None = None,
    current_only: bool = False,
    limit: int | None = None,
    offset: int = 0,
) -> list[RecordSummary]:
    """Records matching every filter given, newest compounding date first.

    Every version is listed (superseded ones say which version replaced them), so a lot recall
    also finds a record whose lot was later corrected; `current_only` keeps the latest versions.
    Patient matches part of the name or identifier, any case; lot matches the whole lot number,
    any case and spacing; dates are inclusive. A table shows a large log a page at a time with
    `limit` and `offset` (a page of 100 takes milliseconds; all 100,000 records take seconds).
    A filter holding an invisible, control or bidi character is refused, naming the character:
    no saved record holds one, so the search could only ever miss.
    """
    dialect = getattr(conn, "dialect", "sqlite")
    source, where, order, args = matching(
        patient=patient, date_from=date_from, date_to=date_to, lot=lot, rx_number=rx_number, status=status,
        current_only=current_only, dialect=dialect,
    )  # fmt: skip
    lots = _LOTS_PG if dialect == "postgresql" else _LOTS
    sql = f"""SELECT r.id, r.kind, r.status, r.rx_number, r.patient, r.patient_ref, r.compounded_on, r.bud,
                     r.compounded_by, r.checked_by, r.supersedes,
                     (SELECT n.id FROM record n WHERE n.supersedes = r.id) AS superseded_by,
                     {lots}
                FROM {source}
               {where}
               ORDER BY {order}"""
    if int(offset) < 0:
        raise InputError("offset", str(offset), "must be 0 or more", "100")
    if limit is not None or offset:
        if limit is not None and int(limit) < 1:
            raise InputError("limit", str(limit), "must be at least 1", "100")
        sql += " LIMIT ? OFFSET ?"
        args += [-1 if limit is None else int(limit), int(offset)]
    return [_summary(row) for row in conn.execute(sql, args)]


_LOTS = """(SELECT group_concat(lot, char(31)) FROM
                        (SELECT lot FROM ingredient WHERE record_id = r.id AND lot != '' ORDER BY position)) AS lots"""
_LOTS_PG = """(SELECT string_agg(lot, chr(31) ORDER BY position) FROM ingredient
                       WHERE record_id = r.id AND lot != '') AS lots"""


def matching(
    *,
    patient: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    lot: str | None = None,
    rx_number: str | None = None,
    status: str | None = None,
    current_only: bool = False,
    dialect: str = "sqlite",
) -> tuple[str, str, str, list[object]]:
    """For search's filters: the FROM source (naming the record `r`), the WHERE clause ("" for
    none), the ORDER BY (newest first) and the arguments; the export reads the same records."""
    where: list[str] = []
    args: list[object] = []
    source = "record r"
    order = "r.compounded_on DESC, r.id DESC"
    for name, value in (("patient", patient), ("lot", lot), ("Rx number", rx_number)):
        if value is not None:
            check_identifier(value, name, private=name != "lot")
    if patient is not None and patient.strip():
        key = patient_key(patient)
        if dialect == "postgresql":
            # pg_trgm's index serves LIKE '%…%' (store/pg_schema.py); without it, the plain index.
            where.append(r"r.patient_key LIKE ? ESCAPE '\'")
            args.append("%" + key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
        elif len(key) >= _TRIGRAM:
            # The trigram index finds the candidates; instr keeps exactly today's meaning of "part of".
            where.append(
                "r.id IN (SELECT rowid FROM record_patient_search WHERE record_patient_search MATCH ?)"
            )
            args.append('"' + key.replace('"', '""') + '"')
        where.append("instr(r.patient_key, ?) > 0")
        args.append(key)
    start, end = _date(date_from, "from date"), _date(date_to, "to date")
    if start is not None and end is not None and end < start:
        raise InputError("to date", end, "is before the from date", start)
    day = "r.compounded_on"
    if lot is not None:
        key = lot_key(lot)
        if not key:
            raise InputError("lot", None, "is empty", "AB1234")
        # Walked newest first in its own order, so a common lot stops at the page's limit.
        source = "lot_use u JOIN record r ON r.id = u.record_id"
        where.append("u.lot_key = ?")
        args.append(key)
        day, order = "u.compounded_on", "u.compounded_on DESC, u.record_id DESC"
    if start is not None:
        where.append(f"{day} >= ?")
        args.append(start)
    if end is not None:
        where.append(f"{day} <= ?")
        args.append(end)
    if rx_number is not None and rx_number.strip():
        where.append("r.rx_number = ?")
        args.append(rx_number.strip())
    if status is not None:
        if status not in tuple(RecordStatus):
            raise InputError("status", None, f"must be {DRAFT} or {SIGNED}", SIGNED)
        where.append("r.status = ?")
        args.append(status)
    if current_only:
        where.append("NOT EXISTS (SELECT 1 FROM record n WHERE n.supersedes = r.id)")
    return source, ("WHERE " + " AND ".join(where) if where else ""), order, args


def _summary(row: sqlite3.Row) -> RecordSummary:
    return RecordSummary(
        id=int(row[0]), kind=row[1], status=row[2], rx_number=row[3], patient=row[4], patient_ref=row[5],
        compounded_on=dt.date.fromisoformat(row[6]), bud=dt.date.fromisoformat(row[7]), compounded_by=row[8],
        checked_by=row[9], supersedes=row[10], superseded_by=row[11],
        lots=tuple(row[12].split("\x1f")) if row[12] else (),
    )  # fmt: skip
