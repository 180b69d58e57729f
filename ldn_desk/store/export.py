"""The log as CSV for a spreadsheet or an inspector: one row per ingredient line of each record."""

from __future__ import annotations

import csv
import io
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple, Protocol, TextIO, Unpack

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


HEADER = ",".join(COLUMNS) + "\n"  # as csv.writer writes it: no name needs quotes

# A cell a spreadsheet would run as a formula gets a leading apostrophe (CSV injection); status and
# kind are not checked, as the log's own rules admit only their few words.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

# The value of each column, in COLUMNS' order; from _CHECKED on, the texts checked for a formula.
_VALUES = (
    "r.id", "r.supersedes", "(SELECT n.id FROM record n WHERE n.supersedes = r.id)", "r.status", "r.kind",
    "r.rx_number", "r.patient", "r.patient_ref", "r.compounded_on", "r.bud", "r.compounded_by", "r.checked_by",
    "r.signed_at", "r.reason", "i.name", "i.maker", "i.lot", "i.expiry", "i.actual_amount",
)  # fmt: skip
_CHECKED = 5

# The database joins each row's values into one string, cells apart by the unit separator and NULL
# as nothing, so Python gets three values a row instead of nineteen. A batch of rows none of whose
# cells holds a comma, a double quote, a line feed, a separator or a formula start is already its
# CSV text once the separators become commas and line feeds (csv.writer quotes none of its cells);
# any other row is written by csv.writer from its values, read again.
_CELL, _ROW = "\x1f", "\x1e"
_FORMAT = _CELL.join(["%s"] * len(_VALUES))
# What csv.writer would quote, and a cell's formula start: a rare character alone (str's search for
# one character is the fastest), "+" and "-" after a separator, as dates and times hold them.
_NEEDS_WRITER = (",", '"', "\n", "=", "@", "\t", "\r", _CELL + "+", _CELL + "-")
_BATCH = 2000

# One row per ingredient line (a record without lines still has its row), in search's order:
# newest compounding date first. Read and written a batch at a time, so memory stays the same
# however large the log.
_QUERY = """
SELECT r.id, i.position, {format}(?, {values})
  FROM (SELECT r.* FROM {source} {where} ORDER BY {order} {limit}) r
  LEFT JOIN ingredient i ON i.record_id = r.id
 ORDER BY r.compounded_on DESC, r.id DESC, i.position
"""
_SOME_RECORDS = f"""
SELECT i.position, {", ".join(_VALUES)}
  FROM record r LEFT JOIN ingredient i ON i.record_id = r.id
 WHERE r.id IN ({{ids}})"""


class _Connection(Protocol):
    def execute(self, sql: str, params: Sequence[Any] = ..., /) -> Any: ...


def rows(conn: sqlite3.Connection, **filters: Unpack[Filters]) -> Iterator[tuple[list[int], str]]:
    """The export's rows for the records matching the filters (as `search`), a batch at a time: the
    record id of each row, and the batch's CSV text."""
    limit, offset = filters.get("limit"), int(filters.get("offset", 0) or 0)
    dialect = getattr(conn, "dialect", "sqlite")
    source, where, order, args = matching(
        patient=filters.get("patient"), date_from=filters.get("date_from"), date_to=filters.get("date_to"),
        lot=filters.get("lot"), rx_number=filters.get("rx_number"), status=filters.get("status"),
        current_only=bool(filters.get("current_only", False)), dialect=dialect,
    )  # fmt: skip
    paging = ""
    if offset < 0:
        raise InputError("offset", str(offset), "must be 0 or more", "100")
    if limit is not None or offset:
        if limit is not None and int(limit) < 1:
            raise InputError("limit", str(limit), "must be at least 1", "100")
        paging = "LIMIT ? OFFSET ?"
        args += [-1 if limit is None else int(limit), offset]
    query = _QUERY.format(
        format="printf" if dialect == "sqlite" else "format", values=", ".join(_VALUES), source=source,
        where=where, order=order, limit=paging,
    )  # fmt: skip
    return _batches(conn, conn.execute(query, [_FORMAT, *args]))


def _batches(conn: _Connection, found: Any) -> Iterator[tuple[list[int], str]]:
    while batch := found.fetchmany(_BATCH):
        ids = [row[0] for row in batch]
        joined = _ROW.join([row[2] for row in batch])
        if _is_csv(joined, len(batch)):
            yield ids, joined.replace(_CELL, ",").replace(_ROW, "\n") + "\n"
            continue
        ready = [_is_csv(row[2], 1) for row in batch]
        values = _values(
            conn, sorted({row[0] for row, is_csv in zip(batch, ready, strict=True) if not is_csv})
        )
        yield ids, "".join(
            [row[2].replace(_CELL, ",") + "\n" if is_csv else _written(values[row[0], row[1]])
             for row, is_csv in zip(batch, ready, strict=True)]
        )  # fmt: skip


def _is_csv(joined: str, count: int) -> bool:
    """Whether `count` rows joined are their CSV text once the separators are commas and line feeds."""
    return (
        joined.count(_CELL) == (len(_VALUES) - 1) * count
        and joined.count(_ROW) == count - 1
        and not any(text in joined for text in _NEEDS_WRITER)
    )


def _values(conn: _Connection, record_ids: Sequence[int]) -> dict[tuple[int, int | None], list[Any]]:
    """The values of every row of these records, by record id and ingredient position."""
    found: dict[tuple[int, int | None], list[Any]] = {}
    for start in range(0, len(record_ids), 500):
        some = record_ids[start : start + 500]
        query = _SOME_RECORDS.format(ids=", ".join("?" * len(some)))
        for row in conn.execute(query, some):
            found[row[1], row[0]] = list(row[1:])
    return found


def _written(values: list[Any]) -> str:
    """One row's CSV line as csv.writer writes it, a formula start in a text behind an apostrophe."""
    for index in range(_CHECKED, len(values)):
        if isinstance(values[index], str) and values[index].startswith(_FORMULA_START):
            values[index] = "'" + values[index]
    text = io.StringIO()
    csv.writer(text, lineterminator="\n").writerow(values)
    return text.getvalue()


def write_csv(found: Iterable[tuple[list[int], str]], out: TextIO) -> Exported:
    """Write the header and each batch of rows as `rows` gives them."""
    out.write(HEADER)
    records = lines = 0
    last: int | None = None
    for ids, text in found:
        out.write(text)
        lines += len(ids)
        # The rows come record by record, so each record's id is one run of equal ids.
        records += len(set(ids)) - (ids[0] == last)
        last = ids[-1]
    return Exported(records, lines)


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
