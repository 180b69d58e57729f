"""Shared test set-up: no display, no network, and no test touches the real user's files."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# The suite's property tests draw the same examples on every machine, so a run is reproducible
# and CI cannot fail by chance; HYPOTHESIS_PROFILE=explore draws fresh ones to hunt for bugs.
settings.register_profile("repeatable", derandomize=True, print_blob=True)
settings.register_profile("explore", derandomize=False, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))

# Any socket use (connect, name lookup) during the suite fails the test that made it.
pytest_plugins = ["no_network"]


# The locale variables the program reads: the command line's language (LC_ALL > LC_MESSAGES >
# LANG), the paper size (LC_PAPER), the first weekday (LC_TIME), and gettext's LANGUAGE list.
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LC_PAPER", "LC_TIME", "LANGUAGE", "LANG")


@pytest.fixture(scope="session", autouse=True)
def _english_environment() -> Iterator[None]:
    """Every test starts in the C locale, as CI runs it, whatever the developer's LANG (es_ES
    would turn the command line's refusals Spanish); a test about languages sets its own. Session
    scoped, so it is in place before the Qt application reads the system locale."""
    with pytest.MonkeyPatch.context() as patch:
        for name in LOCALE_VARIABLES:
            patch.delenv(name, raising=False)
        patch.setenv("LANG", "C.UTF-8")  # the weakest of them, so a test's own LANG still counts
        yield


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the compounding log and any saved data at a folder of the test's own."""
    data_dir = tmp_path / "ldn-desk-data"
    monkeypatch.setenv("LDN_DESK_DATA_DIR", str(data_dir))
    return data_dir


# -- a real PostgreSQL server for the shared-database tests (tests/pg_server.py) -------------------

ENGINES = ("sqlite", "postgresql")


@pytest.fixture(scope="session")
def pg_server() -> Iterator[Any]:
    """One private PostgreSQL server for the session; fails (never skips) when none is installed."""
    from pg_server import start_server

    server = start_server()
    yield server
    server.close()


@pytest.fixture
def pg_url(pg_server: Any) -> str:
    """A new shared log made by its owner, as the workstations sign in to it (the workstations'
    role: every flow a test covers on it is proven to need no more than that role's rights)."""
    return str(pg_server.shared_log())


@pytest.fixture
def pg_empty_url(pg_server: Any) -> str:
    """The URL of a new, empty database on the test server, as its superuser."""
    return str(pg_server.fresh_database())


@pytest.fixture(params=ENGINES)
def store_engine(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a store test's log lives: an SQLite file, or a fresh PostgreSQL database (its URL)."""
    if request.param == "sqlite":
        return str(tmp_path / "log.sqlite3")
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture(autouse=True)
def _quick_password_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests hash many passwords: argon2id at its smallest cost (the hash still verifies the same
    way; the production cost is checked by its own test and by benchmarks/bench_signing.py)."""
    from ldn_desk.store import users

    monkeypatch.setattr(users, "PASSWORD_TIME_COST", 1)
    monkeypatch.setattr(users, "PASSWORD_MEMORY_KIB", 64)
