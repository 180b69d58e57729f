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
    Loss,
    NewerLogError,
    NewRecord,
    NoLogError,
    Record,
    RecordError,
    RecordSummary,
    RestoreLossError,
    SavedPlan,
    Store,
    loss_if_restored,
    restore,
    start_new_log,
    verify,
)
from ldn_desk.store.db import stamp as file_stamp
from ldn_desk.store.errors import AccessError, SignInError
from ldn_desk.store.signatures import Meaning, Signature
from ldn_desk.store.trail import TrailEntry
from ldn_desk.store.users import PERMISSIONS, Credentials, Permission, Role, User

__all__ = [
    "PERMISSIONS",
    "SCHEMA_VERSION",
    "AccessError",
    "BackupError",
    "Credentials",
    "DamagedLogError",
    "ExportError",
    "ForeignFileError",
    "Ingredient",
    "LogBusyError",
    "LogCheckError",
    "LogFileError",
    "LogUnavailableError",
    "Loss",
    "Meaning",
    "NewRecord",
    "NewerLogError",
    "NoLogError",
    "Permission",
    "Record",
    "RecordError",
    "RecordSummary",
    "RestoreLossError",
    "Role",
    "SavedPlan",
    "SignInError",
    "Signature",
    "Store",
    "TrailEntry",
    "User",
    "file_stamp",
    "loss_if_restored",
    "restore",
    "start_new_log",
    "verify",
]
