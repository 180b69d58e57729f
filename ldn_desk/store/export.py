"""The log as CSV for a spreadsheet or an inspector: one row per ingredient line of each record."""

from __future__ import annotations

import csv
import io
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple, TextIO, Unpack

from ldn_desk.errors import InputError
from ldn_desk.private_file import writing_private
from ldn_desk.store.errors import ExportError
from ldn_desk.store.search import Filters, matching

COLUMNS = (
    "record_id", "version_of", "replaced_by", "status", "kind", "rx_number", "patient", "patient_ref",
    "compounded_on", "bud", "compounded_by", "checked_by", "signed_at", "reason",
    "ingredient", "maker", "lot", "expiry", "actual_amount",
)  # fmt: skip


class Exported(NamedTuple):
    records: int
    rows: int  # one per ingredient line, not counting the header


# A cell a spreadsheet would run as a formula gets a leading apostrophe (CSV injection); status and
# kind are not checked, as the log's own rules admit only their few words.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe(column: str) -> str:
    """The column as text a spreadsheet shows, never runs: a leading apostrophe before a formula start
    (CSV injection), worked out by SQLite so the rows go to the file without a Python step each."""
    starts = ", ".join(f"char({ord(char)})" for char in _FORMULA_START)
    return f"CASE WHEN substr({column}, 1, 1) IN ({starts}) THEN char(39) || {column} ELSE {column} END"


_TEXT = ("r.rx_number", "r.patient", "r.patient_ref", "r.compounded_on", "r.bud",
         "r.compounded_by", "r.checked_by", "r.signed_at", "r.reason", "i.name", "i.maker", "i.lot", "i.expiry",
         "i.actual_amount")  # fmt: skip
_T = {column: _safe(column) for column in _TEXT}

# One row per ingredient line (a record without lines still has its row), in search's order:
# newest compounding date first. Read and written a row at a time, so memory stays the same
# however large the log.
_QUERY = f"""
SELECT r.id, r.supersedes, (SELECT n.id FROM record n WHERE n.supersedes = r.id), r.status, r.kind,
       {_T["r.rx_number"]}, {_T["r.patient"]}, {_T["r.patient_ref"]}, {_T["r.compounded_on"]}, {_T["r.bud"]},
       {_T["r.compounded_by"]}, {_T["r.checked_by"]}, {_T["r.signed_at"]}, {_T["r.reason"]}, {_T["i.name"]},
       {_T["i.maker"]}, {_T["i.lot"]}, {_T["i.expiry"]}, {_T["i.actual_amount"]}
  FROM (SELECT r.* FROM {{source}} {{where}} ORDER BY {{order}} {{limit}}) r
  LEFT JOIN ingredient i ON i.record_id = r.id
 ORDER BY r.compounded_on DESC, r.id DESC, i.position
"""


def rows(conn: sqlite3.Connection, **filters: Unpack[Filters]) -> Iterator[tuple[Any, ...]]:
    """The export's rows for the records matching the filters (as `search`), straight from the query."""
    limit, offset = filters.get("limit"), int(filters.get("offset", 0) or 0)
    source, where, order, args = matching(
        patient=filters.get("patient"), date_from=filters.get("date_from"), date_to=filters.get("date_to"),
        lot=filters.get("lot"), rx_number=filters.get("rx_number"), status=filters.get("status"),
        current_only=bool(filters.get("current_only", False)), dialect=getattr(conn, "dialect", "sqlite"),
    )  # fmt: skip
    paging = ""
    if offset < 0:
        raise InputError("offset", str(offset), "must be 0 or more", "100")
    if limit is not None or offset:
        if limit is not None and int(limit) < 1:
            raise InputError("limit", str(limit), "must be at least 1", "100")
        paging = "LIMIT ? OFFSET ?"
        args += [-1 if limit is None else int(limit), offset]
    return conn.execute(_QUERY.format(source=source, where=where, order=order, limit=paging), args)


def write_csv(found: Iterable[tuple[Any, ...]], out: TextIO) -> Exported:
    """Write the header and each row as the query gives it (the csv module writes them in C)."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    counts = [0, 0]  # records, rows
    last = [None]

    def counting() -> Iterator[tuple[Any, ...]]:
        for row in found:
            counts[1] += 1
            if row[0] != last[0]:
                counts[0] += 1
                last[0] = row[0]
            yield row

    writer.writerows(counting())
    return Exported(counts[0], counts[1])


def write_csv_file(found: Iterable[tuple[Any, ...]], path: Path) -> Exported:
    """A new CSV file readable by its owner only (it holds patient names); never replaces a file.
    Written row by row into a temporary file that takes the name only when whole, never through a
    symbolic link (ldn_desk.private_file): a full disk or a kill leaves no half export."""
    path = Path(path)
    if path.exists() or path.is_symlink():
        raise ExportError(f"{path} already exists; choose a new file name for the export")
    try:
        with writing_private(path, replace=False) as handle:
            out = io.TextIOWrapper(handle, encoding="utf-8", newline="")
            done = write_csv(found, out)
            out.flush()
            out.detach()  # the handle is closed, synced and renamed by writing_private
    except FileExistsError:
        raise ExportError(f"{path} already exists; choose a new file name for the export") from None
    return done
