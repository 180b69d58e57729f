"""The compounding log and saved plans: an SQLite file that never loses a record, or for several
workstations a shared PostgreSQL database with the same format and rules (store/pg.py):
`Store.open("postgresql://user@host:5432/dbname")`.

    with Store.open_default() as store:             # or Store.open(path); $LDN_DESK_DATA_DIR moves it
        record_id = store.save_record(NewRecord(...))   # a draft, with its printed PDF; one transaction
        store.printed_pdf(record_id)                    # those bytes, checked against their SHA-256
        store.sign_off(record_id, "B. Checker")         # final from now on
        new_id = store.amend(record_id, {"bud": ...}, reason="BUD corrected")  # a new version
        store.history(new_id)                           # every version, first to current
        store.search(patient="smith", date_from=..., date_to=..., lot="NX-2291")
        plan = store.save_plan("Jane Smith", plan_json, patient_ref="1970-01-01")
        store.save_plan("Jane Smith", held_json, change="hold", plan_id=plan.plan_id)
        store.plans_for("Jane Smith")
        store.backup(path)                              # a verified one-file copy
        store.check()                                   # pages, rules, hash chain and content
        # A pharmacy team (log format 8): users, roles, signatures, the audit trail, formulas, lots.
        store.add_user("Ada Admin", "AA", "administrator", password)      # the first needs no `by`
        store.add_user("Bea Lund", "BL", "pharmacist", password, by=Credentials("Ada Admin", ...))
        store.save_record(new, by=technician, draws=[(lot_id, 2)])       # follows an approved MFR
        store.sign(record_id, "prepared" | "verified" | "released", Credentials(name, password))
        store.trail("record", record_id)                # who, when, old and new value, reason
        store.receive_lot(NewLot(...), by) / approve_lot / quarantine_lot / recall_lot
        store.approve_formula(mfr_id, version, content_sha256, by)
    restore(backup_file, log_path)                      # in one step; the old file kept under a dated name
    loss_if_restored(backup_file, log_path)             # what an older backup lacks; restore(accept_loss=...)
    start_new_log(log_path)                             # after a DamagedLogError; numbers carry on

Opening raises a LogFileError subclass (DamagedLogError, ForeignFileError, NewerLogError) when
the file cannot be used; its message says what is wrong, and the file is never changed. A Store
is used from the thread that opened it (sqlite3's rule); there is no way to delete anything.
Every save is bound into a hash chain (store/chain.py) that `check` verifies.
"""

from __future__ import annotations

from ldn_desk.store.backup import verify
from ldn_desk.store.errors import (
    BackupError,
    DamagedLogError,
    ExportError,
    ForeignFileError,
    LogBusyError,
    LogCheckError,
    LogFileError,
    LogUnavailableError,
    NewerLogError,
    NoLogError,
    RecordError,
    RestoreLossError,
    TamperedRecordError,
)
from ldn_desk.store.loss import Loss, LostRecord
from ldn_desk.store.migrations import SCHEMA_VERSION
from ldn_desk.store.pg import is_url as is_database_url
from ldn_desk.store.plans import SavedPlan
from ldn_desk.store.records import Ingredient, NewRecord, Record
from ldn_desk.store.replace import loss_if_restored, restore, start_new_log
from ldn_desk.store.search import RecordSummary
from ldn_desk.store.store import Store

__all__ = [
    "SCHEMA_VERSION",
    "BackupError",
    "DamagedLogError",
    "ExportError",
    "ForeignFileError",
    "Ingredient",
    "LogBusyError",
    "LogCheckError",
    "LogFileError",
    "LogUnavailableError",
    "Loss",
    "LostRecord",
    "NewRecord",
    "NewerLogError",
    "NoLogError",
    "Record",
    "RecordError",
    "RecordSummary",
    "RestoreLossError",
    "SavedPlan",
    "Store",
    "TamperedRecordError",
    "is_database_url",
    "loss_if_restored",
    "restore",
    "start_new_log",
    "verify",
]
