"""The core stands alone: no Qt, and a normal install finds its data from any folder."""

from __future__ import annotations

import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import ldn_desk

ROOT = Path(__file__).resolve().parents[2]

_BLOCK_QT = """
import importlib, pkgutil, sys
class _NoQt:
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in {'PySide6', 'shiboken6', 'ui'}:
            raise ImportError('blocked: ' + name)
        return None
sys.meta_path.insert(0, _NoQt())
import ldn_desk
names = [m.name for m in pkgutil.walk_packages(ldn_desk.__path__, 'ldn_desk.') if m.name != 'ldn_desk.__main__']
for name in names:
    importlib.import_module(name)
print(len(names))
"""


def test_every_core_module_imports_with_qt_blocked() -> None:
    result = subprocess.run(
        [sys.executable, "-c", _BLOCK_QT], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert result.returncode == 0, result.stderr
    expected = len(list(pkgutil.walk_packages(ldn_desk.__path__, "ldn_desk."))) - 1  # not __main__
    assert int(result.stdout.strip()) == expected > 5


@pytest.mark.slow
def test_a_normal_install_finds_its_resources_from_another_folder(tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
         "--target", str(target), str(ROOT)],
        check=True, capture_output=True, cwd=tmp_path,
    )  # fmt: skip
    probe = (
        "import pkgutil, ldn_desk, ldn_desk.reference.files as r, ldn_desk.reference.capsules as c; "
        "print(r.resource_dir()); "
        "print(sorted(c.capsule_table().sizes)); "
        "print(len(list(pkgutil.walk_packages(ldn_desk.__path__, 'ldn_desk.'))))"
    )
    env = dict(os.environ, PYTHONPATH=str(target))
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=tmp_path, env=env, check=True
    )
    folder, sizes, modules = result.stdout.splitlines()
    assert Path(folder).is_relative_to(target)
    assert sizes == str(sorted(["000", "00", "0", "1", "2", "3", "4", "5"]))
    # every module of the source tree is installed (a subpackage left out of pyproject would not be)
    assert int(modules) == len(list(pkgutil.walk_packages(ldn_desk.__path__, "ldn_desk.")))
    fonts = list((target / "ldn_desk" / "resources" / "fonts").glob("*.ttf"))
    assert fonts, "the bundled fonts are installed"
