"""The app's own language: Qt's translators for its words and for Qt's standard dialogs.

The app's words are written in English in the code (self.tr, QCoreApplication.translate); each
other language is a Qt Linguist source, resources/i18n/ldn_desk_<lang>.ts, compiled beside it to
ldn_desk_<lang>.qm (pyside6-lrelease; a test checks each .qm matches its .ts). The language is
the one chosen in Settings, else the system's; adding one is adding its .ts and .qm. Qt's own
qtbase_<lang>.qm (shipped with PySide6) translates the standard dialogs' buttons.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ui.settings.window_state import LANGUAGE_KEY, open_store

if TYPE_CHECKING:  # not imported with the frame: the dates come with the core
    import datetime as dt
    from contextlib import AbstractContextManager

SOURCE_LANGUAGE = "en"
CONTEXT = "LDN Desk"  # the context of the words the shared form builders translate


def i18n_dir() -> Path:
    """resources/i18n in an installed package, or beside the package in a source checkout."""
    here = Path(__file__).resolve().parent.parent
    for base in (here / "ldn_desk" / "resources", here / "resources"):
        if (base / "i18n").is_dir():
            return base / "i18n"
    return here / "resources" / "i18n"


def app_languages() -> tuple[str, ...]:
    """English, then each language with a compiled translation: ('en', 'es')."""
    found = sorted(path.stem.removeprefix("ldn_desk_") for path in i18n_dir().glob("ldn_desk_*.qm"))
    return (SOURCE_LANGUAGE, *[code for code in found if code != SOURCE_LANGUAGE])


def chosen_language() -> str:
    """The language chosen in Settings ('' for the system's)."""
    value = open_store().value(LANGUAGE_KEY, "")
    return str(value or "")


def save_language(code: str) -> None:
    store = open_store()
    store.setValue(LANGUAGE_KEY, code)
    store.sync()


def interface_language(chosen: str | None = None, system: QLocale | None = None) -> str:
    """The language to show: the one chosen, else the system's where the app has it, else English."""
    code = chosen_language() if chosen is None else chosen
    if not code:
        code = (system or QLocale.system()).name().split("_")[0]
    return code if code in app_languages() else SOURCE_LANGUAGE


def install_translators(app: QCoreApplication, language: str | None = None) -> str:
    """Load the app's and Qt's translations for `language` (default: interface_language()) and
    return the language shown. The translators are kept on the application object."""
    code = interface_language() if language is None else language
    for old in getattr(app, "_ldn_translators", []):
        app.removeTranslator(old)
    translators: list[QTranslator] = []
    if code != SOURCE_LANGUAGE:
        ours = QTranslator(app)
        if ours.load(str(i18n_dir() / f"ldn_desk_{code}.qm")):
            translators.append(ours)
        qt = QTranslator(app)
        if qt.load(f"qtbase_{code}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            translators.append(qt)
    for translator in translators:
        app.installTranslator(translator)
    app._ldn_translators = translators  # type: ignore[attr-defined]
    shown = code if translators or code == SOURCE_LANGUAGE else SOURCE_LANGUAGE
    app._ldn_language = shown  # type: ignore[attr-defined]
    return shown


def shown_language() -> str:
    """The language the app shows now (install_translators), English before it has run."""
    return str(getattr(QCoreApplication.instance(), "_ldn_language", SOURCE_LANGUAGE))


def translate(text: str) -> str:
    """`text` (English) in the app's language; the form builders pass their labels through it."""
    return QCoreApplication.translate(CONTEXT, text) if text else text


def core_text(text: str) -> str:
    """A message the core wrote (an alert, a result line) in the app's language."""
    language = shown_language()
    if language == SOURCE_LANGUAGE or not text:
        return text  # the core writes English: nothing to look up (a long plan has hundreds a keystroke)
    from ldn_desk.desk import Desk

    return Desk.say(text, language)


def app_speaking() -> AbstractContextManager[str]:
    """The core writes what follows (a step's days and time, a date) in the app's language."""
    from ldn_desk.units.language import speaking

    return speaking(shown_language())


def core_english() -> AbstractContextManager[str]:
    """The core writes what follows in its own English (a fill's summary, read inside a block
    that speaks the app's language), so that core_text() finds its template whole."""
    from ldn_desk.units.language import speaking

    return speaking(SOURCE_LANGUAGE)


def app_date(date: dt.date) -> str:
    """A date in the app's language, as the documents write it: '1 December 2026', '1 de
    diciembre de 2026'."""
    from ldn_desk.units.dates import long_date

    with app_speaking():
        return long_date(date)


def core_error(error: BaseException) -> str:
    """A refusal or fault the core raised, in the app's language."""
    from ldn_desk.desk import Desk

    return Desk.say_error(error, shown_language())


def language_names() -> list[tuple[str, str]]:
    """(code, the language's own name) for each language the app can show."""
    from ldn_desk.units.language import language_name  # CLDR's names, as the documents name them

    return [(code, language_name(code)) for code in app_languages()]


__all__ = [
    "LANGUAGE_KEY",
    "app_date",
    "app_languages",
    "app_speaking",
    "chosen_language",
    "core_english",
    "core_error",
    "core_text",
    "install_translators",
    "interface_language",
    "language_names",
    "save_language",
    "shown_language",
    "translate",
]
