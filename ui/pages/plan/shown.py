"""What the plan page shows of an outcome, built from the outcome alone: the table's rows, the
chart's steps, the headline and the details. The page shows these; a check can build them again
from a direct computation and compare."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ui.i18n import translate
from ui.models.plan import PlanRow
from ui.pages.base import bullet_list, key_values, section
from ui.pages.plan.measures import advice_text, step_measures
from ui.widgets.chart import ChartStep
from ui.widgets.text import safe_html

if TYPE_CHECKING:
    from ldn_desk.desk import PlanOutcome


def measure_title(outcome: PlanOutcome) -> str | None:
    """The Measure column's title: what it is measured from (None: leave it as it is)."""
    if outcome.liquid is not None:
        if outcome.liquid.switch is None:
            return translate("Measure of {strength}").format(strength=outcome.liquid.strength_text)
        return translate("Measure (two bottles)")  # two bottles: each row names its own
    if outcome.capsules is not None:
        return translate("Capsules of {strengths}").format(strengths=outcome.capsules.strengths_text)
    return None


def plan_rows(outcome: PlanOutcome) -> list[PlanRow]:
    from ldn_desk.units.dates import long_date

    plan = outcome.plan
    return [
        PlanRow(step, long_date(step.start_date(plan.start_date)), text, ok)
        for step, (text, ok) in zip(plan.steps, step_measures(outcome), strict=True)
    ]


def chart_steps(outcome: PlanOutcome) -> tuple[list[ChartStep], int | None, str]:
    """The chart's steps (an open last step drawn to the review or the plan's end), the review
    day when it falls on the chart, and the review's words."""
    plan = outcome.plan
    end_day = max(plan.review_day, plan.steps[-1].from_day + plan.interval_days - 1)
    if plan.length_days is not None:
        end_day = plan.length_days
    steps = [
        ChartStep(s.from_day, s.to_day if s.to_day is not None else end_day, s.dose_mg, s.dose_text)
        for s in plan.steps
    ]
    return steps, plan.review_day if plan.review_day <= end_day else None, plan.review_text


def headline(outcome: PlanOutcome) -> str:
    from ldn_desk.units.dates import long_date

    plan = outcome.plan
    first, last = plan.steps[0], plan.steps[-1]
    return f"{first.dose_text} to {last.dose_text} {first.time_text}, review {long_date(plan.review_date)}"


def details_html(outcome: PlanOutcome) -> str:
    """The plan's facts, the advisor's words, the supply fill by fill, the changes and the source."""
    from ldn_desk.units.dates import long_date

    plan = outcome.plan
    facts = [
        ("Plan", plan.protocol_name),
        ("Target", plan.target_text),
        ("Review", f"{long_date(plan.review_date)} (day {plan.review_day})"),
    ]
    details = section("Plan", key_values(facts) + f"<p>{safe_html(plan.review_text)}</p>")
    details += section("Advisor", f"<p>{safe_html(advice_text(outcome))}</p>")
    supply = outcome.supply
    if supply is not None:
        total = f"{supply.total_text} in {len(supply.fills)} fill" + ("" if len(supply.fills) == 1 else "s")
        more = outcome.more_needed_from
        ends = "" if more is None else f"<p><b>More is needed from {safe_html(long_date(more))}.</b></p>"
        details += section(
            f"Supply {'until the review ' if more is None else ''}(days 1–{supply.days})",
            f"<p>{safe_html(total)}</p>" + bullet_list(fill.summary for fill in supply.fills) + ends,
        )
    if plan.edits:
        details += section("Changes made", bullet_list(plan.edits, numbered=True))
    details += f"<p><small>Source: {safe_html(plan.source)}</small></p>"
    return details
