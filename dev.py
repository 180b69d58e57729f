"""Set up LDN Desk in a local virtual environment, then start it or test it.

python3 dev.py run     set up (first time) and start the app
python3 dev.py test    set up (first time) and run every check: ruff, mypy, import contract, pytest
python3 dev.py package set up (first time) and build the standalone program for this system (PyInstaller)
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")


def _run(*command: str | Path, env: dict[str, str] | None = None) -> None:
    print("+", " ".join(str(part) for part in command), flush=True)
    completed = subprocess.run([str(part) for part in command], cwd=ROOT, env=env)
    if completed.returncode != 0:
        sys.exit(completed.returncode)


def _step(text: str) -> None:
    print(f"dev.py: {text}", flush=True)


def _setup(extra: str) -> None:
    """Create the environment and install into it, saying what is happening at each step (the
    first install downloads PySide6, a few hundred MB: pip shows its progress)."""
    if not PYTHON.exists():
        _step(f"creating the virtual environment in {VENV} …")
        venv.create(VENV, with_pip=True)
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extra.encode()).hexdigest()
    stamp = VENV / f".installed-{extra or 'app'}"
    if stamp.exists() and stamp.read_text() == wanted:
        _step("already set up")
        return
    target = f".[{extra}]" if extra else "."
    _step(
        f"installing LDN Desk{f' with its {extra} tools' if extra else ''} and what it needs (the first time takes minutes) …"
    )
    _run(PYTHON, "-m", "pip", "install", "--disable-pip-version-check", "--progress-bar", "on", "-e", target)
    stamp.write_text(wanted)
    _step("installed")


def run_app(arguments: list[str]) -> None:
    _setup("")
    _step("starting LDN Desk …")
    _run(PYTHON, "-m", "ldn_desk", *arguments)


def run_tests(arguments: list[str]) -> None:
    _setup("test")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    _run(PYTHON, "-m", "ruff", "check", ".")
    _run(PYTHON, "-m", "ruff", "format", "--check", ".")
    _run(PYTHON, "-m", "mypy")
    _run(BIN / "lint-imports", env=env)
    _run(PYTHON, "-m", "pytest", *arguments, env=env)


def package_app(arguments: list[str]) -> None:
    """The standalone build (packaging/build.py); its last line is the built program's path."""
    _setup("package")
    _run(PYTHON, ROOT / "packaging" / "build.py", *arguments)


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in {"run", "test", "package"}:
        print(__doc__)
        sys.exit(2)
    action, rest = sys.argv[1], sys.argv[2:]
    if action == "run":
        run_app(rest)
    elif action == "package":
        package_app(rest)
    else:
        run_tests(rest)


if __name__ == "__main__":
    main()
