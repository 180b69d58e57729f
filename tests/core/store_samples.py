"""Sample compounding records for the log tests, from worked examples with published sources."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from ldn_desk.store import Ingredient, NewRecord, Store

PATIENT = "Zyxwa Qorvanth"  # a name that cannot appear by chance in any message
PATIENT_REF = "1961-07-04"
RX = "RX-PRIVATE-0042"

# LDN Research Trust: 1 mg/mL from two 50 mg tablets in water to 100 mL -> 100 mg in 100 mL.
# USP <795>: aqueous, not preserved -> 14 days; made 1 December 2026 (Day 1) -> 14 December 2026.
LIQUID_INPUTS: dict[str, Any] = {"strength": "1 mg/mL", "volume": "100 mL", "compounded": "2026-12-01"}
LIQUID_RESULTS: dict[str, Any] = {
    "tablets": 2,
    "naltrexone_hcl_mg": 100.0,
    "naltrexone_hcl_mg_text": "100 mg",
    "batch_volume_ml": 100.0,
    "batch_volume_ml_text": "100 mL",
    "concentration_mg_per_ml": 1.0,
    "bud": "2026-12-14",
    "storage": "Refrigerate (2–8 °C)",
    "steps": ["Grind 2 naltrexone HCl 50 mg tablets.", "Make up to 100 mL with purified water (q.s.)."],
    "warnings": [],
    "binary_noise": 0.1 + 0.2,  # 0.30000000000000004 must come back exactly
}
DOCUMENT = {"clinic": "Ørsted Apotek — Łukasz & José Müller-Ñúñez", "paper": "A4", "label_layout": "single"}


def tablets(lot: str = "NX-2291", *, maker: str = "Accord") -> Ingredient:
    return Ingredient("Naltrexone HCl 50 mg tablets", maker, lot, "2027-03-31", "100 mg")


def water(lot: str = "W-77") -> Ingredient:
    return Ingredient("Purified water", "Baxter", lot, "2027-01", "100 mL")


def liquid(**changes: Any) -> NewRecord:
    fields: dict[str, Any] = {
        "kind": "liquid",
        "rx_number": RX,
        "patient": PATIENT,
        "patient_ref": PATIENT_REF,
        "compounded_on": dt.date(2026, 12, 1),
        "bud": dt.date(2026, 12, 14),
        "compounded_by": "A. Pharmacist",
        "inputs": LIQUID_INPUTS,
        "results": LIQUID_RESULTS,
        "ingredients": (tablets(), water()),
        "document": DOCUMENT,
    }
    fields.update(changes)
    return NewRecord(**fields)


def capsules(**changes: Any) -> NewRecord:
    # USP <1176>: 30 capsules of 0.5 mg -> 15 mg of drug, under the 120 mg MWQ: aliquot.
    # USP <795>: solid -> 180 days; made 1 December 2026 (Day 1) -> 29 May 2027.
    fields: dict[str, Any] = {
        "kind": "capsules",
        "rx_number": "RX-CAPS-7",
        "patient": "Pellam Ustrovny",
        "compounded_on": dt.date(2026, 12, 1),
        "bud": dt.date(2027, 5, 29),
        "compounded_by": "A. Pharmacist",
        "inputs": {"count": "30", "strength": "0.5 mg", "size": "3"},
        "results": {"capsules": 31, "api_mg": 15.5, "aliquot": {"weigh_api_mg": 120.0}},
        "ingredients": (
            Ingredient("Naltrexone HCl USP powder", "Medisca", "API-5", "2028-01-31", "120.4 mg"),
            Ingredient("Microcrystalline cellulose", "FMC", "MCC-9", "2028-06", "8.1 g"),
        ),
    }
    fields.update(changes)
    return NewRecord(**fields)


def fill_log(path: Path, records: int) -> None:
    """A log at `path` holding `records` sample liquid records, written without syncing: it is a
    test file, made quickly to be damaged."""
    with Store.open(path) as store:
        store._conn.execute("PRAGMA synchronous = OFF")
        for _ in range(records):
            store.save_record(liquid())


def from_outside(store: Store) -> Any:
    """A connection to the store's log from outside LDN Desk, with the rights to change it: the
    SQLite file's own, or on a shared log its owner's (the workstations' role could not)."""
    if not store.shared:
        return store._conn
    from pg_server import OWNER_ROLE, with_role

    from ldn_desk.store.pg import connect

    return connect(with_role(str(store._shared), OWNER_ROLE))
