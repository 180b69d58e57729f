"""The app's settings, kept with Qt's QSettings: clinic, paper, syringes, balance, labels, numbers."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QLocale, QSettings

from ui.settings.window_state import APPLICATION, ORGANIZATION, open_store

PAPER_SIZES = ("A4", "Letter")
SYRINGES_KEY = "measuring/syringes"  # "capacity:graduation" pairs in mL, e.g. "3:0.1,5:0.1"
OLD_SYRINGES_KEY = "measuring/syringes_ml"  # capacities only, read when the pairs were never saved
__all__ = [
    "APPLICATION",
    "ORGANIZATION",
    "PAPER_SIZES",
    "AppSettings",
    "load_settings",
    "open_store",
    "save_settings",
]


def default_paper_size(locale: QLocale | None = None) -> str:
    """Letter where the locale's territory uses it (resources/labels.toml, from CLDR), else A4."""
    from ldn_desk.reference.labels import labels_table

    territory = (locale or QLocale.system()).territory()
    code = QLocale.territoryToCode(territory).upper()
    letter = labels_table().paper.letter_territories
    return "Letter" if code in letter else "A4"


@dataclass(frozen=True)
class AppSettings:
    """What a pharmacy sets once. Syringes are (capacity mL, graduation mL) pairs from
    resources/syringes.toml: the capacity alone does not name one, as two 5 mL syringes differ in marks."""

    clinic_name: str = ""
    clinic_contact: str = ""
    paper_size: str = ""  # empty: automatic, Letter or A4 by the locale's territory
    syringes: tuple[tuple[float, float], ...] = ()  # empty: every syringe in resources/syringes.toml
    balance_mwq: str = "120 mg"  # as typed; read with the core parser where it is used
    label_layout: str = ""  # empty: the documents package's default layout
    decimal_comma: bool = False
    # Settings → Log: the log on this computer, or a shared database (the password is in the keyring).
    log_shared: bool = False
    db_host: str = ""
    db_port: str = "5432"
    db_name: str = "ldn_desk"
    db_user: str = ""

    def __post_init__(self) -> None:
        if self.paper_size not in ("", *PAPER_SIZES):
            raise ValueError(f"paper size must be one of {', '.join(PAPER_SIZES)}, or empty for automatic")

    def paper(self) -> str:
        """The paper to use: the chosen size, or the locale's default when left automatic."""
        return self.paper_size or default_paper_size()


def _text(store: QSettings, key: str, default: str) -> str:
    value = store.value(key, default)
    return default if value is None else str(value)


def _flag(store: QSettings, key: str, default: bool) -> bool:
    value = store.value(key, default)
    if isinstance(value, str):
        return value.lower() in {"true", "1", "yes"}
    return bool(value)


def _syringe_pairs(text: str) -> tuple[tuple[float, float], ...]:
    """'3:0.1,5:0.1' → ((3, 0.1), (5, 0.1))."""
    try:
        pairs = [part.split(":") for part in text.split(",") if part.strip()]
        return tuple((float(capacity), float(graduation)) for capacity, graduation in pairs)
    except ValueError:
        return ()  # a damaged entry falls back to every syringe, which is the safe default


def _from_capacities(text: str) -> tuple[tuple[float, float], ...]:
    """Settings saved before syringes were told apart by their marks list capacities only
    ('1,5'): each stands for every syringe of that size, as it did when it was ticked."""
    from ldn_desk.reference.syringes import syringe_table

    try:
        capacities = {float(part) for part in text.split(",") if part.strip()}
    except ValueError:
        return ()
    rows = syringe_table().syringe
    pairs = ((row.capacity_ml, row.graduation_ml) for row in rows)
    return tuple(pair for pair in pairs if pair[0] in capacities)


def _stored_syringes(store: QSettings) -> tuple[tuple[float, float], ...]:
    if store.contains(SYRINGES_KEY):
        return _syringe_pairs(_text(store, SYRINGES_KEY, ""))
    return _from_capacities(_text(store, OLD_SYRINGES_KEY, ""))


def load_settings(store: QSettings | None = None) -> AppSettings:
    store = store or open_store()
    defaults = AppSettings()
    paper = _text(store, "documents/paper_size", defaults.paper_size)
    return AppSettings(
        clinic_name=_text(store, "clinic/name", defaults.clinic_name),
        clinic_contact=_text(store, "clinic/contact", defaults.clinic_contact),
        paper_size=paper if paper in PAPER_SIZES else "",
        syringes=_stored_syringes(store),
        balance_mwq=_text(store, "compounding/balance_mwq", defaults.balance_mwq),
        label_layout=_text(store, "documents/label_layout", defaults.label_layout),
        decimal_comma=_flag(store, "input/decimal_comma", defaults.decimal_comma),
        log_shared=_flag(store, "log/shared", defaults.log_shared),
        db_host=_text(store, "log/host", defaults.db_host),
        db_port=_text(store, "log/port", defaults.db_port),
        db_name=_text(store, "log/database", defaults.db_name),
        db_user=_text(store, "log/user", defaults.db_user),
    )


def use_log(settings: AppSettings) -> None:
    """Point the core at the log Settings → Log chose; a shared database's password comes from the
    keyring (or, without one, from what was typed in this run, held in memory only)."""
    from ldn_desk.desk.log import (
        kept_password,
        log_location,
        shared_database,
        use_database,
        use_shared_database,
    )
    from ldn_desk.errors import InputError

    if not settings.log_shared:
        use_shared_database(None)
        return
    try:
        database = shared_database(settings.db_host, settings.db_port, settings.db_name, settings.db_user)
    except InputError:  # changed outside the dialog: the Log page says what is wrong when it connects
        use_database(
            f"postgresql://{settings.db_user}@{settings.db_host}:{settings.db_port}/{settings.db_name}"
        )
        return
    password = kept_password(database)
    if password is None and log_location() == database.url():
        return  # typed in this run, with no keyring to keep it: the one in memory stays
    use_shared_database(database, password)


def save_settings(settings: AppSettings, store: QSettings | None = None) -> None:
    store = store or open_store()
    store.setValue("clinic/name", settings.clinic_name)
    store.setValue("clinic/contact", settings.clinic_contact)
    store.setValue("documents/paper_size", settings.paper_size)
    store.setValue(SYRINGES_KEY, ",".join(f"{capacity:g}:{marks:g}" for capacity, marks in settings.syringes))
    store.remove(OLD_SYRINGES_KEY)
    store.setValue("compounding/balance_mwq", settings.balance_mwq)
    store.setValue("documents/label_layout", settings.label_layout)
    store.setValue("input/decimal_comma", settings.decimal_comma)
    store.setValue("log/shared", settings.log_shared)
    for key, value in (("host", settings.db_host), ("port", settings.db_port), ("database", settings.db_name),
                       ("user", settings.db_user)):  # fmt: skip
        store.setValue(f"log/{key}", value)
    store.sync()
