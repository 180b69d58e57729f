"""Formulas' life cycle and lots: approved before use, expired or quarantined refused, drawn on,
recalled with every record and patient that used them."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest
from store_samples import DOCUMENT, PATIENT, from_outside, liquid
from team_samples import MFR, PHARMACIST, SECOND, TECHNICIAN, approved_formula, team, team_record

from ldn_desk.errors import InputError
from ldn_desk.store import Store
from ldn_desk.store.errors import AccessError, RecordError
from ldn_desk.store.lots import LotStatus, NewLot

TODAY = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def store(store_engine: str) -> Store:
    opened = Store.open(store_engine, clock=lambda: TODAY)
    team(opened)
    return opened


def _tablets(**changes: object) -> NewLot:
    fields: dict[str, object] = {
        "material": "tablets", "name": "Naltrexone HCl 50 mg tablets", "maker": "Accord", "lot": "NX-2291",
        "expiry": dt.date(2027, 3, 31), "received_on": dt.date(2026, 11, 20), "quantity": 30, "unit": "tablets",
    }  # fmt: skip
    fields.update(changes)
    return NewLot(**fields)  # type: ignore[arg-type]


def test_a_record_follows_only_an_approved_formula_version(store: Store) -> None:
    with pytest.raises(RecordError, match="LDN-MFR-L1 version 1, which is not approved yet"):
        store.save_record(team_record(), by=TECHNICIAN)
    with pytest.raises(RecordError, match="names no master formula"):
        store.save_record(liquid(), by=TECHNICIAN)
    with pytest.raises(AccessError, match="only a pharmacist may approve formulas"):
        store.approve_formula(MFR["id"], 1, MFR["sha256"], TECHNICIAN)
    approved_formula(store)
    record_id = store.save_record(team_record(), by=TECHNICIAN)
    assert store.record(record_id).document["mfr"] == MFR
    # A changed formula with the same version number is refused: a change is a new version.
    changed = {**MFR, "sha256": "b" * 64}
    with pytest.raises(RecordError, match="changed since it was approved"):
        store.save_record(liquid(document={**DOCUMENT, "mfr": changed}), by=TECHNICIAN)
    # Version 2 approved: version 1 is superseded and no longer followed.
    store.approve_formula(MFR["id"], 2, "c" * 64, SECOND)
    assert [(v.version, v.status, v.approved_by) for v in store.formula_versions(MFR["id"])] == [
        (1, "superseded", PHARMACIST.name), (2, "approved", SECOND.name)
    ]  # fmt: skip
    with pytest.raises(RecordError, match="version 1, which is superseded"):
        store.save_record(team_record(), by=TECHNICIAN)
    with pytest.raises(RecordError, match="already superseded"):
        store.approve_formula(MFR["id"], 1, "d" * 64, PHARMACIST)
    (entry,) = store.trail("formula", "LDN-MFR-L1 v1")
    assert (entry.old, entry.new, entry.reason) == ("approved", "superseded", "version 2 approved")
    assert store.check().ok


def test_a_powder_lot_needs_its_certificate() -> None:
    with pytest.raises(InputError, match="assay"):
        NewLot(
            "powder",
            "Naltrexone HCl powder",
            "Medisca",
            "P-1",
            dt.date(2028, 1, 1),
            dt.date(2026, 11, 1),
            25,
            "g",
        )
    lot = NewLot("powder", "Naltrexone HCl powder", "Medisca", "P-1", dt.date(2028, 1, 1), dt.date(2026, 11, 1),
                 25, "g", salt="hydrochloride", assay_percent=99.2, water_percent=0.5)  # fmt: skip
    assert (lot.assay_percent, lot.water_percent, lot.salt) == (99.2, 0.5, "hydrochloride")
    with pytest.raises(InputError, match="belongs to a powder"):
        _tablets(assay_percent=99.0)


def test_an_unapproved_expired_or_quarantined_lot_is_refused(store: Store) -> None:
    approved_formula(store)
    lot = store.receive_lot(_tablets(), TECHNICIAN)
    assert lot.status is LotStatus.RECEIVED and lot.on_hand == 30
    with pytest.raises(RecordError, match="not approved yet"):
        store.save_record(team_record(), by=TECHNICIAN, draws=[(lot.id, 2)])
    with pytest.raises(AccessError, match="only a pharmacist may approve lots"):
        store.approve_lot(lot.id, TECHNICIAN)
    store.approve_lot(lot.id, PHARMACIST)
    store.quarantine_lot(lot.id, "crushed box", TECHNICIAN)
    with pytest.raises(RecordError, match="in quarantine"):
        store.save_record(team_record(), by=TECHNICIAN, draws=[(lot.id, 2)])
    store.approve_lot(lot.id, PHARMACIST)  # released from quarantine after inspection
    old = store.receive_lot(_tablets(lot="NX-0001", expiry=dt.date(2026, 12, 31)), TECHNICIAN)
    store.approve_lot(old.id, PHARMACIST)
    with pytest.raises(RecordError, match="expired on 2026-12-31"):
        # Made on 1 January 2027, after the lot's expiry of 31 December 2026.
        later = team_record(compounded_on=dt.date(2027, 1, 1), bud=dt.date(2027, 1, 14))
        store.save_record(later, by=TECHNICIAN, draws=[(old.id, 2)])
    # The BUD (14 December 2026) is after no expiry here; a BUD of 2 January 2027 would pass the
    # lot's 31 December 2026 expiry and is refused.
    with pytest.raises(RecordError, match="capped by the earliest expiry"):
        store.save_record(team_record(bud=dt.date(2027, 1, 2)), by=TECHNICIAN, draws=[(old.id, 2)])


def test_each_record_takes_what_it_uses_off_the_lot(store: Store) -> None:
    approved_formula(store)
    lot = store.receive_lot(_tablets(quantity=5), TECHNICIAN)
    store.approve_lot(lot.id, PHARMACIST)
    # 1 mg/mL x 100 mL = 100 mg = two 50 mg tablets per batch: 5 -> 3 -> 1, then 2 more is refused.
    first = store.save_record(team_record(), by=TECHNICIAN, draws=[(lot.id, 2)])
    store.save_record(team_record(), by=TECHNICIAN, draws=[(lot.id, 2)])
    assert store.lot(lot.id).on_hand == 1
    with pytest.raises(RecordError, match="has 1 tablets on hand, less than 2"):
        store.save_record(team_record(), by=TECHNICIAN, draws=[(lot.id, 2)])
    assert store.lot(lot.id).on_hand == 1  # the refused save took nothing
    drawn = [e for e in store.trail("lot", lot.id) if e.field == "on_hand"]
    assert [(e.action, json.loads(e.old or ""), json.loads(e.new or "")) for e in drawn] == [
        (f"drawn by record {first}", 5.0, 3.0), (f"drawn by record {first + 1}", 3.0, 1.0)
    ]  # fmt: skip
    assert store.check().ok


def test_a_recall_lists_every_record_and_patient(store: Store) -> None:
    approved_formula(store)
    lot = store.receive_lot(_tablets(), TECHNICIAN)
    store.approve_lot(lot.id, PHARMACIST)
    drew = store.save_record(team_record(), by=TECHNICIAN, draws=[(lot.id, 2)])
    typed = store.save_record(team_record(patient="Other Person"), by=TECHNICIAN)  # the lot typed on its line
    store.save_record(team_record(ingredients=()), by=TECHNICIAN)  # another lot: not listed
    with pytest.raises(AccessError):
        store.recall_lot(lot.id, "maker's notice", TECHNICIAN)
    with pytest.raises(InputError, match="reason"):
        store.recall_lot(lot.id, " ", PHARMACIST)
    recalled, listed = store.recall_lot(lot.id, "maker's notice 2026-14", PHARMACIST)
    assert recalled.status is LotStatus.RECALLED
    assert [(line.record_id, line.patient) for line in listed] == [(drew, PATIENT), (typed, "Other Person")]
    with pytest.raises(RecordError, match="recalled"):
        store.save_record(team_record(), by=TECHNICIAN, draws=[(lot.id, 1)])
    with pytest.raises(RecordError, match=r"stays recalled|only a received or quarantined"):
        store.approve_lot(lot.id, PHARMACIST)
    with pytest.raises(Exception, match="stays recalled"):
        store._conn.execute("UPDATE lot SET status = 'approved' WHERE id = ?", (lot.id,))


def test_a_received_lot_never_changes_its_details(store: Store) -> None:
    lot = store.receive_lot(_tablets(), TECHNICIAN)
    with pytest.raises(Exception, match="never change"):
        from_outside(store).execute("UPDATE lot SET expiry = '2030-01-01' WHERE id = ?", (lot.id,))
    with pytest.raises(InputError, match="already received"):
        store.receive_lot(dataclasses.replace(_tablets(), lot="nx-2291"), TECHNICIAN)
