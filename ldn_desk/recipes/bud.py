"""Beyond-use dates: USP <795> default categories, or a formula's own stability study.

The day of compounding is Day 1, so a 14-day date on a preparation made 1 March is 14 March:
the last day it may be used.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from ldn_desk.errors import InputError
from ldn_desk.recipes.dose_range import Alert, Level
from ldn_desk.reference.bud import BudCategory, bud_table
from ldn_desk.units.dates import last_day, long_date, parse_date


@dataclass(frozen=True)
class BeyondUseDate:
    """The date after which the preparation must not be used, with its storage and basis."""

    date: dt.date
    days: int
    storage: str
    basis: str  # what a record cites: the USP category or the study
    source: str
    limited_by: str = ""  # the component whose expiry cut the date short, when one did

    def __post_init__(self) -> None:
        if self.days < 1:
            raise ValueError("a beyond-use period is at least one day")


def _bud_date(compounded: dt.date, days: int) -> dt.date:
    try:
        return last_day(compounded, days)
    except OverflowError:
        # Only a mistyped year gets here (9999-12-31): refuse it like any other bad input.
        raise InputError(
            "compounded",
            compounded.isoformat(),
            f"leaves no room in the calendar for a {days}-day beyond-use date; check the year",
            "2026-12-01",
        ) from None


def categories() -> Mapping[str, BudCategory]:
    return bud_table().categories


def usp_bud(compounded: dt.date, category: str) -> BeyondUseDate:
    """The USP <795> default date for a category key such as 'aqueous_unpreserved'."""
    known = categories()
    chosen = known[category] if category in known else bud_table().category(category)  # refuses it
    return BeyondUseDate(
        date=_bud_date(compounded, chosen.days),
        days=chosen.days,
        storage=chosen.storage,
        basis=f"USP <795> default: {chosen.label}, {chosen.days} days",
        source=bud_table().source,
    )


def study_bud(compounded: dt.date, days: int, storage: str, source: str) -> BeyondUseDate:
    """A date backed by a stability study of this exact formula; the record cites the study."""
    return BeyondUseDate(
        date=_bud_date(compounded, days),
        days=days,
        storage=storage,
        basis=f"Stability study: {days} days ({source})",
        source=source,
    )


@dataclass(frozen=True)
class ComponentExpiry:
    """A component's expiry as entered from its container: what it is, its lot, its last day."""

    name: str
    expiry: dt.date
    lot: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.expiry, dt.date):
            raise InputError("expiry", str(self.expiry), "must be a date", "2027-03-31")

    @property
    def described(self) -> str:
        """'Naltrexone HCl 50 mg tablets, lot NX-2291'."""
        name = " ".join(str(self.name).split()) or "a component"
        return f"{name}, lot {self.lot.strip()}" if self.lot.strip() else name


def parse_expiry(text: str, field: str = "expiry") -> dt.date:
    """An expiry as printed on a container: year-month-day, or year-month, which runs to the
    month's last day (the usual reading of a month-only expiry)."""
    cleaned = str(text).strip()
    month_only = re.fullmatch(r"([0-9]{4})-([0-9]{1,2})", cleaned)
    try:
        if month_only:
            year, month = int(month_only.group(1)), int(month_only.group(2))
            return dt.date(year, month, calendar.monthrange(year, month)[1])
        if re.fullmatch(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}", cleaned):
            return parse_date(cleaned, field)  # 2027-3-1 as 1 March 2027, as every date field reads it
    except ValueError:
        raise InputError(field, text, "is not a real calendar date", "2027-03-31") from None
    raise InputError(field, text, "write the expiry as year-month-day or year-month", "2027-03-31")


def limit_to_expiry(
    bud: BeyondUseDate, compounded: dt.date, components: Sequence[ComponentExpiry]
) -> BeyondUseDate:
    """The date, never later than the earliest expiry of a component (USP <795>); when an expiry
    cuts it short, the basis says which component and what the date would otherwise have been."""
    for component in components:
        if component.expiry < compounded:
            raise InputError(
                "expiry",
                component.expiry.isoformat(),
                f"of {component.described} is before the day of compounding ({long_date(compounded)}): "
                "an expired component cannot be used",
                (compounded + dt.timedelta(days=365)).isoformat(),
            )
    if not components:
        return bud
    earliest = min(components, key=lambda c: c.expiry)
    if earliest.expiry >= bud.date:
        return bud
    return replace(
        bud,
        date=earliest.expiry,
        days=(earliest.expiry - compounded).days + 1,
        basis=(
            f"Earliest expiry of a component: {earliest.described}, {long_date(earliest.expiry)}; "
            f"it comes before the date the preparation would otherwise have ({bud.basis}: "
            f"{long_date(bud.date)})"
        ),
        source=f"{bud_table().expiry_source}; otherwise {bud.source}",
        limited_by=earliest.described,
    )


def dated_by_components(
    bud: BeyondUseDate, compounded: dt.date, components: Sequence[ComponentExpiry]
) -> tuple[BeyondUseDate, tuple[Alert, ...]]:
    """`limit_to_expiry`, with a caution for the recipe's alerts when an expiry cut the date short."""
    limited = limit_to_expiry(bud, compounded, components)
    if limited is bud:
        return bud, ()
    return limited, (
        Alert(
            Level.CAUTION,
            f"Do not use after {long_date(limited.date)}: {limited.limited_by} expires then, before the "
            f"{bud.days}-day date ({long_date(bud.date)}) the preparation would otherwise have.",
        ),
    )
