"""Every message the core can show a person, read from the core's source: the text of each error
it raises on purpose (an `InputError`'s problem, a `RecordError`'s message…) and of each `Alert`,
as a template with "{}" where the program puts a value.

An f-string's values become "{}"; a value chosen between two fixed words inside it
(`{'s' if n != 1 else ''}`) gives one template for each word; a conditional message gives one for
each branch. A message built elsewhere (a variable) is not read here: its parts are.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import product
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "ldn_desk"

# Errors whose first argument is the message a person reads.
MESSAGE_FIRST = frozenset(
    {
        "LdnDeskError",
        "EnvironmentFault",
        "RecipeError",
        "RecordError",
        "TamperedRecordError",
        "SignInError",
        "AccessError",
        "LogFileError",
        "DamagedLogError",
        "ForeignFileError",
        "NewerLogError",
        "LogBusyError",
        "LogCheckError",
        "BackupError",
        "RestoreLossError",
        "ExportError",
        "LogUnavailableError",
        "NoLogError",
        "UnsafeTargetError",
        "_refused",
    }
)
# Refusals at a field: (field, typed, problem, example); the problem is the message.
PROBLEM_THIRD = frozenset({"InputError", "DoseRangeError", "_refuse"})
PLACEHOLDER = re.compile(r"\{[a-z_]*\}")


@dataclass(frozen=True)
class Source:
    template: str  # "{}" where a value goes
    where: str  # path:line


def _name(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _texts(node: ast.expr) -> list[str] | None:
    """The templates an expression can write, or None when it is not written out here."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr):
        choices: list[list[str]] = []
        for part in node.values:
            if isinstance(part, ast.Constant) and isinstance(part.value, str):
                choices.append([part.value])
            elif isinstance(part, ast.FormattedValue):
                inner = part.value
                if (
                    isinstance(inner, ast.IfExp)
                    and isinstance(inner.body, ast.Constant)
                    and isinstance(inner.orelse, ast.Constant)
                    and isinstance(inner.body.value, str)
                    and isinstance(inner.orelse.value, str)
                ):
                    choices.append([inner.body.value, inner.orelse.value])
                else:
                    choices.append(["{}"])
        return ["".join(parts) for parts in product(*choices)]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _texts(node.left), _texts(node.right)
        if left is None or right is None:
            return None
        return [a + b for a, b in product(left, right)]
    if isinstance(node, ast.IfExp):
        body, orelse = _texts(node.body), _texts(node.orelse)
        return None if body is None or orelse is None else body + orelse
    return None


def _argument(call: ast.Call, index: int, keyword: str) -> ast.expr | None:
    if len(call.args) > index and not any(isinstance(a, ast.Starred) for a in call.args[: index + 1]):
        return call.args[index]
    for given in call.keywords:
        if given.arg == keyword:
            return given.value
    return None


def _message(call: ast.Call, path: Path) -> ast.expr | None:
    name = _name(call)
    if path.name == "pg_schema.py":  # a trigger's refusal: _refuse(name, when, table, message)
        return _argument(call, 3, "message") if name == "_refuse" else None
    if name in MESSAGE_FIRST:
        return _argument(call, 0, "message") or _argument(call, 0, "problem")
    if name in PROBLEM_THIRD:
        return _argument(call, 2, "problem")
    if name == "Alert":
        return _argument(call, 1, "text")
    return None


def core_messages() -> Iterator[Source]:
    for path in sorted(CORE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            message = _message(node, path)
            if message is None:
                continue
            for template in _texts(message) or []:
                if PLACEHOLDER.sub("", template).strip():
                    yield Source(template, f"{path.relative_to(CORE.parent)}:{node.lineno}")


def shape(template: str) -> str:
    """A template with every placeholder "{}", so the source's and the catalog's compare."""
    return PLACEHOLDER.sub("{}", template)
