"""A pharmacy team for the log tests: an administrator, two pharmacists, a technician, a prescriber."""

from __future__ import annotations

import datetime as dt
from typing import Any

from store_samples import DOCUMENT, liquid

from ldn_desk.store import NewRecord, Store
from ldn_desk.store.lots import NewLot
from ldn_desk.store.users import Credentials

ADMIN = Credentials("Ada Admin", "admin-pass-1")
PHARMACIST = Credentials("Bea Pharmacist", "bea-pass-22")
SECOND = Credentials("Cy Pharmacist", "cy-pass-333")
TECHNICIAN = Credentials("Dot Technician", "dot-pass-4444")
PRESCRIBER = Credentials("Eve Prescriber", "eve-pass-55555")


def team(store: Store) -> None:
    store.add_user(ADMIN.name, "AA", "administrator", ADMIN.password)
    for who, initials, role in ((PHARMACIST, "BP", "pharmacist"), (SECOND, "CP", "pharmacist"),
                                (TECHNICIAN, "DT", "technician"), (PRESCRIBER, "EP", "prescriber")):  # fmt: skip
        store.add_user(who.name, initials, role, who.password, by=ADMIN)


# The record names the formula it follows; the log holds that version's approval (the content's
# SHA-256 here stands in for resources/mfr.toml's, which the desk computes).
MFR = {"id": "LDN-MFR-L1", "version": 1, "sha256": "a" * 64}


def approved_formula(store: Store) -> None:
    store.approve_formula(MFR["id"], MFR["version"], MFR["sha256"], PHARMACIST)


def team_record(**changes: Any) -> NewRecord:
    """A liquid record that follows the approved formula."""
    return liquid(document={**DOCUMENT, "mfr": MFR}, **changes)


def team_store(where: str) -> Store:
    """A log (an SQLite path or a PostgreSQL URL) with the team and the approved formula."""
    opened = Store.open(where)
    team(opened)
    approved_formula(opened)
    return opened


def tablet_lot() -> NewLot:
    """A lot of 30 naltrexone HCl 50 mg tablets, in date."""
    return NewLot("tablets", "Naltrexone HCl 50 mg tablets", "Accord", "NX-2291", dt.date(2027, 3, 31),
                  dt.date(2026, 11, 20), 30, "tablets")  # fmt: skip
