"""The app's settings, kept with Qt's QSettings: clinic, paper, syringes, balance, labels, numbers."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QByteArray, QLocale, QSettings

ORGANIZATION = "LDN Desk"
APPLICATION = "LDN Desk"
PAPER_SIZES = ("A4", "Letter")


def default_paper_size(locale: QLocale | None = None) -> str:
    """Letter where the locale's territory uses it (resources/labels.toml, from CLDR), else A4."""
    from ldn_desk.resources import load_table

    territory = (locale or QLocale.system()).territory()
    code = QLocale.territoryToCode(territory).upper()
    letter = load_table("labels").get("paper", {}).get("letter_territories", [])
    return "Letter" if code in letter else "A4"


def open_store() -> QSettings:
    """An INI file in the user's config folder (tests move it with QSettings.setPath)."""
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION)


@dataclass(frozen=True)
class AppSettings:
    """What a pharmacy sets once. Syringes are capacities in mL from resources/syringes.toml."""

    clinic_name: str = ""
    clinic_contact: str = ""
    paper_size: str = field(default_factory=default_paper_size)
    syringes_ml: tuple[float, ...] = ()  # empty: every syringe in resources/syringes.toml
    balance_mwq: str = "120 mg"  # as typed; read with the core parser where it is used
    label_layout: str = ""  # empty: the documents package's default layout
    decimal_comma: bool = False

    def __post_init__(self) -> None:
        if self.paper_size not in PAPER_SIZES:
            raise ValueError(f"paper size must be one of {', '.join(PAPER_SIZES)}")


def _text(store: QSettings, key: str, default: str) -> str:
    value = store.value(key, default)
    return default if value is None else str(value)


def _flag(store: QSettings, key: str, default: bool) -> bool:
    value = store.value(key, default)
    if isinstance(value, str):
        return value.lower() in {"true", "1", "yes"}
    return bool(value)


def _capacities(text: str) -> tuple[float, ...]:
    try:
        return tuple(float(part) for part in text.split(",") if part.strip())
    except ValueError:
        return ()  # a damaged entry falls back to every syringe, which is the safe default


def load_settings(store: QSettings | None = None) -> AppSettings:
    store = store or open_store()
    defaults = AppSettings()
    paper = _text(store, "documents/paper_size", defaults.paper_size)
    return AppSettings(
        clinic_name=_text(store, "clinic/name", defaults.clinic_name),
        clinic_contact=_text(store, "clinic/contact", defaults.clinic_contact),
        paper_size=paper if paper in PAPER_SIZES else defaults.paper_size,
        syringes_ml=_capacities(_text(store, "measuring/syringes_ml", "")),
        balance_mwq=_text(store, "compounding/balance_mwq", defaults.balance_mwq),
        label_layout=_text(store, "documents/label_layout", defaults.label_layout),
        decimal_comma=_flag(store, "input/decimal_comma", defaults.decimal_comma),
    )


def save_settings(settings: AppSettings, store: QSettings | None = None) -> None:
    store = store or open_store()
    store.setValue("clinic/name", settings.clinic_name)
    store.setValue("clinic/contact", settings.clinic_contact)
    store.setValue("documents/paper_size", settings.paper_size)
    store.setValue("measuring/syringes_ml", ",".join(f"{ml:g}" for ml in settings.syringes_ml))
    store.setValue("compounding/balance_mwq", settings.balance_mwq)
    store.setValue("documents/label_layout", settings.label_layout)
    store.setValue("input/decimal_comma", settings.decimal_comma)
    store.sync()


def save_window_state(geometry: QByteArray, page: int, store: QSettings | None = None) -> None:
    store = store or open_store()
    store.setValue("window/geometry", geometry)
    store.setValue("window/page", page)
    store.sync()


def load_window_state(store: QSettings | None = None) -> tuple[QByteArray | None, int]:
    store = store or open_store()
    geometry = store.value("window/geometry")
    try:
        page = int(str(store.value("window/page", 0)))
    except ValueError:
        page = 0
    return (geometry if isinstance(geometry, QByteArray) else None), page
