"""A single-PC log is never kept on a network folder: SQLite's locking is unreliable over SMB and NFS.

Detected: on Linux, the mount holding the log's folder (from /proc/self/mountinfo) being SMB/CIFS,
NFS, AFP, 9p/virtiofs shares, SSHFS or another FUSE network file system; on Windows, a mapped
network drive or a UNC path (\\\\server\\share) by GetDriveTypeW. Not detected: macOS mounts (no
mountinfo), a network share behind a local FUSE layer that reports a local type, and a folder
synchronised by a cloud client (it looks local, yet two PCs write copies of the one file).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ldn_desk.store.errors import LogUnavailableError

NETWORK_TYPES = frozenset({
    "cifs", "smb3", "smbfs", "nfs", "nfs4", "afs", "afpfs", "9p", "ncpfs", "coda", "glusterfs", "ceph",
    "fuse.sshfs", "fuse.smbnetfs", "fuse.gvfsd-fuse", "fuse.rclone", "fuse.s3fs", "davfs", "fuse.davfs2",
})  # fmt: skip
MOUNTINFO = Path("/proc/self/mountinfo")
_DRIVE_REMOTE = 4  # GetDriveTypeW's DRIVE_REMOTE


def _unescape(field: str) -> str:
    # mountinfo writes a space as \040, a tab as \011, a newline as \012, a backslash as \134
    for code, char in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        field = field.replace(code, char)
    return field


def mount_type(path: Path, mountinfo: str | None = None) -> str | None:
    """The file system type of the mount holding `path` on Linux (None when it cannot be read)."""
    if mountinfo is None:
        try:
            mountinfo = MOUNTINFO.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None
    target = _existing(path)
    best, kind = -1, None
    for line in mountinfo.splitlines():
        fields = line.split(" ")
        if "-" not in fields:
            continue
        point = _unescape(fields[4])
        fs_type = fields[fields.index("-") + 1]
        if _within(target, point) and len(point) > best:
            best, kind = len(point), fs_type
    return kind


def _existing(path: Path) -> str:
    """The absolute path, its existing part with links followed (a link may lead onto a share)."""
    path = Path(os.path.abspath(path))
    rest: list[str] = []
    while not path.exists() and path.parent != path:
        rest.insert(0, path.name)
        path = path.parent
    return str(path.resolve().joinpath(*rest))


def _within(path: str, point: str) -> bool:
    return point == "/" or path == point or path.startswith(point.rstrip("/") + "/")


def _windows_remote(path: Path) -> bool:
    import ctypes

    text = os.path.abspath(path)
    if text.startswith("\\\\"):
        return True
    root = os.path.splitdrive(text)[0] + "\\"
    kernel = getattr(ctypes, "windll").kernel32  # noqa: B009 (absent from ctypes off Windows)
    return bool(kernel.GetDriveTypeW(ctypes.c_wchar_p(root)) == _DRIVE_REMOTE)


def network_kind(path: Path) -> str | None:
    """A name for the network file system holding `path`, or None when it is local or unknown."""
    if sys.platform == "win32":
        return "a network drive" if _windows_remote(path) else None
    kind = mount_type(path)
    if kind is not None and (kind in NETWORK_TYPES or kind.split(".")[0] in {"nfs", "cifs", "smb3"}):
        return kind
    return None


def refuse_network_log(path: Path) -> None:
    """Refuse a single-PC log on a network folder, pointing to the shared database."""
    kind = network_kind(path)
    if kind is None:
        return
    raise LogUnavailableError(
        f"the log {path} is on a network folder ({kind}): a single-PC log there can lose records, because "
        "file locking over the network is unreliable. Several workstations share one log through a shared "
        "database instead (Settings → Log → Shared database, or --database postgresql://user@host/dbname); "
        "nothing was changed"
    )
