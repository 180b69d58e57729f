"""Errors of the compounding log: each says what is wrong and what the person can do, never who."""

from __future__ import annotations

from pathlib import Path

from ldn_desk.errors import EnvironmentFault, LdnDeskError
from ldn_desk.store.loss import Loss

OPTIONS = (
    "The file was left exactly as it is. You can start a new log (the old file is kept, moved aside) "
    "or restore a backup."
)


class LogFileError(LdnDeskError):
    """The log file cannot be used as it is; the file has not been changed."""

    def __init__(self, path: Path | str, problem: str, *, options: str = OPTIONS) -> None:
        # A shared log is named by its database URL (without the password), a single-PC log by its file.
        self.path: Path | str = path if isinstance(path, str) and "://" in path else Path(path)
        self.problem = problem
        self.options = options
        super().__init__(f"The compounding log {self.path} {problem}. {options}".rstrip())


class DamagedLogError(LogFileError):
    """The file is not a readable SQLite database, or its pages are damaged."""


class ForeignFileError(LogFileError):
    """A readable SQLite database that another program wrote, not an LDN Desk log."""


class NewerLogError(LogFileError):
    """A log written by a newer LDN Desk: refused, never migrated down."""


class LogBusyError(EnvironmentFault):
    """Another LDN Desk is writing to the log right now."""


class RecordError(LdnDeskError):
    """A request the log refuses: an unknown id, a change to a signed record, and the like."""


class TamperedRecordError(RecordError):
    """A record whose kept PDF no longer matches the fingerprint saved with it."""


class BackupError(LdnDeskError):
    """A backup that could not be written, or a file that is not a sound backup to restore."""


class RestoreLossError(BackupError):
    """A restore that would drop records the active log holds and the backup lacks: it needs the
    person's confirmation of exactly that loss (`loss`), and is refused until then."""

    def __init__(self, message: str, loss: Loss) -> None:
        self.loss = loss
        super().__init__(message)


class ExportError(LdnDeskError):
    """An export that would replace an existing file, or could not be written."""


class LogUnavailableError(EnvironmentFault):
    """The log could not be used just now (disk full, no permission, replaced while open); nothing changed."""


class NoLogError(LdnDeskError):
    """There is no log at the path yet: it is created when the program first opens it to save."""


class LogCheckError(LogFileError, EnvironmentFault):
    """The log's full check found a rule, a record or its chain entry that does not match.

    `record_id` is the first record, in the order it was saved, that does not match (None when the
    problem is the log's rules as a whole)."""

    def __init__(self, path: Path | str, problem: str, *, record_id: int | None = None, options: str = "",
                 findings: tuple[str, ...] = ()) -> None:  # fmt: skip
        self.record_id = record_id
        self.findings = findings  # every problem found, in order; the message shows the first few
        super().__init__(path, problem, options=options or CHECK_OPTIONS)


CHECK_OPTIONS = (
    "Nothing was changed. The log can still be read, but it was changed outside LDN Desk: keep this file for "
    "whoever looks into it, and compare it with a backup (restore one to continue from a known state)."
)


class SignInError(RecordError):
    """A name and password that do not sign in: unknown user, wrong password, disabled, locked out."""


class AccessError(RecordError):
    """What the user's role may not do, or a signature the rules refuse (the same person preparing
    and verifying): refused by the core whatever the front end shows."""
