"""Start-up benchmark: `ldn-desk dose … --json` end to end against building pint's default registry.

LDN needs a handful of units, so a whole dose calculation from a cold start should cost no more
than `import pint; pint.UnitRegistry()` does. Both are timed in the same run, interleaved, so a
busy or slow machine affects both alike; the medians and their ratio are printed, and the exit
status is 1 when the ratio is above the target.

    .venv/bin/python benchmarks/bench_dose_cli.py [--runs 15] [--target 1.0]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOSE_ARGS = ("dose", "--dose", "1.5 mg", "--strength", "1 mg/mL", "--json")
PINT_CODE = "import pint; pint.UnitRegistry()"


def _dose_command(python: str) -> list[str]:
    # The console script when the venv has one (what a user runs), else the module form.
    script = Path(python).with_name("ldn-desk.exe" if os.name == "nt" else "ldn-desk")
    if script.exists():
        return [str(script), *DOSE_ARGS]
    return [python, "-m", "ldn_desk", *DOSE_ARGS]


def _time_once(command: Sequence[str]) -> tuple[float, str]:
    start = time.perf_counter()
    completed = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
    elapsed = time.perf_counter() - start
    if completed.returncode != 0:
        raise SystemExit(f"failed ({completed.returncode}): {' '.join(command)}\n{completed.stderr}")
    return elapsed, completed.stdout


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=15, help="cold starts of each command (default 15)")
    parser.add_argument("--target", type=float, default=1.0, help="highest acceptable ratio (default 1.0)")
    parser.add_argument("--python", default=sys.executable, help="interpreter of the venv to time")
    options = parser.parse_args(argv)
    if options.runs < 1:
        parser.error("--runs must be at least 1")

    dose_command = _dose_command(options.python)
    pint_command = [options.python, "-c", PINT_CODE]

    # One untimed start of each warms the disk cache and writes .pyc files.
    _, output = _time_once(dose_command)
    payload = json.loads(output)
    # 1.5 mg / 1 mg/mL = 1.5 mL, on the 3 mL syringe (the 1 mL one is too small).
    if (payload.get("volume_ml"), payload.get("syringe_ml")) != (1.5, 3.0):
        raise SystemExit(f"unexpected dose result: {output}")
    _time_once(pint_command)

    dose_times: list[float] = []
    pint_times: list[float] = []
    for run in range(options.runs):
        # Alternate which goes first so neither always follows the other.
        pair = [(dose_command, dose_times), (pint_command, pint_times)]
        for command, times in pair if run % 2 == 0 else reversed(pair):
            times.append(_time_once(command)[0])

    dose_median = statistics.median(dose_times)
    pint_median = statistics.median(pint_times)
    ratio = dose_median / pint_median
    print(f"runs:                       {options.runs} each, interleaved")
    print(f"ldn-desk dose (median):     {dose_median * 1000:.0f} ms  ({Path(dose_command[0]).name} …)")
    print(f"pint UnitRegistry (median): {pint_median * 1000:.0f} ms")
    verdict = "ok" if ratio <= options.target else "TOO SLOW"
    print(f"ratio:                      {ratio:.2f}x (target <= {options.target:.2f}x) {verdict}")
    return 0 if ratio <= options.target else 1


if __name__ == "__main__":
    sys.exit(main())
