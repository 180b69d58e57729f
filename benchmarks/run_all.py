"""Run every benchmark in this folder in turn and print one table of them all; exit 1 if any missed.

    .venv/bin/python benchmarks/run_all.py

Each benchmark prints its own lines (shown as they come) and one or more table rows: the name,
the workload, what was measured, the baseline measured in the same run, their ratio, the target
and whether it was met. The table at the end collects those rows.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import timing

HERE = Path(__file__).resolve().parent
ORDER = (
    "bench_dose_cli",
    "bench_plan",
    "bench_plan_split",
    "bench_capsule_advisor",
    "bench_handout",
    "bench_startup",
    "bench_typing",
    "bench_preview",
    "bench_log",
    "bench_shared_log",
    "bench_signing",
)
COLUMNS = ("name", "workload", "measured", "baseline", "ratio", "target", "ok")


def table(rows: list[list[str]]) -> str:
    widths = [max(len(row[i]) for row in [list(COLUMNS), *rows]) for i in range(len(COLUMNS))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        for row in [list(COLUMNS), *rows]
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def main() -> int:
    env = timing.process_env({"QT_QPA_PLATFORM": "offscreen"})
    rows: list[list[str]] = []
    missed = []
    for name in ORDER:
        print(f"== {name}", flush=True)
        process = subprocess.Popen(
            [sys.executable, str(HERE / f"{name}.py")], env=env, stdout=subprocess.PIPE, text=True
        )
        assert process.stdout is not None
        found = False
        for line in process.stdout:
            if line.startswith(timing.ROW_PREFIX):
                rows.append(line[len(timing.ROW_PREFIX) :].rstrip("\n").split("\t"))
                found = True
            else:
                print(line, end="", flush=True)
        if process.wait() or not found:
            missed.append(name)
            if not found:
                rows.append([name, "(no result)", "", "", "", "", "MISSED"])
    print()
    print(table(rows))
    print("all benchmarks met their targets" if not missed else f"missed: {', '.join(missed)}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
