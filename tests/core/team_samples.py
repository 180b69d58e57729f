"""A pharmacy team for the log tests: an administrator, two pharmacists, a technician, a prescriber."""

from __future__ import annotations

from ldn_desk.store import Store
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
