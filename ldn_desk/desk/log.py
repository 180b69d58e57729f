"""The facade's compounding log: what a front end opens, searches, signs, backs up and restores.

The app and the command line reach the log through this module (and `desk.records` for saving and
reprinting records), never through `ldn_desk.store` itself, so the store can change behind it.
"""

from __future__ import annotations

from ldn_desk.store import (
    SCHEMA_VERSION,
    BackupError,
    DamagedLogError,
    ExportError,
    ForeignFileError,
    Ingredient,
    LogBusyError,
    LogCheckError,
    LogFileError,
    LogUnavailableError,
    NewerLogError,
    NewRecord,
    NoLogError,
    Record,
    RecordError,
    RecordSummary,
    SavedPlan,
    Store,
    restore,
    start_new_log,
    verify,
)
from ldn_desk.store.db import stamp as file_stamp

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
    "NewRecord",
    "NewerLogError",
    "NoLogError",
    "Record",
    "RecordError",
    "RecordSummary",
    "SavedPlan",
    "Store",
    "file_stamp",
    "restore",
    "start_new_log",
    "verify",
]
