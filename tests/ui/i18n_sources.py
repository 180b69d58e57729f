"""The English words the app's code sends through Qt's translators, read from the source the way
Qt's lupdate reads it: the text given to translate() (context "LDN Desk") and to self.tr() (the
class's context), the labels and hints the shared form builders translate, and the column titles
(HEADERS) of the table models."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "ui"
CONTEXT = "LDN Desk"

# Builders in ui/widgets/forms.py and their callers that pass a text on to translate():
# name -> (positions of a text, positions of a list of (label, field) rows).
BUILDERS: dict[str, tuple[tuple[int, ...], tuple[int, ...]]] = {
    "line_edit": ((0,), ()),
    "_line": ((1,), ()),
    "form_group": ((0,), (1,)),
    "add_rows": ((), (1,)),
}


def _constants(tree: ast.Module) -> dict[str, list[str]]:
    """Module-level NAME = "text" or NAME = ("text", …)."""
    found: dict[str, list[str]] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            value = node.value
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                found[node.targets[0].id] = [value.value]
            elif (
                isinstance(value, ast.Tuple | ast.List)
                and value.elts
                and all(isinstance(e, ast.Constant) and isinstance(e.value, str) for e in value.elts)
            ):
                found[node.targets[0].id] = [e.value for e in value.elts]  # type: ignore[attr-defined]
    return found


def _parents(tree: ast.AST) -> dict[ast.AST, ast.AST]:
    return {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}


def _texts(node: ast.expr, constants: dict[str, list[str]], loops: dict[str, str]) -> list[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.Name):
        if node.id in loops:
            return constants.get(loops[node.id], [])
        values = constants.get(node.id, [])
        return values if len(values) == 1 else []
    return []


def _loops(call: ast.Call, parents: dict[ast.AST, ast.AST]) -> dict[str, str]:
    """Loop variables around the call (a for or a comprehension) that run over a module constant:
    {var: constant}."""
    out: dict[str, str] = {}
    node: ast.AST | None = call
    while node is not None:
        loops = node.generators if isinstance(node, ast.ListComp | ast.GeneratorExp | ast.SetComp) else []
        for loop in [*loops, *([node] if isinstance(node, ast.For) else [])]:
            if isinstance(loop.target, ast.Name) and isinstance(loop.iter, ast.Name):
                out.setdefault(loop.target.id, loop.iter.id)
        node = parents.get(node)
    return out


def _class_of(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> str | None:
    current: ast.AST | None = node
    while current is not None:
        if isinstance(current, ast.ClassDef):
            return current.name
        current = parents.get(current)
    return None


def source_strings() -> Iterator[tuple[str, str, str]]:
    """(context, English text, where) for every translated text the code names literally."""
    trees = {path: ast.parse(path.read_text(encoding="utf-8")) for path in sorted(UI.rglob("*.py"))}
    shared: dict[str, list[str]] = {}
    for tree in trees.values():
        shared.update(_constants(tree))  # e.g. CHECK_STATEMENT, imported from ui
    for path, tree in trees.items():
        constants = {**shared, **_constants(tree)}
        parents = _parents(tree)
        where = str(path.relative_to(UI.parent))
        for node in ast.walk(tree):  # a table model's HEADERS: header_text() translates each
            if isinstance(node, ast.ClassDef):
                for column in _constants(ast.Module(body=node.body, type_ignores=[])).get("HEADERS", []):
                    yield CONTEXT, column, f"{where}:{node.lineno}"
        for call in ast.walk(tree):
            if not isinstance(call, ast.Call):
                continue
            func = call.func
            name = (
                func.id
                if isinstance(func, ast.Name)
                else func.attr
                if isinstance(func, ast.Attribute)
                else ""
            )
            loops = _loops(call, parents)
            if name == "translate" and isinstance(func, ast.Name) and call.args:
                for text in _texts(call.args[0], constants, loops):
                    yield CONTEXT, text, f"{where}:{call.lineno}"
            elif name == "tr" and isinstance(func, ast.Attribute) and call.args:
                context = _class_of(call, parents)
                for text in _texts(call.args[0], constants, loops) if context else []:
                    yield context or "", text, f"{where}:{call.lineno}"
            elif name in BUILDERS:
                texts, row_lists = BUILDERS[name]
                for index in texts:
                    if index < len(call.args):
                        for text in _texts(call.args[index], constants, loops):
                            yield CONTEXT, text, f"{where}:{call.lineno}"
                for index in row_lists:
                    rows = call.args[index] if index < len(call.args) else None
                    for row in rows.elts if isinstance(rows, ast.List | ast.Tuple) else []:
                        if isinstance(row, ast.Tuple) and row.elts:
                            for text in _texts(row.elts[0], constants, loops):
                                yield CONTEXT, text, f"{where}:{call.lineno}"


__all__ = ["source_strings"]
