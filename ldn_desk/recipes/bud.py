"""Beyond-use dates: USP <795> default categories, or a formula's own stability study.

The day of compounding is Day 1, so a 14-day date on a preparation made 1 March is 14 March:
the last day it may be used.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from ldn_desk.errors import InputError
from ldn_desk.reference.bud import BudCategory, bud_table
from ldn_desk.units.dates import last_day


@dataclass(frozen=True)
class BeyondUseDate:
    """The date after which the preparation must not be used, with its storage and basis."""

    date: dt.date
    days: int
    storage: str
    basis: str  # what a record cites: the USP category or the study
    source: str

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
