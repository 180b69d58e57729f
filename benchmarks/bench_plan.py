"""In-process benchmark: a 16-week titration plan with liquid measuring and dispensing.

Times, in the same process and run, (a) the plan pipeline through the facade, as a front end
asks for it: the standard protocol for 112 days, every step measured at 1 mg/mL and 112 days
split into water fills (14-day BUD, whole tablets), and (b) a trivial baseline (building one
dated Step), interleaved so a busy machine slows both alike.
Prints both medians; exits 1 when the plan's median is over the target (5 ms).

    .venv/bin/python benchmarks/bench_plan.py [--runs 300] [--target-ms 5]
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence

import timing

from ldn_desk.desk import Desk, Dispensing, FromProtocol, LiquidForm, PlanRequest, Step

START = dt.date(2026, 3, 1)
DAYS = 112  # 16 weeks
DESK = Desk()
REQUEST = PlanRequest(
    FromProtocol("standard"),
    START,
    length_days=DAYS,
    form=LiquidForm(1.0),
    supply_days=DAYS,
    advise=False,  # the advisor is timed by bench_typing.py, with the page
)


def plan_work() -> Dispensing:
    supply = DESK.plan(REQUEST).supply
    assert supply is not None
    return supply


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
    timing.report_row(
        "plan pipeline", "16-week plan, liquid, fills", plan_ms, base_ms, "ms",
        f"< {options.target_ms:g} ms", plan_ms <= options.target_ms,
    )  # fmt: skip
    return timing.within_target(plan_ms, options.target_ms, "ms")


if __name__ == "__main__":
    sys.exit(main())
