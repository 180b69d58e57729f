"""Start-up benchmark: `ldn-desk dose … --json` end to end against `python -c "import pint"`.

The dose path needs pint (it reads what a person types) and little else, so a whole dose
calculation from a cold start should cost at most a tenth more than importing pint does: the
parser of one subcommand, a registry of the handful of units LDN uses, the dose arithmetic and
the JSON. Both are timed in the same run, interleaved, so a busy or slow machine affects both
alike; the medians and their ratio are printed, and the exit status is 1 when the ratio is
above the target.

For information, a floor is timed beside them: `import pint`, then as many frozen dataclasses as
the dose path makes, with the same numbers of fields (counted in a run of the command). Python
3.11 compiles six methods for each such class, about a millisecond, and the program's inputs,
results and reference tables are frozen dataclasses (../shared/STYLE.md), so whatever the dose
costs more than the floor is the parser, the tables read and the arithmetic.

    .venv/bin/python benchmarks/bench_dose_cli.py [--runs 15] [--target 1.1]
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import timing

DOSE_ARGS = ("dose", "--dose", "1.5 mg", "--strength", "1 mg/mL", "--json")
PINT_CODE = "import pint"
# Prints the number of fields of each dataclass the dose command makes, one line.
COUNT_CODE = f"""
import contextlib, dataclasses, io
import pint  # its own dataclasses are in the baseline
made = []
process_class = dataclasses._process_class
def counted(cls, *args, **kwargs):
    made.append(len(cls.__dict__.get("__annotations__", {{}})))
    return process_class(cls, *args, **kwargs)
dataclasses._process_class = counted
from ldn_desk.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    main({list(DOSE_ARGS)!r})
print(" ".join(map(str, made)))
"""


def floor_code(field_counts: Sequence[int]) -> str:
    """`import pint`, then one frozen dataclass for each count, with that many fields."""
    lines = ["import pint", "from dataclasses import dataclass"]
    for number, count in enumerate(field_counts):
        fields = "".join(f"\n    f{i}: int = 0" for i in range(count)) or "\n    pass"
        lines.append(f"@dataclass(frozen=True)\nclass C{number}:{fields}")
    return "\n".join(lines)


def _dose_command(python: str) -> list[str]:
    # The console script when the venv has one (what a user runs), else the module form.
    script = Path(python).with_name("ldn-desk.exe" if os.name == "nt" else "ldn-desk")
    if script.exists():
        return [str(script), *DOSE_ARGS]
    return [python, "-m", "ldn_desk", *DOSE_ARGS]


def main(argv: Sequence[str] | None = None) -> int:
    parser = timing.parser_with_runs(__doc__, 15, "cold starts of each command (default 15)")
    parser.add_argument("--target", type=float, default=1.1, help="highest acceptable ratio (default 1.1)")
    parser.add_argument("--python", default=sys.executable, help="interpreter of the venv to time")
    options = timing.parse(parser, argv)

    dose_command = _dose_command(options.python)
    pint_command = [options.python, "-c", PINT_CODE]

    # One untimed start of each warms the disk cache and writes .pyc files.
    _, output = timing.run_process(dose_command)
    payload = json.loads(output)
    # 1.5 mg / 1 mg/mL = 1.5 mL, on the 3 mL syringe (the 1 mL one is too small).
    if (payload.get("volume_ml"), payload.get("syringe_ml")) != (1.5, 3.0):
        raise SystemExit(f"unexpected dose result: {output}")
    timing.run_process(pint_command)
    _, counted = timing.run_process([options.python, "-c", COUNT_CODE])
    field_counts = [int(count) for count in counted.split()]
    floor_command = [options.python, "-c", floor_code(field_counts)]
    timing.run_process(floor_command)

    # Alternate which goes first so none always follows another.
    samples = timing.interleaved(
        [timing.process(dose_command), timing.process(pint_command), timing.process(floor_command)],
        options.runs,
        alternate=True,
    )
    dose_median, pint_median, floor_median = timing.medians(samples)
    ratio = dose_median / pint_median
    print(f"runs:                       {options.runs} each, interleaved")
    print(f"ldn-desk dose (median):     {dose_median * 1000:.0f} ms  ({Path(dose_command[0]).name} …)")
    print(f"import pint (median):       {pint_median * 1000:.0f} ms")
    print(
        f"floor (median):             {floor_median * 1000:.0f} ms  ({floor_median / pint_median:.2f}x: "
        f"import pint + {len(field_counts)} frozen dataclasses)"
    )
    ok = ratio <= options.target
    timing.report_row(
        "command line dose", "dose 1.5 mg of 1 mg/mL --json", dose_median * 1000, pint_median * 1000, "ms",
        f"<= {options.target:g}x import pint", ok,
    )  # fmt: skip
    timing.report_row(
        "dose floor", f"import pint + {len(field_counts)} frozen dataclasses", floor_median * 1000,
        pint_median * 1000, "ms", "info (no target)", True,
    )  # fmt: skip
    return timing.verdict(ok, f"ratio:                      {ratio:.2f}x (target <= {options.target:.2f}x)")


if __name__ == "__main__":
    sys.exit(main())
