"""Compounding records: saved as drafts, final once signed off, corrected only by a new version."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import sqlite3
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from ldn_desk.errors import InputError
from ldn_desk.recipes.choices import DosageForm
from ldn_desk.recipes.lots import IngredientLine
from ldn_desk.recipes.lots import checked_text as _text
from ldn_desk.store import chain
from ldn_desk.store.errors import RecordError, TamperedRecordError
from ldn_desk.store.keys import lot_key, patient_key


class RecordStatus(StrEnum):
    """A record is a draft until signed off; signed, it is final (corrected only by a new version)."""

    DRAFT = "draft"
    SIGNED = "signed"


KINDS = tuple(DosageForm)
DRAFT = RecordStatus.DRAFT
SIGNED = RecordStatus.SIGNED
# Fields a person may change with amend(); the rest belong to the log itself.
AMENDABLE = frozenset(
    {"kind", "rx_number", "patient", "patient_ref", "compounded_on", "bud", "compounded_by", "inputs",
     "results", "ingredients", "document", "pdf"}
)  # fmt: skip
_PDF_MAGIC = b"%PDF-"
# The log's name for a record's ingredient line (the type lives below the store, so documents print it).
Ingredient = IngredientLine


def fingerprint(data: bytes) -> str:
    """The SHA-256 of the printed bytes, in hex: what a reprint checks them against."""
    return hashlib.sha256(data).hexdigest()


def to_json(value: Any, field_name: str) -> str:
    """The stored form: key order kept, no NaN, no loss — json.loads gives the same data back."""
    if isinstance(value, Mapping) and not isinstance(value, dict):
        value = dict(value)  # a read-only mapping is still plain data
    try:
        return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    except (TypeError, ValueError) as error:
        raise InputError(field_name, None, f"cannot be stored as JSON ({error})") from None


@dataclass(frozen=True)
class NewRecord:
    """What a person saves: the recipe's inputs and results and everything the printed record shows."""

    kind: DosageForm
    rx_number: str
    patient: str
    compounded_on: dt.date
    bud: dt.date
    compounded_by: str
    inputs: Mapping[str, Any]
    results: Mapping[str, Any]
    ingredients: tuple[Ingredient, ...] = ()
    patient_ref: str = ""  # date of birth or the clinic's own identifier
    # The settings the record was printed with, as resolved then (not "default"): pharmacy,
    # contact, prescriber, directions, paper — what a correction is printed with again.
    document: Mapping[str, Any] = field(default_factory=dict)
    # The compounding record's PDF exactly as first printed; a reprint gives these bytes back.
    pdf: bytes | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise InputError("kind", str(self.kind), f"must be one of {', '.join(KINDS)}", "liquid")
        object.__setattr__(self, "kind", DosageForm(self.kind))
        object.__setattr__(self, "rx_number", _text("Rx number", self.rx_number, required=True, private=True))
        object.__setattr__(self, "patient", _text("patient", self.patient, required=True, private=True))
        object.__setattr__(
            self, "patient_ref", _text("patient identifier", self.patient_ref, required=False, private=True)
        )
        object.__setattr__(self, "compounded_by", _text("compounded by", self.compounded_by, required=True))
        for name in ("compounded_on", "bud"):
            value = getattr(self, name)
            if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
                raise InputError(name.replace("_", " "), None, "must be a calendar date", "2026-12-01")
        if self.bud < self.compounded_on:
            raise InputError("BUD", self.bud.isoformat(), "is before the date of compounding", "a later date")
        lines: list[Ingredient] = []
        for item in self.ingredients:
            if isinstance(item, Mapping):  # plain data from JSON or a form
                item = Ingredient(**item)
            if not isinstance(item, Ingredient):
                raise InputError(
                    "ingredients", None, "must be ingredient lines (name, maker, lot, expiry, amount)"
                )
            lines.append(item)
        object.__setattr__(self, "ingredients", tuple(lines))
        for name in ("inputs", "results", "document"):
            if not isinstance(getattr(self, name), Mapping):
                raise InputError(name, None, "must be a JSON object (a mapping)")
            to_json(getattr(self, name), name)
        if self.pdf is not None and not (isinstance(self.pdf, bytes) and self.pdf.startswith(_PDF_MAGIC)):
            raise InputError("printed record", None, "must be the bytes of a PDF file")


