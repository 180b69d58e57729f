"""Every reference table by file name, and the sources they cite (Help → About lists them)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

from ldn_desk.reference.balance import balance_table
from ldn_desk.reference.bud import bud_table
from ldn_desk.reference.capsules import capsule_table
from ldn_desk.reference.documents import handout_wording, record_wording
from ldn_desk.reference.dose_limits import dose_limits_table
from ldn_desk.reference.drug import drug_table
from ldn_desk.reference.excipients import excipient_table
from ldn_desk.reference.formulas import formula_table
from ldn_desk.reference.labels import labels_table
from ldn_desk.reference.liquid import liquid_table
from ldn_desk.reference.mfr import mfr_table
from ldn_desk.reference.protocols import protocol_table
from ldn_desk.reference.syringes import syringe_table

# resources/NAME.toml → its reader, in the order of the file names.
TABLES: Mapping[str, Callable[[Path | None], object]] = {
    "balance": balance_table,
    "bud": bud_table,
    "capsules": capsule_table,
    "dose_limits": dose_limits_table,
    "drug": drug_table,
    "excipients": excipient_table,
    "formulas": formula_table,
    "handout": handout_wording,
    "labels": labels_table,
    "liquid": liquid_table,
    "mfr": mfr_table,
    "protocols": protocol_table,
    "record": record_wording,
    "syringes": syringe_table,
}


def load_all(folder: Path | None = None) -> dict[str, object]:
    """Every table, read and checked; the first damaged one is refused."""
    return {name: read(folder) for name, read in TABLES.items()}


def _sources(value: object) -> Iterator[str]:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for spec in dataclasses.fields(value):
            item = getattr(value, spec.name)
            if spec.name == "source" and isinstance(item, str):
                yield item
            else:
                yield from _sources(item)
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from _sources(item)
    elif isinstance(value, tuple):
        for item in value:
            yield from _sources(item)


def data_sources(folder: Path | None = None) -> list[tuple[str, str]]:
    """(file, source) for every source the tables cite, each text once, file by file."""
    found: list[tuple[str, str]] = []
    seen: set[str] = set()
    for name, table in load_all(folder).items():
        for text in _sources(table):
            if text not in seen:
                seen.add(text)
                found.append((name, text))
    return found
