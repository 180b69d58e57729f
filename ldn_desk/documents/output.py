"""Writing a finished document (PDF, calendar file) where the person asked: atomically, owner-only,
never through a link (see ldn_desk.private_file); a failure names the output and leaves the old
file as it was."""

from __future__ import annotations

import os
from pathlib import Path

from ldn_desk.errors import InputError
from ldn_desk.private_file import UnsafeTargetError, write_private


def write_document(data: bytes, path: str | os.PathLike[str], suffix: str, example: str) -> Path:
    """Write `data` to `path`, whose name must end in `suffix` (".pdf", ".ics")."""
    target = Path(path).expanduser()
    if target.suffix.lower() != suffix:
        raise InputError("output", str(path), f"must be a file name ending in {suffix}", example)
    try:
        write_private(target, data)
    except UnsafeTargetError:
        raise InputError(
            "output", str(path), "is a symbolic link or not a plain file; save to a real file", example
        ) from None
    except OSError as error:
        raise InputError(
            "output", str(path), f"cannot be written ({error.strerror or error})", example
        ) from None
    return target
