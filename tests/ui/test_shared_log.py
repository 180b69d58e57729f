"""Settings → Log: a shared database (a real PostgreSQL server), its password kept out of the settings.

The same request (the records of lot NX-2291 on the shared log) is made through the app's Log
page, the command line and the core, and all three give the same records.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from keyring.backend import KeyringBackend

from ui.settings.store import AppSettings, load_settings

LOG = 3


def shared_settings(pg_server: Any, url: str, user: str) -> dict[str, str]:
    from pg_server import database_of

    return {"host": str(pg_server.socket_dir), "port": str(pg_server.port),
            "database": database_of(url), "user": user}  # fmt: skip


def fill_log_box(monkeypatch: pytest.MonkeyPatch, fields: dict[str, str], password: str) -> None:
    from ui.settings.dialog import SettingsDialog

    def exec_(self: Any) -> int:
        self.log_shared.setChecked(True)
        self.db_host.setText(fields["host"])
        self.db_port.setText(fields["port"])
        self.db_name.setText(fields["database"])
        self.db_user.setText(fields["user"])
        self.db_password.setText(password)
        self.accept()
        assert self.result_settings is not None, self.problem.text()
        return int(self.result())

    monkeypatch.setattr(SettingsDialog, "exec", exec_)


@pytest.fixture(autouse=True)
def _this_computer_afterwards() -> Any:
    from ldn_desk.desk.log import use_shared_database

    yield
    use_shared_database(None)


def memory_keyring() -> Any:
    """A keyring that keeps passwords in this process only (the test machine has none). Made when a
    test asks for it: keyring would choose any backend class that exists when it first looks."""

    class MemoryKeyring(KeyringBackend):
        priority = 1  # type: ignore[assignment]

        def __init__(self) -> None:
            super().__init__()
            self.kept: dict[tuple[str, str], str] = {}

        def get_password(self, service: str, username: str) -> str | None:
            return self.kept.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            self.kept[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            self.kept.pop((service, username), None)

    return MemoryKeyring()


def _records_of_lot(qtbot: Any, window: Any) -> list[int]:
    log = window.pages[LOG]
    window.page_actions[LOG].trigger()
    qtbot.waitUntil(lambda: log._opened and log.store is not None, timeout=10_000)
    log.lot.setText("nx-2291")
    log.recompute()
    qtbot.waitUntil(lambda: log.model.rowCount() > 0, timeout=10_000)
    return [log.model.row_at(row).id for row in range(log.model.rowCount())]


def test_a_shared_database_chosen_in_settings_is_the_log_everywhere(
    qtbot: Any, window: Any, messages: list[str], pg_server: Any, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str], tmp_path: Path,
) -> None:  # fmt: skip
    from pg_server import PASSWORD, WORKSTATION_ROLE

    from ldn_desk.cli import main
    from ldn_desk.desk.log import Store, log_location
    from ldn_desk.paths import log_path
    from tests.core.store_samples import liquid

    url = pg_server.shared_log()  # made by its owner; the app signs in as the workstations' role
    fields = shared_settings(pg_server, url, WORKSTATION_ROLE)
    fill_log_box(monkeypatch, fields, PASSWORD)
    window.open_settings()
    # This machine has no keyring: the app says so, uses the password for this run, and writes it nowhere.
    assert any("Password not kept" in said and "no system keyring" in said for said in messages), messages
    saved = load_settings()
    assert saved.log_shared and (saved.db_host, saved.db_user) == (fields["host"], WORKSTATION_ROLE)
    config = "".join(path.read_text() for path in (tmp_path / "config").rglob("*") if path.is_file())
    assert PASSWORD not in config and "horse" not in config
    assert isinstance(log_location(), str) and PASSWORD not in str(log_location())
    # A record saved by another workstation (the core, with the same settings) is on the Log page.
    with Store.open_default() as store:
        first = store.save_record(liquid())
        store.save_record(liquid(ingredients=()))
    assert _records_of_lot(qtbot, window) == [first]
    assert not log_path().exists()  # nothing was written to this computer's log
    # The command line and the core give the same records for the same lot.
    shared_url = pg_server.url(fields["database"], WORKSTATION_ROLE, PASSWORD)
    assert main(["log", "list", "--lot", "nx-2291", "--database", shared_url, "--json"]) == 0
    assert '"id": 1' in capsys.readouterr().out
    with Store.open(shared_url) as store:
        assert [summary.id for summary in store.search(lot="NX-2291")] == [first]


def test_the_password_goes_to_the_keyring_and_a_wrong_one_is_one_clear_line(
    qtbot: Any, window: Any, messages: list[str], pg_server: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import keyring
    from pg_server import PASSWORD, WORKSTATION_ROLE

    from ldn_desk.desk.log import KEYRING_SERVICE, shared_database
    from ui.settings.store import use_log

    previous = keyring.get_keyring()
    kept = memory_keyring()
    keyring.set_keyring(kept)
    try:
        url = pg_server.shared_log()
        fields = shared_settings(pg_server, url, WORKSTATION_ROLE)
        fill_log_box(monkeypatch, fields, PASSWORD)
        window.open_settings()
        database = shared_database(fields["host"], fields["port"], fields["database"], fields["user"])
        assert kept.kept == {(KEYRING_SERVICE, database.account): PASSWORD}
        assert not any("Password not kept" in said for said in messages)
        # The next start reads it from the keyring.
        from ldn_desk.desk.log import Store, use_shared_database

        use_shared_database(None)
        use_log(load_settings())
        with Store.open_default() as store:
            assert store.shared and store.count() == 0
        # A wrong password in the keyring: the Log page says so in one line, naming Settings → Log.
        kept.kept[(KEYRING_SERVICE, database.account)] = "not the password"
        window.apply_settings(AppSettings(**{**load_settings().__dict__}))
        log = window.pages[LOG]
        window.page_actions[LOG].trigger()
        qtbot.waitUntil(lambda: log.problem_error is not None, timeout=10_000)
        said = str(log.problem_error)
        assert "refused the user name or password" in said and "Settings → Log" in said and "\n" not in said
        assert "not the password" not in said
    finally:
        keyring.set_keyring(previous)


def test_settings_refuse_a_shared_database_without_a_host(
    window: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.settings.dialog import SettingsDialog

    dialog = SettingsDialog(AppSettings())
    dialog.log_shared.setChecked(True)
    dialog.db_user.setText("pharmacy")
    assert dialog.collect() is None
    assert "host" in dialog.problem.text() and "e.g. pharmacy-server" in dialog.problem.text()
    dialog.db_host.setText("server")
    dialog.db_port.setText("99999")
    assert dialog.collect() is None and "port" in dialog.problem.text() and "5432" in dialog.problem.text()


@pytest.mark.parametrize("role", ["ldn_owner", "pharmacy"])
def test_the_log_pages_check_cautions_when_signed_in_as_a_role_that_can_change_the_rules(
    qtbot: Any, pg_server: Any, role: str, tmp_path: Path
) -> None:
    from pg_server import OWNER_PASSWORD, OWNER_ROLE, PASSWORD, database_of

    from ldn_desk.desk.log import Store, shared_database, use_shared_database
    from tests.core.store_samples import liquid
    from ui.pages.log.page import LogPage

    url = pg_server.shared_log()
    with Store.open(url) as store:
        store.save_record(liquid())
    # Settings → Log as a workstation fills it in, signed in as the owner or as the workstations.
    fields = shared_settings(pg_server, url, role)
    database = shared_database(fields["host"], fields["port"], database_of(url), role)
    use_shared_database(database, OWNER_PASSWORD if role == OWNER_ROLE else PASSWORD)
    page = LogPage(AppSettings)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.checked_signal(), timeout=20_000) as waited:
        page.start()
    text = page.check_note.text()
    assert waited.args[0] is True and page.check_ok is True  # the log matches either way
    assert "all 1 records match" in text
    if role == OWNER_ROLE:
        assert text.startswith("⚠ ") and "#7a4b00" in page.check_note.styleSheet()
        assert (
            f"Caution: connected as a role that can change the log's rules: {OWNER_ROLE} owns the log's tables"
            in text
        )
        page.resize(900, 200)
        page.grab().save(str(tmp_path / "log-check-caution.png"))
    else:
        assert "Caution" not in text and "⚠" not in text and page.check_note.styleSheet() == ""
