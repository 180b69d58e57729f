"""Documents are written whole or not at all, owner-readable only, never through a symbolic link."""

from __future__ import annotations

import ast
import os
import stat
from pathlib import Path

import pytest

from ldn_desk.documents.pdfbase import write_pdf
from ldn_desk.errors import InputError
from ldn_desk.private_file import UnsafeTargetError, write_private

ROOT = Path(__file__).resolve().parents[2]
posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes and links as on POSIX")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@posix_only
def test_a_new_file_and_a_replaced_one_are_owner_only(tmp_path: Path) -> None:
    target = tmp_path / "record.pdf"
    write_private(target, b"%PDF-new")
    assert target.read_bytes() == b"%PDF-new" and mode(target) == 0o600
    target.chmod(0o644)  # an old file others could read is replaced by a private one
    write_private(target, b"%PDF-again")
    assert target.read_bytes() == b"%PDF-again" and mode(target) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["record.pdf"]  # no temporary file left


@posix_only
def test_a_symbolic_link_is_never_written_through(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_bytes(b"someone else's file")
    link = tmp_path / "handout.pdf"
    link.symlink_to(elsewhere)
    with pytest.raises(UnsafeTargetError, match="symbolic link"):
        write_private(link, b"%PDF-patient data")
    assert elsewhere.read_bytes() == b"someone else's file"
    with pytest.raises(InputError, match=r"^output: .* symbolic link"):
        write_pdf(b"%PDF-patient data", link)
    assert elsewhere.read_bytes() == b"someone else's file"


def test_a_failed_write_leaves_the_old_file_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "labels.pdf"
    target.write_bytes(b"%PDF-old")

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OSError, match="No space left"):
        write_private(target, b"%PDF-new")
    assert target.read_bytes() == b"%PDF-old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["labels.pdf"]
    with pytest.raises(InputError, match=r"^output: .* cannot be written \(No space left on device\)"):
        write_pdf(b"%PDF-new", target)
    assert target.read_bytes() == b"%PDF-old"


def test_without_replace_an_existing_file_is_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "log.csv"
    write_private(target, b"a,b\n", replace=False)
    with pytest.raises(FileExistsError):
        write_private(target, b"c,d\n", replace=False)
    assert target.read_bytes() == b"a,b\n"
    # A file system without hard links (FAT on a memory stick) gets the same behaviour.

    def no_links(source: object, destination: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    other = tmp_path / "other.csv"
    write_private(other, b"e,f\n", replace=False)
    assert other.read_bytes() == b"e,f\n"
    with pytest.raises(FileExistsError):
        write_private(other, b"g,h\n", replace=False)
    assert other.read_bytes() == b"e,f\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["log.csv", "other.csv"]


_WRITERS = {"write_bytes", "write_text"}


def _writes_a_file(node: ast.AST) -> bool:
    """A call that creates or writes a file by hand: Path.write_*, open(..., "w"/"x"/"a"), os.open."""
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    if isinstance(func, ast.Attribute) and func.attr in _WRITERS:
        return True
    if isinstance(func, ast.Attribute) and func.attr == "open" and getattr(func.value, "id", "") == "os":
        return any("O_CREAT" in ast.dump(arg) for arg in node.args)
    if isinstance(func, ast.Name) and func.id == "open" and len(node.args) > 1:
        second = node.args[1]
        return isinstance(second, ast.Constant) and any(c in str(second.value) for c in "wxa")
    return False


def test_every_document_file_goes_through_the_one_writer() -> None:
    # The log database (store/db.py) is SQLite's own file, not a document; the writer itself is exempt.
    exempt = {ROOT / "ldn_desk" / "private_file.py", ROOT / "ldn_desk" / "store" / "db.py"}
    offenders = []
    for folder in ("ldn_desk", "ui"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            if path in exempt:
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            offenders += [f"{path.relative_to(ROOT)}:{n.lineno}" for n in ast.walk(tree) if _writes_a_file(n)]
    assert offenders == []
