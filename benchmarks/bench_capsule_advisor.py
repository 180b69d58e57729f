"""In-process benchmark: the capsule advisor stays near-linear in the number of distinct doses.

    .venv/bin/python benchmarks/bench_capsule_advisor.py [--runs 5]

Times the advisor (suggest a set of up to four capsule strengths making every dose) on a ladder
of odd doses, 0.1 to 4.5 mg in whole micrograms from a fixed random seed (the worst case: no
set makes them all within three capsules, and micrograms leave no common step), with 50 and
with 100 distinct doses, interleaved. Twice the doses may cost up to 2.5 times as much
(linear is 2, the old search's square would be 4), so a busy machine slows both alike and the
ratio stays. Each run starts with the advisor's memory emptied, so nothing is reused.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from collections.abc import Sequence

import timing

from ldn_desk.plans import measuring
from ldn_desk.plans.measuring import CapsuleAdvice, advise_capsule_strengths
from ldn_desk.plans.model import Plan
from ldn_desk.plans.titration import plan_from_ladder

TARGET = 2.5


def odd_ladder(count: int) -> Plan:
    chooser = random.Random(19)
    doses: set[int] = set()
    while len(doses) < count:
        doses.add(chooser.randint(100, 4500))  # micrograms
    return plan_from_ladder([d / 1000 for d in sorted(doses)], 7, dt.date(2026, 12, 1))


def cold(plan: Plan) -> CapsuleAdvice:
    measuring._fewest.cache_clear()
    return advise_capsule_strengths(plan)


def main(argv: Sequence[str] | None = None) -> int:
    options = timing.parse(timing.parser_with_runs(__doc__, 5, "timed runs of each (default 5)"), argv)
    small, large = odd_ladder(50), odd_ladder(100)
    advice = cold(large)
    if len(advice.strengths_mg) > 4 or not advice.schedule.all_makeable:
        print(f"unexpected advice: {advice.reason}", file=sys.stderr)
        return 1
    samples = timing.interleaved(
        [timing.timed(lambda: cold(large)), timing.timed(lambda: cold(small))], options.runs
    )
    large_s, small_s = timing.medians(samples)
    ratio = large_s / small_s
    print(f"advisor, 100 odd doses: median {large_s * 1000:.0f} ms; 50 odd doses: {small_s * 1000:.0f} ms")
    print(f"advice for 100: {advice.reason}")
    ok = ratio <= TARGET
    timing.report_row(
        "capsule advisor", "100 vs 50 odd doses", large_s * 1000, small_s * 1000, "ms", f"<= {TARGET:g}x", ok
    )
    return timing.verdict(ok, f"growth {ratio:.2f}x for twice the doses (target <= {TARGET:g}x):")


if __name__ == "__main__":
    sys.exit(main())
