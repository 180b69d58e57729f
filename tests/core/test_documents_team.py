"""The signature sheet and the recall list, as printed."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pypdf
from store_samples import PATIENT
from team_samples import PHARMACIST, SECOND, TECHNICIAN, approved_formula, team, team_record

from ldn_desk.desk import Desk
from ldn_desk.store import Store
from ldn_desk.store.lots import NewLot


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)


def test_the_printed_sheet_shows_each_signature_with_its_meaning_and_time_and_the_recall_lists_patients(
    tmp_path: Path,
) -> None:
    moment = dt.datetime(2026, 12, 1, 10, 30, tzinfo=dt.UTC)
    with Store.open(tmp_path / "log.sqlite3", clock=lambda: moment) as store:
        team(store)
        approved_formula(store)
        lot = store.receive_lot(NewLot("tablets", "Naltrexone HCl 50 mg tablets", "Accord", "NX-2291",
                                       dt.date(2027, 3, 31), dt.date(2026, 11, 20), 30, "tablets"), TECHNICIAN)  # fmt: skip
        store.approve_lot(lot.id, PHARMACIST)
        record_id = store.save_record(team_record(), by=TECHNICIAN, draws=[(lot.id, 2)])
        for meaning, who in (("prepared", TECHNICIAN), ("verified", PHARMACIST), ("released", SECOND)):
            store.sign(record_id, meaning, who)
        sheet = _text(Desk().signature_sheet_pdf(store, record_id))
        assert "Prepared by Dot Technician (technician), 2026-12-01 10:30:00 UTC" in sheet
        assert "Verified by Bea Pharmacist (pharmacist), 2026-12-01 10:30:00 UTC" in sheet
        assert "Released by Cy Pharmacist (pharmacist), 2026-12-01 10:30:00 UTC" in sheet
        assert store.record(record_id).content_sha256[:12] in sheet  # type: ignore[index]
        recalled, lines = store.recall_lot(lot.id, "maker's notice 2026-14", PHARMACIST)
        listed = _text(Desk().recall_pdf(recalled, lines, "maker's notice 2026-14"))
        assert "Lot recall list: lot NX-2291" in listed and "1 record used this lot" in listed
        assert PATIENT in listed and "maker's notice 2026-14" in listed
