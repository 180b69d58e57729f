"""The log as CSV for a spreadsheet or an inspector: one row per ingredient line of each record."""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from ldn_desk.store.errors import ExportError
from ldn_desk.store.records import Record

COLUMNS = (
    "record_id", "version_of", "replaced_by", "status", "kind", "rx_number", "patient", "patient_ref",
    "compounded_on", "bud", "compounded_by", "checked_by", "signed_at", "reason",
    "ingredient", "maker", "lot", "expiry", "actual_amount",
)  # fmt: skip

# A cell a spreadsheet would run as a formula gets a leading apostrophe (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def rows(records: Iterable[Record]) -> Iterable[list[str]]:
    for record in records:
        head = [
            record.id, record.supersedes, record.superseded_by, record.status, record.kind, record.rx_number,
            record.patient, record.patient_ref, record.compounded_on.isoformat(), record.bud.isoformat(),
            record.compounded_by, record.checked_by, record.signed_at, record.reason,
        ]  # fmt: skip
        lines = record.ingredients or ()
        if not lines:
            yield [_cell(value) for value in [*head, "", "", "", "", ""]]
        for item in lines:
            tail = [item.name, item.maker, item.lot, item.expiry, item.actual_amount]
            yield [_cell(value) for value in [*head, *tail]]


def write_csv(records: Iterable[Record], out: TextIO) -> int:
    """Write the header and the rows; returns the number of rows after the header."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    count = 0
    for row in rows(records):
        writer.writerow(row)
        count += 1
    return count


def write_csv_file(records: Iterable[Record], path: Path) -> int:
    """A new CSV file readable by its owner only (it holds patient names); never replaces a file."""
    path = Path(path)
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        raise ExportError(f"{path} already exists; choose a new file name for the export") from None
    with open(fd, "w", encoding="utf-8", newline="") as out:
        return write_csv(records, out)
