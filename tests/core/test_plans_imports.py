"""The plans package has no import cycle: every module imports alone, and its import graph (every
import, also inside functions and TYPE_CHECKING blocks) runs one way, the types at the bottom."""

from __future__ import annotations

import ast
import json
import pkgutil
import subprocess
import sys
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import pytest

import ldn_desk.plans

PACKAGE = "ldn_desk.plans"
FOLDER = Path(ldn_desk.plans.__file__).parent
MODULES = sorted(f"{PACKAGE}.{info.name}" for info in pkgutil.iter_modules([str(FOLDER)]))


def _imports(module: str) -> set[str]:
    """The modules of this package that `module` imports anywhere in its source."""
    tree = ast.parse((FOLDER / f"{module.rsplit('.', 1)[1]}.py").read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        found.update(name for name in names if name in MODULES)
    found.discard(module)
    return found


def test_the_plans_import_graph_has_no_cycle() -> None:
    graph = {module: _imports(module) for module in MODULES}
    try:
        order = list(TopologicalSorter(graph).static_order())
    except CycleError as cycle:
        pytest.fail(f"import cycle in {PACKAGE}: {' -> '.join(cycle.args[1])}")
    assert set(order) == set(MODULES)


def test_the_plan_types_depend_on_no_builder_edit_or_store() -> None:
    # model.py holds Plan, Step and PlanEdit; it may use the protocol library's own types only.
    assert _imports(f"{PACKAGE}.model") <= {f"{PACKAGE}.protocols"}
    for user in ("steps", "edits", "titration", "jsondata"):
        assert f"{PACKAGE}.model" in _imports(f"{PACKAGE}.{user}"), user


def test_every_module_imports_alone() -> None:
    # In a fresh interpreter, each module is the first of the core to load (a cycle fails there).
    probe = (
        "import importlib, sys\n"
        f"for module in {MODULES!r}:\n"
        "    for name in [n for n in sys.modules if n == 'ldn_desk' or n.startswith('ldn_desk.')]:\n"
        "        del sys.modules[name]\n"
        "    importlib.import_module(module)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def test_the_plan_engine_loads_no_babel_date_formats_until_a_translated_date_is_written() -> None:
    # Babel's dates module reads the computer's time zone when imported (some 20 ms of the first
    # window); an English plan writes its dates without it, a Spanish date loads it then.
    probe = (
        "import datetime as dt, json, sys\n"
        "import ldn_desk.plans.pipeline\n"
        "from ldn_desk.units.dates import long_date, short_date\n"
        "from ldn_desk.units.language import speaking\n"
        "day = dt.date(2026, 12, 1)\n"
        "english = [long_date(day), short_date(day), 'babel.dates' in sys.modules]\n"
        "with speaking('es'):\n"
        "    spanish = [long_date(day), 'babel.dates' in sys.modules]\n"
        "print(json.dumps(english + spanish))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == ["1 December 2026", "1 Dec", False, "1 de diciembre de 2026", True]
