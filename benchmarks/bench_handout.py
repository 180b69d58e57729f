"""In-process benchmark: a 16-week patient handout with calendar and symptom diary, as PDF bytes.

Times, in the same process and run, (a) the whole handout for a 16-week plan (1.5 mg rising
0.5 mg a fortnight, review on day 113, 1 mg/mL liquid with its fills): plan table, chart,
16-week tick-box calendar, safety text and 16-week diary; and (b) a one-page ReportLab baseline (a title and twenty
paragraphs in the same bundled font, same invariant mode), interleaved so a busy machine slows
both alike. Prints both medians and their ratio; exits 1 when the ratio is over the target (20x:
the 0.3 s this benchmark first asked for, at the 15 ms one page takes on a quiet machine here;
as a ratio, a busy machine does not fail it).

    .venv/bin/python benchmarks/bench_handout.py [--runs 15] [--target 20]
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from collections.abc import Sequence

import timing
from reportlab.platypus import Paragraph, SimpleDocTemplate

from ldn_desk.documents.handout import handout_pdf
from ldn_desk.documents.info import HandoutInfo
from ldn_desk.documents.pdfbase import PageSetup, make_styles, page_count
from ldn_desk.plans.dispensing import dispense_liquid
from ldn_desk.plans.measuring import measure_liquid
from ldn_desk.plans.titration import plan_from_steps
from ldn_desk.recipes.dosing import Syringe
from ldn_desk.units.quantity import Quantity

START = dt.date(2026, 3, 1)
DAYS = 112  # 16 weeks
STRENGTH = Quantity(1, "mg/mL")


def mg(value: float) -> Quantity:
    return Quantity(value, "mg")


SYRINGES = [Syringe(1, 0.01), Syringe(3, 0.1), Syringe(5, 0.1)]
INFO = HandoutInfo(
    patient="José Müller-Ñúñez",
    date=dt.date(2026, 2, 27),
    prescriber="Dr Łukasz Øyvind",
    clinic="Northern Integrative Pain and Fatigue Clinic of Saint-Étienne",
    contact="+44 20 7946 0000",
)


def handout() -> bytes:
    # 1.5 mg rising 0.5 mg a fortnight reaches 4.5 mg on day 85; four weeks there puts the review
    # on day 113, so the calendar and the diary cover the full 16 weeks (112 days).
    plan = plan_from_steps(mg(1.5), mg(0.5), 14, mg(4.5), START)
    assert plan.review_day == DAYS + 1
    liquid = measure_liquid(plan, STRENGTH, SYRINGES)
    supply = dispense_liquid(plan, STRENGTH, DAYS)
    return handout_pdf(plan, INFO, PageSetup("a4"), liquid=liquid, supply=supply)


def baseline() -> bytes:
    styles = make_styles(12)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, invariant=1)
    story = [Paragraph("One page", styles.title)]
    story += [
        Paragraph(f"Paragraph {n}: take 1.5 mg at bedtime with the oral syringe.", styles.body)
        for n in range(20)
    ]
    doc.build(story)
    return buffer.getvalue()


def main(argv: Sequence[str] | None = None) -> int:
    parser = timing.parser_with_runs(__doc__, 15, "timed runs of each (default 15)")
    parser.add_argument(
        "--target", type=float, default=20.0, help="highest acceptable ratio to one page (default 20)"
    )
    options = timing.parse(parser, argv)

    # One untimed run of each registers the bundled font and fills the resource caches, as in
    # the app after its first document.
    pdf = handout()
    if baseline()[:5] != b"%PDF-" or page_count(pdf) < 6:
        print(f"unexpected result: {page_count(pdf)} pages", file=sys.stderr)
        return 1

    samples = timing.interleaved([timing.timed(handout), timing.timed(baseline)], options.runs)
    handout_s, base_s = timing.medians(samples)
    print(
        f"16-week handout ({page_count(pdf)} pages, calendar and diary): median {handout_s:.3f} s over {options.runs} runs"
    )
    print(f"baseline (one ReportLab page):                  median {base_s:.3f} s")
    ratio = handout_s / base_s
    ok = ratio <= options.target
    timing.report_row(
        "handout PDF", f"16 weeks, {page_count(pdf)} pages", handout_s * 1000, base_s * 1000, "ms",
        f"<= {options.target:g}x one page", ok,
    )  # fmt: skip
    return timing.verdict(ok, f"ratio {ratio:.1f}x (target <= {options.target:g}x one page):")


if __name__ == "__main__":
    sys.exit(main())
