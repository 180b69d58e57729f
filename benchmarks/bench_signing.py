"""Benchmark: one signature (the password checked at the log's argon2id cost, then the signature,
the sign-off and their chain and audit-trail entries written) takes under 0.5 s.

On a log of a pharmacy team, each run signs a prepared record as verified with
`Store.sign(record, "verified", credentials)`; the median of the runs is set against a baseline
measured in the same run: the same argon2id check of the password alone (the KDF every signature
must pay). Exits 1 above 0.5 s.

    .venv/bin/python benchmarks/bench_signing.py [--runs 7]
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import tempfile
from pathlib import Path

import timing

from ldn_desk.store import Ingredient, NewRecord, Store, users
from ldn_desk.store.users import Credentials

LIMIT_S = 0.5
ADMIN = Credentials("Ada Admin", "admin-pass-1")
TECHNICIAN = Credentials("Dot Technician", "dot-pass-4444")
PHARMACIST = Credentials("Bea Pharmacist", "bea-pass-22")
MFR = {"id": "LDN-MFR-L1", "version": 1, "sha256": "a" * 64}


def _record() -> NewRecord:
    return NewRecord(
        kind="liquid", rx_number="RX-1", patient="Bench Patient", compounded_on=dt.date(2026, 12, 1),
        bud=dt.date(2026, 12, 14), compounded_by=TECHNICIAN.name, inputs={"strength": "1 mg/mL"},
        results={"tablets": 2}, document={"mfr": MFR},
        ingredients=(Ingredient("Naltrexone HCl 50 mg tablets", "Accord", "NX-1", "2027-03-31", "2 tablets"),),
    )  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    options = timing.parse(timing.parser_with_runs(__doc__, 7, "signatures timed (default 7)"), argv)
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "log.sqlite3") as store:
        store.add_user(ADMIN.name, "AA", "administrator", ADMIN.password)
        store.add_user(TECHNICIAN.name, "DT", "technician", TECHNICIAN.password, by=ADMIN)
        store.add_user(PHARMACIST.name, "BP", "pharmacist", PHARMACIST.password, by=ADMIN)
        store.approve_formula(MFR["id"], 1, MFR["sha256"], PHARMACIST)
        prepared = []
        for _ in range(options.runs):
            record_id = store.save_record(_record(), by=TECHNICIAN)
            store.sign(record_id, "prepared", TECHNICIAN)
            prepared.append(record_id)
        stored = store._conn.execute("SELECT password_hash FROM desk_user WHERE name = ?",
                                     (PHARMACIST.name,)).fetchone()[0]  # fmt: skip
        ids = iter(prepared)
        signing, kdf = timing.interleaved(
            [timing.timed(lambda: store.sign(next(ids), "verified", PHARMACIST)),
             timing.timed(lambda: users.hasher().verify(stored, PHARMACIST.password))],
            options.runs,
        )  # fmt: skip
        assert store.check().ok
    measured, baseline = statistics.median(signing), statistics.median(kdf)
    print(f"signature (verified), median of {options.runs}: {measured * 1000:.0f} ms; "
          f"the argon2id check alone: {baseline * 1000:.0f} ms "
          f"(time cost {users.PASSWORD_TIME_COST}, {users.PASSWORD_MEMORY_KIB // 1024} MiB)")  # fmt: skip
    ok = measured <= LIMIT_S
    timing.report_row("signing", "verify a prepared record, password checked", measured * 1000, baseline * 1000,
                      "ms", f"< {LIMIT_S * 1000:.0f} ms", ok)  # fmt: skip
    return timing.verdict(ok, f"limit {LIMIT_S * 1000:.0f} ms:")


if __name__ == "__main__":
    sys.exit(main())
