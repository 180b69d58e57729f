"""In-process benchmark: a 16-week titration plan with liquid measuring and dispensing.

Times, in the same process and run, (a) building the standard protocol for 112 days, measuring
every step at 1 mg/mL and splitting 112 days into water fills (14-day BUD, whole tablets), and
(b) a trivial baseline (building one dated Step), interleaved so a busy machine slows both alike.
Prints both medians; exits 1 when the plan's median is over the target (5 ms).

    .venv/bin/python benchmarks/bench_plan.py [--runs 300] [--target-ms 5]
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence

import timing

from ldn_desk.plans.dispensing import Dispensing, dispense_liquid
from ldn_desk.plans.measuring import measure_liquid
from ldn_desk.plans.titration import Step, plan_from_protocol
from ldn_desk.units.quantity import Quantity

START = dt.date(2026, 3, 1)
DAYS = 112  # 16 weeks
STRENGTH = Quantity(1, "mg/mL")


def plan_work() -> Dispensing:
    plan = plan_from_protocol("standard", START, days=DAYS)
    measure_liquid(plan, STRENGTH)
    return dispense_liquid(plan, STRENGTH, DAYS)


def baseline() -> Step:
    return Step(1, 14, 1.5)


def main(argv: Sequence[str] | None = None) -> int:
    parser = timing.parser_with_runs(__doc__, 300, "timed runs of each (default 300)")
    parser.add_argument(
        "--target-ms", type=float, default=5.0, help="highest acceptable median (default 5 ms)"
    )
    options = timing.parse(parser, argv)

    # One untimed run fills the resource caches, as in the app after its first plan.
    result = plan_work()
    # Sanity: 8 fills of 14 days; 441 mg (see tests/core/test_dispensing.py).
    if len(result.fills) != 8 or result.total_mg != 441:
        print(f"unexpected result: {len(result.fills)} fills, {result.total_mg} mg", file=sys.stderr)
        return 1
    baseline()

    samples = timing.interleaved([timing.timed(plan_work), timing.timed(baseline)], options.runs)
    plan_ms, base_ms = (median * 1000 for median in timing.medians(samples))
    print(f"16-week plan + liquid measuring + dispensing: median {plan_ms:.3f} ms over {options.runs} runs")
    print(f"baseline (one Step):                          median {base_ms:.4f} ms")
    print(f"ratio {plan_ms / base_ms:.0f}x; target {options.target_ms:g} ms")
    return timing.within_target(plan_ms, options.target_ms, "ms")


if __name__ == "__main__":
    sys.exit(main())
