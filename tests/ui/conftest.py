"""App test set-up: settings and data in tmp_path, a fresh window with its pages built."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox


def english_env(**extra: str) -> dict[str, str]:
    """The environment for a fresh app or command-line process whose test expects English: the
    language pinned (LC_ALL wins over LANG and LC_MESSAGES), whatever the developer's shell says,
    so a test read in English passes from an es_ES shell too."""
    env = {key: value for key, value in os.environ.items() if key not in ("LANGUAGE", "LC_MESSAGES")}
    return {**env, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", **extra}


@pytest.fixture(autouse=True)
def _private_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No test reads or writes the real user's settings or data."""
    config = tmp_path / "config"
    config.mkdir()
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(config))
    monkeypatch.setenv("LDN_DESK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    yield


class UnsavedAnswers:
    """Stands in for the Save / Discard / Cancel question: records it and answers `answer`."""

    def __init__(self) -> None:
        self.asked: list[str] = []
        self.answer = "discard"

    def __call__(self, _parent: Any, what: str, doing: str) -> Any:
        from ui.unsaved import Answer

        self.asked.append(f"{what} / {doing}")
        return Answer(self.answer)


@pytest.fixture(autouse=True)
def _nobody_signed_in() -> Iterator[None]:
    """No test starts or leaves with someone signed in to the app's team session."""
    from ui.team import session

    session.sign_out()
    yield
    session.sign_out()


@pytest.fixture(autouse=True)
def unsaved_answers(monkeypatch: pytest.MonkeyPatch) -> UnsavedAnswers:
    """Questions about unsaved work are answered Discard unless a test says otherwise, so a
    window closed at the end of a test never waits on a dialog."""
    import ui.unsaved

    answers = UnsavedAnswers()
    monkeypatch.setattr(ui.unsaved, "ask_unsaved", answers)
    return answers


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the app would have said in a message box, instead of showing one; a question is
    answered Yes."""
    said: list[str] = []

    def record(_parent: Any, title: str, text: str, *args: Any) -> QMessageBox.StandardButton:
        said.append(f"{title}: {text}")
        return QMessageBox.StandardButton.Yes

    for name in ("warning", "information", "question"):
        monkeypatch.setattr(QMessageBox, name, record)
    return said


@pytest.fixture
def window(qtbot: Any) -> Any:
    """The main window, shown, with its pages built and first results computed."""
    from ui.main_window import MainWindow

    main = MainWindow()
    qtbot.addWidget(main)
    main.show()
    with qtbot.waitSignal(main.pages_started, timeout=10_000):
        main.start_pages()
    return main


@contextmanager
def spanish_main_window(qtbot: Any) -> Iterator[Any]:
    """A main window made and started with the Spanish catalogs installed; English again after."""
    from PySide6.QtCore import QCoreApplication

    from ui.i18n import install_translators
    from ui.main_window import MainWindow

    app = QCoreApplication.instance()
    assert app is not None
    install_translators(app, "es")
    try:
        main = MainWindow()
        qtbot.addWidget(main)
        main.show()
        with qtbot.waitSignal(main.pages_started, timeout=10_000):
            main.start_pages()
        yield main
    finally:
        install_translators(app, "en")


def recomputed(qtbot: Any, page: Any, action: Any) -> None:
    """Do `action` and wait until the page shows results for the final input: a refusal is
    shown at once, a good entry after the debounce timer fires."""
    action()
    if page.update_pending():
        with qtbot.waitSignal(page.results_updated, timeout=5_000):
            pass
    assert not page.update_pending()
