"""Shared test set-up: no display, no network, and no test touches the real user's files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Any socket use (connect, name lookup) during the suite fails the test that made it.
pytest_plugins = ["no_network"]


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the compounding log and any saved data at a folder of the test's own."""
    data_dir = tmp_path / "ldn-desk-data"
    monkeypatch.setenv("LDN_DESK_DATA_DIR", str(data_dir))
    return data_dir
