"""Benchmark: search a shared log (PostgreSQL) of 100,000 records by lot number, open to answer.

Starts a private PostgreSQL server (tests/pg_server.py: a temporary folder, a Unix socket only),
makes the log's schema the way the program does (`Store.open`), fills it with the records of
bench_log.py (100,000 signed records of three ingredient lines each) by COPY, then times, as
medians of several runs, `Store.open(url)` + `search(lot=...)` against a baseline from the same
run (psycopg connecting to the same database and running `SELECT 1`). Exits 1 if opening and
searching takes more than 100 ms.

    .venv/bin/python benchmarks/bench_shared_log.py [--records 100000] [--runs 15]
"""

from __future__ import annotations

import json
import sys
import time

import timing
from bench_log import _DOCUMENT, _INPUTS, _RESULTS, TABLET_LOTS, WATER_LOTS

from ldn_desk.store import Store
from ldn_desk.store.keys import lot_key, patient_key

sys.path.insert(0, str(timing.ROOT / "tests"))
from pg_server import start_server

LIMIT_S = 0.100


def build(url: str, count: int) -> None:
    import psycopg

    Store.open(url).close()  # the real schema, made the way the program makes it
    results, inputs, document = json.dumps(_RESULTS), json.dumps(_INPUTS), json.dumps(_DOCUMENT)
    with psycopg.connect(url) as conn:
        # Filling a test database only: its rules would refuse rows written as signed.
        conn.execute("SET session_replication_role = replica")
        with conn.cursor().copy(
            "COPY record (id, kind, rx_number, patient, patient_ref, patient_key, compounded_on, bud, compounded_by, "
            "status, checked_by, signed_at, inputs_json, results_json, document_json, created_at) FROM STDIN"
        ) as copy:
            for n in range(1, count + 1):
                patient = f"Patient {n:06d}"
                day = f"20{20 + n % 7}-{1 + n % 12:02d}-{1 + n % 28:02d}"
                copy.write_row((n, "liquid", f"RX-{n}", patient, "", patient_key(patient, ""), day, day,
                                "A. Pharmacist", "signed", "B. Checker", "2026-12-01T10:00:00+00:00", inputs,
                                results, document, "2026-12-01T09:00:00+00:00"))  # fmt: skip
        with conn.cursor().copy(
            "COPY ingredient (record_id, position, name, maker, lot, lot_key, expiry, actual_amount) FROM STDIN"
        ) as copy:
            for n in range(1, count + 1):
                for position, (name, lot, amount) in enumerate(
                    (("Naltrexone HCl 50 mg tablets", f"NX-{n % TABLET_LOTS}", "100 mg"),
                     ("Purified water", f"W-{n % WATER_LOTS}", "100 mL"),
                     ("Amber bottle 100 mL", f"B-{n}", "1 bottle")),
                    1,
                ):  # fmt: skip
                    copy.write_row((n, position, name, "Maker", lot, lot_key(lot), "2028-01-31", amount))
        conn.execute(
            "INSERT INTO lot_use (lot_key, compounded_on, record_id) SELECT DISTINCT i.lot_key, r.compounded_on, "
            "i.record_id FROM ingredient i JOIN record r ON r.id = i.record_id WHERE i.lot_key <> ''"
        )
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")


def main() -> int:
    import psycopg

    parser = timing.parser_with_runs(__doc__, 15, "timed runs of each (default 15)")
    parser.add_argument("--records", type=int, default=100_000)
    args = timing.parse(parser, None)
    server = start_server()
    try:
        url = server.fresh_database()
        started = time.perf_counter()
        build(url, args.records)
        print(f"built {args.records:,} records on PostgreSQL in {time.perf_counter() - started:.1f} s")

        def baseline() -> None:
            with psycopg.connect(url) as conn:
                conn.execute("SELECT 1").fetchone()

        def open_and_search(lot: str, expected: int) -> timing.Sampler:
            def run() -> float:
                start = time.perf_counter()
                with Store.open(url) as store:
                    found = store.search(lot=lot)
                seconds = time.perf_counter() - start
                assert len(found) == expected, (lot, len(found))
                return seconds

            return run

        rare = open_and_search("nx-17", args.records // TABLET_LOTS)
        common = open_and_search("W-17", args.records // WATER_LOTS)
        rare(), common()  # warm the server's cache, as a second search in the app would find it
        base, rare_s, common_s = timing.medians(
            timing.interleaved([timing.timed(baseline), rare, common], args.runs)
        )
        with Store.open(url) as store:
            page_s = timing.median_of(lambda: store.search(lot="W-17", limit=100), args.runs)
    finally:
        server.close()
    print(
        f"baseline  psycopg connect + SELECT 1:                {base * 1000:7.2f} ms (median of {args.runs})"
    )
    print(f"shared    open + search lot, {args.records // TABLET_LOTS:>5} records found:  "
          f"{rare_s * 1000:7.2f} ms ({rare_s / base:.1f}x baseline)")  # fmt: skip
    print(f"shared    open + search lot, {args.records // WATER_LOTS:>5} records found:  "
          f"{common_s * 1000:7.2f} ms ({common_s / base:.1f}x baseline)")  # fmt: skip
    print(f"info      first 100 of a common lot (Log page):       {page_s * 1000:7.2f} ms (open log)")
    worst = max(rare_s, common_s)
    ok = worst <= LIMIT_S
    timing.report_row("shared log: open + search by lot (PostgreSQL)", f"{args.records:,} records",
                      worst * 1000, base * 1000, "ms", f"< {LIMIT_S * 1000:.0f} ms", ok)  # fmt: skip
    return timing.verdict(ok, f"open + search by lot on PostgreSQL within {LIMIT_S * 1000:.0f} ms:")


if __name__ == "__main__":
    sys.exit(main())
