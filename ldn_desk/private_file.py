"""Writing a document the program makes: all at once, readable by its owner only, never through a symlink.

Every PDF and CSV the program writes holds patient data and goes through `write_private`: the bytes
go to a temporary file beside the target (same folder, so the same file system), are flushed to
disk, and the file is then renamed over the target in one step. A reader sees the old file or the
new one, never half of one; a failed write leaves the old file as it was. The file is created with
mode 0600 (owner read and write). A target that is a symbolic link is refused rather than
followed: a link planted where a document is saved must not redirect patient data elsewhere.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from ldn_desk.errors import LdnDeskError


class UnsafeTargetError(LdnDeskError, OSError):
    """The target is a symbolic link or not a plain file: the program will not write through it."""


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable where the platform allows it (POSIX; not Windows)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _place_new(temporary: Path, target: Path) -> None:
    """Give the written file the target's name only if no file has it (FileExistsError otherwise)."""
    try:
        os.link(temporary, target)  # atomic, and fails if the target exists
    except FileExistsError:
        raise
    except OSError:
        # A file system without hard links (FAT on a memory stick, some network shares): claim the
        # name exclusively, then rename the written file over the empty one just claimed.
        os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0), 0o600))
        os.replace(temporary, target)
        return
    os.unlink(temporary)


def _check_target(target: Path) -> None:
    if target.is_symlink():
        raise UnsafeTargetError(f"{target} is a symbolic link; save to a real file, not through a link")
    if target.exists() and not target.is_file():
        raise UnsafeTargetError(f"{target} is not a plain file")


def write_private(path: str | os.PathLike[str], data: bytes, *, replace: bool = True) -> Path:
    """Write `data` to `path` atomically with mode 0600. With `replace=False` an existing file is
    never replaced (FileExistsError). Raises UnsafeTargetError for a link, OSError for the rest."""
    target = Path(path)
    _check_target(target)
    folder = target.parent if str(target.parent) else Path(".")
    fd, temporary = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o600)  # mkstemp already does; said here because it is the point
        _check_target(target)  # again, just before the rename: nothing was planted meanwhile
        if replace:
            os.replace(temporary, target)  # a rename replaces a link itself, never its target
        else:
            _place_new(Path(temporary), target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    _sync_folder(folder)
    return target


__all__ = ["UnsafeTargetError", "write_private"]
