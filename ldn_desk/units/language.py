"""The language a patient document is written in: message catalogs, and Babel's locale data.

The documents' sentences are written in English in the code and in resources/*.toml; each other
language is a gettext catalog, resources/locale/<lang>/LC_MESSAGES/ldn_desk.po, whose msgid is the
English sentence and whose msgstr is its translation, so a reviewer reads each pair side by side.
The catalogs are read (compiled in memory) at first use; a language is offered when its catalog
exists, so adding one is adding a catalog. Dates, weekdays and months come from Babel (CLDR) for
the language; dose numbers never do: they keep the ISMP decimal point in every language.

A document is written inside `speaking(lang)`; everything it formats (the handout's sentences,
dates, "2 days") asks `current_language()`. Outside, the language is English.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from ldn_desk.errors import InputError

if TYPE_CHECKING:  # Babel is imported where it is used: a command that prints no document needs none
    from babel import Locale

SOURCE_LANGUAGE = "en"  # the language the sentences are written in
DOMAIN = "ldn_desk"
_current: ContextVar[str] = ContextVar("ldn_desk_language", default=SOURCE_LANGUAGE)


def locale_dir() -> Path:
    """resources/locale in an installed package, or beside the package in a source checkout."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "resources" / "locale"
    if installed.is_dir():
        return installed
    return package.parent / "resources" / "locale"


def catalog_path(language: str) -> Path:
    return locale_dir() / language / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def languages() -> tuple[str, ...]:
    """English, then every language with a catalog, by code: ('en', 'es')."""
    found = sorted(p.name for p in locale_dir().iterdir() if (p / "LC_MESSAGES" / f"{DOMAIN}.po").is_file())
    return (SOURCE_LANGUAGE, *[code for code in found if code != SOURCE_LANGUAGE])


# The languages with a catalog, each by its own name as CLDR writes it (capitalised): reading
# Babel's locale data for a name costs some 15 ms a language where the window first shows the
# choice. tests/core/test_documents_language.py checks each against Babel; others ask Babel.
OWN_NAMES: Mapping[str, str] = {"en": "English", "es": "Español"}


def language_name(language: str) -> str:
    """The language's own name for itself: 'English', 'Español'."""
    known = OWN_NAMES.get(language)
    if known is not None:
        return known
    return babel_language_name(language)


def babel_language_name(language: str) -> str:
    """CLDR's name of the language in itself, read from Babel's locale data."""
    from babel import Locale

    name = Locale.parse(language).get_display_name(language) or language
    return name[:1].upper() + name[1:]


def check_language(text: str | None, field: str = "language") -> str:
    """A language the documents can be written in, by its code ('es'); None or blank: English."""
    if text is None or not str(text).strip():
        return SOURCE_LANGUAGE
    code = str(text).strip().lower().replace("-", "_").split("_")[0]
    if code not in languages():
        raise InputError(field, str(text), f"is not one of {', '.join(languages())}", "es")
    return code


MESSAGE_CONTEXT = (
    "message"  # msgctxt of the core's own messages (units/messages.py), apart from the documents'
)
HELP_CONTEXT = "help"  # msgctxt of the command line's --help texts and argparse's own words


class _Messages(NamedTuple):  # one language's catalog, read
    table: Mapping[str, str | tuple[str, ...]]
    plural: Callable[[int], int]
    core: Mapping[str, str]  # the entries of MESSAGE_CONTEXT
    help: Mapping[str, str]  # the entries of HELP_CONTEXT


