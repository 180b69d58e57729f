"""Where the log lives: --data-dir, then $LDN_DESK_DATA_DIR, then the platform's user data folder."""

from __future__ import annotations

from pathlib import Path

import platformdirs
import pytest

from ldn_desk.paths import ENV_VAR, backup_dir, data_dir, log_path


def test_the_option_wins_over_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "from-env"))
    assert data_dir(tmp_path / "chosen") == tmp_path / "chosen"
    assert data_dir() == tmp_path / "from-env"
    assert log_path() == tmp_path / "from-env" / "log.sqlite3"
    assert backup_dir() == tmp_path / "from-env" / "backups"


def test_without_either_the_platform_folder_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_VAR, raising=False)
    expected = platformdirs.user_data_path("ldn-desk", appauthor=False)
    assert data_dir() == expected
    monkeypatch.setenv(ENV_VAR, "   ")  # an empty setting is no setting
    assert data_dir(None) == expected == data_dir("")


def test_a_home_folder_shorthand_is_expanded(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("USERPROFILE", str(tmp_path))
    assert data_dir("~/ldn") == tmp_path / "ldn"