@dataclass(frozen=True)
class Record:
    """A saved version of a compounding record, as the log holds it."""

    id: int
    status: RecordStatus
    kind: DosageForm
    rx_number: str
    patient: str
    patient_ref: str
    compounded_on: dt.date
    bud: dt.date
    compounded_by: str
    checked_by: str | None
    inputs: dict[str, Any]
    results: dict[str, Any]
    document: dict[str, Any]
    ingredients: tuple[Ingredient, ...]
    created_at: str
    signed_at: str | None
    supersedes: int | None
    superseded_by: int | None
    reason: str
    pdf_sha256: str | None = None  # the printed PDF's fingerprint; None when no PDF was kept
    content_sha256: str | None = None  # the record's fingerprint in the log's chain (store/chain.py)

    @property
    def printed(self) -> bool:
        """True when the log keeps this version's PDF as first printed."""
        return self.pdf_sha256 is not None

    def __post_init__(self) -> None:
        # The database holds the text ("signed"); the schema's CHECK admits only the members.
        object.__setattr__(self, "status", RecordStatus(self.status))
        object.__setattr__(self, "kind", DosageForm(self.kind))

    @property
    def signed(self) -> bool:
        return self.status == SIGNED

    @property
    def current(self) -> bool:
        """True for the latest version: no correction points to it."""
        return self.superseded_by is None

    def as_new(self) -> NewRecord:
        """The record's content, ready to save again or to amend (without its PDF: see printed_pdf)."""
        return NewRecord(
            kind=self.kind, rx_number=self.rx_number, patient=self.patient, compounded_on=self.compounded_on,
            bud=self.bud, compounded_by=self.compounded_by, inputs=self.inputs, results=self.results,
            ingredients=self.ingredients, patient_ref=self.patient_ref, document=self.document,
        )  # fmt: skip


def insert(conn: sqlite3.Connection, new: NewRecord, *, now: str, supersedes: int | None = None,
           reason: str = "", with_rows: Callable[[int], None] | None = None) -> int:  # fmt: skip
    """Write one record, its ingredient lines and its PDF (and `with_rows(id)`: what else is saved
    with it, such as the lots it draws on), then its chain entry; the caller holds the transaction."""
    record_id = chain.next_id(conn, "record")
    conn.execute(
        """INSERT INTO record (id, kind, rx_number, patient, patient_ref, patient_key, compounded_on, bud,
               compounded_by, status, supersedes, reason, inputs_json, results_json, document_json, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?, ?, ?, ?, ?)""",
        (record_id, new.kind, new.rx_number, new.patient, new.patient_ref, patient_key(new.patient, new.patient_ref),
         new.compounded_on.isoformat(), new.bud.isoformat(), new.compounded_by, supersedes, reason,
         to_json(new.inputs, "inputs"), to_json(new.results, "results"), to_json(new.document, "document"), now),
    )  # fmt: skip
    conn.executemany(
        """INSERT INTO ingredient (record_id, position, name, maker, lot, lot_key, expiry, actual_amount)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
        [(record_id, position, item.name, item.maker, item.lot, lot_key(item.lot), item.expiry, item.actual_amount)
         for position, item in enumerate(new.ingredients, 1)],
    )  # fmt: skip
    if new.pdf is not None:
        conn.execute(
            "INSERT INTO record_pdf (record_id, pdf, sha256) VALUES (?, ?, ?)",
            (record_id, new.pdf, fingerprint(new.pdf)),
        )
    if with_rows is not None:
        with_rows(record_id)
    chain.append(conn, "record", record_id=record_id)
    return record_id


def content_sha256(new: NewRecord) -> str:
    """The SHA-256 of the record's content as the log will hold it (its fingerprint, see
    store/chain.py): known before the record is printed or saved, so the PDF can carry it."""
    return chain.sha256(chain.record_content(
        kind=new.kind, rx_number=new.rx_number, patient=new.patient, patient_ref=new.patient_ref,
        compounded_on=new.compounded_on.isoformat(), bud=new.bud.isoformat(), compounded_by=new.compounded_by,
        inputs_json=to_json(new.inputs, "inputs"), results_json=to_json(new.results, "results"),
        document_json=to_json(new.document, "document"),
        ingredients=[(item.name, item.maker, item.lot, item.expiry, item.actual_amount) for item in new.ingredients],
    ))  # fmt: skip


def load(conn: sqlite3.Connection, record_id: int) -> Record:
    row = conn.execute(
        "SELECT r.*, (SELECT n.id FROM record n WHERE n.supersedes = r.id) AS superseded_by, "
        "(SELECT p.sha256 FROM record_pdf p WHERE p.record_id = r.id) AS pdf_sha256, "
        "(SELECT c.content_sha256 FROM chain c WHERE c.record_id = r.id AND c.entry = 'record') AS content_sha256 "
        "FROM record r WHERE r.id = ?",
        (int(record_id),),
    ).fetchone()
    if row is None:
        raise RecordError(f"there is no record {int(record_id)} in the log")
    lines = conn.execute(
        "SELECT name, maker, lot, expiry, actual_amount FROM ingredient WHERE record_id = ? ORDER BY position",
        (int(record_id),),
    ).fetchall()
    return Record(
        id=int(row["id"]), status=row["status"], kind=row["kind"], rx_number=row["rx_number"],
        patient=row["patient"], patient_ref=row["patient_ref"],
        compounded_on=dt.date.fromisoformat(row["compounded_on"]), bud=dt.date.fromisoformat(row["bud"]),
        compounded_by=row["compounded_by"], checked_by=row["checked_by"],
        inputs=json.loads(row["inputs_json"]), results=json.loads(row["results_json"]),
        document=json.loads(row["document_json"]),
        ingredients=tuple(Ingredient.as_saved(*line) for line in lines),
        created_at=row["created_at"], signed_at=row["signed_at"], supersedes=row["supersedes"],
        superseded_by=row["superseded_by"], reason=row["reason"], pdf_sha256=row["pdf_sha256"],
        content_sha256=row["content_sha256"],
    )  # fmt: skip


def printed_pdf(conn: sqlite3.Connection, record_id: int) -> bytes | None:
    """The record's PDF as first printed, checked against its fingerprint; None when none was kept."""
    row = conn.execute("SELECT pdf, sha256 FROM record_pdf WHERE record_id = ?", (int(record_id),)).fetchone()
    if row is None:
        load(conn, record_id)  # an unknown id says so
        return None
    data = bytes(row["pdf"])
    if fingerprint(data) != row["sha256"]:
        raise TamperedRecordError(
            f"the printed PDF of record {int(record_id)} no longer matches the SHA-256 fingerprint saved "
            "with it: the log file was changed outside LDN Desk, so this copy is not given out. Restore "
            "the log from a backup (Log page, Restore…, or `ldn-desk log restore FILE`)"
        )
    return data


