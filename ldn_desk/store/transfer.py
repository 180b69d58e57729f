"""Copying a whole log from one engine to the other, verified record by record and by the chain.

Used for a shared (PostgreSQL) log's backup, which is the same one-file SQLite backup a single-PC
log makes (so it can be restored on any PC), and for moving a single-PC log to a shared database.
The rows are written the way the program saved them (each record as a draft with its lines and
PDF, then its sign-off, then the plans, then the chain), so the target's own rules admit them; the
copy is then checked against the source entry by entry and by the target's full check.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import Any

from ldn_desk.store import audit, chain
from ldn_desk.store.errors import BackupError

_RECORD_COLUMNS = (
    "id", "kind", "rx_number", "patient", "patient_ref", "patient_key", "compounded_on", "bud", "compounded_by",
    "supersedes", "reason", "inputs_json", "results_json", "document_json", "created_at",
)  # fmt: skip
_INGREDIENT_COLUMNS = ("record_id", "position", "name", "maker", "lot", "lot_key", "expiry", "actual_amount")
_PLAN_COLUMNS = ("id", "patient", "patient_ref", "patient_key", "created_at")
_VERSION_COLUMNS = ("plan_id", "version", "saved_at", "change", "plan_json")
_CHAIN_COLUMNS = ("seq", "entry", "record_id", "plan_id", "version", "item_id", "content_sha256", "previous",
                  "sha256")  # fmt: skip
# Log format 8's tables, copied whole in this order (users before what names them); `setting` rows
# exist in every new log and are set, not added.
_TEAM_TABLES = (("desk_user", "id"), ("formula_version", "id"), ("lot", "id"))
_TEAM_AFTER = (("signature", "id"), ("audit_trail", "id"))
COUNTED = ("record", "ingredient", "record_pdf", "plan", "plan_version", "chain", "desk_user", "signature",
           "audit_trail", "formula_version", "lot", "lot_draw")  # fmt: skip


def _insert(target: sqlite3.Connection, table: str, columns: tuple[str, ...], rows: Iterable[Any]) -> None:
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"
    batch = [tuple(row) for row in rows]
    if batch:
        target.executemany(sql, batch)


def _select(conn: sqlite3.Connection, table: str, columns: tuple[str, ...], order: str) -> list[Any]:
    return list(conn.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY {order}").fetchall())


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    return {table: int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]) for table in COUNTED}


def is_empty(conn: sqlite3.Connection) -> bool:
    return not any(counts(conn).values())


def _whole(conn: sqlite3.Connection, table: str, order: str) -> tuple[tuple[str, ...], list[Any]]:
    cursor = conn.execute(f"SELECT * FROM {table} ORDER BY {order}")
    columns = tuple(str(column[0]) for column in cursor.description)
    return columns, [tuple(row) for row in cursor.fetchall()]


def _copy_whole(source: sqlite3.Connection, target: sqlite3.Connection, table: str, order: str) -> None:
    columns, rows = _whole(source, table, order)
    _insert(target, table, columns, rows)


def copy_log(source: sqlite3.Connection, target: sqlite3.Connection) -> None:
    """Every row of `source` into the empty log `target`, inside the caller's transaction on target."""
    for table, order in _TEAM_TABLES:
        _copy_whole(source, target, table, order)
    for row in _select(source, "record", _RECORD_COLUMNS, "id"):
        _insert(target, "record", (*_RECORD_COLUMNS, "status"), [(*row, "draft")])
        record_id = row[0]
        lines = source.execute(
            f"SELECT {', '.join(_INGREDIENT_COLUMNS)} FROM ingredient WHERE record_id = ? ORDER BY position",
            (record_id,),
        ).fetchall()
        _insert(target, "ingredient", _INGREDIENT_COLUMNS, lines)
        pdf = source.execute(
            "SELECT record_id, pdf, sha256 FROM record_pdf WHERE record_id = ?", (record_id,)
        )
        _insert(
            target, "record_pdf", ("record_id", "pdf", "sha256"), [(r[0], bytes(r[1]), r[2]) for r in pdf]
        )
        draws = source.execute(
            "SELECT record_id, lot_id, quantity FROM lot_draw WHERE record_id = ?", (record_id,)
        )
        _insert(target, "lot_draw", ("record_id", "lot_id", "quantity"), draws.fetchall())
    for record_id, checked_by, signed_at in source.execute(
        "SELECT id, checked_by, signed_at FROM record WHERE status = 'signed' ORDER BY id"
    ).fetchall():
        target.execute(
            "UPDATE record SET status = 'signed', checked_by = ?, signed_at = ? WHERE id = ? AND status = 'draft'",
            (checked_by, signed_at, record_id),
        )
    _insert(target, "plan", _PLAN_COLUMNS, _select(source, "plan", _PLAN_COLUMNS, "id"))
    _insert(target, "plan_version", _VERSION_COLUMNS, _select(source, "plan_version", _VERSION_COLUMNS,
                                                              "plan_id, version"))  # fmt: skip
    for table, order in _TEAM_AFTER:
        _copy_whole(source, target, table, order)
    for name, value in source.execute("SELECT name, value FROM setting ORDER BY name").fetchall():
        target.execute("UPDATE setting SET value = ? WHERE name = ?", (value, name))
    _insert(target, "chain", _CHAIN_COLUMNS, _select(source, "chain", _CHAIN_COLUMNS, "seq"))
    if getattr(target, "dialect", "sqlite") == "postgresql":
        from ldn_desk.store.pg_schema import IDENTITY_TABLES

        # The copied numbers were given explicitly: the sequences count on from them. Taking as many
        # numbers as were copied needs only USAGE on a sequence (setval would need UPDATE, which the
        # workstations' role is not given), and leaves each at or past the highest number copied.
        for table in sorted(IDENTITY_TABLES):
            target.execute(
                f"SELECT count(nextval(pg_get_serial_sequence('{table}', 'id'))) "
                f"FROM generate_series(1, (SELECT coalesce(max(id), 0) FROM {table}))"
            )
    # The highest numbers the source ever gave, so none is given again after the move.
    for table, column in (("record", "record_id"), ("plan", "plan_id")):
        mark = source.execute(
            f"SELECT coalesce((SELECT max(id) FROM {table}), 0), coalesce((SELECT max({column}) FROM chain), 0), "
            "coalesce((SELECT last_id FROM id_floor WHERE name = ?), 0)",
            (table,),
        ).fetchone()
        highest = max(int(value) for value in mark)
        if highest:
            target.execute("INSERT INTO id_floor (name, last_id) VALUES (?, ?)", (table, highest))


