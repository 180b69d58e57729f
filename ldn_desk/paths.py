"""Where LDN Desk keeps the user's data: the platform's data folder, or one the user chooses."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "ldn-desk"
ENV_VAR = "LDN_DESK_DATA_DIR"
LOG_FILE_NAME = "log.sqlite3"
BACKUP_FOLDER = "backups"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The data folder: `override` (e.g. --data-dir), else $LDN_DESK_DATA_DIR, else the platform's."""
    if override is not None and str(override).strip():
        return Path(override).expanduser()
    from_env = os.environ.get(ENV_VAR, "").strip()
    if from_env:
        return Path(from_env).expanduser()
    import platformdirs  # only here: the common case with an override never pays for it

    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def ensure_private_dir(folder: Path) -> Path:
    """Create the folder (and parents) if needed; a folder we create is readable by its owner only."""
    if not folder.is_dir():
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def log_path(override: str | os.PathLike[str] | None = None) -> Path:
    """The compounding log file inside the data folder."""
    return data_dir(override) / LOG_FILE_NAME


def backup_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The default folder for one-file backups of the log."""
    return data_dir(override) / BACKUP_FOLDER
