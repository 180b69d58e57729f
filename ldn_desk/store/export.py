"""The log as CSV for a spreadsheet or an inspector: one row per ingredient line of each record."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple, TextIO

from ldn_desk.private_file import write_private
from ldn_desk.store.errors import ExportError
from ldn_desk.store.records import Record

COLUMNS = (
    "record_id", "version_of", "replaced_by", "status", "kind", "rx_number", "patient", "patient_ref",
    "compounded_on", "bud", "compounded_by", "checked_by", "signed_at", "reason",
    "ingredient", "maker", "lot", "expiry", "actual_amount",
)  # fmt: skip


class Exported(NamedTuple):
    records: int
    rows: int  # one per ingredient line, not counting the header


# A cell a spreadsheet would run as a formula gets a leading apostrophe (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _rows(record: Record) -> Iterable[list[str]]:
    head = [
        record.id, record.supersedes, record.superseded_by, record.status, record.kind, record.rx_number,
        record.patient, record.patient_ref, record.compounded_on.isoformat(), record.bud.isoformat(),
        record.compounded_by, record.checked_by, record.signed_at, record.reason,
    ]  # fmt: skip
    if not record.ingredients:
        yield [_cell(value) for value in [*head, "", "", "", "", ""]]
    for item in record.ingredients:
        tail = [item.name, item.maker, item.lot, item.expiry, item.actual_amount]
        yield [_cell(value) for value in [*head, *tail]]


def write_csv(records: Iterable[Record], out: TextIO) -> Exported:
    """Write the header and a row per ingredient line of each record."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    count = rows = 0
    for record in records:
        count += 1
        for row in _rows(record):
            writer.writerow(row)
            rows += 1
    return Exported(count, rows)


def write_csv_file(records: Iterable[Record], path: Path) -> Exported:
    """A new CSV file readable by its owner only (it holds patient names); never replaces a file.
    Written whole or not at all, never through a symbolic link (ldn_desk.private_file)."""
    path = Path(path)
    if path.exists() or path.is_symlink():
        raise ExportError(f"{path} already exists; choose a new file name for the export")
    out = io.StringIO(newline="")
    done = write_csv(records, out)
    try:
        write_private(path, out.getvalue().encode("utf-8"), replace=False)
    except FileExistsError:
        raise ExportError(f"{path} already exists; choose a new file name for the export") from None
    return done