def verify_copy(source: sqlite3.Connection, target: sqlite3.Connection) -> audit.Audit:
    """The copy holds the source's rows and chain exactly, and passes its own full check."""
    if counts(source) != counts(target):
        raise BackupError(
            f"the copy does not hold the log's rows ({counts(target)} against {counts(source)})"
        )
    for table, columns, order in (
        ("record", (*_RECORD_COLUMNS, "status", "checked_by", "signed_at"), "id"),
        ("ingredient", _INGREDIENT_COLUMNS, "record_id, position"),
        ("plan", _PLAN_COLUMNS, "id"),
        ("plan_version", _VERSION_COLUMNS, "plan_id, version"),
        ("chain", _CHAIN_COLUMNS, "seq"),
        *((table, _whole(source, table, order)[0], order) for table, order in (*_TEAM_TABLES, *_TEAM_AFTER)),
        ("setting", ("name", "value"), "name"),
        ("lot_draw", ("record_id", "lot_id", "quantity"), "record_id, lot_id"),
    ):
        theirs = _select(target, table, columns, order)
        for mine, copied in zip(_select(source, table, columns, order), theirs, strict=True):
            if tuple(mine) != tuple(copied):
                raise BackupError(f"the copy of a row of {table} does not match the log (key {mine[0]}); "
                                  "nothing was kept")  # fmt: skip
    for record_id, sha in source.execute("SELECT record_id, sha256 FROM record_pdf ORDER BY record_id"):
        copied = target.execute("SELECT sha256 FROM record_pdf WHERE record_id = ?", (record_id,)).fetchone()
        if copied is None or copied[0] != sha:
            raise BackupError(f"the printed PDF of record {record_id} was not copied whole; nothing was kept")
    found = audit.audit(target)
    if not found.ok:
        raise BackupError(f"the copy failed its check ({found.summary()}); nothing was kept")
    if found.head != chain.head(source):
        raise BackupError("the copy's chain does not end where the log's does; nothing was kept")
    return found