def sign_off(conn: sqlite3.Connection, record_id: int, checked_by: str, *, now: str) -> None:
    """The checker's signature: the draft becomes final and can only be corrected by a new version."""
    checker = _text("checked by", checked_by, required=True)
    record = load(conn, record_id)
    if record.signed:
        raise RecordError(f"record {record.id} is already signed off by its checker")
    if record.superseded_by is not None:
        raise RecordError(f"record {record.id} was replaced by version {record.superseded_by}; sign that one")
    if not record.ingredients:
        raise RecordError(f"record {record.id} lists no ingredients; add them before signing off")
    for position, item in enumerate(record.ingredients, 1):
        if item.missing():
            raise RecordError(
                f"record {record.id}, ingredient {position} ({item.name}): {', '.join(item.missing())} "
                "missing; amend the record before signing off"
            )
    conn.execute(
        "UPDATE record SET status = 'signed', checked_by = ?, signed_at = ? WHERE id = ? AND status = 'draft'",
        (checker, now, record.id),
    )
    chain.append(conn, "sign_off", record_id=record.id)


def amend(
    conn: sqlite3.Connection, record_id: int, changes: Mapping[str, Any], *, reason: str, now: str
) -> int:
    """A corrected version pointing to the one it corrects; the original stays as it was."""
    unknown = sorted(set(changes) - AMENDABLE)
    if unknown:
        raise InputError("changes", ", ".join(unknown), "cannot be changed", ", ".join(sorted(AMENDABLE)))
    record = load(conn, record_id)
    if record.superseded_by is not None:
        raise RecordError(
            f"record {record.id} was already corrected by version {record.superseded_by}; amend the latest version"
        )
    if record.signed and not (isinstance(reason, str) and reason.strip()):
        raise InputError("reason", None, "is required to correct a signed record", "wrong lot number entered")
    why = _text("reason", reason, required=False)
    if record.printed and changes.get("pdf") is None:
        # The kept PDF shows this version: a correction needs its own, or its reprint would lie.
        raise RecordError(
            f"record {record.id} keeps its printed PDF, so a corrected version needs its own printed PDF; "
            "nothing was saved"
        )
    corrected = dataclasses.replace(record.as_new(), **dict(changes))
    return insert(conn, corrected, now=now, supersedes=record.id, reason=why)


def history(conn: sqlite3.Connection, record_id: int) -> list[Record]:
    """Every version of the record, the first one first, the current one last."""
    record = load(conn, record_id)
    chain = [record]
    while chain[0].supersedes is not None:
        chain.insert(0, load(conn, chain[0].supersedes))
    while chain[-1].superseded_by is not None:
        chain.append(load(conn, chain[-1].superseded_by))
    return chain
