"""`dev.py run` says what it is doing while it sets up: each step, and pip's own progress."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]


def load_dev() -> Any:
    spec = importlib.util.spec_from_file_location("dev_script", ROOT / "dev.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_first_run_prints_each_step_and_lets_pip_show_progress(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    dev = load_dev()
    venv_dir = tmp_path / ".venv"
    monkeypatch.setattr(dev, "VENV", venv_dir)
    monkeypatch.setattr(dev, "PYTHON", venv_dir / "bin" / "python")

    def create(path: Path, with_pip: bool) -> None:
        (Path(path) / "bin").mkdir(parents=True)
        (Path(path) / "bin" / "python").write_text("")

    monkeypatch.setattr(dev.venv, "create", create)
    ran: list[list[str]] = []
    monkeypatch.setattr(dev, "_run", lambda *command, env=None: ran.append([str(c) for c in command]))
    dev.run_app([])
    said = capsys.readouterr().out.splitlines()
    assert said[0].startswith("dev.py: creating the virtual environment")
    assert said[1].startswith("dev.py: installing LDN Desk and what it needs")
    assert said[2:] == ["dev.py: installed", "dev.py: starting LDN Desk …"]
    install, start = ran
    assert "--quiet" not in install and "-q" not in install  # pip's download progress is shown
    assert install[-2:] == ["-e", "."] and start[-2:] == ["-m", "ldn_desk"]
    # A second run finds it set up and says so.
    dev.run_app([])
    assert capsys.readouterr().out.splitlines() == ["dev.py: already set up", "dev.py: starting LDN Desk …"]