@cache
def _messages(language: str) -> _Messages:
    import gettext

    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po

    with catalog_path(language).open("rb") as handle:
        catalog: Catalog = read_po(handle, locale=language, domain=DOMAIN)
    table: dict[str, str | tuple[str, ...]] = {}
    core: dict[str, str] = {}
    helps: dict[str, str] = {}
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        if message.context in (MESSAGE_CONTEXT, HELP_CONTEXT):
            if isinstance(message.id, str) and isinstance(message.string, str) and message.string:
                (core if message.context == MESSAGE_CONTEXT else helps)[message.id] = message.string
            continue
        key = message.id if isinstance(message.id, str) else message.id[0]
        value = message.string
        if isinstance(value, str) and value:
            table[key] = value
        elif isinstance(value, tuple) and all(value):
            table[key] = tuple(value)
    return _Messages(table, gettext.c2py(catalog.plural_expr), core, helps)


def help_text(text: str, language: str) -> str:
    """A --help text of the command line (or one of argparse's own words) in `language`; English
    where the catalog has none."""
    if language == SOURCE_LANGUAGE or not text:
        return text
    return _messages(language).help.get(text, text)


def core_messages(language: str) -> Mapping[str, str]:
    """The core's own messages in `language`'s catalog (msgctxt "message"): English -> translation."""
    return _messages(language).core


def current_language() -> str:
    return _current.get()


@contextmanager
def speaking(language: str | None) -> Iterator[str]:
    """Write what follows in `language` (checked; None is English)."""
    code = check_language(language)
    token = _current.set(code)
    try:
        yield code
    finally:
        _current.reset(token)


missing: set[tuple[str, str]] = set()  # (language, English) asked for and not in the catalog


def tr(message: str) -> str:
    """`message` (English) in the current language; a sentence the catalog lacks stays English
    and is noted in `missing`, which the tests require to stay empty."""
    language = _current.get()
    if language == SOURCE_LANGUAGE or not message:
        return message
    found = _messages(language).table.get(message)
    if isinstance(found, str):
        return found
    missing.add((language, message))
    return message


def ntr(singular: str, plural: str, count: int) -> str:
    """The singular or plural English form, or the current language's form for `count`."""
    language = _current.get()
    if language == SOURCE_LANGUAGE:
        return singular if count == 1 else plural
    messages = _messages(language)
    found = messages.table.get(singular)
    if isinstance(found, tuple):
        return found[min(messages.plural(count), len(found) - 1)]
    missing.add((language, singular))
    return singular if count == 1 else plural


def _territory(environ: Mapping[str, str] | None = None) -> str:
    """The territory of the system's locale (LC_TIME, LC_ALL, LANG): 'US' from en_US.UTF-8."""
    env = os.environ if environ is None else environ
    for key in ("LC_ALL", "LC_TIME", "LANG"):
        value = env.get(key, "")
        if value and value not in {"C", "POSIX"} and not value.startswith("C."):
            return value.split(".")[0].split("@")[0].partition("_")[2].upper()
    return ""


@cache
def _locale(language: str, territory: str) -> Locale:
    # A territory the system names (en_US: weeks from Sunday), else the language's world form
    # where CLDR has one (en_001: from Monday), else the language's own (es: Spain).
    from babel import Locale, UnknownLocaleError

    for name in (f"{language}_{territory}" if territory else "", f"{language}_001", language):
        if not name:
            continue
        try:
            return Locale.parse(name)
        except (UnknownLocaleError, ValueError):
            continue
    return Locale.parse(SOURCE_LANGUAGE)


def babel_locale(language: str | None = None, environ: Mapping[str, str] | None = None) -> Locale:
    """Babel's locale for a document in `language` (default: the current one) printed here."""
    return _locale(language or _current.get(), _territory(environ))


def first_weekday(language: str | None = None, environ: Mapping[str, str] | None = None) -> int:
    """The day a week starts on, 0 Monday … 6 Sunday, from CLDR for the language and territory."""
    return int(babel_locale(language, environ).first_week_day)


__all__ = [
    "SOURCE_LANGUAGE",
    "babel_locale",
    "catalog_path",
    "check_language",
    "core_messages",
    "current_language",
    "first_weekday",
    "language_name",
    "languages",
    "locale_dir",
    "missing",
    "ntr",
    "speaking",
    "tr",
]
