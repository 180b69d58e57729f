"""The facade's compounding log: what a front end opens, searches, signs, backs up and restores.

The app and the command line reach the log through this module (and `desk.records` for saving and
reprinting records), never through `ldn_desk.store` itself, so the store can change behind it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ldn_desk.errors import InputError
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
from ldn_desk.store.store import default_database, use_database
from ldn_desk.store.trail import TrailEntry
from ldn_desk.store.users import PERMISSIONS, Credentials, Permission, Role, User

__all__ = [
    "KEYRING_SERVICE",
    "NO_KEYRING",
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
    "SharedDatabase",
    "SignInError",
    "Signature",
    "Store",
    "TrailEntry",
    "User",
    "default_database",
    "file_stamp",
    "keep_password",
    "kept_password",
    "log_exists",
    "log_location",
    "log_url_or_path",
    "loss_if_restored",
    "restore",
    "shared_database",
    "start_new_log",
    "use_database",
    "use_shared_database",
    "verify",
]


# -- where the log is: this computer, or a shared database -----------------------------------------

KEYRING_SERVICE = "LDN Desk shared log"


@dataclass(frozen=True)
class SharedDatabase:
    """The connection settings of a shared log (PostgreSQL), without the password."""

    host: str
    port: int = 5432
    database: str = "ldn_desk"
    user: str = ""

    def url(self, password: str | None = None) -> str:
        """postgresql://user[:password]@host:port/database, each part quoted as a URL needs."""
        secret = f":{quote(password, safe='')}" if password else ""
        host = f"[{self.host}]" if ":" in self.host else quote(self.host, safe="")
        return f"postgresql://{quote(self.user, safe='')}{secret}@{host}:{self.port}/{quote(self.database, safe='')}"

    @property
    def account(self) -> str:
        """The keyring's name for this database's password: user@host:port/database."""
        return f"{self.user}@{self.host}:{self.port}/{self.database}"


def shared_database(host: str, port: str | int, database: str, user: str) -> SharedDatabase:
    """The settings as typed, checked: each refusal names the field, what is wrong and an example."""
    from ldn_desk.units.characters import check_identifier

    host, database, user = host.strip(), database.strip(), user.strip()
    for field, value, example in (("host", host, "pharmacy-server"), ("database", database, "ldn_desk"),
                                  ("user", user, "pharmacy")):  # fmt: skip
        if not value:
            raise InputError(field, None, "is needed for a shared database", example)
        check_identifier(value, field, private=False)
        if any(char.isspace() for char in value) or ("/" in value and field != "host"):
            raise InputError(field, value, "must not hold spaces or slashes", example)
    text = str(port).strip()
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise InputError("port", text or None, "must be a whole number from 1 to 65535", "5432")
    return SharedDatabase(host=host, port=int(text), database=database, user=user)


def use_shared_database(database: SharedDatabase | None, password: str | None = None) -> None:
    """Open the shared log from now on (None: the log on this computer). The password stays in memory."""
    use_database(None if database is None else database.url(password))


def log_location() -> Path | str:
    """Where the log is: the chosen shared database's URL (without the password), or its file."""
    from ldn_desk.paths import log_path
    from ldn_desk.store.pg import shown

    url = default_database()
    return log_path() if url is None else shown(url)


def log_url_or_path() -> Path | str:
    """What Store.open needs for the log in use: the shared database's full URL, or the file."""
    from ldn_desk.paths import log_path

    return default_database() or log_path()


def log_exists() -> bool:
    """False only for a log file not made yet; a shared database is asked when the log is opened."""
    location = log_url_or_path()
    return isinstance(location, str) or location.exists()


def _keyring() -> Any:
    import keyring  # Windows Credential Locker, macOS Keychain, the Secret Service on Linux

    return keyring


NO_KEYRING = (
    "This computer has no system keyring LDN Desk can use, so the password is not kept: it is asked for "
    "each time the program starts (it is never written to the settings)"
)


def keep_password(database: SharedDatabase, password: str) -> str | None:
    """Keep the password in the operating system's keyring; None when kept, else why it was not."""
    try:
        _keyring().set_password(KEYRING_SERVICE, database.account, password)
    except Exception:  # no backend, a locked or refused keyring: say so, keep nothing elsewhere
        return NO_KEYRING
    return None


def kept_password(database: SharedDatabase) -> str | None:
    """The password kept in the keyring for this database, or None (none kept, or no keyring)."""
    try:
        found = _keyring().get_password(KEYRING_SERVICE, database.account)
    except Exception:
        return None
    return None if found is None else str(found)
