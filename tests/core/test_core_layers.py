"""The command line is a front end: nothing below it imports it, and the store never prints."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import ldn_desk

CORE = Path(ldn_desk.__file__).parent


def imported_modules(source: str, package: str) -> set[str]:
    """Every module the source imports, at the top or inside a function; relative imports are
    resolved against `package`, the package the module is in."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            module = ".".join(part for part in (base, node.module or "") if part)
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def _package(path: Path) -> str:
    dotted = ".".join(path.relative_to(CORE.parent).with_suffix("").parts)
    return dotted.removesuffix(".__init__") if path.name == "__init__.py" else dotted.rpartition(".")[0]


def offenders(folder: str, forbidden: tuple[str, ...]) -> list[str]:
    files = sorted((CORE / folder).rglob("*.py"))
    assert files, f"no modules found in ldn_desk/{folder}"
    return [
        f"{path.relative_to(CORE.parent)} imports {module}"
        for path in files
        for module in sorted(imported_modules(path.read_text(encoding="utf-8"), _package(path)))
        if any(module == name or module.startswith(f"{name}.") for name in forbidden)
    ]


@pytest.mark.parametrize("folder", ["store", "documents", "plans", "recipes"])
def test_nothing_below_the_front_ends_imports_the_command_line(folder: str) -> None:
    assert offenders(folder, ("ldn_desk.cli", "ldn_desk.desk")) == []


def test_the_store_keeps_bytes_and_never_prints() -> None:
    assert offenders("store", ("ldn_desk.documents", "reportlab")) == []


def test_the_scan_sees_imports_inside_functions_and_relative_ones() -> None:
    # The old store imported the command line inside a function: the scan must see that form.
    source = "def later():\n    from ldn_desk.cli.commands import record\n\nfrom ..cli import main\n"
    found = imported_modules(source, "ldn_desk.store")
    assert {"ldn_desk.cli.commands.record", "ldn_desk.cli.main"} <= found
