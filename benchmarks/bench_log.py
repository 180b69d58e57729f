"""Benchmark: open a compounding log of 100,000 records and search it by lot number and patient.

Builds the log itself (one bulk transaction, into a temporary folder), then times, as medians of
several runs, `Store.open` + `search(lot=...)` against a trivial baseline from the same run
(connect to the same file with plain sqlite3 and run `SELECT 1`). Exits 1 if opening and
searching takes more than 100 ms.

On the open log it also times the Log page's first page (100 rows) of a common lot and a search by
part of a patient's name, each beside the query log format 5 ran (every match sorted before the
limit; every key scanned), on the same file in the same run.

Then the files, against baselines from the same run: `Store.export_csv` of every record to a new
file (one row per ingredient line, 300,000 rows) against plain sqlite3 reading the same join into
csv.writer, exiting 1 above 3 s (the peak of Python memory during the export is printed: it does
not grow with the log); and the online backup a step at a time (what `Store.backup` copies with,
before it verifies the copy) against SQLite's backup in one step, with the whole verified
`Store.backup` for information.

    .venv/bin/python benchmarks/bench_log.py [--records 100000] [--runs 15] [--file-runs 3] [--keep DIR]
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import sqlite3
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import timing

from ldn_desk.store import Store, chain
from ldn_desk.store.db import copy_in_steps
from ldn_desk.store.keys import lot_key, patient_key

LIMIT_S = 0.100
EXPORT_LIMIT_S = 3.0
TABLET_LOTS = 5_000  # each tablet lot is used by records / 5,000 records: 20 in a 100,000-record log
WATER_LOTS = 100  # each water lot by 1,000 records: a recall of a common lot

_RESULTS = {
    "tablets": 2, "naltrexone_hcl_mg": 100.0, "naltrexone_hcl_mg_text": "100 mg", "batch_volume_ml": 100.0,
    "batch_volume_ml_text": "100 mL", "concentration_mg_per_ml": 1.0, "concentration_mg_per_ml_text": "1 mg/mL",
    "bud": "2026-12-14", "storage": "Refrigerate (2–8 °C)",
    "steps": [
        "Grind 2 naltrexone HCl 50 mg tablets (100 mg naltrexone HCl) to a fine powder in a mortar.",
        "Wet the powder with a little purified water and mix to a smooth paste.",
        "Make up to 100 mL with purified water (q.s.) and mix well: 1 mg/mL.",
    ],
    "warnings": [], "auxiliary_labels": ["Shake well before use", "Keep in the refrigerator"],
}  # fmt: skip
_INPUTS = {"strength": "1 mg/mL", "volume": "100 mL", "compounded": "2026-12-01"}
_DOCUMENT = {"clinic": "Example Pharmacy, 1 High Street", "paper": "A4", "label_layout": "single"}


def build(path: Path, count: int) -> None:
    """A log with `count` signed records of three ingredient lines each, in one transaction."""
    Store.open(path).close()  # the real schema, made the way the program makes it
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA synchronous = OFF")  # building the test file only; the program always syncs
    conn.execute("BEGIN")
    results, inputs, document = json.dumps(_RESULTS), json.dumps(_INPUTS), json.dumps(_DOCUMENT)
    records = []
    lines = []
    for n in range(1, count + 1):
        patient = f"Patient {n:06d}"
        day = f"20{20 + n % 7}-{1 + n % 12:02d}-{1 + n % 28:02d}"
        records.append(
            (n, "liquid", f"RX-{n}", patient, "", patient_key(patient, ""), day, day, "A. Pharmacist",
             "draft", inputs, results, document, "2026-12-01T09:00:00+00:00")
        )  # fmt: skip
        for position, (name, lot, amount) in enumerate(
            (("Naltrexone HCl 50 mg tablets", f"NX-{n % TABLET_LOTS}", "100 mg"),
             ("Purified water", f"W-{n % WATER_LOTS}", "100 mL"),
             ("Amber bottle 100 mL", f"B-{n}", "1 bottle")),
            1,
        ):  # fmt: skip
            lines.append((n, position, name, "Maker", lot, lot_key(lot), "2028-01-31", amount))
    conn.executemany(
        """INSERT INTO record (id, kind, rx_number, patient, patient_ref, patient_key, compounded_on, bud,
               compounded_by, status, inputs_json, results_json, document_json, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        records,
    )
    conn.executemany(
        """INSERT INTO ingredient (record_id, position, name, maker, lot, lot_key, expiry, actual_amount)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
        lines,
    )
    # Saved as drafts, then signed, as the log's rules require; then bound into the chain.
    conn.execute(
        "UPDATE record SET status = 'signed', checked_by = 'B. Checker', signed_at = '2026-12-01T10:00:00+00:00'"
    )
    chain.build(conn)
    conn.execute("COMMIT")
    conn.close()


# What log format 5 ran, kept to compare against in the same run.
# The same columns the search reads, so only the way to the rows differs.
_OLD_LOT_PAGE = """SELECT r.id, r.kind, r.status, r.rx_number, r.patient, r.patient_ref, r.compounded_on, r.bud,
                          r.compounded_by, r.checked_by, r.supersedes,
                          (SELECT n.id FROM record n WHERE n.supersedes = r.id) AS superseded_by,
                          (SELECT group_concat(lot, char(31)) FROM (SELECT lot FROM ingredient
                             WHERE record_id = r.id AND lot != '' ORDER BY position)) AS lots
                     FROM record r WHERE r.id IN (SELECT record_id FROM ingredient WHERE lot_key = ?)
                    ORDER BY r.compounded_on DESC, r.id DESC LIMIT 100"""
_OLD_PATIENT = """SELECT r.id FROM record r WHERE r.id IN (SELECT id FROM record WHERE instr(patient_key, ?) > 0)
                  ORDER BY r.compounded_on DESC, r.id DESC"""


def main() -> int:
    parser = timing.parser_with_runs(__doc__, 15, "timed runs of each (default 15)")
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="build the log in this folder and leave it there")
    parser.add_argument(
        "--file-runs", type=int, default=3, help="timed runs of export and backup (default 3)"
    )
    args = timing.parse(parser, None)
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        path = folder / "bench-log.sqlite3"
        if path.exists():
            path.unlink()
        started = time.perf_counter()
        build(path, args.records)
        print(f"built {args.records:,} records in {time.perf_counter() - started:.1f} s "
              f"({path.stat().st_size / 1e6:.0f} MB)")  # fmt: skip

        def baseline() -> None:
            conn = sqlite3.connect(path)
            conn.execute("SELECT 1").fetchone()
            conn.close()

        def open_and_search(lot: str, expected: int) -> Callable[[], None]:
            def run() -> None:
                with Store.open(path) as store:
                    found = store.search(lot=lot)
                assert len(found) == expected, (lot, len(found))

            return run

        rare = open_and_search("nx-17", args.records // TABLET_LOTS)
        common = open_and_search("W-17", args.records // WATER_LOTS)
        rare(), common()  # warm the file cache, as a second search in the app would find it
        base = timing.median_of(baseline, args.runs)
        rare_s = timing.median_of(rare, args.runs)
        common_s = timing.median_of(common, args.runs)
        with Store.open(path) as store:  # for the Log page: the other filters, on an open log
            patient_s = timing.median_of(lambda: store.search(patient="patient 04217"), args.runs)
            month_s = timing.median_of(
                lambda: store.search(date_from=dt.date(2024, 3, 1), date_to=dt.date(2024, 3, 31)), args.runs
            )
            conn = store._conn
            page_s = timing.median_of(lambda: store.search(lot="W-17", limit=100), args.runs)
            page_old_s = timing.median_of(
                lambda: conn.execute(_OLD_LOT_PAGE, (lot_key("W-17"),)).fetchall(), args.runs
            )
            name_old_s = timing.median_of(
                lambda: conn.execute(_OLD_PATIENT, ("patient 04217",)).fetchall(), args.runs
            )
            assert [s.id for s in store.search(patient="patient 04217")] == [
                row[0] for row in conn.execute(_OLD_PATIENT, ("patient 04217",))
            ]
        files = _time_files(path, folder, args.file_runs, args.records)
    print(
        f"baseline  sqlite3 connect + SELECT 1:                 {base * 1000:7.2f} ms (median of {args.runs})"
    )
    print(f"log       open + search lot, {args.records // TABLET_LOTS:>5} records found:  "
          f"{rare_s * 1000:7.2f} ms ({rare_s / base:.1f}x baseline)")  # fmt: skip
    print(f"log       open + search lot, {args.records // WATER_LOTS:>5} records found:  "
          f"{common_s * 1000:7.2f} ms ({common_s / base:.1f}x baseline)")  # fmt: skip
    print(f"info      search by part of a patient's name:        {patient_s * 1000:7.2f} ms (open log)")
    print(f"info      search one month of records:                {month_s * 1000:7.2f} ms (open log)")
    print(
        f"baseline  first 100 of a common lot, format 5's query:  {page_old_s * 1000:7.2f} ms (sorts every match)"
    )
    print(f"log       first 100 of a common lot (Log page):       {page_s * 1000:7.2f} ms "
          f"({page_s / page_old_s:.2f}x format 5's query)")  # fmt: skip
    print(f"baseline  part of a name, format 5's scan of keys:    {name_old_s * 1000:7.2f} ms")
    print(f"log       part of a name, trigram index:              {patient_s * 1000:7.2f} ms "
          f"({patient_s / name_old_s:.2f}x format 5's scan)")  # fmt: skip
    plain_export_s, export_s, peak_mb, one_step_s, stepped_s, backup_s, rows = files
    print(
        f"baseline  sqlite3 join into csv.writer, {rows:,} rows:   {plain_export_s:7.2f} s (median of {args.file_runs})"
    )
    print(f"log       export_csv, {args.records:,} records:           {export_s:7.2f} s "
          f"({export_s / plain_export_s:.1f}x baseline; Python memory peak {peak_mb:.1f} MB)")  # fmt: skip
    print(
        f"baseline  sqlite3 backup in one step:                {one_step_s:7.2f} s (median of {args.file_runs})"
    )
    print(
        f"log       online backup in steps of 4 MB:            {stepped_s:7.2f} s ({stepped_s / one_step_s:.1f}x baseline)"
    )
    print(f"info      Store.backup (steps, then the full check): {backup_s:7.2f} s")
    worst = max(rare_s, common_s)
    workload = f"{args.records:,} records"
    timing.report_row("log: open + lot search", workload, worst * 1000, base * 1000, "ms",
                      f"<= {LIMIT_S * 1000:.0f} ms", worst <= LIMIT_S)  # fmt: skip
    timing.report_row("log: name search", workload, patient_s * 1000, name_old_s * 1000, "ms",
                      "info (vs format 5 scan)", True)  # fmt: skip
    timing.report_row("log: CSV export", workload, export_s, plain_export_s, "s",
                      f"<= {EXPORT_LIMIT_S:.0f} s", export_s <= EXPORT_LIMIT_S)  # fmt: skip
    timing.report_row("log: stepped backup", workload, stepped_s, one_step_s, "s", "info", True)
    searched = timing.verdict(worst <= LIMIT_S, f"limit {LIMIT_S * 1000:.0f} ms:")
    exported = timing.verdict(export_s <= EXPORT_LIMIT_S, f"export limit {EXPORT_LIMIT_S:.0f} s:")
    return max(searched, exported)


# The export's rows without the program: the same columns, join and order.
_PLAIN_EXPORT = """
SELECT r.id, r.supersedes, (SELECT n.id FROM record n WHERE n.supersedes = r.id), r.status, r.kind, r.rx_number,
       r.patient, r.patient_ref, r.compounded_on, r.bud, r.compounded_by, r.checked_by, r.signed_at, r.reason,
       i.name, i.maker, i.lot, i.expiry, i.actual_amount
  FROM record r LEFT JOIN ingredient i ON i.record_id = r.id
 ORDER BY r.compounded_on DESC, r.id DESC, i.position"""


def _time_files(
    path: Path, folder: Path, runs: int, records: int
) -> tuple[float, float, float, float, float, float, int]:
    """Medians of exporting and backing up the log, each against its plain-sqlite3 baseline."""
    made = iter(range(10**6))

    def fresh(stem: str) -> Path:
        return folder / f"{stem}-{next(made)}"

    rows = [0]

    def plain_export() -> None:
        conn = sqlite3.connect(path)
        with fresh("plain.csv").open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out, lineterminator="\n")
            writer.writerows(conn.execute(_PLAIN_EXPORT))
        conn.close()

    def store_export() -> None:
        with Store.open(path) as store:
            done = store.export_csv(fresh("log.csv"))
        assert done.records == records, done
        rows[0] = done.rows

    def one_step() -> None:
        source, target = sqlite3.connect(path), sqlite3.connect(fresh("one-step.sqlite3"))
        source.backup(target)
        source.close(), target.close()

    def stepped() -> None:
        source, target = sqlite3.connect(path), sqlite3.connect(fresh("stepped.sqlite3"))
        copy_in_steps(source, target)
        source.close(), target.close()

    def store_backup() -> None:
        with Store.open(path) as store:
            store.backup(fresh("backup.sqlite3"))

    samples = timing.interleaved(
        [timing.timed(plain_export), timing.timed(store_export)], runs, alternate=True
    )
    plain_s, export_s = timing.medians(samples)
    tracemalloc.start()
    store_export()
    peak_mb = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    samples = timing.interleaved([timing.timed(one_step), timing.timed(stepped)], runs, alternate=True)
    one_s, stepped_s = timing.medians(samples)
    backup_s = timing.median_of(store_backup, runs)
    for leftover in folder.glob("*-[0-9]*"):
        leftover.unlink()
    return plain_s, export_s, peak_mb, one_s, stepped_s, backup_s, rows[0]


if __name__ == "__main__":
    sys.exit(main())
