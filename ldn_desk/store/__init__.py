"""The compounding log and saved plans: an SQLite file that never loses a record."""

from __future__ import annotations

from ldn_desk.store.backup import restore, start_new_log, verify
from ldn_desk.store.errors import (
    BackupError,
    DamagedLogError,
    ExportError,
    ForeignFileError,
    LogBusyError,
    LogFileError,
    LogUnavailableError,
    NewerLogError,
    NoLogError,
    RecordError,
)
from ldn_desk.store.migrations import SCHEMA_VERSION
from ldn_desk.store.plans import SavedPlan
from ldn_desk.store.records import Ingredient, NewRecord, Record
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
    "LogFileError",
    "LogUnavailableError",
    "NewRecord",
    "NewerLogError",
    "NoLogError",
    "Record",
    "RecordError",
    "RecordSummary",
    "SavedPlan",
    "Store",
    "restore",
    "start_new_log",
    "verify",
]
